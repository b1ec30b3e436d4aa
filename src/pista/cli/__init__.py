"""Command-line interface: a thin layer over the library; one module per group of commands."""

from pista.cli import (  # noqa: F401  (registers commands)
    analysis_cmd,
    bench_cmd,
    documents_cmd,
    eval_cmd,
    export_cmd,
    extract_cmd,
    import_cmd,
    ingest_cmd,
    report_cmd,
    resolve_cmd,
    serve_cmd,
    xref_cmd,
)
from pista.cli.app import app

__all__ = ["app"]
