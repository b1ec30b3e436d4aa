"""``pista report``: an HTML page of what the store holds, every fact with its evidence."""

from __future__ import annotations

from pathlib import Path

import typer

from pista.cli.app import app, console
from pista.cli.documents_cmd import open_store
from pista.errors import PistaError
from pista.report import write_overview
from pista.report.overview import DEFAULT_LIMIT


@app.command()
def report(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", "-o", help="HTML file to write (its folder is created)"),
    limit: int = typer.Option(
        DEFAULT_LIMIT, "--limit", min=1, help="Show at most this many documents (counts cover them all)"
    ),
) -> None:
    """Write an HTML overview of the store, every fact with its evidence.

    One self-contained page (no scripts, no external requests): counts, the documents and
    their sources, and for each analysed document its entities, relations, crimes, events
    and claims, each shown with the sentence it rests on. Prints the path written.
    """
    store = open_store(ctx)
    try:
        path = write_overview(store, out, limit=limit)
    except PistaError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    typer.echo(str(path))
