"""The store's repository: save an analysed Article, read it back, search, count.

Each ``save`` is one transaction: the article row, its raw input, its layer rows
and, when it replaces an earlier version, that version's history row commit
together or not at all, so a process killed mid-batch leaves whole articles only
and running the batch again completes it without duplicates.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Literal, NamedTuple

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..model import Article, RawInput
from . import rows, tables
from .database import ensure_current, is_sqlite, make_engine, resolve_url
from .extensions import StoreExtension, default_extensions

SaveResult = Literal["new", "updated", "unchanged"]


class SearchHit(NamedTuple):
    article_id: str
    title: str | None
    snippet: str


class Store:
    def __init__(self, url: str | None = None, create: bool = True,
                 extensions: list[StoreExtension] | None = None):
        """Open the store at ``url`` (``--db``, else $FRONTWIRE_DB, else ./frontwire.db). An empty
        database is built at the current schema when ``create``; one behind it is refused
        (``SchemaError``, naming the upgrade command). ``extensions`` (default: frontwire's own)
        write what follows from each saved article in its transaction."""
        self.url = resolve_url(url)
        self.engine = make_engine(self.url)
        ensure_current(self.engine, create=create)
        self.extensions = default_extensions() if extensions is None else extensions

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------

    def save(self, article: Article, raw_input: RawInput | None = None) -> SaveResult:
        """Store ``article``: "new"; "updated" when its id is stored with other input or another
        analysis (the stored version goes to article_history); "unchanged" when the same input was
        stored by the same analysis. ``raw_input`` is what the reader read (``ingest.raw.raw_input_of``,
        taken before the pipeline ran), kept so the article can be read and analysed again."""
        article.identify()
        record = rows.record_of(article)
        try:
            return self._save(record, raw_input)
        except IntegrityError:
            # Another writer stored this new article between our look and our insert (PostgreSQL,
            # several ingests at once): look again, now it is there.
            return self._save(record, raw_input)

    def _save(self, record: dict, raw_input: RawInput | None) -> SaveResult:
        with self.engine.begin() as connection:
            stored = self._stored(connection, record["id"])
            if stored is not None and stored.input_digest == record.get("input_digest") \
                    and (stored.record or {}).get("analysis") == record.get("analysis"):
                return "unchanged"
            now = datetime.now(timezone.utc)
            outlet_id = self._outlet_id(connection, record)
            row = rows.article_row(record, outlet_id, analysed_at=now)
            if stored is None:
                connection.execute(insert(tables.articles).values(row))
            else:
                self._keep_history(connection, stored, replaced_at=now)
                for extension in self.extensions:
                    replacing = getattr(extension, "replacing", None)
                    if replacing is not None:
                        replacing(connection, record["id"])
                connection.execute(update(tables.articles).where(tables.articles.c.id == record["id"]).values(row))
                # Delete then insert: the new analysis' rows replace the old ones whole, so an event
                # id appears once however its evidence moved.
                for table in tables.LAYER_TABLES:
                    connection.execute(delete(table).where(table.c.article_id == record["id"]))
            for table, layer in rows.layer_rows(record).items():
                if layer:
                    connection.execute(insert(table), layer)
            if raw_input is not None:
                connection.execute(delete(tables.raw_inputs).where(tables.raw_inputs.c.article_id == record["id"]))
                connection.execute(insert(tables.raw_inputs).values(
                    rows.raw_input_row(record["id"], record.get("input_digest"), raw_input)))
            for extension in self.extensions:
                extension.saved(connection, record, replaced=stored is not None)
        return "new" if stored is None else "updated"

    def is_current(self, article: Article, analysis) -> bool:
        """Whether ``article`` (as read, before analysis) is stored from the same input by an analysis
        like ``analysis`` that had no failure, so analysing it again would change nothing."""
        article.identify()
        columns = tables.articles.c
        with self.engine.connect() as connection:
            row = connection.execute(select(columns.input_digest, columns.record).where(
                columns.id == article.id)).first()
        return row is not None and row.input_digest == article.input_digest \
            and (row.record or {}).get("analysis") == analysis.model_dump(mode="json")

    def _stored(self, connection: Connection, article_id: str):
        columns = tables.articles.c
        query = select(columns.id, columns.input_digest, columns.content_digest, columns.record).where(
            columns.id == article_id)
        if not is_sqlite(self.engine):
            # Two writers saving one article: the second waits, then sees the first's version.
            query = query.with_for_update()
        return connection.execute(query).first()

    def _keep_history(self, connection: Connection, stored, replaced_at: datetime) -> None:
        history = tables.article_history
        version = connection.execute(
            select(func.coalesce(func.max(history.c.version), 0) + 1).where(history.c.article_id == stored.id)).scalar_one()
        connection.execute(insert(history).values(
            article_id=stored.id, version=version, input_digest=stored.input_digest,
            content_digest=stored.content_digest, record=stored.record, replaced_at=replaced_at))

    def _outlet_id(self, connection: Connection, record: dict) -> int | None:
        outlet = rows.outlet_row(record)
        if outlet is None:
            return None
        dialect_insert = sqlite_insert if is_sqlite(self.engine) else postgresql_insert
        statement = dialect_insert(tables.outlets).values(outlet)
        # The latest profile wins: the outlet table tracks frontwire's current knowledge of it.
        statement = statement.on_conflict_do_update(
            index_elements=[tables.outlets.c.key],
            set_={k: statement.excluded[k] for k in outlet if k != "key"},
        ).returning(tables.outlets.c.id)
        return connection.execute(statement).scalar_one()

    def delete(self, article_id: str) -> bool:
        with self.engine.begin() as connection:
            for extension in self.extensions:
                extension.deleting(connection, article_id)
            result = connection.execute(delete(tables.articles).where(tables.articles.c.id == article_id))
        return result.rowcount > 0

    # -- reading ---------------------------------------------------------------------------------

    def get(self, article_id: str) -> Article:
        with self.engine.connect() as connection:
            record = connection.execute(
                select(tables.articles.c.record).where(tables.articles.c.id == article_id)).scalar_one_or_none()
        if record is None:
            raise KeyError(article_id)
        return Article.model_validate(record)

    def count(self) -> int:
        with self.engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(tables.articles)).scalar_one()

    def ids(self) -> list[str]:
        with self.engine.connect() as connection:
            return list(connection.execute(select(tables.articles.c.id).order_by(tables.articles.c.seq)).scalars())

    def history(self, article_id: str) -> list[Article]:
        """Earlier versions of an article, oldest first."""
        history = tables.article_history
        with self.engine.connect() as connection:
            records = connection.execute(select(history.c.record).where(history.c.article_id == article_id)
                                         .order_by(history.c.version)).scalars()
            return [Article.model_validate(record) for record in records]

    def raw_input(self, article_id: str) -> RawInput | None:
        """The stored raw input of an article (``ingest.raw.read_again`` reads it as it was first read)."""
        columns = tables.raw_inputs.c
        with self.engine.connect() as connection:
            row = connection.execute(select(columns.encoding, columns.data, columns.reader).where(
                columns.article_id == article_id)).first()
        return None if row is None else rows.raw_input_from_row(row.encoding, row.data, row.reader)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Articles whose title or text holds every word of ``query``, best first, with a snippet
        in which the words found are [bracketed] (``store.browse.search`` gives them as segments)."""
        from .browse import search

        with self.engine.connect() as connection:
            found = search(connection, query, limit=limit)
        return [SearchHit(hit.article_id, hit.title,
                          "".join(f"[{s.text}]" if s.match else s.text for s in hit.snippet))
                for hit in found.hits]
