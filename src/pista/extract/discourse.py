"""Entities placed in the parse, and what pronouns and generic nouns refer to.

Relations and crimes both need to know which tokens name which entity, how far two
tokens are in the dependency tree, and who "they", "its", "the gang" or "la organización"
stand for: a pronoun prefers the group that was the subject; a demonstrative ("that gang")
the group named last; a generic noun "known as X" is X; "both gangs" stands for the last
two groups named. The reference words live in the ``references_*`` sections of
``relations.yml``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from pista.documents import Entity
from pista.extract import lexicon
from pista.extract.context import DocContext
from pista.extract.triggers import word_key, word_set

FAR = 99
NAMING_REACH = 4
CRIMINAL_ORG_SUBTYPES = frozenset({"criminal_group", "faction"})
DETERMINERS = frozenset(
    word_key(w)
    for w in [
        "the",
        "this",
        "these",
        "that",
        "those",
        "its",
        "their",
        "his",
        "her",
        "el",
        "la",
        "los",
        "las",
        "este",
        "esta",
        "estos",
        "estas",
        "ese",
        "esa",
        "esos",
        "esas",
        "dicho",
        "dicha",
        "dichos",
        "dichas",
        "su",
        "sus",
    ]
)


def is_criminal_org(entity: Entity) -> bool:
    return entity.type == "organization" and entity.subtype in CRIMINAL_ORG_SUBTYPES


def is_criminal_person(entity: Entity) -> bool:
    """A person the text may present as an offender (role criminal, or not known)."""
    return entity.type == "person" and entity.role in ("criminal", None)


def is_actor(entity: Entity) -> bool:
    """Who can commit crimes, lead, ally or fight: criminal groups and criminal persons."""
    return is_criminal_org(entity) or is_criminal_person(entity)


def is_agency(entity: Entity) -> bool:
    return entity.type == "organization" and entity.subtype == "agency"


def is_location(entity: Entity) -> bool:
    return entity.type == "location"


def tree_distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one sentence (``FAR`` otherwise)."""
    # Tokens of two sentences have no common ancestor: the walk below gives FAR.
    depth: dict[int, int] = {}
    tok, d = a, 0
    while True:
        depth[tok.i] = d
        if tok.head.i == tok.i:
            break
        tok, d = tok.head, d + 1
    tok, d = b, 0
    while tok.i not in depth:
        if tok.head.i == tok.i:
            return FAR
        tok, d = tok.head, d + 1
    return d + depth[tok.i]


def path_labels(child: Token, ancestor: Token) -> list[str] | None:
    """Dependency labels from ``child`` up to ``ancestor``, or None when it is no ancestor."""
    labels = []
    tok = child
    while tok.i != ancestor.i:
        if tok.head.i == tok.i:
            return None
        labels.append(tok.dep_)
        tok = tok.head
    return labels


@dataclass(frozen=True)
class Anchor:
    """One mention of an entity, as tokens of the parse."""

    entity: Entity
    span: Span

    @property
    def root(self) -> Token:
        return self.span.root

    @property
    def start(self) -> int:
        return self.span.start


@dataclass(frozen=True)
class Reference:
    """A pronoun or generic noun standing for an entity."""

    token: Token
    entity: Entity


@functools.cache
def _reference_words(lang: str) -> dict[str, frozenset[str]]:
    words = {
        kind: word_set("relations", f"references_{kind}", lang)
        for kind in (
            "group_nouns",
            "organization_nouns",
            "faction_nouns",
            "member_nouns",
            "naming_words",
            "demonstratives",
            "both_words",
            "companion_words",
        )
    }
    # Pronouns are compared as written: accents tell "él" (he) from "el" (the).
    data = lexicon.load("relations")
    for kind in ("group_pronouns", "person_pronouns"):
        words[kind] = frozenset(str(w).lower() for w in data[f"references_{kind}"].get(lang) or [])
    return words


class Discourse:
    """The entities of a document placed in its parse, with reference resolution."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.words = _reference_words(ctx.lang)
        anchors = []
        text_length = len(ctx.text)
        for mention, entity in ctx.mentions():
            if not 0 <= mention.start < mention.end <= text_length:
                continue  # offsets from elsewhere that do not fit this text: no anchor
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and len(span):
                anchors.append(Anchor(entity, span))
        self.anchors = self._without_overlaps(anchors)
        self._token_anchor: dict[int, Anchor] = {}
        for anchor in self.anchors:
            for tok in anchor.span:
                self._token_anchor[tok.i] = anchor
        self._parser_sents = list(self.doc.sents)
        self._sent_of = [0] * len(self.doc)
        for n, sent in enumerate(self._parser_sents):
            for i in range(sent.start, sent.end):
                self._sent_of[i] = n
        self.main_group = self._main_group()
        self.main_organization = self._main_group("criminal_group")
        self._chain: list[tuple[int, int, Entity, bool]] = []
        self._resolved: dict[tuple[int, str], Entity | None] = {}
        self._build_chain()

    @staticmethod
    def _without_overlaps(anchors: list[Anchor]) -> list[Anchor]:
        anchors.sort(key=lambda a: (a.span.start, -len(a.span)))
        kept: list[Anchor] = []
        for anchor in anchors:
            if kept and anchor.span.start < kept[-1].span.end:
                continue
            kept.append(anchor)
        return kept

    def _main_group(self, subtype: str | None = None) -> Entity | None:
        """The criminal group or faction (or, given ``subtype``, the one of that subtype)
        the document is mostly about."""
        counts: dict[str, tuple[int, float, int]] = {}
        for anchor in self.anchors:
            e = anchor.entity
            if not is_criminal_org(e) or (subtype is not None and e.subtype != subtype):
                continue
            # On a tie the faction wins: a text naming a faction and its parent group as often
            # is about the faction, the parent being context.
            n, bonus, first = counts.get(e.id, (0, 0.5 if e.subtype == "faction" else 0.0, anchor.start))
            counts[e.id] = (n + 1, bonus, first)
        if not counts:
            return None
        best = max(counts, key=lambda k: (counts[k][0] + counts[k][1], -counts[k][2]))
        return self.ctx.entity(best)

    def _build_chain(self) -> None:
        """Walk the document in order, resolving references as a reader would: each
        mention or resolved reference becomes the latest one an anaphor may point back to."""
        for tok in self.doc:
            anchor = self.anchor_at(tok)
            if anchor is not None:
                if tok.i == anchor.root.i:
                    self._chain.append(
                        (tok.i, self.sentence_number(tok), anchor.entity, self._is_subject(tok))
                    )
                continue
            for want in ("group", "person"):
                entity = self._resolve(tok, want)
                self._resolved[(tok.i, want)] = entity
                if entity is not None and not self._is_ambiguous_pronoun(tok):
                    self._chain.append((tok.i, self.sentence_number(tok), entity, self._is_subject(tok)))

    @staticmethod
    def _is_subject(tok: Token) -> bool:
        """A grammatical subject, or the name in apposition to one ("His wife, Ana, ...")."""
        subject_labels = ("nsubj", "nsubjpass", "nsubj:pass")
        return tok.dep_ in subject_labels or (tok.dep_ == "appos" and tok.head.dep_ in subject_labels)

    def _is_ambiguous_pronoun(self, tok: Token) -> bool:
        key = tok.lower_
        return key in self.words["group_pronouns"] and key in self.words["person_pronouns"]

    def sentences(self) -> list[Span]:
        """The sentences of the parse, also cut at line breaks (a headline or dateline
        without final stop is no part of the next sentence)."""
        out = []
        for sent in self._parser_sents:
            start = sent.start
            for tok in sent:
                if (tok.is_space and "\n" in tok.text) or "\n" in tok.whitespace_:
                    end = tok.i if tok.is_space else tok.i + 1
                    if end > start:
                        out.append(self.doc[start:end])
                    start = tok.i + 1
            if start < sent.end:
                out.append(self.doc[start : sent.end])
        return out

    # -- looking up -----------------------------------------------------------------

    def in_sentence(self, sent: Span) -> list[Anchor]:
        return [a for a in self.anchors if sent.start <= a.start < sent.end]

    def anchor_at(self, token: Token) -> Anchor | None:
        return self._token_anchor.get(token.i)

    def sentence_number(self, token: Token) -> int:
        return self._sent_of[token.i] if token.i < len(self._sent_of) else 0

    def sentence_of(self, token: Token) -> Span:
        """The parser sentence holding ``token`` (``token.sent`` without its cost)."""
        return self._parser_sents[self.sentence_number(token)]

    def last_before(
        self,
        token: Token,
        accept: Callable[[Entity], bool],
        sentences: int,
        subject_first: bool = False,
        subjects_only: bool = False,
    ) -> Entity | None:
        """The entity last mentioned or referred to before ``token``, at most ``sentences``
        back; with ``subject_first``, the last one that was a grammatical subject wins;
        with ``subjects_only``, only grammatical subjects count."""
        here = self.sentence_number(token)
        fallback = None
        for i, sent_no, entity, subject in reversed(self._chain):
            if i >= token.i:
                continue
            if here - sent_no > sentences:
                break
            if not accept(entity):
                continue
            if not subject_first or subject or sent_no == here:
                return entity
            fallback = fallback or entity
        return None if subjects_only else fallback

    def _group_antecedent(self, token: Token) -> Entity | None:
        """The group a pronoun stands for: the last group that was a subject in this
        sentence, else the last group named in it, else the last subject group of the two
        sentences before, else the last group named there."""
        here = self.sentence_number(token)
        recent = [
            (sent_no, entity, subject)
            for i, sent_no, entity, subject in reversed(self._chain)
            if i < token.i and here - sent_no <= 2 and is_criminal_org(entity)
        ]
        for same_sentence in (True, False):
            group = [(e, subj) for n, e, subj in recent if (n == here) == same_sentence]
            subjects = [e for e, subj in group if subj]
            if subjects or group:
                return (subjects or [e for e, _ in group])[0]
        return None

    def _holder_of_possessed(self, pronoun: Token) -> Entity | None:
        """For a possessive in a noun said of someone ("X, his right-hand man", "X was his
        lieutenant", "X, su mano derecha"), that someone: the possessive is another person."""
        if pronoun.dep_ not in ("poss", "det"):
            return None
        noun = pronoun.head
        if noun.dep_ == "appos":
            anchor = self.anchor_at(noun.head)
            return anchor.entity if anchor is not None else None
        clause = noun.head if noun.dep_ == "attr" else noun
        if noun.dep_ == "attr" or any(c.dep_ == "cop" for c in noun.children):
            for child in clause.children:
                anchor = self.anchor_at(child) if child.dep_ in ("nsubj", "nsubjpass") else None
                if anchor is not None:
                    return anchor.entity
        return None

    def distance(self, token: Token, anchor: Anchor) -> int:
        return tree_distance(token, anchor.root)

    # -- references -------------------------------------------------------------------

    def is_determined(self, noun: Token) -> bool:
        """``noun`` has a definite, demonstrative or possessive determiner ("the gang")."""
        if noun.i > 0 and noun.nbor(-1).lower_ in ("del", "al"):  # Spanish "de + el", "a + el"
            return True
        return any(
            child.dep_ in ("det", "poss") and word_key(child.text) in DETERMINERS for child in noun.children
        )

    def reference(self, token: Token, want: str) -> Entity | None:
        """What ``token`` refers to, when it is a pronoun or generic noun for a ``want``
        ("group" or "person") entity; None otherwise."""
        if (token.i, want) in self._resolved:
            return self._resolved[(token.i, want)]
        return self._resolve(token, want)

    def _resolve(self, token: Token, want: str) -> Entity | None:
        if self.anchor_at(token) is not None:
            return None
        if token.pos_ in ("PRON", "DET") and any(
            c.dep_ == "appos" and self.anchor_at(c) is not None for c in token.children
        ):
            return None  # "among them X", "entre ellos X": the name stands for itself
        pronoun = token.lower_ if token.pos_ in ("PRON", "DET") else ""
        key, lemma = word_key(token.text), word_key(token.lemma_)
        if want == "person":
            if pronoun in self.words["person_pronouns"]:
                holder = self._holder_of_possessed(token)
                return self.last_before(
                    token,
                    lambda e: is_criminal_person(e) and (holder is None or e.id != holder.id),
                    5,
                    subject_first=True,
                )
            return None
        if pronoun in self.words["group_pronouns"]:
            return self._group_antecedent(token) or self.main_group
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        if not self.is_determined(token) and token.dep_ not in ("compound", "poss"):
            return None
        named = self.named_as(token)
        if named is not None:
            return named
        if self._demonstrative(token) and any(
            k in self.words[kind] for k in (lemma, key) for kind in ("group_nouns", "organization_nouns")
        ):
            return self.last_before(token, is_criminal_org, 2) or self.main_group
        if lemma in self.words["faction_nouns"] or key in self.words["faction_nouns"]:
            return self.last_before(token, lambda e: e.subtype == "faction", 6) or self.main_group
        if lemma in self.words["organization_nouns"] or key in self.words["organization_nouns"]:
            return self.main_organization or self.main_group
        if lemma in self.words["group_nouns"] or key in self.words["group_nouns"]:
            return self.main_group
        return None

    def _demonstrative(self, noun: Token) -> bool:
        """``noun`` has a demonstrative determiner ("that gang", "dicha organización")."""
        return any(
            c.dep_ == "det" and word_key(c.text) in self.words["demonstratives"] for c in noun.children
        )

    def named_as(self, noun: Token) -> Entity | None:
        """The criminal group a generic noun is called by ("the faction ..., known as X",
        "la facción conocida como X")."""
        frontier = [noun]
        for _ in range(NAMING_REACH):
            frontier = [c for t in frontier for c in t.children if c.dep_ not in ("conj", "punct")]
            for child in frontier:
                if not self.is_naming(child):
                    continue
                for tok in child.subtree:
                    anchor = self.anchor_at(tok)
                    if anchor is not None and is_criminal_org(anchor.entity):
                        return anchor.entity
        return None

    def companions(self, verb: Token) -> list[Entity]:
        """Who the clause of ``verb`` says did it "together with" its subject ("ran the cartel
        together with X", "junto con X")."""
        out: list[Entity] = []
        doc = self.doc
        for tok in verb.subtree:
            if word_key(tok.text) not in self.words["companion_words"] or tok.i + 1 >= len(doc):
                continue
            if doc[tok.i + 1].lower_ not in ("with", "con", "a"):
                continue
            for k in range(tok.i + 2, min(tok.i + 5, len(doc))):
                anchor = self.anchor_at(doc[k])
                if anchor is not None:
                    if anchor.entity not in out:
                        out.append(anchor.entity)
                    break
        return out

    def is_naming(self, token: Token) -> bool:
        """``token`` introduces the name something goes by ("known", "conocida", "llamado")."""
        words = self.words["naming_words"]
        return word_key(token.lemma_) in words or word_key(token.text) in words

    def plural_references(self, sent: Span) -> list[Reference]:
        """Generic nouns for two groups at once ("both gangs", "the two organizations",
        "ambas pandillas"): one reference to each of the last two groups named before."""
        out: list[Reference] = []
        for tok in sent:
            if tok.pos_ != "NOUN" or "Plur" not in tok.morph.get("Number", []):
                continue
            keys = (word_key(tok.lemma_), word_key(tok.text))
            if not any(k in self.words[kind] for k in keys for kind in ("group_nouns", "organization_nouns")):
                continue
            before = tok.nbor(-1) if tok.i > 0 else None
            if before is None or word_key(before.text) not in self.words["both_words"]:
                continue
            groups: list[Entity] = []
            for i, _, entity, _ in reversed(self._chain):
                if i < tok.i and entity.subtype == "criminal_group" and entity not in groups:
                    groups.append(entity)
                if len(groups) == 2:
                    break
            if len(groups) == 2:
                out += [Reference(tok, g) for g in groups]
        return out

    def references_in(self, sent: Span, want: str) -> list[Reference]:
        """Every pronoun or generic noun of ``sent`` resolved to a ``want`` entity."""
        out = []
        for tok in sent:
            entity = self.reference(tok, want)
            if entity is not None:
                out.append(Reference(tok, entity))
        return out

    def is_member_noun(self, token: Token) -> bool:
        """A collective noun for a group's people ("members", "detenidos")."""
        return word_key(token.lemma_) in self.words["member_nouns"] or (
            word_key(token.text) in self.words["member_nouns"]
        )
