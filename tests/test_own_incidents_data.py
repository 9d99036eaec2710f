"""The own-written cross-outlet incident sets (bench/incidents_own.py) are well formed: what the
bench scores and ``bench/incidents.py --fit`` learns from must be gold an analyst could audit."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from frontwire.ingest.jsonl import iter_jsonl
from frontwire.model import Article

DATA = Path(__file__).resolve().parents[1] / "bench" / "data"
SETS = ("train", "check")


def _path(name: str) -> Path:
    return DATA / f"own_incidents_{name}.jsonl"


def _records(name: str) -> list[dict]:
    return [json.loads(line) for line in _path(name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", SETS)
def test_every_incident_is_told_by_two_outlets_and_every_outlet_is_fictional(name):
    records = _records(name)
    assert len(records) >= 60
    assert len({r["id"] for r in records}) == len(records)
    outlets = defaultdict(set)
    for r in records:
        assert {"id", "incident", "outlet", "published", "title", "text"} <= set(r)
        # Fictional outlets on the reserved .example domain: no real outlet is made to say anything.
        assert r["outlet"].endswith(".example")
        assert r["text"].strip() and r["title"].strip()
        if r["incident"] is not None:
            outlets[r["incident"]].add(r["outlet"])
    assert len(outlets) >= 15
    assert all(len(told_by) >= 2 for told_by in outlets.values())
    # Hard negatives are part of the point: articles that belong to no incident of the set.
    assert sum(r["incident"] is None for r in records) >= 10


def test_train_and_check_share_no_article_and_no_incident():
    train, check = _records("train"), _records("check")
    assert not {r["id"] for r in train} & {r["id"] for r in check}
    assert not {r["incident"] for r in train if r["incident"]} & {r["incident"] for r in check if r["incident"]}
    assert not {r["text"] for r in train} & {r["text"] for r in check}


@pytest.mark.parametrize("name", SETS)
def test_the_jsonl_reader_reads_every_record_with_its_outlet_and_date(name):
    records = _records(name)
    read = list(iter_jsonl(_path(name).read_text(encoding="utf-8"), _path(name).name))
    assert len(read) == len(records)
    for record, article in zip(records, read):
        assert isinstance(article, Article), article
        assert article.outlet == record["outlet"]
        assert article.title == record["title"]
        if record["published"]:
            assert article.published == record["published"]
