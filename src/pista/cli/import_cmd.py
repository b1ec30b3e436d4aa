"""``pista import ftm`` and ``pista import records``: lists and structured records into the store."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape

from pista.cli.app import app, console, settings
from pista.errors import PistaError
from pista.interop.store import ImportReport
from pista.store import connect

import_app = typer.Typer(
    help="Load FollowTheMoney entities or structured police records as a source.", no_args_is_help=True
)
app.add_typer(import_app, name="import")


def _finish(report: ImportReport) -> None:
    for error in report.errors:
        console.print(f"[red]error:[/red] {escape(error)}", soft_wrap=True, highlight=False)
    typer.echo(report.summary())
    typer.echo("Run `pista resolve` to resolve them with the rest of the store.")
    if report.errors:
        raise typer.Exit(1)


@import_app.command("ftm")
def import_ftm_command(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="FollowTheMoney entities, one JSON object a line"),
    source: str | None = typer.Option(None, "--source", help="Source name (default: the file's name)"),
    publisher_kind: str = typer.Option("other", "--publisher-kind", help="police, government, ngo, ..."),
) -> None:
    """Load FtM entities (a sanctions list, an Aleph export) as one source."""
    from pista.interop.ftm_import import import_ftm

    try:
        engine = connect(settings(ctx).db)
        report = import_ftm(engine, file, source=source, publisher_kind=publisher_kind)
    except PistaError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True, highlight=False)
        raise typer.Exit(2) from exc
    _finish(report)


@import_app.command("records")
def import_records_command(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="Records: CSV, JSON or JSON lines"),
    mapping: Path = typer.Option(..., "--mapping", help="YAML mapping of the file's fields"),
    source: str | None = typer.Option(
        None, "--source", help="Source name (default: the mapping's, or the file's name)"
    ),
) -> None:
    """Load arrest records or wanted notices, one document per record."""
    from pista.interop.records import import_records, load_mapping

    try:
        engine = connect(settings(ctx).db)
        report = import_records(engine, file, load_mapping(mapping), source=source)
    except PistaError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True, highlight=False)
        raise typer.Exit(2) from exc
    _finish(report)
