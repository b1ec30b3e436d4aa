"""Pairwise evidence that two documents' entities are the same, each feature explainable.

``compare`` returns a :class:`Comparison`: the summed score, the features that made it (name,
weight, what was seen) and, when the pair must never merge, the reason. Weights are additive
log-odds-like amounts; a pair merges at ``THRESHOLD`` or more.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Any

from pista.resolve import lexicon
from pista.resolve.normalize import jaro_winkler, phonetic
from pista.resolve.profile import Profile, canon_token

THRESHOLD = 1.5
_CONTEXT_FEATURES = frozenset({"same_country", "same_role"})
REVIEW_MARGIN = 0.75  # pairs scoring within this of the threshold are worth a person's look


@dataclass
class Comparison:
    score: float
    features: list[tuple[str, float, str]] = field(default_factory=list)
    conflict: str | None = None

    def add(self, name: str, weight: float, detail: str) -> None:
        self.features.append((name, weight, detail))
        self.score += weight

    def explain(self) -> str:
        parts = [f"{name} {weight:+.2f} ({detail})" for name, weight, detail in self.features]
        if self.conflict:
            parts.append(f"conflict: {self.conflict}")
        return "; ".join(parts)


def acronym_fits(acronym: str, words: list[str]) -> bool:
    """Whether ``acronym`` can be read off ``words``: each content word gives its first letters, in order.

    "pnp" fits "policia nacional del peru", "dirincri" fits "direccion de investigacion criminal".
    """
    stop = lexicon.organizations().stopwords
    content = [w for w in words if w not in stop]
    if not 2 <= len(acronym) <= 10 or len(content) < 2 or len(content) > len(acronym):
        return False

    @functools.cache
    def fit(i: int, j: int) -> bool:
        if j == len(content):
            return i == len(acronym)
        word = content[j]
        for k in range(1, min(len(word), len(acronym) - i) + 1):
            if word[:k] != acronym[i : i + k]:
                break
            if fit(i + k, j + 1):
                return True
        return False

    return fit(0, 0)


def _given_compatible(a: str, b: str) -> bool:
    if a == b or phonetic(a) == phonetic(b):
        return True
    if len(a) == 1 or len(b) == 1:  # an initial
        return a[0] == b[0]
    hypo = lexicon.names().hypocorism_of
    return b in hypo.get(a, frozenset()) or a in hypo.get(b, frozenset())


def _tokens_match(x: str, y: str) -> bool:
    return x == y or (len(x) > 3 and len(y) > 3 and phonetic(x) == phonetic(y))


def _subset(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Every token of ``short`` matches a distinct token of ``long``, in order."""
    j = 0
    for t in short:
        while j < len(long) and not _tokens_match(t, long[j]):
            j += 1
        if j == len(long):
            return False
        j += 1
    return True


def person_names_conflict(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two full names of different people: neither fits in the other and the given names differ."""
    if len(a) < 2 or len(b) < 2:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if _subset(short, long):
        return False
    if not _given_compatible(a[0], b[0]):
        return True
    # Same given name: the last word is a surname; different people when neither's is in the
    # other's name ("Juan Pérez Rojas" / "Juan Pérez Soto", "Carlos Alberto Díaz" / "Carlos Alberto Ruiz").
    return not any(_tokens_match(a[-1], y) for y in b[1:]) and not any(_tokens_match(b[-1], x) for x in a[1:])


def _person(a: Profile, b: Profile, c: Comparison) -> None:
    shared_alias = (a.aliases & set(b.names)) | (b.aliases & set(a.names))
    if shared_alias:
        best = max(
            shared_alias, key=lambda x: (x not in a.ambiguous_aliases | b.ambiguous_aliases, len(x), x)
        )
        if best in a.ambiguous_aliases | b.ambiguous_aliases:
            c.add("common_alias", 0.5, f"{best}: carried by different people in the corpus")
        else:
            c.add("alias_shared", 2.0 if " " in best else 1.4, best)
    elif variant := _phonetic_alias(a, b):
        c.add("alias_variant", 1.6, variant)
    full_a, full_b = a.full_names, b.full_names
    conflict = any(person_names_conflict(x, y) for x in full_a[:1] for y in full_b[:1])
    if conflict:
        c.add("given_name_conflict", -3.0, f"{' '.join(a.full)} / {' '.join(b.full)}")
    best_full = 0.0
    detail = ""
    for x in full_a:
        for y in full_b:
            if x == y:
                w = 2.2 if len(x) >= 3 else 1.8
                d = " ".join(x)
            elif _subset(x, y) or _subset(y, x):
                w = 1.8 if _given_compatible(x[0], y[0]) else 1.2
                d = f"{' '.join(x)} ~ {' '.join(y)}"
            else:
                continue
            if w > best_full:
                best_full, detail = w, d
    if not best_full and not conflict:
        # A misspelt full name: same first letter, similar length, Jaro-Winkler close to 1.
        for x in full_a:
            sx = " ".join(x)
            for y in full_b:
                sy = " ".join(y)
                if sx[0] != sy[0] or abs(len(sx) - len(sy)) > max(3, len(sx) // 4):
                    continue
                sim = jaro_winkler(sx, sy)
                if sim >= 0.93 and best_full < 1.3:
                    best_full, detail = 1.3, f"{sx} ~ {sy} jw={sim:.2f}"
    if best_full:
        c.add("full_name", best_full, detail)
    elif not conflict:
        # A one-word name (usually a surname) shared, or found inside the other's full name.
        words_a = a.single_names | {t for f in full_a for t in f[1:]}
        words_b = b.single_names | {t for f in full_b for t in f[1:]}
        shared = (a.single_names & words_b) | (b.single_names & words_a)
        if shared:
            c.add("surname_only", 0.4, ", ".join(sorted(shared)))
    if a.role and b.role:
        if a.role == b.role:
            c.add("same_role", 0.2, a.role)
        elif {a.role, b.role} == {"criminal", "official"}:
            c.add("role_conflict", -1.2, f"{a.role} / {b.role}")
    if a.country and b.country and a.country != b.country:
        c.add("nationality_conflict", -1.0, f"{a.country} / {b.country}")


def _phonetic_alias(a: Profile, b: Profile) -> str | None:
    """An alias of one written differently in the other (Niño Guerrero / Nino Guerrero)."""
    for x in a.aliases:
        for y in b.names:
            if x != y and _same_sound(x, y):
                return f"{x} ~ {y}"
    for x in b.aliases:
        for y in a.names:
            if x != y and _same_sound(x, y):
                return f"{x} ~ {y}"
    return None


def _same_sound(x: str, y: str) -> bool:
    tx, ty = x.split(), y.split()
    if len(tx) != len(ty):
        return False
    return all(phonetic(canon_token(p)) == phonetic(canon_token(q)) for p, q in zip(tx, ty, strict=True))


def _org_or_place(a: Profile, b: Profile, c: Comparison) -> None:
    org = lexicon.organizations()
    shared = set(a.names) & set(b.names)
    if shared:
        best = max(shared, key=len)
        words = set(best.split()) - org.stopwords
        generic = words <= org.generic_words
        if generic and not (a.context_country and a.context_country == b.context_country):
            c.add("generic_name", 0.8, best)
        else:
            c.add("same_name", 2.0, best)
    if a.subtype == "country" == b.subtype and a.country and a.country == b.country and not shared:
        c.add("same_country_entity", 2.5, a.country)
    if a.concept and a.concept == b.concept:
        c.add("lexicon", 2.5, a.concept)
    elif a.concept and b.concept and a.type == "organization":
        c.add("lexicon_differs", -1.5, f"{a.concept} / {b.concept}")
    if a.parents and b.parents and not a.parents & b.parents:
        shown = [min((x for x in side if ":" not in x), default="?") for side in (a.parents, b.parents)]
        c.add("parent_differs", -2.5, " / ".join(shown))
    if a.type == "organization" and not shared:
        acr = _acronym_link(a, b) or _acronym_link(b, a)
        if acr:
            c.add("acronym", 1.8, acr)
    # One name's words inside the other's ("Hospital de la Policía" / "National Police Hospital")
    # says little for towns and regions ("San Martín" / "San Martín de Porres"): only for bodies
    # and buildings, and for wholly generic words only within one country.
    same_context = bool(a.context_country and a.context_country == b.context_country)
    containable = a.type == "organization" or (a.subtype == "facility" and b.subtype == "facility")
    if not shared:
        best_w = 0.0
        detail = ""
        for x in a.word_sets:
            for y in b.word_sets:
                if not x or not y:
                    continue
                distinctive = (x & y) - org.generic_words
                contained_ok = containable and (bool(distinctive) or same_context)
                if x == y:
                    w = 1.8 if distinctive or len(x) >= 2 else 0.0
                    if not distinctive and not same_context:
                        w = 0.6
                elif min(len(x), len(y)) >= 2 and (x <= y or y <= x) and contained_ok:
                    w = 1.2
                else:
                    w = 1.2 if _misspelt(x, y, org.generic_words) else 0.0
                if w > best_w:
                    best_w, detail = w, f"{' '.join(sorted(x))} ~ {' '.join(sorted(y))}"
        if best_w:
            c.add("translated_words", best_w, detail)
    if a.country and b.country and a.country == b.country:
        c.add("same_country", 0.3, a.country)
    if a.type == "location" and a.subtype and b.subtype and a.subtype != b.subtype:
        c.add("subtype_differs", -0.5, f"{a.subtype} / {b.subtype}")


def _misspelt(x: frozenset[str], y: frozenset[str], generic: frozenset[str]) -> bool:
    """The same kind words and distinctive words spelt alike ("Clan Gonzales" / "Clan González")."""
    dx, dy = x - generic, y - generic
    if not dx or not dy or x & generic != y & generic:
        return False
    sx, sy = " ".join(sorted(dx)), " ".join(sorted(dy))
    if " ".join(sorted(phonetic(w) for w in dx)) == " ".join(sorted(phonetic(w) for w in dy)):
        return True
    return len(sx) >= 6 and jaro_winkler(sx, sy) >= 0.94


def _acronym_link(a: Profile, b: Profile) -> str | None:
    for acr in a.acronyms:
        if " " in acr:
            continue
        if acr in b.initials:
            return f"{acr} = initials of {b.names[0]}"
        for n in b.names:
            if " " in n and acronym_fits(acr, n.split()):
                return f"{acr} = {n}"
    return None


def hard_conflict(a: Profile, b: Profile) -> str | None:
    """A reason the two can never be one entity, or None."""
    if a.type != b.type:
        return "type"
    if a.item[0] == b.item[0]:
        return "same document"
    if a.subclass and b.subclass and a.subclass != b.subclass:
        return f"subtype {a.subtype} / {b.subtype}"
    strict = a.type == "location" or a.subclass == "agency"
    if strict and a.country and b.country and a.country != b.country:
        return f"country {a.country} / {b.country}"
    return None


def compare(
    a: Profile, b: Profile, idf: dict[str, float] | None = None, cache: dict[Any, Comparison] | None = None
) -> Comparison:
    """Score the evidence that ``a`` and ``b`` are one real-world entity.

    The name evidence depends only on the two profiles' signatures, so ``cache`` (a dict the
    caller keeps for one run) saves recomputing it for the many pairs that name things alike.
    """
    if a.item[0] == b.item[0]:
        return Comparison(0.0, conflict="same document")
    key = (a.signature, b.signature)
    base = cache.get(key) if cache is not None else None
    if base is None:
        base = _compare_names(a, b)
        if cache is not None:
            cache[key] = base
    if base.conflict or base.score <= 0:
        return base  # shared from the cache: callers must not change it
    # Co-mentioned entities corroborate a name match; they never make one on their own.
    name_evidence = any(w > 0 and name not in _CONTEXT_FEATURES for name, w, _ in base.features)
    shared_n = a.neighbours & b.neighbours
    if not (shared_n and name_evidence):
        return base
    weights = idf or {}
    w = min(1.0, sum(weights.get(n, 0.3) for n in shared_n) * 0.5)
    if w < 0.05:
        return base
    c = Comparison(base.score, list(base.features), base.conflict)
    c.add("shared_neighbours", round(w, 3), ", ".join(sorted(n[2:] for n in shared_n)[:4]))
    return c


def _compare_names(a: Profile, b: Profile) -> Comparison:
    c = Comparison(0.0)
    conflict = hard_conflict(a, b)
    if conflict:
        c.conflict = conflict
        return c
    if a.type == "person":
        _person(a, b, c)
    else:
        _org_or_place(a, b, c)
        if a.country and b.country and a.country != b.country:
            # Criminal groups cross borders and reports often give them the country the
            # story happens in, so for them a country difference is only a weak hint.
            weight = -0.3 if a.subclass == "crime" == b.subclass else -1.5
            c.add("country_conflict", weight, f"{a.country} / {b.country}")
    return c


def neighbour_idf(profiles: list[Profile]) -> dict[str, float]:
    """How telling it is to share a co-mentioned entity: rare neighbours count more."""
    docs_with: dict[str, set[str]] = {}
    for p in profiles:
        for n in p.neighbours:
            docs_with.setdefault(n, set()).add(p.item[0])
    n_docs = max(1, len({p.item[0] for p in profiles}))
    return {n: max(0.0, math.log(n_docs / len(d)) / math.log(max(2, n_docs))) for n, d in docs_with.items()}
