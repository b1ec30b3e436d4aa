"""Cue phrases from the lexicons, found in parsed sentences by word form or lemma.

A cue is a phrase of one or more words ("leader", "takes orders from", "cobro de cupos").
Each word of a phrase matches a token whose lower-cased form or lemma equals it, accents
ignored, so one entry covers inflections ("operate in" matches "operates in", "operating in").
Matchers are built once per (lexicon, section, language) and reused.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from pista.errors import ConfigError
from pista.extract import lexicon
from pista.extract.normalize import strip_accents


@functools.lru_cache(maxsize=65536)
def word_key(text: str) -> str:
    """Comparison form of one word: lower case, accents and curly quotes removed."""
    return strip_accents(text).casefold().replace("’", "'")


def token_keys(token: Token) -> tuple[str, str]:
    """The two forms a cue word may match: the word as written and its lemma."""
    return word_key(token.text), word_key(token.lemma_)


@dataclass(frozen=True)
class Cue:
    """One cue phrase of a kind ("head", "extortion"), as lexicon words."""

    kind: str
    words: tuple[str, ...]
    phrase: str


@dataclass(frozen=True)
class CueMatch:
    """A cue found in a document: its kind and the tokens it covers."""

    cue: Cue
    span: Span

    @property
    def kind(self) -> str:
        return self.cue.kind

    @property
    def head(self) -> Token:
        """The syntactic head of the matched tokens."""
        return self.span.root


class CueMatcher:
    """Finds the cue phrases of several kinds in a span, longest match first, no overlaps."""

    def __init__(self, cues: Iterable[Cue]) -> None:
        self._by_first: dict[str, list[Cue]] = {}
        for cue in cues:
            self._by_first.setdefault(cue.words[0], []).append(cue)
        for bucket in self._by_first.values():
            bucket.sort(key=lambda c: len(c.words), reverse=True)

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def find(self, span: Span) -> list[CueMatch]:
        """Every cue in ``span`` in text order; at one place the longest phrase wins."""
        doc = span.doc
        found: list[CueMatch] = []
        i = span.start
        while i < span.end:
            match = self._match_at(doc, i, span.end)
            if match is None:
                i += 1
                continue
            found.append(CueMatch(match, doc[i : i + len(match.words)]))
            i += len(match.words)
        return found

    def _match_at(self, doc: Doc, i: int, end: int) -> Cue | None:
        first = token_keys(doc[i])
        candidates = self._by_first.get(first[0], []) + [
            c for c in self._by_first.get(first[1], []) if first[1] != first[0]
        ]
        candidates.sort(key=lambda c: len(c.words), reverse=True)
        for cue in candidates:
            n = len(cue.words)
            if i + n > end:
                continue
            if all(cue.words[k] in token_keys(doc[i + k]) for k in range(1, n)):
                return cue
        return None


def _phrase_words(phrase: str) -> tuple[str, ...]:
    # Split like the tokenizers do on the punctuation that cue phrases contain.
    spaced = phrase.replace("-", " - ").replace("'s", " 's").replace("’s", " 's")
    return tuple(word_key(w) for w in spaced.split())


def cues_from(section: dict[str, dict[str, list[str]]], lang: str, source: str) -> list[Cue]:
    """The cues of every kind in a lexicon section shaped ``{kind: {lang: [phrases]}}``."""
    cues = []
    for kind, by_lang in section.items():
        if not isinstance(by_lang, dict):
            raise ConfigError(f"lexicon {source!r}: entry {kind!r} must map languages to phrase lists")
        for phrase in by_lang.get(lang) or []:
            words = _phrase_words(str(phrase))
            if words:
                cues.append(Cue(kind, words, str(phrase)))
    return cues


@functools.cache
def matcher(lexicon_name: str, section: str, lang: str) -> CueMatcher:
    """The cue matcher for one section of a lexicon in one language (built once)."""
    data = lexicon.load(lexicon_name)
    if not isinstance(data, dict) or not isinstance(data.get(section), dict):
        raise ConfigError(f"lexicon {lexicon_name!r} has no section {section!r}")
    return CueMatcher(cues_from(data[section], lang, f"{lexicon_name}.{section}"))


@functools.cache
def word_set(lexicon_name: str, section: str, lang: str) -> frozenset[str]:
    """A section of single words for ``lang`` (or for all languages), as comparison forms."""
    data = lexicon.load(lexicon_name)
    entry = data.get(section) if isinstance(data, dict) else None
    if not isinstance(entry, dict):
        raise ConfigError(f"lexicon {lexicon_name!r} has no section {section!r}")
    words = entry.get(lang) or []
    return frozenset(word_key(str(w)) for w in words)
