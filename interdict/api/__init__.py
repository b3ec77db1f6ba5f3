"""The HTTP API (FastAPI): a thin layer over the engines and the case store."""
