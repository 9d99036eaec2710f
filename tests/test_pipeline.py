"""The pipeline contract: registry, switching components off, one shared parse, failure isolation."""

import pytest

from frontwire.model import Article, json_schema
from frontwire.pipeline import DEFAULT_ORDER, REGISTRY, Pipeline, Work, register


def test_default_order_is_registered():
    assert set(DEFAULT_ORDER) <= set(REGISTRY)
    assert DEFAULT_ORDER[0] == "clean"


def test_components_can_be_switched_off():
    pipeline = Pipeline(disable=["framing", "events"])
    assert "framing" not in pipeline.names and "events" not in pipeline.names
    assert pipeline.names[0] == "clean"


def test_unknown_component_is_refused():
    with pytest.raises(ValueError, match="unknown component"):
        Pipeline(components=["clean", "nonsense"])


class _CountParses:
    def __init__(self, config):
        self.seen = []

    def __call__(self, work: Work):
        self.seen.append(id(work.doc))


_instances = []


def _counting_factory(config):
    c = _CountParses(config)
    _instances.append(c)
    return c


class _Boom:
    def __init__(self, config):
        pass

    def __call__(self, work):
        raise RuntimeError("layer exploded")


def test_components_share_one_parse_and_failures_are_isolated():
    register("_count_a", f"{__name__}:_counting_factory")
    register("_count_b", f"{__name__}:_counting_factory")
    register("_boom", f"{__name__}:_Boom")
    try:
        pipeline = Pipeline(components=["_count_a", "_boom", "_count_b"])
        article = pipeline(Article(text="Shelling hit Idlib on Monday."))
        a, b = _instances[-2:]
        assert a.seen == b.seen and len(a.seen) == 1  # the same Doc object, parsed once
        assert any("_boom failed" in w and "layer exploded" in w for w in article.warnings)
        assert article.id  # the article survives the failing layer
        with pytest.raises(RuntimeError):
            Pipeline(components=["_boom"], strict=True)(Article(text="x"))
    finally:
        for name in ("_count_a", "_count_b", "_boom"):
            REGISTRY.pop(name)


def test_article_round_trips_through_json():
    article = Article(text="First paragraph.\n\nSecond one.", title="T")
    article.set_paragraphs()
    article.compute_id()
    data = article.to_json()
    again = Article.model_validate(data)
    assert again == article
    assert [article.text[p.start:p.end] for p in article.paragraphs] == ["First paragraph.", "Second one."]


def test_id_is_a_stable_content_hash():
    a = Article(text="same", url="http://x")
    b = Article(text="same", url="http://x")
    assert a.compute_id() == b.compute_id()
    assert Article(text="other", url="http://x").compute_id() != a.id


def test_schema_lists_every_layer():
    props = json_schema()["properties"]
    for key in ("id", "outlet", "url", "title", "published", "published_source", "language", "text",
                "paragraphs", "credits", "related", "removed", "warnings", "entities", "places",
                "quotes", "events", "framing", "source_profile"):
        assert key in props, key
