"""Crimes: which criminal group or person the text says commits, runs or is charged with what.

Crime terms come from ``lexicons/crimes.yml`` (English and Spanish, ICCS-based types): fixed
terms ("extortion", "sicariato") and trafficking stated as a verb or noun of moving goods
with the goods it moves ("ships cocaine", "rutas de la droga", "traficar armas"). Each term
is attributed to the closest offender in the dependency tree: a criminal group or person
named in the sentence, or a pronoun or generic noun standing for one ("they", "the gang",
"los detenidos"), together with the parties coordinated with it. Agencies, officials,
experts and victims are never offenders: when one of them is the closest party (the police
that "fight extortion"), the term is left unattributed. Whoever charges, designates or
blames is no party either: the offender is the one charged ("prosecutors accused X of
fraud"). The person "of" a killing or kidnapping is its victim. A sentence with no party
at all continues about the last offender.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Span, Token

from pista.documents import CRIME_TYPES, Crime, Entity
from pista.errors import ConfigError
from pista.extract import lexicon
from pista.extract.context import DocContext
from pista.extract.discourse import (
    FAR,
    Discourse,
    is_actor,
    is_criminal_org,
    is_criminal_person,
    tree_distance,
)
from pista.extract.triggers import Cue, CueMatch, CueMatcher, cues_from, word_key, word_set

MAX_DISTANCE = 7
NEAR = 3
BLOCKER_REACH = 3
PATIENT_LABELS = frozenset({"nsubjpass", "dobj", "obj", "nsubj:pass"})
SUBJECT_LABELS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "agent"})
GOODS_REACH = 3
CHARGE_REACH = 4
# Arcs from a word of trafficking down to the goods it moves: object, "of"/"de", modifier, list.
GOODS_LABELS = frozenset(
    {
        "dobj",
        "obj",
        "pobj",
        "prep",
        "nmod",
        "compound",
        "conj",
        "appos",
        "amod",
        "nsubjpass",
        "nsubj:pass",
        "flat",
    }
)
OF_WORDS = frozenset({"of", "de", "del"})
CLAUSE_LABELS = frozenset({"acl", "relcl", "acl:relcl"})


@dataclass(frozen=True)
class Attribution:
    """One crime term attributed to one offender."""

    entity: Entity
    type: str
    term: CueMatch
    confidence: float


@functools.cache
def _matcher(lang: str) -> CueMatcher:
    data = lexicon.load("crimes")
    if not isinstance(data, dict) or not isinstance(data.get("terms"), dict):
        raise ConfigError("lexicon 'crimes' has no section 'terms'")
    cues = cues_from(data["terms"], lang, "crimes.terms") + cues_from(
        data.get("also") or {}, lang, "crimes.also"
    )
    for cue in cues:
        unknown = [t for t in cue.kind.split("+") if t not in CRIME_TYPES]
        if unknown:
            raise ConfigError(f"lexicon 'crimes': unknown crime type {unknown[0]!r} for {cue.phrase!r}")
    return CueMatcher(cues)


@dataclass(frozen=True)
class _Goods:
    """The trafficking vocabulary of one language."""

    movers: frozenset[str]
    goods: dict[str, str]
    people_movers: frozenset[str]
    people_goods: frozenset[str]


@functools.cache
def _goods(lang: str) -> _Goods:
    data = lexicon.load("crimes")
    goods: dict[str, str] = {}
    for kind, by_lang in (data.get("goods") or {}).items():
        if kind not in CRIME_TYPES or not isinstance(by_lang, dict):
            raise ConfigError(f"lexicon 'crimes': goods entry {kind!r} must be a crime type with word lists")
        for word in by_lang.get(lang) or []:
            goods[word_key(str(word))] = kind
    return _Goods(
        word_set("crimes", "movers", lang),
        goods,
        word_set("crimes", "people_movers", lang),
        word_set("crimes", "people_goods", lang),
    )


def _keys(tok: Token) -> tuple[str, str]:
    return word_key(tok.text), word_key(tok.lemma_)


def _goods_terms(sent: Span, taken: set[int], lang: str) -> list[CueMatch]:
    """Trafficking said with a word of moving goods and the goods it moves: "ship drugs",
    "loads of cocaine", "weapons smuggler", "rutas de la cocaína", "traficar armas"."""
    vocab = _goods(lang)
    out = []
    for mover in sent:
        if mover.i in taken:
            continue
        keys = _keys(mover)
        moves_goods = any(k in vocab.movers for k in keys)
        moves_people = any(k in vocab.people_movers for k in keys)
        if not (moves_goods or moves_people):
            continue
        kinds: list[str] = []
        for tok in _below(mover, GOODS_REACH):
            if tok.i in taken:
                continue
            tkeys = _keys(tok)
            kind = next((vocab.goods[k] for k in tkeys if k in vocab.goods), None) if moves_goods else None
            if kind is None and moves_people and any(k in vocab.people_goods for k in tkeys):
                kind = "human_trafficking"
            if kind is not None and kind not in kinds:
                kinds.append(kind)
        for kind in kinds:
            out.append(CueMatch(Cue(kind, (keys[0],), mover.text), sent.doc[mover.i : mover.i + 1]))
    return out


def _below(tok: Token, reach: int) -> list[Token]:
    """Tokens under ``tok`` within ``reach`` arcs through nominal arcs only (no clause)."""
    out: list[Token] = []
    frontier = [tok]
    for _ in range(reach):
        nxt = [c for t in frontier for c in t.children if c.dep_ in GOODS_LABELS and c.pos_ != "VERB"]
        out += nxt
        frontier = nxt
    return out


@functools.cache
def _confidence() -> dict[str, float]:
    data = lexicon.load("crimes")
    return {str(k): float(v) for k, v in (data.get("confidence") or {}).items()}


def _blocked(term: CueMatch, blockers: frozenset[str]) -> bool:
    """The term is governed by a word of fighting or preventing ("lucha contra la extorsión")."""
    tok: Token = term.head
    for _ in range(BLOCKER_REACH):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if word_key(tok.lemma_) in blockers or word_key(tok.text) in blockers:
            return True
    return False


def _conj_root(tok: Token) -> Token:
    """The first of coordinated items, so every item of a list is as close as the first."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _is_source(tok: Token, speech: frozenset[str]) -> bool:
    """``tok`` names who says something ("X said", "according to X", "según X")."""
    if tok.dep_ in ("nsubj", "nsubjpass") and word_key(tok.head.lemma_) in speech:
        return True
    if tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
        return True
    return any(word_key(c.text) == "segun" for c in tok.children)


def _is_patient(candidate: Token, term: Token) -> bool:
    """``candidate`` undergoes the crime verb ("X was murdered", "kidnapped X")."""
    if term.pos_ != "VERB" or candidate.head.i != term.i:
        return False
    passive = any(c.dep_ in ("auxpass", "aux:pass") for c in term.children)
    return candidate.dep_ in PATIENT_LABELS or (passive and candidate.dep_ == "nsubj")


def attribute(ctx: DocContext, disc: Discourse | None = None) -> list[Attribution]:
    """Every crime term of the document with the offender it is attributed to."""
    if not ctx.entities or not len(ctx.doc):
        return []
    disc = disc or Discourse(ctx)
    matcher = _matcher(ctx.lang)
    blockers = word_set("crimes", "blockers", ctx.lang)
    conf = _confidence()
    out: list[Attribution] = []
    previous_offender: Entity | None = None
    for sent in disc.sentences():
        terms = [t for t in matcher.find(sent) if disc.anchor_at(t.span[0]) is None]
        taken = {tok.i for t in terms for tok in t.span} | {
            tok.i for tok in sent if disc.anchor_at(tok) is not None
        }
        terms += _goods_terms(sent, taken, ctx.lang)
        parties = _parties(disc, sent)
        offenders = [p for p in parties if p.offender]
        speakers = _non_offender_subjects(disc, sent)
        hired = any("contract_killing" in t.kind for t in terms)
        for term in terms:
            if _blocked(term, blockers):
                continue
            found = _closest(term, parties)
            if found is None and not offenders and not speakers:
                topic = _topic(disc, term.head) or previous_offender
                found = (topic, conf.get("continued", 0.5)) if topic is not None else None
            if not found:
                continue
            entity, confidence = found  # type: ignore[misc]
            offenders_of_term = [(entity, confidence)]
            offenders_of_term += [(e, confidence) for e in _coordinated(disc, parties, entity)]
            offenders_of_term += [
                (e, confidence)
                for e in disc.companions(_governing_verb(term.head))
                if is_actor(e) and all(e.id != o.id for o, _ in offenders_of_term)
            ]
            runner = _runner(term, parties, entity)
            if runner is not None:
                offenders_of_term.append((runner, confidence))
            for crime_type in term.kind.split("+"):
                if crime_type == "homicide" and hired:
                    continue  # "murdered by hitmen": the contract killing says it
                for who, how_sure in offenders_of_term:
                    out.append(Attribution(who, crime_type, term, how_sure))
        if offenders:
            subjects = [p for p in offenders if p.token.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")]
            previous_offender = (subjects or offenders)[0].entity
    return out


_NOBODY = Entity(id="", type="person", names=[], role="other")


@dataclass(frozen=True)
class _Party:
    """Someone a crime term may be attributed to, or who rules attribution out."""

    entity: Entity
    token: Token
    offender: bool
    named: bool


def _parties(disc: Discourse, sent: Span) -> list[_Party]:
    parties = []
    for anchor in disc.in_sentence(sent):
        e = anchor.entity
        if e.type == "location" or (
            e.type == "organization" and not is_criminal_org(e) and e.subtype is None
        ):
            continue
        parties.append(_Party(e, anchor.root, is_actor(e), True))
    for ref in disc.references_in(sent, "group"):
        parties.append(_Party(ref.entity, ref.token, True, False))
    for ref in disc.plural_references(sent):
        parties.append(_Party(ref.entity, ref.token, True, False))
    for ref in disc.references_in(sent, "person"):
        if not any(p.token.i == ref.token.i for p in parties):
            parties.append(_Party(ref.entity, ref.token, True, False))
    non_offenders = word_set("crimes", "non_offenders", disc.ctx.lang)
    person_nouns = word_set("crimes", "person_nouns", disc.ctx.lang)
    for tok in sent:
        if disc.anchor_at(tok) is not None:
            continue
        if _keys(tok)[1] in person_nouns and _definite(tok):
            person = disc.last_before(tok, is_criminal_person, 2, subject_first=True, subjects_only=True)
            if person is not None:  # "the kingpin", "el cabecilla": the person the text is about
                parties.append(_Party(person, tok, True, False))
        elif disc.is_member_noun(tok) and disc.is_determined(tok):
            group = disc.main_group
            if group is not None:
                parties.append(_Party(group, tok, True, False))
        elif tok.pos_ in ("NOUN", "PROPN") and (
            word_key(tok.text) in non_offenders or word_key(tok.lemma_) in non_offenders
        ):
            parties.append(_Party(_NOBODY, tok, False, False))
    speech = word_set("crimes", "speech_verbs", disc.ctx.lang)
    return [p for p in parties if p.offender or not _is_source(p.token, speech)]


def _definite(noun: Token) -> bool:
    """``noun`` has a definite article or demonstrative, not a possessive ("el cabecilla",
    not "su jefe": his boss is someone else)."""
    words = word_set("crimes", "definite_words", noun.doc.lang_ or "en")
    return any(c.dep_ == "det" and word_key(c.text) in words for c in noun.children) and not any(
        c.dep_ in ("poss", "nmod:poss") or (c.dep_ == "det" and c.pos_ == "PRON") for c in noun.children
    )


def _runner(term: CueMatch, parties: list[_Party], owner: Entity) -> Entity | None:
    """The person who runs a group's crime: in "X coordinated the group's extortion" the
    extortion is the group's and X's too."""
    head = _conj_root(term.head)
    near = {head.i}
    tok = head
    for _ in range(2):
        tok = tok.head
        near.add(tok.i)
    owned = any(
        p.entity.id == owner.id and p.token.dep_ == "poss" and p.token.head.i in near for p in parties
    )
    if not owned:
        return None
    verb = head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for p in parties:
        if (
            p.offender
            and p.entity.type == "person"
            and p.token.dep_ in ("nsubj", "nsubjpass")
            and p.token.head.i == verb.i
        ):
            return p.entity
    return None


def _topic(disc: Discourse, term: Token) -> Entity | None:
    """Whom a clause without subject continues about (Spanish "Es requerido por ..."):
    the last offender who was a subject, if the clause has no subject of its own."""
    verb = term
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if any(c.dep_.startswith("nsubj") or c.dep_ == "expl" for c in verb.children):
        return None
    if verb.pos_ not in ("VERB", "AUX") or not verb.morph.get("VerbForm", []):
        return None
    return disc.last_before(term, is_actor, 3, subject_first=True, subjects_only=True)


def _non_offender_subjects(disc: Discourse, sent: Span) -> bool:
    """Someone who is no offender is the subject of a clause (a judge, a source, the police)."""
    non_offenders = word_set("crimes", "non_offenders", disc.ctx.lang)
    for tok in sent:
        if tok.dep_ not in ("nsubj", "nsubjpass", "nsubj:pass"):
            continue
        anchor = disc.anchor_at(tok)
        if anchor is not None:
            if not is_actor(anchor.entity) and anchor.entity.type != "location":
                return True
        elif word_key(tok.text) in non_offenders or word_key(tok.lemma_) in non_offenders:
            return True
    return False


def _coordinated(disc: Discourse, parties: list[_Party], entity: Entity) -> list[Entity]:
    """Offenders named in coordination with a mention of ``entity`` ("X and Y", "X y Y"), or
    meant by the same words ("both gangs")."""
    out: list[Entity] = []
    tokens = {p.token.i for p in parties if p.entity.id == entity.id}
    for party in parties:  # "both gangs": one word for two groups
        if (
            party.token.i in tokens
            and party.offender
            and party.entity.id != entity.id
            and party.entity not in out
        ):
            out.append(party.entity)
    for party in parties:
        if not party.named or party.entity.id != entity.id:
            continue
        for tok in party.token.conjuncts:
            anchor = disc.anchor_at(tok)
            if (
                anchor is not None
                and is_actor(anchor.entity)
                and anchor.entity.id != entity.id
                and anchor.entity not in out
            ):
                out.append(anchor.entity)
    return out


def _charging_verb(term: Token, lang: str) -> Token | None:
    """The active verb of charging, designating or blaming that governs ``term``
    ("accused X of extortion", "designó a X como organización terrorista")."""
    verbs = word_set("crimes", "charge_verbs", lang)
    tok = term
    for _ in range(CHARGE_REACH):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") and any(k in verbs for k in _keys(tok)):
            if any(c.dep_ in ("auxpass", "aux:pass") for c in tok.children):
                return None  # "X was charged with": the subject is the one charged
            return tok
    return None


def _victim_of(term: CueMatch, tok: Token) -> bool:
    """``tok`` stands "of"/"de" a killing or kidnapping: its victim ("the killing of X")."""
    against = lexicon.load("crimes").get("against_persons") or []
    if not any(kind in against for kind in term.kind.split("+")) or term.head.pos_ not in ("NOUN", "PROPN"):
        return False
    return _has_victim(term.head) and tok.i in {t.i for t in _of_subtree(term.head)}


def _of_subtree(noun: Token) -> list[Token]:
    """The tokens of the "of"/"de" complements of ``noun``."""
    out: list[Token] = []
    for child in noun.children:
        english = child.dep_ == "prep" and child.lower_ in OF_WORDS
        spanish = child.dep_ == "nmod" and any(
            c.dep_ == "case" and c.lower_ in OF_WORDS for c in child.children
        )
        if english or spanish or child.dep_ == "poss":
            out += _phrase(child)
    return out


def _phrase(tok: Token) -> list[Token]:
    """``tok`` and its dependents, without relative clauses ("X, a crime for which Y ...")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in CLAUSE_LABELS:
            continue
        if child.dep_ == "appos" and any(g.dep_ in CLAUSE_LABELS for g in child.children):
            continue  # "dos personas, delito por el que X fue formalizado"
        out += _phrase(child)
    return out


def _has_victim(noun: Token) -> bool:
    return any(
        (c.dep_ == "prep" and c.lower_ in OF_WORDS)
        or (c.dep_ == "nmod" and any(g.dep_ == "case" and g.lower_ in OF_WORDS for g in c.children))
        for c in noun.children
    )


def _closest(term: CueMatch, parties: list[_Party]) -> tuple[Entity, float] | bool | None:
    """The offender closest to ``term``; False when a non-offender stands closer, None when
    nobody is near."""
    conf = _confidence()
    head = _conj_root(term.head)
    ranked = []
    lang = term.span.doc.lang_ or "en"
    charging = _charging_verb(head, lang)
    accusers: set[int] = set()
    accused: set[int] = set()
    if charging is not None:
        accusers = {t.i for t in _subjects(charging)}
        accusers |= {c.i for i in list(accusers) for c in term.span.doc[i].conjuncts}
        accused = {t.i for t in charging.children if t.dep_ in PATIENT_LABELS}
    victim_noun = _victim_noun(term)
    own = {t.i for t in term.head.subtree}
    for party in parties:
        if _is_patient(party.token, term.head) or party.token.i in accusers or _victim_of(term, party.token):
            continue
        if victim_noun and party.token.i not in own and not _orders(party.token, term.head):
            continue  # "since the killing of X": when, not who
        dist = tree_distance(head, party.token)
        if dist == FAR or dist > MAX_DISTANCE:
            continue
        if party.token.i in accused and party.offender:
            dist = 0  # "accused X of ...": X is the one charged
        subject = 0 if party.token.dep_ in SUBJECT_LABELS else 1
        ranked.append(((dist, subject, 0 if party.named else 1, abs(party.token.i - head.i)), party))
    ranked.sort(key=lambda r: r[0])
    for (dist, _, _, _), party in ranked:
        if not party.offender:
            if dist <= NEAR:
                return False
            continue
        return party.entity, conf.get("direct" if party.named else "reference", 0.65)
    return None


def _verb_of(tok: Token) -> Token:
    """The verb of the clause holding ``tok``."""
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _governing_verb(tok: Token) -> Token:
    """The main verb for a crime term: its own clause's verb, or the verb that clause
    depends on ("ran the cartel together with X, importing cocaine")."""
    verb = _verb_of(tok)
    if verb.dep_ in ("advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        return verb.head
    return verb


def _subjects(verb: Token) -> list[Token]:
    """The subjects of ``verb``, or those of the verb it is coordinated with ("X declared ...
    and designated ...")."""
    own = [t for t in verb.children if t.dep_ in SUBJECT_LABELS]
    if own or verb.dep_ != "conj":
        return own
    return [t for t in verb.head.children if t.dep_ in SUBJECT_LABELS]


def _victim_noun(term: CueMatch) -> bool:
    """``term`` is a killing or kidnapping named with its victim that only dates something
    ("since the murder of X", "tras el asesinato de X"): it tells when, not who."""
    against = lexicon.load("crimes").get("against_persons") or []
    if not any(kind in against for kind in term.kind.split("+")) or term.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if not _has_victim(term.head):
        return False
    temporal = word_set("crimes", "temporal_words", term.span.doc.lang_ or "en")
    head = term.head
    markers = [head.head] if head.dep_ == "pobj" else []
    markers += [c for c in head.children if c.dep_ in ("case", "mark", "advmod")]
    if head.dep_ in ("nmod", "obl", "obj") and head.head.pos_ == "ADV":
        markers.append(head.head)  # "después del asesinato"
    return any(k in temporal for m in markers for k in _keys(m))


def _orders(party: Token, term: Token) -> bool:
    """``party`` is the subject of the verb whose object is ``term`` ("X ordered the killing of Y")."""
    verb = term.head
    return (
        term.dep_ in ("dobj", "obj")
        and verb.pos_ in ("VERB", "AUX")
        and party.head.i == verb.i
        and party.dep_ in ("nsubj", "agent")
    )


def extract_crimes(ctx: DocContext) -> list[Crime]:
    """Every crime the text attributes to a criminal group or person, once per (offender, type)."""
    found: dict[tuple[str, str], Crime] = {}
    for att in attribute(ctx):
        key = (att.entity.id, att.type)
        if key in found and found[key].confidence >= att.confidence:
            continue
        found[key] = Crime(att.entity.id, att.type, ctx.evidence(att.term.span), att.confidence)
    return list(found.values())
