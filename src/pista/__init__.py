"""pista: reports on organized crime in, an evidence-backed network out."""

from pista.errors import PistaError

__all__ = ["PistaError", "__version__"]
__version__ = "0.1.0"
