"""Interoperability: FollowTheMoney import, structured police records, watchlist cross-referencing.

Imported lists and records become documents with a structured analysis (no text extraction),
so ``pista resolve`` resolves them together with what came from reports; ``xref`` screens the
resolved persons and organizations against one loaded list.
"""
