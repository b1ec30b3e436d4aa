"""``DocumentStore.add_many`` (the batch path of ingestion) behaves like ``add`` called in order."""

from __future__ import annotations

from sqlalchemy import select

from pista.store import DocumentStore, connect
from pista.store import schema as t
from pista.store.documents import NewDocument, SourceInfo


def _items() -> list[NewDocument]:
    police = SourceInfo("police", "a.txt", "police", "B")
    press = SourceInfo("press", "b.html", "press")
    return [
        NewDocument("First report.", police, title="One", lang="en", lang_supported=True, published="2024"),
        NewDocument("Second report.", police, lang="es", lang_supported=True),
        NewDocument("First report.\r\n", press, title="Copy"),  # same text, another source
        NewDocument("First report.", police),  # same text and source again
        NewDocument("Third report.", SourceInfo("ngo", "c.txt", url="https://example.org/c")),
    ]


def _state(store: DocumentStore) -> tuple[list, list]:
    with store.engine.connect() as conn:
        docs = conn.execute(
            select(
                t.documents.c.id,
                t.documents.c.text,
                t.documents.c.title,
                t.documents.c.lang,
                t.documents.c.lang_supported,
                t.documents.c.published,
                t.documents.c.url,
                t.documents.c.word_count,
            ).order_by(t.documents.c.created_at)
        ).all()
        sources = conn.execute(
            select(
                t.document_sources.c.document_id,
                t.document_sources.c.source,
                t.document_sources.c.origin,
                t.document_sources.c.publisher_kind,
                t.document_sources.c.reliability,
                t.document_sources.c.url,
                t.document_sources.c.title,
            ).order_by(t.document_sources.c.id)
        ).all()
    return [tuple(d) for d in docs], [tuple(s) for s in sources]


def test_add_many_equals_add_in_order(db_url: str, tmp_path) -> None:
    batch = DocumentStore(connect(db_url))
    with batch.engine.begin() as conn:
        batched = batch.add_many(conn, _items())
    one_by_one = DocumentStore(connect(str(tmp_path / "reference.db")))
    with one_by_one.engine.begin() as conn:
        singles = [
            one_by_one.add(
                conn,
                text=i.text,
                source=i.source,
                title=i.title,
                lang=i.lang,
                lang_supported=i.lang_supported,
                published=i.published,
                url=i.url,
            )
            for i in _items()
        ]
    assert batched == singles
    assert [(r.new_document, r.new_source) for r in batched] == [
        (True, True),
        (True, True),
        (False, True),
        (False, False),
        (True, True),
    ]
    assert _state(batch) == _state(one_by_one)
    with batch.engine.begin() as conn:
        again = batch.add_many(conn, _items())
    assert not any(r.new_document or r.new_source for r in again)
    batch.engine.dispose()
    one_by_one.engine.dispose()


def test_add_many_of_nothing(db_url: str) -> None:
    store = DocumentStore(connect(db_url))
    with store.engine.begin() as conn:
        assert store.add_many(conn, []) == []
    store.engine.dispose()
