"""Extraction: a report's text becomes entities, relations, crimes, events and claims."""

from pista.extract.analyze import EXTRACTOR_VERSION, Text, analyze, analyze_many

__all__ = ["EXTRACTOR_VERSION", "Text", "analyze", "analyze_many"]
