"""Extraction speed: words per second of plain spaCy and of pista over the same texts.

Both run in the same process on the same texts after a warm-up, with the pipelines
loaded before timing: spaCy's ``nlp.pipe`` alone (the floor cost of parsing), then
pista's ``analyze_many`` (parsing plus every extractor). The ratio says how much of
spaCy's speed pista keeps.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pista.extract import Text, analyze_many
from pista.extract.pipeline import load_model

TARGET_RATIO = 0.5


@dataclass(frozen=True)
class SpeedResult:
    documents: int
    words: int
    languages: dict[str, int]
    spacy_seconds: float
    pista_seconds: float
    spacy_cpu: float = 0.0
    pista_cpu: float = 0.0

    @property
    def spacy_wps(self) -> float:
        return self.words / self.spacy_seconds if self.spacy_seconds else 0.0

    @property
    def pista_wps(self) -> float:
        return self.words / self.pista_seconds if self.pista_seconds else 0.0

    @property
    def ratio(self) -> float:
        return self.pista_wps / self.spacy_wps if self.spacy_wps else 0.0

    def lines(self) -> list[str]:
        langs = ", ".join(f"{n} {lang}" for lang, n in sorted(self.languages.items()))
        verdict = "meets" if self.ratio >= TARGET_RATIO else "below"
        return [
            f"corpus: {self.documents} documents ({langs}), {self.words:,} words",
            f"spaCy nlp.pipe:     {self.spacy_wps:>10,.0f} words/s  ({self.spacy_seconds:.2f} s)",
            f"pista analyze_many: {self.pista_wps:>10,.0f} words/s  ({self.pista_seconds:.2f} s)",
            f"ratio pista/spaCy: {self.ratio:.2f} ({verdict} the target of {TARGET_RATIO})",
            f"CPU time: spaCy {self.spacy_cpu:.2f} s, pista {self.pista_cpu:.2f} s "
            f"(ratio {self.cpu_ratio:.2f}; steadier than wall time on a busy machine)",
        ]

    @property
    def cpu_ratio(self) -> float:
        return self.spacy_cpu / self.pista_cpu if self.pista_cpu else 0.0


def _spacy_pass(texts: Sequence[Text], batch_size: int) -> None:
    for lang in sorted({t.lang for t in texts if t.lang}):
        nlp = load_model(lang)
        for _ in nlp.pipe((t.text for t in texts if t.lang == lang), batch_size=batch_size):
            pass


def _pista_pass(texts: Sequence[Text], batch_size: int) -> None:
    for _ in analyze_many(texts, batch_size=batch_size):
        pass


def _timed(run: Callable[[], None]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def measure(texts: Sequence[Text], *, batch_size: int = 32, warmup: int = 16, rounds: int = 1) -> SpeedResult:
    """Time spaCy alone and pista over ``texts`` (each with its ``lang``), after a warm-up.

    With several rounds the two alternate and each keeps its fastest round, which damps the
    noise of a busy machine.
    """
    langs = Counter(t.lang or "?" for t in texts)
    for lang in langs:
        load_model(lang)
    head = list(texts[:warmup])
    _spacy_pass(head, batch_size)
    _pista_pass(head, batch_size)
    spacy_times, pista_times = [], []
    for _ in range(max(rounds, 1)):
        spacy_times.append(_timed(lambda: _spacy_pass(texts, batch_size)))
        pista_times.append(_timed(lambda: _pista_pass(texts, batch_size)))
    words = sum(len(t.text.split()) for t in texts)
    (spacy_wall, spacy_cpu), (pista_wall, pista_cpu) = min(spacy_times), min(pista_times)
    return SpeedResult(len(texts), words, dict(langs), spacy_wall, pista_wall, spacy_cpu, pista_cpu)
