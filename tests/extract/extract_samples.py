"""Hand-built contexts for extractor tests: a real parse plus entities placed by name."""

from __future__ import annotations

import re

from spacy.language import Language

from pista.documents import Entity, Mention
from pista.extract.context import DocContext

# id -> (type, subtype, role, names)
EntityTable = dict[str, tuple[str, str | None, str | None, list[str]]]


def context_with(nlp: Language, lang: str, text: str, table: EntityTable) -> DocContext:
    """The parse of ``text`` with every entity of ``table`` that it names, mentions placed."""
    doc = nlp(text)
    entities = []
    for entity_id, (etype, subtype, role, names) in table.items():
        mentions: list[Mention] = []
        for name in sorted(names, key=len, reverse=True):
            for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                if not any(m.start() < x.end and x.start < m.end() for x in mentions):
                    mentions.append(Mention(name, m.start(), m.end()))
        if mentions:
            mentions.sort(key=lambda x: x.start)
            entities.append(
                Entity(id=entity_id, type=etype, names=names, subtype=subtype, role=role, mentions=mentions)  # type: ignore[arg-type]
            )
    return DocContext(doc=doc, lang=lang, published=None, entities=entities)
