"""Resolution in the store, on SQLite and PostgreSQL: keys, judgements, audit, re-runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from resolve_samples import sample_corpus, store_with
from sqlalchemy import Engine, func, select

from pista.errors import PistaError, StoreError
from pista.resolve import service
from pista.store import connect
from pista.store import schema as t
from pista.store.resolution import ResolutionStore, load_corpus

_engines: list[Engine] = []


@pytest.fixture(autouse=True)
def _dispose_engines() -> Iterator[None]:
    yield
    while _engines:
        _engines.pop().dispose()


def _open(url: str) -> Engine:
    engine = connect(url)
    _engines.append(engine)
    return engine


def _key(engine: Engine, ids: dict[str, str], doc: str, entity: str) -> str:
    return ResolutionStore(engine).entity_keys()[(ids[doc], entity)]


def test_resolve_writes_keys_entities_and_audit(db_url: str) -> None:
    ids = store_with(db_url, sample_corpus())
    engine = _open(db_url)
    outcome = service.resolve_store(engine, actor="ana")
    assert outcome.summary().startswith("Resolved 7 mentions into")
    store = ResolutionStore(engine)
    assert store.count()["mentions"] == 7
    assert _key(engine, ids, "a", "p") == _key(engine, ids, "b", "p")
    assert _key(engine, ids, "a", "o") == _key(engine, ids, "c", "o")
    entity = store.resolved_entity(_key(engine, ids, "a", "o"))
    assert entity is not None
    assert set(entity["names"]) >= {"PNP", "Peruvian National Police", "Policía Nacional del Perú"}
    with engine.connect() as conn:
        actions = conn.execute(select(t.audit_log.c.action, t.audit_log.c.actor)).all()
    assert ("resolve", "ana") in [tuple(a) for a in actions]


def test_resolving_twice_gives_the_same_keys(db_url: str) -> None:
    store_with(db_url, sample_corpus())
    engine = _open(db_url)
    service.resolve_store(engine, actor="ana")
    first = ResolutionStore(engine).entity_keys()
    service.resolve_store(engine, actor="ana")
    assert ResolutionStore(engine).entity_keys() == first


def test_judge_withdraw_and_split(db_url: str) -> None:
    ids = store_with(db_url, sample_corpus())
    engine = _open(db_url)
    service.resolve_store(engine, actor="ana")
    guerrero_a, guerrero_c = _key(engine, ids, "a", "q"), _key(engine, ids, "c", "p")
    assert guerrero_a != guerrero_c  # surname only: not merged without a person's word

    same = service.judge(engine, guerrero_a, guerrero_c, "same", user="ana")
    assert _key(engine, ids, "a", "q") == _key(engine, ids, "c", "p")
    assert same.judgement_id is not None

    service.withdraw(engine, same.judgement_id, user="luis")
    assert _key(engine, ids, "a", "q") != _key(engine, ids, "c", "p")
    with pytest.raises(StoreError, match="already withdrawn"):
        service.withdraw(engine, same.judgement_id, user="luis")

    police = _key(engine, ids, "a", "o")
    service.judge(engine, police, None, "split", user="ana")
    keys = {_key(engine, ids, d, "o") for d in "abc"}
    assert len(keys) == 3

    judgements = ResolutionStore(engine).judgements()
    assert [j.kind for j in judgements] == ["same", "split"]
    assert judgements[0].withdrawn_at is not None and judgements[0].user == "ana"
    assert ResolutionStore(engine).judgements(include_withdrawn=False)[0].kind == "split"
    with engine.connect() as conn:
        n_audit = conn.execute(select(func.count()).select_from(t.audit_log)).scalar_one()
    assert n_audit >= 6  # resolve, judge, resolve, withdraw, resolve, judge, resolve


def test_judgements_survive_a_full_re_run_of_extraction(db_url: str) -> None:
    ids = store_with(db_url, sample_corpus())
    engine = _open(db_url)
    service.resolve_store(engine, actor="ana")
    service.judge(engine, _key(engine, ids, "a", "q"), _key(engine, ids, "c", "p"), "same", user="ana")
    # Re-extraction: every analysis rewritten, the entities renumbered.
    corpus, _ = load_corpus(engine)
    from pista.store import DocumentStore

    docs = DocumentStore(engine)
    with engine.begin() as conn:
        for doc_id, analysis in corpus:
            for n, e in enumerate(reversed(analysis.entities)):
                e.id = f"r{n}"
            docs.save_analysis(conn, doc_id, "h2", "test-2", analysis)
    service.resolve_store(engine, actor="ana")
    keys = ResolutionStore(engine).entity_keys()
    by_name: dict[tuple[str, str], str] = {}
    for doc_id, analysis in load_corpus(engine)[0]:
        for e in analysis.entities:
            by_name[(doc_id, e.names[0])] = keys[(doc_id, e.id)]
    assert by_name[(ids["a"], "Guerrero")] == by_name[(ids["c"], "Guerrero")]


def test_bad_judgement_targets_are_clear_errors(db_url: str) -> None:
    ids = store_with(db_url, sample_corpus())
    engine = _open(db_url)
    service.resolve_store(engine, actor="ana")
    with pytest.raises(PistaError, match="no resolved entity"):
        service.judge(engine, "per-nobody", _key(engine, ids, "a", "p"), "same", user="ana")
    with pytest.raises(PistaError, match="no entity"):
        service.judge(engine, f"{ids['a']}:zz", _key(engine, ids, "a", "p"), "same", user="ana")
    with pytest.raises(PistaError, match="single member"):
        service.judge(engine, _key(engine, ids, "a", "q"), None, "split", user="ana")


def test_unreadable_analysis_is_reported_not_fatal(db_url: str) -> None:
    ids = store_with(db_url, sample_corpus())
    engine = _open(db_url)
    with engine.begin() as conn:
        conn.execute(
            t.analyses.update().where(t.analyses.c.document_id == ids["c"]).values(result="{not json")
        )
    outcome = service.resolve_store(engine, actor="ana")
    assert len(outcome.problems) == 1 and ids["c"] in outcome.problems[0]
    assert outcome.resolution.n_mentions == 5


def test_resolved_events_keep_figures_documents_and_sources(db_url: str) -> None:
    from resolve_samples import doc, org, place

    from pista.documents import Event

    def report(doc_id: str, arrested: int) -> tuple:
        ev = Event(
            id="v1", type="operation", date="2024-05-14", location="l", targets=["g"], arrested=arrested
        )
        return doc(
            doc_id,
            org("g", "Los Malditos del Cerro", subtype="criminal_group", country="PE"),
            place("l", "Lima", country="PE"),
            events=(ev,),
        )

    store_with(db_url, [report("a", 23), report("b", 25)])
    engine = _open(db_url)
    service.resolve_store(engine, actor="ana")
    events = ResolutionStore(engine).resolved_events()
    assert len(events) == 1
    event = events[0]
    assert event["corroboration"] == 2 and event["sources"] == ["test"]
    assert sorted(f["value"] for f in event["figures"]["arrested"]) == [23, 25]
