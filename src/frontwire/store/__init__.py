"""The store: every analysed article kept in SQLite or PostgreSQL, searchable and exportable.

``Store`` (``frontwire.store.repository``) is imported lazily, so the command
line does not load SQLAlchemy for commands that never touch a database.
"""

from __future__ import annotations

__all__ = ["SchemaError", "Store"]


def __getattr__(name: str):
    if name == "Store":
        from .repository import Store

        return Store
    if name == "SchemaError":
        from .database import SchemaError

        return SchemaError
    raise AttributeError(name)
