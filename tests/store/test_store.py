"""The store opens, migrates and keeps documents the same on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from pista.errors import ConfigError, StoreError
from pista.store import DocumentStore, connect, migrations, resolve_url
from pista.store.documents import SourceInfo


def test_resolve_url_plain_path_is_sqlite() -> None:
    assert resolve_url("x/pista.db") == "sqlite:///x/pista.db"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"


def test_resolve_url_reads_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PISTA_DB", "elsewhere.db")
    assert resolve_url(None) == "sqlite:///elsewhere.db"


def test_connect_rejects_unknown_backend() -> None:
    with pytest.raises(ConfigError):
        connect("mysql://root@localhost/x")


def test_connect_names_missing_folder(tmp_path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        connect(str(tmp_path / "nope" / "pista.db"))


def test_store_migrates_old_version_forward(db_url: str) -> None:
    engine = connect(db_url, migrate=False)
    migrations.migrate(engine, upto=1)
    assert migrations.current_version(engine) == 1
    assert not inspect(engine).has_table("analyses")
    store = DocumentStore(engine)
    with engine.begin() as conn:
        store.add(conn, text="kept across upgrades", source=SourceInfo("s", "a.txt"))
    engine.dispose()
    engine = connect(db_url)
    assert migrations.current_version(engine) == migrations.LATEST
    assert inspect(engine).has_table("analyses")
    assert [d.text for d in DocumentStore(engine).documents()] == ["kept across upgrades"]
    engine.dispose()


def test_same_text_from_two_sources_is_one_document(db_url: str) -> None:
    engine = connect(db_url)
    store = DocumentStore(engine)
    with engine.begin() as conn:
        a = store.add(conn, text="One report.", source=SourceInfo("police", "a.txt", "police"))
        b = store.add(conn, text="One report.\n", source=SourceInfo("press", "b.html", "press"))
        c = store.add(conn, text="One report.", source=SourceInfo("police", "a.txt", "police"))
    assert a.document_id == b.document_id == c.document_id
    assert (a.new_document, b.new_document, b.new_source, c.new_source) == (True, False, True, False)
    rows = store.listing()
    assert len(rows) == 1
    assert {s["source"] for s in rows[0]["sources"]} == {"police", "press"}
    assert store.stats()["by_publisher_kind"] == {"police": 1, "press": 1}
    engine.dispose()


def test_store_refuses_newer_schema(db_url: str) -> None:
    engine = connect(db_url)
    from datetime import UTC, datetime

    from pista.store import schema

    with engine.begin() as conn:
        conn.execute(
            schema.schema_version.insert().values(version=999, name="future", applied_at=datetime.now(UTC))
        )
    engine.dispose()
    with pytest.raises(StoreError, match="newer"):
        connect(db_url)


def test_store_gets_a_step_it_missed_even_below_its_highest_version(db_url: str) -> None:
    engine = connect(db_url, migrate=False)
    migrations.migrate(engine, upto=2)
    from datetime import UTC, datetime

    from pista.store import schema

    try:
        with engine.begin() as conn:  # a store that jumped ahead: it has step 4's row but not step 3
            conn.execute(
                schema.schema_version.insert().values(version=4, name="skip", applied_at=datetime.now(UTC))
            )
        applied = migrations.migrate(engine)
        assert applied[0] == 3 and 4 not in applied
        assert inspect(engine).has_table("judgements")
    finally:
        engine.dispose()
