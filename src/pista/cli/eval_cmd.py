"""``pista eval``: extraction scored against a gold folder, beside the plain spaCy baseline."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pista.baseline import baseline_many
from pista.cli.app import app, console
from pista.cli.extract_cmd import BadInput, analyse_all, word_progress
from pista.documents import RELATION_TYPES, Analysis
from pista.evaluate import GoldError, f1, load_gold, score
from pista.extract import Text
from pista.resolve import assign_keys

SECTIONS: list[tuple[str, str]] = [
    ("entity", "entities"),
    ("entity:person", "  persons"),
    ("entity:organization", "  organizations"),
    ("entity:location", "  locations"),
    ("acc:subtype", "  subtype acc."),
    ("acc:country", "  country acc."),
    ("acc:role", "  role acc."),
    ("merge_recall", "  merge recall"),
    ("relation", "relations"),
    *((f"relation:{typ}", f"  {typ}") for typ in RELATION_TYPES),
    ("crime", "crimes"),
    ("event", "events"),
    ("acc:event.arrested", "  arrested acc."),
    ("acc:event.rescued", "  rescued acc."),
    ("acc:event.killed", "  killed acc."),
    ("acc:event.location", "  location acc."),
    ("acc:event.targets", "  targets acc."),
    ("claim", "claims"),
    ("resolution_b3", "resolution B³"),
    ("resolution_b3_hard", "  hard items"),
    ("event_dedup", "events across docs"),
]


def gold_texts(gold: dict[str, dict[str, Any]]) -> list[Text]:
    return [Text(d["text"], d.get("lang"), d.get("published"), doc_id) for doc_id, d in gold.items()]


def run_pista(texts: list[Text], on_bad: Callable[[BadInput], None], batch_size: int) -> list[Analysis]:
    """pista's analyses of the gold texts, with a progress bar."""
    out: list[Analysis] = []
    words = 0
    with word_progress("Extracting") as progress:
        task = progress.add_task("extract", total=len(texts), rate="0")
        for item, analysis in analyse_all(texts, on_bad=on_bad, batch_size=batch_size):
            out.append(analysis)
            words += len(item.text.split())
            elapsed = progress.tasks[0].elapsed or 0.0
            progress.update(task, advance=1, rate=f"{words / elapsed:,.0f}" if elapsed > 0 else "0")
    return out


def _by_doc(analyses: Iterable[Analysis]) -> dict[Any, dict[str, Any]]:
    return {a.doc_id: a.to_dict() for a in analyses}


@app.command("eval")
def eval_command(
    gold_dir: Path = typer.Argument(..., help="Folder of gold documents (*.json, the evaluation format)"),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON"),
    out: Path | None = typer.Option(
        None, "--out", help="Also write pista's analyses of the gold texts here (JSON lines)"
    ),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Texts per spaCy batch"),
) -> None:
    """Score extraction against gold documents, side by side with the plain spaCy baseline.

    The gold documents are analysed and resolved as one corpus, so cross-document
    resolution (B-cubed) and cross-document events are scored too; the baseline clusters
    entities by exact name.
    """
    try:
        gold = load_gold(gold_dir)
    except GoldError as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True, highlight=False)
        raise typer.Exit(2) from exc
    failed: list[BadInput] = []

    def report(bad: BadInput) -> None:
        failed.append(bad)
        console.print(
            f"[red]error:[/red] {escape(bad.name)}: {escape(bad.reason)}", soft_wrap=True, highlight=False
        )

    texts = gold_texts(gold)
    analyses = run_pista(texts, report, batch_size)
    assign_keys(analyses)  # the gold documents as one corpus: sections 7 and 8
    baseline = list(baseline_many(texts, batch_size=batch_size))
    if out is not None:
        with out.open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in analyses)
    pista_report = score(gold, _by_doc(analyses))
    baseline_report = score(gold, _by_doc(baseline))
    if as_json:
        result = {
            "gold": str(gold_dir),
            "documents": len(gold),
            "pista": pista_report,
            "baseline": baseline_report,
        }
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        screen = Console()
        table = comparison_table(pista_report, baseline_report, title=f"{gold_dir}: {len(gold)} documents")
        (screen if screen.is_terminal else Console(width=100)).print(table)
        console.print(summary_line(pista_report, baseline_report), highlight=False)
    if failed:
        raise typer.Exit(1)


def _figures(value: Any) -> tuple[str, str, str]:
    """(P, R, F1) cells of one report entry; accuracies and recalls fill the last cell."""
    if isinstance(value, dict):
        return f"{value['p']:.3f}", f"{value['r']:.3f}", f"{value['f1']:.3f}"
    if isinstance(value, float | int):
        return "", "", f"{value:.3f}"
    return "", "", "–"


def _gold_count(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("gold", "items", "gold_pairs"):
            if key in value:
                return str(value[key])
    return ""


def _rows(pista: dict[str, Any], baseline: dict[str, Any]) -> Iterator[tuple[str, ...]]:
    for key, label in SECTIONS:
        if key not in pista and key not in baseline:
            continue
        yield (label, *_figures(pista.get(key)), *_figures(baseline.get(key)), _gold_count(pista.get(key)))


def comparison_table(pista: dict[str, Any], baseline: dict[str, Any], *, title: str) -> Table:
    """Per section and per type: pista's and the baseline's figures side by side."""
    table = Table(title=title, box=box.SIMPLE_HEAD, caption="acc. = accuracy over matched pairs")
    table.add_column("section", no_wrap=True)
    for who in ("pista", "spaCy"):
        for fig in ("P", "R", "F1"):
            header = f"{who} {fig}" if fig == "P" else fig
            table.add_column(header, justify="right", style="bold" if fig == "F1" else None, no_wrap=True)
    table.add_column("gold", justify="right", no_wrap=True)
    for row in _rows(pista, baseline):
        table.add_row(*row)
    return table


def summary_line(pista: dict[str, Any], baseline: dict[str, Any]) -> str:
    """One line of the headline F1s, pista's with the baseline's in brackets."""

    def shown(report: dict[str, Any], key: str) -> str:
        value = f1(report, key)
        return "–" if value is None else f"{value:.3f}"

    parts = [
        f"{key} F1 {shown(pista, key)} (spaCy {shown(baseline, key)})"
        for key in ("entity", "relation", "crime", "event", "claim")
    ]
    labels = {
        "resolution_b3": "resolution",
        "resolution_b3_hard": "hard",
        "event_dedup": "events across docs",
    }
    parts += [
        f"{label} F1 {shown(pista, key)} (exact names {shown(baseline, key)})"
        if key != "event_dedup"
        else f"{label} F1 {shown(pista, key)}"
        for key, label in labels.items()
        if key in pista
    ]
    missing = pista.get("missing_documents") or []
    tail = f"; {len(missing)} documents not analysed" if missing else ""
    return f"{pista['documents']} documents: " + ", ".join(parts) + tail
