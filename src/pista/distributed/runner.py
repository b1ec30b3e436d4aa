"""Sending batches to the workers and keeping what comes back, exactly once per document.

The client alone touches the store: it lists the documents lacking a current analysis,
sends their texts to the workers a few batches ahead, and writes each finished batch in
one transaction (``save_encoded_analyses``: one row per document, replaced, never duplicated). The
workers encode the analyses as JSON, so the client only stores strings. A
run stopped half-way leaves only whole batches behind, so running it again analyses the
rest and nothing twice. A batch whose worker dies is retried by Dask on another worker;
one that keeps killing workers is reported and left for the next run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from distributed import Client, as_completed
from sqlalchemy import Engine, select

from pista.distributed.tasks import Failure, analyse_texts, analyse_texts_json, encode
from pista.documents import Analysis, Document
from pista.extract import Text
from pista.language import detect, is_supported
from pista.store import DocumentStore
from pista.store import schema as t
from pista.store.analyses import save_encoded_analyses

BatchFunction = Callable[[list[Text]], Sequence[Analysis | str | Failure]]


@dataclass(frozen=True)
class BatchLost:
    """A batch no worker could finish (its workers died, or the task failed), and why."""

    reason: str


@dataclass
class StoreRun:
    """What one run over the store did."""

    analysed: int = 0
    skipped: int = 0
    words: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


def analyse_on_cluster(
    client: Client,
    batches: Iterable[list[Text]],
    *,
    function: BatchFunction = analyse_texts,
    ahead: int | None = None,
) -> Iterator[tuple[list[Text], Sequence[Analysis | str | Failure] | BatchLost]]:
    """Each batch with its results, in the order they finish.

    At most ``ahead`` batches are on the cluster at a time (by default twice the workers'
    threads, plus one), so the client never holds the whole corpus.
    """
    if ahead is None:
        threads = sum(client.nthreads().values()) or 1
        ahead = 2 * threads + 1
    source = iter(batches)
    queue = as_completed()
    sent: dict[object, list[Text]] = {}

    def send_next() -> None:
        batch = next(source, None)
        if batch is not None:
            future = client.submit(function, batch, pure=False)
            sent[future.key] = batch
            queue.add(future)

    for _ in range(max(ahead, 1)):
        send_next()
    for future in queue:
        batch = sent.pop(future.key)
        try:
            outcome: Sequence[Analysis | str | Failure] | BatchLost = future.result()
        except Exception as exc:  # KilledWorker, or the function itself failing
            outcome = BatchLost(f"{type(exc).__name__}: {exc}")
        future.release()
        yield batch, outcome
        send_next()


def pending_ids(engine: Engine, version: str) -> list[str]:
    """The ids of the documents lacking an analysis of their current text by ``version``, oldest first."""
    current = (
        select(t.analyses.c.document_id)
        .where(
            t.analyses.c.document_id == t.documents.c.id,
            t.analyses.c.content_hash == t.documents.c.content_hash,
            t.analyses.c.extractor_version == version,
        )
        .exists()
    )
    q = select(t.documents.c.id).where(~current).order_by(t.documents.c.created_at, t.documents.c.id)
    with engine.connect() as conn:
        return list(conn.execute(q).scalars())


def load_documents(engine: Engine, ids: Sequence[str]) -> list[Document]:
    """The documents with these ids, in the order given."""
    q = select(
        t.documents.c.id,
        t.documents.c.text,
        t.documents.c.title,
        t.documents.c.lang,
        t.documents.c.published,
        t.documents.c.url,
        t.documents.c.content_hash,
    ).where(t.documents.c.id.in_(list(ids)))
    with engine.connect() as conn:
        found = {
            row.id: Document(
                id=row.id,
                text=row.text,
                title=row.title,
                lang=row.lang,
                published=row.published,
                url=row.url,
                content_hash=row.content_hash,
            )
            for row in conn.execute(q)
        }
    return [found[i] for i in ids if i in found]


def analyse_store_on_cluster(
    client: Client,
    store: DocumentStore,
    version: str,
    *,
    batch_size: int = 32,
    function: BatchFunction = analyse_texts_json,
    on_batch: Callable[[int, int], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> StoreRun:
    """Analyse on the cluster every stored document lacking a current analysis by ``version``.

    ``on_batch(documents, words)`` is called after each batch is committed (documents
    includes those skipped for their language); ``on_failure`` for each document lost.
    """
    run = StoreRun()
    by_id: dict[str, Document] = {}

    def batches() -> Iterator[list[Text]]:
        ids = pending_ids(store.engine, version)
        for start in range(0, len(ids), batch_size):
            texts: list[Text] = []
            for doc in load_documents(store.engine, ids[start : start + batch_size]):
                lang = doc.lang if is_supported(doc.lang) else detect(doc.text)
                if not is_supported(lang):
                    run.skipped += 1
                    if on_batch:
                        on_batch(1, 0)
                    continue
                by_id[doc.id] = doc
                texts.append(Text(doc.text, lang, doc.published, doc.id))
            if texts:
                yield texts

    def fail(failure: Failure) -> None:
        run.failures.append(failure)
        if on_failure:
            on_failure(failure)

    for batch, outcome in analyse_on_cluster(client, batches(), function=function):
        docs = [by_id.pop(str(item.doc_id)) for item in batch]
        if isinstance(outcome, BatchLost):
            for doc in docs:
                fail(Failure(doc.id, f"batch lost: {outcome.reason}"))
            continue
        kept: list[tuple[Document, str]] = []
        for doc, result in zip(docs, outcome, strict=True):
            if isinstance(result, Failure):
                fail(result)
            else:
                kept.append((doc, result if isinstance(result, str) else encode(result)))
        save_encoded_analyses(store.engine, kept, version)
        words = sum(len(doc.text.split()) for doc, _ in kept)
        run.analysed += len(kept)
        run.words += words
        if on_batch:
            on_batch(len(docs), words)
    return run


def chunks(items: Iterable[Text], size: int) -> Iterator[list[Text]]:
    """``items`` in lists of ``size``."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch
