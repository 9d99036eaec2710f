"""Acceptance: the canonical FNA example, read and cleaned (only the clean component,
so this does not depend on the later layers)."""

import pytest

from conftest import require_shared
from frontwire.ingest.readers import iter_articles
from frontwire.pipeline import Pipeline

TITLE = "Syrian Army Advances Force Terrorists’ Commanders to Escape from Aleppo Battlefield"


@pytest.fixture(scope="module")
def cleaned():
    path = require_shared("examples", "fna-aleppo-2016-09-25.txt")
    (article,) = list(iter_articles([str(path)]))
    return Pipeline(components=["clean"], strict=True)(article)


def test_title_once(cleaned):
    assert cleaned.title == TITLE
    assert TITLE not in cleaned.text


def test_published_from_dateline(cleaned):
    assert (cleaned.published, cleaned.published_source) == ("2016-09-25T13:28:40", "dateline")


def test_body_starts_with_the_story_and_has_no_dump(cleaned):
    assert cleaned.text.startswith("The recent advances")
    for trace in ("string(1193)", "contenttypeid", "alalam_", '"sort"'):
        assert trace not in cleaned.text
    assert cleaned.text.endswith("FNA reported.")


def test_six_related_items(cleaned):
    related = cleaned.related
    assert len(related) == 6
    assert [r.id for r in related] == ["1865443", "1865411", "1865409", "1865238", "1865162", "1865058"]
    assert related[0].title == "UN Security Council to Hold Meeting amid Fighting Escalation in Syria’s Aleppo"
    assert related[1].title == "VIDEO: Northern Outskirts of Aleppo City Liberated by Syrian Pro-Government Forces"
    assert sorted(r.media_type for r in related) == ["image"] * 3 + ["video"] * 3
    assert [r.date for r in related] == ["2016-09-25"] * 3 + ["2016-09-24"] * 3


def test_fna_credit_inside_the_last_sentence(cleaned):
    (credit,) = [c for c in cleaned.credits if c.name == "FNA"]
    assert cleaned.text[credit.start:credit.end] == "FNA"


def test_removed_records_what_went(cleaned):
    kinds = {r.kind: r.text for r in cleaned.removed}
    assert kinds["repeated_title"] == TITLE
    assert kinds["dateline"] == "Sun Sep 25, 2016 13:28:40"
    assert kinds["debug_dump"].startswith("string(1193)")


def test_paragraphs_and_language(cleaned):
    assert "\n\n\n" not in cleaned.text
    assert len(cleaned.paragraphs) == 6
    for span in cleaned.paragraphs:
        assert cleaned.text[span.start:span.end].strip() == cleaned.text[span.start:span.end] != ""
    assert cleaned.language == "en"
