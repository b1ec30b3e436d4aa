"""Large JSON-lines and CSV inputs are read record by record, never whole into memory."""

from __future__ import annotations

import csv
import json
import tracemalloc
from pathlib import Path

from pista.ingest import BadRecord, RawRecord, iter_records

RECORDS = 40
RECORD_CHARS = 100_000  # 40 records of 100 kB: a 4 MB file


def _text(n: int) -> str:
    sentence = f"Report {n}: the police arrested members of a gang in the port district. "
    return (sentence * (RECORD_CHARS // len(sentence) + 1))[:RECORD_CHARS]


def _peak_while_reading(path: Path) -> tuple[int, int]:
    """Records read and the peak of memory allocated while reading them one at a time.

    A first pass warms the readers' caches (date words, language data), loaded once per process.
    """
    for _ in iter_records(path):
        break
    tracemalloc.start()
    try:
        count = 0
        for record in iter_records(path):
            assert isinstance(record, RawRecord)
            count += 1
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_jsonl_is_read_one_record_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for n in range(RECORDS):
            fh.write(json.dumps({"id": f"r{n}", "text": _text(n)}) + "\n")
    count, peak = _peak_while_reading(path)
    assert count == RECORDS
    assert peak < path.stat().st_size / 4, f"peak {peak} bytes for a {path.stat().st_size}-byte file"


def test_csv_is_read_one_record_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text"])
        for n in range(RECORDS):
            writer.writerow([f"r{n}", _text(n)])
    count, peak = _peak_while_reading(path)
    assert count == RECORDS
    assert peak < path.stat().st_size / 4, f"peak {peak} bytes for a {path.stat().st_size}-byte file"


def test_records_come_before_the_end_of_the_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "growing.jsonl"
    path.write_text(json.dumps({"id": "first", "text": _text(0)}) + "\n", encoding="utf-8")
    records = iter_records(path)
    first = next(records)
    assert isinstance(first, RawRecord)
    with path.open("a", encoding="utf-8") as fh:  # written after the first record was handed out
        fh.write("not json\n")
    rest = list(records)
    assert len(rest) == 1 and isinstance(rest[0], BadRecord) and "invalid JSON" in rest[0].reason
