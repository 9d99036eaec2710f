"""An Article as rows of the store's tables (and nothing else: no database access here)."""

from __future__ import annotations

import hashlib
import json
import zlib
from datetime import datetime
from typing import Any

from ..exports.json import dumps
from ..model import Article, RawInput
from . import tables

RAW_ENCODING = "zlib"
LEGACY_RAW_ENCODING = "zlib+article-json"


def record_of(article: Article) -> dict[str, Any]:
    """The Article JSON exactly as ``analyze`` prints it (lone surrogates written as U+FFFD, which
    neither SQLite's UTF-8 nor PostgreSQL would take), with one difference: a NUL character, which
    PostgreSQL stores in neither TEXT nor JSONB, becomes U+FFFD too, on every backend alike (one
    character for one, so no offset moves)."""
    written = dumps(article.to_json())
    record = json.loads(written)
    return _without_nul(record) if "\\u0000" in written else record


def _without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_nul(v) for k, v in value.items()}
    return value


def resources_digest(record: dict[str, Any]) -> str | None:
    analysis = record.get("analysis")
    if not analysis:
        return None
    resources = json.dumps(analysis.get("resources", {}), sort_keys=True)
    return hashlib.sha256(resources.encode()).hexdigest()[:16]


def article_row(record: dict[str, Any], outlet_id: int | None, analysed_at: datetime) -> dict[str, Any]:
    analysis = record.get("analysis") or {}
    return {
        "id": record["id"],
        "url": record.get("url"),
        "outlet": record.get("outlet"),
        "outlet_id": outlet_id,
        "source": record.get("source"),
        "title": record.get("title"),
        "published": record.get("published"),
        "language": record.get("language"),
        "text": record.get("text") or "",
        "input_digest": record.get("input_digest"),
        "content_digest": record.get("content_digest"),
        "schema_version": record["schema_version"],
        "frontwire_version": analysis.get("frontwire_version"),
        "resources_digest": resources_digest(record),
        "failed_components": len(analysis.get("failed") or []),
        "analysed_at": analysed_at,
        "record": record,
    }


def outlet_row(record: dict[str, Any]) -> dict[str, Any] | None:
    profile = record.get("source_profile") or {}
    key = profile.get("domain") or profile.get("name")
    if not key:
        return None
    columns = ("domain", "name", "country", "state_affiliated", "bias", "factual_reporting", "credibility", "rated_by")
    return {"key": key, **{column: profile.get(column) for column in columns}}


def _spans(item: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in item.items() if k not in ("start", "end")}
    out["start_offset"], out["end_offset"] = item["start"], item["end"]
    return out


def layer_rows(record: dict[str, Any]) -> dict[Any, list[dict[str, Any]]]:
    """Rows for each layer table, in the article's order (``position``)."""
    article_id = record["id"]

    def numbered(items, shape):
        return [{"article_id": article_id, "position": i, **shape(item)} for i, item in enumerate(items or [])]

    def event(item):
        evidence = item["evidence"]
        out = {k: v for k, v in item.items() if k != "evidence"}
        out.update(evidence_sentence=evidence["sentence"], evidence_start=evidence["start"], evidence_end=evidence["end"])
        return out

    return {
        tables.events: numbered(record.get("events"), event),
        tables.entities: numbered(record.get("entities"), _spans),
        tables.places: numbered(record.get("places"), dict),
        tables.quotes: numbered(record.get("quotes"), _spans),
        tables.framing_spans: numbered(record.get("framing"), _spans),
    }


def raw_input_row(article_id: str, input_digest: str | None, raw: RawInput) -> dict[str, Any]:
    return {"article_id": article_id, "input_digest": input_digest, "encoding": RAW_ENCODING, "size": len(raw.data),
            "data": zlib.compress(raw.data, 6), "reader": {"kind": raw.kind, **raw.options}}


def raw_input_from_row(encoding: str, data: bytes, reader: dict | None) -> RawInput:
    if encoding == LEGACY_RAW_ENCODING:
        # Before revision 0003 the reader's Article JSON was kept, not the bytes it was read from.
        return RawInput(zlib.decompress(data), "article", {})
    options = dict(reader or {})
    return RawInput(zlib.decompress(data), options.pop("kind", "article"), options)
