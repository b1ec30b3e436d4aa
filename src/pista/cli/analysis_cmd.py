"""``pista profile`` and ``pista network``: what the resolved store says about a group and its network."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

import typer

from pista.analysis.corpus import EvidenceRef, Period, load_corpus
from pista.analysis.graph import network_of
from pista.analysis.profile import Line, Profile, build_profile, find_organization
from pista.cli.app import app, console, settings
from pista.errors import PistaError
from pista.store import connect

SINCE = typer.Option(None, "--since", help="Only reports published (events dated) on or after this ISO date")
UNTIL = typer.Option(None, "--until", help="Only reports published (events dated) on or before this ISO date")


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


def _fail(exc: PistaError) -> typer.Exit:
    console.print(f"[red]error:[/red] {exc}", soft_wrap=True, highlight=False, markup=True)
    return typer.Exit(2)


def _cite(evidence: list[EvidenceRef], limit: int = 1) -> list[str]:
    return [
        f"      [{e.document}] {e.sentence.strip()}" for e in evidence[:limit] if e.sentence or e.document
    ]


def _sources(n: int) -> str:
    return f"{n} source" if n == 1 else f"{n} sources"


def _lines(title: str, lines: list[Line]) -> list[str]:
    if not lines:
        return []
    out = [f"{title}:"]
    for x in lines:
        note = f" ({x.note})" if x.note else ""
        out.append(f"  - {x.name}{note}: {_sources(x.sources)}")
        out.extend(_cite(x.evidence))
    return out


def profile_text(p: Profile) -> str:
    """The profile for reading in a terminal: every line followed by one sentence it rests on."""
    out = [f"{p.name} [{p.key}] ({(p.subtype or 'organization').replace('_', ' ')})"]
    out.append(f"Period: {p.period}; named in {len(p.documents)} documents")
    if p.countries:
        out.append("Countries: " + ", ".join(p.countries))
    if p.names:
        out.append("Names: " + "; ".join(f"{n} ({c})" for n, c in p.names))
    if p.aliases:
        out.append("Aliases: " + "; ".join(f"{n} ({c})" for n, c in p.aliases))
    if p.same_name:
        out.append("Other entities with one of its names: " + ", ".join(p.same_name))
    out += _lines("Leaders", p.leaders)
    out += _lines("Members", p.members)
    out += _lines("Factions and cells", p.factions)
    out += _lines("Part of", p.parents)
    out += _lines("Allies", p.allies)
    out += _lines("Rivals", p.rivals)
    if p.territories:
        out.append("Territories (sources placing it there):")
        for t in p.territories:
            kind = (t.subtype or "place").replace("_", " ")
            out.append(
                f"  - {t.name} ({kind}{', ' + t.country if t.country else ''}): {t.sources} — {', '.join(t.how)}"
            )
            out.extend(_cite(t.evidence))
    if p.crimes:
        out.append("Crimes (sources):")
        for c in p.crimes:
            out.append(f"  - {c.type.replace('_', ' ')}: {c.sources} — by {', '.join(c.by)}")
            out.extend(_cite(c.evidence))
    if p.timeline:
        out.append("Timeline (one line per real event):")
        for e in p.timeline:
            figures = ", ".join(
                f"{attr} {f.value}"
                + (" (reported: " + " / ".join(str(v) for v, _ in f.reported) + ")" if f.disputed else "")
                for attr, f in e.figures.items()
            )
            place = f" in {', '.join(e.places)}" if e.places else ""
            seized = f"; seized {', '.join(e.seized)}" if e.seized else ""
            out.append(
                f"  - {e.date or 'undated'} {e.type.replace('_', ' ')}{place}"
                f"{': ' + figures if figures else ''}{seized} ({_sources(len(e.documents))})"
            )
            out.extend(_cite(e.evidence))
    out.append(
        "Totals (each real event once): "
        + ", ".join(f"{k} {v}" for k, v in p.totals.items())
        + f"; {len(p.timeline)} events"
        + (("; seizures in " + ", ".join(f"{k} {v}" for k, v in p.seizures.items())) if p.seizures else "")
    )
    if p.member_counts:
        out.append("Member-count estimates (side by side, not averaged):")
        for m in p.member_counts:
            value = int(m.value) if float(m.value).is_integer() else m.value
            qual = "" if m.qualifier == "exact" else m.qualifier.replace("_", " ") + " "
            where = f" in {m.location}" if m.location else ""
            out.append(f"  - {qual}{value:,}{where} — {m.date or 'undated'}, {m.publisher}")
            out.extend(_cite([m.evidence]))
    return "\n".join(out)


@app.command("profile")
def profile_command(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="Any name or alias of the organization (accents and case ignored)"),
    since: str | None = SINCE,
    until: str | None = UNTIL,
    format: OutputFormat = typer.Option(
        OutputFormat.text, "--format", help="text for people, json for tools"
    ),
) -> None:
    """Profile an organization: leaders, members, factions, allies, rivals, territories, crimes, timeline."""
    try:
        corpus = load_corpus(connect(settings(ctx).db), Period(since, until))
        profile = build_profile(corpus, find_organization(corpus, name))
    except PistaError as exc:
        raise _fail(exc) from exc
    if format is OutputFormat.json:
        typer.echo(json.dumps(profile.to_dict(), ensure_ascii=False, indent=1))
    else:
        typer.echo(profile_text(profile))


@app.command("network")
def network_command(
    ctx: typer.Context,
    since: str | None = SINCE,
    until: str | None = UNTIL,
    everyone: bool = typer.Option(
        False, "--everyone", help="Keep officials, experts, media and agencies beside the criminal network"
    ),
    top: int = typer.Option(10, "--top", min=1, help="How many key players and central nodes to list"),
    format: OutputFormat = typer.Option(
        OutputFormat.text, "--format", help="text for people, json for tools"
    ),
) -> None:
    """The network's key players, stated leaders, most central nodes and candidate cells."""
    try:
        corpus = load_corpus(connect(settings(ctx).db), Period(since, until))
        if not corpus.resolved:
            raise PistaError("the store holds no resolved entities: run `pista resolve` first")
        view = network_of(corpus, everyone=everyone)
    except PistaError as exc:
        raise _fail(exc) from exc
    rank = view.key_player_rank
    central = sorted(view.measures.values(), key=lambda m: (-m.betweenness, -m.degree, m.key))[:top]
    data: dict[str, Any] = {
        "period": corpus.period.describe(),
        "nodes": len(view.nodes),
        "edges": len(view.links),
        "key_players": [
            {"rank": n, "key": k, "label": view.label(k)}
            for k, n in sorted(rank.items(), key=lambda kv: kv[1])
        ][:top],
        "stated_leaders": [
            {
                "key": s.key,
                "label": view.label(s.key),
                "leads": [view.label(x) for x in s.leads],
                "subordinates": s.subordinates,
            }
            for s in view.stated_leaders
        ],
        "central": [
            {
                "key": m.key,
                "label": view.label(m.key),
                "degree": m.degree,
                "betweenness": m.betweenness,
                "core": m.core,
            }
            for m in central
        ],
        "cells": [[view.label(k) for k in cell] for cell in view.cells],
    }
    if format is OutputFormat.json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    out = [f"Network ({data['period']}): {data['nodes']} nodes, {data['edges']} edges"]
    out.append("Key players (whose capture would fragment the network most):")
    out += [f"  {x['rank']}. {x['label']}" for x in data["key_players"]] or ["  none"]
    out.append("Stated leaders (as the reports say):")
    out += [
        f"  - {x['label']}{' leads ' + ', '.join(x['leads']) if x['leads'] else ''} ({x['subordinates']} below)"
        for x in data["stated_leaders"]
    ] or ["  none"]
    out.append("Most central (betweenness):")
    out += [
        f"  - {x['label']}: betweenness {x['betweenness']:.3f}, degree {x['degree']:.3f}"
        for x in data["central"]
    ]
    out.append("Candidate cells (communities):")
    out += [f"  {n}. {', '.join(cell)}" for n, cell in enumerate(data["cells"], 1) if len(cell) > 1]
    typer.echo("\n".join(out))
