"""The bundled synthetic corpus carries the debris it is meant to exercise, and cleaning handles it."""

import re
from collections import Counter
from pathlib import Path

import pytest

from frontwire.ingest.errors import InputError
from frontwire.ingest.readers import iter_articles
from frontwire.pipeline import Pipeline

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "frontwire" / "data" / "samples"


@pytest.fixture(scope="module")
def articles():
    clean = Pipeline(components=["clean"], strict=True)
    items = list(iter_articles([str(SAMPLES)]))
    assert not [i for i in items if isinstance(i, InputError)]
    return [clean(a) for a in items]


def test_corpus_size_and_formats(articles):
    assert 15 <= len(articles) <= 32
    assert {a.extraction.reader for a in articles} == {"text", "html", "jsonl"}
    assert (SAMPLES / "README.md").read_text().count("synthetic") >= 2


def test_every_article_has_title_language_and_clean_paragraphs(articles):
    for a in articles:
        assert a.title and a.language == "en", a.source
        assert a.text and "\n\n\n" not in a.text and not a.text.startswith(a.title)
        for span in a.paragraphs:
            assert a.text[span.start:span.end].strip() == a.text[span.start:span.end]


def test_published_found_wherever_the_sample_dates_itself(articles):
    undated = {Path(a.source).name for a in articles if a.published is None}
    assert undated == {"tass-donetsk-2022-06-03.txt"}  # its dateline gives no year
    for a in articles:
        name = Path(a.source).name
        dated = re.search(r"\d{4}-\d\d-\d\d", name)
        if a.published and dated and a.extraction.reader != "jsonl":
            assert a.published.startswith(dated.group()), (name, a.published)


def test_debris_kinds_covered(articles):
    kinds = Counter(r.kind for a in articles for r in a.removed)
    for kind in ("title", "repeated_title", "dateline", "debug_dump", "credit_line", "share", "follow",
                 "copyright", "read_more", "related_links", "tags", "byline", "staff_credit"):
        assert kinds[kind] >= 1, kind
    for a in articles:
        assert "string(" not in a.text and "Array" not in a.text and '{"id"' not in a.text


def test_related_recovered_from_all_three_dump_kinds(articles):
    related = {Path(a.source).name: a.related for a in articles if a.related}
    assert set(related) == {"fna-idlib-2016-10-10.txt", "yemen-marib-2021-02-14.html", "local-burkina-djibo-2023-02-20.txt"}
    media = Counter(r.media_type for items in related.values() for r in items)
    assert media["video"] >= 3 and media["image"] >= 2
    assert all(r.id and r.title and r.date for items in related.values() for r in items)


def test_credits_with_valid_offsets(articles):
    names = Counter(c.name for a in articles for c in a.credits)
    for agency in ("SANA", "FNA", "Saba", "Reuters", "AFP", "TASS", "INA", "LANA", "NNA", "Ukrinform", "Anadolu"):
        assert names[agency] >= 1, agency
    for a in articles:
        for c in a.credits:
            if c.start is not None:
                assert a.text[c.start:c.end]


def test_mojibake_repaired(articles):
    (afp,) = [a for a in articles if "menaka" in a.source]
    assert "Ménaka" in afp.text and "Ã" not in afp.text
