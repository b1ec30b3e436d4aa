"""One router per group of pages and API endpoints."""
