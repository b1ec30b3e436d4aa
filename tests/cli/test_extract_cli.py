"""``pista extract``: files, folders, JSON lines and stdin printed; the store analysed once."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy import Engine, update
from typer.testing import CliRunner

from pista.cli import app, extract_cmd
from pista.cli.extract_cmd import BadInput, print_analysis, read_inputs
from pista.documents import Analysis, Claim, Crime, Entity, Event, Relation
from pista.extract import Text
from pista.store import DocumentStore, connect
from pista.store import schema as t
from pista.store.analyses import count_unanalysed, load_analysis
from pista.store.documents import SourceInfo

EN = "Police in Lima arrested Juan Carlos Pérez, the alleged leader of the Tren de Aragua, on 3 March 2023."
ES = "La Policía Nacional del Perú detuvo a doce integrantes del Tren de Aragua en Trujillo el 3 de marzo de 2023."
FR = (
    "La police a arrêté hier plusieurs membres présumés d'une bande criminelle à Marseille, selon le parquet."
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_extract_prints_one_json_object_per_text(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "lima.txt").write_text(EN, encoding="utf-8")
    records = tmp_path / "batch.jsonl"
    records.write_text(
        json.dumps({"id": "r-7", "text": ES, "lang": "es", "published": "2023-03-04"}) + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(tmp_path / "lima.txt"), str(records)])
    assert result.exit_code == 0, result.output
    docs = _lines(result.stdout)
    assert [d["doc_id"] for d in docs] == ["lima.txt", "r-7"]
    assert docs[1]["lang"] == "es" and docs[1]["published"] == "2023-03-04"
    for doc in docs:
        assert {"entities", "relations", "crimes", "events", "claims"} <= set(doc)


def test_extract_gives_the_same_key_to_one_entity_across_inputs(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "es.txt").write_text(ES, encoding="utf-8")
    docs = _lines(runner.invoke(app, ["extract", str(tmp_path)]).stdout)
    keys = [{e["key"] for e in doc["entities"] if "Tren de Aragua" in e["names"]} for doc in docs]
    assert all(len(k) == 1 for k in keys) and keys[0] == keys[1]
    assert all("key" in e for doc in docs for e in doc["entities"] + doc["events"])
    streamed = _lines(runner.invoke(app, ["extract", "--no-resolve", str(tmp_path)]).stdout)
    assert not any("key" in e for doc in streamed for e in doc["entities"])


def test_extract_reads_folders_recursively(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.md").write_text(EN, encoding="utf-8")
    (tmp_path / "two.txt").write_text(ES, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(d["doc_id"] for d in _lines(result.stdout)) == ["one.md", "two.txt"]


def test_extract_reads_stdin_as_jsonl_or_text(runner: CliRunner) -> None:
    jsonl = json.dumps({"id": "in-1", "text": EN}) + "\n"
    result = runner.invoke(app, ["extract", "-"], input=jsonl)
    assert result.exit_code == 0, result.output
    assert [d["doc_id"] for d in _lines(result.stdout)] == ["in-1"]
    result = runner.invoke(app, ["extract", "-"], input=ES)
    assert result.exit_code == 0, result.output
    assert [(d["doc_id"], d["lang"]) for d in _lines(result.stdout)] == [("stdin", "es")]


def test_extract_bad_inputs_are_named_and_the_batch_goes_on(runner: CliRunner, tmp_path: Path) -> None:
    records = tmp_path / "mixed.jsonl"
    records.write_text(
        "\n".join(
            [
                json.dumps({"id": "ok-1", "text": EN}),
                "{not json",
                json.dumps({"id": "blank", "text": "   "}),
                json.dumps({"id": "no-text"}),
                json.dumps({"id": "ok-2", "text": ES}),
            ]
        ),
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_text("\n", encoding="utf-8")
    result = runner.invoke(
        app, ["extract", str(records), str(tmp_path / "missing.txt"), str(tmp_path / "empty.txt")]
    )
    assert result.exit_code == 1
    assert [d["doc_id"] for d in _lines(result.stdout)] == ["ok-1", "ok-2"]
    assert f"{records}#line 2: invalid JSON" in result.stderr
    assert f"{records}#line 3: record has an empty 'text' field" in result.stderr
    assert f"{records}#line 4: record has no 'text' field" in result.stderr
    assert "missing.txt: no such file or folder" in result.stderr
    assert "empty.txt: empty text" in result.stderr
    assert "5 failed" in result.stderr


def test_extract_reads_other_formats_through_ingestion(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(f"<html><head><title>Raid</title></head><body><p>{EN}</p></body></html>", "utf-8")
    (tmp_path / "photo.xyz").write_bytes(b"\x89PNG")
    result = runner.invoke(app, ["extract", str(page), str(tmp_path / "photo.xyz")])
    assert result.exit_code == 1
    (doc,) = _lines(result.stdout)
    assert doc["doc_id"] == "report.html" and doc["lang"] == "en"
    assert "photo.xyz: unknown format" in result.stderr


def test_extract_leaves_out_a_date_it_cannot_read(runner: CliRunner) -> None:
    record = {"id": "d-1", "text": EN, "published": "sometime soon", "lang": "en-GB"}
    result = runner.invoke(app, ["extract", "-"], input=json.dumps(record) + "\n")
    assert result.exit_code == 0, result.output
    (doc,) = _lines(result.stdout)
    assert doc["published"] is None and doc["lang"] == "en"
    assert "warning: stdin line 1: published date 'sometime soon' not understood" in result.stderr


def test_extract_flags_unsupported_language_without_failing(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", "-"], input=json.dumps({"id": "fr-1", "text": FR}) + "\n")
    assert result.exit_code == 0, result.output
    (doc,) = _lines(result.stdout)
    assert doc["entities"] == [] and doc["warnings"]
    assert "fr-1" in result.stderr and "not analysed" in result.stderr


def test_extract_survives_an_extractor_failing_on_one_text(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = extract_cmd.analyze_many

    def flaky(texts, **kwargs):  # type: ignore[no-untyped-def]
        texts = list(texts)
        if any("boom" in x.text for x in texts):
            raise RuntimeError("extractor bug")
        return real(texts, **kwargs)

    monkeypatch.setattr(extract_cmd, "analyze_many", flaky)
    lines = [json.dumps({"id": "a", "text": EN}), json.dumps({"id": "b", "text": "boom " + EN})]
    result = runner.invoke(app, ["extract", "-"], input="\n".join(lines))
    assert result.exit_code == 1
    assert [d["doc_id"] for d in _lines(result.stdout)] == ["a"]
    assert "b: analysis failed: RuntimeError: extractor bug" in result.stderr


def test_extract_needs_inputs_or_store(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract"])
    assert result.exit_code == 2
    assert "--store" in result.stderr
    result = runner.invoke(app, ["--db", str(tmp_path / "p.db"), "extract", "--store", "x.txt"])
    assert result.exit_code == 2
    assert "pista ingest" in result.stderr


def test_read_inputs_keeps_record_fields(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text(
        json.dumps({"id": 12, "text": EN, "lang": "en", "published": "5 March 2023"}) + "\n", "utf-8"
    )
    assert list(read_inputs([str(path)])) == [Text(EN, "en", "2023-03-05", "12")]
    assert list(read_inputs([str(tmp_path / "nope")])) == [
        BadInput(str(tmp_path / "nope"), "no such file or folder")
    ]


def test_table_reads_like_a_summary() -> None:
    analysis = Analysis(
        doc_id="r-1",
        lang="en",
        published="2023-03-05",
        entities=[
            Entity("e1", "person", ["Juan Carlos Pérez", "El Flaco"], role="criminal"),
            Entity("e2", "organization", ["Tren de Aragua"], subtype="criminal_group", country="VE"),
            Entity("e3", "location", ["Lima"], subtype="city", country="PE"),
            Entity("e4", "organization", ["Peruvian National Police"], subtype="agency", country="PE"),
        ],
        relations=[Relation("leader_of", "e1", "e2")],
        crimes=[Crime("e2", "drug_trafficking")],
        events=[
            Event("v1", "operation", "2023-03-03", "e3", ["e4"], ["e2"], arrested=13, seized=["firearm"])
        ],
        claims=[Claim("e2", 5000, qualifier="about", location="e3")],
    )
    buffer = io.StringIO()
    print_analysis(Console(file=buffer, width=200), analysis)
    out = buffer.getvalue()
    assert "Juan Carlos Pérez —leader_of→ Tren de Aragua" in out
    assert "Tren de Aragua: drug trafficking" in out
    assert (
        "operation 2023-03-03 in Lima — arrested 13; by Peruvian National Police; against Tren de Aragua"
        in out
    )
    assert "seized firearm" in out
    assert "Tren de Aragua: member count about 5,000 in Lima" in out
    assert "El Flaco" in out and "criminal_group" in out


def test_extract_table_format(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", "-", "--format", "table"], input=EN)
    assert result.exit_code == 0, result.output
    assert "stdin" in result.stdout and "Entities" in result.stdout


# -- the store ------------------------------------------------------------------


@pytest.fixture
def engines() -> Iterator[list[Engine]]:
    opened: list[Engine] = []
    yield opened
    for engine in opened:
        engine.dispose()


def _ingest(db_url: str, texts: list[tuple[str, str]], engines: list[Engine]) -> DocumentStore:
    store = DocumentStore(connect(db_url))
    engines.append(store.engine)
    with store.engine.begin() as conn:
        for i, (text, lang) in enumerate(texts):
            store.add(
                conn,
                text=text,
                source=SourceInfo("test", f"doc{i}.txt"),
                lang=lang,
                lang_supported=lang in ("en", "es"),
                published="2023-03-05",
            )
    return store


def test_extract_store_analyses_new_documents_once(
    runner: CliRunner, db_url: str, engines: list[Engine]
) -> None:
    store = _ingest(db_url, [(EN, "en"), (ES, "es"), (FR, "fr")], engines)
    result = runner.invoke(app, ["--db", db_url, "extract", "--store"])
    assert result.exit_code == 0, result.output
    assert "Analysed 2 documents (1 skipped: language)" in result.stdout
    stored = dict(store.analyses())
    assert len(stored) == 2
    for doc in store.documents():
        if doc.lang == "fr":
            continue
        version, analysis = load_analysis(store.engine, doc.id) or ("", None)
        assert version == extract_cmd.EXTRACTOR_VERSION
        assert analysis is not None and analysis.doc_id == doc.id and analysis.lang == doc.lang
        assert analysis.published == "2023-03-05"
    result = runner.invoke(app, ["--db", db_url, "extract", "--store"])
    assert result.exit_code == 0, result.output
    assert "Analysed 0 documents (1 skipped: language)" in result.stdout


def test_extract_store_redoes_stale_analyses(
    runner: CliRunner, db_url: str, monkeypatch: pytest.MonkeyPatch, engines: list[Engine]
) -> None:
    store = _ingest(db_url, [(EN, "en"), (ES, "es")], engines)
    assert runner.invoke(app, ["--db", db_url, "extract", "--store"]).exit_code == 0
    assert count_unanalysed(store.engine, extract_cmd.EXTRACTOR_VERSION) == 0
    # an analysis of another text (the hash differs) is redone
    with store.engine.begin() as conn:
        conn.execute(
            update(t.analyses)
            .where(t.analyses.c.document_id == next(store.documents()).id)
            .values(content_hash="old")
        )
    result = runner.invoke(app, ["--db", db_url, "extract", "--store"])
    assert "Analysed 1 documents (0 skipped: language)" in result.stdout
    # a new extractor version redoes everything
    monkeypatch.setattr(extract_cmd, "EXTRACTOR_VERSION", "9.9.9")
    result = runner.invoke(app, ["--db", db_url, "extract", "--store"])
    assert "Analysed 2 documents (0 skipped: language)" in result.stdout
    assert {load_analysis(store.engine, d.id)[0] for d in store.documents()} == {"9.9.9"}  # type: ignore[index]
