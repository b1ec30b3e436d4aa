"""What a worker runs: analyse one batch of texts, losing only the texts that fail."""

from __future__ import annotations

from dataclasses import dataclass

from pista.documents import Analysis
from pista.extract import Text, analyze_many


@dataclass(frozen=True)
class Failure:
    """A text the extractors could not analyse, and why."""

    doc_id: str
    reason: str


def analyse_texts(texts: list[Text]) -> list[Analysis | Failure]:
    """Analyse a batch in one spaCy pass; when that fails, text by text so only the culprit is lost.

    Results come in the order of ``texts``. The models are those of the worker process
    (``pista.extract.pipeline.load_model`` caches them), loaded by ``ModelPreload``.
    """
    try:
        return list(analyze_many(texts, batch_size=max(len(texts), 1)))
    except Exception:  # one bad text must not cost the whole batch
        pass
    out: list[Analysis | Failure] = []
    for item in texts:
        try:
            out.append(next(analyze_many([item])))
        except Exception as exc:
            out.append(Failure(item.doc_id or "?", f"analysis failed: {type(exc).__name__}: {exc}"))
    return out


def encode(analysis: Analysis) -> str:
    """An analysis as the JSON text the store keeps."""
    return analysis.to_json()


def analyse_texts_json(texts: list[Text]) -> list[str | Failure]:
    """``analyse_texts`` with each analysis already encoded as the JSON text the store keeps.

    Encoding on the worker spares the client (which shares the machine with the workers
    of a local cluster) and sends one string per document instead of a pickled object graph.
    """
    return [item if isinstance(item, Failure) else encode(item) for item in analyse_texts(texts)]
