"""Peak memory of reading and ingesting a large JSON-lines file: it streams, so it stays flat.

Writes a JSON-lines file of about ``--mb`` megabytes from the synthetic corpus (reports
repeated with new ids and a numbered closing line, so every record is a new document),
then, each in a fresh process, reads it record by record (``iter_records``) and ingests it
into a new SQLite store (``pista ingest``), and reports each process's peak resident memory.

    python -m benchmarks.ingest_memory [--mb 20 200]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from itertools import cycle
from pathlib import Path

from benchmarks.generate import generate_corpus

POOL = 2000  # distinct generated reports, cycled to reach the size asked for


@dataclass(frozen=True)
class StreamResult:
    step: str
    file_mb: float
    records: int
    seconds: float
    peak_rss_mb: float


def write_file(path: Path, megabytes: float, seed: int = 0) -> int:
    """A JSON-lines file of about ``megabytes`` MB; returns its number of records."""
    limit = int(megabytes * 1_000_000)
    pool = list(generate_corpus(POOL, seed))
    written = count = 0
    with path.open("w", encoding="utf-8") as fh:
        for record in cycle(pool):
            if written >= limit:
                break
            count += 1
            line = json.dumps(
                {
                    "id": f"big-{count:07d}",
                    "lang": record.lang,
                    "published": record.published,
                    "text": f"{record.text}\n\n(Ref. {count:07d}.)",
                },
                ensure_ascii=False,
            )
            fh.write(line + "\n")
            written += len(line.encode("utf-8")) + 1
    return count


def _peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from a parent)."""
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB, where /proc is absent


def _child_read(path: Path) -> dict[str, float]:
    from pista.ingest import iter_records

    start = time.perf_counter()
    count = sum(1 for _ in iter_records(path))
    return {"records": count, "seconds": time.perf_counter() - start, "peak_rss_mb": _peak_rss_mb()}


def _child_ingest(path: Path, db: Path) -> dict[str, float]:
    from pista.ingest import IngestOptions, ingest_paths
    from pista.store import DocumentStore, connect

    store = DocumentStore(connect(str(db)))
    start = time.perf_counter()
    report = ingest_paths(store, [path], IngestOptions(source="bench"))
    seconds = time.perf_counter() - start
    store.engine.dispose()
    return {"records": report.new_documents, "seconds": seconds, "peak_rss_mb": _peak_rss_mb()}


def _in_child(*args: str) -> dict[str, float]:
    """Run one step in a fresh Python process; its last stdout line is the JSON result."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.ingest_memory", "--child", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def measure(sizes_mb: list[float], seed: int = 0) -> list[StreamResult]:
    """Peak memory of reading, then of ingesting, a file of each size (MB)."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes_mb:
            path = Path(tmp) / f"corpus-{size:g}mb.jsonl"
            write_file(path, size, seed)
            mb = path.stat().st_size / 1_000_000
            for step, args in (
                ("read (iter_records)", ("read", str(path))),
                ("pista ingest (SQLite)", ("ingest", str(path), str(Path(tmp) / f"store-{size:g}.db"))),
            ):
                got = _in_child(*args)
                results.append(
                    StreamResult(step, mb, int(got["records"]), got["seconds"], got["peak_rss_mb"])
                )
            path.unlink()
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Peak memory of streaming a large JSON-lines file.")
    parser.add_argument("--mb", type=float, nargs="+", default=[20, 200], help="file sizes in MB")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        step, *rest = args.child
        result = _child_read(Path(rest[0])) if step == "read" else _child_ingest(Path(rest[0]), Path(rest[1]))
        print(json.dumps(result))
        return
    for r in measure(args.mb, args.seed):
        print(json.dumps(asdict(r)))


if __name__ == "__main__":
    main()
