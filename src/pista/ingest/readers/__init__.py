"""The built-in readers; importing this package registers them by suffix."""

from pista.ingest.readers import (  # noqa: F401  (each module registers its reader)
    email_message,
    html,
    jsonl,
    pdf,
    plain,
    table,
    word,
)
