"""``pista documents`` and ``pista stats``: what the store holds."""

from __future__ import annotations

import json
from enum import StrEnum

import typer
from rich.console import Console
from rich.table import Table

from pista.cli.app import app, console, settings
from pista.errors import PistaError
from pista.store import DocumentStore, connect


class ListFormat(StrEnum):
    table = "table"
    json = "json"


def open_store(ctx: typer.Context) -> DocumentStore:
    """The store named by --db / PISTA_DB, or exit with its error."""
    try:
        return DocumentStore(connect(settings(ctx).db))
    except PistaError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


@app.command()
def documents(
    ctx: typer.Context,
    format: ListFormat = typer.Option(ListFormat.table, "--format", help="table for people, json for tools"),
) -> None:
    """List the documents in the store with their sources."""
    rows = open_store(ctx).listing()
    if format is ListFormat.json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table("id", "lang", "published", "words", "title", "sources")
    for row in rows:
        lang = row["lang"] or "?"
        if not row["lang_supported"]:
            lang += " (skipped)"
        table.add_row(
            row["id"],
            lang,
            row["published"] or "",
            str(row["words"]),
            (row["title"] or "")[:60],
            ", ".join(f"{s['source']} ({s['publisher_kind']})" for s in row["sources"]),
        )
    Console().print(table)
    console.print(f"{len(rows)} documents")


@app.command()
def stats(
    ctx: typer.Context,
    format: ListFormat = typer.Option(ListFormat.table, "--format", help="table for people, json for tools"),
) -> None:
    """Counts by language, source and publisher kind, and ingestion errors."""
    store = open_store(ctx)
    data = store.stats()
    data["errors"] = store.errors()
    if format is ListFormat.json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    out = Console()
    out.print(
        f"documents: {data['documents']}  sources: {data['document_sources']}  "
        f"analysed: {data['analysed']}  ingestion errors: {data['ingest_errors']}"
    )
    for title, key in (
        ("language", "by_language"),
        ("source", "by_source"),
        ("publisher kind", "by_publisher_kind"),
    ):
        table = Table(title, "documents", title=f"by {title}")
        for k, n in data[key].items():
            table.add_row(k, str(n))
        out.print(table)
    if data["errors"]:
        table = Table("file", "reason", title="ingestion errors")
        for e in data["errors"][-20:]:
            table.add_row(e["origin"], e["reason"])
        out.print(table)
