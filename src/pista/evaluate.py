"""Scoring system analyses against hand-annotated gold documents.

The rules are those of the evaluation format (entities, merging, relations, crimes,
events, claims, and, when the system gives corpus-wide keys, cross-document resolution
and cross-document events). ``score`` takes gold and system documents as plain dicts in
that format (``Analysis.to_dict()`` output is one) and returns a flat report::

    {"documents": 15, "missing_documents": [],
     "entity": {"p": .., "r": .., "f1": .., "tp": .., "sys": .., "gold": ..},
     "entity:person": {...}, "relation": {...}, "relation:leader_of": {...},
     "crime": {...}, "event": {...}, "claim": {...},
     "acc:subtype": 0.8, "acc:country": .., "acc:role": .., "acc:event.arrested": ..,
     "merge_recall": 0.9, "resolution_b3": {...}, "resolution_b3_hard": {...},
     "event_dedup": {...}}

Figures are rounded to three decimals. Section keys appear only when there is something
to score (an accuracy needs a matched pair, resolution needs system keys).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from pista.documents import SYMMETRIC_RELATIONS
from pista.errors import PistaError

ENTITY_TYPES = ("person", "organization", "location")
EVENT_COUNTS = ("arrested", "rescued", "killed")
CLAIM_TOLERANCE = 0.05

Doc = Mapping[str, Any]


class GoldError(PistaError):
    """A gold folder or file cannot be read as evaluation data."""


# -- loading -------------------------------------------------------------


def load_gold(gold_dir: str | Path) -> dict[str, dict[str, Any]]:
    """Every ``*.json`` gold document of a folder, by ``doc_id``, in file-name order."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise GoldError(f"gold folder {folder} does not exist or is not a folder")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise GoldError(f"gold folder {folder} holds no *.json documents")
    gold: dict[str, dict[str, Any]] = {}
    for path in files:
        doc = _read_gold_file(path)
        gold[doc["doc_id"]] = doc
    return gold


def _read_gold_file(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot be read ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") from exc
    if not isinstance(doc, dict):
        raise GoldError(f"{path}: a gold document is one JSON object")
    for key in ("doc_id", "text"):
        if not isinstance(doc.get(key), str) or not doc[key]:
            raise GoldError(f"{path}: missing or empty {key!r}")
    for key in ("entities", "relations", "crimes", "events", "claims"):
        if not isinstance(doc.get(key, []), list):
            raise GoldError(f"{path}: {key!r} must be a list")
    for i, ent in enumerate(doc.get("entities", [])):
        if not isinstance(ent, dict) or "id" not in ent or "type" not in ent:
            raise GoldError(f"{path}: entity #{i + 1} lacks an 'id' or a 'type'")
    return doc


def read_system_jsonl(path: str | Path) -> dict[str | None, dict[str, Any]]:
    """System analyses from a JSON-lines file, by ``doc_id`` (a later line wins)."""
    system: dict[str | None, dict[str, Any]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            system[doc.get("doc_id")] = doc
    return system


# -- names -----------------------------------------------------------------

_POSSESSIVE = re.compile(r"'s\b")
_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_ARTICLE = re.compile(r"^(the|el|la) ")


def normalize_name(name: str | None) -> str:
    """A name as compared: no accents, case folded, no punctuation, no leading article or 's."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    s = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    s = _POSSESSIVE.sub("", s.replace("’", "'"))
    s = _SPACES.sub(" ", _PUNCT.sub(" ", s)).strip()
    return _ARTICLE.sub("", s)


def entity_names(entity: Doc) -> set[str]:
    """Normalized names of an entity: its names, its ``name`` if any, and its aliases."""
    raw = [*(entity.get("names") or [])]
    if entity.get("name"):
        raw.append(entity["name"])
    raw += entity.get("aliases") or []
    return {n for n in map(normalize_name, raw) if n}


# -- counting --------------------------------------------------------------


def prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1; an empty side scores 1 when the other is empty too."""
    p = tp / n_sys if n_sys else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_sys else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class Counts:
    """True positives, system items and gold items of one scored section."""

    tp: int = 0
    sys: int = 0
    gold: int = 0

    def add(self, tp: int, n_sys: int, n_gold: int) -> None:
        self.tp += tp
        self.sys += n_sys
        self.gold += n_gold

    def report(self) -> dict[str, Any]:
        p, r, f = prf(self.tp, self.sys, self.gold)
        return {
            "p": round(p, 3),
            "r": round(r, 3),
            "f1": round(f, 3),
            "tp": self.tp,
            "sys": self.sys,
            "gold": self.gold,
        }


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1


@dataclass
class ResolutionItem:
    """One matched (document, entity): its system key, gold cluster and gold names."""

    key: str
    ref: str
    names: frozenset[str]


@dataclass
class EventItem:
    doc_id: str
    key: Any
    ref: Any


@dataclass
class Tally:
    """Everything counted while scoring documents one by one."""

    counts: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    accuracy: dict[str, Accuracy] = field(default_factory=lambda: defaultdict(Accuracy))
    merge_found: int = 0
    merge_total: int = 0
    resolution: list[ResolutionItem] = field(default_factory=list)
    events: list[EventItem] = field(default_factory=list)


# -- entities --------------------------------------------------------------


def match_entities(sys_ents: list[Doc], gold_ents: list[Doc]) -> dict[Any, Any]:
    """One-to-one system id -> gold id, same type, most shared names first.

    Ties go to the earlier system entity, then the earlier gold entity.
    """
    gold_names = [entity_names(g) for g in gold_ents]
    candidates: list[tuple[int, Any, Any]] = []
    for s in sys_ents:
        names = entity_names(s)
        for g, g_names in zip(gold_ents, gold_names, strict=True):
            shared = len(names & g_names) if s.get("type") == g.get("type") else 0
            if shared:
                candidates.append((shared, s["id"], g["id"]))
    candidates.sort(key=lambda c: -c[0])
    pairs: dict[Any, Any] = {}
    taken: set[Any] = set()
    for _, sid, gid in candidates:
        if sid not in pairs and gid not in taken:
            pairs[sid] = gid
            taken.add(gid)
    return pairs


def _score_entities(doc_id: str, s_ents: list[Doc], g_ents: list[Doc], s2g: dict[Any, Any], t: Tally) -> None:
    g_by = {e["id"]: e for e in g_ents}
    s_by = {e["id"]: e for e in s_ents}
    for typ in ENTITY_TYPES:
        n_sys = sum(1 for e in s_ents if e.get("type") == typ)
        n_gold = sum(1 for e in g_ents if e.get("type") == typ)
        tp = sum(1 for gid in s2g.values() if g_by[gid]["type"] == typ)
        t.counts["entity:" + typ].add(tp, n_sys, n_gold)
        t.counts["entity"].add(tp, n_sys, n_gold)
    for sid, gid in s2g.items():
        s, g = s_by[sid], g_by[gid]
        t.accuracy["subtype"].add(s.get("subtype") == g.get("subtype"))
        if g.get("country"):
            t.accuracy["country"].add((s.get("country") or "").upper() == g["country"].upper())
        if g["type"] == "person" and g.get("role"):
            t.accuracy["role"].add(s.get("role") == g["role"])
        if s.get("key") is not None:
            ref = g.get("ref") or f"{doc_id}:{gid}"
            t.resolution.append(ResolutionItem(str(s["key"]), ref, frozenset(entity_names(g))))
    g2s = {gid: sid for sid, gid in s2g.items()}
    for g in g_ents:
        names = {normalize_name(n) for n in g.get("names", [])}
        if len(names) < 2:
            continue
        sid = g2s.get(g["id"])
        t.merge_found += len(names & entity_names(s_by[sid])) if sid else 0
        t.merge_total += len(names)


# -- relations, crimes, claims ---------------------------------------------


def _unmatched(local_id: Any) -> tuple[str, Any]:
    """A stand-in for a system id with no gold counterpart: equal to no gold id."""
    return ("unmatched", local_id)


def _relation_key(typ: Any, subject: Any, obj: Any) -> tuple[Any, ...]:
    if typ in SYMMETRIC_RELATIONS:
        return (typ, frozenset((subject, obj)))
    return (typ, subject, obj)


def _score_relations(s: Doc, g: Doc, s2g: dict[Any, Any], t: Tally) -> None:
    gold = {_relation_key(r["type"], r["subject"], r["object"]) for r in g.get("relations", [])}
    system = {
        _relation_key(
            r.get("type"),
            s2g.get(r.get("subject"), _unmatched(r.get("subject"))),
            s2g.get(r.get("object"), _unmatched(r.get("object"))),
        )
        for r in s.get("relations", [])
    }
    t.counts["relation"].add(len(gold & system), len(system), len(gold))
    for typ in {k[0] for k in gold | system if isinstance(k[0], str)}:
        g_typ = {k for k in gold if k[0] == typ}
        s_typ = {k for k in system if k[0] == typ}
        t.counts["relation:" + typ].add(len(g_typ & s_typ), len(s_typ), len(g_typ))


def _score_crimes(s: Doc, g: Doc, s2g: dict[Any, Any], t: Tally) -> None:
    gold = {(c["subject"], c["type"]) for c in g.get("crimes", [])}
    system = {
        (s2g.get(c.get("subject"), _unmatched(c.get("subject"))), c.get("type")) for c in s.get("crimes", [])
    }
    t.counts["crime"].add(len(gold & system), len(system), len(gold))


def _close_enough(value: Any, gold_value: Any) -> bool:
    try:
        return abs(float(value) - float(gold_value)) <= CLAIM_TOLERANCE * abs(float(gold_value))
    except (TypeError, ValueError):
        return False


def _score_claims(s: Doc, g: Doc, s2g: dict[Any, Any], t: Tally) -> None:
    """Each system claim takes the first unused gold claim it agrees with."""
    gold = [(c["subject"], c["attribute"], c["value"]) for c in g.get("claims", [])]
    system = [(s2g.get(c.get("subject")), c.get("attribute"), c.get("value")) for c in s.get("claims", [])]
    used: set[int] = set()
    for subject, attribute, value in system:
        for i, (g_subject, g_attribute, g_value) in enumerate(gold):
            if i in used or subject != g_subject or attribute != g_attribute:
                continue
            if _close_enough(value, g_value):
                used.add(i)
                break
    t.counts["claim"].add(len(used), len(system), len(gold))


# -- events ----------------------------------------------------------------


def dates_agree(a: str | None, b: str | None) -> bool:
    """Same day, or same month or year when either date is only that precise."""
    if not a or not b:
        return False
    n = min(len(a), len(b))
    return n >= 4 and a[:n] == b[:n]


def _event_pair_score(se: Doc, ge: Doc, s2g: dict[Any, Any]) -> int | None:
    """How well a system event fits a gold event, or None when they cannot match."""
    if se.get("type") != ge.get("type"):
        return None
    gold_loc = ge.get("location")
    loc_ok = gold_loc is not None and s2g.get(se.get("location")) == gold_loc
    targets_ok = bool({s2g.get(x) for x in se.get("targets") or []} & set(ge.get("targets") or []))
    if se.get("date") and ge.get("date"):
        if not dates_agree(se["date"], ge["date"]):
            return None
        base = 3 if se["date"] == ge["date"] else 2
    elif loc_ok or (gold_loc is None and targets_ok):
        base = 1
    else:
        return None
    arrested_ok = se.get("arrested") is not None and se.get("arrested") == ge.get("arrested")
    return base + int(loc_ok) + int(targets_ok) + int(arrested_ok)


def match_events(s_ev: list[Doc], g_ev: list[Doc], s2g: dict[Any, Any]) -> list[tuple[Doc, Doc]]:
    """One-to-one (system, gold) event pairs, best-ranked first."""
    candidates: list[tuple[int, int, int]] = []
    for i, se in enumerate(s_ev):
        for j, ge in enumerate(g_ev):
            rank = _event_pair_score(se, ge, s2g)
            if rank is not None:
                candidates.append((rank, i, j))
    candidates.sort(key=lambda c: -c[0])
    pairs: list[tuple[Doc, Doc]] = []
    used_s: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in candidates:
        if i not in used_s and j not in used_g:
            pairs.append((s_ev[i], g_ev[j]))
            used_s.add(i)
            used_g.add(j)
    return pairs


def _score_events(doc_id: str, s: Doc, g: Doc, s2g: dict[Any, Any], t: Tally) -> None:
    s_ev, g_ev = list(s.get("events", [])), list(g.get("events", []))
    pairs = match_events(s_ev, g_ev, s2g)
    t.counts["event"].add(len(pairs), len(s_ev), len(g_ev))
    for se, ge in pairs:
        for k in EVENT_COUNTS:
            if ge.get(k) is not None:
                t.accuracy["event." + k].add(se.get(k) == ge[k])
        if ge.get("location"):
            t.accuracy["event.location"].add(s2g.get(se.get("location")) == ge["location"])
        if ge.get("targets"):
            t.accuracy["event.targets"].add(
                {s2g.get(x) for x in se.get("targets") or []} == set(ge["targets"])
            )
        if ge.get("event_ref") is not None or se.get("key") is not None:
            t.events.append(EventItem(doc_id, se.get("key"), ge.get("event_ref")))


# -- cross-document --------------------------------------------------------


def b_cubed(items: list[ResolutionItem]) -> dict[str, Any]:
    """B-cubed precision, recall and F1 of system keys against gold refs."""
    by_key: dict[str, set[int]] = defaultdict(set)
    by_ref: dict[str, set[int]] = defaultdict(set)
    for i, item in enumerate(items):
        by_key[item.key].add(i)
        by_ref[item.ref].add(i)
    p_sum = r_sum = 0.0
    for item in items:
        shared = len(by_key[item.key] & by_ref[item.ref])
        p_sum += shared / len(by_key[item.key])
        r_sum += shared / len(by_ref[item.ref])
    p, r = p_sum / len(items), r_sum / len(items)
    f = round(2 * p * r / (p + r), 3) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": f, "items": len(items)}


def hard_items(items: list[ResolutionItem]) -> list[ResolutionItem]:
    """Items of an entity named with disjoint names somewhere, or bearing a name two entities share."""
    names_by_ref: dict[str, list[frozenset[str]]] = defaultdict(list)
    refs_by_name: dict[str, set[str]] = defaultdict(set)
    for item in items:
        names_by_ref[item.ref].append(item.names)
        for name in item.names:
            refs_by_name[name].add(item.ref)
    varied = {
        ref for ref, forms in names_by_ref.items() if any(not (a & b) for a, b in combinations(forms, 2))
    }
    return [
        item
        for item in items
        if item.ref in varied or any(len(refs_by_name[name]) > 1 for name in item.names)
    ]


def event_pairs(items: list[EventItem]) -> dict[str, Any] | None:
    """Pairwise precision/recall of "same event" across documents; None without gold pairs."""
    tp = n_sys = n_gold = 0
    for a, b in combinations(items, 2):
        if a.doc_id == b.doc_id:
            continue
        gold_same = a.ref is not None and a.ref == b.ref
        sys_same = a.key is not None and a.key == b.key
        tp += gold_same and sys_same
        n_sys += sys_same
        n_gold += gold_same
    if not n_gold:
        return None
    p, r, f = prf(tp, n_sys, n_gold)
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "gold_pairs": n_gold}


# -- the whole run ---------------------------------------------------------


def score_document(doc_id: str, system: Doc, gold: Doc, tally: Tally) -> None:
    """Add one document's figures to ``tally``."""
    s_ents = [e for e in system.get("entities", []) if e.get("id") is not None]
    g_ents = list(gold.get("entities", []))
    s2g = match_entities(s_ents, g_ents)
    _score_entities(doc_id, s_ents, g_ents, s2g, tally)
    _score_relations(system, gold, s2g, tally)
    _score_crimes(system, gold, s2g, tally)
    _score_claims(system, gold, s2g, tally)
    _score_events(doc_id, system, gold, s2g, tally)


def score(gold: Mapping[str, Doc], system: Mapping[Any, Doc]) -> dict[str, Any]:
    """Score system analyses (by ``doc_id``) against gold documents (by ``doc_id``)."""
    tally = Tally()
    for doc_id, g in gold.items():
        score_document(doc_id, system.get(doc_id, {}), g, tally)
    out: dict[str, Any] = {
        "documents": len(gold),
        "missing_documents": [doc_id for doc_id in gold if doc_id not in system],
    }
    for key in sorted(tally.counts):
        out[key] = tally.counts[key].report()
    for key in sorted(tally.accuracy):
        acc = tally.accuracy[key]
        out["acc:" + key] = round(acc.right / acc.total, 3) if acc.total else None
    out["merge_recall"] = round(tally.merge_found / tally.merge_total, 3) if tally.merge_total else None
    if tally.resolution:
        out["resolution_b3"] = b_cubed(tally.resolution)
        hard = hard_items(tally.resolution)
        if hard:
            out["resolution_b3_hard"] = b_cubed(hard)
    dedup = event_pairs(tally.events)
    if dedup is not None:
        out["event_dedup"] = dedup
    return out


def score_analyses(gold: Mapping[str, Doc], analyses: Iterable[Doc]) -> dict[str, Any]:
    """Score a stream of system analyses (dicts with ``doc_id``) against gold."""
    return score(gold, {a.get("doc_id"): a for a in analyses})


def f1(report: Mapping[str, Any], key: str) -> float | None:
    """The F1 of one section of a report, or None when it was not scored."""
    section = report.get(key)
    return section.get("f1") if isinstance(section, dict) else None
