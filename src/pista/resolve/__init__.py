"""Cross-document resolution: one key for every real-world entity and event across documents.

``resolve_corpus(analyses, judgements)`` works in five steps:

1. ``profile``: each document's entity becomes a profile: normalized names (accents, case,
   punctuation, leading articles), personal-name tokens with titles and particles dropped and
   given-name variants folded (Yohan/Johan), the acronyms it uses and the acronyms its names
   spell, lexicon concepts (the same agency in English, Spanish or as an acronym; generic
   bodies such as "National Police" qualified by a country), names as English content words,
   its parent groups and its co-mentioned entities.
2. ``blocking``: candidate pairs only within blocks (names, aliases, acronyms, concepts, word
   sets, sound keys); large blocks become sorted neighbourhoods, so cost is near-linear.
3. ``features``: every pair gets an additive, explainable score (``compare(...).explain()``).
4. ``cluster``: judgements first (must-links and cannot-links), then pairs by descending score,
   refusing merges that join two documents' same entity, conflicting countries (places and
   agencies), incompatible subtypes, different full names or different parent groups.
5. ``events``: reports of one event (same type, dates within days, compatible places, shared
   or related targets) become one resolved event with every reported figure and its source.

``assign_keys(analyses)`` sets ``Entity.key`` and ``Event.key`` in place (for evaluation);
``service`` runs resolution over the store and records judgements.
"""

from pista.resolve.core import assign_keys, member_ref, resolve_corpus
from pista.resolve.features import THRESHOLD, compare
from pista.resolve.model import (
    Candidate,
    Judgement,
    MemberRef,
    Resolution,
    ResolvedEntity,
    ResolvedEvent,
)

__all__ = [
    "THRESHOLD",
    "Candidate",
    "Judgement",
    "MemberRef",
    "Resolution",
    "ResolvedEntity",
    "ResolvedEvent",
    "assign_keys",
    "compare",
    "member_ref",
    "resolve_corpus",
]
