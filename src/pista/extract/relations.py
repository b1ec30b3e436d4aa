"""Relations: found in a parsed document with its entities.

Cue phrases (``lexicons/relations.yml``, English and Spanish) mark where a sentence states a
relation: "leader", "cabecilla", "faction of", "takes orders from", "presence in", "preso
en", "hermanos"... For each cue the parties are chosen from the entities of the sentence
by how they attach to the cue in the dependency parse (apposition, "of"/"de", possessive,
subject, agent) and by the type constraints of each relation; pronouns and generic nouns
("its leader", "la organización") stand for the entity they refer to (see discourse.py).

Besides cues, a few regularities are used: agency units ("Criminal Investigation Unit",
"Fiscalía Provincial Especializada") belong to the agency named with them or else to the
national police or prosecution service the document names; a group charged with crimes
"in" a place, or with a leader, member or wing "in" a place, operates there; rivals
disputing control of a place, or at war "in" it, all operate there; the head of a group
"in" a city ("an X leader in Y") heads a local cell: a member. Instances given with "such
as"/"como" are the parts of a plural cue ("splinter groups such as X"); the one "with" or
"against" whom a group allies or fights is the other side. A faction written right before
its group with only "of"/"de" and part or group nouns between ("X, brazo armado del Y") is
part of it; the possessor of a personal post ("X's right-hand man", "su lugarteniente") is
the holder's boss. Bases and prisons point at the most specific place named with the cue,
never at the state around an unnamed prison. Symmetric relations are kept once, a leader
is not also listed as a member, and a city where a faction operates is not also given to
its parent group.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from pista.documents import SYMMETRIC_RELATIONS, Entity, Relation
from pista.extract import crimes, lexicon
from pista.extract.context import DocContext
from pista.extract.discourse import (
    Anchor,
    Discourse,
    is_actor,
    is_agency,
    is_criminal_org,
    is_criminal_person,
    is_location,
    path_labels,
    tree_distance,
)
from pista.extract.normalize import norm
from pista.extract.triggers import CueMatch, matcher, word_key, word_set

VERB_POS = frozenset({"VERB", "AUX"})
SUBJECT_LABELS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "agent"})
NOT_OF_LABELS = frozenset({"compound", "flat", "amod", "appos", "conj", "flat:name", "nummod"})
OF_WORDS = frozenset({"of", "of the", "de", "de la", "del", "de los", "de las", "from the"})
POSSESSIVE_WORDS = frozenset({"'s", "", "the"})
PLACE_ADVERBS = frozenset({"where", "donde", "wherever"})
SOURCE_PREPOSITIONS = frozenset({"from", "desde"})
DESTINATION_PREPOSITIONS: frozenset[str] = frozenset()
PARTNER_WORDS = frozenset({"with", "against", "versus", "con", "contra", "de", "del", "of"})
EXAMPLE_WORDS = frozenset({"as", "like", "including", "como", "incluido", "incluida", "incluidos", "entre"})
LIST_GLUE = re.compile(r"""[\s,"'“”‘’]*(?:\b(?:and|or|y|e|o|u)\b)?[\s,"'“”‘’]*""")
IN_PREPOSITIONS = frozenset({"in", "en"})
OF_PREPOSITIONS = frozenset({"of", "de", "del"})
STEM = 5
APPOS_REACH = 3
FORMER = frozenset({"former", "ex", "antiguo", "antigua", "antiguos", "antiguas", "otrora"})
NOMINAL_LABELS = frozenset({"prep", "pobj", "poss", "nmod", "case", "compound", "flat", "det", "amod"})
HAVE_VERBS = frozenset({"have", "count", "tener", "contar"})
ACCOMPANYING = frozenset({"with", "con", "together", "junto"})


def _allowed(kind: str, subject: Entity, obj: Entity) -> bool:
    """The subject and object types the analysis format allows for a relation type."""
    if subject.id == obj.id:
        return False
    if kind in ("leader_of", "member_of"):
        return is_criminal_person(subject) and is_criminal_org(obj)
    if kind == "part_of":
        return subject.type == "organization" and obj.type == "organization"
    if kind in ("subordinate_of", "allied_with", "rival_of"):
        return is_actor(subject) and (is_actor(obj) or (kind == "allied_with" and obj.type == "organization"))
    if kind == "official_of":
        return (
            subject.type == "person"
            and subject.role not in ("criminal", "victim")
            and obj.type == "organization"
            and not is_criminal_org(obj)
        )
    if kind == "operates_in":
        return is_actor(subject) and is_location(obj)
    if kind == "headquartered_in":
        return is_criminal_org(subject) and is_location(obj)
    if kind == "imprisoned_in":
        return is_criminal_person(subject) and is_location(obj)
    if kind == "family_of":
        return subject.type == "person" and obj.type == "person"
    return False


class _Found:
    """Relations found so far: one per (type, subject, object), the most confident kept."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.items: dict[tuple[str, str, str], Relation] = {}

    def add(
        self, kind: str, subject: Entity | None, obj: Entity | None, span: Span, confidence: float
    ) -> None:
        if subject is None or obj is None or not _allowed(kind, subject, obj):
            return
        a, b = subject.id, obj.id
        if kind in SYMMETRIC_RELATIONS and b < a:
            a, b = b, a
        key = (kind, a, b)
        old = self.items.get(key)
        if old is None or old.confidence < confidence:
            self.items[key] = Relation(kind, a, b, self.ctx.evidence(span), round(confidence, 3))

    def relations(self) -> list[Relation]:
        leads = {(r.subject, r.object) for r in self.items.values() if r.type == "leader_of"}
        parts = {(r.subject, r.object) for r in self.items.values() if r.type == "part_of"}
        belongs = {
            (r.subject, r.object)
            for r in self.items.values()
            if r.type in ("leader_of", "member_of", "part_of")
        }
        shadowed = self._faction_places(parts)
        out = []
        for r in self.items.values():
            if r.type == "operates_in" and (r.subject, r.object) in shadowed:
                continue  # the places of a faction are its own, not its parent group's
            if r.type == "member_of" and (r.subject, r.object) in leads:
                continue  # a leader is not also listed as a member
            if r.type == "member_of" and any(
                (r.subject, f) in leads and (f, r.object) in parts for f, _ in parts
            ):
                continue  # nor is the leader of one of its factions
            pair_belongs = (r.subject, r.object) in belongs or (r.object, r.subject) in belongs
            pair_parts = (r.subject, r.object) in parts or (r.object, r.subject) in parts
            if (r.type == "allied_with" and pair_belongs) or (
                r.type == "rival_of" and pair_belongs and not pair_parts
            ):
                continue  # a group is no ally of its own people nor rival of its members (a
                # splinter faction may well be the rival of the group it broke from)
            out.append(r)
        return out

    def _faction_places(self, parts: set[tuple[str, str]]) -> set[tuple[str, str]]:
        """(group, place) pairs where a faction of the group operates, no less surely than
        the group itself, in a place below a region ("X, a faction of Y, operates in <city>"
        puts X there, not Y)."""
        kinds = {e.id: e.subtype for e in self.ctx.entities}
        operates = {
            (r.subject, r.object): r.confidence for r in self.items.values() if r.type == "operates_in"
        }
        out = set()
        for faction, group in parts:
            for (who, place), conf in operates.items():
                if who != faction or kinds.get(place) not in ("city", "facility"):
                    continue
                own = operates.get((group, place))
                if own is not None and own <= conf:
                    out.add((group, place))
        return out


@dataclass(frozen=True)
class _Party:
    """An entity as it stands in one sentence: through a mention or a reference."""

    entity: Entity
    token: Token
    named: bool


@functools.cache
def _confidence() -> dict[str, float]:
    data = lexicon.load("relations")
    return {str(k): float(v) for k, v in (data.get("confidence") or {}).items()}


class _Sentence:
    """One sentence with its parties, as the cue handlers see it."""

    def __init__(self, disc: Discourse, sent: Span) -> None:
        self.disc = disc
        self.sent = sent
        self.anchors = disc.in_sentence(sent)
        parties = [_Party(a.entity, a.root, True) for a in self.anchors]
        for want in ("group", "person"):
            parties += [_Party(r.entity, r.token, False) for r in disc.references_in(sent, want)]
        parties += [_Party(r.entity, r.token, False) for r in disc.plural_references(sent)]
        self.parties = parties

    def sharing(self, party: _Party, accept: Callable[[Entity], bool]) -> list[Entity]:
        """The party with those coordinated with it and those its words stand for too
        ("both gangs" stands for two groups)."""
        out = self.with_conjuncts(party, accept)
        for p in self.parties:
            if p.token.i == party.token.i and accept(p.entity) and p.entity not in out:
                out.append(p.entity)
        return out

    def near(
        self,
        token: Token,
        accept: Callable[[Entity], bool],
        limit: int,
        skip: Callable[[Token], bool] | None = None,
    ) -> list[tuple[int, _Party]]:
        """Parties accepted by ``accept`` within ``limit`` arcs of ``token``, closest first."""
        out = []
        for p in self.parties:
            if not accept(p.entity) or (skip is not None and skip(p.token)):
                continue
            d = tree_distance(token, p.token)
            if d <= limit:
                out.append((d, p))
        out.sort(key=lambda x: (x[0], not x[1].named, abs(x[1].token.i - token.i)))
        return out

    def closest(
        self,
        token: Token,
        accept: Callable[[Entity], bool],
        limit: int,
        skip: Callable[[Token], bool] | None = None,
    ) -> _Party | None:
        found = self.near(token, accept, limit, skip)
        return found[0][1] if found else None

    def with_conjuncts(self, party: _Party, accept: Callable[[Entity], bool]) -> list[Entity]:
        """The party and the entities coordinated with it ("X and Y")."""
        out = [party.entity]
        for tok in party.token.conjuncts:
            anchor = self.disc.anchor_at(tok)
            if anchor is not None and accept(anchor.entity) and anchor.entity not in out:
                out.append(anchor.entity)
        anchor0 = self.disc.anchor_at(party.token) if party.named else None
        if anchor0 is None:
            return out
        # A list the parser did not coordinate: '"A", "B" and "C"'.
        i = next(k for k, a in enumerate(self.anchors) if a.start == anchor0.start)
        doc = self.disc.doc
        for step in (-1, 1):
            k = i
            while 0 <= k + step < len(self.anchors):
                a, b = sorted((self.anchors[k], self.anchors[k + step]), key=lambda x: x.start)
                nxt = self.anchors[k + step]
                if not LIST_GLUE.fullmatch(doc[a.span.end : b.start].text) or not accept(nxt.entity):
                    break
                if nxt.entity not in out:
                    out.append(nxt.entity)
                k += step
        return out

    def attached_under(
        self,
        cue: Token,
        accept: Callable[[Entity], bool],
        limit: int,
        through_preposition: bool = False,
        nominal: bool = False,
        skip: Callable[[Token], bool] | None = None,
    ) -> _Party | None:
        """The closest party hanging under ``cue`` through "of"/"de", a possessive or a
        relative clause, not through a compound or apposition ("faction of X", "X's wing");
        with ``through_preposition``, only through "of"/"de" ("lieutenant of X"); with
        ``nominal``, through noun phrases only, not through a verb ("in charge of planting
        the gang's devices" is no charge of the gang)."""
        best = None
        for d, p in self.near(cue, accept, limit, skip):
            labels = path_labels(p.token, cue)
            if labels is None or not labels or labels[-1] in NOT_OF_LABELS:
                continue
            if p.named and len(labels) >= 2 and labels[0] in ("appos", "flat", "compound"):
                labels = labels[1:]  # "of the gang X", "de la banda X"
            if any(lab in ("appos", "conj") for lab in labels):
                continue
            if through_preposition and not _has_of(p.token):
                continue
            if nominal and any(lab not in NOMINAL_LABELS for lab in labels):
                continue
            if best is None or d < best[0]:
                best = (d, p)
        return best[1] if best else None


def _introduced_by(tok: Token, words: frozenset[str]) -> bool:
    """``tok`` is introduced by one of ``words`` (a preposition before it or over it)."""
    if tok.head.pos_ == "ADP" and tok.head.lower_ in words:
        return True
    return any(c.dep_ in ("case", "mark") and c.lower_ in words for c in tok.children)


def _has_of(tok: Token) -> bool:
    """``tok`` is introduced by "of"/"de" ("lieutenant of X", "lugarteniente de X")."""
    if tok.head.lower_ in OF_PREPOSITIONS:
        return True
    return any(c.dep_ == "case" and c.lower_ in OF_PREPOSITIONS for c in tok.children)


def _possessive(tok: Token) -> bool:
    """``tok`` is a possessive pronoun ("his", "su"): it owns the post, it does not hold it."""
    return tok.dep_ in ("poss", "det") and tok.pos_ in ("PRON", "DET")


def _modifies_common_noun(tok: Token) -> bool:
    """``tok`` only qualifies another common noun ("chief financial officer")."""
    return tok.dep_ in ("amod", "compound") and tok.head.pos_ == "NOUN" and tok.head.i > tok.i


def _accompanying(tok: Token) -> bool:
    """``tok`` is introduced by "with"/"con" ("detained with him", "con él")."""
    return tok.head.lower_ in ACCOMPANYING or any(c.lower_ in ACCOMPANYING for c in tok.children)


def _clause_verb(tok: Token) -> Token:
    """The verb of the clause holding ``tok`` (``tok`` itself when it is a verb)."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in VERB_POS or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return tok


def _conj_root(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _place_antecedent(verb: Token) -> Token | None:
    """For "..., where X is held": the noun the relative clause hangs on."""
    if any(c.lower_ in PLACE_ADVERBS for c in verb.children) and verb.dep_ in ("relcl", "acl", "advcl"):
        return verb.head
    return None


# -- cue handlers -------------------------------------------------------------------------


def _person_like(e: Entity) -> bool:
    return e.type == "person" and e.role not in ("victim", "expert")


def _head(s: _Sentence, cue: CueMatch, out: _Found, conf: float) -> None:
    """leader_of (criminal group) or official_of (agency) from "leader", "head of", "led by"."""
    tok = cue.head
    verb = tok.pos_ in VERB_POS
    if _modifies_common_noun(tok):
        return  # "chief financial operator", "jefe de prensa": the post is another one
    person = s.closest(
        tok, _person_like, 5 if verb else 4, skip=lambda t: _possessive(t) or _kin_of(s, t, tok)
    )
    if person is None:
        person = _antecedent_holder(s, tok)
    if person is None:
        return
    org: _Party | None
    if verb:
        near = s.near(tok, lambda e: e.type == "organization", 2)
        named = [p for _, p in near if p.named]
        org = named[0] if named else (near[0][1] if near else None)
    else:
        org = s.attached_under(tok, lambda e: e.type == "organization", 3, nominal=True) or s.closest(
            tok, lambda e: e.type == "organization", 2
        )
    plural = "Plur" in tok.morph.get("Number", [])
    in_apposition = person.token.dep_ == "appos" or tok.dep_ == "appos"
    persons = (
        s.with_conjuncts(person, _person_like) if verb or plural or not in_apposition else [person.entity]
    )
    if verb:  # "ran the cartel together with X"
        persons += [e for e in s.disc.companions(tok) if _person_like(e) and e not in persons]
    if org is None:
        if (
            is_criminal_person(person.entity)
            and not verb
            and cue.span[-1].pos_ != "ADP"
            and not any(_has_of(c) or c.lower_ in OF_PREPOSITIONS for c in tok.children)
        ):
            for p in persons:
                out.add("leader_of", p, s.disc.main_group, cue.span, _confidence().get("implied", 0.5))
        return
    kind = "leader_of" if is_criminal_org(org.entity) else "official_of"
    if kind == "official_of" and person.entity.role != "official" and tree_distance(tok, person.token) > 2:
        return  # "the operation led by the police captured X": X holds no post
    if kind == "leader_of" and not org.named and _unnamed_cell_of(s, org.entity):
        kind = "member_of"  # "a cell of X, among them its head": heads the cell
    local = _local_place(s, tok) if kind == "leader_of" and not verb else []
    if local:  # "an X leader in <place>": heads a local cell of X, a member of the whole
        kind = "member_of"
        for place in local:
            for p in persons:
                out.add("operates_in", p, place, cue.span, _confidence().get("implied", 0.5))
    for p in persons:
        out.add(kind, p, org.entity, cue.span, conf)
    if kind in ("leader_of", "member_of"):
        _role_place(s, tok, [org.entity], cue, out)


def _kin_of(s: _Sentence, tok: Token, cue: Token) -> bool:
    """``tok`` names the relative of those meant ("X's sons", "los hijos de X"): not them."""
    head = tok.head
    if head.pos_ == "ADP":
        head = head.head
    if head.i == cue.i or tok.dep_ not in ("poss", "pobj", "nmod"):
        return False
    found = matcher("relations", "cues", s.disc.ctx.lang).find(head.doc[head.i : head.i + 1])
    return any(c.kind == "family" for c in found)


def _antecedent_holder(s: _Sentence, cue: Token) -> _Party | None:
    """For a post as subject with a definite article ("the former boss of X left ...", "el
    exjefe del X salió"), the criminal person who was the last subject before."""
    if cue.dep_ not in ("nsubj", "nsubjpass", "nsubj:pass") or not s.disc.is_determined(cue):
        return None
    if any(c.dep_ == "poss" for c in cue.children):
        return None
    person = s.disc.last_before(cue, is_criminal_person, 1, subject_first=True, subjects_only=True)
    return _Party(person, cue, False) if person is not None else None


def _local_place(s: _Sentence, cue: Token) -> list[Entity]:
    """Cities or districts a post is qualified with ("a gang leader in Penha", "cabecilla en
    el barrio X"): the post is a local one."""
    out = []
    for a in s.anchors:
        if a.entity.subtype not in ("city", "facility"):
            continue
        place = _conj_root(a.root)
        english = place.head.lower_ in IN_PREPOSITIONS and place.head.head.i == cue.i
        spanish = place.head.i == cue.i and any(c.lower_ in IN_PREPOSITIONS for c in place.children)
        if english or spanish:
            out.append(a.entity)
    return out


def _unnamed_cell_of(s: _Sentence, group: Entity) -> bool:
    """The sentence speaks of an unnamed cell or faction of ``group`` ("una célula del X")."""
    words = s.disc.words["faction_nouns"]
    for tok in s.sent:
        if s.disc.anchor_at(tok) is not None:
            continue
        is_cell = word_key(tok.lemma_) in words or word_key(tok.text) in words
        if is_cell and _introduced_by(tok, EXAMPLE_WORDS):
            continue  # "X operated as an armed wing of Y": X is the cell, no unnamed one
        if is_cell and any(
            (a := s.disc.anchor_at(t)) is not None and a.entity.id == group.id for t in tok.subtree
        ):
            return True
    return False


def _title(s: _Sentence, cue: CueMatch, out: _Found, conf: float) -> None:
    """official_of from a post: "director de X", "the agency's commander general"."""
    tok = cue.head
    if _modifies_common_noun(tok):
        return
    person = s.closest(tok, lambda e: e.type == "person" and e.role != "criminal", 2, skip=_possessive)
    if person is None:
        person = _apposed_person(s, tok)
    if person is None:
        return
    org = (
        s.attached_under(tok, _office, 3, nominal=True) or s.closest(tok, _office, 2) or _owner_before(s, cue)
    )
    if org is not None:
        out.add("official_of", person.entity, org.entity, cue.span, conf)
        return
    office = _office_named_by_title(s, cue) or _office_of_title(s, cue)
    if office is not None:
        out.add("official_of", person.entity, office, cue.span, conf * 0.85)


@functools.cache
def _title_offices() -> dict[str, tuple[str, ...]]:
    data = lexicon.load("relations").get("title_offices") or {}
    return {word_key(str(k)): tuple(norm(str(w)) for w in v or []) for k, v in data.items()}


def _office_of_title(s: _Sentence, cue: CueMatch) -> Entity | None:
    """The one agency of the document a national title belongs to when none is named with
    it ("Attorney General X" -> the Department of Justice, "ministro del Interior X" -> the
    Ministerio del Interior), from the ``title_offices`` lexicon."""
    phrase = " ".join(word_key(t.text) for t in cue.span)
    words = _title_offices().get(phrase)
    if not words:
        return None
    matches = [e for e in s.disc.ctx.entities if is_agency(e) and _names_contain(e, words)]
    return matches[0] if len(matches) == 1 else None


def _apposed_person(s: _Sentence, title: Token) -> _Party | None:
    """The person a title stands in apposition to, a few arcs up ("X, the agency's deputy
    director, said")."""
    tok, passed_appos = title, False
    for _ in range(APPOS_REACH):
        if tok.head.i == tok.i:
            return None
        passed_appos = passed_appos or tok.dep_ == "appos"
        tok = tok.head
        anchor = s.disc.anchor_at(tok)
        if anchor is not None and anchor.entity.type == "person":
            if passed_appos and anchor.entity.role != "criminal":
                return _Party(anchor.entity, anchor.root, True)
            return None
    return None


def _owner_before(s: _Sentence, cue: CueMatch) -> _Party | None:
    """The organization written as the possessor right before a title ("the Treasury's Under
    Secretary", "the police's commander general"), whatever the parse made of it."""
    i = cue.span.start - 1
    doc = s.disc.doc
    for _ in range(3):
        if i <= s.sent.start:
            return None
        tok = doc[i]
        if tok.lower_ in ("'s", "’s", "'"):
            anchor = s.disc.anchor_at(doc[i - 1])
            if anchor is not None and _office(anchor.entity):
                return _Party(anchor.entity, anchor.root, True)
            return None
        if not (tok.is_title or tok.pos_ in ("ADJ", "PROPN")) or s.disc.anchor_at(tok) is not None:
            return None  # only title words ("Under", "Deputy") between owner and title
        i -= 1
    return None


def _office(e: Entity) -> bool:
    """An organization where one holds a post: not a criminal group."""
    return e.type == "organization" and not is_criminal_org(e)


def _stem(word: str) -> str:
    return norm(word)[:STEM]


def _office_named_by_title(s: _Sentence, cue: CueMatch) -> Entity | None:
    """The one agency whose name spells out a qualified title: "regional prosecutor" ->
    "Regional Prosecutor's Office", "fiscal regional" -> "Fiscalía Regional de X",
    "alcalde de <city>" -> "Alcaldía de <city>". A bare title ("prosecutor") is not enough."""
    words = [t for t in cue.span if t.is_alpha]
    modifiers = [c for t in cue.span for c in t.children if c.dep_ in ("amod", "compound") and c.is_alpha]
    places = [
        a.span
        for a in s.anchors
        if is_location(a.entity) and _has_of(a.root) and cue.head.i in (a.root.head.i, a.root.head.head.i)
    ]
    qualifiers = [_stem(t.text) for t in modifiers + words[1:]] + [_stem(p.text) for p in places]
    qualifiers = [q for q in qualifiers if len(q) >= 3 and not s.disc.anchor_at(cue.span[0])]
    if not qualifiers:
        return None
    wanted = {_stem(words[0].text), *qualifiers} if words else set(qualifiers)
    matches = []
    for e in s.disc.ctx.entities:
        if e.type != "organization" or is_criminal_org(e):
            continue
        for name in e.names:
            stems = {w[:STEM] for w in norm(name).split()}
            if wanted <= stems:
                matches.append(e)
                break
    return matches[0] if len(matches) == 1 else None


def _member(s: _Sentence, cue: CueMatch, out: _Found, conf: float) -> None:
    """member_of from "member of", "lieutenant", "integrante"; subordinate_of for "lieutenant of X"
    where X is a person."""
    tok = cue.head
    boss = s.attached_under(tok, lambda e: e.type == "person", 3, through_preposition=True)
    if boss is None:
        boss = _owner(s, tok, lambda e: e.type == "person")
    person = s.closest(
        tok,
        lambda e: is_criminal_person(e) and (boss is None or e.id != boss.entity.id),
        5,
        skip=lambda t: _accompanying(t) or _possessive(t),
    )
    if person is None and boss is not None:
        person = _named_before(s, cue, lambda e: is_criminal_person(e) and e.id != boss.entity.id)
    if person is None:
        if cue.span[-1].pos_ == "ADP":  # "part of", "forma parte de": a unit or cell
            _part(s, cue, out, conf)
        elif "Plur" in tok.morph.get("Number", []):  # "X has members in <place>"
            holder = _owner(s, tok, is_criminal_org) or _subject(s, tok, is_criminal_org)
            if holder is not None:
                _role_place(s, tok, [holder.entity], cue, out)
                verb = _clause_verb(tok)
                if word_key(verb.lemma_) in HAVE_VERBS and tok.head.i == verb.i:
                    for place in _places_of(s, verb):
                        out.add(
                            "operates_in", holder.entity, place, cue.span, _confidence().get("implied", 0.5)
                        )
        return
    persons = s.with_conjuncts(person, is_criminal_person)
    attached = s.attached_under(tok, lambda e: e.type == "organization", 4, nominal=True)
    if attached is not None and not is_criminal_org(attached.entity):
        return  # "a member of the police", "an aircraft belonging to the police"
    org = attached
    if boss is not None and org is None:
        for p in persons:
            out.add("subordinate_of", p, boss.entity, cue.span, conf)
        return
    org = org or s.closest(tok, is_criminal_org, 3)
    group = org.entity if org else s.disc.last_before(tok, is_criminal_org, 1) or s.disc.main_group
    confidence = conf if org else _confidence().get("implied", 0.5)
    for p in persons:
        out.add("member_of", p, group, cue.span, confidence)
    if group is not None:
        _role_place(s, tok, [group], cue, out)


def _is_possessor(tok: Token) -> bool:
    """``tok`` owns the noun it hangs on: "X's", "his", "su"."""
    return tok.dep_ == "poss" or (tok.dep_ == "det" and "Yes" in tok.morph.get("Poss", []))


def _owner(s: _Sentence, tok: Token, accept: Callable[[Entity], bool]) -> _Party | None:
    """The party written as the possessor of ``tok`` or of the noun it qualifies ("X's
    lieutenant", "his right-hand man", "su lugarteniente"): the one the post is held under."""
    heads = {tok.i, tok.head.i} if tok.dep_ in ("amod", "compound") else {tok.i}
    heads |= {c.i for c in tok.children if c.dep_ in ("amod", "compound")}
    doc = tok.doc
    for owner in (c for h in sorted(heads) for c in doc[h].children if _is_possessor(c)):
        found = [p for p in s.parties if p.token.i == owner.i and accept(p.entity)]
        if found:
            return max(found, key=lambda p: p.named)
    return None


def _named_before(s: _Sentence, cue: CueMatch, accept: Callable[[Entity], bool]) -> _Party | None:
    """The last accepted entity named before the cue in its sentence ("X, ..., described as one
    of the lieutenants of Y"): the one a long description is about."""
    before = [p for p in s.parties if p.named and accept(p.entity) and p.token.i < cue.span.start]
    return max(before, key=lambda p: p.token.i) if before else None


def _part(s: _Sentence, cue: CueMatch, out: _Found, conf: float) -> None:
    """part_of from "a faction of X", "X's armed wing", "una célula de X"."""
    tok = cue.head
    if tok.pos_ not in ("NOUN", "PROPN", "ADP", "VERB"):
        return
    named = s.disc.named_as(tok)
    if named is not None:  # "the faction ..., known as X": X is the faction; of what, "of" says
        of = s.attached_under(
            tok, lambda e: is_criminal_org(e) and e.id != named.id, 4, through_preposition=True
        )
        group = (
            of.entity
            if of
            else s.disc.last_before(tok, lambda e: e.subtype == "criminal_group" and e.id != named.id, 3)
            or s.disc.main_organization
        )
        out.add("part_of", named, group, cue.span, conf if of else _confidence().get("implied", 0.5))
        return
    examples = _examples(s, tok, is_criminal_org)
    if examples:  # "splinter groups such as X", "facciones como X y Y": the instances of the cue
        parent = s.attached_under(
            tok, is_criminal_org, 4, skip=lambda t: _example_token(s, t, tok)
        ) or s.closest(tok, lambda e: is_criminal_org(e) and e not in examples, 5)
        if parent is not None:
            for child_entity in examples:
                out.add("part_of", child_entity, parent.entity, cue.span, conf)
        return
    parent = s.attached_under(tok, is_criminal_org, 4) or _modifier_parent(s, tok)
    child = s.closest(tok, lambda e: is_criminal_org(e) and (parent is None or e.id != parent.entity.id), 5)
    if child is None:
        return
    if parent is None:
        if child.entity.subtype != "faction":
            return
        group = (
            s.disc.last_before(tok, lambda e: e.subtype == "criminal_group" and e.id != child.entity.id, 2)
            or s.disc.main_group
        )
        out.add("part_of", child.entity, group, cue.span, _confidence().get("implied", 0.5))
        return
    children = [child.entity]
    if "Plur" in tok.morph.get("Number", []):  # "X and Y, factions of Z"
        children = s.with_conjuncts(child, lambda e: is_criminal_org(e) and e.id != parent.entity.id)
    for entity in children:
        out.add("part_of", entity, parent.entity, cue.span, conf)
    _role_place(s, tok, [*children, parent.entity], cue, out)


def _modifier_parent(s: _Sentence, cue: Token) -> _Party | None:
    """The group named as a modifier of a part noun in apposition to another group ("X, a Y
    cell", "X, an armed Y faction"): the group the named one belongs to."""
    if cue.dep_ != "appos":
        return None
    named = s.disc.anchor_at(cue.head)
    if named is None or not is_criminal_org(named.entity):
        return None
    for p in s.parties:
        if (
            p.named
            and is_criminal_org(p.entity)
            and p.entity.id != named.entity.id
            and p.token.head.i == cue.i
            and p.token.dep_ in ("compound", "nmod", "amod")
        ):
            return p
    return None


def _example_token(s: _Sentence, tok: Token, noun: Token) -> bool:
    """``tok`` is introduced under ``noun`` as an instance of it ("groups such as X",
    "facciones como X", "entre ellas X"), or is a name in apposition to a plural ``noun``."""
    if tok.dep_ == "appos" and tok.head.i == noun.i and "Plur" in noun.morph.get("Number", []):
        return True
    cur = tok
    for _ in range(4):
        if cur.i == noun.i or cur.head.i == cur.i:
            return False
        if s.disc.is_naming(cur):
            return False  # "known as X", "conocida como X": a name, not an instance
        if cur.lower_ in EXAMPLE_WORDS or any(
            c.dep_ in ("case", "prep") and c.lower_ in EXAMPLE_WORDS for c in cur.children
        ):
            return _is_under(cur, noun) and not s.disc.is_naming(cur.head)
        cur = cur.head
    return False


def _is_under(tok: Token, ancestor: Token) -> bool:
    return any(t.i == ancestor.i for t in tok.ancestors)


def _examples(s: _Sentence, noun: Token, accept: Callable[[Entity], bool]) -> list[Entity]:
    """The named entities given as instances of ``noun``, with those listed with them."""
    out: list[Entity] = []
    for p in s.parties:
        if p.named and accept(p.entity) and _is_under(p.token, noun) and _example_token(s, p.token, noun):
            for e in s.with_conjuncts(p, accept):
                if e not in out:
                    out.append(e)
    return out


def _role_place(s: _Sentence, role: Token, groups: list[Entity], cue: CueMatch, out: _Found) -> None:
    """A role of a group "in" a place puts the group there: "the leaders of X in Peru",
    "the armed wing of X in northern Chile", "su segundo al mando en Villa del Rosario"."""
    conf = _confidence().get("implied", 0.5)
    for a in s.anchors:
        if not is_location(a.entity):
            continue
        place = _conj_root(a.root)
        english = place.head.lower_ in IN_PREPOSITIONS and place.head.head.i == role.i
        spanish = place.head.i == role.i and any(c.lower_ in IN_PREPOSITIONS for c in place.children)
        if english or spanish:
            for group in groups:
                out.add("operates_in", group, a.entity, cue.span, conf)


def _subordinate(s: _Sentence, cue: CueMatch, out: _Found, conf: float) -> None:
    """subordinate_of from "takes orders from", "appointed by", "bajo las órdenes de"."""
    tok = cue.head
    before = [p for p in s.parties if is_actor(p.entity) and p.token.i < cue.span.start]
    if not before:
        return
    subject = max(before, key=lambda p: p.token.i)
    scope = {t.i for t in tok.subtree}
    after = [p for p in s.parties if is_actor(p.entity) and p.token.i >= cue.span.end and p.token.i in scope]
    if not after:
        return
    persons = [p for p in after if p.entity.type == "person"]
    first = min(persons or after, key=lambda p: p.token.i)
    for boss in s.with_conjuncts(first, is_actor):
        out.add("subordinate_of", subject.entity, boss, cue.span, conf)


def _between(kind: str) -> Callable[[_Sentence, CueMatch, _Found, float], None]:
    """allied_with / rival_of: the first party against each other one ("A fought B and C")."""

    def handler(s: _Sentence, cue: CueMatch, out: _Found, conf: float) -> None:
        tok = cue.head
        if kind == "allied_with" and any(word_key(c.text) in FORMER for c in tok.children):
            return  # "a former ally" is no ally now
        modified = s.disc.anchor_at(tok.head) if tok.dep_ in ("amod", "compound") else None
        if modified is not None:  # "the rival group X": a rival of the group written about
            main = s.disc.main_group
            if main is not None and modified.entity.id != main.id and is_criminal_org(modified.entity):
                out.add(kind, main, modified.entity, cue.span, conf)
            return
        candidates = [p for _, p in s.near(tok, is_actor, 8)]
        groups = [p for p in candidates if is_criminal_org(p.entity)]
        if len({p.entity.id for p in groups}) >= 2:
            candidates = groups  # two groups at war: the persons named with them are no party
        pairs = _pair_by_grammar(s, tok, candidates)
        if pairs is None:
            seen: dict[str, _Party] = {}
            for party in sorted(candidates, key=lambda p: p.token.i):
                seen.setdefault(party.entity.id, party)
            parties = list(seen.values())
            pairs = [(parties[0].entity, other.entity) for other in parties[1:]]
        for a, b in pairs:
            out.add(kind, a, b, cue.span, conf)
        if kind == "rival_of":
            sides = {e.id: e for pair in pairs for e in pair}
            _shared_ground(s, list(sides.values()), out, conf)
            for place in _places_of(s, _clause_verb(tok)):
                for side in sides.values():
                    out.add("operates_in", side, place, cue.span, conf * 0.9)

    return handler


def _pair_by_grammar(
    s: _Sentence, cue: Token, candidates: list[_Party]
) -> list[tuple[Entity, Entity]] | None:
    """The two sides as the grammar gives them, or None: the one "with"/"against"/"de" the cue
    word and the one it is said of ("X is at war with Y", "accused X of working with Y",
    "X y su rival, Y", "rivales de Y")."""
    if not candidates:
        return None
    by_token: dict[int, list[_Party]] = {}
    for p in candidates:
        by_token.setdefault(p.token.i, []).append(p)
    verb = _clause_verb(cue)
    others: list[_Party] = []
    for p in candidates:
        marker = p.token.head if p.token.head.pos_ == "ADP" else None
        markers = [marker] if marker is not None else []
        markers += [c for c in p.token.children if c.dep_ == "case"]
        if not any(m.lower_ in PARTNER_WORDS for m in markers):
            continue
        attach = marker.head if marker is not None else p.token.head
        if attach.i in (cue.i, verb.i) or cue.i in (attach.head.i,):
            others.append(p)
    appos = [p for p in candidates if p.token.dep_ == "appos" and p.token.head.i == cue.i]
    owners = [p for p in candidates if p.token.dep_ in ("poss",) and p.token.head.i == cue.i]
    if not others and appos and owners:  # "their main rivals, Y"
        return [(owners[0].entity, e) for p in appos for e in s.sharing(p, is_actor)]
    if not others:
        return None
    partners: list[Entity] = []
    for p in others:
        for e in s.sharing(p, is_actor):
            if e not in partners:
                partners.append(e)
    rest = [p for p in candidates if p.entity not in partners]
    if not rest:
        shared = [p.entity for p in others if len(by_token.get(p.token.i, [])) == 2]
        return [(shared[0], shared[1])] if len(shared) == 2 else None
    first = min(rest, key=lambda p: (tree_distance(cue, p.token), not p.named, abs(p.token.i - cue.i)))
    return [(a, b) for a in s.sharing(first, is_actor) for b in partners if a.id != b.id]


def _places_of(s: _Sentence, verb: Token) -> list[Entity]:
    """Places "in"/"en" the clause of ``verb`` itself ("at war in and around X", "se
    enfrentan en X"), with those listed with them."""
    out: list[Entity] = []
    for a in s.anchors:
        if not is_location(a.entity):
            continue
        place = _conj_root(a.root)
        marker = place.head if place.head.pos_ == "ADP" else None
        markers = ([marker] if marker is not None else []) + [c for c in place.children if c.dep_ == "case"]
        if marker is not None and marker.dep_ == "conj":  # "in and around X"
            markers.append(marker.head)
            marker = marker.head
        attach = marker.head if marker is not None else place.head
        if attach.i == verb.i and any(m.lower_ in IN_PREPOSITIONS | {"around", "across"} for m in markers):
            out.append(a.entity)
    return out


def _shared_ground(s: _Sentence, parties: list[Entity], out: _Found, conf: float) -> None:
    """Rivals disputing control of a place all operate there."""
    for cue in _cues(s):
        if cue.kind != "operates":
            continue
        subject = _subject(s, cue.head, is_actor)
        if subject is None or subject.entity not in parties:
            continue  # someone else controls it ("militias that dominate X")
        for place in _places(s, cue.head, 3):
            for p in parties:
                out.add("operates_in", p, place, cue.span, conf * 0.9)


def _subject(s: _Sentence, tok: Token, accept: Callable[[Entity], bool]) -> _Party | None:
    """Who the clause of ``tok`` is about: its subject or agent if accepted, else the closest."""
    verb = _clause_verb(tok)
    if verb.dep_ in ("relcl", "acl"):
        noun = verb.head
        if noun.dep_ == "appos" and s.disc.anchor_at(noun) is None:
            noun = noun.head  # "X, a gang that spread into Y"
        antecedent = s.disc.anchor_at(noun)
        if antecedent is not None and accept(antecedent.entity):
            return _Party(antecedent.entity, antecedent.root, True)
    for _, p in s.near(verb, accept, 4):
        if p.token.dep_ in SUBJECT_LABELS or (p.token.head.dep_ == "agent"):
            return p
    if (
        verb.dep_ in ("relcl", "acl")
        and verb.head.pos_ in ("NOUN", "PROPN")
        and verb.head.dep_ != "appos"
        and not _party_at(s, verb.head)
    ):
        return None  # "the militias that dominate X": someone else, unnamed
    if any(
        c.dep_ == "nsubj"
        and c.pos_ in ("NOUN", "PROPN")
        and not _party_at(s, c)
        and not s.disc.is_member_noun(c)
        for c in verb.children
    ):
        return None  # "residents control X": the subject is no group of the text
    return s.closest(verb, accept, 4)


def _party_at(s: _Sentence, tok: Token) -> bool:
    return any(p.token.i == tok.i for p in s.parties)


def _places(s: _Sentence, tok: Token, limit: int = 6) -> list[Entity]:
    """Locations in the clause of ``tok``, not introduced by "from"/"desde"."""
    verb = _clause_verb(tok)
    scope_root = verb
    if _place_antecedent(verb) is not None:
        scope_root = s.sent.root
    scope = {t.i for t in scope_root.subtree}
    out = []
    for a in s.anchors:
        if not is_location(a.entity) or a.root.i not in scope:
            continue
        if _from_or_towards(_conj_root(a.root)):
            continue
        if tree_distance(verb, _conj_root(a.root)) > limit and scope_root is verb:
            continue
        if a.entity not in out:
            out.append(a.entity)
    return out


def _from_or_towards(place: Token) -> bool:
    """``place`` is where something comes from or goes to ("from Venezuela", "hacia Panamá"),
    not where it happens."""
    words = SOURCE_PREPOSITIONS | DESTINATION_PREPOSITIONS
    return place.head.lower_ in words or any(c.lower_ in words for c in place.children)


def _operates(s: _Sentence, cue: CueMatch, out: _Found, conf: float) -> None:
    """operates_in from "present in", "controls", "opera en", "presencia en"."""
    subject = _subject(s, cue.head, is_actor)
    if subject is None:
        return
    for place in _places(s, cue.head):
        for who in s.sharing(subject, is_actor):
            out.add("operates_in", who, place, cue.span, conf)


def _origin(s: _Sentence, cue: CueMatch, out: _Found, conf: float) -> None:
    """operates_in, weaker, from "founded in", "surgió en" (and leader_of for "founded ... by X")."""
    _head(s, cue, out, _confidence().get("head", conf))
    subject = _subject(s, cue.head, is_criminal_org)
    if subject is None:
        return
    for place in _places(s, cue.head):
        for group in s.sharing(subject, is_criminal_org):
            out.add("operates_in", group, place, cue.span, conf)


# Location subtypes from the most to the least specific: a base or a prison is a named
# building, district or city; the state or country it lies in is only its setting.
PLACE_RANK = {"facility": 0, "city": 1, "region": 2, "country": 3, "area": 4}


def _nearest_place(
    s: _Sentence, tok: Token, accept: Callable[[Entity], bool], limit: int, specific: bool = False
) -> Entity | None:
    """The place closest to ``tok``; with ``specific``, the most specific one within reach
    ("in X prison, in <state>" -> the prison; "in <city>, <country>" -> the city)."""
    verb = _clause_verb(tok)
    target = _place_antecedent(verb) or tok
    found = s.near(target, lambda e: is_location(e) and accept(e), limit)
    if not found:
        return None
    if specific:  # among the places about as close as the closest one
        found = [x for x in found if x[0] <= found[0][0] + 1]
        best = min(found, key=lambda x: (PLACE_RANK.get(x[1].entity.subtype or "", 5), x[0]))
        return best[1].entity
    return found[0][1].entity


def _headquarters(s: _Sentence, cue: CueMatch, out: _Found, conf: float) -> None:
    """headquartered_in from "headquarters", "base", "bastión", "operated out of"."""
    subject = _subject(s, cue.head, is_criminal_org)
    if subject is None:
        subject = s.closest(cue.head, is_criminal_org, 5)
    place = _nearest_place(s, cue.head, lambda e: True, 4, specific=True)
    if subject is not None and place is not None:
        out.add("headquartered_in", subject.entity, place, cue.span, conf)


# Prison cues that need a prison or other facility as the place ("held in Lima" is no jail).
WEAK_PRISON_CUES = frozenset(
    {"held", "hold", "confined", "confine", "detenido", "sentence", "condena", "escape", "fuga", "fugarse"}
    | {"evadirse", "inmate", "prisoner", "reo", "recluso", "break"}
)


def _imprisoned(s: _Sentence, cue: CueMatch, out: _Found, conf: float) -> None:
    """imprisoned_in from "incarcerated", "held in ... prison", "preso en"."""
    tok = cue.head
    person = s.closest(tok, is_criminal_person, 4, skip=_possessive)
    prisoner = person.entity if person else None
    if prisoner is None and not any(c.dep_.startswith("nsubj") for c in _clause_verb(tok).children):
        prisoner = s.disc.last_before(tok, is_criminal_person, 2, subject_first=True)
    weak = len(cue.span) == 1 and (tok.lower_ in WEAK_PRISON_CUES or tok.lemma_.lower() in WEAK_PRISON_CUES)
    place = _nearest_place(
        s, tok, (lambda e: e.subtype == "facility") if weak else (lambda e: True), 4, specific=True
    )
    if (
        place is not None
        and place.subtype in ("region", "country", "area")
        and _unnamed_prison(s, tok, place)
    ):
        return  # "in a federal prison in <state>": the prison is not named, the state is no jail
    if prisoner is not None and place is not None:
        out.add("imprisoned_in", prisoner, place, cue.span, conf * (0.85 if weak else 1.0))


def _unnamed_prison(s: _Sentence, cue: Token, place: Entity) -> bool:
    """A prison noun outside any name stands between ``cue`` and the mention of ``place``."""
    prisons = word_set("relations", "prison_nouns", s.disc.ctx.lang)
    mentions = [a.start for a in s.anchors if a.entity.id == place.id and a.start > cue.i]
    if not mentions:
        return False
    for tok in s.disc.doc[cue.i + 1 : min(mentions)]:
        if s.disc.anchor_at(tok) is None and (
            word_key(tok.lemma_) in prisons or word_key(tok.text) in prisons
        ):
            return True
    return False


def _family(s: _Sentence, cue: CueMatch, out: _Found, conf: float) -> None:
    """family_of from kinship nouns: "his partner, Y", "a cousin of X", "los hermanos A, B y C"."""
    tok = cue.head
    if tok.pos_ not in ("NOUN", "PROPN"):
        return
    if "Plur" in tok.morph.get("Number", []):
        owner = _owner(s, tok, lambda e: e.type == "person") or s.attached_under(
            tok, lambda e: e.type == "person", 2, through_preposition=True
        )
        scope = {t.i for t in tok.subtree}
        kin = list(
            {
                a.entity.id: a.entity
                for a in s.anchors
                if a.entity.type == "person"
                and a.root.i in scope
                and (owner is None or a.entity != owner.entity)
            }.values()
        )
        if owner is not None:  # "X's sons A and B", "X, one of Y's sons", "sus hijos A y B"
            if not kin:
                one = s.closest(tok, lambda e: e.type == "person" and e != owner.entity, 4)
                kin = [one.entity] if one is not None else []
            for x in kin:
                out.add("family_of", x, owner.entity, cue.span, conf)
            return
        for x, y in itertools.combinations(kin, 2):
            out.add("family_of", x, y, cue.span, conf)
        return
    relative = s.attached_under(tok, lambda e: e.type == "person", 3)
    person = s.closest(
        tok, lambda e: e.type == "person" and (relative is None or e.id != relative.entity.id), 2
    )
    if person is None:
        return
    if relative is None:
        relative = s.closest(tok, lambda e: e.type == "person" and e.id != person.entity.id, 1)
    if relative is not None:
        out.add("family_of", person.entity, relative.entity, cue.span, conf)


HANDLERS: dict[str, Callable[[_Sentence, CueMatch, _Found, float], None]] = {
    "head": _head,
    "title": _title,
    "member": _member,
    "part": _part,
    "subordinate": _subordinate,
    "allied": _between("allied_with"),
    "rival": _between("rival_of"),
    "operates": _operates,
    "origin": _origin,
    "headquarters": _headquarters,
    "imprisoned": _imprisoned,
    "family": _family,
}


def _cues(s: _Sentence) -> list[CueMatch]:
    found = matcher("relations", "cues", s.disc.ctx.lang).find(s.sent)
    return [c for c in found if s.disc.anchor_at(c.span[0]) is None and s.disc.anchor_at(c.span[-1]) is None]


# -- regularities without cues ------------------------------------------------------------


@functools.cache
def _unit_lexicon() -> dict[str, tuple[str, ...]]:
    data = lexicon.load("relations").get("agency_units") or {}
    return {k: tuple(norm(str(w)) for w in v or []) for k, v in data.items()}


def _names_contain(entity: Entity, phrases: Iterable[str]) -> bool:
    names = [f" {norm(n)} " for n in entity.names]
    return any(f" {p} " in n for p in phrases for n in names)


def _agency_units(disc: Discourse, out: _Found) -> None:
    """part_of for agency units: the agency they hang on in the text ("la Dirección X de la
    Policía", "the police's Y Region"), else the document's police or prosecution service."""
    words = _unit_lexicon()
    agencies = [e for e in disc.ctx.entities if is_agency(e)]
    parents = words.get("prosecution_parents", ())
    units = [
        e
        for e in agencies
        if _names_contain(e, words.get("unit_words", ()) + words.get("office_words", ()))
        and not _names_contain(e, parents)
    ]
    conf = _confidence()
    for unit in units:
        parent = _stated_parent(disc, unit) or _acronym_parent(disc, unit, agencies)
        if parent is not None:
            out.add("part_of", unit, parent.entity, parent.span, conf.get("part", 0.75))
            continue
        prosecution = _names_contain(unit, words.get("prosecution_words", ()))
        if not prosecution and not _names_contain(unit, words.get("unit_words", ())):
            continue  # an office with no parent named: an agency of its own
        if prosecution:
            candidates = [
                e
                for e in agencies
                if e not in units and _names_contain(e, words.get("prosecution_parents", ()))
            ]
        else:
            candidates = [
                e
                for e in agencies
                if e not in units
                and _names_contain(e, words.get("police_words", ()))
                and not _names_contain(e, words.get("unit_words", ()))
            ]
        if not candidates:
            continue
        same_country = [e for e in candidates if unit.country and e.country == unit.country]
        best = max(same_country or candidates, key=lambda e: len(e.mentions))
        first = next((a for a in disc.anchors if a.entity.id == unit.id), None)
        if first is not None:
            out.add("part_of", unit, best, first.span, conf.get("unit", 0.6))


def _acronym_parent(disc: Discourse, unit: Entity, agencies: list[Entity]) -> Anchor | None:
    """The agency whose acronym is a word of the unit's name ("Dirección de Investigación
    Criminal XYZ" for the agency XYZ)."""
    words = {w for n in unit.names for w in re.split(r"[\s\-–/()]+", n) if w}
    for agency in agencies:
        if agency.id == unit.id:
            continue
        acronyms = {a for a in agency.aliases + agency.names if a.isupper() and 2 <= len(a) <= 6}
        if acronyms & words:
            first = next((a for a in disc.anchors if a.entity.id == unit.id), None)
            if first is not None:
                return Anchor(agency, first.span)
    return None


def _stated_parent(disc: Discourse, unit: Entity) -> Anchor | None:
    """An agency named right after a mention of ``unit`` with "of"/"de" between, or right
    before it as a possessive or modifier ("la Unidad X de la Policía", "the agency's Region")."""
    text = disc.ctx.text
    for i, anchor in enumerate(disc.anchors):
        if anchor.entity.id != unit.id:
            continue
        after = disc.anchors[i + 1] if i + 1 < len(disc.anchors) else None
        before = disc.anchors[i - 1] if i > 0 else None
        if after is not None and is_agency(after.entity) and after.entity.id != unit.id:
            between = norm_between(text[anchor.span.end_char : after.span.start_char])
            if between in OF_WORDS:
                return Anchor(after.entity, anchor.span)
        if before is not None and is_agency(before.entity) and before.entity.id != unit.id:
            between = norm_between(text[before.span.end_char : anchor.span.start_char])
            if between in POSSESSIVE_WORDS:
                return Anchor(before.entity, anchor.span)
    return None


def norm_between(text: str) -> str:
    """The words between two mentions, lower-cased, brackets and quotes dropped."""
    return " ".join(text.replace("(", " ").replace('"', " ").replace("’", "'").lower().split())


ARTICLES = frozenset({"a", "an", "the", "un", "una", "el", "la", "los", "las", "lo"})


@functools.cache
def _faction_link_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Words that may stand between a faction and its group ("X, a cell of the gang Y", "X,
    brazo armado del Y"): part nouns, and the group nouns and qualifiers around them."""
    data = lexicon.load("relations")
    parts = {word_key(w) for phrase in data["cues"]["part"].get(lang) or [] for w in str(phrase).split()}
    parts |= set(data.get("references_faction_nouns", {}).get(lang) or [])
    groups = set(data.get("references_group_nouns", {}).get(lang) or [])
    groups |= set(data.get("references_organization_nouns", {}).get(lang) or [])
    qualifiers = set(data.get("faction_qualifiers", {}).get(lang) or [])
    return frozenset(word_key(w) for w in parts), frozenset(word_key(w) for w in groups | qualifiers)


def _written_factions(disc: Discourse, out: _Found) -> None:
    """part_of for a faction written right before its group with only "of"/"de" and part or
    group nouns between ("X, a cell of the Y", "X, del grupo Y", "la facción X del Y",
    "X, brazo armado de Y"), whatever the parse made of the words."""
    parts, others = _faction_link_words(disc.ctx.lang)
    conf = _confidence().get("part", 0.75)
    doc = disc.doc
    for a, b in itertools.pairwise(disc.anchors):
        child, parent = a.entity, b.entity
        if child.id == parent.id or not is_criminal_org(child) or parent.subtype != "criminal_group":
            continue
        if disc.sentence_of(a.root).start != disc.sentence_of(b.root).start:
            continue
        words = [word_key(t.text) for t in doc[a.span.end : b.start] if not t.is_punct]
        if not words or not any(w in OF_PREPOSITIONS for w in words):
            continue
        if any(w not in OF_PREPOSITIONS | ARTICLES | parts | others for w in words):
            continue
        before = doc[a.start - 1] if a.start > 0 else None
        part_named = any(w in parts for w in words) or (before is not None and word_key(before.text) in parts)
        if child.subtype == "faction" or part_named:
            out.add("part_of", child, parent, a.span, conf)


def _origin_of_people(place: Token) -> bool:
    """``place`` says where people come from: "women from Venezuela", "mujeres de Colombia"."""
    people = word_set("relations", "people_nouns", place.doc.lang_ or "en")
    head = place.head
    if head.lower_ in OF_PREPOSITIONS | SOURCE_PREPOSITIONS:  # English: place <- of <- noun
        head = head.head
    elif not _has_of(place) and not any(c.lower_ in SOURCE_PREPOSITIONS for c in place.children):
        return False
    for _ in range(3):  # "mujeres extranjeras, sobre todo de Venezuela"
        if word_key(head.lemma_) in people or word_key(head.text) in people:
            return True
        if head.head.i == head.i:
            break
        head = head.head
    return False


def _crime_places(disc: Discourse, out: _Found) -> None:
    """operates_in for a group or person said to commit crimes in a place ("extorts transport
    companies in <city>", "cobra cupos en <district>")."""
    conf = _confidence().get("implied", 0.5)
    for att in crimes.attribute(disc.ctx, disc):
        if not is_criminal_org(att.entity):
            continue
        term = att.term.head
        for anchor in disc.in_sentence(disc.sentence_of(term)):
            if not is_location(anchor.entity):
                continue
            if _from_or_towards(_conj_root(anchor.root)) or _origin_of_people(_conj_root(anchor.root)):
                continue
            labels = path_labels(_conj_root(anchor.root), term)
            if (
                labels is None
                or len(labels) > 4
                or any(lab in ("relcl", "nsubj", "nsubjpass", "acl") for lab in labels)
            ):
                continue
            out.add("operates_in", att.entity, anchor.entity, att.term.span, conf)


def extract_relations(ctx: DocContext) -> list[Relation]:
    """Every relation the text states, with evidence and confidence."""
    if not ctx.entities or not len(ctx.doc):
        return []
    disc = Discourse(ctx)
    conf = _confidence()
    out = _Found(ctx)
    for sent in disc.sentences():
        s = _Sentence(disc, sent)
        if not s.parties:
            continue
        for cue in _cues(s):
            handler = HANDLERS.get(cue.kind)
            if handler is not None:
                handler(s, cue, out, conf.get(cue.kind, 0.6))
    _agency_units(disc, out)
    _written_factions(disc, out)
    _crime_places(disc, out)
    return out.relations()
