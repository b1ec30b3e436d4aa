"""Events: operations, legal actions and violent incidents found in a parsed document.

Each sentence with a trigger word (``lexicons/events.yml``; matched on lemma, form or prefix)
gives one candidate per event type, unless the trigger tells no real action: an infinitive of
purpose, a future, conditional or modal verb ("would seek", "será juzgado", "podría"), an
"if" clause, or a seizure word with nothing seized ("found him hiding"). Its date is the date
expression of the sentence nearest its triggers in the dependency parse, the sentence's dates
shared among its event types best pair first (datelines and "since ..." durations last;
``dates.find_dates`` resolves them; coordinated dates, "in 2011 and 2015", give one event
each); its place is a location hanging on a trigger ("arrested in X"; not the dateline city,
nor the subject acting), else the most specific one named; its agencies are those of the
sentence nearer its triggers than any other trigger; its targets come from the entities of
the sentence (groups, factions, and the persons the trigger acts on, a pronoun standing for
the last person named before it); its counts are figures that count people and are the
subject or object of an arrest, rescue or killing word ("twelve alleged members ... detained",
"nueve fueron detenidos"; agents acting are never counted; one named person counts 1, more
with "together with X"); its seized goods come from ``lexicons/seized.yml``. A killing or an
attack is an operation when agents of the state take part in its clause, else a violent
incident.

Candidates that tell the same real-world event merge: same date; or no date of their own and
continuing the narration (the next sentence) or coming back to the main event of the
document ("during the raids, phones were seized"); a summary opening the text without a date
takes the date of the narration that tells it; a headline dated only by its dateline takes
the date of the lead that tells it again. A different date or place starts a new event, and
so does an action told as earlier ("had already charged them"), a legal act of another kind
(a sentence, a charge, an extradition, a sanction, a reward), a killing told in another
place, or a legal act or killing aimed at other persons. An event needs no date: one the
text tells without a date keeps none.

Dates belong to their clause: not a verb coordinated after the trigger ("sentenced, but fled
in 2019"), nor a clause reached through a relative one, nor an expert's statement ("told a
magazine on May 3 that..."). Places are where it happened: not where someone is sent
("extradited to X", "trasladado a la cárcel de X"), nor a place acting ("X extradited him"),
nor a region of the world named in passing; a country is not where a legal act happened
unless the act hangs on it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from pista.documents import EVENT_TYPES, SEIZED_CATEGORIES, Entity, Event, Evidence
from pista.errors import ConfigError
from pista.extract import lexicon
from pista.extract.context import DocContext
from pista.extract.dates import DateMention, agree, find_dates, is_dateline
from pista.extract.numbers import Quantity, find_quantities

COUNT_ROLES = ("arrested", "rescued", "killed")
_LOCATION_RANK = {"facility": 0, "city": 1, "region": 2, "country": 3, "area": 4}
_TARGET_SUBTYPES = ("criminal_group", "faction")
_NOT_TARGET_ROLES = ("official", "expert", "victim")
_MAX_COUNT = 100_000
_CONTINUATION_DAYS = 3
_DURATION_CUES = re.compile(r"^(?:since|desde|from|until|hasta)\b", re.IGNORECASE)


# --- lexicons ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Group:
    type: str
    kind: str
    count: str | None
    act: str | None = None


@dataclass(frozen=True)
class _Words:
    """Exact words, prefixes ("captur*") and phrases ("prison terms") of one vocabulary."""

    exact: frozenset[str]
    prefixes: re.Pattern[str] | None
    phrases: re.Pattern[str] | None

    def matches(self, token: Token) -> bool:
        lower = token.lower_
        if lower in self.exact or token.lemma_.lower() in self.exact:
            return True
        return self.prefixes is not None and self.prefixes.match(lower) is not None


def _words(entries: list[str]) -> _Words:
    exact = {e.casefold() for e in entries if " " not in e and not e.endswith("*")}
    stems = sorted(
        (e[:-1].casefold() for e in entries if " " not in e and e.endswith("*")), key=len, reverse=True
    )
    prefixes = re.compile("|".join(re.escape(p) for p in stems)) if stems else None
    phrases = [e.rstrip("*").casefold() for e in entries if " " in e]
    pattern = None
    if phrases:
        alt = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        pattern = re.compile(rf"(?<!\w)(?:{alt})\w*", re.IGNORECASE)
    return _Words(frozenset(exact), prefixes, pattern)


@dataclass(frozen=True)
class _Lexicon:
    groups: tuple[tuple[_Group, _Words], ...]
    not_triggers: _Words
    agents: _Words
    people: frozenset[str]
    others: frozenset[str]
    totals: tuple[str, ...]
    together: tuple[str, ...]
    seized: tuple[tuple[str, _Words], ...]
    aggregate: re.Pattern[str]
    pronouns: frozenset[str]
    irrealis_heads: frozenset[str]
    collectives: frozenset[str]
    prior: frozenset[str]
    modals: frozenset[str]
    conditionals: frozenset[str]
    offer_verbs: frozenset[str]
    money: _Words
    reward_cues: frozenset[str]
    destinations: frozenset[str]
    speech: frozenset[str]
    warrant_nouns: frozenset[str]
    warrant_verbs: frozenset[str]
    business: frozenset[str]
    against: frozenset[str]


@functools.cache
def _lexicon(lang: str) -> _Lexicon:
    data: dict[str, Any] = lexicon.load("events")
    seized: dict[str, Any] = lexicon.load("seized")
    key = lang if lang in ("en", "es") else "en"
    for g in data["groups"]:
        if g["type"] not in (*EVENT_TYPES, "killing") or g.get("count") not in (*COUNT_ROLES, None):
            raise ConfigError(f"lexicon 'events': bad trigger group {g.get('type')!r}/{g.get('count')!r}")
    groups = tuple(
        (_Group(g["type"], g.get("kind", "strong"), g.get("count"), g.get("act")), _words(g.get(key) or []))
        for g in data["groups"]
    )
    return _Lexicon(
        groups=groups,
        not_triggers=_words(data["not_triggers"][key]),
        agents=_words(data["agents"][key]),
        people=frozenset(w.casefold() for w in data["people"][key]) | _nationals(),
        others=frozenset(w.casefold() for w in data["others"][key]),
        totals=tuple(w.casefold() for w in data["totals"][key]),
        together=tuple(w.casefold() for w in data["together"][key]),
        seized=tuple((cat, _words(words[key])) for cat, words in seized["categories"].items()),
        aggregate=re.compile(
            "|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in data["aggregate"][key]), re.IGNORECASE
        ),
        pronouns=frozenset(w.casefold() for w in data["pronouns"][key]),
        irrealis_heads=frozenset(w.casefold() for w in data["irrealis_heads"][key]),
        collectives=frozenset(w.casefold() for w in data["collectives"][key]),
        prior=frozenset(w.casefold() for w in data["prior"][key]),
        modals=frozenset(w.casefold() for w in data["modals"][key]),
        conditionals=frozenset(w.casefold() for w in data["conditionals"][key]),
        offer_verbs=frozenset(w.casefold() for w in data["rewards"]["verbs"][key]),
        money=_words(data["rewards"]["money"][key]),
        reward_cues=frozenset(w.casefold() for w in data["rewards"]["cues"][key]),
        destinations=frozenset(w.casefold() for w in data["destinations"][key]),
        speech=frozenset(w.casefold() for w in data["speech"][key]),
        warrant_nouns=frozenset(w.casefold() for w in data["warrants"]["nouns"][key]),
        warrant_verbs=frozenset(w.casefold() for w in data["warrants"]["verbs"][key]),
        business=frozenset(w.casefold() for w in data["business_modifiers"]["words"][key]),
        against=frozenset(w.casefold() for w in data["business_modifiers"]["against"][key]),
    )


def _nationals() -> frozenset[str]:
    """Nationality words that count people ("12 Venezuelans", "nueve colombianos"), from the
    demonym lexicon: every form, and the English plural of each."""
    data: dict[str, Any] = lexicon.load("demonyms")
    forms = {str(w).casefold() for words in data.values() if isinstance(words, list) for w in words}
    return frozenset(forms | {f + "s" for f in forms if f.isascii() and not f.endswith("s")})


# --- candidates -------------------------------------------------------------------------


@dataclass
class _Trigger:
    token: Token
    group: _Group


@dataclass
class _Candidate:
    """What one sentence says of one event."""

    sent_index: int
    type: str
    kind: str
    triggers: list[_Trigger]
    date: DateMention | None = None
    dateline: bool = False
    location: str | None = None
    location_rank: int = 5
    location_attached: bool = False
    prior: bool = False
    pluperfect: bool = False
    agencies: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seized: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)
    acts: frozenset[str] = frozenset()


@dataclass
class _Found:
    """One event as merged so far."""

    type: str
    first_sent: int
    last_sent: int
    date: DateMention | None
    dateline: bool
    location: str | None
    location_rank: int
    location_attached: bool
    agencies: list[str]
    targets: list[str]
    counts: dict[str, int]
    seized: set[str]
    evidence: list[Evidence]
    sentences: int = 1
    acts: set[str] = field(default_factory=set)


def extract_events(ctx: DocContext) -> list[Event]:
    """Every event the text states, with evidence and confidence."""
    lx = _lexicon(ctx.lang)
    text = ctx.text
    dates = find_dates(text, ctx.lang, ctx.published)
    quantities = find_quantities(text, ctx.lang)
    mentions = [(m.start, m.end, e) for m, e in ctx.mentions()]
    sents = list(ctx.doc.sents)
    found: list[_Found] = []
    scene: DateMention | None = None  # the date a sentence without events set for the next
    for i, sent in enumerate(sents):
        cands = _candidates(ctx, text, i, sent, lx, dates, quantities, mentions)
        for cand in cands:
            if cand.date is None and scene is not None and _goes_on(text, scene, cand):
                cand.date = scene  # "Early on May 2, agents surrounded the house. They arrested..."
            _merge(ctx, found, cand)
        scene = (
            None if cands else _scene_date(text, sent, sents[i + 1] if i + 1 < len(sents) else None, dates)
        )
    events: list[Event] = []
    for f in found:
        if not (f.date or f.location or f.targets or any(v for v in f.counts.values())):
            continue
        f.targets = _event_targets(ctx, f.targets)
        events.append(_event(f, len(events) + 1))
    return events


def _goes_on(text: str, scene: DateMention, cand: _Candidate) -> bool:
    """Whether a candidate told by a verb goes on with the scene set just before it, in the
    same paragraph (no generic noun: "arbitrary detentions are denounced")."""
    if cand.kind != "strong" or cand.prior:
        return False
    verbs = [t.token for t in cand.triggers if t.token.pos_ in ("VERB", "AUX")]
    return bool(verbs) and "\n" not in text[scene.end : verbs[0].idx]


def _scene_date(text: str, sent: Span, after: Span | None, dates: list[DateMention]) -> DateMention | None:
    """The one date of a sentence that tells no event, when the next sentence goes on in the
    same paragraph: the time of the scene it sets."""
    if after is None or "\n" in text[sent.end_char : after.start_char]:
        return None
    own = [d for d in dates if d.start >= sent.start_char and d.end <= sent.end_char]
    if len(own) != 1 or _is_dateline(text, own[0]) or _DURATION_CUES.match(own[0].text):
        return None
    return own[0]


def _candidates(
    ctx: DocContext,
    text: str,
    index: int,
    sent: Span,
    lx: _Lexicon,
    dates: list[DateMention],
    quantities: list[Quantity],
    mentions: list[tuple[int, int, Entity]],
) -> list[_Candidate]:
    triggers = _triggers(sent, lx)
    if not triggers:
        return []
    in_sent = [(s, e, ent) for s, e, ent in mentions if s >= sent.start_char and e <= sent.end_char]
    in_sent = [(s, e, ent) for s, e, ent in in_sent if not _in_dateline(text, s, e, dates)]
    sent_dates = [d for d in dates if d.start >= sent.start_char and d.end <= sent.end_char]
    state_agents = _has_state_agents(sent, lx, in_sent, triggers)
    by_type: dict[str, list[_Trigger]] = {}
    for trig in triggers:
        typ = trig.group.type
        if typ == "killing":
            typ = "operation" if state_agents else "violent_incident"
        if trig.group.kind == "noun" and not _noun_incident_holds(trig.token, sent_dates, in_sent):
            continue
        if _irrealis(trig.token, lx):
            continue
        by_type.setdefault(typ, []).append(trig)
    seizures = by_type.get("operation", [])
    if seizures and all(t.group.kind == "seizure" for t in seizures) and not _seized(sent, lx):
        del by_type["operation"]  # "found him hiding", "his absence was discovered": nothing seized
    dates_of = _dates_by_type(text, sent_dates, by_type)
    out = []
    for typ, trigs in by_type.items():
        strong = [t for t in trigs if t.group.kind in ("strong", "noun")]
        kind = "strong" if strong else "weak"
        cand = _Candidate(index, typ, kind, trigs)
        cand.acts = frozenset(t.group.act for t in (strong or trigs) if t.group.act)
        anchors = [t.token for t in (strong or trigs)]
        cand.date = _pick_date(
            text, dates_of.get(typ, []), anchors, _speaker_dates(sent, in_sent, lx, sent_dates)
        )
        cand.dateline = cand.date is not None and _is_dateline(text, cand.date)
        if cand.date is not None and lx.aggregate.search(cand.date.text):
            continue  # a running total ("captured 50 so far this year") is no one event
        cand.location, cand.location_attached = _pick_location(in_sent, anchors, lx)
        if typ == "legal_action" and not cand.location_attached and _subtype(ctx, cand.location) == "country":
            cand.location = None  # a country merely named beside a legal act is not where it took place
        if cand.location is not None:
            cand.location_rank = _LOCATION_RANK.get(ctx.entity(cand.location).subtype or "", 5)
        cand.prior = any(_told_as_prior(t, lx) for t in anchors)
        cand.pluperfect = any(_pluperfect(t) for t in anchors)
        others = [t.token for t in triggers if t.token not in anchors and t.group.kind != "seizure"]
        cand.agencies = _agencies(sent.doc, in_sent, anchors, others)
        cand.targets = _targets(ctx, sent, in_sent, anchors, lx, typ) if kind == "strong" else []
        if cand.targets and all(t.group.count == "killed" for t in (strong or trigs)):
            cand.targets = _victims_only(ctx, cand.targets)
        if typ in ("operation", "violent_incident"):
            cand.counts = _counts(sent, trigs, lx, quantities, sent_dates, in_sent)
        if typ == "operation" and any(t.group.kind == "seizure" for t in trigs):
            cand.seized = _seized(sent, lx)
        cand.evidence = [ctx.evidence(sent.doc[t.token.i : t.token.i + 1]) for t in (strong or trigs)[:1]]
        out.append(cand)
        if kind == "strong" and cand.date is not None:
            for other in _coordinated_dates(sent.doc, cand.date, dates_of.get(typ, [])):
                # "raids in 2007 and 2010": one event for each date
                out.append(dataclasses.replace(cand, date=other, dateline=False, counts={}, seized=set()))
    return out


def _coordinated_dates(doc: Doc, date: DateMention, others: list[DateMention]) -> list[DateMention]:
    """Dates joined to ``date`` by "and"/"y" in the parse ("in 2007 and 2010")."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    ids = {t.i for t in span} if span is not None else set()
    out = []
    for d in others:
        if d is date or d.value == date.value:
            continue
        other = _span_head(doc, d.start, d.end)
        if other is not None and other.dep_ == "conj" and other.head.i in ids:
            out.append(d)
    return out


def _triggers(sent: Span, lx: _Lexicon) -> list[_Trigger]:
    """Trigger tokens of the sentence, in order; a phrase triggers on its first token."""
    text = sent.text
    blocked: set[int] = set()
    if lx.not_triggers.phrases:
        for m in lx.not_triggers.phrases.finditer(text):
            blocked.update(_token_ids(sent, m.start(), m.end()))
    found: dict[int, _Trigger] = {}
    for group, words in lx.groups:
        if words.phrases:
            for m in words.phrases.finditer(text):
                ids = _token_ids(sent, m.start(), m.end())
                if ids and ids[0] not in blocked and ids[0] not in found:
                    found[ids[0]] = _Trigger(sent.doc[ids[0]], group)
                    blocked.update(ids[1:])  # "orden de captura" is one legal trigger, no arrest
                    verb, arrest = _serving_verb(sent.doc, ids, lx), _arrest_group(lx)
                    if verb is not None and arrest is not None:
                        found[ids[0]] = _Trigger(sent.doc[ids[0]], arrest)  # a warrant carried out
                        blocked.add(verb.i)
    for tok in sent:
        if tok.i in found or tok.i in blocked or not tok.is_alpha or tok.lower_ in lx.not_triggers.exact:
            continue
        for group, words in lx.groups:
            if words.matches(tok) and _plausible_pos(tok, group):
                if tok.pos_ == "NOUN" and group.count is None and _business(tok, lx):
                    break  # "illegal mining operations" are no police operation
                found[tok.i] = _Trigger(tok, group)
                break
        else:
            reward = _reward_group(lx)
            if reward is not None and _offers_reward(tok, lx):
                found[tok.i] = _Trigger(tok, reward)
    return [found[i] for i in sorted(found)]


def _business(tok: Token, lx: _Lexicon) -> bool:
    """A noun such as "operations" qualified as a business ("illegal mining operations",
    "operaciones de narcotráfico")."""
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod", "nmod:poss")]
    mods += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "de") for g in c.children]
    marks = [c for m in mods for c in m.children if c.dep_ == "case"] + list(tok.children)
    if any(m.lower_ in lx.against for m in mods + marks):
        return False
    return any(m.lower_ in lx.business or m.lemma_.lower() in lx.business for m in mods)


def _arrest_group(lx: _Lexicon) -> _Group | None:
    return next((g for g, _ in lx.groups if g.count == "arrested" and g.kind == "strong"), None)


def _serving_verb(doc: Doc, ids: list[int], lx: _Lexicon) -> Token | None:
    """The verb carrying out a warrant named by a phrase ("executed an arrest warrant", "hizo
    efectiva la orden de captura"), or None when the warrant is only issued or sought."""
    noun = next((doc[i] for i in ids if doc[i].lower_ in lx.warrant_nouns), None)
    if noun is None and ids:
        head = doc[ids[0]].head
        noun = head if head.lower_ in lx.warrant_nouns else None
    if noun is None or noun.dep_ not in ("dobj", "obj", "nsubjpass", "nsubj:pass"):
        return None
    verb = noun.head
    return verb if verb.lemma_.lower() in lx.warrant_verbs else None


def _reward_group(lx: _Lexicon) -> _Group | None:
    return next((g for g, _ in lx.groups if g.act == "reward"), None)


def _offers_reward(tok: Token, lx: _Lexicon) -> bool:
    """A reward told without the word: a verb of offering with a sum of money and what it is
    paid for ("offered up to $5 million for information", "ofrecía cinco millones de dólares
    por su captura")."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in lx.offer_verbs:
        return False
    subtree = [t for t in tok.subtree if t.i != tok.i]
    money = any(lx.money.matches(t) or t.text in lx.money.exact for t in subtree)
    cue = any(t.lower_ in lx.reward_cues or t.lemma_.lower() in lx.reward_cues for t in subtree)
    return money and cue


def _plausible_pos(tok: Token, group: _Group) -> bool:
    """Killing words are verbs or participles; other triggers are verbs or nouns."""
    if group.type == "killing":
        return tok.pos_ in ("VERB", "AUX", "ADJ")
    return tok.pos_ in ("VERB", "NOUN", "PROPN", "ADJ", "AUX")


def _token_ids(sent: Span, start: int, end: int) -> list[int]:
    base = sent.start_char
    return [t.i for t in sent if t.idx - base >= start and t.idx - base < end]


def _has_state_agents(
    sent: Span, lx: _Lexicon, in_sent: list[tuple[int, int, Entity]], triggers: list[_Trigger]
) -> bool:
    """Whether agents of the state take part in what the sentence tells (as more than the
    victims of a killing: "gunmen killed two police officers" is no operation)."""
    if any(t.group.type == "operation" and t.group.kind == "strong" for t in triggers):
        return True
    victims: set[int] = set()
    for t in triggers:
        if t.group.type == "killing":
            for child in t.token.children:
                by_agent = any(c.lower_ in ("by", "por") for c in child.children)
                if child.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass") and not by_agent:
                    victims.update(x.i for x in child.subtree)
    clauses = {_clause(t.token) for t in triggers if t.group.type == "killing"}

    def takes_part(tok: Token) -> bool:
        """Not a victim, and in the killing's clause or one above it (not "paid bribes to
        police, and hitmen killed rivals")."""
        own = _clause(tok)
        return tok.i not in victims and any(own in _clauses_above(c) for c in clauses)

    base = sent.start_char
    for s, _, ent in in_sent:
        if ent.subtype == "agency" and any(takes_part(tok) for tok in sent if tok.idx == s):
            return True
    if lx.agents.phrases:
        for m in lx.agents.phrases.finditer(sent.text):
            ids = _token_ids(sent, m.start(), m.end())
            if ids and takes_part(sent.doc[ids[0]]):
                return True
    return any(lx.agents.matches(tok) and takes_part(tok) for tok in sent if tok.idx >= base)


def _noun_incident_holds(
    tok: Token, sent_dates: list[DateMention], in_sent: list[tuple[int, int, Entity]]
) -> bool:
    """A noun like "murder" is an incident only with a date of its own ("the 2020 murder"), a
    named victim ("the murder of X", "el asesinato de X") or a town or building where it
    happened ("the massacre in X"), not as a kind of crime."""
    lo = min(t.idx for t in tok.subtree)
    hi = max(t.idx + len(t) for t in tok.subtree)
    if any(d.start >= lo and d.end <= hi for d in sent_dates):
        return True
    for s, e, ent in in_sent:
        if not lo <= s < hi or ent.role in ("official", "expert"):
            continue
        if ent.type == "location" and ent.subtype in ("city", "facility"):
            head = _span_head(tok.doc, s, e)
            if head is not None and _attached(head, tok):
                return True  # "the massacre in X", "la masacre de X"
            continue
        if ent.type != "person":
            continue
        head = _span_head(tok.doc, s, e)
        if head is not None and head.dep_ in ("pobj", "nmod", "poss") and _noun_of(head) == tok:
            return True
    return False


def _noun_of(tok: Token) -> Token:
    """The noun a prepositional or possessive name hangs on ("murder of X", "X's murder")."""
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        return tok.head.head
    return tok.head


def _irrealis(tok: Token, lx: _Lexicon) -> bool:
    """A trigger that tells no event: "to capture the leaders", "information that leads to her arrest"."""
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children):
        return True  # English to-infinitive
    infinitive = tok.tag_ == "VB" or "Inf" in tok.morph.get("VerbForm", [])
    if tok.dep_ == "conj" and infinitive and any(_purpose_mark(c) for c in tok.head.children):
        return True  # "to locate and detain the bosses", "para ubicar y detener"
    if any(c.dep_ == "mark" and c.lower_ in ("para", "sin") for c in tok.children):
        return True  # Spanish purpose clause
    if _conditional(tok, lx):
        return True
    node = tok
    if _hypothetical(node, lx):
        return True
    if tok.pos_ in ("VERB", "AUX") and "Fin" in tok.morph.get("VerbForm", []):
        return False  # a finite verb tells its own mood: "donde la fiscalía lo acusó"
    for _ in range(3):
        if node.head == node or node.dep_ in ("nsubj", "nsubjpass", "nsubj:pass", "csubj"):
            break
        node = node.head
        nonfinite = node.tag_ in ("VB", "VBG") or set(node.morph.get("VerbForm", [])) & {"Inf", "Ger"}
        if nonfinite and node.lemma_.lower() in lx.irrealis_heads:
            return True  # "tips leading to her arrest", "para ayudar a capturar"
        if node.pos_ in ("VERB", "AUX"):
            return _governs_hypothetically(node, lx)
    return False


def _purpose_mark(child: Token) -> bool:
    """The "to" of an English infinitive, or Spanish "para"/"sin" before one."""
    return (child.dep_ == "aux" and child.tag_ == "TO") or (
        child.dep_ == "mark" and child.lower_ in ("para", "sin")
    )


def _conditional(tok: Token, lx: _Lexicon) -> bool:
    """A trigger in an "if" clause ("if police kept raiding", "si la policía lo captura")."""
    node = tok
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in lx.conditionals for c in node.children):
            return True
        if node.head == node or node.dep_ in _EMBEDDED_DEPS - {"xcomp"} or node.dep_ in _SUBJECT_DEPS:
            return False
        if node.dep_ in ("advcl", "parataxis", "conj"):
            return False
        node = node.head
    return False


def _hypothetical(verb: Token, lx: _Lexicon) -> bool:
    """A verb in the future or conditional, or under a modal ("would seek", "será juzgado",
    "podría ser capturado")."""
    forms = [verb, *(c for c in verb.children if c.dep_ in ("aux", "aux:pass", "auxpass", "cop"))]
    for form in forms:
        if form.lower_ in lx.modals or (form is not verb and form.lemma_.lower() in lx.modals):
            return True
        if set(form.morph.get("Tense", [])) & {"Fut"} or set(form.morph.get("Mood", [])) & {"Cnd"}:
            return True
    head = verb.head
    return (
        verb.dep_ in ("xcomp", "ccomp")
        and head != verb
        and head.lemma_.lower() in lx.modals
        and head.pos_ in ("VERB", "AUX")
    )


def _governs_hypothetically(verb: Token, lx: _Lexicon) -> bool:
    """A verb that puts a noun trigger it governs out of the real: hypothetical as above, or in
    the subjunctive ("datos que permitieran su detención")."""
    return _hypothetical(verb, lx) or "Sub" in verb.morph.get("Mood", [])


def _told_as_prior(tok: Token, lx: _Lexicon) -> bool:
    """Whether the trigger's clause puts the action before the main event ("has previously
    sanctioned", "había sido capturado anteriormente")."""
    verb = tok
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
            break
        verb = verb.head
    return any(c.dep_ == "advmod" and c.lower_ in lx.prior for c in verb.children)


def _pluperfect(tok: Token) -> bool:
    """Whether the trigger's verb is in the pluperfect ("had been charged", "había dado su aval
    a la extradición"): told as done before the time of the narration."""
    verb = tok
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
            break
        verb = verb.head
    return any(
        c.dep_ in ("aux", "aux:pass", "auxpass")
        and c.lemma_.lower() in ("have", "haber")
        and (c.lower_ == "had" or "Imp" in c.morph.get("Tense", []))
        for c in verb.children
    )


def _dates_by_type(
    text: str, sent_dates: list[DateMention], by_type: dict[str, list[_Trigger]]
) -> dict[str, list[DateMention]]:
    """The dates of the sentence shared among event types, best fitting pairs first: each type
    takes the date nearest its triggers that no other type fits better; dates left over go to
    the type they lie nearest."""
    out: dict[str, list[DateMention]] = {}
    if not by_type:
        return out
    anchors = {
        typ: [t.token for t in trigs if t.group.kind != "seizure"] or [t.token for t in trigs]
        for typ, trigs in by_type.items()
    }
    pairs = sorted(
        ((_date_rank(text, d, anchors[typ]), n, typ) for n, d in enumerate(sent_dates) for typ in by_type),
        key=lambda p: (p[0], p[1]),
    )
    used: set[int] = set()
    for _, n, typ in pairs:
        if n in used or typ in out:
            continue
        out[typ] = [sent_dates[n]]
        used.add(n)
    for n, d in enumerate(sent_dates):
        if n not in used:
            best = min(by_type, key=lambda typ: _date_rank(text, d, anchors[typ]))
            out.setdefault(best, []).append(d)
    return out


def _tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens of one sentence in the dependency tree."""
    up_a = [a, *a.ancestors]
    index = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in index:
            return n + index[t.i]
    return len(up_a) + 10


def _span_head(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    toks = list(span) if span is not None else []
    if not toks:
        return None
    ids = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in ids or t.head == t), toks[0])


def _is_dateline(text: str, d: DateMention) -> bool:
    """A date heading the story ("CITY, Oct. 5 —", "Ciudad, 7 de mayo de 2021.–")."""
    return is_dateline(text, d.start, d.end)


def _pick_date(
    text: str, sent_dates: list[DateMention], anchors: list[Token], speech: list[DateMention]
) -> DateMention | None:
    """The date of the sentence closest to a trigger in the parse; datelines and durations last."""
    if not sent_dates:
        return None
    doc = anchors[0].doc
    own = [d for d in sent_dates if d not in speech and not all(_other_clause(doc, d, a) for a in anchors)]
    if not own:
        return None  # "was sentenced, but fled at the end of 2023": the date is the flight's
    return min(own, key=lambda d: _date_rank(text, d, anchors))


def _speaker_dates(
    sent: Span, in_sent: list[tuple[int, int, Entity]], lx: _Lexicon, sent_dates: list[DateMention]
) -> list[DateMention]:
    """Dates of a statement by someone outside the state ("an expert told a magazine on
    January 10 that police had arrested..."): when it was said, not when it happened."""
    doc = sent.doc
    out = []
    for d in sent_dates:
        head = _span_head(doc, d.start, d.end)
        if head is None:
            continue
        verb = _clause(head)
        if verb.lemma_.lower() not in lx.speech or not any(
            c.dep_ in ("ccomp", "parataxis") for c in verb.children
        ):
            continue
        speakers = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
        for s, e, ent in in_sent:
            if any(s <= sp.idx < e for sp in speakers) and ent.type == "person" and ent.role == "expert":
                out.append(d)
    return out


def _other_clause(doc: Doc, date: DateMention, anchor: Token) -> bool:
    """Whether a date belongs to a clause that tells something else than the trigger: a verb
    coordinated after the trigger's ("sentenced ..., but fled in 2023"), or a clause above the
    trigger reached only through a relative clause ("boarded a Thursday flight and alerted
    the police, which detained him"); not one that hangs on the date ("on July 8, when
    troops raided")."""
    head = _span_head(doc, date.start, date.end)
    if head is None:
        return False
    date_clause, own = _clause(head), _clause(anchor)
    if date_clause == own or date_clause.pos_ not in ("VERB", "AUX"):
        return False
    if anchor in head.ancestors:
        # below the trigger, unless in a verb coordinated with it ("sentenced, but fled in X")
        return date_clause.dep_ == "conj" and date_clause.head == anchor
    if date.start <= own.head.idx < date.end:
        return False
    node, relative = own, False
    for _ in range(6):
        if node == date_clause:
            return relative
        if node.head == node:
            break
        relative = relative or node.dep_ in ("relcl", "acl:relcl", "acl")
        node = _clause(node.head)
    return date_clause.dep_ == "conj" and _clause(date_clause.head) == own


def _date_rank(text: str, d: DateMention, anchors: list[Token]) -> tuple[int, int]:
    """How well a date fits triggers: edges in the parse, datelines and durations last."""
    doc = anchors[0].doc
    head = _span_head(doc, d.start, d.end)
    tree = min(_tree_distance(head, a) for a in anchors) if head is not None else 20
    penalty = 2 * bool(_DURATION_CUES.match(d.text)) + 4 * _is_dateline(text, d)
    return tree + penalty, min(abs(d.start - a.idx) for a in anchors)


def _pick_location(
    in_sent: list[tuple[int, int, Entity]], anchors: list[Token], lx: _Lexicon
) -> tuple[str | None, bool]:
    """The place of the event: one attached to a trigger ("arrested in X") first, then the
    most specific place named in the sentence (not inside an organization's name); never a
    place someone is sent to ("extradited to X") nor a place acting ("X recaptured him")."""
    orgs = [(s, e) for s, e, ent in in_sent if ent.type == "organization"]
    doc = anchors[0].doc
    places = [
        (s, e, ent)
        for s, e, ent in in_sent
        if ent.type == "location"
        and not any(os <= s and e <= oe for os, oe in orgs)
        and not _destination_or_actor(_span_head(doc, s, e), lx)
    ]
    if not places:
        return None, False

    def rank(p: tuple[int, int, Entity]) -> tuple[int, int, int]:
        head = _span_head(doc, p[0], p[1])
        attached = head is not None and any(_attached(head, a) for a in anchors)
        return (
            0 if attached else 1,
            _LOCATION_RANK.get(p[2].subtype or "", 5),
            min(abs(p[0] - a.idx) for a in anchors),
        )

    best = min(places, key=rank)
    attached = rank(best)[0] == 0
    if not attached and best[2].subtype == "area":
        return None, False  # "gangs from South America": a region of the world is no scene
    return best[2].id, attached


def _subtype(ctx: DocContext, entity_id: str | None) -> str | None:
    return ctx.entity(entity_id).subtype if entity_id else None


def _destination_or_actor(head: Token | None, lx: _Lexicon) -> bool:
    """A place named as where someone is sent ("extradited to the United States", "trasladado
    a la cárcel de X") or as the one acting ("Colombia extradited him")."""
    if head is None:
        return False
    if head.dep_ in _SUBJECT_DEPS and head.head.pos_ in ("VERB", "AUX"):
        return True
    node = head
    while node.dep_ in ("compound", "flat", "appos", "amod") and node.head != node:
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ in lx.destinations:
        return True
    return any(c.dep_ == "case" and c.lower_ in lx.destinations for c in node.children)


def _in_dateline(text: str, start: int, end: int, dates: list[DateMention]) -> bool:
    """Whether a mention is the place of a dateline ("QUITO, Jun 26 —"): the story's origin,
    not where its events happened."""
    line_start = text.rfind("\n", 0, start) + 1
    if start - line_start > 3:
        return False
    rest = text[end : end + 50]
    if re.match(r"^\s*(?:\([^()\n]{1,30}\)\s*[—–-]|[.,]?\s*[—–])", rest):
        return True  # "QUITO —", "LIMA (Reuters) -"
    return any(line_start <= d.start and d.start - end <= 4 and _is_dateline(text, d) for d in dates)


def _clause(tok: Token) -> Token:
    """The head of the clause a token belongs to."""
    node = tok
    for _ in range(12):
        if (
            node.head == node
            or node.dep_ in _CLAUSE_DEPS
            or (node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"))
        ):
            return node
        node = node.head
    return node


def _clauses_above(clause: Token) -> list[Token]:
    """A clause and the clauses that govern it ("police said [they killed]"), not those it is
    merely coordinated with ("paid bribes to police, and [hitmen killed rivals]")."""
    chain = [clause]
    node = clause
    for _ in range(6):
        if node.head == node or node.dep_ == "conj":
            break
        node = _clause(node.head)
        chain.append(node)
    return chain


def _agencies(
    doc: Doc, in_sent: list[tuple[int, int, Entity]], anchors: list[Token], others: list[Token]
) -> list[str]:
    """Agencies of the sentence that lie nearer this event's triggers in the parse than any
    other trigger ("... where prosecutors charged him" belongs to the charge, not the arrest),
    and are no subject of a clause merely coordinated with the trigger's ("Congress approved
    the decree, and police began raids")."""
    clauses = {_clause(a) for a in anchors}
    out = []
    for s, e, ent in in_sent:
        if ent.subtype != "agency":
            continue
        head = _span_head(doc, s, e)
        if head is None:
            continue
        mine = min(_tree_distance(head, a) for a in anchors)
        if others and min(_tree_distance(head, o) for o in others) < mine:
            continue
        own = _clause(head)
        coordinated = any(
            (c.dep_ == "conj" and c.head == own) or (own.dep_ == "conj" and own.head == c) for c in clauses
        )
        if coordinated and own not in clauses and head.dep_ in _SUBJECT_DEPS and head.head == own:
            continue
        out.append(ent.id)
    return _unique(out)


def _attached(place: Token, trigger: Token) -> bool:
    """Whether a place hangs on the trigger through prepositions and nouns only (not as the
    one acting: "Ecuador recaptures X" tells who, not where)."""
    if place.dep_ == "nsubj" and place.head == trigger:
        return False
    node = place
    for _ in range(5):
        if node == trigger:
            return True
        if node.dep_ in ("conj", "relcl", "acl:relcl", "ccomp", "advcl", "parataxis") or node.head == node:
            return False
        node = node.head
    return node == trigger


def _targets(
    ctx: DocContext,
    sent: Span,
    in_sent: list[tuple[int, int, Entity]],
    anchors: list[Token],
    lx: _Lexicon,
    typ: str,
) -> list[str]:
    """Criminal groups and factions of the sentence, and the persons the trigger acts on
    (a faction named with its parent group stands for both). A legal action against named
    persons is aimed at a group only when the group is itself its object ("designated the
    gang and its leader"), not when the group merely describes them."""
    doc = sent.doc
    groups = [ent for _, _, ent in in_sent if ent.type == "organization" and ent.subtype in _TARGET_SUBTYPES]
    if any(g.subtype == "faction" for g in groups):
        groups = [g for g in groups if g.subtype == "faction"]
    persons = []
    for s, e, ent in in_sent:
        if ent.type != "person" or ent.role in _NOT_TARGET_ROLES:
            continue
        head = _span_head(doc, s, e)
        if head is None:
            continue
        near = any(abs(head.i - a.i) <= 6 or a in head.subtree or head in a.subtree for a in anchors)
        if near:
            persons.append(ent.id)
    if not persons:
        referent = _pronoun_referent(ctx, sent, anchors, lx)
        if referent:
            persons.append(referent)
    if typ == "violent_incident":
        groups = [g for g in groups if not _perpetrator(doc, in_sent, g)]
    if typ == "legal_action" and persons:
        heads = {g.id: [_span_head(doc, s, e) for s, e, ent in in_sent if ent is g] for g in groups}
        groups = [
            g
            for g in groups
            if any(h is not None and min(_tree_distance(h, a) for a in anchors) <= 2 for h in heads[g.id])
        ]
    return _unique([*[g.id for g in groups], *persons])


def _perpetrator(doc: Doc, in_sent: list[tuple[int, int, Entity]], group: Entity) -> bool:
    """A group named as the one acting in an incident ("the gang imposed an armed strike",
    "atacado por X"): the perpetrator, not the target."""
    for s, e, ent in in_sent:
        if ent is not group:
            continue
        head = _span_head(doc, s, e)
        if head is None:
            continue
        if head.dep_ in _SUBJECT_DEPS or head.dep_ == "agent":
            return True
        if (head.dep_ == "pobj" and head.head.lower_ in ("by", "por")) or any(
            c.dep_ == "case" and c.lower_ == "por" for c in head.children
        ):
            return True
    return False


def _victims_only(ctx: DocContext, ids: list[str]) -> list[str]:
    """A killing of named persons is aimed at them, not at the groups they belong to."""
    persons = [i for i in ids if ctx.entity(i).type == "person"]
    return persons or ids


def _pronoun_referent(ctx: DocContext, sent: Span, anchors: list[Token], lx: _Lexicon) -> str | None:
    """The person a pronoun next to the trigger points back to ("deported her", "his arrest"):
    the last one named before the pronoun, in its sentence or before."""
    pronoun = next(
        (
            t
            for t in sent
            if t.lower_ in lx.pronouns
            and t.pos_ in ("PRON", "DET")
            and (t.head in anchors or t in anchors[0].children or _object_below(t, anchors, lx))
        ),
        None,
    )
    if pronoun is None:
        return None
    last = None
    for m, ent in ctx.mentions():
        if m.start >= pronoun.idx:
            break
        if ent.type == "person" and ent.role not in _NOT_TARGET_ROLES:
            last = ent.id
    return last


def _object_below(tok: Token, anchors: list[Token], lx: _Lexicon) -> bool:
    """A pronoun owning a trigger word or a reward cue nested in what a trigger tells ("a
    reward for information leading to his capture", "por información sobre su paradero")."""
    head = tok.head
    cue = head.lower_ in lx.reward_cues or head.lemma_.lower() in lx.reward_cues
    if not cue and not any(words.matches(head) for _, words in lx.groups):
        return False
    return any(a in head.ancestors and 0 < head.i - a.i <= 12 for a in anchors)


def _unique(ids: Any) -> list[str]:
    seen: list[str] = []
    for i in ids:
        if i not in seen:
            seen.append(i)
    return seen


# --- counts -----------------------------------------------------------------------------


def _counts(
    sent: Span,
    trigs: list[_Trigger],
    lx: _Lexicon,
    quantities: list[Quantity],
    sent_dates: list[DateMention],
    in_sent: list[tuple[int, int, Entity]],
) -> dict[str, int]:
    """Arrested, rescued and killed counts the sentence states."""
    counters = [t for t in trigs if t.group.count]
    if not counters:
        return {}
    doc = sent.doc
    counts: dict[str, int] = {}
    totals: dict[str, int] = {}
    lowered = sent.text.casefold()
    beside_one = any(re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", lowered) for cue in lx.together)
    for q in quantities:
        if q.start < sent.start_char or q.end > sent.end_char or not q.is_whole:
            continue
        if not 0 < q.value < _MAX_COUNT or any(d.start <= q.start < d.end for d in sent_dates):
            continue
        tok = figure_head(doc, q.start, q.end)
        if tok is None:
            continue
        noun = figure_noun(tok)
        if _is_age(tok):
            continue
        role = _role_of(tok, noun, counters)
        if role is None:
            continue
        if not _counts_people(tok, noun, lx, counters):
            continue
        value = int(q.value)
        if role != "rescued" and beside_one and _has_others(noun, lx):
            value += 1  # "arrested X together with 30 other members"
        head = doc.text[max(sent.start_char, q.start - 20) : q.start].casefold()
        if any(cue in head for cue in lx.totals):
            totals[role] = max(totals.get(role, 0), value)
        counts[role] = max(counts.get(role, 0), value)
    counts.update(totals)
    for trig in counters:
        role = trig.group.count
        if role and role not in counts:
            if _names_person(trig.token, in_sent):
                counts[role] = 1 + (_named_beside(sent, in_sent, lx) if role == "arrested" else 0)
            elif _one_person(trig.token, lx):
                counts[role] = 1
    return counts


def _named_beside(sent: Span, in_sent: list[tuple[int, int, Entity]], lx: _Lexicon) -> int:
    """Named persons put beside the one arrested ("together with X", "junto a X y Z")."""
    doc = sent.doc
    lowered = sent.text.casefold()
    heads: list[Token] = []
    for cue in lx.together:
        for m in re.finditer(rf"(?<!\w){re.escape(cue)}(?!\w)", lowered):
            after = sent.start_char + m.end()
            for s, e, ent in in_sent:
                if ent.type == "person" and ent.role not in _NOT_TARGET_ROLES and 0 <= s - after <= 12:
                    head = _span_head(doc, s, e)
                    if head is not None:
                        heads.append(head)
    ids = {h.i for h in heads}
    for s, e, ent in in_sent:
        head = _span_head(doc, s, e)
        if ent.type == "person" and head is not None and head.dep_ == "conj" and head.head.i in ids:
            ids.add(head.i)
    return len(ids)


def figure_noun(tok: Token) -> Token:
    """The word a figure counts ("15 members" -> members), past misparses that hang the figure
    on an article or on "más de" ("los cinco detenidos", "más de 3 mil integrantes")."""
    noun = tok.head if tok.dep_ in ("nummod", "det", "amod", "quantmod") and tok.head != tok else tok
    for _ in range(2):
        if noun is tok or noun.pos_ not in ("DET", "ADV", "ADP", "PRON") or noun.head == noun:
            break
        noun = noun.head
    return noun


def figure_head(doc: Doc, start: int, end: int) -> Token | None:
    """The token of a figure's span whose head lies outside it; of several ("ochenta y siete",
    misparsed as two), the one that counts a noun, else the last."""
    span = doc.char_span(start, end, alignment_mode="expand")
    toks = list(span) if span is not None else []
    if not toks:
        return None
    ids = {t.i for t in toks}
    outside = [t for t in toks if t.head.i not in ids or t.head == t]
    if not outside:
        return toks[-1]
    return next((t for t in outside if t.dep_ == "nummod"), outside[-1])


_CLAUSE_DEPS = frozenset({"advcl", "relcl", "acl:relcl", "ccomp", "csubj", "parataxis", "xcomp"})
_EMBEDDED_DEPS = frozenset({"relcl", "acl:relcl", "ccomp", "csubj", "xcomp"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj"})


def _role_of(tok: Token, noun: Token, counters: list[_Trigger]) -> str | None:
    """Which count the figure gives: the arrest, rescue or killing word it is the subject or
    object of ("40 people were killed"), not one of another clause ("killed when 900
    soldiers raided")."""
    by_token = {t.token.i: t.group.count for t in counters}
    if noun.i in by_token:  # "six captures"
        return by_token[noun.i]
    for child in noun.children:  # "members detained", "integrantes capturados"
        if child.i in by_token and child.dep_ in ("acl", "amod", "relcl", "acl:relcl"):
            return by_token[child.i]
    node = noun
    for _ in range(4):
        if node.head == node:
            break
        if node.dep_ in _EMBEDDED_DEPS:
            return None  # the figure belongs to an embedded clause
        if node.dep_ in _SUBJECT_DEPS and node.head.i not in by_token:
            return None  # the subject of another verb
        node = node.head
        if node.i in by_token:
            return by_token[node.i]
    roles = {t.group.count for t in counters}
    if len(roles) == 1:
        near = min(abs(t.token.i - tok.i) for t in counters)
        if near <= 8:
            return next(iter(roles))
    return None


def _counts_people(tok: Token, noun: Token, lx: _Lexicon, counters: list[_Trigger]) -> bool:
    """Whether the figure counts people (not years, days, soles or properties)."""
    if noun.i in {t.token.i for t in counters}:
        return True
    if lx.agents.matches(noun):
        # agents are counted only as those acted on ("killed two police officers"), never
        # as the ones acting ("900 soldiers raided", "participaron 300 efectivos")
        acted_on = noun.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass")
        return acted_on and noun.head.i in {t.token.i for t in counters}
    if noun.lower_ in lx.people or noun.lemma_.lower() in lx.people:
        return True
    if noun == tok and tok.dep_ in ("nsubj", "nsubjpass", "nsubj:pass", "obj", "dobj", "pobj"):
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        return nxt is None or not nxt.is_alpha or nxt.lower_ in lx.people or nxt.pos_ not in ("NOUN", "PROPN")
    follow = [t for t in tok.doc[tok.i + 1 : tok.i + 4] if t.pos_ != "ADJ"]
    return bool(follow) and follow[0].lower_ in lx.people


def _is_age(tok: Token) -> bool:
    """A figure set off by commas after a name: "Moreno, 34, was arrested"."""
    doc = tok.doc
    if tok.i < 2 or tok.i + 1 >= len(doc):
        return False
    return doc[tok.i - 1].text == "," and doc[tok.i + 1].text == "," and doc[tok.i - 2].pos_ == "PROPN"


_ONE = frozenset({"a", "an", "un", "una"})


def _one_person(trigger: Token, lx: _Lexicon) -> bool:
    """A single person acted on: "rescued a kidnapped carrier", "detuvo a un hombre"."""
    children = list(trigger.children)
    if trigger.pos_ == "NOUN":  # "the murder of a merchant", "el asesinato de un chofer"
        children += [g for c in trigger.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        children += [c for c in trigger.children if c.dep_ == "nmod"]
    for child in children:
        if child.lower_ in lx.collectives or child.lemma_.lower() in lx.collectives:
            continue
        if trigger.pos_ == "NOUN" and child.dep_ in ("pobj", "nmod"):
            if any(d.lower_ in _ONE and d.dep_ == "det" for d in child.children):
                return True
            continue
        acted_on = child.dep_ in ("dobj", "obj", "nsubjpass", "nsubj:pass") and child.pos_ in (
            "NOUN",
            "PROPN",
            "ADJ",
        )
        single = any(d.lower_ in _ONE and d.dep_ == "det" for d in child.children) and child.tag_ != "NNS"
        if acted_on and single:
            return True
    return False


def _has_others(noun: Token, lx: _Lexicon) -> bool:
    return any(c.lower_ in lx.others for c in noun.children if c.i < noun.i)


def _names_person(trigger: Token, in_sent: list[tuple[int, int, Entity]]) -> bool:
    """Whether a named (non-official) person is the one arrested, rescued or killed."""
    lo = min(t.idx for t in trigger.subtree)
    hi = max(t.idx + len(t) for t in trigger.subtree)
    head = trigger.head
    for s, e, ent in in_sent:
        if ent.type != "person" or ent.role in ("official", "expert"):
            continue
        if lo <= s and e <= hi:
            return True
        if trigger.dep_ in ("acl", "amod", "relcl", "appos"):
            if s <= head.idx < e:
                return True  # "alias X, abatido por el Ejército"
            if any(s <= t.idx < e and 0 < trigger.i - t.i <= 5 for t in head.subtree):
                return True  # "la muerte de alias X, abatido por el Ejército"
    return False


def _seized(sent: Span, lx: _Lexicon) -> set[str]:
    """Seized categories named in a sentence that speaks of a seizure."""
    text = sent.text
    cats: set[str] = set()
    taken: list[tuple[int, int]] = []
    for cat, words in lx.seized:
        if words.phrases:
            for m in words.phrases.finditer(text):
                if not any(m.start() < e and s < m.end() for s, e in taken):
                    taken.append((m.start(), m.end()))
                    cats.add(cat)
    base = sent.start_char
    for tok in sent:
        if not tok.is_alpha:
            continue
        s = tok.idx - base
        if any(ts <= s < te for ts, te in taken):
            continue
        for cat, words in lx.seized:
            if words.matches(tok) and tok.pos_ in ("NOUN", "PROPN", "ADJ"):
                cats.add(cat)
                break
    return cats


# --- merging ----------------------------------------------------------------------------


def _merge(ctx: DocContext, found: list[_Found], cand: _Candidate) -> None:
    """Fold a candidate into the event it continues, or start a new event."""
    same = [f for f in found if f.type == cand.type]
    target: _Found | None = None
    prev = max(same, key=lambda f: f.last_sent) if same else None
    adjacent = prev is not None and cand.sent_index - prev.last_sent <= 1
    if cand.prior and cand.date is None:
        target = None  # "had already charged them": an earlier action, not today's
    elif cand.date is not None:
        target = next((f for f in reversed(same) if f.date and f.date.value == cand.date.value), None)
        if target is None and cand.kind == "strong" and not cand.prior:
            # a summary opening the text without a date ("mass arrests have weakened the
            # gangs") finds its date when the narration tells the event
            target = next(
                (
                    f
                    for f in same
                    if f.date is None
                    and _counts_agree(f.counts, cand.counts)
                    and (
                        f.first_sent <= 1
                        or not any(
                            g.date is not None and not g.dateline and g.first_sent < f.first_sent
                            for g in found
                        )
                    )
                ),
                None,
            )
        if target is None and cand.kind == "strong" and not cand.prior and not cand.dateline:
            # a headline dated only by its dateline, told again later with its own date
            target = next(
                (
                    f
                    for f in same
                    if f.dateline and f.first_sent == 0 and _counts_agree(f.counts, cand.counts)
                ),
                None,
            )
        if target is None and adjacent and prev is not None:
            if prev.date is None:
                if _same_act(prev, cand):
                    target = prev  # otherwise an undated act of another kind
            elif (
                cand.date.precision != "day"
                and agree(prev.date.value, cand.date.value)
                and not cand.pluperfect
            ):
                target = prev
            elif not cand.counts and _days_apart(prev.date, cand.date) <= _CONTINUATION_DAYS:
                target = prev  # "the raid had started on Friday" after "died on Saturday"
            elif prev.dateline and _counts_agree(prev.counts, cand.counts):
                target = prev  # a headline dated only by the dateline, told again with its own date
        if target is not None and target.dateline:
            target.date, target.dateline = cand.date, cand.dateline
    elif cand.kind == "weak":
        if prev is not None and cand.sent_index - prev.last_sent <= 2:
            target = prev
        elif same:
            target = same[0]
        else:
            return
    elif adjacent and prev is not None and _same_act(prev, cand):
        target = prev
    elif same:
        # an undated action comes back to the event of its kind it shares a target with, else
        # to the main event; an act of another kind ("sentenced ... a reward is offered") or
        # another place with other people is an event of its own
        kin = [f for f in same if _same_act(f, cand)]
        shared = [f for f in kin if set(f.targets) & set(cand.targets)]
        main = shared[-1] if shared else (kin[0] if kin else None)
        separate = cand.type != "operation" or "killed" in cand.counts
        if (
            main is not None
            and separate
            and _other_people(ctx, main.targets, cand.targets, groups=cand.type == "legal_action")
        ):
            main = None  # a reward for another fugitive, the killing of another victim
        if main is not None:
            conflict = _places_conflict(ctx, cand.location, main.location)
            new_people = bool(cand.counts) or any(t not in main.targets for t in cand.targets)
            killing = any(t.group.count == "killed" for t in cand.triggers)
            target = None if conflict and (new_people or killing) else main
    if target is None:
        found.append(
            _Found(
                type=cand.type,
                first_sent=cand.sent_index,
                last_sent=cand.sent_index,
                date=cand.date,
                dateline=cand.dateline,
                location=cand.location,
                location_rank=cand.location_rank,
                location_attached=cand.location_attached,
                agencies=list(cand.agencies),
                targets=list(cand.targets),
                counts=dict(cand.counts),
                seized=set(cand.seized),
                evidence=list(cand.evidence),
                acts=set(cand.acts),
            )
        )
        return
    target.last_sent = max(target.last_sent, cand.sent_index)
    target.date = target.date or cand.date
    if target.location is None or (
        cand.location
        and cand.location_rank < target.location_rank
        and (target.location_rank >= _LOCATION_RANK["country"] or cand.location_attached)
    ):
        target.location, target.location_rank = cand.location, cand.location_rank
        target.location_attached = cand.location_attached
    target.agencies = _unique([*target.agencies, *cand.agencies])
    target.targets = _unique([*target.targets, *cand.targets])
    for role, value in cand.counts.items():
        target.counts[role] = max(target.counts.get(role, 0), value)
    target.seized |= cand.seized
    target.acts |= cand.acts
    target.evidence.extend(e for e in cand.evidence if e not in target.evidence)
    target.sentences += 1


def _places_conflict(ctx: DocContext, a: str | None, b: str | None) -> bool:
    """Two different places of the same scale: a country and a town or airport do not
    conflict, the town being the more precise telling ("in Chile" ... "at the airport")."""
    if a is None or b is None or a == b:
        return False
    countries = [ctx.entity(a).subtype == "country", ctx.entity(b).subtype == "country"]
    return all(countries) or not any(countries)


def _other_people(ctx: DocContext, known: list[str], new: list[str], *, groups: bool = False) -> bool:
    """Whether both name persons (or, with ``groups``, any targets) and none is the same."""
    people = {i for i in known if groups or ctx.entity(i).type == "person"}
    others = {i for i in new if groups or ctx.entity(i).type == "person"}
    return bool(people and others and not people & others)


def _same_act(found: _Found, cand: _Candidate) -> bool:
    """Whether two tellings may be of one act: legal acts of different kinds (a sentence, a
    reward, an extradition) are not, when both are known."""
    return not (found.acts and cand.acts and not found.acts & cand.acts)


def _counts_agree(a: dict[str, int], b: dict[str, int]) -> bool:
    return all(a[role] == b[role] for role in a.keys() & b.keys())


def _days_apart(a: DateMention, b: DateMention) -> int:
    if a.precision != "day" or b.precision != "day":
        return 1_000
    return abs((dt.date.fromisoformat(a.value) - dt.date.fromisoformat(b.value)).days)


def _event_targets(ctx: DocContext, ids: list[str]) -> list[str]:
    """A faction among the targets stands for its parent group too: keep the faction."""
    subtypes = {i: ctx.entity(i).subtype for i in ids}
    if any(st == "faction" for st in subtypes.values()):
        return [i for i in ids if subtypes[i] != "criminal_group"]
    return ids


def _event(f: _Found, number: int) -> Event:
    filled = sum(x is not None and x != [] for x in (f.date, f.location, f.targets, f.agencies))
    confidence = min(0.9, 0.4 + 0.1 * filled + 0.05 * min(f.sentences, 2))
    return Event(
        id=f"v{number}",
        type=f.type,
        date=f.date.value if f.date else None,
        location=f.location,
        agencies=f.agencies,
        targets=f.targets,
        arrested=f.counts.get("arrested") or None,
        rescued=f.counts.get("rescued") or None,
        killed=f.counts.get("killed") or None,
        seized=sorted(f.seized, key=_seized_order),
        evidence=f.evidence,
        confidence=confidence,
    )


def _seized_order(category: str) -> int:
    return SEIZED_CATEGORIES.index(category) if category in SEIZED_CATEGORIES else len(SEIZED_CATEGORIES)


def trigger_tokens(sent: Span, lang: str) -> list[Token]:
    """The event trigger words of a sentence (arrests, killings, sentences, seizures...)."""
    return [t.token for t in _triggers(sent, _lexicon(lang))]
