"""The briefing: one organization's profile, its network, timeline, territories and crimes, in one page.

``build_briefing`` gathers the data (profile, network view, charts as inline SVG);
``templates/briefing.html`` lays it out. The page is self-contained: inline CSS and SVG, no
scripts, no external requests. ``write_pdf`` prints the same page with headless Chromium.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import networkx as nx
from markupsafe import Markup
from sqlalchemy import Engine

from pista.analysis.corpus import Corpus, DocumentInfo, Period, load_corpus
from pista.analysis.graph import NetworkView, network_of
from pista.analysis.profile import Profile, build_profile, find_organization, most_mentioned_group
from pista.errors import PistaError
from pista.report.svg import bar_chart, layout, legend_svg, network_svg, node_kind, timeline_svg
from pista.report.templates import environment

CHROMIUM = "/usr/bin/chromium"
PDF_TIMEOUT = 120
MAX_QUOTES = 10  # evidence sentences quoted per line; the rest are named by document
MAX_DRAWN = 150  # nodes in the network drawing; a larger network is drawn around the organization
KIND_ORDER = ("criminal_group", "faction", "criminal", "official", "agency", "media", "expert", "other")


@dataclass(frozen=True)
class PlayerRow:
    rank: int
    key: str
    label: str
    kind: str
    component_drop: int
    efficiency_drop: float
    betweenness: float
    degree: float
    cell: int
    stated_leader: bool


@dataclass(frozen=True)
class LeaderRow:
    key: str
    label: str
    leads: list[str]
    subordinates: int
    structural_rank: int | None  # its key-player rank, for comparison


@dataclass
class Briefing:
    title: str
    store: str
    generated: str
    period: str
    profile: Profile
    view: NetworkView
    documents: list[DocumentInfo]
    network_svg: Markup
    legend_svg: Markup
    timeline_svg: Markup
    territory_svg: Markup
    country_svg: Markup
    crime_svg: Markup
    players: list[PlayerRow]
    leaders: list[LeaderRow]
    cells: list[list[str]]
    undated: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def cited(self) -> set[str]:
        return set(self.profile.documents)


def _players(view: NetworkView, limit: int = 10) -> list[PlayerRow]:
    community = view.community_of
    leaders = {s.key for s in view.stated_leaders}
    rows = []
    for key, rank in sorted(view.key_player_rank.items(), key=lambda kv: kv[1])[:limit]:
        player = next(p for p in view.key_players if p.key == key)
        node = view.nodes[key]
        m = view.measures[key]
        rows.append(
            PlayerRow(
                rank,
                key,
                node.label,
                node_kind(node.subtype, node.role),
                player.largest_component_drop,
                player.efficiency_drop,
                m.betweenness,
                m.degree,
                community.get(key, 0),
                key in leaders,
            )
        )
    return rows


def drawn(view: NetworkView, key: str, limit: int = MAX_DRAWN) -> nx.Graph:
    """The part of the network worth drawing: all of it, or up to ``limit`` nodes nearest ``key``."""
    g = view.network.undirected()
    if g.number_of_nodes() <= limit:
        return g
    near = nx.single_source_shortest_path_length(g, key, cutoff=2) if key in g else {}
    rank = view.key_player_rank
    ranked = sorted(g.nodes, key=lambda k: (near.get(k, 9), rank.get(k, 10**6), -g.degree(k), k))
    return g.subgraph(ranked[:limit])


def build_briefing(
    engine: Engine,
    *,
    org: str | None = None,
    period: Period | None = None,
    everyone: bool = False,
    now: datetime | None = None,
) -> Briefing:
    """Everything the briefing shows, for ``org`` (default: the most mentioned criminal group)."""
    corpus = load_corpus(engine, period or Period())
    if org:
        key = find_organization(corpus, org)
    else:
        found = most_mentioned_group(corpus)
        if found is None:
            raise PistaError(
                "no criminal group in the resolved store"
                + ("" if corpus.period.open else f" for {corpus.period.describe()}")
                + ": run `pista extract --store` and `pista resolve`, or name one with --org"
            )
        key = found
    return briefing_from(corpus, key, engine=engine, everyone=everyone, now=now)


def briefing_from(
    corpus: Corpus, key: str, *, engine: Engine, everyone: bool = False, now: datetime | None = None
) -> Briefing:
    profile = build_profile(corpus, key)
    view = network_of(corpus, everyone=everyone)
    positions = layout(drawn(view, key), 960, 640)
    present = {node_kind(n.subtype, n.role) for n in view.nodes.values()}
    kinds = [k for k in KIND_ORDER if k in present]
    rank = view.key_player_rank
    leaders = [
        LeaderRow(s.key, view.label(s.key), [view.label(x) for x in s.leads], s.subordinates, rank.get(s.key))
        for s in view.stated_leaders
    ]
    cited = set(profile.documents) | {d for e in profile.timeline for d in e.documents}
    documents = sorted(
        (d for d in corpus.documents.values() if d.id in cited),
        key=lambda d: (d.published or "", d.id),
        reverse=True,
    )
    countries: dict[str, int] = {}
    for t in profile.territories:
        if t.subtype == "country":
            countries[t.name] = max(countries.get(t.name, 0), t.sources)
    return Briefing(
        title=f"Briefing: {profile.name}",
        store=engine.url.render_as_string(hide_password=True),
        generated=(now or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC"),
        period=corpus.period.describe(),
        profile=profile,
        view=view,
        documents=documents,
        network_svg=network_svg(view, highlight=key, pos=positions),
        legend_svg=legend_svg(kinds),
        timeline_svg=timeline_svg(profile.timeline),
        territory_svg=bar_chart(
            [
                (f"{t.name} ({(t.subtype or 'place').replace('_', ' ')})", t.sources)
                for t in profile.territories
            ],
            unit="sources",
            colour="#0f9d58",
        ),
        country_svg=bar_chart(
            sorted(countries.items(), key=lambda kv: -kv[1]), unit="sources", colour="#137333"
        ),
        crime_svg=bar_chart(
            [(c.type.replace("_", " "), c.sources) for c in profile.crimes], unit="sources", colour="#b3261e"
        ),
        players=_players(view),
        leaders=leaders,
        cells=[[view.label(k) for k in cell] for cell in view.cells if len(cell) > 1],
        undated=sum(1 for e in profile.timeline if not e.date and not e.reported),
        extra={
            "everyone": everyone,
            "not_drawn": len(view.nodes) - len(positions),
            "capped": len(view.nodes) > MAX_DRAWN,
            "drawn": len(positions),
        },
    )


def render_briefing(briefing: Briefing) -> str:
    """The briefing as one self-contained HTML page."""
    docs = {d.id: d for d in briefing.documents}
    return (
        environment()
        .get_template("briefing.html")
        .render(page=briefing, p=briefing.profile, docs=docs, MAX_QUOTES=MAX_QUOTES)
    )


def _writable(out: Path) -> Path:
    out = Path(out)
    if out.is_dir():
        raise PistaError(f"{out} is a folder: give a file name such as {out / 'briefing.html'}")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PistaError(f"cannot create the folder of {out}: {exc.strerror or exc}") from exc
    return out


def write_html(html: str, out: Path) -> Path:
    out = _writable(out)
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise PistaError(f"cannot write the report to {out}: {exc.strerror or exc}") from exc
    return out


def chromium_path() -> str | None:
    """The Chromium binary: /usr/bin/chromium, or one on the PATH."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium") or shutil.which("chromium-browser")


def write_pdf(html: str, out: Path, *, browser: str | None = None) -> Path:
    """Print the HTML page to PDF with headless Chromium (no network, a throw-away profile)."""
    out = _writable(out)
    binary = browser or chromium_path()
    if binary is None or not Path(binary).exists():
        raise PistaError(
            "PDF output needs Chromium (/usr/bin/chromium; on Debian: apt-get install chromium): "
            "write HTML with --format html instead"
        )
    with tempfile.TemporaryDirectory(prefix="pista-pdf-") as tmp:
        page = Path(tmp) / "briefing.html"
        page.write_text(html, encoding="utf-8")
        profile = Path(tmp) / "profile"
        command = [
            binary,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={out.resolve()}",
            "--no-pdf-header-footer",
            page.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=PDF_TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PistaError(f"Chromium could not print {out}: {exc}") from exc
    if done.returncode != 0 or not out.exists() or out.stat().st_size == 0:
        tail = (done.stderr or "").strip().splitlines()[-3:]
        raise PistaError(f"Chromium could not print {out} (exit {done.returncode}): {' '.join(tail)}")
    return out
