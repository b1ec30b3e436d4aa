"""HTML rendering: one Jinja2 environment with autoescape on, and the pieces pages show.

Document text is hostile: nothing here builds markup by string; templates receive plain
strings and structures and Jinja2 escapes every value they print.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pista.documents import Analysis, Evidence
from pista.web.auth import Principal

HERE = Path(__file__).resolve().parent
_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
templates = Jinja2Templates(env=_env)


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s) with a host, else None (no javascript:, data: or relative tricks)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(c in url for c in "\r\n\t<>\"' "):
        return None
    return url


_env.filters["safe_url"] = safe_url


def page(
    request: Request,
    name: str,
    principal: Principal | None,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
) -> HTMLResponse:
    """Render ``name`` with the principal and their CSRF token available to every template."""
    ctx = {
        "principal": principal,
        "user": principal.user if principal else None,
        "csrf_token": principal.csrf_token if principal else "",
        "auth_required": request.app.state.settings.auth_required,
        **(context or {}),
    }
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)


# -- the annotated document text --------------------------------------------------------


@dataclass
class Segment:
    """A run of text with one mention type (or none) and the facts whose evidence covers it."""

    text: str
    entity_type: str | None = None
    entity_id: str | None = None
    evidence: list[str] = field(default_factory=list)  # facts whose evidence sentence covers it
    triggers: list[str] = field(default_factory=list)  # facts whose exact evidence span covers it
    anchors: list[str] = field(default_factory=list)  # ids of the spans starting here
    mention: tuple[int, int, str] | None = None


@dataclass
class Run:
    """Consecutive segments of one mention (or of plain text): one ``<mark>`` in the page."""

    entity_type: str | None
    entity_id: str | None
    parts: list[Segment]


@dataclass
class Fact:
    """One line of the fact list: what it says and which evidence span it points to."""

    kind: str
    label: str
    sentence: str
    target: str | None  # the evidence id in the text, or None when it has no usable span


def _valid(start: int, end: int, size: int) -> bool:
    return 0 <= start < end <= size


def sentence_span(text: str, evidence: Evidence) -> tuple[int, int]:
    """Where ``evidence.sentence`` stands in ``text`` around the evidence span (else the span)."""
    sentence = evidence.sentence.strip()
    if sentence and len(sentence) >= evidence.end - evidence.start:
        at = text.find(sentence, max(0, evidence.end - len(sentence)), evidence.start + len(sentence))
        while at != -1 and at <= evidence.start:
            if at + len(sentence) >= evidence.end:
                return at, at + len(sentence)
            at = text.find(sentence, at + 1, evidence.start + len(sentence))
    return evidence.start, evidence.end


def annotate(
    text: str, analysis: Analysis | None, highlight: tuple[int, int] | None = None
) -> tuple[list[Run], list[Fact]]:
    """Cut ``text`` at every mention and evidence boundary into runs (one per mention or plain
    stretch); list the facts with the evidence span each points to. ``highlight`` (offsets
    from a link to this page) becomes the evidence span ``hl``, shown highlighted on load."""
    size = len(text)
    if analysis is None:
        analysis = Analysis(doc_id=None, lang=None, published=None)
    names = {e.id: (e.names[0] if e.names else e.id) for e in analysis.entities}
    mentions: list[tuple[int, int, str, str]] = []
    for entity in analysis.entities:
        for m in entity.mentions:
            if _valid(m.start, m.end, size):
                mentions.append((m.start, m.end, entity.type, entity.id))
    spans: list[tuple[int, int, str]] = []  # evidence sentences
    exact: list[tuple[int, int, str]] = []  # evidence spans
    facts: list[Fact] = []

    def add(kind: str, label: str, evidence: Evidence | None) -> None:
        if evidence is None:
            facts.append(Fact(kind, label, "", None))
            return
        target = None
        if _valid(evidence.start, evidence.end, size):
            target = f"ev{len(spans) + 1}"
            spans.append((*sentence_span(text, evidence), target))
            exact.append((evidence.start, evidence.end, target))
        facts.append(Fact(kind, label, evidence.sentence, target))

    def n(entity_id: str) -> str:
        return names.get(entity_id, entity_id)

    for r in analysis.relations:
        add("relation", f"{n(r.subject)} — {r.type.replace('_', ' ')} — {n(r.object)}", r.evidence)
    for c in analysis.crimes:
        add("crime", f"{n(c.subject)}: {c.type.replace('_', ' ')}", c.evidence)
    for ev in analysis.events:
        parts = [ev.type.replace("_", " ")]
        if ev.date:
            parts.append(ev.date)
        if ev.location:
            parts.append(f"in {n(ev.location)}")
        for what, count in (("arrested", ev.arrested), ("rescued", ev.rescued), ("killed", ev.killed)):
            if count is not None:
                parts.append(f"{count} {what}")
        if ev.seized:
            parts.append("seized: " + ", ".join(ev.seized))
        add("event", ", ".join(parts), ev.evidence[0] if ev.evidence else None)
    if highlight is not None and _valid(*highlight, size):
        spans.append((*highlight, "hl"))
    for cl in analysis.claims:
        value = int(cl.value) if float(cl.value).is_integer() else cl.value
        qualifier = "" if cl.qualifier == "exact" else cl.qualifier.replace("_", " ") + " "
        where = f" in {n(cl.location)}" if cl.location else ""
        add(
            "claim",
            f"{n(cl.subject)}: {cl.attribute.replace('_', ' ')} {qualifier}{value}{where}",
            cl.evidence,
        )

    cuts = {0, size}
    for start, end, *_ in mentions:
        cuts.update((start, end))
    for start, end, _ in spans + exact:
        cuts.update((start, end))
    points = sorted(cuts)
    # Longer mentions win where mentions overlap.
    mentions.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    first_mention: dict[int, list[str]] = {}
    seen: set[str] = set()
    for start, _end, _etype, eid in mentions:
        if eid not in seen:
            seen.add(eid)
            first_mention.setdefault(start, []).append(f"e-{eid}")
    segments: list[Segment] = []
    for left, right in pairwise(points):
        seg = Segment(text[left:right])
        seg.anchors = [target for start, _end, target in spans if start == left] + first_mention.get(left, [])
        for start, end, etype, eid in mentions:
            if start <= left and right <= end:
                seg.entity_type, seg.entity_id, seg.mention = etype, eid, (start, end, eid)
                break
        seg.evidence = [target for start, end, target in spans if start <= left and right <= end]
        seg.triggers = [target for start, end, target in exact if start <= left and right <= end]
        segments.append(seg)
    runs: list[Run] = []
    for seg in segments:
        if runs and runs[-1].parts[-1].mention == seg.mention:
            runs[-1].parts.append(seg)
        else:
            runs.append(Run(seg.entity_type, seg.entity_id, [seg]))
    return runs, facts
