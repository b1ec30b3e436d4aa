"""Candidate pairs without comparing everything with everything.

Each entity gets a few block keys (its normalized names, aliases, acronyms and the acronyms its
names spell, lexicon concepts, translated word sets, sound keys of its name words). Pairs are
only formed inside a block. A block larger than ``cap`` is compared as a sorted neighbourhood:
each member against the ``WINDOW`` members before it, so cost stays linear in the corpus size
(members with one name link up by transitivity).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

from pista.resolve import lexicon
from pista.resolve.normalize import phonetic
from pista.resolve.profile import Profile, phonetic_keys

DEFAULT_CAP = 40  # blocks up to this size are compared pair by pair
WINDOW = 12  # members of a larger block meet only the WINDOW members before them


def block_keys(p: Profile) -> set[str]:
    org = lexicon.organizations()
    t = p.type[0]
    keys = {f"{t}n:{n}" for n in p.names}
    if p.type == "person":
        keys |= {f"{t}p:{k}" for k in phonetic_keys(p)}
    else:
        keys |= {f"{t}a:{a}" for a in p.acronyms | p.initials}
        if p.subtype == "country" and p.country:
            keys.add(f"{t}k:{p.country}")
        if p.concept:
            keys.add(f"{t}c:{p.concept}")
        if p.generic_concept:
            keys.add(f"{t}g:{p.generic_concept}")
        for words in p.word_sets:
            if words:
                keys.add(f"{t}w:{' '.join(sorted(words))}")
            for w in words - org.generic_words:
                if len(w) >= 4:
                    keys.add(f"{t}t:{phonetic(w)}")  # a distinctive word, spelt either way
            if 2 < len(words) <= 5 and words <= org.generic_words:
                # A wholly generic name inside a longer one ("police hospital").
                keys |= {f"{t}w:{x} {y}" for x, y in combinations(sorted(words), 2)}
    return keys


def candidate_pairs(profiles: list[Profile], cap: int = DEFAULT_CAP) -> Iterable[tuple[int, int]]:
    """Pairs of profile indexes (low, high) from different documents sharing a block, each once."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for p in profiles:
        for k in block_keys(p):
            blocks[k].append(p.index)
    seen: set[tuple[int, int]] = set()
    done: set[tuple[int, ...]] = set()
    for key in sorted(blocks):
        members = blocks[key]
        if len(members) < 2 or tuple(members) in done:
            continue
        done.add(tuple(members))
        for pos, i in enumerate(members):
            start = 0 if len(members) <= cap else max(0, pos - WINDOW)
            for j in members[start:pos]:
                if profiles[i].item[0] == profiles[j].item[0]:
                    continue
                pair = (j, i) if j < i else (i, j)
                if pair not in seen:
                    seen.add(pair)
                    yield pair
