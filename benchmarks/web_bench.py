"""Latency of the analyst pages over a store of generated reports, served over loopback.

Builds a SQLite store of ``--docs`` generated reports (``benchmarks.generate``) whose gold
analyses are stored directly (no extraction), resolves it, serves it with uvicorn on
127.0.0.1 and times, with httpx, the entity page, the search API and a two-hop graph
neighbourhood; prints p50 and p95 per request kind (target: p95 under 150 ms).

    python -m benchmarks.web_bench [--docs 10000] [--requests 200] [--db PATH]
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import select

from benchmarks.generate import generate_corpus
from pista.documents import Analysis
from pista.resolve.service import resolve_store
from pista.store import DocumentStore, connect
from pista.store import schema as t
from pista.store.documents import SourceInfo, content_hash
from pista.web import create_app

TARGET_P95_MS = 150.0


def build_store(db: Path, n: int, seed: int) -> None:
    engine = connect(str(db))
    store = DocumentStore(engine)
    started = time.perf_counter()
    batch: list[tuple[dict[str, object], Analysis]] = []

    def flush() -> None:
        with engine.begin() as conn:
            for data, analysis in batch:
                text = str(data["text"])
                added = store.add(
                    conn,
                    text=text,
                    source=SourceInfo("generated", f"generated/{data['id']}", publisher_kind="press"),
                    title=f"Report {data['id']}",
                    lang=str(data["lang"]),
                    lang_supported=True,
                    published=str(data["published"]),
                )
                analysis.doc_id = added.document_id
                store.save_analysis(conn, added.document_id, content_hash(text), "bench", analysis)
        batch.clear()

    for record in generate_corpus(n, seed):
        data = record.to_dict()
        for e in data.get("entities") or []:
            e.pop("ref", None)
        for i, ev in enumerate(data.get("events") or []):
            ev.setdefault("id", f"v{i + 1}")
            ev.pop("event_ref", None)
        batch.append((data, Analysis.from_dict(data)))
        if len(batch) >= 500:
            flush()
    flush()
    print(f"stored {n} documents with analyses in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    outcome = resolve_store(engine, actor="bench")
    print(f"{outcome.summary()} in {time.perf_counter() - started:.1f} s")
    engine.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(client: httpx.Client, urls: list[str]) -> list[float]:
    out = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        out.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--db", type=Path, help="reuse (or create) this store instead of a temporary one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pista-web-bench-") as tmp:
        db = args.db or Path(tmp) / "bench.db"
        if not db.exists():
            build_store(db, args.docs, args.seed)
        app = create_app(str(db), auth_required=False)
        engine = app.state.engine
        with engine.connect() as conn:
            rows = conn.execute(
                select(t.resolved_entities.c.key, t.resolved_entities.c.canonical, t.resolved_entities.c.type)
                .where(t.resolved_entities.c.type.in_(("person", "organization")))
                .order_by(t.resolved_entities.c.n_documents.desc())
            ).all()
        rng = random.Random(args.seed)
        # Half the requests on the most reported entities (the heavy pages), half at random.
        heavy, rest = rows[:20], rows[20:] or rows
        sample = [rng.choice(heavy) if i % 2 else rng.choice(rest) for i in range(args.requests)]
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        kinds: dict[str, Callable[[tuple[str, str, str]], str]] = {
            "entity page": lambda r: f"/entities/{r[0]}",
            "search": lambda r: f"/api/search?q={r[1].split()[-1]}",
            "graph, 2 hops": lambda r: f"/api/graph/{r[0]}?depth=2",
        }
        results = {}
        with httpx.Client(
            base_url=f"http://127.0.0.1:{port}", timeout=60, headers={"accept": "text/html"}
        ) as client:
            started = time.perf_counter()
            client.get(f"/api/graph/{rows[0][0]}")  # builds the relation index once
            print(f"relation index built in {time.perf_counter() - started:.1f} s")
            for name, url in kinds.items():
                urls = [url(r) for r in sample]
                timed(client, urls[:10])  # warm-up
                results[name] = timed(client, urls)
        server.should_exit = True
        thread.join(timeout=10)
    print(
        f"\n{'request':<16}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}  target p95 < {TARGET_P95_MS:.0f} ms"
    )
    for name, values in results.items():
        p95 = percentile(values, 0.95)
        flag = "ok" if p95 < TARGET_P95_MS else "SLOW"
        print(
            f"{name:<16}{len(values):>6}{statistics.median(values):>10.1f}{p95:>10.1f}{max(values):>10.1f}  {flag}"
        )


if __name__ == "__main__":
    main()
