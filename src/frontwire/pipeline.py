"""Builds and runs the components over one shared Article.

Components are small callables registered by name; each adds one layer to the
Article (clean -> entities -> places -> dates -> quotes -> events -> framing ->
source). They share one ``Work`` per article: the spaCy parse is made at most
once, lazily, the first time a component asks for it, so a pipeline whose
components never need it never pays for it.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections import defaultdict
from functools import cached_property
from typing import Any, Callable, Iterable, Iterator, Protocol

from .model import Article

log = logging.getLogger(__name__)

# name -> "module:factory". A factory takes the pipeline config (dict) and returns a component.
REGISTRY: dict[str, str] = {
    "clean": "frontwire.ingest.clean:make_component",
    "entities": "frontwire.understand.actors:make_component",
    "places": "frontwire.understand.places:make_component",
    "dates": "frontwire.understand.dates:make_component",
    "quotes": "frontwire.understand.quotes:make_component",
    "events": "frontwire.events.coder:make_component",
    "framing": "frontwire.framing.techniques:make_component",
    "source": "frontwire.framing.outlets:make_component",
}
DEFAULT_ORDER = ["clean", "entities", "places", "dates", "quotes", "events", "framing", "source"]


class Component(Protocol):
    name: str

    def __call__(self, work: "Work") -> None: ...


def register(name: str, target: str) -> None:
    """Register (or replace) a component factory, e.g. from a plugin."""
    REGISTRY[name] = target


class Work:
    """One article on its way through the pipeline, with what components share.

    ``doc`` is the spaCy parse of ``article.text``; it is created on first use,
    after cleaning has fixed the text, and reused by every later component.
    ``shared`` carries intermediate results between components (e.g. the
    actor matches that events reuse) without putting them into the schema.
    """

    def __init__(self, article: Article, pipeline: "Pipeline"):
        self.article = article
        self.pipeline = pipeline
        self.shared: dict[str, Any] = {}
        self.parse_seconds = 0.0

    @cached_property
    def doc(self):
        from .nlp import get_nlp

        started = time.perf_counter()
        doc = get_nlp()(self.article.text)
        self.parse_seconds = time.perf_counter() - started
        return doc

    @property
    def parsed(self) -> bool:
        return "doc" in self.__dict__

    @property
    def verbatim(self) -> bool:
        return self.pipeline.verbatim


def _load_factory(target: str) -> Callable[[dict], Component]:
    module_name, _, attr = target.partition(":")
    return getattr(importlib.import_module(module_name), attr)


class Pipeline:
    def __init__(
        self,
        components: Iterable[str] | None = None,
        disable: Iterable[str] = (),
        verbatim: bool = False,
        strict: bool = False,
        config: dict | None = None,
    ):
        names = list(components) if components is not None else list(DEFAULT_ORDER)
        disabled = set(disable)
        unknown = (set(names) | disabled) - set(REGISTRY)
        if unknown:
            raise ValueError(f"unknown component(s): {', '.join(sorted(unknown))}; known: {', '.join(REGISTRY)}")
        self.verbatim = verbatim
        self.strict = strict
        self.config = dict(config or {})
        self.config.setdefault("verbatim", verbatim)
        self.components: list[Component] = []
        # Seconds spent per component over the pipeline's life; the spaCy parse is
        # counted apart, under "parse", whichever component first asked for it.
        self.timings: dict[str, float] = defaultdict(float)
        for name in names:
            if name in disabled:
                continue
            component = _load_factory(REGISTRY[name])(self.config)
            component.name = name
            self.components.append(component)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def __call__(self, article: Article) -> Article:
        work = Work(article, self)
        for component in self.components:
            parsed_before = work.parse_seconds
            started = time.perf_counter()
            try:
                component(work)
            except Exception as exc:  # one failing layer must not lose the article
                if self.strict:
                    raise
                log.exception("component %s failed on %s", component.name, article.source)
                article.warnings.append(f"component {component.name} failed: {type(exc).__name__}: {exc}")
            finally:
                parse = work.parse_seconds - parsed_before
                self.timings[component.name] += time.perf_counter() - started - parse
                self.timings["parse"] += parse
        if not article.id:
            article.compute_id()
        return article

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            yield self(article)
