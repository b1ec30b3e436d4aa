"""Name normalization: the comparison form of a surface name (accents, case, quotes dropped)."""

from __future__ import annotations

import re
import unicodedata

_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"'s\b")
_LEADING = re.compile(r"^(the|el|la)\s+")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def strip_accents(text: str) -> str:
    """``text`` without combining marks (é -> e, ñ -> n)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def norm(name: str) -> str:
    """Comparison key of a name: accents, case, quotes and punctuation removed, "the"/"el"/"la" dropped."""
    text = strip_accents(name.translate(_ZERO_WIDTH)).casefold().replace("’", "'")
    text = _POSSESSIVE.sub("", text)
    text = _PUNCT.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    text = _LEADING.sub("", text)
    return text
