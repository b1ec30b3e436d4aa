"""Presenting the store: HTML pages built from data assembled in Python and Jinja2 templates."""

from pista.report.evidence import Quote, quote
from pista.report.overview import Overview, build_overview, render_overview, write_overview

__all__ = ["Overview", "Quote", "build_overview", "quote", "render_overview", "write_overview"]
