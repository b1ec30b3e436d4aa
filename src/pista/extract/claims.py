"""Claims: how many members an organization has, as the text states it.

A claim is a figure counting members ("4,000 members", "unos 500 hombres armados") that a
size verb governs in the parse ("has", "cuenta con", "reúne", "led"), never one that hangs
on an event trigger ("15 members were arrested"). The organization is the criminal group or
faction named before the figure in the sentence, else the last one named before it (for
"the criminal organization has more than 90 members"); the place is a location attached
to the same verb or noun ("more than 90 members in Cusco"). Vocabulary: the
``membership`` section of ``lexicons/events.yml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from pista.documents import Claim, Entity, Mention
from pista.extract import lexicon
from pista.extract.context import DocContext
from pista.extract.events import figure_head, figure_noun, trigger_tokens
from pista.extract.numbers import Quantity, find_quantities

_GROUP_SUBTYPES = ("criminal_group", "faction")
_MAX_HOPS = 4


@dataclass(frozen=True)
class _Membership:
    nouns: frozenset[str]
    verbs: frozenset[str]


@functools.cache
def _membership(lang: str) -> _Membership:
    data: dict[str, Any] = lexicon.load("events")["membership"]
    key = lang if lang in ("en", "es") else "en"
    return _Membership(
        nouns=frozenset(w.casefold() for w in data["nouns"][key]),
        verbs=frozenset(w.casefold() for w in data["verbs"][key] if " " not in w),
    )


def extract_claims(ctx: DocContext) -> list[Claim]:
    """Every member-count claim the text states, with evidence and confidence."""
    vocab = _membership(ctx.lang)
    mentions = list(ctx.mentions())
    claims: list[Claim] = []
    seen: set[tuple[str, float, str | None]] = set()
    for sent in ctx.doc.sents:
        quantities = [q for q in find_quantities(sent.text, ctx.lang) if q.is_whole and q.value > 1]
        if not quantities:
            continue
        triggers = {t.i for t in trigger_tokens(sent, ctx.lang)}
        for q in _join_ranges(sent.text, quantities):
            claim = _claim(ctx, sent, q, vocab, triggers, mentions)
            if claim is None:
                continue
            key = (claim.subject, claim.value, claim.location)
            if key not in seen:
                seen.add(key)
                claims.append(claim)
    return claims


_RANGE_START = re.compile(r"(?:between|from|entre|de)\s*$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:and|to|y|a|-|–)\s*$", re.IGNORECASE)


def _join_ranges(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """ "between 5,000 and 6,000" is one figure: about its midpoint."""
    out: list[Quantity] = []
    skip = False
    for a, b in zip(quantities, [*quantities[1:], None], strict=True):
        if skip:
            skip = False
            continue
        if (
            b is not None
            and _RANGE_START.search(text[max(0, a.start - 12) : a.start])
            and _RANGE_JOIN.match(text[a.end : b.start])
        ):
            out.append(Quantity((a.value + b.value) / 2, a.start, b.end, "about", text[a.start : b.end]))
            skip = True
            continue
        out.append(a)
    return out


def _claim(
    ctx: DocContext,
    sent: Span,
    q: Quantity,
    vocab: _Membership,
    triggers: set[int],
    mentions: list[tuple[Mention, Entity]],
) -> Claim | None:
    start = sent.start_char + q.start
    end = sent.start_char + q.end
    doc = sent.doc
    tok = figure_head(doc, start, end)
    if tok is None:
        return None
    noun = figure_noun(tok)
    if not _counts_members(noun, vocab):
        return None
    if any(noun in doc[i].subtree for i in triggers):
        return None  # "sentenced 34 members", "arrested 15 members"
    governor = _governor(noun, vocab, triggers, mentions)
    subject = None
    place_anchor = governor
    if governor is None:
        governor = _with_governor(noun, triggers)
        if governor is not None:
            subject = _group_of(governor, mentions)
        else:
            subject = _owner(tok, noun, mentions)
            if subject is None:
                return None
            governor = noun
        place_anchor = noun  # "with 4,000 members, X is the largest gang in Y": Y is no claim's place
    subject = subject or _subject(ctx, sent, start, mentions)
    if subject is None:
        return None
    location = _location(sent, noun, place_anchor or noun, mentions)
    return Claim(
        subject=subject,
        value=q.value,
        attribute="member_count",
        qualifier=q.qualifier,
        location=location,
        evidence=ctx.evidence(doc[tok.i : noun.i + 1] if noun.i >= tok.i else doc[noun.i : tok.i + 1]),
        confidence=0.7 if governor.pos_ in ("VERB", "AUX") else 0.55,
    )


def _head_token(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    toks = list(span) if span is not None else []
    if not toks:
        return None
    ids = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in ids or t.head == t), toks[-1])


def _counts_members(noun: Token, vocab: _Membership) -> bool:
    """Whether the noun counts members ("members", "integrantes", "armed men")."""
    forms = {noun.lower_}
    for child in noun.children:
        if child.dep_ in ("amod", "compound"):
            forms.add(f"{child.lower_} {noun.lower_}")
            forms.add(f"{noun.lower_} {child.lower_}")
    return bool(forms & vocab.nouns)


def _governor(
    noun: Token, vocab: _Membership, triggers: set[int], mentions: list[tuple[Mention, Entity]]
) -> Token | None:
    """The size verb (or organization name) the member noun hangs on; None under an event."""
    node = noun
    for _ in range(_MAX_HOPS):
        if node.head == node:
            return None
        node = node.head
        if node.i in triggers:
            return None
        if node.pos_ == "ADP":
            continue
        if node.lower_ in vocab.verbs or node.lemma_.lower() in vocab.verbs:
            return node
        if _in_group_mention(node, mentions):
            return node
        if node.pos_ in ("VERB", "AUX"):
            return None
    return None


_WITH = frozenset({"with", "con"})


def _with_governor(noun: Token, triggers: set[int]) -> Token | None:
    """The word a "with N members" phrase hangs on ("With an estimated 8,000 members, the gang
    is ...", "the PCC, ... with some 40,000 members", "el clan, con unos 3.000 integrantes")."""
    prep = noun.head if noun.dep_ in ("pobj", "obl", "nmod") else None
    if prep is not None and prep.lower_ not in _WITH:
        prep = None
    if prep is None:
        prep = next((c for c in noun.children if c.dep_ == "case" and c.lower_ in _WITH), None)
        if prep is None:
            return None
        head = noun.head
    else:
        head = prep.head
    if head == noun or head.i in triggers:
        return None
    return head


_TOTALITY = frozenset({"los", "las"})


def _owner(tok: Token, noun: Token, mentions: list[tuple[Mention, Entity]]) -> str | None:
    """The group whose whole membership the figure counts: "Los Halcones' 4,000 members",
    "los 500 integrantes de Los Halcones" (with the article: all of them, not "40 members of")."""
    owners = [c for c in noun.children if c.dep_ == "poss"]
    if any(d.lower_ in _TOTALITY and d.dep_ == "det" for d in (*noun.children, *tok.children)):
        owners += [c for c in noun.children if c.dep_ in ("nmod", "obl") and c.i > noun.i]
    for owner in owners:
        for m, e in mentions:
            if e.type == "organization" and e.subtype in _GROUP_SUBTYPES and m.start <= owner.idx < m.end:
                return e.id
    return None


def _group_of(governor: Token, mentions: list[tuple[Mention, Entity]]) -> str | None:
    """The criminal group the phrase describes: the subject of its verb, or the noun (or the
    name it stands beside) it modifies."""
    candidates = []
    if governor.pos_ in ("VERB", "AUX"):
        candidates += [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")]
        candidates += [c for c in governor.children if c.dep_ in ("attr",)]
    else:
        candidates += [governor, *governor.ancestors][:4]
    for cand in candidates:
        for m, e in mentions:
            if e.type == "organization" and e.subtype in _GROUP_SUBTYPES and m.start <= cand.idx < m.end:
                return e.id
    return None


def _in_group_mention(tok: Token, mentions: list[tuple[Mention, Entity]]) -> bool:
    return any(
        m.start <= tok.idx < m.end and e.type == "organization" and e.subtype in _GROUP_SUBTYPES
        for m, e in mentions
    )


def _subject(ctx: DocContext, sent: Span, start: int, mentions: list[tuple[Mention, Entity]]) -> str | None:
    """The group named before the figure in its sentence, else the last one named before."""
    last: str | None = None
    for m, e in mentions:
        if m.start >= start:
            break
        if e.type == "organization" and e.subtype in _GROUP_SUBTYPES:
            last = e.id
    return last


def _location(sent: Span, noun: Token, governor: Token, mentions: list[tuple[Mention, Entity]]) -> str | None:
    """A place attached to the member noun or to the size verb ("members in Cusco")."""
    orgs = [(m.start, m.end) for m, e in mentions if e.type == "organization"]
    for m, e in mentions:
        if e.type != "location" or m.start < sent.start_char or m.end > sent.end_char:
            continue
        if any(s <= m.start and m.end <= t for s, t in orgs):
            continue
        tok = _head_token(sent.doc, m.start, m.end)
        if tok is None:
            continue
        node = tok
        for _ in range(3):
            if node.head == node:
                break
            if node.dep_ in ("conj", "relcl", "acl:relcl", "ccomp", "advcl"):
                break
            node = node.head
            if node in (noun, governor):
                return e.id
    return None
