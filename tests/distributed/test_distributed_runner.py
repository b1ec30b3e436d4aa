"""Extraction on Dask workers: same analyses as in-process, each document kept exactly once."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from distributed import Client
from sqlalchemy import func, select
from typer.testing import CliRunner

from pista.cli import app
from pista.distributed import Failure, analyse_store_on_cluster, parse_address
from pista.distributed.cluster import check_workers
from pista.distributed.runner import pending_ids
from pista.documents import Analysis
from pista.errors import ConfigError
from pista.extract import EXTRACTOR_VERSION, Text, analyze_many
from pista.store import DocumentStore, connect
from pista.store import schema as t
from pista.store.analyses import load_analysis
from pista.store.documents import NewDocument, SourceInfo

pytestmark = [pytest.mark.dask, pytest.mark.model]

MARKER = "Puerto Quimera"

REPORTS = [
    ("en", "Police in Bogotá arrested three members of the Tren de Aragua on Monday."),
    ("es", "La Policía Nacional detuvo a cinco integrantes del Tren de Aragua en Lima el martes."),
    ("en", "Prosecutors charged Carlos Mendoza, alias El Flaco, with extortion and kidnapping."),
    ("es", "La Fiscalía acusó a Luis Pérez, alias El Gordo, de extorsión a comerciantes de Santiago."),
    ("en", f"Officers seized 40 kilograms of cocaine at the port of {MARKER} during a night raid."),
    ("es", "Agentes rescataron a doce mujeres víctimas de trata en un operativo en Quito."),
    ("en", "The gang controls drug sales in three districts of Caracas, according to the ministry."),
    ("es", "El cabecilla de la facción fue capturado en Cúcuta tras meses de seguimiento."),
    ("en", "Chilean police dismantled a cell that laundered money through used-car dealers."),
    ("es", "Según la policía, la banda cobraba cuotas semanales a los mototaxistas de San Juan."),
    ("en", "Two suspects were killed in a shootout with soldiers near the border with Venezuela."),
    ("es", "Las autoridades incautaron armas y teléfonos en la cárcel de Tocorón."),
]

BatchFunction = Callable[[list[Text]], list[Analysis | Failure]]


def _store(url: str) -> DocumentStore:
    store = DocumentStore(connect(url))
    items = [
        NewDocument(text=text, source=SourceInfo("tests", f"report-{n}"), lang=lang, lang_supported=True)
        for n, (lang, text) in enumerate(REPORTS)
    ]
    with store.engine.begin() as conn:
        store.add_many(conn, items)
    return store


def _expected(store: DocumentStore) -> dict[str, str]:
    """Each document's analysis computed in this process, as stored JSON."""
    docs = list(store.documents())
    texts = [Text(d.text, d.lang, d.published, d.id) for d in docs]
    return {d.id: json.dumps(a.to_dict()) for d, a in zip(docs, analyze_many(texts), strict=True)}


def _stored(store: DocumentStore) -> dict[str, str]:
    out = {}
    for doc in store.documents():
        found = load_analysis(store.engine, doc.id)
        if found is not None:
            assert found[0] == EXTRACTOR_VERSION
            out[doc.id] = json.dumps(found[1].to_dict())
    return out


def _rows(store: DocumentStore) -> tuple[int, int]:
    """Analysis rows, and distinct documents among them."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(t.analyses)).scalar_one()
        distinct = conn.execute(select(func.count(t.analyses.c.document_id.distinct()))).scalar_one()
    return rows, distinct


def _killer(flag_dir: str, kills: int) -> BatchFunction:
    """A batch function whose worker process dies on the marker document, ``kills`` times in all."""

    def run(texts: list[Text]) -> list[Analysis | Failure]:
        import os
        from pathlib import Path

        from pista.distributed.tasks import analyse_texts

        if any(MARKER in item.text for item in texts):
            done = len(list(Path(flag_dir).iterdir()))
            if done < kills:
                (Path(flag_dir) / f"kill-{done}").touch()
                os._exit(1)
        return analyse_texts(texts)

    return run


def test_cluster_analyses_equal_in_process_ones(dask_client: Client, db_url: str) -> None:
    store = _store(db_url)
    run = analyse_store_on_cluster(dask_client, store, EXTRACTOR_VERSION, batch_size=4)
    assert (run.analysed, run.failed, run.skipped) == (len(REPORTS), 0, 0)
    assert _stored(store) == _expected(store)
    assert _rows(store) == (len(REPORTS), len(REPORTS))
    again = analyse_store_on_cluster(dask_client, store, EXTRACTOR_VERSION, batch_size=4)
    assert again.analysed == 0
    store.engine.dispose()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_batch_whose_worker_dies_is_retried_and_kept_once(
    dask_client: Client, db_url: str, tmp_path: Path
) -> None:
    store = _store(db_url)
    run = analyse_store_on_cluster(
        dask_client, store, EXTRACTOR_VERSION, batch_size=3, function=_killer(str(tmp_path), kills=1)
    )
    assert len(list(tmp_path.iterdir())) == 1  # the worker really died once
    assert (run.analysed, run.failed) == (len(REPORTS), 0)
    assert _rows(store) == (len(REPORTS), len(REPORTS))
    assert pending_ids(store.engine, EXTRACTOR_VERSION) == []
    assert _stored(store) == _expected(store)
    store.engine.dispose()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_batch_that_keeps_killing_workers_is_reported_and_done_by_the_next_run(
    dask_client: Client, db_url: str, tmp_path: Path
) -> None:
    store = _store(db_url)
    first = analyse_store_on_cluster(
        dask_client, store, EXTRACTOR_VERSION, batch_size=3, function=_killer(str(tmp_path), kills=2)
    )
    lost = {f.doc_id for f in first.failures}
    assert len(lost) == 3 and all("batch lost" in f.reason for f in first.failures)
    assert first.analysed == len(REPORTS) - 3
    assert set(pending_ids(store.engine, EXTRACTOR_VERSION)) == lost
    second = analyse_store_on_cluster(dask_client, store, EXTRACTOR_VERSION, batch_size=3)
    assert (second.analysed, second.failed) == (3, 0)
    assert _rows(store) == (len(REPORTS), len(REPORTS))
    assert _stored(store) == _expected(store)
    store.engine.dispose()


class Interrupted(Exception):
    pass


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_run_stopped_half_way_is_resumed_without_loss_or_repeat(dask_client: Client, db_url: str) -> None:
    store = _store(db_url)
    committed: list[int] = []

    def stop_after_two(documents: int, words: int) -> None:
        committed.append(documents)
        if len(committed) == 2:
            raise Interrupted

    with pytest.raises(Interrupted):
        analyse_store_on_cluster(dask_client, store, EXTRACTOR_VERSION, batch_size=3, on_batch=stop_after_two)
    done = sum(committed)
    assert _rows(store) == (done, done)
    rest = analyse_store_on_cluster(dask_client, store, EXTRACTOR_VERSION, batch_size=3)
    assert rest.analysed == len(REPORTS) - done
    assert _rows(store) == (len(REPORTS), len(REPORTS))
    assert _stored(store) == _expected(store)
    store.engine.dispose()


def test_extract_store_dask_cli_uses_a_running_scheduler(dask_client: Client, tmp_path: Path) -> None:
    db = str(tmp_path / "pista.db")
    _store(db).engine.dispose()
    runner = CliRunner()
    address = str(dask_client.scheduler.address)
    result = runner.invoke(app, ["--db", db, "extract", "--store", "--dask", address, "--batch-size", "5"])
    assert result.exit_code == 0, result.output
    assert f"Analysed {len(REPORTS)} documents" in result.stdout
    again = runner.invoke(app, ["--db", db, "extract", "--store", "--dask", address])
    assert again.exit_code == 0 and "Analysed 0 documents" in again.stdout


def test_dask_option_needs_store() -> None:
    result = CliRunner().invoke(app, ["extract", "--dask", "local:2", "some.txt"])
    assert result.exit_code == 2
    assert "--store" in result.output


@pytest.mark.parametrize(
    ("address", "parsed"),
    [
        ("local:3", ("local", 3)),
        ("local", ("local", 2)),
        ("tcp://10.0.0.5:8786", ("tcp://10.0.0.5:8786", None)),
    ],
)
def test_parse_address(address: str, parsed: tuple[str, int | None]) -> None:
    assert parse_address(address) == parsed


@pytest.mark.parametrize("address", ["local:0", "local:two", ""])
def test_parse_address_rejects_nonsense(address: str) -> None:
    with pytest.raises(ConfigError):
        parse_address(address)


def test_workers_with_another_extractor_version_are_refused(
    dask_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dask_client, "run", lambda *a, **k: {"tcp://10.0.0.7:4000": "0.0.1"})
    with pytest.raises(ConfigError, match=r"10\.0\.0\.7:4000 has 0\.0\.1"):
        check_workers(dask_client)


def _malloc_trim_threshold() -> str | None:
    import os

    return os.environ.get("MALLOC_TRIM_THRESHOLD_")


def test_local_workers_keep_the_allocator_adaptive(monkeypatch: pytest.MonkeyPatch) -> None:
    from pista.distributed import open_client

    # a default nanny started earlier in this process exports Dask's fixed threshold here
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with open_client("local:1") as client:
        assert list(client.run(_malloc_trim_threshold).values()) == [None]
