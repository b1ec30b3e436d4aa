"""Reaching a Dask cluster (a scheduler address or a local one) with the models on every worker."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import dask
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from pista.errors import ConfigError
from pista.extract.pipeline import load_model
from pista.language import SUPPORTED_LANGUAGES

LOCAL = re.compile(r"local(?::(\d+))?")
#: Settings of local clusters, chosen for long CPU-bound tasks in few worker processes:
#: no statistical profiler (sampling every 10 ms costs CPU and the GIL); the event-loop
#: tick and the memory and system monitors waking every 0.5-2 s rather than every
#: 20-500 ms (each wake-up takes the GIL from the analysis thread); and glibc's own
#: adaptive trim threshold instead of Dask's fixed 64 kB ``MALLOC_TRIM_THRESHOLD_``,
#: which makes the allocator hand memory back to the kernel and fetch it again for
#: every spaCy batch (about 15% more CPU per word in the workers).
WORKER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.nanny.pre-spawn-environ": {
        "OMP_NUM_THREADS": 1,
        "MKL_NUM_THREADS": 1,
        "OPENBLAS_NUM_THREADS": 1,
    },
}


class ModelPreload(WorkerPlugin):
    """Loads the spaCy pipelines when a worker starts (and restarts), once per worker process."""

    name = "pista-models"

    def __init__(self, langs: tuple[str, ...] = SUPPORTED_LANGUAGES) -> None:
        self.langs = langs

    def setup(self, worker: Any) -> None:
        for lang in self.langs:
            load_model(lang)


def parse_address(address: str) -> tuple[str, int | None]:
    """``local:N`` -> ("local", N); a scheduler address (``tcp://host:8786``) -> (address, None)."""
    address = address.strip()
    match = LOCAL.fullmatch(address)
    if match:
        workers = int(match.group(1) or 2)
        if workers < 1:
            raise ConfigError(f"--dask {address}: a local cluster needs at least one worker")
        return "local", workers
    if not address or address.startswith("local"):
        raise ConfigError(f"--dask {address!r}: give a scheduler address (tcp://host:8786) or local:N")
    return address, None


def _extractor_version() -> str:
    from pista.extract import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


def check_workers(client: Client) -> None:
    """Load the models on every worker (now and on those joining later) and check their pista.

    A worker running another extractor version would store analyses under the wrong version,
    so it is refused rather than used.
    """
    try:
        client.register_plugin(ModelPreload())
        versions = client.run(_extractor_version)
    except Exception as exc:  # a worker without pista or without the models
        raise ConfigError(
            f"a Dask worker cannot run pista ({type(exc).__name__}: {exc}); "
            "install pista and its models on every worker (make setup)"
        ) from exc
    wrong = {worker: v for worker, v in versions.items() if v != _extractor_version()}
    if wrong:
        listed = ", ".join(f"{worker} has {v}" for worker, v in sorted(wrong.items()))
        raise ConfigError(
            f"Dask workers run another pista extractor version ({listed}); this one is {_extractor_version()}"
        )


@contextmanager
def open_client(address: str, *, timeout: float = 30.0) -> Iterator[Client]:
    """A client of the cluster at ``address`` (or of a new local one), workers with models loaded.

    ``local:N`` starts N worker processes of one thread each on this machine and stops them
    on exit; any other address is an existing scheduler, left running.
    """
    target, workers = parse_address(address)
    cluster: LocalCluster | None = None
    try:
        if workers is not None:
            with dask.config.set(WORKER_CONFIG):
                cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
                )
            client = Client(cluster)
        else:
            client = Client(target, timeout=timeout)
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        check_workers(client)
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
