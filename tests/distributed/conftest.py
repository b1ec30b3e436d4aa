"""A local Dask cluster of two worker processes, shared by the tests of this folder."""

from __future__ import annotations

from collections.abc import Iterator

import dask
import pytest
from distributed import Client, LocalCluster

from pista.distributed import ModelPreload


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "dask: starts a local Dask cluster (deselect with -m 'not dask')")


@pytest.fixture(scope="session")
def dask_client() -> Iterator[Client]:
    """Two worker processes of one thread, models loaded; a task may kill one worker and be retried once."""
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=50
        )
        client = Client(cluster)
    client.register_plugin(ModelPreload())
    yield client
    client.close()
    cluster.close()
