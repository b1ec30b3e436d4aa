"""``analyze``: one text in, one Analysis out (entities, relations, crimes, events, claims).

A pure function of its inputs: the spaCy pipelines are loaded once per process and reused,
so the same call runs in-process, in a pool or on Dask workers. ``analyze_many`` batches
texts through ``nlp.pipe``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from pista.documents import Analysis
from pista.extract import claims, crimes, entities, events, relations
from pista.extract.context import DocContext
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


def _analyze_batch(batch: list[Text]) -> list[Analysis]:
    langs = [item.lang or detect(item.text) for item in batch]
    results: dict[int, Analysis] = {}
    for lang in sorted({lang for lang in langs if is_supported(lang)}):
        idx = [i for i, item_lang in enumerate(langs) if item_lang == lang]
        nlp = load_model(lang)
        docs = nlp.pipe(batch[i].text for i in idx)
        for i, doc in zip(idx, docs, strict=True):
            results[i] = _analyze_doc(doc, lang, batch[i])
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
    return Analysis(
        doc_id=item.doc_id,
        lang=lang,
        published=item.published,
        entities=ctx.entities,
        relations=relations.extract_relations(ctx),
        crimes=crimes.extract_crimes(ctx),
        events=events.extract_events(ctx),
        claims=claims.extract_claims(ctx),
    )
