"""``analyze``: one text in, one Analysis out (entities, relations, crimes, events, claims).

A pure function of its inputs: the spaCy pipelines are loaded once per process and reused,
so the same call runs in-process, in a pool or on Dask workers. ``analyze_many`` batches
texts through ``nlp.pipe``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from pista.documents import Analysis, Entity, Evidence, Relation
from pista.extract import claims, crimes, entities, events, relations
from pista.extract.context import DocContext
from pista.extract.normalize import norm
from pista.extract.pipeline import load_model
from pista.language import UNDETERMINED, detect, is_supported

EXTRACTOR_VERSION = "0.1.0"


@dataclass(frozen=True)
class Text:
    """One text to analyse, with what is known of it."""

    text: str
    lang: str | None = None
    published: str | None = None
    doc_id: str | None = None


def analyze(
    text: str, lang: str | None = None, published: str | None = None, doc_id: str | None = None
) -> Analysis:
    """Analyse one text; ``lang`` is detected when not given."""
    return next(analyze_many([Text(text, lang, published, doc_id)]))


def analyze_many(texts: Iterable[Text], *, batch_size: int = 32) -> Iterator[Analysis]:
    """Analyse texts in order, batching the spaCy work per language."""
    batch: list[Text] = []
    for item in texts:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _analyze_batch(batch)
            batch = []
    if batch:
        yield from _analyze_batch(batch)


#: Texts longer than this are analysed piece by piece (paragraph boundaries), bounding memory
#: and time: the extractors compare mentions within a document, so their cost grows faster than
#: the text; pieces of a few pages keep the whole linear in the text's length.
MAX_PIECE_CHARS = 40_000


def _analyze_batch(batch: list[Text]) -> list[Analysis]:
    langs = [item.lang or detect(item.text) for item in batch]
    results: dict[int, Analysis] = {}
    for i, item in enumerate(batch):
        if not item.text.strip():
            results[i] = Analysis(doc_id=item.doc_id, lang=item.lang, published=item.published)
    for lang in sorted({lang for lang in langs if is_supported(lang)}):
        idx = [i for i, item_lang in enumerate(langs) if item_lang == lang and i not in results]
        nlp = load_model(lang)
        small = [i for i in idx if len(batch[i].text) <= MAX_PIECE_CHARS]
        docs = nlp.pipe(batch[i].text for i in small)
        for i, doc in zip(small, docs, strict=True):
            results[i] = _analyze_doc(doc, lang, batch[i])
        for i in idx:
            if i not in results:
                results[i] = _analyze_large(nlp, lang, batch[i])
    out = []
    for i, item in enumerate(batch):
        if i in results:
            out.append(results[i])
            continue
        found = langs[i] if langs[i] != UNDETERMINED else "undetermined"
        out.append(
            Analysis(
                doc_id=item.doc_id,
                lang=langs[i],
                published=item.published,
                warnings=[f"language {found!r} is not analysed (pista reads English and Spanish)"],
            )
        )
    return out


def _analyze_doc(doc: Doc, lang: str, item: Text) -> Analysis:
    ctx = DocContext(doc=doc, lang=lang, published=item.published)
    ctx.entities = entities.find_entities(doc, lang)
    analysis = Analysis(
        doc_id=item.doc_id,
        lang=lang,
        published=item.published,
        entities=ctx.entities,
        relations=relations.extract_relations(ctx),
        crimes=crimes.extract_crimes(ctx),
        events=events.extract_events(ctx),
        claims=claims.extract_claims(ctx),
    )
    mark_factions(analysis.entities, analysis.relations)
    return analysis


def mark_factions(found: list[Entity], found_relations: list[Relation]) -> None:
    """A criminal group stated to be part of another criminal group is one of its factions."""
    by_id = {e.id: e for e in found}
    for rel in found_relations:
        if rel.type != "part_of":
            continue
        part, whole = by_id.get(rel.subject), by_id.get(rel.object)
        if (
            part
            and whole
            and part.subtype == "criminal_group"
            and whole.subtype in ("criminal_group", "faction")
        ):
            part.subtype = "faction"


def split_pieces(text: str, limit: int = MAX_PIECE_CHARS) -> list[tuple[int, str]]:
    """Cut ``text`` into ``(offset, piece)`` of at most ``limit`` characters, at paragraph
    breaks when possible, then line breaks, then sentence ends, then spaces."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            window = text[start:end]
            cut = -1
            for sep in ("\n\n", "\n", ". ", " "):
                pos = window.rfind(sep)
                if pos > limit // 4:
                    cut = pos + len(sep)
                    break
            if cut > 0:
                end = start + cut
        pieces.append((start, text[start:end]))
        start = end
    return pieces


def _analyze_large(nlp: Language, lang: str, item: Text) -> Analysis:
    """A long text: each piece analysed alone, offsets shifted, entities merged by name."""
    merged = Analysis(doc_id=item.doc_id, lang=lang, published=item.published)
    pieces = split_pieces(item.text)
    by_name: dict[tuple[str, str], Entity] = {}
    seen_rel: set[tuple[str, str, str]] = set()
    seen_crime: set[tuple[str, str]] = set()
    docs = nlp.pipe((piece for _, piece in pieces), batch_size=1)
    for (offset, _), doc in zip(pieces, docs, strict=True):
        part = _analyze_doc(doc, lang, Text(doc.text, lang, item.published, item.doc_id))
        ids: dict[str, str] = {}
        for ent in part.entities:
            for m in ent.mentions:
                m.start += offset
                m.end += offset
            target = next(
                (by_name[(ent.type, n)] for n in map(norm, ent.names) if (ent.type, n) in by_name), None
            )
            if target is None:
                target = ent
                target.id = f"e{len(merged.entities) + 1}"
                merged.entities.append(target)
            else:
                ids[ent.id] = target.id
                _absorb(target, ent)
            ids.setdefault(ent.id, target.id)
            for name in target.names:
                by_name.setdefault((target.type, norm(name)), target)
        _shift_facts(part, offset, ids)
        for r in part.relations:
            if (r.type, r.subject, r.object) not in seen_rel:
                seen_rel.add((r.type, r.subject, r.object))
                merged.relations.append(r)
        for c in part.crimes:
            if (c.subject, c.type) not in seen_crime:
                seen_crime.add((c.subject, c.type))
                merged.crimes.append(c)
        for event in part.events:
            event.id = f"v{len(merged.events) + 1}"
            merged.events.append(event)
        merged.claims += part.claims
        merged.warnings += part.warnings
    return merged


def _absorb(target: Entity, other: Entity) -> None:
    for name in other.names:
        if norm(name) not in {norm(n) for n in target.names}:
            target.names.append(name)
    for alias in other.aliases:
        if alias not in target.aliases:
            target.aliases.append(alias)
    target.mentions.extend(other.mentions)
    target.country = target.country or other.country
    target.subtype = target.subtype or other.subtype
    target.role = target.role or other.role
    target.confidence = max(target.confidence, other.confidence)


def _shift_facts(part: Analysis, offset: int, ids: dict[str, str]) -> None:
    """Move a piece's facts to whole-text offsets and whole-text entity ids."""

    def shift(ev: Evidence | None) -> None:
        if ev is not None:
            ev.start += offset
            ev.end += offset

    def eid(value: str | None) -> str | None:
        return ids.get(value, value) if value is not None else None

    for r in part.relations:
        r.subject, r.object = ids.get(r.subject, r.subject), ids.get(r.object, r.object)
        shift(r.evidence)
    for c in part.crimes:
        c.subject = ids.get(c.subject, c.subject)
        shift(c.evidence)
    for e in part.events:
        e.location = eid(e.location)
        e.agencies = [ids.get(a, a) for a in e.agencies]
        e.targets = [ids.get(t, t) for t in e.targets]
        for ev in e.evidence:
            shift(ev)
    for cl in part.claims:
        cl.subject = ids.get(cl.subject, cl.subject)
        cl.location = eid(cl.location)
        shift(cl.evidence)
