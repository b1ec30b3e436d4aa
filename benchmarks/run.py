"""``make bench``: the extraction speed benchmark on the synthetic corpus.

python -m benchmarks.run [--docs 500] [--seed 0]
"""

from __future__ import annotations

import argparse

from benchmarks.extract_speed import measure
from benchmarks.generate import generate_corpus
from pista.extract import Text


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Words per second of spaCy alone and of pista.")
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=1, help="timed rounds; the fastest of each counts")
    args = parser.parse_args(argv)
    texts = [Text(r.text, r.lang, r.published, r.id) for r in generate_corpus(args.docs, args.seed)]
    for line in measure(texts, rounds=args.rounds).lines():
        print(line)


if __name__ == "__main__":
    main()
