"""``pista extract``: analyse files, folders, JSON lines or stdin, or every stored document."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pista.cli.app import app, console
from pista.cli.documents_cmd import open_store
from pista.documents import Analysis, Document, Entity
from pista.errors import IngestError, PistaError
from pista.extract import EXTRACTOR_VERSION, Text, analyze_many
from pista.ingest import BadRecord, iter_records, normalize_date
from pista.ingest.files import collect_files
from pista.language import detect, is_supported
from pista.resolve import assign_keys
from pista.store import DocumentStore
from pista.store.analyses import count_unanalysed, save_analyses

BATCH_SIZE = 32

T = TypeVar("T")


class OutputFormat(StrEnum):
    json = "json"
    table = "table"


@dataclass(frozen=True)
class BadInput:
    """An input that cannot be analysed, and why (or, not ``fatal``, a caveat on one that can)."""

    name: str
    reason: str
    fatal: bool = True


# -- reading inputs --------------------------------------------------------


def read_inputs(names: Sequence[str]) -> Iterator[Text | BadInput]:
    """Texts from files and folders (through the ingestion readers) and ``-`` (stdin), in order."""
    for name in names:
        if name == "-":
            yield from _read_stdin()
            continue
        files, problems = collect_files([name])
        for problem in problems:
            yield BadInput(problem.path, problem.reason)
        if not files and not problems:
            yield BadInput(name, "folder holds no files")
        for path in files:
            yield from read_file(path)


def read_file(path: Path) -> Iterator[Text | BadInput]:
    """The texts of one file in any format ingestion reads (one per record of JSONL or CSV)."""
    try:
        for record in iter_records(path):
            if isinstance(record, BadRecord):
                yield BadInput(record.origin, record.reason)
            else:
                yield from _text_or_bad(
                    _doc_id(path, record.origin), record.text, lang=record.lang, published=record.published
                )
    except IngestError as exc:
        yield BadInput(exc.path, exc.reason)
    except OSError as exc:
        yield BadInput(str(path), f"cannot be read ({exc.strerror or exc})")


def _doc_id(path: Path, origin: str) -> str:
    """A record's ``id`` (JSONL, CSV), ``name#line N`` for a record without one, else the file name."""
    _, sep, fragment = origin.rpartition("#") if origin.startswith(f"{path}#") else ("", "", "")
    if not sep:
        return path.name
    return f"{path.name}#{fragment.removeprefix('line ')}" if fragment.startswith("line ") else fragment


def _read_stdin() -> Iterator[Text | BadInput]:
    content = sys.stdin.read()
    if content.lstrip().startswith("{"):
        yield from read_jsonl("stdin", content.splitlines())
    else:
        yield from _text_or_bad("stdin", content)


def read_jsonl(name: str, lines: Iterable[str]) -> Iterator[Text | BadInput]:
    """One text per line of ``{"id", "text", "published", "lang"}``; a bad line is reported alone."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name} line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BadInput(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield BadInput(where, "not a JSON object")
            continue
        text = record.get("text")
        if not isinstance(text, str):
            yield BadInput(where, "record has no 'text' field")
            continue
        doc_id = record.get("id", record.get("doc_id"))
        yield from _text_or_bad(
            str(doc_id) if doc_id is not None else f"{name}#{number}",
            text,
            lang=_optional_str(record.get("lang")),
            published=_optional_str(record.get("published")),
            where=where,
        )


def _optional_str(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _text_or_bad(
    doc_id: str, text: str, *, lang: str | None = None, published: str | None = None, where: str | None = None
) -> Iterator[Text | BadInput]:
    """The text to analyse, or why not; a date not understood is a warning and is left out."""
    if not text.strip():
        yield BadInput(where or doc_id, "empty text")
        return
    try:
        date = normalize_date(published)
    except ValueError:
        yield BadInput(where or doc_id, f"published date {published!r} not understood, left out", fatal=False)
        date = None
    yield Text(text=text, lang=_lang_code(lang), published=date, doc_id=doc_id)


def _lang_code(value: str | None) -> str | None:
    """``"es-ES"`` -> ``"es"``; anything not a two-letter code is left to language detection."""
    code = (value or "").strip().lower().replace("_", "-").split("-")[0]
    return code if len(code) == 2 and code.isalpha() else None


# -- analysing -------------------------------------------------------------


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def analyse_batch(texts: list[Text]) -> list[Analysis | BadInput]:
    """Analyse a batch; when it fails, analyse one by one so only the culprit is lost."""
    try:
        return list(analyze_many(texts, batch_size=max(len(texts), 1)))
    except Exception:  # an extractor failing on one text must not stop the others
        pass
    out: list[Analysis | BadInput] = []
    for item in texts:
        try:
            out.append(next(analyze_many([item])))
        except Exception as exc:
            out.append(BadInput(item.doc_id or "?", f"analysis failed: {type(exc).__name__}: {exc}"))
    return out


def analyse_all(
    texts: Iterable[Text], *, on_bad: Callable[[BadInput], None], batch_size: int = BATCH_SIZE
) -> Iterator[tuple[Text, Analysis]]:
    """Analyse texts in batches; failures go to ``on_bad`` and the rest goes on."""
    for batch in batched(texts, batch_size):
        for item, result in zip(batch, analyse_batch(batch), strict=True):
            if isinstance(result, BadInput):
                on_bad(result)
            else:
                yield item, result


def word_progress(label: str) -> Progress:
    """A progress bar with documents done and words per second, on stderr."""
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} words/s"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


# -- the command -----------------------------------------------------------


@app.command()
def extract(
    ctx: typer.Context,
    inputs: list[str] = typer.Argument(
        None, metavar="INPUT...", help="Files, folders, JSON-lines files (id, text, published, lang) or -"
    ),
    format: OutputFormat = typer.Option(OutputFormat.json, "--format", help="json: one analysis a line"),
    store: bool = typer.Option(False, "--store", help="Analyse the store's new or changed documents"),
    batch_size: int = typer.Option(BATCH_SIZE, "--batch-size", min=1, help="Texts per spaCy batch"),
    resolve: bool = typer.Option(
        True,
        "--resolve/--no-resolve",
        help="Resolve the inputs as one corpus: every entity and event gets its corpus-wide key "
        "(--no-resolve streams each analysis as soon as it is done)",
    ),
    dask: str | None = typer.Option(
        None,
        "--dask",
        metavar="ADDRESS",
        help="With --store: analyse on the Dask cluster whose scheduler is ADDRESS (tcp://host:8786), "
        "or on local:N, N worker processes on this machine",
    ),
) -> None:
    """Extract entities, relations, crimes, events and claims from reports.

    Without --store, prints the analyses and keeps nothing; the inputs are resolved as one
    corpus, so each entity and event carries a corpus-wide ``key``. With --store, analyses
    every stored document not yet analysed by this version of pista and keeps the results
    (then `pista resolve` resolves the store).
    """
    if store:
        if inputs:
            console.print(
                "[red]error:[/red] --store analyses the stored documents: ingest files with `pista ingest`"
            )
            raise typer.Exit(2)
        if dask:
            _extract_store_dask(ctx, dask, batch_size)
        else:
            _extract_store(ctx, batch_size)
        return
    if dask:
        console.print("[red]error:[/red] --dask analyses the stored documents: add --store")
        raise typer.Exit(2)
    if not inputs:
        console.print("[red]error:[/red] give files, folders or - (stdin), or --store")
        raise typer.Exit(2)
    _extract_print(inputs, format, batch_size, resolve=resolve)


def _extract_print(inputs: Sequence[str], format: OutputFormat, batch_size: int, *, resolve: bool) -> None:
    failed = 0

    def report(bad: BadInput) -> None:
        nonlocal failed
        failed += bad.fatal
        label = "[red]error:[/red]" if bad.fatal else "[yellow]warning:[/yellow]"
        console.print(f"{label} {escape(bad.name)}: {escape(bad.reason)}", soft_wrap=True, highlight=False)

    def texts() -> Iterator[Text]:
        for item in read_inputs(inputs):
            if isinstance(item, BadInput):
                report(item)
            else:
                yield item

    out = Console(soft_wrap=format is OutputFormat.json)
    analysed = 0
    results: Iterable[Analysis] = (a for _, a in analyse_all(texts(), on_bad=report, batch_size=batch_size))
    if resolve:
        results = list(results)
        assign_keys(results)
    for analysis in results:
        analysed += 1
        for warning in analysis.warnings:
            console.print(
                f"[yellow]warning:[/yellow] {escape(str(analysis.doc_id))}: {escape(warning)}",
                soft_wrap=True,
                highlight=False,
            )
        if format is OutputFormat.json:
            typer.echo(json.dumps(analysis.to_dict(), ensure_ascii=False))
        else:
            print_analysis(out, analysis)
    if failed:
        console.print(f"Analysed {analysed} texts; {failed} failed")
        raise typer.Exit(1)


def _extract_store(ctx: typer.Context, batch_size: int) -> None:
    doc_store = open_store(ctx)
    try:
        counts = _analyse_store(doc_store, batch_size)
    finally:
        doc_store.engine.dispose()
    analysed, skipped, failed = counts
    tail = f", {failed} failed" if failed else ""
    typer.echo(f"Analysed {analysed} documents ({skipped} skipped: language{tail})")
    if failed:
        raise typer.Exit(1)


def _analyse_store(doc_store: DocumentStore, batch_size: int) -> tuple[int, int, int]:
    """Analyse the documents lacking a current analysis, one transaction per batch.

    Returns (analysed, skipped for their language, failed).
    """
    pending = count_unanalysed(doc_store.engine, EXTRACTOR_VERSION)
    analysed = skipped = failed = words = 0

    def report(bad: BadInput) -> None:
        nonlocal failed
        failed += 1
        console.print(
            f"[red]error:[/red] document {escape(bad.name)}: {escape(bad.reason)}",
            soft_wrap=True,
            highlight=False,
        )

    with word_progress("Analysing") as progress:
        task = progress.add_task("extract", total=pending, rate="0")
        docs = doc_store.documents(only_unanalysed_for=EXTRACTOR_VERSION)
        for batch in batched(docs, batch_size):
            texts: list[Text] = []
            by_id: dict[str, Document] = {}
            for doc in batch:
                lang = doc.lang if is_supported(doc.lang) else detect(doc.text)
                if not is_supported(lang):
                    skipped += 1
                    continue
                texts.append(Text(doc.text, lang, doc.published, doc.id))
                by_id[doc.id] = doc
            results = [(by_id[str(a.doc_id)], a) for _, a in analyse_all(texts, on_bad=report)]
            save_analyses(doc_store, results, EXTRACTOR_VERSION)
            analysed += len(results)
            words += sum(len(doc.text.split()) for doc, _ in results)
            elapsed = progress.tasks[0].elapsed or 0.0
            rate = f"{words / elapsed:,.0f}" if elapsed > 0 else "0"
            progress.update(task, advance=len(batch), rate=rate)
    return analysed, skipped, failed


def _extract_store_dask(ctx: typer.Context, address: str, batch_size: int) -> None:
    """``--store --dask``: the same analyses, computed on Dask workers, written by this process."""
    from pista.distributed import Failure, analyse_store_on_cluster, open_client

    doc_store = open_store(ctx)
    pending = count_unanalysed(doc_store.engine, EXTRACTOR_VERSION)
    if not pending:
        doc_store.engine.dispose()
        typer.echo("Analysed 0 documents (every document has a current analysis)")
        return
    words = 0

    def report(failure: Failure) -> None:
        console.print(
            f"[red]error:[/red] document {escape(failure.doc_id)}: {escape(failure.reason)}",
            soft_wrap=True,
            highlight=False,
        )

    try:
        with open_client(address) as client, word_progress("Analysing") as progress:
            task = progress.add_task("extract", total=pending, rate="0")

            def advance(documents: int, batch_words: int) -> None:
                nonlocal words
                words += batch_words
                elapsed = progress.tasks[0].elapsed or 0.0
                rate = f"{words / elapsed:,.0f}" if elapsed > 0 else "0"
                progress.update(task, advance=documents, rate=rate)

            run = analyse_store_on_cluster(
                client,
                doc_store,
                EXTRACTOR_VERSION,
                batch_size=batch_size,
                on_batch=advance,
                on_failure=report,
            )
    except PistaError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from exc
    finally:
        doc_store.engine.dispose()
    tail = f", {run.failed} failed (run the command again to retry them)" if run.failed else ""
    typer.echo(f"Analysed {run.analysed} documents ({run.skipped} skipped: language{tail})")
    if run.failed:
        raise typer.Exit(1)


# -- the table for people --------------------------------------------------


def _name(entities: dict[str, Entity], entity_id: str | None) -> str:
    if entity_id is None:
        return "?"
    entity = entities.get(entity_id)
    return entity.names[0] if entity and entity.names else entity_id


def print_analysis(out: Console, analysis: Analysis) -> None:
    """A readable summary of one analysis: entities, relations, crimes, events, claims."""
    ents = {e.id: e for e in analysis.entities}
    out.rule(f"[bold]{analysis.doc_id}[/bold]  {analysis.lang or '?'}  {analysis.published or ''}")
    if analysis.entities:
        table = Table(title="Entities")
        table.add_column("name", ratio=2)
        for column in ("type", "subtype", "role", "country"):
            table.add_column(column, no_wrap=True)
        table.add_column("also named", ratio=2)
        for e in analysis.entities:
            table.add_row(
                e.names[0] if e.names else e.id,
                e.type,
                e.subtype or "",
                e.role or "",
                e.country or "",
                ", ".join(e.names[1:]),
            )
        out.print(table)
    else:
        out.print("No entities found.")
    lines = _fact_lines(analysis, ents)
    for title, items in lines:
        if items:
            out.print(f"[bold]{title}[/bold]")
            for item in items:
                out.print(f"  {item}", highlight=False)


def _fact_lines(analysis: Analysis, ents: dict[str, Entity]) -> list[tuple[str, list[str]]]:
    relations = [f"{_name(ents, r.subject)} —{r.type}→ {_name(ents, r.object)}" for r in analysis.relations]
    crimes = [f"{_name(ents, c.subject)}: {c.type.replace('_', ' ')}" for c in analysis.crimes]
    events = []
    for ev in analysis.events:
        parts = [ev.type.replace("_", " "), ev.date or "date unknown"]
        if ev.location:
            parts.append(f"in {_name(ents, ev.location)}")
        counts = [
            f"{k} {v}"
            for k, v in (("arrested", ev.arrested), ("rescued", ev.rescued), ("killed", ev.killed))
            if v is not None
        ]
        line = " ".join(parts) + (" — " + ", ".join(counts) if counts else "")
        if ev.agencies:
            line += f"; by {', '.join(_name(ents, a) for a in ev.agencies)}"
        if ev.targets:
            line += f"; against {', '.join(_name(ents, a) for a in ev.targets)}"
        if ev.seized:
            line += f"; seized {', '.join(ev.seized)}"
        events.append(line)
    claims = []
    for c in analysis.claims:
        value = f"{c.value:,.0f}" if float(c.value).is_integer() else str(c.value)
        where = f" in {_name(ents, c.location)}" if c.location else ""
        claims.append(
            f"{_name(ents, c.subject)}: {c.attribute.replace('_', ' ')} {c.qualifier.replace('_', ' ')} {value}{where}"
        )
    return [("Relations", relations), ("Crimes", crimes), ("Events", events), ("Claims", claims)]
