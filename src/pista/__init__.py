"""pista: reports on organized crime in, an evidence-backed network out."""

from pista.documents import Analysis, Document
from pista.errors import PistaError
from pista.extract import analyze, analyze_many

__all__ = ["Analysis", "Document", "PistaError", "__version__", "analyze", "analyze_many"]
__version__ = "0.1.0"
