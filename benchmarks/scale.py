"""Extraction throughput and peak memory: plain spaCy, pista in-process, pista on local Dask.

Each measurement runs in a fresh Python process so its peak resident memory is its own:
``spacy`` (``nlp.pipe`` alone) and ``inprocess`` (``analyze_many``) time one process on one
core after loading the models and warming up, as ``benchmarks.extract_speed`` does;
``dask:N`` starts a local cluster of N worker processes of one thread, warms every worker
up, then times the corpus sent in batches (``pista.distributed.analyse_on_cluster``, each
analysis returned as JSON text as ``pista extract --store --dask`` does) and
reports the peak memory of each worker process.

    python -m benchmarks.scale spacy|inprocess|dask:2 [--docs 1000] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.extract_speed import _pista_pass, _spacy_pass
from benchmarks.generate import generate_corpus
from pista.extract import Text
from pista.extract.pipeline import load_model

BATCH = 32
WARMUP = 16


@dataclass(frozen=True)
class RunResult:
    mode: str
    documents: int
    words: int
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    worker_peak_rss_mb: list[float] = field(default_factory=list)

    @property
    def docs_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def corpus(n: int, seed: int) -> list[Text]:
    return [Text(r.text, r.lang, r.published, r.id) for r in generate_corpus(n, seed)]


def _peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited from a parent)."""
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB, where /proc is absent


def _local(mode: str, texts: list[Text]) -> RunResult:
    run = _spacy_pass if mode == "spacy" else _pista_pass
    for lang in sorted({t.lang for t in texts if t.lang}):
        load_model(lang)
    run(texts[:WARMUP], BATCH)
    wall, cpu = time.perf_counter(), time.process_time()
    run(texts, BATCH)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    words = sum(len(t.text.split()) for t in texts)
    return RunResult(mode, len(texts), words, wall, cpu, _peak_rss_mb())


def _worker_cpu_seconds() -> float:
    return time.process_time()


def _dask(workers: int, texts: list[Text]) -> RunResult:
    from pista.distributed import analyse_on_cluster, analyse_texts, analyse_texts_json, open_client
    from pista.distributed.runner import BatchLost, chunks

    with open_client(f"local:{workers}") as client:
        client.run(analyse_texts, texts[:WARMUP])  # every worker: models used once, lexicons loaded
        cpu_before = client.run(_worker_cpu_seconds)
        wall = time.perf_counter()
        done = 0
        for batch, outcome in analyse_on_cluster(client, chunks(texts, BATCH), function=analyse_texts_json):
            if isinstance(outcome, BatchLost):
                raise RuntimeError(f"a batch was lost: {outcome.reason}")
            done += len(batch)
        wall = time.perf_counter() - wall
        cpu_after = client.run(_worker_cpu_seconds)
        peaks = sorted(client.run(_peak_rss_mb).values())
    cpu = sum(cpu_after[w] - cpu_before.get(w, 0.0) for w in cpu_after)
    words = sum(len(t.text.split()) for t in texts)
    return RunResult(f"dask:{workers}", done, words, wall, cpu, _peak_rss_mb(), peaks)


def measure(mode: str, docs: int, seed: int = 0) -> RunResult:
    """One measurement in a fresh process (``spacy``, ``inprocess`` or ``dask:N``)."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale", mode, "--docs", str(docs), "--seed", str(seed)],
        check=True,
        capture_output=True,
        text=True,
    )
    data: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return RunResult(**data)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Throughput and peak memory of one extraction mode.")
    parser.add_argument("mode", help="spacy, inprocess or dask:N")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    texts = corpus(args.docs, args.seed)
    if args.mode.startswith("dask:"):
        result = _dask(int(args.mode.split(":", 1)[1]), texts)
    elif args.mode in ("spacy", "inprocess"):
        result = _local(args.mode, texts)
    else:
        parser.error(f"unknown mode {args.mode!r}")
    print(json.dumps(asdict(result)))


if __name__ == "__main__":
    main()
