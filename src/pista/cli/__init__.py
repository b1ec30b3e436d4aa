"""Command-line interface: a thin layer over the library; one module per group of commands."""

from pista.cli import documents_cmd  # noqa: F401  (registers commands)
from pista.cli.app import app

__all__ = ["app"]
