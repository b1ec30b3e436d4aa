"""Name normalization shared by every resolution feature.

``fold`` is the scorer's normalization (accents, case, quotes, punctuation, a trailing "'s");
``norm_name`` also drops a leading article in English or Spanish; ``phonetic`` is a coarse key
for spelling variants of Spanish and English names (Yohan/Johan, Erick/Erik, Jhonny/Johnny).
"""

from __future__ import annotations

import functools
import re
import unicodedata

ARTICLES = frozenset({"the", "el", "la", "los", "las", "lo"})

_APOS = re.compile(r"'s\b")
_PUNCT = re.compile(r"[^\w\s]")
_SPACE = re.compile(r"\s+")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Accents removed, case folded, punctuation removed, white space collapsed."""
    s = strip_accents(text or "").casefold().replace("’", "'").replace("`", "'")
    s = _APOS.sub("", s)
    s = _PUNCT.sub(" ", s)
    return _SPACE.sub(" ", s).strip()


def norm_name(text: str) -> str:
    """``fold`` plus a leading article dropped ("El Callao" -> "callao")."""
    s = fold(text)
    head, _, rest = s.partition(" ")
    if rest and head in ARTICLES:
        return rest
    return s


def tokens(text: str) -> list[str]:
    return norm_name(text).split()


_PHONETIC_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^y(?=[aeiou])"), "j"),
    (re.compile(r"jh"), "j"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"th"), "t"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"qu"), "k"),
    (re.compile(r"c(?=[aou])"), "k"),
    (re.compile(r"c(?=[ei])"), "s"),
    (re.compile(r"z"), "s"),
    (re.compile(r"v"), "b"),
    (re.compile(r"w"), "u"),
    (re.compile(r"(?<=[^aeiou])h|^h"), ""),
    (re.compile(r"ll"), "y"),
    (re.compile(r"y$"), "i"),
    (re.compile(r"(.)\1+"), r"\1"),
)


@functools.lru_cache(maxsize=65536)
def phonetic(token: str) -> str:
    """A coarse sound key for one folded token (Spanish-leaning)."""
    s = token
    for pattern, repl in _PHONETIC_RULES:
        s = pattern.sub(repl, s)
    return s


def initials(words: list[str], stopwords: frozenset[str]) -> str:
    """The acronym a name's content words would give ("policia nacional del peru" -> "pnp")."""
    return "".join(w[0] for w in words if w and w not in stopwords)


def jaro_winkler(a: str, b: str, prefix_scale: float = 0.1) -> float:
    """Jaro-Winkler similarity in [0, 1]."""
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    if not la or not lb:
        return 0.0
    window = max(la, lb) // 2 - 1
    a_hit = [False] * la
    b_hit = [False] * lb
    matches = 0
    for i, ca in enumerate(a):
        lo, hi = max(0, i - window), min(lb, i + window + 1)
        for j in range(lo, hi):
            if not b_hit[j] and b[j] == ca:
                a_hit[i] = b_hit[j] = True
                matches += 1
                break
    if not matches:
        return 0.0
    transpositions = 0
    j = 0
    for i in range(la):
        if a_hit[i]:
            while not b_hit[j]:
                j += 1
            if a[i] != b[j]:
                transpositions += 1
            j += 1
    m = float(matches)
    jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3
    prefix = 0
    for ca, cb in zip(a[:4], b[:4], strict=False):
        if ca != cb:
            break
        prefix += 1
    return jaro + prefix * prefix_scale * (1 - jaro)
