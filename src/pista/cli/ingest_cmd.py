"""``pista ingest``: read files and folders into the store."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pista.cli.app import app, console
from pista.cli.documents_cmd import open_store
from pista.errors import ConfigError, PistaError
from pista.ingest import DEFAULT_MAX_PAGES, IngestOptions, Observer, Problem, ingest_paths
from pista.store.documents import PUBLISHER_KINDS, RELIABILITY_GRADES

PublisherKind = StrEnum("PublisherKind", {k: k for k in PUBLISHER_KINDS})  # type: ignore[misc]
Reliability = StrEnum("Reliability", {g: g for g in RELIABILITY_GRADES})  # type: ignore[misc]
_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]?)i?b?\s*$", re.I)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(value: str) -> int:
    """Bytes from ``1000``, ``64K``, ``50MB`` or ``2G`` (binary units)."""
    m = _SIZE.match(value)
    if not m or int(m.group(1)) == 0:
        raise ConfigError(f"not a size: {value!r} (use a number of bytes, or 64K, 50MB, 2G)")
    return int(m.group(1)) * _UNITS[m.group(2).lower()]


class _ConsoleObserver(Observer):
    """One line on stderr per failed file or record; a progress bar when stderr is a terminal."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task = progress.add_task("files", total=None, records=0)
        self.records = 0

    def files_found(self, total: int) -> None:
        self.progress.update(self.task, total=total)

    def file_started(self, path: Path) -> None:
        self.progress.update(self.task, description=escape(path.name[-40:]))

    def file_done(self, path: Path) -> None:
        self.progress.advance(self.task)

    def record_stored(self, count: int) -> None:
        self.records += count
        self.progress.update(self.task, records=self.records)

    def error(self, problem: Problem) -> None:
        self.progress.console.print(
            f"[red]error:[/red] {escape(str(problem))}", soft_wrap=True, highlight=False
        )

    def warning(self, problem: Problem) -> None:
        self.progress.console.print(
            f"[yellow]warning:[/yellow] {escape(str(problem))}", soft_wrap=True, highlight=False
        )


@app.command()
def ingest(
    ctx: typer.Context,
    paths: list[Path] = typer.Argument(
        ..., help="Files and folders (read recursively; hidden files skipped)."
    ),
    source: str | None = typer.Option(
        None, "--source", help="Source name for every document (default: each file's folder name)."
    ),
    publisher_kind: PublisherKind = typer.Option(
        "other", "--publisher-kind", help="Who published these texts.", case_sensitive=False
    ),
    reliability: Reliability | None = typer.Option(
        None, "--reliability", help="Source grading, A (reliable) to F (cannot be judged)."
    ),
    max_bytes: str = typer.Option(
        "50MB",
        "--max-bytes",
        envvar="PISTA_MAX_BYTES",
        help="Largest file read (for JSONL/CSV: largest record), e.g. 2000000 or 50MB.",
    ),
    max_pages: int = typer.Option(
        DEFAULT_MAX_PAGES, "--max-pages", min=1, help="PDFs with more pages are refused."
    ),
    encoding: str | None = typer.Option(
        None, "--encoding", help="Encoding of text files (default UTF-8, or what a BOM or HTML meta says)."
    ),
    lang: str | None = typer.Option(
        None, "--lang", help="Language of records that do not name one (default: detected)."
    ),
) -> None:
    """Read txt, md, html, pdf, docx, eml, jsonl and csv files into the store.

    Exit status: 0 when everything was read, 1 when any file or record failed, 2 on a wrong option or an unusable store.
    """
    try:
        options = IngestOptions(
            source=source,
            publisher_kind=str(publisher_kind.value),
            reliability=str(reliability.value) if reliability is not None else None,
            lang=lang,
            encoding=encoding,
            max_bytes=parse_size(max_bytes),
            max_pages=max_pages,
        )
    except ConfigError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True, highlight=False)
        raise typer.Exit(2) from exc
    store = open_store(ctx)
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files, {task.fields[records]} records"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    try:
        with progress:
            report = ingest_paths(store, paths, options, observer=_ConsoleObserver(progress))
    except PistaError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True, highlight=False)
        raise typer.Exit(2) from exc
    finally:
        store.engine.dispose()
    typer.echo(report.summary())
    if report.unsupported_language:
        typer.echo(
            f"{report.unsupported_language} new documents are not in English or Spanish (or too short to tell): "
            "stored and flagged, not analysed"
        )
    if not report.ok:
        raise typer.Exit(1)
