"""Charts as inline SVG: the network drawing, the timeline of operations, bar charts.

Every text that reaches the SVG goes through ``escape``; the result is marked safe only here,
once built, so the templates can embed it.
"""

from __future__ import annotations

from datetime import date
from html import escape

import networkx as nx
from markupsafe import Markup

from pista.analysis.graph import NetworkView
from pista.analysis.profile import TimelineEvent

KIND_COLOURS = {
    "criminal_group": "#b3261e",
    "faction": "#e8710a",
    "criminal": "#d9534f",
    "official": "#1a73e8",
    "agency": "#1a73e8",
    "media": "#8e44ad",
    "expert": "#0f9d58",
    "victim": "#9aa0a6",
    "other": "#80868b",
}
KIND_LABELS = {
    "criminal_group": "criminal group",
    "faction": "faction or cell",
    "criminal": "criminal (person)",
    "official": "official",
    "agency": "agency",
    "media": "media",
    "expert": "expert",
    "other": "other",
}
EDGE_COLOURS = {"rival_of": "#c5221f", "allied_with": "#188038", "co_mention": "#c7ccd1"}
EVENT_COLOURS = {"operation": "#1a73e8", "legal_action": "#8e44ad", "violent_incident": "#c5221f"}
FONT = "font-family:system-ui,sans-serif"


def _t(value: object) -> str:
    return escape(str(value), quote=True)


def node_kind(subtype: str | None, role: str | None) -> str:
    if subtype in ("criminal_group", "faction", "agency", "media"):
        return subtype
    if role in KIND_COLOURS:
        return role
    return "other"


Box = tuple[float, float, float, float]  # x, y, width, height


def _boxes(sizes: list[int], width: float, height: float) -> list[Box]:
    """Areas for connected components, largest first: the largest on the left, the others stacked."""
    if len(sizes) == 1:
        return [(0.0, 0.0, width, height)]
    main_w = width * (0.62 if sizes[0] >= sum(sizes[1:]) else 0.5)
    boxes: list[Box] = [(0.0, 0.0, main_w, height)]
    rest = sizes[1:]
    total = sum(max(n, 3) for n in rest)
    y = 0.0
    for n in rest:
        h = height * max(n, 3) / total
        boxes.append((main_w, y, width - main_w, h))
        y += h
    return boxes


def layout(
    g: nx.Graph, width: float, height: float, *, margin: float = 60, max_parts: int = 6
) -> dict[str, tuple[float, float]]:
    """Pixel positions: each connected component (two nodes or more) laid out in its own area.

    Spring layout with a fixed seed, so the same network is always drawn the same way. Isolated
    nodes and the smallest components beyond ``max_parts`` are left out of the drawing.
    """
    parts = sorted((c for c in nx.connected_components(g) if len(c) > 1), key=lambda c: (-len(c), sorted(c)))
    parts = parts[:max_parts]
    out: dict[str, tuple[float, float]] = {}
    for comp, (bx, by, bw, bh) in zip(parts, _boxes([len(c) for c in parts], width, height), strict=True):
        sub = g.subgraph(comp)
        pos = nx.spring_layout(sub, seed=7, k=1.0 / len(comp) ** 0.5, iterations=300)
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        sx, sy = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
        pad_x, pad_y = min(margin, bw / 4), min(margin / 1.5, bh / 4)
        for node, (x, y) in pos.items():
            out[node] = (
                bx + pad_x + (x - min(xs)) / sx * (bw - 2 * pad_x),
                by + pad_y + 8 + (y - min(ys)) / sy * (bh - 2 * pad_y - 8),
            )
    return out


def network_svg(
    view: NetworkView,
    *,
    highlight: str | None = None,
    top: int = 5,
    width: int = 960,
    height: int = 640,
    pos: dict[str, tuple[float, float]] | None = None,
) -> Markup:
    """A static drawing (spring layout, fixed seed): colour by kind, size by degree, key players ringed."""
    full = view.network.undirected()
    pos = layout(full, width, height) if pos is None else pos
    if not pos:
        return Markup("")
    g = full.subgraph(pos)

    def at(key: str) -> tuple[float, float]:
        return pos[key]

    rank = view.key_player_rank
    key_set = {k for k, n in rank.items() if n <= top}
    degree = dict(g.degree())
    max_deg = max(degree.values()) or 1
    labelled = key_set | {highlight or ""} | set(sorted(degree, key=lambda k: (-degree[k], k))[:12])
    if g.number_of_nodes() <= 25:
        labelled |= set(g.nodes)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="Network drawing" class="chart network" style="{FONT}">',
        f'<rect width="{width}" height="{height}" fill="#fbfcfd"/>',
    ]
    for link in sorted(view.links, key=lambda x: x.edge.kind != "co_mention"):
        e = link.edge
        if e.source not in pos or e.target not in pos:  # left out of the drawing
            continue
        (x1, y1), (x2, y2) = at(e.source), at(e.target)
        colour = EDGE_COLOURS.get(e.type if e.kind != "co_mention" else "co_mention", "#7a8591")
        dash = ' stroke-dasharray="4 3"' if e.kind == "co_mention" else ""
        stroke = min(1 + e.sources * e.confidence, 5)
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
            f'stroke-width="{stroke:.1f}"{dash} opacity="0.75"><title>{_t(view.label(e.source))} — '
            f"{_t(e.type.replace('_', ' '))} — {_t(view.label(e.target))} ({e.sources} sources)</title></line>"
        )
    for key in sorted(g.nodes, key=lambda k: (k in key_set, degree[k])):
        node = view.nodes[key]
        x, y = at(key)
        r = 5 + 11 * (degree[key] / max_deg) ** 0.5
        colour = KIND_COLOURS[node_kind(node.subtype, node.role)]
        ring = ""
        if key in key_set:
            ring = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r + 4:.1f}" fill="none" stroke="#111" stroke-width="2.5"/>'
        if key == highlight:
            ring += f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r + 8:.1f}" fill="none" stroke="#f9ab00" stroke-width="3"/>'
        title = _t(node.label) + (f" — key player #{rank[key]}" if key in rank else "")
        parts.append(
            f'<g class="node">{ring}<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}" '
            f'stroke="#fff" stroke-width="1.5"><title>{title}</title></circle>'
        )
        if key in labelled:
            weight = "700" if key in key_set or key == highlight else "400"
            label = node.label if len(node.label) <= 28 else node.label[:27] + "…"
            prefix = f"#{rank[key]} " if key in key_set else ""
            anchor = "start" if x < 110 else "end" if x > width - 110 else "middle"
            tx = x - r if anchor == "start" else x + r if anchor == "end" else x
            parts.append(
                f'<text x="{tx:.1f}" y="{y - r - 5:.1f}" text-anchor="{anchor}" font-size="12" font-weight="{weight}" '
                f'fill="#1d232a" stroke="#fff" stroke-width="3" paint-order="stroke">{_t(prefix + label)}</text>'
            )
        parts.append("</g>")
    parts.append("</svg>")
    return Markup("".join(parts))


def legend_svg(kinds: list[str]) -> Markup:
    """Colour key for the network drawing."""
    width = 170 * len(kinds) + 260
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 26" width="100%" '
        f'style="{FONT};max-width:{width}px" role="img" aria-label="Legend">'
    ]
    x = 8
    for kind in kinds:
        parts.append(f'<circle cx="{x + 6}" cy="13" r="6" fill="{KIND_COLOURS[kind]}"/>')
        parts.append(f'<text x="{x + 17}" y="17" font-size="12">{_t(KIND_LABELS.get(kind, kind))}</text>')
        x += 150
    parts.append(f'<circle cx="{x + 6}" cy="13" r="7" fill="none" stroke="#111" stroke-width="2.5"/>')
    parts.append(f'<text x="{x + 18}" y="17" font-size="12">key player</text>')
    x += 100
    parts.append(
        f'<line x1="{x}" y1="13" x2="{x + 24}" y2="13" stroke="#c7ccd1" stroke-width="2" stroke-dasharray="4 3"/>'
    )
    parts.append(f'<text x="{x + 30}" y="17" font-size="12">co-mention</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _day(value: str | None) -> date | None:
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 7
        d = int(parts[2]) if len(parts) > 2 else 15 if len(parts) > 1 else 1
        return date(y, m, d)
    except (ValueError, IndexError):
        return None


def timeline_svg(events: list[TimelineEvent], *, width: int = 960) -> Markup:
    """Dated events on a time axis, one lane per type; marker size by people arrested, rescued or killed."""
    dated = [(d, e) for e in events if (d := _day(e.date or e.reported))]
    if not dated:
        return Markup("")
    lanes = [t for t in EVENT_COLOURS if any(e.type == t for _, e in dated)]
    lane_h, top, left, right = 56, 24, 140, 30
    height = top + lane_h * len(lanes) + 40
    lo = min(d for d, _ in dated)
    hi = max(d for d, _ in dated)
    span = max((hi - lo).days, 1)

    def x_of(d: date) -> float:
        return (
            left + (d - lo).days / span * (width - left - right) if hi != lo else (left + width - right) / 2
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="Timeline of events" class="chart timeline" style="{FONT}">'
    ]
    for n, lane in enumerate(lanes):
        y = top + n * lane_h + lane_h / 2
        parts.append(f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" stroke="#e3e6ea"/>')
        parts.append(
            f'<text x="{left - 10}" y="{y + 4}" text-anchor="end" font-size="12" fill="#333">'
            f"{_t(lane.replace('_', ' '))}</text>"
        )
    axis_y = top + lane_h * len(lanes) + 6
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="#555"/>')
    for year in range(lo.year, hi.year + 2):
        tick = date(year, 1, 1)
        if lo <= tick <= hi or (lo == hi and year == lo.year):
            x = x_of(tick) if lo != hi else x_of(lo)
            label = str(year) if lo != hi else lo.isoformat()
            parts.append(f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 5}" stroke="#555"/>')
            parts.append(
                f'<text x="{x:.1f}" y="{axis_y + 18}" text-anchor="middle" font-size="11">{_t(label)}</text>'
            )
    if lo != hi:
        for d in (lo, hi):
            parts.append(
                f'<text x="{x_of(d):.1f}" y="{axis_y + 32}" text-anchor="middle" font-size="10" fill="#5b6670">'
                f"{_t(d.isoformat())}</text>"
            )
    for d, e in sorted(dated, key=lambda p: p[0]):
        row = lanes.index(e.type) if e.type in lanes else 0
        y = top + row * lane_h + lane_h / 2
        people = sum(f.value for f in e.figures.values())
        r = 5 + min(people, 400) ** 0.5 * 0.9
        figures = ", ".join(f"{k} {f.value}" for k, f in e.figures.items())
        colour = EVENT_COLOURS.get(e.type, "#555")
        if e.date:
            fill = f'fill="{colour}" fill-opacity="0.7" stroke="#fff"'
        else:  # placed at the date of its first report: drawn hollow
            fill = f'fill="#fff" stroke="{colour}" stroke-width="2" stroke-dasharray="3 2"'
        when = e.date or f"reported {e.reported}"
        title = f"{when} {e.type.replace('_', ' ')}" + (f" in {', '.join(e.places)}" if e.places else "")
        title += f" — {figures}" if figures else ""
        title += f" ({len(e.documents)} sources)"
        parts.append(
            f'<circle cx="{x_of(d):.1f}" cy="{y}" r="{r:.1f}" {fill}><title>{_t(title)}</title></circle>'
        )
        if people:
            parts.append(
                f'<text x="{x_of(d):.1f}" y="{y - r - 3:.1f}" text-anchor="middle" font-size="11">{people}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def bar_chart(
    rows: list[tuple[str, int]], *, unit: str = "sources", colour: str = "#0b5cad", limit: int = 20
) -> Markup:
    """Horizontal bars, largest first, each labelled with its value."""
    rows = [r for r in rows if r[1] > 0][:limit]
    if not rows:
        return Markup("")
    bar_h, left, width = 22, 210, 760
    height = bar_h * len(rows) + 10
    top_value = max(v for _, v in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="Bar chart ({_t(unit)})" class="chart bars" style="{FONT};max-width:{width}px">'
    ]
    for n, (label, value) in enumerate(rows):
        y = 5 + n * bar_h
        w = (width - left - 60) * value / top_value
        text = label if len(label) <= 30 else label[:29] + "…"
        parts.append(
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" font-size="12">{_t(text)}</text>'
            f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="{bar_h - 6}" fill="{colour}" rx="2">'
            f"<title>{_t(label)}: {value} {_t(unit)}</title></rect>"
            f'<text x="{left + w + 6:.1f}" y="{y + 15}" font-size="12" fill="#333">{value}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
