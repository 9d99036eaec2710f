"""Builds and runs the components over one shared Article.

Components are registered by name (``frontwire.registry``) with the layers they
require, assign and amend, and a typed config. Building a pipeline checks the
declarations: a component whose requirement no earlier component assigns, a
config key no component knows, or a value of the wrong type is refused with a
message saying what to change. Running it passes each article through the
components with one ``Work``: the spaCy parse is made at most once, lazily, the
first time a component asks for it, and intermediate results pass only where
they were declared.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from functools import cached_property
from typing import Any, Iterable, Iterator, Mapping

from pydantic import ValidationError

from . import registry, resources
from .model import Analysis, Article, ComponentFailure, ComponentRun, event_id
from .registry import DEFAULT_ORDER, INPUT_LAYERS, ComponentSpec

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_ORDER", "DEFAULT_TIME_BUDGET", "Pipeline", "PipelineError", "TimeBudgetExceeded", "Work",
           "parse_config_items"]

# Seconds one article may take through the whole pipeline (a news article takes well under one).
DEFAULT_TIME_BUDGET = 20.0
# After the budget, how often the alarm comes again until its exception reaches the pipeline.
REPEAT_ALARM_SECONDS = 0.25


class PipelineError(ValueError):
    """The pipeline cannot be built as asked: a missing layer, an unknown component or config key."""


class TimeBudgetExceeded(BaseException):
    """An article ran past its time budget. A BaseException, like KeyboardInterrupt, so that no
    component's ``except Exception`` can swallow it: it must reach the pipeline."""


class _Deadline:
    """The article's time budget: an alarm interrupts whatever runs (a regex, the parser between
    two pieces) in the main thread; elsewhere, where signals cannot reach, ``check`` is called
    between components and between pieces of the parse."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds if seconds and seconds > 0 else None
        self.ends_at: float | None = None

    def check(self) -> None:
        if self.ends_at is not None and time.monotonic() > self.ends_at:
            raise TimeBudgetExceeded(self.message)

    @property
    def message(self) -> str:
        return f"the article took more than its time budget of {self.seconds:g} s"

    @contextmanager
    def running(self):
        if self.seconds is None:
            yield self
            return
        self.ends_at = time.monotonic() + self.seconds
        use_alarm = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
        if not use_alarm:
            try:
                yield self
            finally:
                self.ends_at = None
            return

        def on_alarm(signum, frame):
            # Python swallows an exception raised where it cannot propagate (a gc callback, a
            # __del__, a weakref callback): the alarm comes again until one reaches the pipeline.
            signal.setitimer(signal.ITIMER_REAL, REPEAT_ALARM_SECONDS)
            raise TimeBudgetExceeded(self.message)

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        try:
            yield self
        finally:
            while True:
                try:  # a repeated alarm that lands here is caught: the timer is stopped all the same
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    signal.signal(signal.SIGALRM, previous)
                    break
                except TimeBudgetExceeded:
                    continue
            self.ends_at = None


class Work:
    """One article on its way through the pipeline, with what components share.

    ``doc`` is the spaCy parse of ``article.text``; it is created on first use,
    after cleaning has fixed the text, and reused by every later component.
    Intermediate results go through ``offer``/``result``: a component may offer
    only what its declaration names, and read only what it requires.
    """

    def __init__(self, article: Article, pipeline: "Pipeline", deadline: _Deadline | None = None):
        self.article = article
        self.pipeline = pipeline
        self.deadline = deadline
        self.parse_seconds = 0.0
        self._results: dict[str, Any] = {}
        self._current: ComponentSpec | None = None
        self._assigned: set[str] = set(INPUT_LAYERS)

    @cached_property
    def doc(self):
        from .nlp import parse

        started = time.perf_counter()
        doc = parse(self.article.text, check=self.deadline.check if self.deadline else None)
        self.parse_seconds = time.perf_counter() - started
        return doc

    @property
    def parsed(self) -> bool:
        return "doc" in self.__dict__

    @property
    def verbatim(self) -> bool:
        return self.pipeline.verbatim

    @contextmanager
    def acting_as(self, spec: ComponentSpec):
        """Run code as component ``spec``: it may offer and read what it declares, and its layers
        count as assigned once it returns without raising (what ``Pipeline`` does for each)."""
        self._current = spec
        try:
            yield self
            self._assigned.update(spec.provides)
        finally:
            self._current = None

    def has(self, layer: str) -> bool:
        """Whether an earlier component assigned ``layer`` (what ``amends`` may touch)."""
        return layer in self._assigned

    def offer(self, name: str, value: Any) -> None:
        spec = self._current
        declared = {r.name: r for r in spec.offers} if spec else {}
        if name not in declared:
            raise PipelineError(f"component {spec.name if spec else '?'} offers {name!r} without declaring it")
        self._results[name] = value

    def result(self, name: str, default: Any = None) -> Any:
        spec = self._current
        if spec is not None and name not in spec.requires:
            raise PipelineError(f"component {spec.name} reads {name!r} without requiring it")
        return self._results.get(name, default)


def _coerce_config(raw: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    """{"events.infer_unnamed_actors": False} or {"events": {"infer_unnamed_actors": False}} ->
    {"events": {"infer_unnamed_actors": False}}."""
    out: dict[str, dict[str, Any]] = defaultdict(dict)
    for key, value in (raw or {}).items():
        if isinstance(value, Mapping) and "." not in key:
            out[key].update(value)
            continue
        component, dot, option = key.partition(".")
        if not dot or not option:
            raise PipelineError(f"config key {key!r}: write it as COMPONENT.OPTION, e.g. events.infer_unnamed_actors")
        out[component][option] = value
    return dict(out)


def parse_config_items(items: Iterable[str]) -> dict[str, str]:
    """``KEY=VALUE`` strings from the command line; values stay strings, each component's config
    model converts them ("false" -> False, "3" -> 3) and refuses what does not fit."""
    out = {}
    for item in items:
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            raise PipelineError(f"--config {item!r}: expected KEY=VALUE, e.g. events.infer_unnamed_actors=false")
        out[key.strip()] = value.strip()
    return out


def _validation_message(component: str, exc: ValidationError) -> str:
    problems = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"])
        if error["type"] == "extra_forbidden":
            problems.append(f"unknown config key {component}.{where}")
        else:
            problems.append(f"{component}.{where}: {error['msg']} (got {error.get('input')!r})")
    return "; ".join(problems)


class Pipeline:
    def __init__(
        self,
        components: Iterable[str] | None = None,
        disable: Iterable[str] = (),
        verbatim: bool = False,
        strict: bool = False,
        config: Mapping[str, Any] | None = None,
        time_budget: float | None = DEFAULT_TIME_BUDGET,
    ):
        names = list(components) if components is not None else list(DEFAULT_ORDER)
        disabled = set(disable)
        known = registry.component_names()
        unknown = sorted((set(names) | disabled) - set(known))
        if unknown:
            raise PipelineError(f"unknown component(s): {', '.join(unknown)}; known: {', '.join(known)}")
        self.verbatim = verbatim
        self.strict = strict
        self.time_budget = time_budget
        wanted = [n for n in names if n not in disabled]
        self.specs: list[ComponentSpec] = [registry.get_component(n) for n in wanted]
        self._check_layers()
        self.configs = self._configs(_coerce_config(config))
        # Seconds spent per component over the pipeline's life; the spaCy parse is
        # counted apart, under "parse", whichever component first asked for it.
        self.timings: dict[str, float] = defaultdict(float)
        self.components = [self._build(spec) for spec in self.specs]
        self._analysis = self._describe()

    def _build(self, spec: ComponentSpec):
        try:
            return spec.factory(self.configs[spec.name])
        except Exception as exc:  # a missing model file, a broken table: say which component, and why
            raise PipelineError(f"component {spec.name!r} could not be built: {type(exc).__name__}: {exc}") from exc

    def _check_layers(self) -> None:
        available = set(INPUT_LAYERS)
        for spec in self.specs:
            missing = [layer for layer in spec.requires if layer not in available]
            if missing:
                suppliers = {layer: [s for s in registry.component_names()
                                     if s != spec.name and layer in _provides(s)] for layer in missing}
                hints = "; ".join(
                    f"{layer} is assigned by {', '.join(who) or 'no registered component'}" for layer, who in suppliers.items())
                raise PipelineError(
                    f"component {spec.name!r} requires {', '.join(missing)}, which no earlier component assigns "
                    f"({hints}): put those components before {spec.name!r}")
            available.update(spec.provides)

    def _configs(self, given: dict[str, dict[str, Any]]):
        in_pipeline = {s.name for s in self.specs}
        unknown = sorted(set(given) - set(registry.component_names()))
        if unknown:
            raise PipelineError(f"config for unknown component(s): {', '.join(unknown)}")
        configs = {}
        # Options of a registered component that is switched off are still checked: a typo
        # must not wait for the day the component is switched on.
        for name in sorted(set(given) | in_pipeline):
            spec = registry.get_component(name)
            values = dict(given.get(name, {}))
            if name == "clean" and self.verbatim:
                values.setdefault("verbatim", True)
            try:
                configs[name] = spec.config(**values)
            except ValidationError as exc:
                raise PipelineError(_validation_message(name, exc)) from None
        return configs

    def _describe(self) -> Analysis:
        from . import __version__

        used: list[str] = []
        for spec in self.specs:
            used.extend(r for r in spec.uses if r not in used)
        return Analysis(
            frontwire_version=__version__,
            components=[ComponentRun(name=s.name, config=self.configs[s.name].model_dump(mode="json"))
                        for s in self.specs],
            resources={name: resources.digest(name) for name in sorted(used)},
        )

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.specs]

    @property
    def analysis(self) -> Analysis:
        """What every article this pipeline analyses records as its provenance."""
        return self._analysis.model_copy(deep=True)

    def __call__(self, article: Article) -> Article:
        article.identify()
        deadline = _Deadline(self.time_budget)
        work = Work(article, self, deadline)
        failures: list[ComponentFailure] = []
        try:
            with deadline.running():
                self._run(work, failures)
        except TimeBudgetExceeded as exc:  # strict, or the alarm rang between the last component and its reset
            if self.strict:
                raise
            if not failures or not failures[-1].error.startswith("TimeBudgetExceeded"):
                failures.append(ComponentFailure(component=self.specs[-1].name, error=f"TimeBudgetExceeded: {exc}"))
        for event in article.events:
            event.id = event_id(article.id, event)
        article.compute_content_digest()
        article.analysis = self.analysis
        article.analysis.failed = failures
        return article

    def _run(self, work: Work, failures: list[ComponentFailure]) -> None:
        article = work.article
        for index, (spec, component) in enumerate(zip(self.specs, self.components)):
            parsed_before = work.parse_seconds
            started = time.perf_counter()
            try:
                work.deadline.check()
                with work.acting_as(spec):
                    component(work)
            except TimeBudgetExceeded as exc:
                if self.strict:
                    raise
                # The rest of the article's layers are not made: each is said to be missing, and the
                # batch goes on with the next article.
                for skipped in self.specs[index:]:
                    reason = str(exc) if skipped is spec else f"not run: {exc}"
                    failures.append(ComponentFailure(component=skipped.name, error=f"TimeBudgetExceeded: {reason}"))
                article.warnings.append(f"component {spec.name} stopped: {exc}")
                return
            except Exception as exc:  # one failing layer must not lose the article
                if self.strict:
                    raise
                log.debug("component %s failed on %s", spec.name, article.source, exc_info=True)
                error = f"{type(exc).__name__}: {exc}"
                failures.append(ComponentFailure(component=spec.name, error=error))
                article.warnings.append(f"component {spec.name} failed: {error}")
            finally:
                parse = work.parse_seconds - parsed_before
                self.timings[spec.name] += time.perf_counter() - started - parse
                self.timings["parse"] += parse

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            yield self(article)


def _provides(name: str) -> tuple[str, ...]:
    try:
        return registry.get_component(name).provides
    except LookupError:
        return ()
