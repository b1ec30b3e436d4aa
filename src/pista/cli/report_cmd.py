"""``pista report``: the briefing on one criminal group (HTML or PDF), or the store's overview."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from pista.analysis.corpus import Period
from pista.cli.app import app, console
from pista.cli.documents_cmd import open_store
from pista.errors import PistaError
from pista.report import write_overview
from pista.report.briefing import build_briefing, render_briefing, write_html, write_pdf
from pista.report.overview import DEFAULT_LIMIT
from pista.store.resolution import ResolutionStore


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"


@app.command()
def report(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", "-o", help="File to write (its folder is created)"),
    org: str | None = typer.Option(
        None, "--org", help="The organization to brief on (default: the most mentioned criminal group)"
    ),
    since: str | None = typer.Option(
        None, "--since", help="Only reports published (events dated) on or after"
    ),
    until: str | None = typer.Option(
        None, "--until", help="Only reports published (events dated) on or before"
    ),
    everyone: bool = typer.Option(
        False, "--everyone", help="Draw officials, experts, media and agencies in the network too"
    ),
    format: ReportFormat = typer.Option(ReportFormat.html, "--format", help="html, or pdf (needs Chromium)"),
    overview: bool = typer.Option(
        False, "--overview", help="Write the store's overview (every document's facts) instead of a briefing"
    ),
    limit: int = typer.Option(
        DEFAULT_LIMIT,
        "--limit",
        min=1,
        help="Overview: show at most this many documents (counts cover them all)",
    ),
) -> None:
    """Write a briefing on a criminal group: network, timeline, territories, crimes, evidence.

    One self-contained page (inline CSS and SVG, no scripts, no external requests). Without a
    resolved store (run `pista extract --store` and `pista resolve`) or with --overview, writes
    the overview of every document's facts instead. Prints the path written.
    """
    store = open_store(ctx)
    try:
        resolved = ResolutionStore(store.engine).count()["entities"] > 0
        if overview or (not resolved and org is None):
            if format is ReportFormat.pdf:
                raise PistaError(
                    "the overview is written as HTML only: drop --format pdf or resolve the store"
                )
            if not overview:
                console.print("The store is not resolved yet: writing the overview of documents instead.")
            path = write_overview(store, out, limit=limit)
        else:
            briefing = build_briefing(store.engine, org=org, period=Period(since, until), everyone=everyone)
            html = render_briefing(briefing)
            path = write_pdf(html, out) if format is ReportFormat.pdf else write_html(html, out)
    except PistaError as exc:
        console.print(f"[red]error:[/red] {exc}", soft_wrap=True, highlight=False)
        raise typer.Exit(2) from exc
    typer.echo(str(path))
