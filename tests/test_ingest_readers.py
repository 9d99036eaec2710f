"""Readers: kind sniffed from content, containers' metadata, every bad input an InputError."""

import gzip
import io
import json

import pytest

from frontwire.ingest.errors import InputError
from frontwire.ingest.readers import iter_articles
from frontwire.ingest.sniff import binary_reason, kind_of
from frontwire.model import Article

BODY = "Government forces shelled rebel positions near the town on Saturday, killing six fighters, a monitor said."
HTML = f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Rebels shell the town | Example News</title>
<meta property="og:title" content="Rebels shell the town"><meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2021-03-04T10:20:00+00:00"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Rebels shell the town</h1>
<p>{BODY}</p><p>Residents said the shelling lasted for three hours and damaged a school and a clinic.</p></article>
<footer>© Example News</footer></body></html>"""


def read(*specs, **kw):
    return list(iter_articles([str(s) for s in specs], **kw))


def only(items):
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize("data, kind", [
    (b"Just some text.\n", "text"),
    (HTML.encode(), "html"),
    (b"<p>Fragment with a paragraph.</p>", "html"),
    (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
    (b"{ not json at all }", "text"),
    (b"[\n  {\"text\": \"a\"}\n]", "json"),
    (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
    (gzip.compress(b"hello"), "gzip"),
    # decided on the whole file, not its first line or kilobyte
    (b'not json\n{"text": "a"}\n{"text": "b"}\n', "jsonl"),
    (b"\xff\xfe" + '{"text": "a"}\n{"text": "b"}\n'.encode("utf-16-le"), "jsonl"),
    (b'[{"text": "a"}, 3]', "json"),
    (b'[{"text": "a"}, {"text": ', "json"),  # broken JSON is reported, not read as prose
    (b"The <p> and </p> tags mark a paragraph.\n", "text"),
    (b"<Reuters> " + b"Plain story text. " * 80 + b"<p>late</p>", "text"),
    (b"<!-- saved page -->\n<!DOCTYPE html><title>x</title>", "html"),
    (b"Saved from the web\n<html><body><p>x</p></body></html>", "html"),
    (b"<div><p>a</p><p>b</p><p>c</p><p>d</p><span>e</span></div> tail", "html"),
])
def test_kind_from_content(data, kind):
    assert kind_of(data) == kind


@pytest.mark.parametrize("data, kind", [
    (b"<p>Fragment with a paragraph.</p>", "text"),
    (b"<div><p>a</p><p>b</p><p>c</p><p>d</p><span>e</span></div> tail", "text"),
    (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
])
def test_verbatim_reads_html_only_on_a_document_opening(data, kind):
    """In verbatim mode the text must be the input: a fragment or tag-dense text stays text."""
    assert kind_of(data, verbatim=True) == kind


def test_json_lines_split_on_newline_only(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": f"{BODY}\u2028{BODY}"}, ensure_ascii=False) + "\n"
                    + json.dumps({"text": BODY}) + "\n", encoding="utf-8")
    a, b = read(path)
    assert a.source == f"{path}:1" and a.text == f"{BODY}\u2028{BODY}" and b.source == f"{path}:2"


def test_empty_json_array_is_an_error(tmp_path):
    path = tmp_path / "export.json"
    path.write_text("[]")
    assert only(read(path)).reason == "JSON document holds no records"


def test_warc_without_html_still_says_so(tmp_path):
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "info.warc"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        writer.write_record(writer.create_warcinfo_record("info.warc", {"software": "test"}))
    assert only(read(path)).reason == "WARC file holds no HTML response records"


def test_binary_detection():
    assert binary_reason(b"abc\x00def") == "binary file (NUL bytes)"
    assert binary_reason(b"%PDF-1.7 ...") == "binary file (PDF)"
    assert binary_reason("Plain text, ünïcode.".encode()) is None


def test_text_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(f"Title Here\r\n\r\n{BODY}\r\n".encode())
    article = only(read(path, outlet="Example News", url="https://x.example/2020/05/06/a"))
    assert isinstance(article, Article)
    assert article.source == str(path)
    assert article.text == f"Title Here\n\n{BODY}\n"
    assert (article.outlet, article.url) == ("Example News", "https://x.example/2020/05/06/a")
    assert (article.published, article.published_source) == ("2020-05-06", "url")
    assert (article.extraction.reader, article.extraction.method) == ("text", "plain")


def test_verbatim_text_is_the_input_exactly(tmp_path):
    raw = f"Title Here\r\n\r\n{BODY}\r\n"
    path = tmp_path / "a.txt"
    path.write_bytes(raw.encode())
    article = only(read(path, verbatim=True))
    assert article.text == raw
    assert article.extraction.method == "verbatim"


def test_html_file_with_metadata(tmp_path):
    path = tmp_path / "page.bin"  # the name says nothing: the content does
    path.write_text(HTML, encoding="utf-8")
    article = only(read(path))
    assert article.extraction.reader == "html" and article.extraction.method.startswith("trafilatura")
    assert article.title == "Rebels shell the town"
    assert article.outlet == "Example News"
    assert article.published == "2021-03-04T10:20:00" and article.published_source == "html-meta"
    assert article.language == "en"  # primary subtag of lang="en-GB"
    assert BODY in article.text and "Home" not in article.text
    assert "\n\n" in article.text  # one paragraph per block


@pytest.mark.parametrize("body, method", [
    # the default run keeps this lone story paragraph
    (f"<article><p>{BODY}</p><p>{BODY}</p></article>", "trafilatura"),
    # the default run judges a footer boilerplate and comes back empty; the recall run keeps it
    (f"<footer><p>{BODY}</p></footer>", "trafilatura-recall"),
    # both trafilatura runs drop what sits in a comments block; the plain lxml walk still finds text
    (f'<article><div class="comments"><p>{BODY}</p></div></article>', "lxml-text"),
])
def test_html_cascade_records_the_winning_method(tmp_path, body, method):
    path = tmp_path / "p.html"
    path.write_text(f"<html><body>{body}</body></html>")
    article = only(read(path))
    assert article.extraction.method == method
    assert article.text.startswith(BODY)


def test_broken_but_recoverable_html_is_read(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text(f"<html><body><p>{BODY}<div><b>Unclosed tags everywhere <p>and more text about the shelling")
    article = only(read(path))
    assert BODY in article.text


def test_html_date_from_url_when_no_metadata(tmp_path):
    path = tmp_path / "p.html"
    path.write_text(f"<html><body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>")
    article = only(read(path, url="https://x.example/news/2019/11/19/story.html"))
    assert (article.published, article.published_source) == ("2019-11-19", "url")


def test_jsonl_records(tmp_path):
    lines = [
        {"url": "https://x.example/2023/08/16/a", "outlet": "Sahel Observer", "published": "2023-08-16T11:20:00",
         "title": "Ambush near the border", "text": BODY, "language": "en"},
        {"url": "https://x.example/b", "html": HTML, "published": "February 7, 2024"},
        {"url": "https://x.example/2022/06/09/c", "text": BODY},
    ]
    path = tmp_path / "feed.txt"
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    a, b, c = read(path)
    assert (a.source, a.outlet, a.title, a.published, a.published_source) == (
        f"{path}:1", "Sahel Observer", "Ambush near the border", "2023-08-16T11:20:00", "given")
    assert a.extraction.reader == "jsonl" and a.text == BODY
    assert b.source == f"{path}:2" and b.title == "Rebels shell the town" and BODY in b.text
    assert (b.published, b.published_source) == ("2024-02-07", "given")
    assert (c.published, c.published_source) == ("2022-06-09", "url")


def test_jsonl_malformed_line_reported_others_go_on(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(f'{{"text": "{BODY}"}}\n{{oops\n[1, 2]\n{{"url": "u"}}\n{{"text": "{BODY}"}}\n')
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "InputError", "Article"]
    assert items[1].source == f"{path}:2" and items[1].reason.startswith("malformed JSON line")
    assert items[2].reason == "JSON line is a list, not an object"
    assert items[3].reason == "JSON record has no 'html' or 'text' string"
    assert items[4].source == f"{path}:5"


def test_warc_response_records(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, body, ctype in [("https://x.example/2021/03/04/a", HTML.encode(), "text/html; charset=utf-8"),
                                 ("https://x.example/img.png", b"\x89PNG....", "image/png")]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    article = only(read(path))
    assert article.extraction.reader == "warc"
    assert article.url == "https://x.example/2021/03/04/a"
    assert article.source.startswith(f"{path}#")
    assert BODY in article.text


def test_a_warc_gz_cut_short_keeps_the_records_before_the_cut(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n in range(3):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://x.example/2021/03/04/{n}", "response",
                                                          payload=io.BytesIO(HTML.encode()), http_headers=headers))
    path.write_bytes(path.read_bytes()[:-25])
    items = read(path)
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.url for a in articles] == ["https://x.example/2021/03/04/0", "https://x.example/2021/03/04/1"]
    assert items[-1].reason == ("broken gzip data: the stream ends inside a member (file cut short); "
                                "the records before it were read")


def test_gzip_html(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(HTML.encode()))
    assert BODY in only(read(path)).text


def _cut_gzip_lines(n: int) -> tuple[bytes, list[bytes]]:
    """A JSON Lines.gz of ``n`` records, one gzip member per record (as a streaming writer makes
    it), and the records' lines."""
    lines = [json.dumps({"text": f"{BODY} Report {i}.", "url": f"https://x.example/{i}"}).encode() + b"\n"
             for i in range(n)]
    return b"".join(gzip.compress(line, mtime=0) for line in lines), lines


def test_a_gzip_cut_short_keeps_the_whole_records_before_the_cut(tmp_path):
    data, lines = _cut_gzip_lines(5)
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(data[:-10])  # inside the last record's member
    *articles, error = read(path)
    assert [a.source for a in articles] == [f"{path}:{i}" for i in range(1, 5)]
    assert all(isinstance(a, Article) and BODY in a.text for a in articles)
    assert isinstance(error, InputError) and error.source == str(path)
    assert error.reason == ("broken gzip data: the stream ends inside a member (file cut short); "
                            "the records before it were read, the line it cut is lost")


def test_a_corrupt_gzip_member_keeps_the_records_before_it(tmp_path):
    data, lines = _cut_gzip_lines(4)
    second = data.index(gzip.compress(lines[2], mtime=0))
    damaged = bytearray(data)
    damaged[second + 12:second + 20] = b"\xff" * 8  # the third member's deflate data
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(bytes(damaged))
    *articles, error = read(path)
    assert [a.source for a in articles] == [f"{path}:1", f"{path}:2"]
    assert error.reason.startswith("broken gzip data: Error -3") and error.reason.endswith("the line it cut is lost")


def test_a_cut_page_is_never_read_as_an_article(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(HTML.encode(), mtime=0)[:-12])
    error = only(read(path))
    assert error.reason == "broken gzip data: the stream ends inside a member (file cut short)"


def test_a_gzip_bomb_stops_at_the_limit(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * (64 * 1024 * 1024), mtime=0))
    error = only(read(path, max_bytes=1024 * 1024))
    assert error.reason == "too large: decompressed more than 1048576 bytes > limit 1048576"


def test_directory_recursive_sorted_skipping_readme_and_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(BODY)
    (tmp_path / "1.txt").write_text(BODY)
    (tmp_path / "README.md").write_text("# not an article")
    (tmp_path / ".hidden.txt").write_text(BODY)
    sources = [a.source for a in read(tmp_path)]
    assert sources == [str(tmp_path / "1.txt"), str(tmp_path / "b" / "2.txt")]


def test_glob(tmp_path):
    for name in ("a.txt", "b.txt", "c.html"):
        (tmp_path / name).write_text(BODY)
    assert [a.source for a in read(tmp_path / "*.txt")] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    (error,) = read(tmp_path / "*.nothing")
    assert error.reason == "no file matches this pattern"


def test_stdin_bytes(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(HTML.encode())))
    article = only(read("-"))
    assert article.source == "-" and BODY in article.text


@pytest.mark.parametrize("content, reason", [
    (b"abc\x00\x01def", "binary file (NUL bytes)"),
    (b"", "empty input"),
    (b"  \n\n\t ", "empty input"),
    (b"<html><head><title>x</ti", "broken or empty HTML: no text could be extracted"),
    (gzip.compress(b"") , "empty input (after decompression)"),
    (b"\x1f\x8b\x08\x00garbage", None),
])
def test_bad_inputs_are_errors_not_exceptions(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    error = only(read(path))
    assert isinstance(error, InputError) and error.source == str(path)
    if reason:
        assert error.reason == reason
    else:
        assert error.reason.startswith("broken gzip data")


def test_oversized_input(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 7340032)
    error = only(read(path))
    assert error.reason == "too large: 7340032 bytes > limit 5242880"
    assert isinstance(only(read(path, max_bytes=8 * 1024 * 1024)), Article)


def test_missing_file():
    error = only(read("/nonexistent/frontwire/file.txt"))
    assert error.reason == "no such file or directory"


def test_undecodable_bytes(tmp_path):
    import random

    rng = random.Random(1)
    path = tmp_path / "noise.dat"
    path.write_bytes(bytes(rng.randrange(128, 256) for _ in range(3000)))
    error = only(read(path))
    assert isinstance(error, InputError) and error.reason.startswith("undecodable")


@pytest.mark.parametrize("text, encoding, language", [
    ("قصف الجيش مواقع المسلحين في ريف حلب الشمالي يوم السبت، وقالت مصادر محلية إن عشرة أشخاص قتلوا في الاشتباكات.", "cp1256", "ar"),
    ("Des affrontements ont éclaté à Ménaka, selon des sources sécuritaires. Les assaillants sont arrivés à moto et ont incendié des greniers.", "latin-1", "fr"),
])
def test_non_utf8_text_decoded_with_a_warning(tmp_path, text, encoding, language):
    from frontwire.pipeline import Pipeline

    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    article = Pipeline(components=["clean"])(only(read(path)))
    assert article.text == text
    assert any(w.startswith("decoded as") for w in article.warnings)
    assert article.language == language


def test_html_declared_charset_used(tmp_path):
    html = f'<html><head><meta charset="windows-1252"><title>Caf\xe9</title></head><body><p>{BODY} Caf\xe9 owners fled.</p></body></html>'
    path = tmp_path / "p.html"
    path.write_bytes(html.encode("cp1252"))
    article = only(read(path))
    assert "Café owners fled." in article.text
    assert "decoded as windows-1252 (declared by the page)" in article.warnings


def test_json_document_with_one_record_or_an_array(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"url": "https://x.example/a", "text": BODY, "title": "T"}, indent=2))
    article = only(read(one))
    assert (article.source, article.title, article.text) == (str(one), "T", BODY)
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": BODY}, {"html": HTML}, {"nothing": 1}], indent=2))
    a, b, c = read(many)
    assert a.source == f"{many}#1" and b.source == f"{many}#2" and BODY in b.text
    assert isinstance(c, InputError) and c.source == f"{many}#3"
