"""The command line end to end, in subprocesses, every output validated against the JSON Schema."""

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from frontwire.model import json_schema
from frontwire.pipeline import DEFAULT_ORDER

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "frontwire" / "data" / "samples"
ONLY_CLEAN = ["--disable", ",".join(n for n in DEFAULT_ORDER if n != "clean")]
CONSOLE_SCRIPT = Path(sys.executable).parent / "frontwire"
BODY = "Government forces shelled rebel positions near the town on Saturday, killing six fighters, a monitor said."


@pytest.fixture(scope="module")
def validator():
    return jsonschema.Draft202012Validator(json_schema())


def frontwire(*args, stdin: bytes | None = None, module: bool = True) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "frontwire"] if module else [str(CONSOLE_SCRIPT)]
    return subprocess.run(cmd + [str(a) for a in args], input=stdin, capture_output=True, timeout=300, cwd=ROOT)


def jsonl(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.decode().splitlines() if line.strip()]


def json_objects(result) -> list[dict]:
    text, decoder, out, pos = result.stdout.decode(), json.JSONDecoder(), [], 0
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        obj, pos = decoder.raw_decode(text, pos)
        out.append(obj)
    return out


def check(article: dict, validator) -> None:
    validator.validate(article)
    text = article["text"]
    for key in ("paragraphs", "credits", "entities", "dates", "quotes", "framing"):
        for span in article[key]:
            if span.get("start") is not None and "text" in span:
                assert text[span["start"]:span["end"]] == span["text"], (key, span)
    for credit in article["credits"]:
        if credit["start"] is not None:
            assert text[credit["start"]:credit["end"]]


def test_published_schema_file_is_the_generated_one():
    on_disk = json.loads((ROOT / "docs" / "article.schema.json").read_text(encoding="utf-8"))
    assert on_disk == json_schema()
    result = frontwire("schema")
    assert result.returncode == 0 and json.loads(result.stdout) == on_disk


def test_samples_full_pipeline_jsonl(validator):
    result = frontwire("analyze", "--format", "jsonl", SAMPLES)
    assert result.returncode == 0, result.stderr.decode()
    assert b"Traceback" not in result.stderr
    articles = jsonl(result)
    assert 15 <= len(articles) <= 32
    for article in articles:
        check(article, validator)
        assert article["text"] and article["title"]
    sources = {a["source"] for a in articles}
    assert not any(s.endswith("README.md") for s in sources)
    readers = {a["extraction"]["reader"] for a in articles}
    assert readers == {"text", "html", "jsonl"}


def test_json_format_and_console_script(validator):
    result = frontwire("analyze", "--format", "json", *ONLY_CLEAN, SAMPLES / "fna-idlib-2016-10-10.txt", module=False)
    assert result.returncode == 0, result.stderr.decode()
    (article,) = json_objects(result)
    check(article, validator)
    assert article["published"] == "2016-10-10T11:02:15"
    assert [r["media_type"] for r in article["related"]] == ["video", "image"]


def test_text_format():
    result = frontwire("analyze", *ONLY_CLEAN, SAMPLES / "ina-baghdad-2020-01-05.txt", SAMPLES / "saba-saada-2017-04-07.txt")
    assert result.returncode == 0
    out = result.stdout.decode()
    assert "# Rockets hit near US embassy in Baghdad as protests continue" in out
    assert "# Saudi aggression warplanes launch 12 raids on Saada" in out
    assert "published: 2020-01-05T22:10:00 (dateline)" in out


def test_stdin_html(validator):
    page = (SAMPLES / "sudan-el-fasher-2024-05-12.html").read_bytes()
    result = frontwire("analyze", "--format", "json", *ONLY_CLEAN, "-", stdin=page)
    assert result.returncode == 0, result.stderr.decode()
    (article,) = json_objects(result)
    check(article, validator)
    assert article["source"] == "-" and article["extraction"]["reader"] == "html"
    assert article["published"].startswith("2024-05-12") and article["published_source"] == "html-meta"


def test_stdin_gzip_text(validator):
    result = frontwire("analyze", "--format", "jsonl", *ONLY_CLEAN, "-", stdin=gzip.compress(f"Title Line Here\n\n{BODY}".encode()))
    (article,) = jsonl(result)
    check(article, validator)
    assert article["title"] == "Title Line Here" and article["text"] == BODY


def test_verbatim_offsets_index_the_input(tmp_path, validator):
    raw = "Army Repels Attack\r\n\r\nArmy Repels Attack\r\nWed 05 Apr 2017\r\n\r\nThe army  repelled the attack, SANA reported.\r\n— SANA\r\n"
    path = tmp_path / "labelled.txt"
    path.write_bytes(raw.encode())
    result = frontwire("analyze", "--verbatim", "--format", "jsonl", path)
    (article,) = jsonl(result)
    check(article, validator)
    assert article["text"] == raw
    assert article["removed"] == []
    assert article["published"] == "2017-04-05"
    assert [raw[c["start"]:c["end"]] for c in article["credits"]] == ["SANA", "SANA"]


def test_outlet_and_url_options(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY)
    result = frontwire("analyze", "--format", "jsonl", *ONLY_CLEAN, "--outlet", "Example News",
                       "--url", "https://x.example/2020/05/06/a", path)
    (article,) = jsonl(result)
    assert (article["outlet"], article["url"], article["published"]) == ("Example News", "https://x.example/2020/05/06/a", "2020-05-06")


def _bad_inputs(tmp_path: Path) -> dict[str, str]:
    """file name -> the reason its error line must give"""
    bad = tmp_path / "mixed"
    bad.mkdir()
    (bad / "binary.dat").write_bytes(b"\x00\x01\x02binary\x00")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "oversized.txt").write_bytes(b"a" * 2000)
    (bad / "broken.html").write_bytes(b"<html><head><title>x</ti")
    (bad / "feed.jsonl").write_text(f'{{"text": "{BODY}"}}\n{{broken json\n')
    (bad / "good.txt").write_text(f"Title Line Here\n\n{BODY}")
    (bad / "arabic-cp1256.txt").write_bytes("قصف الجيش مواقع المسلحين في ريف حلب الشمالي يوم السبت، وقالت مصادر محلية إن عشرة أشخاص قتلوا.".encode("cp1256"))
    (bad / "french-latin1.txt").write_bytes("Des affrontements ont éclaté à Ménaka, selon des sources sécuritaires locales.".encode("latin-1"))
    return {
        "binary.dat": "binary file (NUL bytes)",
        "empty.txt": "empty input",
        "oversized.txt": "too large: 2000 bytes > limit 1000",
        "broken.html": "broken or empty HTML: no text could be extracted",
        "feed.jsonl:2": "malformed JSON line",
    }


def test_directory_with_good_and_bad_inputs(tmp_path, validator):
    expected = _bad_inputs(tmp_path)
    missing = tmp_path / "missing.txt"
    result = frontwire("analyze", "--format", "jsonl", "--max-bytes", "1000", *ONLY_CLEAN, tmp_path / "mixed", missing)
    assert result.returncode == 1
    stderr = result.stderr.decode()
    assert "Traceback" not in stderr
    lines = [l for l in stderr.strip().splitlines() if l.startswith("frontwire: error: ")]
    assert len(lines) == len(expected) + 1
    warnings = [l for l in stderr.strip().splitlines() if l.startswith("frontwire: warning: ")]
    assert any(l.startswith(f"frontwire: warning: {tmp_path / 'mixed' / 'french-latin1.txt'}: decoded as") for l in warnings)
    for name, reason in expected.items():
        (line,) = [l for l in lines if l.startswith(f"frontwire: error: {tmp_path / 'mixed' / name}: ")]
        assert reason in line
    assert f"frontwire: error: {missing}: no such file or directory" in lines
    articles = jsonl(result)
    for article in articles:
        check(article, validator)
    by_name = {Path(a["source"]).name: a for a in articles}
    assert set(by_name) == {"feed.jsonl:1", "good.txt", "arabic-cp1256.txt", "french-latin1.txt"}
    assert by_name["arabic-cp1256.txt"]["text"].startswith("قصف الجيش")
    assert by_name["french-latin1.txt"]["text"].startswith("Des affrontements ont éclaté à Ménaka")
    assert any("decoded as" in w for w in by_name["french-latin1.txt"]["warnings"])


@pytest.mark.parametrize("make, reason", [
    (lambda p: p.write_bytes(b"\x00\x01\x02"), "binary file (NUL bytes)"),
    (lambda p: p.write_bytes(b""), "empty input"),
    (lambda p: p.write_bytes(b"<html><head><title>x</ti"), "broken or empty HTML"),
    (lambda p: p.write_text('{"text": "ok"}\n{nope\n'), "malformed JSON line"),
])
def test_each_bad_input_alone_exits_1_with_one_line(tmp_path, make, reason):
    path = tmp_path / "input"
    make(path)
    result = frontwire("analyze", "--format", "jsonl", *ONLY_CLEAN, path)
    assert result.returncode == 1
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"frontwire: error: {path}") and reason in lines[0]


def test_oversized_stdin():
    result = frontwire("analyze", "--max-bytes", "100", *ONLY_CLEAN, "-", stdin=b"x" * 500)
    assert result.returncode == 1
    assert result.stderr.decode().strip() == "frontwire: error: -: too large: more than 100 bytes on stdin > limit 100"


def test_all_good_exits_0(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BODY)
    result = frontwire("analyze", "--format", "jsonl", *ONLY_CLEAN, path)
    assert result.returncode == 0 and result.stderr == b""


def test_warc_and_json_document_inputs(tmp_path, validator):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (SAMPLES / "yemen-marib-2021-02-14.html").read_bytes()
    warc = tmp_path / "crawl.warc.gz"
    with open(warc, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://x.example/2021/02/14/marib", "response",
                                                      payload=io.BytesIO(page), http_headers=headers))
    document = tmp_path / "export.json"
    document.write_text(json.dumps([{"title": "Title", "text": BODY, "published": "2020-01-02"}], indent=2))
    result = frontwire("analyze", "--format", "jsonl", *ONLY_CLEAN, warc, document)
    assert result.returncode == 0, result.stderr.decode()
    from_warc, from_json = jsonl(result)
    for article in (from_warc, from_json):
        check(article, validator)
    assert from_warc["extraction"]["reader"] == "warc" and from_warc["url"] == "https://x.example/2021/02/14/marib"
    assert [r["id"] for r in from_warc["related"]] == ["40121", "40118"]
    assert from_json["source"] == f"{document}#1" and from_json["published"] == "2020-01-02"


@pytest.fixture
def failing_source_component():
    """A plugin that replaces the ``source`` component with one that fails on every article."""
    from frontwire import registry

    original = registry.get_component("source")

    @registry.component("source", requires=["text"], assigns=["source_profile"])
    class Broken:
        def __init__(self, config):
            pass

        def __call__(self, work):
            raise KeyError("outlet table damaged")

    yield
    registry.component(original.name, requires=original.requires, assigns=original.assigns, amends=original.amends,
                       offers=original.offers, config=original.config, uses=original.uses)(original.factory)


def test_a_component_failure_is_said_and_changes_the_exit_status(tmp_path, capsys, failing_source_component):
    from frontwire.cli import main

    path = tmp_path / "a.txt"
    path.write_text("Army Repels Attack\n\nThe army repelled an attack near Hama on Monday.", encoding="utf-8")
    assert main(["analyze", "--format", "jsonl", str(path)]) == 1
    out, err = capsys.readouterr()
    assert f"frontwire: error: {path}: component source failed: KeyError: 'outlet table damaged'" in err
    article = json.loads(out)
    assert article["analysis"]["failed"] == [{"component": "source", "error": "KeyError: 'outlet table damaged'"}]
    assert article["entities"] and article["places"]  # the other layers are all there


def test_config_option_reaches_components_and_typos_are_refused(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Strikes Hit Douma\n\nAir strikes hit a market in Douma, near Damascus, on Saturday, "
                    "killing 14 civilians, a monitor said.", encoding="utf-8")
    strict = jsonl(frontwire("analyze", "--format", "jsonl", "--config", "events.infer_unnamed_actors=false", str(path)))
    inferred = jsonl(frontwire("analyze", "--format", "jsonl", str(path)))
    assert inferred[0]["events"][0]["actor1_inferred"] is True
    assert strict[0]["events"][0]["actor1"] is None
    runs = {c["name"]: c["config"] for c in strict[0]["analysis"]["components"]}
    assert runs["events"] == {"infer_unnamed_actors": False}
    typo = frontwire("analyze", "--config", "events.infer_unamed_actors=false", str(path))
    assert typo.returncode == 2 and "unknown config key events.infer_unamed_actors" in typo.stderr.decode()
    assert typo.stdout == b""


def test_train_framing_is_an_ordinary_subcommand():
    done = frontwire("train-framing", "--help")
    assert done.returncode == 0 and b"--ptc" in done.stdout and b"--seed" in done.stdout
