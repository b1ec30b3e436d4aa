"""``pista export``: the resolved store as a graph, FollowTheMoney entities or chart tables."""

from __future__ import annotations

from pathlib import Path

import typer

from pista.cli.app import app, console, settings
from pista.errors import PistaError
from pista.export import EXPORTERS, export
from pista.store import connect


@app.command("export")
def export_command(
    ctx: typer.Context,
    format: str = typer.Option(..., "--format", help=f"One of: {', '.join(EXPORTERS)}"),
    out: Path = typer.Option(..., "--out", help="File (or folder, for i2 tables) to write"),
    since: str | None = typer.Option(
        None, "--since", help="Only facts from reports on or after this ISO date"
    ),
    until: str | None = typer.Option(
        None, "--until", help="Only facts from reports on or before this ISO date"
    ),
    everyone: bool = typer.Option(
        False,
        "--everyone",
        help="Graphs: keep officials, experts, media and agencies beside the criminal network",
    ),
) -> None:
    """Export the resolved store (run `pista resolve` first)."""
    try:
        engine = connect(settings(ctx).db)
        written = export(engine, format, out, since=since, until=until, everyone=everyone)
    except PistaError as exc:
        console.print(f"[red]error:[/red] {exc}", soft_wrap=True, highlight=False)
        raise typer.Exit(2) from exc
    console.print(f"Wrote {written} items to {out}")
