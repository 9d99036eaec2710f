"""Alembic migrations of the store, shipped in the package (a package so wheels carry them)."""
