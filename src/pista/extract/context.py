"""What every extractor sees of one document: the parse, the entities found, the dates."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from pista.documents import Entity, Evidence, Mention


@dataclass
class DocContext:
    """One parsed document with its entities; extractors read it and return facts."""

    doc: Doc
    lang: str
    published: str | None
    entities: list[Entity] = field(default_factory=list)
    _sents: list[Span] | None = field(default=None, init=False, repr=False)
    _sent_starts: list[int] = field(default_factory=list, init=False, repr=False)

    @property
    def text(self) -> str:
        return self.doc.text

    def entity(self, entity_id: str) -> Entity:
        return next(e for e in self.entities if e.id == entity_id)

    def mentions(self) -> Iterator[tuple[Mention, Entity]]:
        """Every mention with its entity, in text order."""
        pairs = [(m, e) for e in self.entities for m in e.mentions]
        yield from sorted(pairs, key=lambda p: (p[0].start, p[0].end))

    def mentions_in(self, start: int, end: int) -> list[tuple[Mention, Entity]]:
        """Mentions lying within the character range ``[start, end)``, in text order."""
        return [(m, e) for m, e in self.mentions() if m.start >= start and m.end <= end]

    def sentence_at(self, char: int) -> Span:
        """The sentence holding character ``char`` (binary search over the sentence starts)."""
        if self._sents is None:
            self._sents = list(self.doc.sents)
            self._sent_starts = [s.start_char for s in self._sents]
        if not self._sents:
            return self.doc[0:0]
        k = bisect.bisect_right(self._sent_starts, char) - 1
        sent = self._sents[max(k, 0)]
        if sent.start_char <= char < sent.end_char:
            return sent
        return self._sents[-1] if char >= self._sents[-1].end_char else sent

    def evidence(self, span: Span) -> Evidence:
        """Evidence for a fact resting on ``span``: its offsets and its sentence's text."""
        return Evidence(start=span.start_char, end=span.end_char, sentence=span.sent.text.strip())
