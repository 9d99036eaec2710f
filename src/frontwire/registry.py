"""What frontwire is made of, by name: pipeline components and output writers.

A component declares, like a spaCy factory, the layers it ``requires`` (Article
fields or intermediate results an earlier component must have assigned), the
layers it ``assigns``, the layers of others it ``amends`` (only when they were
assigned before it), and a typed config whose defaults are the shipped
behaviour. The pipeline checks those declarations when it is built, so a
missing layer or a mistyped config key is an error at build time, not an empty
layer at run time.

Built-in components and writers live in modules imported only when a pipeline
or a command asks for them (the framing models need not load for ``--format
text`` of a clean-only run); a plugin registers its own with the same
decorators, or names a module with :func:`register_module`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, TextIO

from pydantic import BaseModel, ConfigDict

# Layers every Article has before any component runs: what the reader (or the
# caller of ``Pipeline``) put there.
INPUT_LAYERS = frozenset({"text", "title", "url", "outlet", "published", "source", "extraction"})


class ComponentConfig(BaseModel):
    """Base of every component's config: unknown keys are refused, values are checked."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class NoConfig(ComponentConfig):
    pass


@dataclass(frozen=True)
class Result:
    """An intermediate result a component offers to later ones (not part of the schema)."""

    name: str
    type: Any
    doc: str


@dataclass(frozen=True)
class ComponentSpec:
    name: str
    factory: Callable[[Any], Callable]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    amends: tuple[str, ...]
    offers: tuple[Result, ...]
    config: type[ComponentConfig]
    uses: tuple[str, ...] = ()  # resources (``frontwire.resources``) it reads, recorded as provenance
    doc: str = ""

    @property
    def provides(self) -> tuple[str, ...]:
        return self.assigns + tuple(r.name for r in self.offers)


@dataclass(frozen=True)
class WriterSpec:
    name: str
    factory: Callable[[TextIO], "Writer"]
    doc: str


class Writer:
    """Writes analysed Articles to a stream, one at a time; ``close`` finishes the output."""

    def write(self, article) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def close(self) -> None:
        pass


@dataclass
class _Registry:
    components: dict[str, ComponentSpec] = field(default_factory=dict)
    writers: dict[str, WriterSpec] = field(default_factory=dict)
    # name -> module that registers it when imported
    component_modules: dict[str, str] = field(default_factory=dict)
    writer_modules: dict[str, str] = field(default_factory=dict)


_REGISTRY = _Registry(
    component_modules={
        "clean": "frontwire.ingest.clean",
        "entities": "frontwire.understand.actors",
        "places": "frontwire.understand.places",
        "dates": "frontwire.understand.dates",
        "quotes": "frontwire.understand.quotes",
        "events": "frontwire.events.coder",
        "framing": "frontwire.framing.techniques",
        "source": "frontwire.framing.outlets",
    },
    writer_modules={
        "text": "frontwire.exports.text",
        "json": "frontwire.exports.json",
        "jsonl": "frontwire.exports.json",
        "acled": "frontwire.exports.acled",
        "geojson": "frontwire.exports.geojson",
    },
)

DEFAULT_ORDER = ("clean", "entities", "places", "dates", "quotes", "events", "framing", "source")


def component(
    name: str,
    *,
    requires: tuple[str, ...] | list[str] = (),
    assigns: tuple[str, ...] | list[str] = (),
    amends: tuple[str, ...] | list[str] = (),
    offers: tuple[Result, ...] | list[Result] = (),
    config: type[ComponentConfig] = NoConfig,
    uses: tuple[str, ...] | list[str] = (),
):
    """Register a component factory: a callable taking the component's config and
    returning a callable over a ``Work``."""

    def decorate(factory):
        _REGISTRY.components[name] = ComponentSpec(
            name=name,
            factory=factory,
            requires=tuple(requires),
            assigns=tuple(assigns),
            amends=tuple(amends),
            offers=tuple(offers),
            config=config,
            uses=tuple(uses),
            doc=(factory.__doc__ or "").strip().split("\n")[0],
        )
        return factory

    return decorate


def writer(name: str, doc: str = ""):
    """Register an output writer: a callable taking a text stream and returning a ``Writer``."""

    def decorate(factory):
        _REGISTRY.writers[name] = WriterSpec(name=name, factory=factory, doc=doc or (factory.__doc__ or "").strip())
        return factory

    return decorate


def register_module(kind: str, name: str, module: str) -> None:
    """Name the module that registers component or writer ``name`` (imported on first use)."""
    table = {"component": _REGISTRY.component_modules, "writer": _REGISTRY.writer_modules}[kind]
    table[name] = module


def unregister(kind: str, name: str) -> None:
    table = {"component": _REGISTRY.components, "writer": _REGISTRY.writers}[kind]
    modules = {"component": _REGISTRY.component_modules, "writer": _REGISTRY.writer_modules}[kind]
    table.pop(name, None)
    modules.pop(name, None)


def component_names() -> list[str]:
    return list(dict.fromkeys([*_REGISTRY.component_modules, *_REGISTRY.components]))


def writer_names() -> list[str]:
    return list(dict.fromkeys([*_REGISTRY.writer_modules, *_REGISTRY.writers]))


def get_component(name: str) -> ComponentSpec:
    return _lookup(name, _REGISTRY.components, _REGISTRY.component_modules, "component", component_names)


def get_writer(name: str) -> WriterSpec:
    return _lookup(name, _REGISTRY.writers, _REGISTRY.writer_modules, "output format", writer_names)


def _lookup(name, table, modules, what, names):
    if name not in table and name in modules:
        importlib.import_module(modules[name])
    try:
        return table[name]
    except KeyError:
        if name in modules:
            raise LookupError(f"module {modules[name]} does not register the {what} {name!r}") from None
        raise LookupError(f"unknown {what} {name!r}; known: {', '.join(names())}") from None
