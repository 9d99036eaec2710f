"""The store's tables: one row per article, one table per analysis layer.

The full Article JSON is kept in ``articles.record`` so a stored article reads
back exactly; the layer tables repeat its fields as columns so an API or an
export can filter and join in SQL without parsing JSON. Offsets are named
``start_offset``/``end_offset`` because ``end`` is a reserved word in SQL.
Free text from articles and tables is TEXT, never VARCHAR(n): no length is
guessed that a long place source or outlet name could overrun (PostgreSQL
enforces it; SQLite would not).

These definitions are what the migrations build (``migrations/versions``);
a change here needs a new migration.
"""

from __future__ import annotations

from sqlalchemy import (JSON, BigInteger, Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, LargeBinary,
                        MetaData, SmallInteger, String, Table, Text, UniqueConstraint)
from sqlalchemy.dialects.postgresql import JSONB

# Names constraints predictably so migrations can refer to them on every backend.
metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

# JSONB on PostgreSQL so records can be queried and indexed; key order is not kept,
# which is harmless: a record is read back through the Article model.
Json = JSON().with_variant(JSONB(), "postgresql")


def _article_fk() -> Column:
    return Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True)


def _layer_item() -> list[Column]:
    """The columns every layer table opens with: its own key, its article, its place in the layer."""
    return [Column("id", Integer, primary_key=True), _article_fk(), Column("position", Integer, nullable=False)]


def _offsets() -> list[Column]:
    return [Column("start_offset", Integer, nullable=False), Column("end_offset", Integer, nullable=False)]


outlets = Table(
    "outlets", metadata,
    Column("id", Integer, primary_key=True),
    # The domain where the profile has one, else the name: how one outlet is recognised again.
    Column("key", Text, nullable=False, unique=True),
    Column("domain", Text),
    Column("name", Text),
    Column("country", Text),
    Column("state_affiliated", Text),
    Column("bias", Text),
    Column("factual_reporting", Text),
    Column("credibility", Text),
    Column("rated_by", Text),
)

articles = Table(
    "articles", metadata,
    # An integer key for the full-text index (SQLite's FTS5 rowid); `id` is the article's identity.
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(32), nullable=False, unique=True),
    Column("url", Text, index=True),
    Column("outlet", Text),
    Column("outlet_id", Integer, ForeignKey("outlets.id", ondelete="SET NULL"), index=True),
    Column("source", Text),
    Column("title", Text),
    Column("published", Text, index=True),
    Column("language", Text),
    Column("text", Text, nullable=False),
    Column("input_digest", String(64), index=True),
    Column("content_digest", String(32)),
    Column("schema_version", Text, nullable=False),
    Column("frontwire_version", Text, index=True),
    # One digest over the analysis' resource digests: finds articles analysed with other tables or models.
    Column("resources_digest", String(16), index=True),
    Column("failed_components", Integer, nullable=False, default=0),
    Column("analysed_at", DateTime(timezone=True), nullable=False),
    Column("record", Json, nullable=False),
    # The first stored copy of the same story (a syndicated copy, a re-post: store/duplicates.py) and the
    # estimated Jaccard similarity of their clean bodies; null for a first copy and for a story stored once.
    Column("duplicate_of", String(32), ForeignKey("articles.id", ondelete="SET NULL"), index=True),
    Column("duplicate_similarity", Float),
)

raw_inputs = Table(
    "raw_inputs", metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("input_digest", String(64)),
    # "zlib": the bytes the reader was given (a file, one JSON record, one WARC record), compressed;
    # "zlib+article-json" (before revision 0003): the reader's Article as JSON.
    Column("encoding", Text, nullable=False),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    # How to read ``data`` again: {"kind", "source", "outlet", "url", "verbatim"} (ingest/raw.py).
    Column("reader", Json),
)

events = Table(
    "events", metadata,
    Column("id", String(32), primary_key=True),
    _article_fk(),
    Column("position", Integer, nullable=False),
    Column("event_type", Text, nullable=False, index=True),
    Column("sub_event_type", Text, nullable=False, index=True),
    Column("actor1", Text),
    Column("actor1_id", Text, index=True),
    Column("actor1_inter", Integer),
    Column("actor1_inferred", Boolean),
    Column("actor2", Text),
    Column("actor2_id", Text, index=True),
    Column("actor2_inter", Integer),
    Column("location", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("admin1", Text),
    Column("country", Text, index=True),
    Column("geo_precision", Integer),
    Column("date", Text, index=True),
    Column("time_precision", Integer),
    Column("fatalities", Integer),
    Column("civilian_fatalities", Integer),
    Column("means", Text),
    Column("claimed_by", Text),
    Column("certainty", Text),
    Column("cameo", Text),
    Column("confidence", Float, nullable=False),
    Column("evidence_sentence", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
)

entities = Table(
    "entities", metadata,
    *_layer_item(),
    Column("text", Text, nullable=False),
    *_offsets(),
    Column("kind", Text, nullable=False),
    Column("actor_id", Text, index=True),
    Column("canonical", Text),
    Column("actor_type", Text),
    Column("inter", Integer),
    Column("country", Text),
    Column("ner_label", Text),
    Column("linked_to", Text),
)

places = Table(
    "places", metadata,
    *_layer_item(),
    Column("name", Text, nullable=False),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", Text, index=True),
    Column("country_name", Text),
    Column("admin1", Text),
    Column("feature", Text),
    Column("geo_precision", Integer),
    Column("geonameid", Integer, index=True),
    Column("source", Text),
    # [{"text", "start", "end"}, ...]: read with the place, rarely filtered on alone.
    Column("mentions", Json, nullable=False),
)

quotes = Table(
    "quotes", metadata,
    *_layer_item(),
    Column("text", Text, nullable=False),
    *_offsets(),
    Column("kind", Text, nullable=False),
    Column("speaker", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_id", Text, index=True),
    Column("speaker_canonical", Text),
    Column("cue", Text),
    Column("date", Text),
)

framing_spans = Table(
    "framing_spans", metadata,
    *_layer_item(),
    Column("technique", Text, nullable=False, index=True),
    Column("text", Text, nullable=False),
    *_offsets(),
    Column("score", Float, nullable=False),
)

article_history = Table(
    "article_history", metadata,
    Column("id", Integer, primary_key=True),
    _article_fk(),
    Column("version", Integer, nullable=False),
    Column("input_digest", String(64)),
    Column("content_digest", String(32)),
    Column("record", Json, nullable=False),
    Column("replaced_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("article_id", "version"),
)

# Near-duplicate detection (store/duplicates.py), kept by its store extension rather than replaced
# with the layers: the MinHash signature of each judged article's clean body, and its LSH band
# hashes, looked up by (band, bucket). Keyed by articles.seq, as the full-text index is: compact, and
# the order that "first copy" means.
duplicate_signatures = Table(
    "duplicate_signatures", metadata,
    Column("article_seq", Integer, ForeignKey("articles.seq", ondelete="CASCADE"), primary_key=True),
    # datasketch's LeanMinHash serialisation (seed, scheme, hash values), little-endian.
    Column("signature", LargeBinary, nullable=False),
)

duplicate_bands = Table(
    "duplicate_bands", metadata,
    Column("band", SmallInteger, primary_key=True),
    Column("bucket", BigInteger, primary_key=True),
    Column("article_seq", Integer, ForeignKey("articles.seq", ondelete="CASCADE"), primary_key=True, index=True),
    # On SQLite the primary key is the table itself: the (band, bucket) index costs no second copy.
    sqlite_with_rowid=False,
)

# Rows of these tables belong to one version of one article: replaced together when it is stored again.
LAYER_TABLES = (events, entities, places, quotes, framing_spans)


def include_in_autogenerate(obj, name, type_, reflected, compare_to) -> bool:
    """For autogenerate: whether to compare an object. The full-text search objects are built by
    hand in migration 0002 (an FTS5 table and its shadow tables, a generated tsvector column and
    its index), not from this metadata, and are left alone."""
    return not (name or "").startswith(("articles_fts", "search_vector", "ix_articles_search_vector"))


# -- incidents (frontwire.incidents): the events of different articles that tell one happening --------

# Blocking: the events one event could be linked with are those of its country within a few days.
Index("ix_events_country_date", events.c.country, events.c.date)

incidents = Table(
    "incidents", metadata,
    # Creation order: when two incidents merge, the older one (the lower seq) keeps its id.
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(32), nullable=False, unique=True),
    # The event whose arrival created the incident (it may have left since).
    Column("founded_by", String(32), nullable=False),
    # The incident's best values (frontwire.incidents.record), as columns to filter on.
    Column("date", Text, index=True),
    Column("time_precision", Integer),
    Column("location", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", Integer),
    Column("admin1", Text),
    Column("country", Text, index=True),
    Column("event_type", Text),
    Column("sub_event_type", Text, index=True),
    Column("actor1", Text),
    Column("actor1_id", Text, index=True),
    Column("actor2", Text),
    Column("actor2_id", Text, index=True),
    Column("fatalities", Integer),
    Column("n_events", Integer, nullable=False),
    Column("n_articles", Integer, nullable=False),
    # Outlets reporting it independently (an article that is a near-copy of another is not a second report).
    Column("n_outlets", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # The whole incident as ``frontwire incidents`` writes it: outlets, articles, events, disagreements.
    # Plain JSON, also on PostgreSQL: it keeps the record's field order, which JSONB would not.
    Column("record", JSON, nullable=False),
)

incident_events = Table(
    "incident_events", metadata,
    # No foreign key to events: a re-saved article's events are replaced before linking runs, and
    # linking must still see which incidents they were in.
    Column("event_id", String(32), primary_key=True),
    Column("incident_id", String(32), ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False, index=True),
    _article_fk(),
)

incident_merges = Table(
    "incident_merges", metadata,
    Column("id", Integer, primary_key=True),
    Column("absorbed_id", String(32), nullable=False, index=True),
    Column("into_id", String(32), nullable=False, index=True),
    # The article whose events bridged the two (no foreign key: the record outlives the article).
    Column("article_id", String(32)),
    # "link": an article's events joined them at ingest; "rebuild": ``frontwire incidents rebuild`` did.
    Column("reason", Text, nullable=False),
    Column("merged_at", DateTime(timezone=True), nullable=False),
)

# The monitor's tables live on this MetaData too: imported here so that every user of it (the
# migrations' autogenerate, the schema test) sees the whole schema.
from ..monitor import tables as _monitor_tables  # noqa: E402,F401
