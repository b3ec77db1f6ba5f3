"""Alembic migrations of the case store (run programmatically by interdict.cases.db)."""
