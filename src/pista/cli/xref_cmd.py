"""``pista xref``: screen resolved persons and organizations against a loaded list."""

from __future__ import annotations

import json
from enum import StrEnum

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pista.cli.app import app, console, settings
from pista.errors import PistaError
from pista.interop.xref import DEFAULT_THRESHOLD, run
from pista.store import connect


class XrefFormat(StrEnum):
    table = "table"
    json = "json"


@app.command("xref")
def xref_command(
    ctx: typer.Context,
    against: str = typer.Option(..., "--against", help="The imported source to screen against"),
    threshold: float = typer.Option(
        DEFAULT_THRESHOLD, "--threshold", min=0.0, max=1.0, help="Lowest score kept"
    ),
    format: XrefFormat = typer.Option(XrefFormat.table, "--format", help="table for people, json for tools"),
) -> None:
    """Find resolved persons and organizations that may be entries of a list (run `pista resolve` first)."""
    try:
        engine = connect(settings(ctx).db)
        found = run(engine, against, threshold=threshold)
    except PistaError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True, highlight=False)
        raise typer.Exit(2) from exc
    if format is XrefFormat.json:
        for m in found:
            typer.echo(json.dumps(m.to_dict(), ensure_ascii=False))
        return
    table = Table("score", "entity", "listed as", "list id", "why")
    for m in found:
        table.add_row(
            f"{m.score:.2f}", f"{m.entity_name}\n{m.entity_key}", m.list_name, m.list_id or "", m.explain()
        )
    Console(width=160).print(table)
    typer.echo(f"{len(found)} candidate matches against {against!r} (threshold {threshold:.2f})")
