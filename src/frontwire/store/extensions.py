"""What else happens, in the same transaction, when the store saves or deletes an article.

Near-duplicate detection and incident linking build on the stored rows of an article; doing their
writes inside the article's own transaction keeps them whole: a killed ingest leaves an article
together with its duplicate link and its incident membership, or none of them.

An extension is any object with these two methods (and, if it needs the rows an analysis replaces,
``replacing``); ``default_extensions`` lists frontwire's own, in the order they run (duplicates
first: incidents ask whether an article is a copy of another).
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import Connection


class StoreExtension(Protocol):
    name: str

    def saved(self, connection: Connection, record: dict[str, Any], replaced: bool) -> None:
        """``record`` (the Article JSON) and its layer rows are written; ``replaced`` when it
        replaced an earlier version of the same article."""

    def deleting(self, connection: Connection, article_id: str) -> None:
        """The article and its layer rows are about to be deleted."""

    # Optional: ``replacing(connection, article_id)``, called when a stored article's layer rows are
    # about to be replaced by another analysis (before ``saved`` with ``replaced``).


def default_extensions() -> list[StoreExtension]:
    from ..incidents.linking import IncidentLinker
    from .duplicates import NearDuplicates

    return [NearDuplicates(), IncidentLinker()]
