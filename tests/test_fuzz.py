"""Hostile input at volume: generated and mutated inputs (``tests/fuzz/strategies.py``) thrown at
the readers and at the whole default pipeline.

Properties, for every case:
- no crash: the readers give only Articles and InputErrors that name the input and a reason (an
  exception a catch-all dressed as an error is a crash); no pipeline component fails;
- no hang: reading has a time limit, and the pipeline, under its per-article time budget, returns
  within the budget and a grace period (a budget stop is counted, not failed: it is the pipeline
  doing its job on a pathological page);
- every span's offsets valid (``assert_offsets_valid``), every article writable as strict UTF-8
  JSON and valid against its own schema, and read again from what the store keeps of its input
  (``reanalyse``) into the same article.

Profiles (``FRONTWIRE_FUZZ_PROFILE``): "ci", the default, a short run for ``make test``; "long"
for ``make fuzz``, over 10,000 cases. Counts per strategy are printed at the end.
"""

from __future__ import annotations

import faulthandler
import logging
import os
import re
import signal
import tempfile
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontwire.ingest.errors import InputError
from frontwire.ingest.raw import raw_input_of, read_again
from frontwire.ingest.readers import iter_articles
from frontwire.model import Article
from frontwire.pipeline import Pipeline
from fuzz.properties import assert_article_sound, assert_error_clear, assert_offsets_valid
from fuzz.strategies import STRATEGIES, Case

# Examples per strategy (readers, pipeline) and the pipeline's time budget per article. The long
# run: 13 strategies x 700 through the readers, 12 x 90 + 18 huge lines through the pipeline:
# 10,108 cases. FRONTWIRE_FUZZ_EXAMPLES=READERS,PIPELINE overrides the counts (a longer hunt on one
# strategy: -k and a big second number).
PROFILES = {"ci": (12, 3, 5.0), "long": (700, 90, 5.0)}
# Strategies whose cases mostly run into the time budget get this share of the pipeline's examples.
COSTLY = {"huge_lines": 5}
PROFILE = os.environ.get("FRONTWIRE_FUZZ_PROFILE", "ci")
if PROFILE not in PROFILES:
    raise pytest.UsageError(f"FRONTWIRE_FUZZ_PROFILE={PROFILE!r}: expected one of {', '.join(PROFILES)}")
READER_EXAMPLES, PIPELINE_EXAMPLES, TIME_BUDGET = PROFILES[PROFILE]
if os.environ.get("FRONTWIRE_FUZZ_EXAMPLES"):
    READER_EXAMPLES, PIPELINE_EXAMPLES = (int(n) for n in os.environ["FRONTWIRE_FUZZ_EXAMPLES"].split(","))
# No example database: nothing is written into the checkout, and each run draws afresh.
_BASE = settings(deadline=None, database=None, print_blob=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
READERS = settings(_BASE, max_examples=READER_EXAMPLES)
PIPELINE = settings(_BASE, max_examples=PIPELINE_EXAMPLES)

# Reading one case (at most 200 kB of hostile bytes) takes well under a second; far more is a hang.
READ_LIMIT = 30.0
# Past its budget, the pipeline stops between two steps of a component; that step may still be
# running (a C extension does not see the alarm): allowed this much longer, on a busy machine.
BUDGET_GRACE = 20.0
# Articles of one case put through the pipeline (a JSON Lines case may hold many).
ARTICLES_PER_CASE = 3

COUNTS: dict[str, Counter] = defaultdict(Counter)


class ReadingHung(BaseException):
    """A BaseException, so that no reader's ``except Exception`` can swallow it."""


@contextmanager
def time_limit(seconds: float, what: str):
    def on_alarm(signum, frame):
        raise ReadingHung(f"{what} still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module", autouse=True)
def quiet_extractors():
    """trafilatura and htmldate log an ERROR for every broken page; here thousands are meant."""
    loggers = [logging.getLogger(name) for name in ("trafilatura", "htmldate", "readability", "courlan")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels):
        logger.setLevel(level)


@pytest.fixture(scope="module")
def workdir():
    with tempfile.TemporaryDirectory(prefix="frontwire-fuzz-") as folder:
        yield Path(folder)


@pytest.fixture(scope="module", autouse=True)
def summary(request):
    yield COUNTS
    if not COUNTS:
        return
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        _print_summary(print)
        return
    with capture.global_and_fixture_disabled():
        _print_summary(reporter.write_line)


def _print_summary(write) -> None:
    total = sum(c["cases"] for c in COUNTS.values())
    write("")
    write(f"fuzz summary (profile {PROFILE}): {total} cases")
    columns = ("cases", "articles", "errors", "analysed", "budget_stops", "smallest_stopped_chars", "spans")
    headings = ("cases", "articles", "errors", "analysed", "budget stops", "smallest stopped", "spans checked")
    write(f"  {'strategy':<30}" + "".join(f"{h:>17}" for h in headings))
    for name in sorted(COUNTS):
        cells = [COUNTS[name][c] if COUNTS[name][c] or c != "smallest_stopped_chars" else "-" for c in columns]
        write(f"  {name:<30}" + "".join(f"{cell:>17}" for cell in cells))
    reasons = Counter()
    for counts in COUNTS.values():
        reasons.update({k[len("reason:"):]: v for k, v in counts.items() if k.startswith("reason:")})
    write("  errors by reason: " + "; ".join(f"{r} {n}" for r, n in reasons.most_common(12)))


_DETAIL = re.compile(r"[:(].*")


def read_case(case: Case, folder: Path, counts: Counter, again: bool = True) -> list[Article | InputError]:
    path = folder / case.filename
    path.write_bytes(case.data)
    faulthandler.dump_traceback_later(4 * READ_LIMIT, exit=True)  # should the alarm be swallowed
    try:
        with time_limit(READ_LIMIT, f"reading {case.filename}"):
            items = list(iter_articles([str(path)], verbatim=case.verbatim))
    finally:
        faulthandler.cancel_dump_traceback_later()
    counts["cases"] += 1
    assert items, "a case gives at least one article or error"
    for item in items:
        assert isinstance(item, (Article, InputError)), type(item)
        if isinstance(item, InputError):
            counts["errors"] += 1
            counts["reason:" + _DETAIL.sub("", item.reason).strip()] += 1
            assert_error_clear(item, str(path))
        else:
            counts["articles"] += 1
            assert item.source.startswith(str(path))
            assert_article_sound(item)
            assert_offsets_valid(item)  # what a reader sets (verbatim paragraphs, credits) holds too
            if again:
                assert_read_again_alike(item)
    return items


def assert_read_again_alike(article: Article) -> None:
    """What the store keeps of the input gives the same article when ``reanalyse`` reads it again."""
    again = read_again(raw_input_of(article))
    assert isinstance(again, Article), f"{article.source}: read again, {again}"
    assert (again.text, again.title, again.url, again.published, again.input_digest) == (
        article.text, article.title, article.url, article.published, article.input_digest), article.source


@pytest.fixture(scope="module")
def pipelines():
    made = {verbatim: Pipeline(verbatim=verbatim, time_budget=TIME_BUDGET) for verbatim in (False, True)}
    # Models load on first use: once here, so no case's budget pays for it.
    for pipeline in made.values():
        pipeline.time_budget = None
        pipeline(Article(text="Shelling in Aleppo\n\nGovernment forces shelled Aleppo on Saturday, a monitor said."))
        pipeline.time_budget = TIME_BUDGET
    return made


def analyse(article: Article, pipeline: Pipeline, counts: Counter) -> Article:
    started = time.monotonic()
    # Last resort against a hang no alarm can interrupt: the traceback, and the run ends.
    faulthandler.dump_traceback_later(TIME_BUDGET + 10 * BUDGET_GRACE, exit=True)
    try:
        analysed = pipeline(article)
    finally:
        faulthandler.cancel_dump_traceback_later()
    took = time.monotonic() - started
    assert took < TIME_BUDGET + BUDGET_GRACE, f"{article.source}: the pipeline took {took:.1f} s (budget {TIME_BUDGET} s)"
    counts["analysed"] += 1
    failed = analysed.analysis.failed
    if any(f.error.startswith("TimeBudgetExceeded") for f in failed):
        counts["budget_stops"] += 1
        # The smallest article stopped says most: a pathological scan rather than a big page.
        smallest = counts["smallest_stopped_chars"]
        counts["smallest_stopped_chars"] = min(smallest, len(article.text)) if smallest else len(article.text)
    crashes = [f for f in failed if not f.error.startswith("TimeBudgetExceeded")]
    assert not crashes, f"{article.source}: component(s) failed: " + "; ".join(f"{f.component}: {f.error}" for f in crashes)
    counts["spans"] += assert_offsets_valid(analysed)
    assert_article_sound(analysed)
    return analysed


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_readers_give_articles_or_clear_errors(name, workdir):
    @READERS
    @given(data=st.data())
    def check(data):
        read_case(data.draw(STRATEGIES[name], label=name), workdir, COUNTS[f"readers/{name}"])

    check()


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_pipeline_never_crashes_or_hangs_and_keeps_offsets(name, workdir, pipelines):
    @settings(PIPELINE, max_examples=max(1, PIPELINE.max_examples // COSTLY.get(name, 1)))
    @given(data=st.data())
    def check(data):
        case = data.draw(STRATEGIES[name], label=name)
        counts = COUNTS[f"pipeline/{name}"]
        items = read_case(case, workdir, counts, again=False)  # read again by the readers' test
        for article in [item for item in items if isinstance(item, Article)][:ARTICLES_PER_CASE]:
            analyse(article, pipelines[case.verbatim], counts)

    check()


# --- the checker itself ----------------------------------------------------------------------------

def _article_with_every_span(text: str) -> Article:
    from frontwire.model import Credit, DateMention, Entity, Event, Evidence, FramingSpan, Mention, Place, Quote, Span

    return Article(
        text=text, paragraphs=[Span(start=0, end=len(text))], credits=[Credit(name="SANA", start=0, end=4)],
        entities=[Entity(text="SANA", start=0, end=4, kind="organization")],
        places=[Place(name="Aleppo", mentions=[Mention(text="Aleppo", start=21, end=27)])],
        dates=[DateMention(text="Saturday", start=31, end=39)],
        quotes=[Quote(text="We hold", start=42, end=49, kind="direct", speaker="SANA", speaker_start=0, speaker_end=4)],
        events=[Event(event_type="Battles", sub_event_type="Armed clash", evidence=Evidence(sentence=text, start=0, end=len(text)))],
        framing=[FramingSpan(technique="Loaded_Language", text="shelled", start=13, end=20, score=0.5)],
    )


def test_offsets_checker_walks_every_layer_and_catches_a_bad_span():
    text = 'SANA: Troops shelled Aleppo on Saturday. "We hold"'
    article = _article_with_every_span(text)
    # paragraph, credit, entity, place mention, date, quote and its speaker, event evidence, framing
    assert assert_offsets_valid(article) == 9
    broken = [
        (r"entities\[0\]\.Entity\.start", lambda a: setattr(a.entities[0], "end", 5)),
        (r"mentions\[0\]\.Mention\.start", lambda a: setattr(a.places[0].mentions[0], "start", 20)),
        (r"Quote\.speaker_start.*the span says 'Troops'", lambda a: setattr(a.quotes[0], "speaker", "Troops")),
        (r"Quote\.speaker_start: one offset set", lambda a: setattr(a.quotes[0], "speaker_end", None)),
        (r"evidence\.Evidence\.start.*outside", lambda a: setattr(a.events[0].evidence, "end", len(text) + 1)),
        (r"framing\[0\]\.FramingSpan\.start", lambda a: setattr(a.framing[0], "start", 21)),
        (r"paragraphs\[0\]\.Span\.start.*outside", lambda a: setattr(a.paragraphs[0], "start", -1)),
    ]
    for problem, damage in broken:
        article = _article_with_every_span(text)
        damage(article)
        with pytest.raises(AssertionError, match=problem):
            assert_offsets_valid(article)
