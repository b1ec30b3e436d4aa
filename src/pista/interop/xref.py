"""Cross-referencing: screen resolved persons and organizations against one loaded list.

Each candidate pair gets an additive, explainable score in [0, 1]:

- names: the best agreement between any name or alias of each side, compared with accents,
  case, punctuation and script folded: the same name (1.0), the same up to spelling variants
  (sound keys, close spellings: 0.9), one name's words all in the other's, in order, with the
  same first word (0.8), an alias equal to a name (0.85). Two full names whose first words differ
  do not agree: a shared surname is not a match.
- birth dates: the same (+0.1), the same year (+0.05), different years (-0.4).
- nationality: shared (+0.05), none shared while both are known (-0.15).
- resolution already merged the two (+0.1).

Matches at or above the threshold are stored in ``xref_matches`` (replacing earlier ones for
the list) for the briefing and the API.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, delete, select

from pista.errors import PistaError
from pista.interop.names import name_key, sound
from pista.interop.store import ListedEntity, listed_entities, sources
from pista.resolve.normalize import jaro_winkler
from pista.store import schema as t
from pista.store.resolution import ResolutionStore, load_corpus

DEFAULT_THRESHOLD = 0.7
SCREENED_TYPES = ("person", "organization")
_TYPE_OF_SCHEMA = {"Person": "person"}


@dataclass
class Match:
    """A resolved entity that may be a listed one, with the features behind the score."""

    source: str
    entity_key: str
    entity_name: str
    list_document_id: str
    list_entity_id: str
    list_id: str | None
    list_name: str
    score: float
    features: list[tuple[str, float, str]] = field(default_factory=list)

    def explain(self) -> str:
        return "; ".join(f"{name} {weight:+.2f} ({detail})" for name, weight, detail in self.features)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "entity_key": self.entity_key,
            "entity_name": self.entity_name,
            "list_document_id": self.list_document_id,
            "list_entity_id": self.list_entity_id,
            "list_id": self.list_id,
            "list_name": self.list_name,
            "score": round(self.score, 3),
            "features": [{"feature": n, "weight": w, "detail": d} for n, w, d in self.features],
            "explanation": self.explain(),
        }


@dataclass
class Side:
    """What one side of a comparison knows: names, aliases, birth dates, nationalities."""

    names: list[str]
    aliases: list[str]
    birth_dates: set[str] = field(default_factory=set)
    nationalities: set[str] = field(default_factory=set)


def _tokens_agree(x: str, y: str) -> bool:
    if x == y:
        return True
    if len(x) > 3 and len(y) > 3 and (sound(x) == sound(y) or jaro_winkler(x, y) >= 0.92):
        return True
    return (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


def _in_order(short: list[str], long: list[str]) -> bool:
    pos = 0
    for tok in short:
        while pos < len(long) and not _tokens_agree(tok, long[pos]):
            pos += 1
        if pos == len(long):
            return False
        pos += 1
    return True


def name_agreement(a: str, b: str) -> tuple[float, str]:
    """How well two names agree (0 to 1) and in what way."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return 0.0, ""
    if ka == kb:
        return (1.0, "same name") if a == b else (1.0, "same name up to accents, case or script")
    ta, tb = ka.split(), kb.split()
    if not _tokens_agree(ta[0], tb[0]):
        return 0.0, ""
    if len(ta) == len(tb) and all(_tokens_agree(x, y) for x, y in zip(ta, tb, strict=True)):
        return 0.9, "same name up to spelling"
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) >= 2 and _in_order(short, long):
        return 0.8, f"every word of {' '.join(short)!r} in {' '.join(long)!r}"
    return 0.0, ""


def name_forms(name: str) -> list[str]:
    """A name and, for "SURNAMES, Given names" as lists write them, the name in reading order."""
    head, sep, tail = name.partition(",")
    if sep and head.strip() and tail.strip() and "," not in tail:
        return [name, f"{tail.strip()} {head.strip()}"]
    return [name]


def _best_names(a: Side, b: Side) -> tuple[float, str]:
    best = (0.0, "")
    forms_a = [f for n in a.names for f in name_forms(n)]
    forms_b = [f for n in b.names for f in name_forms(n)]
    for na in sorted(forms_a, key=lambda n: (-len(n), n)):
        for nb in sorted(forms_b, key=lambda n: (-len(n), n)):
            score, why = name_agreement(na, nb)
            if score > best[0]:
                best = (score, f"{why}: {na!r} / {nb!r}")
    for na, nb, kind in [
        *((x, y, "alias") for x in a.aliases for y in [*b.names, *b.aliases]),
        *((x, y, "alias") for x in a.names for y in b.aliases),
    ]:
        if name_key(na) == name_key(nb) and best[0] < 0.85:
            best = (0.85, f"{kind} agrees: {na!r} / {nb!r}")
    return best


def score_pair(a: Side, b: Side, *, merged: bool = False) -> tuple[float, list[tuple[str, float, str]]]:
    """The score of two sides and its features (names first); 0 when no name agrees."""
    name_score, why = _best_names(a, b)
    if name_score <= 0:
        return 0.0, []
    features = [("name", name_score, why)]
    if a.birth_dates and b.birth_dates:
        if a.birth_dates & b.birth_dates:
            features.append(("birth_date", 0.1, f"both {sorted(a.birth_dates & b.birth_dates)[0]}"))
        elif {d[:4] for d in a.birth_dates} & {d[:4] for d in b.birth_dates}:
            features.append(("birth_year", 0.05, "same year of birth"))
        else:
            features.append(
                ("birth_date_conflict", -0.4, f"{sorted(a.birth_dates)[0]} vs {sorted(b.birth_dates)[0]}")
            )
    if a.nationalities and b.nationalities:
        shared = a.nationalities & b.nationalities
        if shared:
            features.append(("nationality", 0.05, ", ".join(sorted(shared))))
        else:
            features.append(
                (
                    "nationality_conflict",
                    -0.15,
                    f"{', '.join(sorted(a.nationalities))} vs {', '.join(sorted(b.nationalities))}",
                )
            )
    if merged:
        features.append(("resolved_together", 0.1, "resolution already merged them"))
    total = max(0.0, min(1.0, sum(w for _, w, _ in features)))
    return total, features


def _blocks(side: Side) -> set[str]:
    return {sound(tok) for n in [*side.names, *side.aliases] for tok in name_key(n).split() if len(tok) > 1}


def screen(engine: Engine, source: str, *, threshold: float = DEFAULT_THRESHOLD) -> list[Match]:
    """Candidate matches between the resolved entities outside ``source`` and the entries of ``source``."""
    listed = [e for e in listed_entities(engine, source)]
    if not listed:
        known = ", ".join(sources(engine)) or "none"
        raise PistaError(f"no imported list or records source {source!r} (imported sources: {known})")
    store = ResolutionStore(engine)
    keys = store.entity_keys()
    if not keys:
        raise PistaError("nothing is resolved yet: run `pista resolve` first")
    list_docs = {e.document_id for e in listed}
    external: dict[tuple[str, str], ListedEntity] = {
        (e.document_id, e.entity_id): e for e in listed_entities(engine)
    }
    entries: list[tuple[ListedEntity, str, Side]] = []
    index: dict[str, list[int]] = defaultdict(list)
    for entry in listed:
        kind = _TYPE_OF_SCHEMA.get(entry.schema, "organization" if entry.schema != "Address" else "location")
        if kind not in SCREENED_TYPES:
            continue
        side = Side(entry.names, entry.aliases, set(entry.birth_dates), set(entry.nationalities))
        for block in _blocks(side):
            index[f"{kind}:{block}"].append(len(entries))
        entries.append((entry, kind, side))
    corpus, _ = load_corpus(engine)
    country_of = {(d, e.id): e.country for d, analysis in corpus for e in analysis.entities if e.country}
    matches: list[Match] = []
    for ent in store.resolved_entities():
        if ent["type"] not in SCREENED_TYPES:
            continue
        members = [tuple(m) for m in ent.get("members") or []]
        outside = [m for m in members if m[0] not in list_docs]
        if not outside:
            continue
        facts = [external[m] for m in outside if m in external]  # records of other sources
        side = Side(  # only what sources other than the list say: the list's names prove nothing
            names=sorted(n for n, docs in ent["names"].items() if set(docs) - list_docs),
            aliases=sorted(n for n, docs in ent["aliases"].items() if set(docs) - list_docs),
            birth_dates={d for f in facts for d in f.birth_dates},
            nationalities={c for m in outside if (c := country_of.get(m))}
            | {n for f in facts for n in f.nationalities}
            if ent["type"] == "person"
            else set(),
        )
        candidates = sorted({i for b in _blocks(side) for i in index.get(f"{ent['type']}:{b}", [])})
        for i in candidates:
            entry, _, entry_side = entries[i]
            merged = (entry.document_id, entry.entity_id) in set(members)
            score, features = score_pair(side, entry_side, merged=merged)
            if score >= threshold:
                matches.append(
                    Match(
                        source=source,
                        entity_key=ent["key"],
                        entity_name=ent["canonical"],
                        list_document_id=entry.document_id,
                        list_entity_id=entry.entity_id,
                        list_id=entry.external_id,
                        list_name=(entry.names or entry.aliases)[0],
                        score=round(score, 3),
                        features=features,
                    )
                )
    matches.sort(key=lambda m: (-m.score, m.entity_key, m.list_entity_id))
    return matches


def save_matches(engine: Engine, source: str, found: list[Match]) -> None:
    """Replace the stored matches against ``source`` with ``found``."""
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(delete(t.xref_matches).where(t.xref_matches.c.source == source))
        if found:
            conn.execute(
                t.xref_matches.insert(),
                [
                    {
                        "source": m.source,
                        "entity_key": m.entity_key,
                        "entity_name": m.entity_name,
                        "list_document_id": m.list_document_id,
                        "list_entity_id": m.list_entity_id,
                        "list_id": m.list_id,
                        "list_name": m.list_name,
                        "score": m.score,
                        "data": json.dumps({"features": m.to_dict()["features"]}, ensure_ascii=False),
                        "created_at": now,
                    }
                    for m in found
                ],
            )


def run(engine: Engine, source: str, *, threshold: float = DEFAULT_THRESHOLD) -> list[Match]:
    """Screen against ``source`` and store the matches; returns them, best first."""
    found = screen(engine, source, threshold=threshold)
    save_matches(engine, source, found)
    return found


def matches(engine: Engine, source: str | None = None) -> list[Match]:
    """The stored matches (against one list, or all), best first."""
    q = select(t.xref_matches).order_by(
        t.xref_matches.c.score.desc(), t.xref_matches.c.entity_key, t.xref_matches.c.list_entity_id
    )
    if source is not None:
        q = q.where(t.xref_matches.c.source == source)
    with engine.connect() as conn:
        rows = conn.execute(q).all()
    out = []
    for r in rows:
        data = json.loads(r.data)
        out.append(
            Match(
                source=r.source,
                entity_key=r.entity_key,
                entity_name=r.entity_name,
                list_document_id=r.list_document_id,
                list_entity_id=r.list_entity_id,
                list_id=r.list_id,
                list_name=r.list_name,
                score=float(r.score),
                features=[(f["feature"], float(f["weight"]), f["detail"]) for f in data.get("features", [])],
            )
        )
    return out
