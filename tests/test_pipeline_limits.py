"""Bounded work per article: the parse in pieces, runs that are no words, and the time budget."""

import subprocess
import sys
import time

import pytest

from frontwire import registry
from frontwire.model import Article
from frontwire.nlp import CHUNK_CHARS, parse, pieces
from frontwire.pipeline import Pipeline, TimeBudgetExceeded
from frontwire.registry import component


def test_pieces_cover_the_text_and_end_at_breaks():
    paragraph = "Shelling hit the town of Idlib on Monday, killing five people. " * 40
    text = "\n\n".join([paragraph] * 60)
    spans = list(pieces(text))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(e - s <= CHUNK_CHARS for s, e in spans)
    assert all(text[e - 2:e] == "\n\n" for _, e in spans[:-1])  # cut at paragraph breaks
    one_token = "x" * (CHUNK_CHARS * 2 + 7)
    assert list(pieces(one_token)) == [(0, CHUNK_CHARS), (CHUNK_CHARS, 2 * CHUNK_CHARS), (2 * CHUNK_CHARS, len(one_token))]
    assert list(pieces("")) == [(0, 0)]


def test_a_long_text_is_parsed_whole_in_pieces():
    paragraph = "Syrian Army troops entered Aleppo on Monday, SANA reported. " * 30
    text = "\n\n".join([paragraph] * 70)  # ~126k characters: three pieces
    doc = parse(text)
    assert doc.text == text
    assert max(e.start_char for e in doc.ents) > 2 * CHUNK_CHARS  # the last piece has its entities too
    assert all(text[e.start_char:e.end_char] == e.text for e in doc.ents)


def test_runs_that_are_no_words_do_not_reach_the_tokenizer():
    text = "Shelling hit Idlib. " + "(" * 100_000 + " Aleppo was calm."
    started = time.perf_counter()
    doc = parse(text)
    assert time.perf_counter() - started < 10
    assert len(doc.text) == len(text)
    assert doc.ents and all(text[e.start_char:e.end_char] == e.text for e in doc.ents)


@pytest.fixture
def slow_component():
    @component("_slow", assigns=["_slow"])
    class Slow:
        def __init__(self, config):
            pass

        def __call__(self, work):
            try:
                while True:  # a scan that never ends, and code that would swallow an ordinary error
                    try:
                        time.sleep(0.01)
                    except Exception:
                        pass
            finally:
                work.article.warnings.append("cleaned up")

    yield "_slow"
    registry.unregister("component", "_slow")


def test_an_article_past_its_time_budget_is_stopped_and_said_so(slow_component):
    pipeline = Pipeline(components=["clean", "_slow", "dates"], time_budget=0.5)
    started = time.perf_counter()
    article = pipeline(Article(text="Title\n\nShelling hit Idlib on Monday."))
    assert time.perf_counter() - started < 5
    assert [f.component for f in article.analysis.failed] == ["_slow", "dates"]
    assert "time budget of 0.5 s" in article.analysis.failed[0].error
    assert article.text  # what was done before stays
    # the next article gets its own full budget
    again = Pipeline(components=["clean", "dates"], time_budget=0.5)(Article(text="Title\n\nShelling hit Idlib."))
    assert again.analysis.failed == []
    with pytest.raises(TimeBudgetExceeded):
        Pipeline(components=["_slow"], time_budget=0.2, strict=True)(Article(text="x"))


def test_the_budget_holds_when_its_alarm_lands_where_python_swallows_exceptions():
    """An alarm raised inside a gc callback is printed and dropped by Python; the article must be
    stopped all the same, by the alarm that comes again."""
    script = """
import gc, time
from frontwire import registry
from frontwire.model import Article
from frontwire.pipeline import Pipeline
from frontwire.registry import component

@component("_swallowed", assigns=["_swallowed"])
class Swallowed:
    def __init__(self, config):
        pass
    def __call__(self, work):
        gc.callbacks.append(lambda phase, info: time.sleep(0.4) if phase == "start" else None)
        gc.collect()  # the alarm lands in the callback's sleep
        gc.callbacks.clear()
        while True:  # then a loop that checks no deadline
            sum(range(100))

article = Pipeline(components=["clean", "_swallowed"], time_budget=0.2)(Article(text="Title\\n\\nShelling hit Idlib."))
print(article.analysis.failed[0].component, article.analysis.failed[0].error)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Exception ignored" in done.stderr  # the first alarm was swallowed
    assert done.stdout.startswith("_swallowed ") and "time budget of 0.2 s" in done.stdout


def test_cli_reports_an_article_past_its_budget_and_goes_on(tmp_path):
    slow = tmp_path / "slow.txt"
    slow.write_text("Shelling hit the town of Idlib on Monday. " * 4000, encoding="utf-8")  # ~170k chars
    fine = tmp_path / "fine.txt"
    fine.write_text("Army Repels Attack\n\nThe army repelled an attack near Hama on Monday.", encoding="utf-8")
    done = subprocess.run(
        # 5 s: far less than the slow article needs, and room for the fine one to load the models that
        # load on first use (the slow one stopped before reaching them) on a busy machine.
        [sys.executable, "-m", "frontwire", "analyze", "--format", "jsonl", "--time-budget", "5", str(slow), str(fine)],
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert f"{slow}: component" in done.stderr and "time budget of 5 s" in done.stderr
    assert len(done.stdout.splitlines()) == 2  # both articles written, the slow one marked incomplete
    assert f"{fine}" not in done.stderr
