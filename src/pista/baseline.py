"""The plain spaCy baseline that pista's extraction is measured against.

spaCy's named-entity recognizer alone: one entity per distinct mention text, its type
taken from the label (PERSON/PER -> person, ORG -> organization, GPE/LOC -> location);
no subtypes, countries, roles, relations, crimes, events or claims.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from pista.documents import Analysis, Entity, EntityType, Mention
from pista.extract.analyze import Text
from pista.extract.pipeline import load_model
from pista.language import detect, is_supported

LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "person",
    "PER": "person",
    "ORG": "organization",
    "GPE": "location",
    "LOC": "location",
}


def baseline_entities(doc: Doc) -> list[Entity]:
    """One entity per distinct mention text, typed by the first label it was given."""
    by_text: dict[str, Entity] = {}
    for ent in doc.ents:
        typ = LABEL_TYPES.get(ent.label_)
        name = ent.text.strip()
        if typ is None or not name:
            continue
        entity = by_text.get(name)
        if entity is None:
            # Exact-string clustering across documents: the same type and text is one entity.
            entity = Entity(id=f"b{len(by_text) + 1}", type=typ, names=[name], key=f"{typ}:{name.casefold()}")
            by_text[name] = entity
        entity.mentions.append(Mention(name, ent.start_char, ent.end_char, ent.sent.text.strip()))
    return list(by_text.values())


def baseline_many(texts: Iterable[Text], *, batch_size: int = 32) -> Iterator[Analysis]:
    """Baseline analyses in input order; unsupported languages give empty analyses."""
    batch: list[Text] = []
    for item in texts:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _baseline_batch(batch)
            batch = []
    if batch:
        yield from _baseline_batch(batch)


def _baseline_batch(batch: list[Text]) -> list[Analysis]:
    langs = [item.lang or detect(item.text) for item in batch]
    out = [
        Analysis(doc_id=item.doc_id, lang=lang, published=item.published)
        for item, lang in zip(batch, langs, strict=True)
    ]
    for lang in sorted({lang for lang in langs if is_supported(lang)}):
        idx = [i for i, item_lang in enumerate(langs) if item_lang == lang]
        docs = load_model(lang).pipe(batch[i].text for i in idx)
        for i, doc in zip(idx, docs, strict=True):
            out[i].entities = baseline_entities(doc)
    return out
