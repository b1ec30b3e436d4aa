"""i2 Analyst's Notebook chart tables: ``entities.csv`` and ``links.csv`` in one folder.

One row per resolved entity or event (identity, type, label, attributes) and one row per link
(from and to identities, link type, label, strength, sources, date), in the column layout the
import specification in docs/interop.md reads. Identities are pista keys, so charts built from
two exports of one store line up.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from pista.errors import StoreError
from pista.interop.snapshot import Snapshot, load_snapshot

ENTITY_COLUMNS = [
    "Identity",
    "Type",
    "Label",
    "Subtype",
    "Role",
    "Country",
    "Aliases",
    "Crimes",
    "Date",
    "Documents",
    "Sources",
]
LINK_COLUMNS = ["From", "To", "Link Type", "Label", "Strength", "Confidence", "Date", "Documents", "Sources"]

I2_TYPES = {"person": "Person", "organization": "Organisation", "location": "Location"}
EVENT_TYPES = {"operation": "Operation", "legal_action": "Legal Action", "violent_incident": "Incident"}


def strength(n_documents: int) -> str:
    """i2's line strength: Confirmed (two or more documents), Unconfirmed (one), Tentative (none)."""
    return "Confirmed" if n_documents >= 2 else "Unconfirmed" if n_documents == 1 else "Tentative"


def _sources(snap: Snapshot, documents: list[str]) -> str:
    return "; ".join(sorted({s["source"] for d in documents for s in snap.documents[d].sources}))


def entity_rows(snap: Snapshot) -> list[dict[str, Any]]:
    rows = []
    for key in sorted(snap.entities):
        ent = snap.entities[key]
        aliases = sorted({*ent["names"], *ent["aliases"]} - {ent["canonical"]})
        rows.append(
            {
                "Identity": key,
                "Type": I2_TYPES.get(ent["type"], "Entity"),
                "Label": ent["canonical"],
                "Subtype": ent.get("subtype") or "",
                "Role": "; ".join(ent.get("roles") or []),
                "Country": "; ".join(ent.get("countries") or []),
                "Aliases": "; ".join(aliases),
                "Crimes": "; ".join(snap.crimes.get(key, {})),
                "Date": "",
                "Documents": len(ent["documents"]),
                "Sources": _sources(snap, ent["documents"]),
            }
        )
    for ev in sorted(snap.events, key=lambda e: e["key"]):
        figures = "; ".join(
            f"{k} {max(v['value'] for v in vs)}" for k, vs in sorted((ev.get("figures") or {}).items()) if vs
        )
        label = EVENT_TYPES.get(ev["type"], "Event")
        rows.append(
            {
                "Identity": ev["key"],
                "Type": label,
                "Label": f"{label} {ev.get('date') or ''}".strip(),
                "Subtype": ev["type"],
                "Role": "",
                "Country": "",
                "Aliases": "",
                "Crimes": figures,
                "Date": ev.get("date") or "",
                "Documents": len(ev["documents"]),
                "Sources": _sources(snap, ev["documents"]),
            }
        )
    return rows


def link_rows(snap: Snapshot) -> list[dict[str, Any]]:
    rows = []
    for link in snap.relations:
        rows.append(
            {
                "From": link.subject,
                "To": link.object,
                "Link Type": link.type,
                "Label": link.type.replace("_", " "),
                "Strength": strength(len(link.documents)),
                "Confidence": f"{link.confidence:.2f}",
                "Date": "",
                "Documents": len(link.documents),
                "Sources": _sources(snap, link.documents),
            }
        )
    for ev in sorted(snap.events, key=lambda e: e["key"]):
        ends = [("targeted", k) for k in ev.get("targets") or []]
        ends += [("carried out", k) for k in ev.get("agencies") or []]
        ends += [("took place in", k) for k in ev.get("locations") or []]
        for label, key in ends:
            if key not in snap.entities:
                continue
            frm, to = (key, ev["key"]) if label == "carried out" else (ev["key"], key)
            rows.append(
                {
                    "From": frm,
                    "To": to,
                    "Link Type": label.replace(" ", "_"),
                    "Label": label,
                    "Strength": strength(len(ev["documents"])),
                    "Confidence": "",
                    "Date": ev.get("date") or "",
                    "Documents": len(ev["documents"]),
                    "Sources": _sources(snap, ev["documents"]),
                }
            )
    return rows


def write_i2(
    engine: Engine,
    out: Path,
    *,
    since: str | None = None,
    until: str | None = None,
    everyone: bool = False,
    **_: Any,
) -> int:
    """Write ``entities.csv`` and ``links.csv`` into the folder ``out``; returns rows written."""
    snap = load_snapshot(engine, since=since, until=until)
    out = Path(out)
    entities, links = entity_rows(snap), link_rows(snap)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, columns, rows in (
            ("entities.csv", ENTITY_COLUMNS, entities),
            ("links.csv", LINK_COLUMNS, links),
        ):
            with (out / name).open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.DictWriter(fh, fieldnames=columns)
                writer.writeheader()
                writer.writerows(rows)
    except OSError as exc:
        raise StoreError(f"cannot write the chart tables to {out}: {exc.strerror or exc}") from exc
    return len(entities) + len(links)
