"""``pista ingest``: exit status, one line per failure on stderr, the summary on stdout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fpdf import FPDF
from typer.testing import CliRunner

from pista.cli import app

TEXT = "Police in Quito arrested seven suspected members of a gang accused of extortion and kidnapping."
TEXTO = (
    "La policía de Quito capturó a siete presuntos miembros de una banda acusada de extorsión y secuestro."
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "pista.db")


def scanned_pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    pdf.output(str(path))
    return path


def run(runner: CliRunner, db: str, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["--db", db, "ingest", *args], env=env)


def test_good_files_exit_zero_with_summary(runner: CliRunner, db: str, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "b.jsonl").write_text(json.dumps({"id": "1", "text": TEXTO}) + "\n", encoding="utf-8")
    result = run(runner, db, str(tmp_path / "in"), "--publisher-kind", "police", "--reliability", "B")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Ingested 2 new documents (0 already known, 0 new sources; 0 failed)"
    assert result.stderr == ""
    again = run(runner, db, str(tmp_path / "in"), "--source", "mirror")
    assert again.stdout.strip() == "Ingested 0 new documents (2 already known, 2 new sources; 0 failed)"
    listing = runner.invoke(app, ["--db", db, "documents", "--format", "json"])
    rows = [json.loads(line) for line in listing.stdout.splitlines()]
    assert {s["publisher_kind"] for r in rows for s in r["sources"]} == {"police", "other"}


def test_bad_files_give_one_line_each_and_exit_one(runner: CliRunner, db: str, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(TEXT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (folder / "latin.txt").write_bytes(TEXTO.encode("latin-1"))
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    scanned_pdf(folder / "scan.pdf")
    (folder / "rows.jsonl").write_text(
        '{"id": "ok", "text": "A fine record about a seizure of cocaine in the port."}\n{broken\n',
        encoding="utf-8",
    )
    result = run(runner, db, str(folder))
    assert result.exit_code == 1
    assert result.stdout.strip() == "Ingested 2 new documents (0 already known, 0 new sources; 6 failed)"
    lines = result.stderr.splitlines()
    assert lines == [
        f"error: {folder / 'empty.txt'}: empty file",
        f"error: {folder / 'junk.txt'}: binary data, not text (NUL byte at offset 0)",
        f"error: {folder / 'latin.txt'}: not valid UTF-8 at byte offset {TEXTO.index('í')} (0xED); "
        "if the file uses another encoding, pass it with --encoding (e.g. --encoding latin-1)",
        f"error: {folder / 'photo.jpg'}: unknown format ('.jpg'); known: .csv, .docx, .eml, .htm, .html, "
        ".jsonl, .markdown, .md, .ndjson, .pdf, .text, .tsv, .txt, .xhtml",
        f"error: {folder / 'rows.jsonl'}#line 2: invalid JSON (Expecting property name enclosed in double "
        "quotes at column 2)",
        f"error: {folder / 'scan.pdf'}: no text layer (scanned?); run OCR on it first",
    ]
    stats = runner.invoke(app, ["--db", db, "stats", "--format", "json"])
    assert json.loads(stats.stdout)["ingest_errors"] == 6


def test_encoding_option_fixes_latin1(runner: CliRunner, db: str, tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(TEXTO.encode("latin-1"))
    assert run(runner, db, str(path)).exit_code == 1
    result = run(runner, db, str(path), "--encoding", "latin-1")
    assert result.exit_code == 0
    assert "Ingested 1 new documents" in result.stdout


def test_max_bytes_option_and_environment(runner: CliRunner, db: str, tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(TEXT * 20, encoding="utf-8")
    result = run(runner, db, str(path), "--max-bytes", "1K")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"error: {path}: file is {len(TEXT) * 20} bytes, over the limit of 1024 (raise --max-bytes or PISTA_MAX_BYTES)"
    )
    assert run(runner, db, str(path), env={"PISTA_MAX_BYTES": "100"}).exit_code == 1
    assert run(runner, db, str(path), env={"PISTA_MAX_BYTES": "1MB"}).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--max-bytes", "lots"], "not a size: 'lots'"),
        (["--encoding", "nope-8"], "unknown encoding 'nope-8'"),
    ],
)
def test_wrong_option_values_exit_two(runner: CliRunner, db: str, tmp_path: Path, args, message) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = run(runner, db, str(path), *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_unknown_publisher_kind_is_a_usage_error(runner: CliRunner, db: str, tmp_path: Path) -> None:
    result = run(runner, db, str(tmp_path), "--publisher-kind", "blog")
    assert result.exit_code == 2


def test_unsupported_language_is_mentioned(runner: CliRunner, db: str, tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_text(
        "La police de Marseille a arrêté sept membres présumés d'un réseau de trafic de drogue.",
        encoding="utf-8",
    )
    result = run(runner, db, str(path))
    assert result.exit_code == 0
    assert "1 new documents are not in English or Spanish" in result.stdout


def test_missing_path_exits_one(runner: CliRunner, db: str, tmp_path: Path) -> None:
    result = run(runner, db, str(tmp_path / "nope.txt"))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {tmp_path / 'nope.txt'}: no such file or folder"
