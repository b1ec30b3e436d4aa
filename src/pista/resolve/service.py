"""Resolution over the store: resolve everything, and record people's judgements.

Each operation reads every analysis and every judgement in force, resolves the corpus and
writes the result in one transaction, so the stored keys always reflect the judgements.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from pista.documents import Analysis
from pista.errors import PistaError
from pista.resolve.core import member_ref, resolve_corpus
from pista.resolve.model import Judgement, JudgementKind, MemberRef, Resolution
from pista.store.resolution import ResolutionStore, load_corpus


@dataclass
class Outcome:
    resolution: Resolution
    problems: list[str] = field(default_factory=list)
    judgement_id: int | None = None

    def summary(self) -> str:
        r = self.resolution
        return (
            f"Resolved {r.n_mentions} mentions into {len(r.entities)} entities and {len(r.events)} events "
            f"({len(r.candidates)} need review)"
        )


def resolve_store(engine: Engine, *, actor: str) -> Outcome:
    """Resolve every stored analysis with the judgements in force and save the result."""
    corpus, problems = load_corpus(engine)
    store = ResolutionStore(engine)
    resolution = resolve_corpus(corpus, store.judgements(include_withdrawn=False))
    store.save(resolution, actor=actor)
    return Outcome(resolution, problems)


def members(
    target: str, corpus: list[tuple[str, Analysis]], keys: dict[tuple[str, str], str]
) -> list[MemberRef]:
    """The entities a key (or one ``DOCUMENT:ENTITY`` id) stands for, as judgements remember them."""
    by_doc = dict(corpus)
    if ":" in target:
        doc_id, entity_id = target.split(":", 1)
        analysis = by_doc.get(doc_id)
        ref = member_ref(doc_id, analysis, entity_id) if analysis else None
        if ref is None:
            raise PistaError(f"no entity {entity_id!r} in document {doc_id!r}")
        return [ref]
    items = sorted(item for item, k in keys.items() if k == target)
    if not items:
        raise PistaError(f"no resolved entity with key {target!r}: run `pista resolve` and check the key")
    out = []
    for doc_id, entity_id in items:
        analysis = by_doc.get(doc_id)
        ref = member_ref(doc_id, analysis, entity_id) if analysis else None
        if ref is not None:
            out.append(ref)
    return out


def _as_key(target: str, keys: dict[tuple[str, str], str]) -> str:
    """The resolved key a target names (itself, or the key of a ``DOCUMENT:ENTITY`` member)."""
    if ":" in target:
        doc_id, entity_id = target.split(":", 1)
        return keys.get((doc_id, entity_id), target)
    return target


def judge(engine: Engine, key_a: str, key_b: str | None, kind: JudgementKind, *, user: str) -> Outcome:
    """Record ``kind`` (same, different; split with no ``key_b``) and re-resolve."""
    corpus, problems = load_corpus(engine)
    store = ResolutionStore(engine)
    keys = store.entity_keys()
    side_a = members(key_a, corpus, keys)
    side_b = members(key_b, corpus, keys) if key_b else []
    if kind == "split" and len(side_a) < 2:
        raise PistaError(f"{key_a} has a single member: nothing to split")
    if kind != "split" and not side_b:
        raise PistaError("a same/different judgement needs two entities")
    if kind != "split" and {(m.doc_id, m.entity_id) for m in side_a} == {
        (m.doc_id, m.entity_id) for m in side_b
    }:
        raise PistaError(f"{key_a} and {key_b} are the same entity: use `pista split` to separate members")
    judgement = Judgement(
        kind=kind,
        members_a=tuple(side_a),
        members_b=tuple(side_b),
        key_a=_as_key(key_a, keys),
        key_b=_as_key(key_b, keys) if key_b else None,
        user=user,
    )
    new_id = store.add_judgement(judgement, actor=user)
    resolution = resolve_corpus(corpus, store.judgements(include_withdrawn=False))
    store.save(resolution, actor=user)
    return Outcome(resolution, problems, new_id)


def withdraw(engine: Engine, judgement_id: int, *, user: str) -> Outcome:
    """Withdraw a judgement and re-resolve without it."""
    corpus, problems = load_corpus(engine)
    store = ResolutionStore(engine)
    store.withdraw(judgement_id, actor=user)
    resolution = resolve_corpus(corpus, store.judgements(include_withdrawn=False))
    store.save(resolution, actor=user)
    return Outcome(resolution, problems, judgement_id)
