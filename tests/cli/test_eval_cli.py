"""``pista eval``: pista and the spaCy baseline scored on a gold folder, side by side."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pista.baseline import baseline_many
from pista.cli import app
from pista.extract import Text

GOLD_TINY = Path(__file__).parents[1] / "fixtures" / "gold_tiny"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_eval_json_scores_pista_and_baseline(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "analyses.jsonl"
    result = runner.invoke(app, ["eval", str(GOLD_TINY), "--json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["documents"] == 3
    for who in ("pista", "baseline"):
        assert report[who]["documents"] == 3
        assert report[who]["missing_documents"] == []
        assert report[who]["entity"]["gold"] == 11
    baseline = report["baseline"]
    assert baseline["entity"]["sys"] > 0
    for section in ("relation", "crime", "event", "claim"):
        assert baseline[section]["sys"] == 0
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["doc_id"] for d in written] == ["t-001", "t-002", "t-003"]
    # The gold texts are resolved as one corpus: every entity carries a key, section 7 is scored.
    assert all("key" in e for d in written for e in d["entities"])
    assert report["pista"]["resolution_b3"]["items"] > 0
    assert report["baseline"]["resolution_b3"]["items"] > 0


def test_eval_table_shows_sections_side_by_side(runner: CliRunner) -> None:
    result = runner.invoke(app, ["eval", str(GOLD_TINY)])
    assert result.exit_code == 0, result.output
    table = result.stdout
    for label in ("entities", "persons", "organizations", "locations", "relations", "leader_of", "crimes",
                  "events", "arrested acc.", "claims", "pista P", "spaCy P", "3 documents"):  # fmt: skip
        assert label in table, label
    assert "entity F1" in result.stderr


def test_eval_rejects_missing_or_invalid_gold(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    result = runner.invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 2
    assert "no *.json" in result.stderr
    broken = tmp_path / "gold"
    shutil.copytree(GOLD_TINY, broken)
    (broken / "t-002.json").write_text('{"doc_id": "t-002", "text": "x", "entities": {}}', encoding="utf-8")
    result = runner.invoke(app, ["eval", str(broken)])
    assert result.exit_code == 2
    assert "t-002.json: 'entities' must be a list" in result.stderr


def test_baseline_is_one_entity_per_mention_text() -> None:
    text = "Juan Pérez met Juan Pérez in Lima. The Tren de Aragua operates in Lima and Bogotá."
    (analysis,) = baseline_many([Text(text, "en", None, "b-1")])
    names = [e.names[0] for e in analysis.entities]
    assert len(names) == len(set(names))
    lima = next(e for e in analysis.entities if e.names == ["Lima"])
    assert lima.type == "location" and len(lima.mentions) == 2
    assert not analysis.relations and not analysis.events and not analysis.crimes
    assert {e.type for e in analysis.entities} <= {"person", "organization", "location"}
