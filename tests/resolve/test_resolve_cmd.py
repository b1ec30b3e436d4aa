"""``pista resolve``, ``review``, ``judge``, ``split`` and ``judgements`` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from resolve_samples import sample_corpus, store_with
from typer.testing import CliRunner

from pista.cli import app
from pista.store import connect
from pista.store.resolution import ResolutionStore


def _keys(db: str) -> dict[tuple[str, str], str]:
    engine = connect(db)
    try:
        return ResolutionStore(engine).entity_keys()
    finally:
        engine.dispose()


@pytest.fixture
def db(tmp_path: Path) -> tuple[str, dict[str, str]]:
    path = str(tmp_path / "pista.db")
    return path, store_with(path, sample_corpus())


def test_resolve_prints_the_summary(db: tuple[str, dict[str, str]]) -> None:
    path, _ = db
    result = CliRunner().invoke(app, ["--db", path, "resolve"])
    assert result.exit_code == 0, result.output
    assert "Resolved 7 mentions into 4 entities and 0 events (" in result.output


def test_review_judge_withdraw_split_and_list(
    db: tuple[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, ids = db
    runner = CliRunner()
    monkeypatch.setenv("USER", "marta")
    assert runner.invoke(app, ["--db", path, "resolve"]).exit_code == 0
    review = runner.invoke(app, ["--db", path, "review", "--limit", "5", "--json"])
    assert review.exit_code == 0
    keys = _keys(path)
    a, c = keys[(ids["a"], "q")], keys[(ids["c"], "p")]
    assert a != c

    judged = runner.invoke(app, ["--db", path, "judge", a, c, "--same"])
    assert judged.exit_code == 0, judged.output
    assert "Judgement 1" in judged.output and "Resolved 7 mentions into 3 entities" in judged.output
    keys = _keys(path)
    assert keys[(ids["a"], "q")] == keys[(ids["c"], "p")]

    listed = runner.invoke(app, ["--db", path, "judgements", "--json"])
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert rows[0]["user"] == "marta" and rows[0]["judgement"] == "same" and rows[0]["withdrawn_at"] is None

    withdrawn = runner.invoke(app, ["--db", path, "judge", "--withdraw", "1", "--user", "pablo"])
    assert withdrawn.exit_code == 0, withdrawn.output
    keys = _keys(path)
    assert keys[(ids["a"], "q")] != keys[(ids["c"], "p")]

    police = keys[(ids["a"], "o")]
    split = runner.invoke(app, ["--db", path, "split", police])
    assert split.exit_code == 0, split.output
    keys = _keys(path)
    assert len({keys[(ids[d], "o")] for d in "abc"}) == 3

    table = runner.invoke(app, ["--db", path, "judgements"])
    assert table.exit_code == 0
    assert "split" in table.output and "same" in table.output


def test_judge_usage_errors_exit_non_zero(db: tuple[str, dict[str, str]]) -> None:
    path, _ = db
    runner = CliRunner()
    runner.invoke(app, ["--db", path, "resolve"])
    assert runner.invoke(app, ["--db", path, "judge", "per-x", "per-y"]).exit_code == 1
    assert runner.invoke(app, ["--db", path, "judge", "per-x", "per-y", "--same"]).exit_code == 1
    assert runner.invoke(app, ["--db", path, "judge", "--withdraw", "99"]).exit_code == 1


def test_review_lists_uncertain_pairs_with_evidence(tmp_path: Path) -> None:
    from resolve_samples import doc, person

    path = str(tmp_path / "pista.db")
    store_with(
        path,
        [
            doc("a", person("p", "Guerrero", role="criminal"), person("x", "Rosa Linares Tapia")),
            doc(
                "b", person("p", "Héctor Guerrero Flores", role="criminal"), person("x", "Rosa Linares Tapia")
            ),
            doc("c", person("p", "Ana Ruiz")),
            doc("d", person("p", "Luis Ruiz")),
        ],
    )
    runner = CliRunner()
    runner.invoke(app, ["--db", path, "resolve"])
    result = runner.invoke(app, ["--db", path, "review", "--limit", "3"])
    assert result.exit_code == 0, result.output
    assert "surname_only" in result.output
    assert "Guerrero" in result.output and "was named in this report" in result.output
