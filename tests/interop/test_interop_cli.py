from __future__ import annotations

import json
from pathlib import Path

from interop_samples import MAPPING, MESSY_CSV, watchlist, write
from typer.testing import CliRunner

from pista.cli import app


def test_import_resolve_xref_export(tmp_path: Path) -> None:
    runner = CliRunner()
    db = ["--db", str(tmp_path / "s.db")]
    result = runner.invoke(
        app,
        [
            *db,
            "import",
            "records",
            str(write(tmp_path, "a.csv", MESSY_CSV)),
            "--mapping",
            str(write(tmp_path, "m.yml", MAPPING)),
        ],
    )
    assert result.exit_code == 1  # two rows refused, the rest kept
    assert "row 5" in result.output and "3 documents" in result.output
    result = runner.invoke(app, [*db, "import", "ftm", str(watchlist(tmp_path)), "--source", "watchlist"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, [*db, "resolve"]).exit_code == 0
    result = runner.invoke(app, [*db, "xref", "--against", "watchlist", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["list_id"] for r in rows] == ["wl-1"]
    assert runner.invoke(app, [*db, "xref", "--against", "missing"]).exit_code == 2
    result = runner.invoke(app, [*db, "export", "--format", "ftm", "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 0 and (tmp_path / "o.jsonl").stat().st_size > 0
    result = runner.invoke(app, [*db, "export", "--format", "i2", "--out", str(tmp_path / "i2")])
    assert result.exit_code == 0 and (tmp_path / "i2" / "links.csv").exists()


def test_missing_mapping_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "--db",
            str(tmp_path / "s.db"),
            "import",
            "records",
            str(tmp_path / "a.csv"),
            "--mapping",
            str(tmp_path / "none.yml"),
        ],
    )
    assert result.exit_code == 2 and "none.yml" in result.output
