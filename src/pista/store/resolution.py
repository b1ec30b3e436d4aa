"""Resolution in the store: keys, resolved entities and events, review pairs and judgements.

Judgements are append-only: withdrawing one stamps ``withdrawn_at`` and never deletes it.
Every change is written to ``audit_log`` in the same transaction.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, update

from pista.documents import Analysis
from pista.errors import StoreError
from pista.resolve.model import JUDGEMENT_KINDS, Judgement, MemberRef, Resolution
from pista.store import schema as t


def _audit(conn: Connection, actor: str, action: str, detail: dict[str, Any]) -> None:
    conn.execute(
        t.audit_log.insert().values(
            at=datetime.now(UTC), actor=actor, action=action, detail=json.dumps(detail, ensure_ascii=False)
        )
    )


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite gives naive datetimes back
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


def load_corpus(engine: Engine) -> tuple[list[tuple[str, Analysis]], list[str]]:
    """Every stored analysis as (document id, Analysis), and one message per unreadable one."""
    corpus: list[tuple[str, Analysis]] = []
    problems: list[str] = []
    q = select(t.analyses.c.document_id, t.analyses.c.result).order_by(t.analyses.c.document_id)
    with engine.connect() as conn:
        for row in conn.execute(q):
            try:
                corpus.append((row.document_id, Analysis.from_dict(json.loads(row.result))))
            except (ValueError, KeyError, TypeError) as exc:
                problems.append(f"analysis of document {row.document_id} is unreadable ({exc!r}): skipped")
    return corpus, problems


class ResolutionStore:
    """Reading and writing what resolution decided and what people judged."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- resolution results ----------------------------------------------
    def sources_by_document(self) -> dict[str, set[str]]:
        """Document id -> the sources (outlets, agencies, feeds) it was ingested from."""
        q = select(t.document_sources.c.document_id, t.document_sources.c.source)
        out: dict[str, set[str]] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(q):
                out.setdefault(row.document_id, set()).add(row.source)
        return out

    def save(self, resolution: Resolution, *, actor: str, review_limit: int = 500) -> None:
        """Replace every key, resolved entity and event and the review list, in one transaction.

        Each resolved event also records the distinct sources behind its documents, so a report
        carried by two outlets counts as two sources but one document.
        """
        sources = self.sources_by_document()
        entity_rows = [
            {"document_id": d, "entity_id": e, "key": k}
            for (d, e), k in sorted(resolution.entity_keys.items())
        ]
        event_rows = [
            {"document_id": d, "event_id": e, "key": k} for (d, e), k in sorted(resolution.event_keys.items())
        ]
        resolved = [
            {
                "key": ent.key,
                "type": ent.type,
                "subtype": ent.subtype,
                "canonical": ent.canonical,
                "n_documents": len(ent.documents),
                "data": json.dumps(ent.to_dict(), ensure_ascii=False),
            }
            for ent in resolution.entities.values()
        ]
        events = [
            {
                "key": ev.key,
                "type": ev.type,
                "date": ev.date,
                "corroboration": ev.corroboration,
                "data": json.dumps(
                    {
                        **ev.to_dict(),
                        "sources": sorted({src for d in ev.documents for src in sources.get(d, ())}),
                    },
                    ensure_ascii=False,
                ),
            }
            for ev in resolution.events.values()
        ]
        review = [
            {
                "rank": n + 1,
                "key_a": c.key_a,
                "key_b": c.key_b,
                "score": f"{c.score:.3f}",
                "data": json.dumps(
                    {"a": list(c.a), "b": list(c.b), "explanation": c.explanation}, ensure_ascii=False
                ),
            }
            for n, c in enumerate(resolution.candidates[:review_limit])
        ]
        try:
            with self.engine.begin() as conn:
                for table in (
                    t.entity_keys,
                    t.event_keys,
                    t.resolved_entities,
                    t.resolved_events,
                    t.resolution_review,
                ):
                    conn.execute(delete(table))
                for table, rows in (
                    (t.entity_keys, entity_rows),
                    (t.event_keys, event_rows),
                    (t.resolved_entities, resolved),
                    (t.resolved_events, events),
                    (t.resolution_review, review),
                ):
                    if rows:
                        conn.execute(table.insert(), rows)
                _audit(
                    conn,
                    actor,
                    "resolve",
                    {
                        "mentions": resolution.n_mentions,
                        "entities": len(resolution.entities),
                        "events": len(resolution.events),
                        "review": len(resolution.candidates),
                    },
                )
        except Exception as exc:  # a failed write leaves the previous resolution in place
            raise StoreError(f"cannot save the resolution: {exc}") from exc

    def entity_keys(self) -> dict[tuple[str, str], str]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.entity_keys)).all()
        return {(r.document_id, r.entity_id): r.key for r in rows}

    def event_keys(self) -> dict[tuple[str, str], str]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.event_keys)).all()
        return {(r.document_id, r.event_id): r.key for r in rows}

    def resolved_entity(self, key: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(t.resolved_entities.c.data).where(t.resolved_entities.c.key == key)
            ).first()
        return json.loads(row.data) if row else None

    def resolved_entities(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.resolved_entities.c.data).order_by(t.resolved_entities.c.key)).all()
        return [json.loads(r.data) for r in rows]

    def resolved_events(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.resolved_events.c.data).order_by(t.resolved_events.c.key)).all()
        return [json.loads(r.data) for r in rows]

    def review(self, limit: int = 20) -> list[dict[str, Any]]:
        """The most uncertain candidate pairs, most uncertain first."""
        q = select(t.resolution_review).order_by(t.resolution_review.c.rank).limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        out = []
        for r in rows:
            data = json.loads(r.data)
            out.append({"rank": r.rank, "key_a": r.key_a, "key_b": r.key_b, "score": float(r.score), **data})
        return out

    def count(self) -> dict[str, int]:
        with self.engine.connect() as conn:

            def n(table: Any) -> int:
                return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

            return {
                "mentions": n(t.entity_keys),
                "entities": n(t.resolved_entities),
                "events": n(t.resolved_events),
                "review": n(t.resolution_review),
            }

    # -- judgements ---------------------------------------------------------
    def add_judgement(self, judgement: Judgement, *, actor: str) -> int:
        """Record a judgement; returns its id."""
        if judgement.kind not in JUDGEMENT_KINDS:
            raise StoreError(f"unknown judgement {judgement.kind!r}: use one of {', '.join(JUDGEMENT_KINDS)}")
        if not judgement.members_a or (judgement.kind != "split" and not judgement.members_b):
            raise StoreError("a judgement needs the entities it is about")
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            new_id = conn.execute(
                t.judgements.insert()
                .values(
                    key_a=judgement.key_a or "",
                    key_b=judgement.key_b,
                    judgement=judgement.kind,
                    members_a=json.dumps([m.to_dict() for m in judgement.members_a], ensure_ascii=False),
                    members_b=json.dumps([m.to_dict() for m in judgement.members_b], ensure_ascii=False),
                    user_name=judgement.user or actor,
                    created_at=now,
                )
                .returning(t.judgements.c.id)
            ).scalar_one()
            _audit(
                conn,
                actor,
                f"judge {judgement.kind}",
                {"judgement": int(new_id), "key_a": judgement.key_a, "key_b": judgement.key_b},
            )
        return int(new_id)

    def withdraw(self, judgement_id: int, *, actor: str) -> Judgement:
        """Withdraw a judgement (it stays in the table, stamped); returns it."""
        with self.engine.begin() as conn:
            row = conn.execute(select(t.judgements).where(t.judgements.c.id == judgement_id)).first()
            if row is None:
                raise StoreError(f"no judgement {judgement_id}")
            if row.withdrawn_at is not None:
                raise StoreError(
                    f"judgement {judgement_id} was already withdrawn on {_iso(row.withdrawn_at)}"
                )
            now = datetime.now(UTC)
            conn.execute(
                update(t.judgements).where(t.judgements.c.id == judgement_id).values(withdrawn_at=now)
            )
            _audit(conn, actor, "withdraw judgement", {"judgement": judgement_id})
        return self.judgement(judgement_id)

    def judgement(self, judgement_id: int) -> Judgement:
        with self.engine.connect() as conn:
            row = conn.execute(select(t.judgements).where(t.judgements.c.id == judgement_id)).first()
        if row is None:
            raise StoreError(f"no judgement {judgement_id}")
        return self._judgement(row)

    def judgements(self, *, include_withdrawn: bool = True) -> list[Judgement]:
        q = select(t.judgements).order_by(t.judgements.c.created_at, t.judgements.c.id)
        if not include_withdrawn:
            q = q.where(t.judgements.c.withdrawn_at.is_(None))
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        return [self._judgement(r) for r in rows]

    @staticmethod
    def _judgement(row: Any) -> Judgement:
        return Judgement(
            kind=row.judgement,
            members_a=tuple(MemberRef.from_dict(m) for m in json.loads(row.members_a)),
            members_b=tuple(MemberRef.from_dict(m) for m in json.loads(row.members_b or "[]")),
            id=int(row.id),
            key_a=row.key_a,
            key_b=row.key_b,
            user=row.user_name,
            created_at=_iso(row.created_at) or "",
            withdrawn_at=_iso(row.withdrawn_at),
        )
