"""The pipeline contract: declared layers and configs checked at build time, switching components
off, one shared parse, failure isolation, identity and provenance."""

import pytest

from frontwire import registry
from frontwire.model import Article, json_schema
from frontwire.pipeline import DEFAULT_ORDER, Pipeline, PipelineError, Work, parse_config_items
from frontwire.registry import ComponentConfig, Result, component


def test_default_order_is_registered():
    assert set(DEFAULT_ORDER) <= set(registry.component_names())
    assert DEFAULT_ORDER[0] == "clean"
    for name in DEFAULT_ORDER:
        spec = registry.get_component(name)
        assert spec.assigns, name
        assert issubclass(spec.config, ComponentConfig)


def test_default_pipeline_satisfies_every_requirement():
    assert Pipeline().names == list(DEFAULT_ORDER)


_instances = []


@pytest.fixture
def toy_components():
    """Components registered for one test: a parse counter, one that raises, a producer and a
    consumer of an intermediate result."""

    class CounterConfig(ComponentConfig):
        label: str = "a"

    @component("_count_a", assigns=["_count_a"], config=CounterConfig)
    @component("_count_b", assigns=["_count_b"], config=CounterConfig)
    class CountParses:
        def __init__(self, config):
            self.seen = []
            _instances.append(self)

        def __call__(self, work: Work):
            self.seen.append(id(work.doc))

    @component("_boom", assigns=["_boom"])
    class Boom:
        def __init__(self, config):
            pass

        def __call__(self, work):
            raise RuntimeError("layer exploded")

    @component("_producer", assigns=["_producer"], offers=[Result("_numbers", list[int], "toy")])
    class Producer:
        def __init__(self, config):
            pass

        def __call__(self, work):
            work.offer("_numbers", [1, 2])

    @component("_consumer", requires=["_numbers"], assigns=["_consumer"])
    class Consumer:
        def __init__(self, config):
            pass

        def __call__(self, work):
            work.article.warnings.append(f"got {work.result('_numbers')}")

    @component("_sneaky", assigns=["_sneaky"])
    class Sneaky:
        def __init__(self, config):
            pass

        def __call__(self, work):
            work.offer("_numbers", [3])

    names = ("_count_a", "_count_b", "_boom", "_producer", "_consumer", "_sneaky")
    yield names
    for name in names:
        registry.unregister("component", name)


def test_components_share_one_parse_and_failures_are_isolated(toy_components):
    pipeline = Pipeline(components=["_count_a", "_boom", "_count_b"])
    article = pipeline(Article(text="Shelling hit Idlib on Monday."))
    a, b = _instances[-2:]
    assert a.seen == b.seen and len(a.seen) == 1  # the same Doc object, parsed once
    assert any("_boom failed" in w and "layer exploded" in w for w in article.warnings)
    assert [(f.component, f.error) for f in article.analysis.failed] == [("_boom", "RuntimeError: layer exploded")]
    assert article.id  # the article survives the failing layer
    with pytest.raises(RuntimeError):
        Pipeline(components=["_boom"], strict=True)(Article(text="x"))


def test_a_requirement_no_earlier_component_assigns_is_refused():
    with pytest.raises(PipelineError) as caught:
        Pipeline(components=["events"])
    message = str(caught.value)
    assert "'events' requires entities, places, dates, quotes" in message
    assert "entities is assigned by entities" in message
    with pytest.raises(PipelineError, match="'quotes' requires entities"):
        Pipeline(components=["quotes", "entities"])  # the order matters too
    with pytest.raises(PipelineError, match="'events' requires"):
        Pipeline(disable=["places"])


def test_intermediate_results_pass_only_where_declared(toy_components):
    article = Pipeline(components=["_producer", "_consumer"], strict=True)(Article(text="x"))
    assert article.warnings == ["got [1, 2]"]
    with pytest.raises(PipelineError, match="'_consumer' requires _numbers"):
        Pipeline(components=["_consumer"])
    with pytest.raises(PipelineError, match="offers '_numbers' without declaring it"):
        Pipeline(components=["_sneaky"], strict=True)(Article(text="x"))


def test_unknown_config_keys_and_bad_values_are_refused(toy_components):
    with pytest.raises(PipelineError, match="unknown config key events.infer_unamed_actors"):
        Pipeline(config={"events.infer_unamed_actors": False})
    with pytest.raises(PipelineError, match="config for unknown component"):
        Pipeline(config={"evnts.infer_unnamed_actors": False})
    with pytest.raises(PipelineError, match="COMPONENT.OPTION"):
        Pipeline(config={"infer_unnamed_actors": False})
    with pytest.raises(PipelineError, match="places.demonyms"):
        Pipeline(components=["places"], config={"places.demonyms": "perhaps"})
    # an option of a component switched off is still checked
    with pytest.raises(PipelineError, match="unknown config key framing.lexcon"):
        Pipeline(components=["clean"], config={"framing.lexcon": "false"})
    pipeline = Pipeline(components=["_count_a"], config=parse_config_items(["_count_a.label=zz"]))
    assert pipeline.configs["_count_a"].label == "zz"
    assert pipeline.analysis.components[0].config == {"label": "zz"}


def test_config_reaches_the_component():
    text = "Air strikes hit a market in Douma, near Damascus, on Saturday, killing 14 civilians, a monitor said."
    names = ["entities", "places", "dates", "quotes", "events"]
    inferred = Pipeline(components=names, strict=True)(Article(text=text)).events[0]
    strict = Pipeline(components=names, strict=True, config={"events": {"infer_unnamed_actors": "false"}})(
        Article(text=text)).events[0]
    assert strict.actor1 is None and inferred.actor1_inferred


def test_article_round_trips_through_json():
    article = Pipeline(components=["clean"])(Article(text="A title\n\nFirst paragraph.\n\nSecond one."))
    data = article.to_json()
    again = Article.model_validate(data)
    assert again == article


def test_paragraph_spans_index_the_text():
    article = Article(text="First paragraph.\n\nSecond one.", title="T")
    article.set_paragraphs()
    assert [article.text[p.start:p.end] for p in article.paragraphs] == ["First paragraph.", "Second one."]


def test_identity_survives_reanalysis_and_content_digest_does_not():
    url = "https://example.org/news/1"
    first = Pipeline(components=["clean"])(Article(text="Title\n\nShelling hit the town.", url=url))
    changed = Pipeline(components=["clean"])(Article(text="Title\n\nShelling hit the town again.", url=url))
    assert first.id == changed.id  # same URL: the same article, in a new version
    assert first.content_digest != changed.content_digest
    assert first.input_digest != changed.input_digest
    # Without a URL the raw input is the identity, whatever cleaning makes of it.
    raw = "Title\n\nShelling hit the town,  FNA reported."
    cleaned = Pipeline(components=["clean"])(Article(text=raw))
    verbatim = Pipeline(components=["clean"], verbatim=True)(Article(text=raw))
    assert cleaned.text != verbatim.text and cleaned.id == verbatim.id
    assert cleaned.content_digest != verbatim.content_digest


def test_events_have_stable_ids():
    text = "Syrian warplanes struck the town of Saraqib in Idlib on Tuesday, killing 12 civilians."
    names = ["entities", "places", "dates", "quotes", "events"]
    a = Pipeline(components=names)(Article(text=text, url="https://example.org/a"))
    b = Pipeline(components=names)(Article(text=text, url="https://example.org/a"))
    c = Pipeline(components=names)(Article(text=text, url="https://example.org/c"))
    assert a.events and [e.id for e in a.events] == [e.id for e in b.events]
    assert {e.id for e in a.events}.isdisjoint(e.id for e in c.events)
    assert len({e.id for e in a.events}) == len(a.events)


def test_every_article_records_its_provenance():
    from frontwire import __version__

    article = Pipeline()(Article(text="Shelling hit Idlib on Monday."))
    analysis = article.analysis
    assert analysis.frontwire_version == __version__
    assert [c.name for c in analysis.components] == list(DEFAULT_ORDER)
    assert next(c for c in analysis.components if c.name == "events").config == {"infer_unnamed_actors": True}
    assert set(analysis.resources) == {"actors", "places", "lexicons", "outlets", "framing_models", "spacy_model"}
    assert all(analysis.resources.values()) and analysis.failed == []
    assert Pipeline(components=["dates"])(Article(text="x")).analysis.resources == {}


def test_schema_lists_every_layer():
    props = json_schema()["properties"]
    for key in ("id", "outlet", "url", "title", "published", "published_source", "language", "text",
                "paragraphs", "credits", "related", "removed", "warnings", "entities", "places",
                "quotes", "events", "framing", "source_profile", "analysis", "input_digest", "content_digest"):
        assert key in props, key
