"""Hostile input: every record in gives an article or one error naming it, nothing
crashes, hangs or is silently lost, and ``--verbatim`` text is the input.

One test (or a few) per class of the hostile-input probe, plus bounded property
tests (hypothesis). Work that went quadratic runs in a forked child with a
deadline, so a regression fails instead of hanging the suite, and is judged on
the CPU time it took, which a busy machine does not inflate.
"""

from __future__ import annotations

import codecs
import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import warc_response
from frontwire.ingest.clean import annotate, clean
from frontwire.ingest.errors import InputError
from frontwire.ingest.readers import iter_articles
from frontwire.ingest.sniff import kind_of
from frontwire.model import Article, Extraction

BODY = "Government forces shelled rebel positions near the town on Saturday, killing six fighters, a monitor said."
CLI = [sys.executable, "-m", "frontwire", "analyze"]
# Bounded, and without an example database: nothing is written into the checkout.
FUZZ = settings(max_examples=50, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def read(*paths, **kw) -> list[Article | InputError]:
    return list(iter_articles([os.fsdecode(p) for p in paths], **kw))


def kinds(items) -> list[str]:
    return [type(item).__name__ for item in items]


def finishes_within(seconds: float, work, *args) -> float:
    """Run ``work(*args)`` in a forked child; fail if it is still running after ``seconds``.
    Returns the CPU seconds the child spent on it (unlike wall time, not inflated by
    whatever else shares the machine)."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_cpu_timed, args=(send, work, *args))
    child.start()
    child.join(seconds)
    if child.is_alive():
        child.kill()
        child.join()
        pytest.fail(f"{work.__name__} still running after {seconds} s")
    assert child.exitcode == 0, f"{work.__name__} failed in the child (exit {child.exitcode})"
    return receive.recv()


def _cpu_timed(send, work, *args) -> None:
    started = time.process_time()
    work(*args)
    send.send(time.process_time() - started)


def run_cli(*args, timeout: float = 240) -> subprocess.CompletedProcess:
    """The real command line, no mocks; stdout must be valid UTF-8 whatever the input."""
    done = subprocess.run([*CLI, *args], capture_output=True, timeout=timeout)
    done.stdout.decode("utf-8", errors="strict")
    return done


def cli_articles(done: subprocess.CompletedProcess) -> list[dict]:
    # "\n" only: a raw U+2028 inside a JSON string is no line break
    return [json.loads(line) for line in done.stdout.decode("utf-8").split("\n") if line.strip()]


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def plain(text: str) -> Article:
    return Article(source="t", text=text, extraction=Extraction(reader="text", method="plain"))


# --- 1. crash: lone surrogates ---------------------------------------------------


def test_lone_surrogate_escapes_become_replacement_characters_with_a_warning(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"title": "Shelling \udc80 report", "text": f"{BODY} Bad \ud800 byte and \udc80 another."}) + "\n"
        + json.dumps({"text": BODY}) + "\n", encoding="ascii")
    first, second = read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert "\ufffd" in first.text and not _has_surrogate(first.text + first.title)
    assert any("lone surrogate" in warning for warning in first.warnings)
    assert first.input_digest and second.input_digest and first.input_digest != second.input_digest
    first.text.encode("utf-8")  # what the pipeline and every writer need


def test_lone_surrogates_in_a_json_document(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"text": f"{BODY} \udcff"}, {"text": BODY}], indent=1), encoding="ascii")
    items = read(path)
    assert kinds(items) == ["Article", "Article"]
    assert items[0].text.endswith("\ufffd")


# --- 2. hangs: every scan linear ------------------------------------------------


def _clean_print_r_with_trailing_spaces():
    text = f"{BODY}\nArray\n(\n    [title] => Shelling report" + " " * 20_000 + "\n"
    article = clean(plain(text))
    assert BODY in article.text


def test_print_r_value_followed_by_a_long_run_of_spaces_is_linear():
    assert finishes_within(60, _clean_print_r_with_trailing_spaces) < 5


def _clean_many_short_lines():
    text = "\n".join(f"Aleppo{i % 7}" for i in range(50_000))
    assert clean(plain(text)).text
    annotate(plain(text))


def _clean_many_removed_lines():
    text = BODY + "\n" + "\n".join(f"Tags: item{i}" for i in range(100_000))
    article = clean(plain(text))
    assert article.text == BODY and len(article.removed) == 100_000


def _clean_alternating_related_headers_and_links():
    text = BODY + "\n" + "\n".join("Related" if i % 2 else "Some Link Title Here" for i in range(30_000)) + "\n" + BODY
    clean(plain(text))


def _clean_one_900k_line():
    text = (BODY + " ") * 8_500
    assert len(clean(plain(text)).text) > 800_000
    annotate(plain(text))


@pytest.mark.parametrize("work", [_clean_many_short_lines, _clean_many_removed_lines,
                                  _clean_alternating_related_headers_and_links, _clean_one_900k_line])
def test_cleaning_is_linear_in_lines_and_line_length(work):
    assert finishes_within(60, work) < 8


class _Token:
    pos_, is_alpha, ent_type_ = "PROPN", True, "GPE"

    def __init__(self, idx: int):
        self.idx = idx


class _PlaceEntity:
    """What the places layer reads of a spaCy entity."""
    label_ = "GPE"

    def __init__(self, start: int, end: int):
        self.start_char, self.end_char = start, end

    def __iter__(self):
        return iter([_Token(self.start_char)])

    def __len__(self):
        return 1


class _Doc:
    def __init__(self, ents):
        self.ents = ents

    def char_span(self, start, end, alignment_mode="expand"):
        return [_Token(start)]


def _places_on_50000_place_lines():
    from frontwire import resources
    from frontwire.model import Entity
    from frontwire.understand.places import PlaceRecognizer, agree_entities

    names = ["Aleppo", "Homs", "Idlib", "Raqqa", "Hama"]
    words = [names[i % len(names)] for i in range(50_000)]
    text = "\n".join(words)
    ents, pos = [], 0
    for word in words:
        ents.append(_PlaceEntity(pos, pos + len(word)))
        pos += len(word) + 1
    gaz = resources.gazetteer()
    recognizer = PlaceRecognizer(gaz, demonym_mentions=False)
    spans = recognizer.spans(_Doc(ents), text, [])
    recognizer.resolve(spans, [], text)
    places = recognizer.places(text, spans)
    assert sum(len(p.mentions) for p in places) == 50_000
    entities = [Entity(text=text[e.start_char:e.end_char], start=e.start_char, end=e.end_char, kind="place",
                       ner_label="GPE") for e in ents]
    agreed = agree_entities(text, entities, [(s.start, s.end) for s in spans if s.choice], [], gaz)
    assert len(agreed) == 50_000


def test_places_layer_on_50000_one_word_place_lines_is_log_linear():
    from frontwire import resources

    resources.gazetteer()  # loaded here, so the child times only the places layer
    assert finishes_within(90, _places_on_50000_place_lines) < 30


def test_quotes_layer_on_a_thousand_short_quotes_without_dates_is_linear():
    from frontwire.pipeline import Pipeline

    pipeline = Pipeline(components=["clean", "entities", "dates", "quotes"], time_budget=None)
    pipeline(Article(text="Briefing\n\nGovernment forces shelled Aleppo, a monitor said."))  # models loaded
    pipeline.timings.clear()
    article = pipeline(Article(text="Briefing\n\n" + '"No," he said. ' * 1_000))
    assert len(article.quotes) >= 990
    # Linear work takes about 0.1 s here; the quadratic scan 5 s and more.
    assert pipeline.timings["quotes"] < 2, f"the quotes layer took {pipeline.timings['quotes']:.1f} s"


# --- 4. silent record loss ------------------------------------------------------


def test_jsonl_whose_first_line_is_not_json_keeps_every_record(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("this line is not JSON\n" + "".join(json.dumps({"text": f"{BODY} {i}"}) + "\n" for i in range(4)))
    items = read(path)
    assert kinds(items) == ["InputError", "Article", "Article", "Article", "Article"]
    assert items[0].source == f"{path}:1" and items[0].reason.startswith("malformed JSON line")
    assert [item.source for item in items[1:]] == [f"{path}:{n}" for n in range(2, 6)]


def test_utf16_jsonl_with_a_bom_is_read_as_jsonl(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = "".join(json.dumps({"text": f"{BODY} {i}", "title": "Ménaka attack"}, ensure_ascii=False) + "\n"
                    for i in range(3))
    path.write_bytes(codecs.BOM_UTF16_LE + lines.encode("utf-16-le"))
    items = read(path)
    assert kinds(items) == ["Article"] * 3
    assert [a.text for a in items] == [f"{BODY} {i}" for i in range(3)]
    assert items[0].title == "Ménaka attack"


def test_json_array_with_a_number_among_its_records(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"text": BODY}, 7, {"text": BODY + " Again."}]))
    items = read(path)
    assert kinds(items) == ["Article", "InputError", "Article"]
    assert items[1].source == f"{path}#2" and "not an object" in items[1].reason
    assert items[2].text.endswith("Again.")


def _with_content_length(record: bytes, change: int) -> bytes:
    head, _, rest = record.partition(b"Content-Length: ")
    digits = rest[: rest.index(b"\r\n")]
    return head + b"Content-Length: " + str(int(digits) + change).encode() + rest[len(digits):]


@pytest.mark.parametrize("change", [+60, -60])
def test_warc_record_with_a_wrong_content_length_does_not_swallow_the_next(tmp_path, change):
    stories = [f"Story {n}: {BODY}" for n in range(3)]
    records = [warc_response(f"https://x.example/{n}", story) for n, story in enumerate(stories)]
    path = tmp_path / "crawl.warc"
    path.write_bytes(_with_content_length(records[0], change) + records[1] + records[2])
    items = read(path)
    assert kinds(items) == ["InputError", "Article", "Article"]
    assert items[0].source == f"{path}#1" and "Content-Length" in items[0].reason
    assert items[1].source == f"{path}#2" and stories[1] in items[1].text
    assert items[2].source == f"{path}#3" and stories[2] in items[2].text
    assert items[1].input_digest and items[1].input_digest != items[2].input_digest


def test_warc_record_cut_off_inside_its_headers_does_not_merge_into_the_next(tmp_path):
    stories = [f"Story {n}: {BODY}" for n in range(3)]
    records = [warc_response(f"https://x.example/{n}", story) for n, story in enumerate(stories)]
    cut = records[1][: records[1].index(b"Content-Type")]
    path = tmp_path / "crawl.warc"
    path.write_bytes(records[0] + cut + records[2])
    items = read(path)
    assert kinds(items) == ["Article", "InputError", "Article"]
    assert items[1].source == f"{path}#2" and "headers cut off" in items[1].reason
    assert stories[0] in items[0].text and stories[2] in items[2].text


def test_warc_response_record_without_a_target_uri_is_its_own_error(tmp_path):
    """Found by the fuzz suite: warcio raised AttributeError on such a record, and the file's
    later records were lost with it."""
    stories = [f"Story {n}: {BODY}" for n in range(3)]
    records = [warc_response(f"https://x.example/{n}", story) for n, story in enumerate(stories)]
    head, _, rest = records[1].partition(b"WARC-Target-URI: https://x.example/1\r\n")
    path = tmp_path / "crawl.warc"
    path.write_bytes(records[0] + head + rest + records[2])
    items = read(path)
    assert kinds(items) == ["Article", "InputError", "Article"]
    assert items[1].source == f"{path}#2" and items[1].reason == "broken WARC record: record has no WARC-Target-URI header"
    assert stories[2] in items[2].text


def test_hostile_batch_through_the_cli(tmp_path):
    """Classes 1, 4 and 8 at once, through the real command: each record an article or one error line."""
    (tmp_path / "surrogates.jsonl").write_text(json.dumps({"text": f"{BODY} \udc80"}) + "\n", encoding="ascii")
    (tmp_path / "utf16.jsonl").write_bytes(codecs.BOM_UTF16_LE + "".join(
        json.dumps({"text": f"{BODY} {i}"}) + "\n" for i in range(3)).encode("utf-16-le"))
    (tmp_path / "bad-first.jsonl").write_text("oops\n" + json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY}))
    (tmp_path / "separators.jsonl").write_text(json.dumps({"text": f"{BODY}\u2028Next\x85line."}, ensure_ascii=False))
    (tmp_path / "invisible.txt").write_text("\u200b\u200b &nbsp; \u200b\n")
    done = run_cli("--format", "jsonl", str(tmp_path))
    articles = cli_articles(done)
    errors = done.stderr.decode("utf-8", "replace")
    sources = sorted(Path(a["source"]).name for a in articles)
    assert sources == ["bad-first.jsonl:2", "bad-first.jsonl:3", "separators.jsonl:1", "surrogates.jsonl:1",
                       "utf16.jsonl:1", "utf16.jsonl:2", "utf16.jsonl:3"], errors
    assert "bad-first.jsonl:1: malformed JSON line" in errors
    assert "invisible.txt: empty input: no visible text" in errors
    assert done.returncode == 1  # the run was not whole, and says so


# --- 5. --verbatim is verbatim ----------------------------------------------------


def test_plain_text_that_mentions_tags_is_text(tmp_path):
    raw = f"Editors argued about markup.\r\nWe discussed the <p> and </p> tags and <div> blocks.\r\n\r\n{BODY}\r\n"
    path = tmp_path / "note.txt"
    path.write_text(raw, newline="")
    assert only_article(read(path, verbatim=True)).text == raw
    cleaned = only_article(read(path))
    assert cleaned.extraction.reader == "text" and "<p> and </p>" in cleaned.text


def test_text_that_looks_like_html_only_after_its_first_kilobyte_stays_verbatim(tmp_path):
    raw = "<UPDATE 2> " + (BODY + "\n") * 15 + "<div><p>Copied markup</p><p>more</p><span>x</span><b>y</b><i>z</i></div>\n" * 40
    path = tmp_path / "late.txt"
    path.write_text(raw)
    article = only_article(read(path, verbatim=True))
    assert article.text == raw and article.extraction.method == "verbatim"


def test_verbatim_cli_output_is_the_input(tmp_path):
    raw = f"The <p> and </p> tags\n\n{BODY}\n"
    path = tmp_path / "tags.txt"
    path.write_text(raw)
    done = run_cli("--verbatim", "--format", "jsonl", "--disable", "framing,events", str(path))
    (article,) = cli_articles(done)
    assert article["text"] == raw, done.stderr


def only_article(items) -> Article:
    assert kinds(items) == ["Article"], items
    return items[0]


# --- 6. a file name that is not UTF-8 ---------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
def test_file_name_with_an_invalid_utf8_byte(tmp_path):
    name = os.fsencode(tmp_path) + b"/report-\xff.txt"
    with open(name, "wb") as handle:
        handle.write(BODY.encode())
    (item,) = iter_articles([os.fsdecode(name)])
    assert os.fsencode(item.source) == name  # the OS's name, surrogate escape and all
    done = run_cli("--format", "jsonl", "--disable", "framing,events", os.fsdecode(name))
    (article,) = cli_articles(done)  # strict UTF-8 already checked
    assert article["source"].endswith("report-\ufffd.txt") and done.returncode == 0, done.stderr


# --- 7. limits ----------------------------------------------------------------------


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", "0001-01-01T00:00:00Z"])
def test_dates_against_a_publication_date_at_the_edge_of_the_calendar(published):
    from frontwire.understand.dates import find_dates

    text = ("Fighting resumed yesterday and last week, two weeks ago, next month, on Saturday, "
            "overnight, tomorrow, in March and next year, and on 12 March 2016.")
    mentions = find_dates(text, published)
    assert len(mentions) >= 10
    assert {m.value for m in mentions if m.text == "12 March 2016"} == {"2016-03-12"}


def test_deep_json_line_is_one_error_and_the_next_lines_are_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    deep = '{"a": ' * 1_500 + "1" + "}" * 1_500
    path.write_text("\n".join([json.dumps({"text": BODY}), deep, "[" * 5_000, json.dumps({"text": BODY + " Last."})]))
    items = read(path)
    assert kinds(items) == ["Article", "InputError", "InputError", "Article"]
    assert "nested deeper" in items[1].reason and items[1].source == f"{path}:2"
    assert items[3].text.endswith("Last.")


@pytest.mark.parametrize("dump", [
    "array(1) {\n" + '  ["a"]=>\n  array(1) {\n' * 1_200 + "  }\n" * 1_201,
    "Array\n(\n" + "    [a] => Array\n        (\n" * 1_200 + "        )\n" * 1_201,
    '{"related": ' * 1_200 + '"x"' + "}" * 1_200,
])
def test_debug_dump_nested_1000_deep_is_removed_with_a_warning(dump):
    text = f"{BODY}\n\n{dump}\n\nResidents said the shelling lasted three hours."
    for work in (clean, annotate):
        article = work(plain(text))
        assert any("nested deeper" in warning for warning in article.warnings), work.__name__
    assert clean(plain(text)).text == f"{BODY}\n\nResidents said the shelling lasted three hours."


# --- 8. valid input refused --------------------------------------------------------


def test_raw_line_separators_inside_a_json_string_stay_in_their_record(tmp_path):
    path = tmp_path / "feed.jsonl"
    texts = [f"{BODY}\u2028Second line.", f"{BODY}\x85Next.", f"{BODY}\u2029\x0b\x0c\x1c end"]
    path.write_text("\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in texts), encoding="utf-8")
    items = read(path, verbatim=True)
    assert [a.text for a in items] == texts


def test_frontwire_reads_its_own_jsonl_output_back(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(f"{BODY}\u2028Residents fled.\x85They said so.\n")
    # Verbatim, so the separators reach the output (cleaning turns them into line breaks).
    done = run_cli("--verbatim", "--format", "jsonl", "--disable", "framing,events", str(path))
    output = tmp_path / "out.jsonl"
    output.write_bytes(done.stdout)
    (written,) = cli_articles(done)
    assert "\u2028" in written["text"]
    (again,) = read(output)
    assert isinstance(again, Article) and again.text == written["text"]


def test_script_only_html_falls_back_to_the_text_field(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"html": "<html><head><script>var a = 1;</script></head><body><script>x()</script>"
                                        "</body></html>", "text": BODY}) + "\n")
    article = only_article(read(path))
    assert article.text == BODY and any("'html' field gave no text" in w for w in article.warnings)


def test_html_nested_1000_deep_is_read(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 1_000 + f"<p>{BODY}</p>" + "</div>" * 1_000 + "</body></html>")
    assert BODY in only_article(read(path)).text


@pytest.mark.parametrize("content", ["\u200b\u200b\u200b\n", "&nbsp;&nbsp; &nbsp;\n", "\ufeff\u200b&#8203;\u2060\n"])
def test_input_with_no_visible_text_is_a_clear_error(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_text(content)
    for verbatim in (False, True):
        (error,) = read(path, verbatim=verbatim)
        assert isinstance(error, InputError) and error.reason == "empty input: no visible text"
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": content}) + "\n")
    (error,) = read(feed)
    assert error.reason == "empty input: no visible text" and error.source == f"{feed}:1"


# --- 9. slow: reading and cleaning 5 MB --------------------------------------------

_FIVE_MB = 5 * 1024 * 1024 - 1024


def _read_and_clean(path):
    (article,) = read(path)
    clean(article)


@pytest.mark.parametrize("shape", ["long tokens", "one huge line", "many lines", "brackets"])
def test_five_megabytes_read_and_cleaned_within_five_seconds(tmp_path, shape):
    unit = {
        "long tokens": "x" * 99_999 + " ",
        "one huge line": BODY + " ",
        "many lines": BODY + "\n",
        "brackets": '["related", {"title": "x", "url": "/a"}],\n[[\n',
    }[shape]
    path = tmp_path / "big.txt"
    path.write_text("Headline of the story\n\n" + unit * (_FIVE_MB // len(unit)))
    cpu_seconds = finishes_within(60, _read_and_clean, path)
    # Linear work takes 0.5-3 CPU seconds here; a quadratic scan takes minutes. The bound is loose
    # because a shared machine's CPU time still varies (5.5 s seen for 3.1 s of work).
    assert cpu_seconds < 15, f"reading and cleaning 5 MB of {shape} took {cpu_seconds:.1f} CPU seconds"


# --- properties ------------------------------------------------------------------------

_FRAGMENTS = [b"{", b"}", b"[", b"]", b'"text": ', b"\n", b"\r\n", b"WARC/1.0\r\n", b"Content-Length: 5\r\n", b"\r\n\r\n",
              b"<html>", b"<p>", b"</p>", b"\xff\xfe", b"\xef\xbb\xbf", b"\x1f\x8b", b"\\udc80", b"\xe2\x80\xa8",
              b"Array\n(\n    [a] => ", b'string(5) "', b"&nbsp;", b"\xe2\x80\x8b", BODY.encode()]


@FUZZ
@given(st.lists(st.sampled_from(_FRAGMENTS) | st.binary(max_size=40), max_size=30).map(b"".join))
def test_any_bytes_give_only_articles_or_errors(tmp_path, data):
    path = tmp_path / "input.bin"
    path.write_bytes(data)
    for verbatim in (False, True):
        items = read(path, verbatim=verbatim)
        assert items and all(isinstance(item, (Article, InputError)) for item in items)
        for item in items:
            if isinstance(item, Article):
                item.text.encode("utf-8")  # no lone surrogate gets through
                assert item.input_digest


_TEXT_PIECES = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\ufffd"),
                       max_size=30) | st.sampled_from(
    ["<p>", "</p>", "<div>", "</div>", "\r\n", "\r", "\n", "\n\n", "\t", "\u2028", "\x85", "&nbsp;", "\u200b",
     "{", "[", "<", ">", BODY, "Sun Sep 25, 2016 13:28:40", "(Reuters)", "Array\n(\n    [a] => x\n)"])


@FUZZ
@given(st.lists(_TEXT_PIECES, min_size=1, max_size=20).map("".join))
def test_verbatim_text_is_the_input(tmp_path, text):
    data = text.encode("utf-8")
    # Only what is plainly something else (JSON, WARC, an HTML document) is not read as text.
    assume(kind_of(data, verbatim=True) == "text")
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    (item,) = read(path, verbatim=True)
    if isinstance(item, InputError):
        assert item.reason.startswith("empty input")
    else:
        assert item.text == text


_JSON_STRINGS = st.text(max_size=40) | st.sampled_from(
    ["\u2028", "\x85", "\u2029", "\udc80", "\ud800", "\ud83d\ude00", "\r", "\n", "&nbsp;", "\u200b", BODY])


@FUZZ
@given(st.lists(st.fixed_dictionaries({"text": st.lists(_JSON_STRINGS, max_size=5).map("".join)},
                                      optional={"title": _JSON_STRINGS, "html": st.sampled_from(["", "<p>x</p>", "<script>1</script>"]),
                                                "published": st.sampled_from(["0001-01-01", "9999-12-31", "2020-02-30", "soon"])}),
                min_size=1, max_size=8),
       st.booleans())
def test_every_jsonl_record_gives_exactly_one_item(tmp_path, records, ascii_only):
    path = tmp_path / "feed.jsonl"
    # A raw lone surrogate cannot be written as UTF-8, so it is always escaped.
    lines = [json.dumps(r, ensure_ascii=ascii_only or _has_surrogate(json.dumps(r, ensure_ascii=False))) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="strict")
    items = read(path)
    assert [item.source for item in items] == [f"{path}:{n}" for n in range(1, len(records) + 1)]
    for item in items:
        if isinstance(item, Article):
            item.text.encode("utf-8")
