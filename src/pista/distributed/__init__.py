"""Extraction on a Dask cluster: workers analyse batches, the client keeps the results.

``pista extract --store --dask ADDRESS`` (or ``--dask local:N``) sends batches of stored
documents to Dask workers, which load the language models once per process and return
each analysis as the JSON text the store keeps; the client
streams finished batches back and writes each in one transaction, so an interrupted run
is resumed by running the same command again.
"""

from pista.distributed.cluster import ModelPreload, open_client, parse_address
from pista.distributed.runner import BatchLost, StoreRun, analyse_on_cluster, analyse_store_on_cluster
from pista.distributed.tasks import Failure, analyse_texts, analyse_texts_json

__all__ = [
    "BatchLost",
    "Failure",
    "ModelPreload",
    "StoreRun",
    "analyse_on_cluster",
    "analyse_store_on_cluster",
    "analyse_texts",
    "analyse_texts_json",
    "open_client",
    "parse_address",
]
