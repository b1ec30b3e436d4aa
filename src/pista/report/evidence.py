"""Evidence for display: the sentence a fact rests on, split around the span it names.

The pieces stay plain strings; the template escapes each one, so document text is never
marked safe anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from pista.documents import Evidence

CONTEXT_CHARS = 120


@dataclass(frozen=True)
class Quote:
    """A sentence in three pieces: before the span, the span, after it."""

    before: str
    focus: str
    after: str

    @property
    def text(self) -> str:
        return self.before + self.focus + self.after


def quote(evidence: Evidence | None, text: str | None = None) -> Quote | None:
    """The evidence sentence with its span set apart, or None without evidence.

    ``evidence.start``/``end`` are offsets in the document ``text``; the sentence is found
    around them so a word repeated in the sentence is highlighted at the right place; when
    the sentence is not found there, the span is looked up in it. Without the text (or when
    the offsets do not fit it) the sentence is shown unmarked.
    """
    if evidence is None:
        return None
    sentence = evidence.sentence or ""
    start, end = evidence.start, evidence.end
    span = text[start:end] if text is not None and 0 <= start < end <= len(text) else ""
    if span and sentence:
        lo = max(0, end - len(sentence))
        pos = text.find(sentence, lo, start + len(sentence) + 1) if text is not None else -1
        if pos != -1 and pos <= start and end <= pos + len(sentence):
            rel = start - pos
            return Quote(sentence[:rel], sentence[rel : rel + len(span)], sentence[rel + len(span) :])
    if span and not sentence and text is not None:
        before = text[max(0, start - CONTEXT_CHARS) : start]
        after = text[end : end + CONTEXT_CHARS]
        return Quote(before.lstrip(), span, after.rstrip())
    if span and span in sentence:
        idx = sentence.index(span)
        return Quote(sentence[:idx], span, sentence[idx + len(span) :])
    return Quote(sentence, "", "")
