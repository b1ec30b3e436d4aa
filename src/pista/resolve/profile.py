"""What resolution knows of one entity mention-set: its names prepared for every feature."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from pista.documents import Analysis, Entity
from pista.resolve import lexicon
from pista.resolve.normalize import fold, initials, norm_name, phonetic

ItemId = tuple[str, str]  # (document id, entity or event id within the document)
PARENT_RELATIONS = frozenset({"part_of", "subordinate_of"})

# Subtypes that can never be the same thing.
_LOC_CLASS = {"country": "country"}
_ORG_CLASS = {"agency": "agency", "criminal_group": "crime", "faction": "crime", "media": "media"}


def subtype_class(kind: str, subtype: str | None) -> str | None:
    if kind == "location":
        return _LOC_CLASS.get(subtype or "", "place" if subtype else None)
    if kind == "organization":
        return _ORG_CLASS.get(subtype or "")
    return None


def looks_like_acronym(name: str) -> bool:
    """PNP, Dirincri-style one-word names written in capitals, or short capitalised words."""
    bare = name.replace(".", "").strip()
    if " " in bare or len(bare) < 2:
        return False
    upper = sum(c.isupper() for c in bare)
    return upper >= 2 and upper >= len(bare) / 2


@dataclass
class Profile:
    """One document's entity, prepared for comparison."""

    item: ItemId
    index: int
    type: str
    subtype: str | None
    subclass: str | None
    names: list[str]  # normalized names (and aliases), fullest first
    aliases: frozenset[str]
    country: str | None
    context_country: str | None
    role: str | None
    raw: Entity
    # persons
    full: tuple[str, ...] = ()  # canonical tokens of the fullest multi-word personal name
    full_names: list[tuple[str, ...]] = field(default_factory=list)  # every multi-word non-alias name
    single_names: frozenset[str] = frozenset()  # one-word non-alias names (often a surname)
    # organizations and places
    concept: str | None = None  # a lexicon agency id, or generic@country
    generic_concept: str | None = None
    acronyms: frozenset[str] = frozenset()  # acronyms the document itself uses
    initials: frozenset[str] = frozenset()  # the acronyms its multi-word names would give
    parents: frozenset[str] = frozenset()  # names of the groups it is part of (part_of relations)
    ambiguous_aliases: frozenset[str] = frozenset()  # aliases other people in the corpus carry too
    word_sets: list[frozenset[str]] = field(default_factory=list)  # names as English content words
    neighbours: frozenset[str] = frozenset()

    signature: tuple[object, ...] = ()

    def sign(self) -> None:
        """Record everything name comparison reads: equal signatures compare alike."""
        self.signature = (
            self.type,
            self.subtype,
            self.country,
            self.context_country,
            self.role,
            tuple(self.names),
            tuple(sorted(self.aliases)),
            self.concept,
            self.generic_concept,
            self.parents,
            self.ambiguous_aliases,
        )


def canon_token(token: str) -> str:
    return lexicon.names().variant_of.get(token, token)


def person_tokens(name: str) -> tuple[str, ...]:
    """A person's name as canonical tokens, titles and surname particles left out."""
    kn = lexicon.names()
    words = [w for w in fold(name).split() if w not in kn.titles]
    while words and words[0] in ("el", "la"):
        words = words[1:]
    return tuple(canon_token(w) for w in words if w not in kn.particles)


def english_words(name: str) -> frozenset[str]:
    """An organization or place name as its content words translated to English."""
    org = lexicon.organizations()
    out = []
    for w in norm_name(name).split():
        if w in org.stopwords:
            continue
        out.append(org.glossary.get(w, w))
    return frozenset(out)


def _concepts(names: list[str], country: str | None) -> tuple[str | None, str | None, str | None]:
    """(agency concept, generic concept, country implied by the lexicon) for an organization."""
    org = lexicon.organizations()
    for n in names:
        hit = org.by_name.get(n)
        if hit:
            return hit[0], None, hit[1]
    for n in names:
        generic, named_country = org.generic_by_name.get(n), None
        if not generic:
            generic, named_country = _country_qualified(n)
        if generic:
            where = named_country or country
            if where:
                concept = org.specific_for_generic.get((generic, where), f"{generic}@{where}")
                return concept, generic, named_country
            return None, generic, None
    return None, None, None


def _descriptors(names: frozenset[str], country: str | None) -> set[str]:
    """Language-independent marks of an organization, to tell whether two parents are the same."""
    out = set(names)
    out |= {"w:" + " ".join(sorted(english_words(n))) for n in names}
    concept = _concepts(sorted(names), country)[0]
    if concept:
        out.add("c:" + concept)
    return out


_QUALIFIER_LINKS = ("of", "de", "del", "in", "en")


def _country_qualified(name: str) -> tuple[str | None, str | None]:
    """A generic body name qualified by a country: "peruvian national police", "policia nacional de colombia"."""
    org = lexicon.organizations()
    nations = lexicon.nationality_words()
    words = name.split()
    for cut in (1, 2):  # a demonym or country name in front
        head, rest = " ".join(words[:cut]), " ".join(words[cut:])
        if rest and head in nations and rest in org.generic_by_name:
            return org.generic_by_name[rest], nations[head]
    for cut in (1, 2):  # "... of Peru", "... del Perú", "... peruana"
        tail, rest_words = " ".join(words[-cut:]), words[:-cut]
        if rest_words and rest_words[-1] in _QUALIFIER_LINKS:
            rest_words = rest_words[:-1]
        rest = " ".join(rest_words)
        if rest and tail in nations and rest in org.generic_by_name:
            return org.generic_by_name[rest], nations[tail]
    return None, None


def build_profiles(corpus: list[tuple[str, Analysis]]) -> list[Profile]:
    """Profiles of every entity in the corpus, in a deterministic order."""
    countries = lexicon.country_codes()
    profiles: list[Profile] = []
    for doc_id, analysis in sorted(corpus, key=lambda p: p[0]):
        loc_countries = Counter(
            (e.country or "").upper() for e in analysis.entities if e.type == "location" and e.country
        )
        context_country = min(loc_countries, key=lambda c: (-loc_countries[c], c)) if loc_countries else None
        neighbour_names: dict[str, set[str]] = {}
        for e in analysis.entities:
            if e.type == "location" and e.subtype == "country":
                continue
            key = f"{e.type[0]}:{norm_name(e.names[0]) if e.names else ''}"
            neighbour_names[e.id] = {key}
        all_names = {
            e.id: frozenset(norm_name(n) for n in [*e.names, *e.aliases] if norm_name(n))
            for e in analysis.entities
        }
        parents: dict[str, set[str]] = {}
        for r in analysis.relations:
            if r.type in PARENT_RELATIONS and r.object in all_names:
                parents.setdefault(r.subject, set()).update(
                    _descriptors(all_names[r.object], context_country)
                )
        for e in sorted(analysis.entities, key=lambda x: x.id):
            raw_names = [n for n in [*e.names, *e.aliases] if n and n.strip()]
            if not raw_names:
                continue
            names: list[str] = []
            for n in raw_names:
                nn = norm_name(n)
                if nn and nn not in names:
                    names.append(nn)
            if not names:
                continue
            aliases = frozenset(norm_name(a) for a in e.aliases if norm_name(a))
            country = (e.country or "").upper() or None
            if e.type == "location" and e.subtype == "country" and not country:
                country = next((countries[n] for n in names if n in countries), None)
            p = Profile(
                item=(doc_id, e.id),
                index=len(profiles),
                type=e.type,
                subtype=e.subtype,
                subclass=subtype_class(e.type, e.subtype),
                names=names,
                aliases=aliases,
                country=country,
                context_country=country or context_country,
                role=e.role if e.type == "person" else None,
                raw=e,
            )
            if e.type == "person":
                fulls = []
                singles = set()
                for n in raw_names:
                    if norm_name(n) in aliases:
                        continue
                    toks = person_tokens(n)
                    if len(toks) >= 2:
                        if toks not in fulls:
                            fulls.append(toks)
                    elif toks:
                        singles.add(toks[0])
                fulls.sort(key=lambda t: -len(t))
                p.full_names = fulls
                p.full = fulls[0] if fulls else ()
                p.single_names = frozenset(singles)
            else:
                org = lexicon.organizations()
                if e.type == "organization":
                    concept, generic, implied = _concepts(names, country or context_country)
                    p.concept, p.generic_concept = concept, generic
                    country_of = lexicon.organizations().country_of
                    if concept in country_of:
                        # A body the lexicon knows: its country is the lexicon's (None for
                        # international ones such as Interpol), whatever the document suggests.
                        p.country = p.context_country = country_of[concept]
                    elif implied and not p.country:
                        p.country = implied
                        p.context_country = implied
                acr: set[str] = set()
                spelt: set[str] = set()
                for raw_name in raw_names if e.type == "organization" else []:
                    n = norm_name(raw_name)
                    words = n.split()
                    if looks_like_acronym(raw_name) or (n in aliases and len(words) == 1):
                        acr.add(n)
                    elif len(words) >= 2:
                        full_initials = initials(words, org.stopwords)
                        if len(full_initials) >= 2:
                            spelt.add(full_initials)
                p.acronyms = frozenset(acr)
                p.initials = frozenset(spelt)
                p.word_sets = [english_words(n) for n in names]
            others = set()
            for other_id, keys in neighbour_names.items():
                if other_id != e.id:
                    others |= keys
            p.neighbours = frozenset(others)
            if e.type == "organization":
                p.parents = frozenset(parents.get(e.id, ()))
            profiles.append(p)
    _mark_ambiguous_aliases(profiles)
    for p in profiles:
        p.sign()
    return profiles


def _mark_ambiguous_aliases(profiles: list[Profile]) -> None:
    """Nicknames ("El Flaco") that people with different full names carry in this corpus."""
    from pista.resolve.features import person_names_conflict

    owners: dict[str, set[tuple[str, ...]]] = {}
    for p in profiles:
        if p.type == "person" and p.full:
            for a in p.aliases:
                owners.setdefault(a, set()).add(p.full)
    ambiguous = set()
    for alias, fulls in owners.items():
        names = sorted(fulls)
        if any(person_names_conflict(x, y) for i, x in enumerate(names) for y in names[i + 1 :]):
            ambiguous.add(alias)
    for p in profiles:
        if p.type == "person" and p.aliases & ambiguous:
            p.ambiguous_aliases = frozenset(p.aliases & ambiguous)


def phonetic_keys(p: Profile) -> set[str]:
    """Sound keys of a person's distinctive name tokens (for blocking spelling variants)."""
    out = set()
    for toks in p.full_names:
        for t in toks[1:]:  # surnames (and middle names); a given name alone is too common
            if len(t) >= 3:
                out.add(phonetic(t))
    for s in p.single_names:
        if len(s) >= 3:
            out.add(phonetic(canon_token(s)))
    return out
