"""``pista bench``: timing benchmarks on the synthetic corpus (needs the source checkout)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import typer

from pista.cli.app import app, console
from pista.extract import Text

bench_app = typer.Typer(
    help="Benchmarks on a synthetic corpus (run from a source checkout).", no_args_is_help=True
)
app.add_typer(bench_app, name="bench")

# src/pista/cli/bench_cmd.py -> the repository root, where benchmarks/ lives.
CHECKOUT = Path(__file__).resolve().parents[3]


def benchmark_module(module: str) -> ModuleType:
    """Import ``benchmarks.<module>`` from the checkout; exit with a clear message without it."""
    if not (CHECKOUT / "benchmarks" / f"{module}.py").is_file():
        console.print(
            f"[red]error:[/red] benchmarks/{module}.py not found beside {CHECKOUT / 'src'}: "
            "pista bench runs from a source checkout (pip install -e .)"
        )
        raise typer.Exit(2)
    if str(CHECKOUT) not in sys.path:
        sys.path.insert(0, str(CHECKOUT))
    return importlib.import_module(f"benchmarks.{module}")


@bench_app.command("extract")
def bench_extract(
    docs: int = typer.Option(500, "--docs", min=1, help="Documents to generate and time"),
    seed: int = typer.Option(0, "--seed", help="Seed of the synthetic corpus"),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Texts per spaCy batch"),
    rounds: int = typer.Option(1, "--rounds", min=1, help="Timed rounds; the fastest of each counts"),
) -> None:
    """Words per second of plain spaCy nlp.pipe and of pista's analyze_many, and their ratio."""
    generate = benchmark_module("generate")
    speed = benchmark_module("extract_speed")
    texts = [Text(r.text, r.lang, r.published, r.id) for r in generate.generate_corpus(docs, seed)]
    console.print(f"Timing {len(texts)} synthetic reports (seed {seed}); models load before timing")
    result = speed.measure(texts, batch_size=batch_size, rounds=rounds)
    for line in result.lines():
        typer.echo(line)
