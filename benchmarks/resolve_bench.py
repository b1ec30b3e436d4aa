"""Resolution cost and quality as the corpus grows.

Times ``resolve_corpus`` on the gold analyses of 2,000, 4,000 and 8,000 generated reports
(``benchmarks.generate``; the truth's ``ref``/``event_ref`` are removed first) and prints the
time growth factor per doubling (near-linear resolution stays at or below about 2.3), with
B-cubed F1 of entity keys and pairwise F1 of cross-document events against the truth.

    python -m benchmarks.resolve_bench [--sizes 2000 4000 8000] [--seed 0]
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from itertools import combinations
from typing import Any

from benchmarks.generate import generate_corpus
from pista.documents import Analysis
from pista.resolve import resolve_corpus


def corpus(n: int, seed: int) -> tuple[list[tuple[str, Analysis]], dict[Any, str], dict[Any, str | None]]:
    """The analyses without their truth, and the truth: item -> ref, event item -> event_ref."""
    analyses = []
    refs: dict[Any, str] = {}
    event_refs: dict[Any, str | None] = {}
    for record in generate_corpus(n, seed):
        data = record.to_dict()
        for e in data.get("entities") or []:
            refs[(data["doc_id"], e["id"])] = e.pop("ref", None) or f"{data['doc_id']}:{e['id']}"
        for i, ev in enumerate(data.get("events") or []):
            ev.setdefault("id", f"v{i + 1}")
            event_refs[(data["doc_id"], ev["id"])] = ev.pop("event_ref", None)
        analyses.append((data["doc_id"], Analysis.from_dict(data)))
    return analyses, refs, event_refs


def b_cubed(system: dict[Any, str], truth: dict[Any, str]) -> float:
    by_sys: dict[str, set[Any]] = defaultdict(set)
    by_true: dict[str, set[Any]] = defaultdict(set)
    for item, key in system.items():
        by_sys[key].add(item)
        by_true[truth[item]].add(item)
    p = r = 0.0
    for item, key in system.items():
        inter = len(by_sys[key] & by_true[truth[item]])
        p += inter / len(by_sys[key])
        r += inter / len(by_true[truth[item]])
    n = len(system) or 1
    p, r = p / n, r / n
    return 2 * p * r / (p + r) if p + r else 0.0


def event_f1(system: dict[Any, str], truth: dict[Any, str | None]) -> float:
    sys_pairs: set[frozenset[Any]] = set()
    true_pairs: set[frozenset[Any]] = set()
    for groups, out in ((_groups(system), sys_pairs), (_groups(truth), true_pairs)):
        for members in groups.values():
            for a, b in combinations(sorted(members), 2):
                if a[0] != b[0]:
                    out.add(frozenset((a, b)))
    tp = len(sys_pairs & true_pairs)
    p = tp / len(sys_pairs) if sys_pairs else 1.0
    r = tp / len(true_pairs) if true_pairs else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _groups(keys: dict[Any, Any]) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = defaultdict(list)
    for item, key in keys.items():
        if key is not None:
            out[key].append(item)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Resolution time per corpus size, and its quality.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000, 8000])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    resolve_corpus(corpus(50, args.seed + 1)[0])  # warm up: lexicons loaded, caches filled
    previous: float | None = None
    print(
        f"{'docs':>6} {'mentions':>9} {'entities':>9} {'events':>7} {'seconds':>8} {'growth':>7} {'B3 F1':>6} {'event F1':>8}"
    )
    for n in args.sizes:
        analyses, refs, event_refs = corpus(n, args.seed)
        start = time.perf_counter()
        result = resolve_corpus(analyses)
        seconds = time.perf_counter() - start
        growth = f"{seconds / previous:.2f}" if previous else "-"
        previous = seconds
        b3 = b_cubed(result.entity_keys, refs)
        ev = event_f1(result.event_keys, event_refs)
        print(
            f"{n:>6} {result.n_mentions:>9} {len(result.entities):>9} {len(result.events):>7} "
            f"{seconds:>8.2f} {growth:>7} {b3:>6.3f} {ev:>8.3f}"
        )


if __name__ == "__main__":
    main()
