"""Hypothesis strategies for hostile input: each draws one ``Case``, a file as a scraper or a
crawl would hand it over (a name and its bytes), built from news prose and then broken.

Every strategy mixes the prose the pipeline understands (actors, places, dates, quotes, tolls)
with what breaks readers and parsers, so a case reaches every layer instead of stopping at the
first error. ``STRATEGIES`` names them; the fuzz tests run each one on its own and count it.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
from dataclasses import dataclass
from importlib.resources import files

from hypothesis import strategies as st


@dataclass(frozen=True)
class Case:
    filename: str
    data: bytes
    verbatim: bool = False

    def __repr__(self) -> str:  # what a falsifying example prints: enough to rebuild it
        data = self.data if len(self.data) <= 600 else self.data[:300] + b"..." + self.data[-300:]
        return f"Case({self.filename!r}, {len(self.data)} bytes, verbatim={self.verbatim}, data={data!r})"


# --- the prose ---------------------------------------------------------------------------------

SENTENCES = [
    "Government forces shelled rebel positions near Aleppo on Saturday, killing six fighters, a monitor said.",
    "DAMASCUS, Sept. 25 (SANA) - Syrian Army units repelled an attack by Jabhat al-Nusra terrorists in Idlib.",
    "The Islamic State claimed responsibility for the car bomb in Baghdad that killed 12 civilians.",
    "Russian forces struck Kharkiv overnight with drones and missiles, the regional governor said.",
    "Al-Shabaab militants stormed a hotel in Mogadishu on Friday; at least 20 people were killed.",
    "Houthi rebels fired a ballistic missile at Marib, according to the Saudi-led coalition.",
    "Protesters gathered in Khartoum on Monday and police fired tear gas, witnesses told Reuters.",
    "The RSF said it had taken control of El Fasher, a claim the army denied.",
    "Clashes between the army and JNIM near Djibo left dozens dead last week.",
    "An Israeli air strike hit a house in southern Lebanon on 15 October 2023, the NNA reported.",
    "Myanmar's military opened fire on demonstrators in Yangon on February 28, killing at least 18.",
]
# The same news, and none, in other scripts: right-to-left text with its marks, Cyrillic, emoji,
# combining marks, zero-width joiners and the formatting characters scraped pages carry.
SCRIPTS = [
    "قصفت القوات الحكومية مواقع المتمردين قرب حلب يوم السبت، ما أسفر عن مقتل ستة مقاتلين.",
    "\u200fצה״ל תקף מטרות בדרום לבנון, כך נמסר.\u200f \u202bהודעה\u202c",
    "Вооружённые силы обстреляли позиции боевиков под Донецком, сообщил «ТАСС».",
    "Збройні сили України відбили атаку біля Запоріжжя.",
    "💥🔥 Breaking: explosion 👨\u200d👩\u200d👧 in Homs 🇸🇾 ⚠️",
    "Z\u0351\u0358a\u0360\u0361l\u0489g\u0334o\u0310 text e\u0301\u0308\u0323 Mena\u0301ka",
    "\u202eSDRAWKCAB\u202c Idlib \u2066isolated\u2069 \u061cمرحبا",
    "ကြည်ရှိခဲ့ဆန္ဒပြသူများ ရန်ကုန်မြို့",
    "喀土穆发生冲突，至少20人死亡。",
    "\ufeffBOM inside\u00adsoft\u00adhyphen\u2060word\u200bjoin",
]
QUOTE_MARKS = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u2039", "\u203a", "\u201e",
               "\u201a", "\u300c", "\u300d", "\u300e", "\u300f", "\u301d", "\u301e", "\u05f4", "\u05f3", "\u2033",
               "\u2032", "`", "\u00b4", "\uff02", "''", "``", "\\\""]
CUES = ["said", "told Reuters", "according to", "claimed", "denied", "added", "warned", "quoted as saying", ":"]
SPEAKERS = ["the governor", "A spokesman for the Syrian Army", "Hezbollah", "witnesses", "Zelensky",
            "the SOHR monitor", "Abu Mohammed al-Julani", "a source"]

prose = st.lists(st.sampled_from(SENTENCES) | st.sampled_from(SCRIPTS), min_size=1, max_size=6).map(" ".join)

# The bundled sample articles, whole: real pages, feeds and wire copy to mutate and splice.
SAMPLES = {entry.name: entry.read_bytes() for entry in sorted(files("frontwire").joinpath("data", "samples").iterdir(),
                                                              key=lambda e: e.name)
           if entry.is_file() and not entry.name.lower().startswith("readme")}


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


# --- 1. HTML: deeply nested, truncated, unclosed ------------------------------------------------

_TAGS = ["div", "span", "p", "article", "section", "table", "tr", "td", "li", "ul", "a", "b", "i", "font",
         "blockquote", "main", "body", "html", "head", "title", "h1", "svg", "noscript", "iframe", "form"]
_RAW_PIECES = ["<script>var x = '</p>';</script>", "<style>p{}</style>", "<!--", "-->", "<![CDATA[", "]]>",
               "<!DOCTYPE html>", "<?xml version='1.0'?>", "&nbsp;", "&#0;", "&#xD800;", "&#99999999;", "&amp",
               "<br/>", "</", "<", ">", "<p", "=\"", "<meta charset=\"koi8-r\">",
               "<meta property=\"article:published_time\" content=\"2016-02-31T25:61:00\">",
               "<time datetime=\"0000-00-00\">", "<html lang=\"ar\" dir=\"rtl\">", "<base href=\"javascript:x\">"]


@st.composite
def nested_html(draw) -> Case:
    depth = draw(st.sampled_from([0, 1, 5, 50, 255, 257, 600, 1500, 3000]))
    tags = draw(st.lists(st.sampled_from(_TAGS), min_size=1, max_size=4))
    attribute = draw(st.sampled_from(["", " class=\"story\"", " id='x", " data-x=\"\u202e\"", " style=\"" + "a" * 500,
                                      " href=\"/2016/02/31/story.html\""]))
    opening = "".join(f"<{tags[i % len(tags)]}{attribute}>" for i in range(depth))
    closing = "".join(f"</{tags[i % len(tags)]}>" for i in reversed(range(depth)))
    body = draw(st.lists(prose.map(lambda p: f"<p>{p}</p>") | st.sampled_from(_RAW_PIECES), min_size=1, max_size=8))
    head = draw(st.sampled_from(["", "<!DOCTYPE html><html><head><title>Shelling in Aleppo</title></head><body>",
                                 "<html><body>", "<body>", "<?xml version='1.0'?><!-- x --><html>"]))
    html = head + opening + "".join(body) + draw(st.sampled_from(["", closing])) + draw(st.sampled_from(["", "</body></html>"]))
    # Cut anywhere: inside a tag, an entity, an attribute, a multi-byte character.
    data = _encode(html)
    cut = draw(st.integers(min_value=1, max_value=len(data)))
    return Case("page.html", data[:cut] if draw(st.booleans()) else data)


# --- 2. huge lines --------------------------------------------------------------------------------

@st.composite
def huge_lines(draw) -> Case:
    unit = draw(st.sampled_from(["x", "Aleppo ", "(", "-", "=", "\u0627", "💥", "e\u0301", "1", ". ", "\"", "@", '"No," he said. ',
                                 "http://example.org/" + "a" * 50, "<b>"]) | prose.map(lambda p: p + " "))
    size = draw(st.sampled_from([1_000, 20_000, 65_537, 200_000]))
    line = unit * max(1, size // len(unit))
    before = draw(st.sampled_from(["", "Headline of the story\n\n", SENTENCES[0] + "\n"]))
    after = draw(st.sampled_from(["", "\n" + SENTENCES[1], "\n\n" + SENTENCES[2] + "\n"]))
    return Case("long.txt", _encode(before + line + after), verbatim=draw(st.booleans()))


# --- 3. NUL and control characters -------------------------------------------------------------

_CONTROLS = [chr(c) for c in range(0, 32)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xa0)] + [
    "\ufffe", "\uffff", "\U0010ffff", "\ufff9", "\ufffb", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c"]


@st.composite
def control_characters(draw) -> Case:
    text = draw(prose)
    inserts = draw(st.lists(st.tuples(st.integers(0, len(text)), st.sampled_from(_CONTROLS),
                                      st.integers(1, 3)), max_size=12))
    for position, char, repeat in sorted(inserts, reverse=True):
        text = text[:position] + char * repeat + text[position:]
    wrapper = draw(st.sampled_from(["txt", "jsonl", "html"]))
    if wrapper == "jsonl":
        data = _encode(json.dumps({"title": text[:40], "text": text}, ensure_ascii=draw(st.booleans())) + "\n")
    elif wrapper == "html":
        data = _encode(f"<html><body><article><p>{text}</p></article></body></html>")
    else:
        data = _encode(text)
    return Case(f"controls.{wrapper}", data, verbatim=draw(st.booleans()))


# --- 4. mixed encodings and scripts --------------------------------------------------------------

_CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1256", "iso8859_6", "cp1251",
           "koi8_r", "cp1255", "iso8859_8", "latin_1", "cp1252", "shift_jis", "gb18030", "big5", "mac_roman"]


@st.composite
def mixed_encodings(draw) -> Case:
    """Pieces of text each written in its own encoding, as a file glued from several sources is,
    or one encoding declared and another used."""
    pieces = draw(st.lists(st.tuples(st.sampled_from(SENTENCES + SCRIPTS), st.sampled_from(_CODECS)),
                           min_size=1, max_size=5))
    data = b"".join(text.encode(codec, "replace") for text, codec in pieces)
    shape = draw(st.sampled_from(["raw", "bom-lies", "meta-lies", "odd-utf16", "jsonl"]))
    if shape == "bom-lies":
        data = draw(st.sampled_from([codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF8])) + data
    elif shape == "meta-lies":
        charset = draw(st.sampled_from(["koi8-r", "windows-1256", "utf-16", "x-unknown", "utf-8", "iso-8859-8-i"]))
        data = f'<html><head><meta charset="{charset}"><title>'.encode() + data[:80] + b"</title></head><body><p>" + data + b"</p></body></html>"
    elif shape == "odd-utf16":
        data = codecs.BOM_UTF16_LE + " ".join(t for t, _ in pieces).encode("utf-16-le")[:-1]
    elif shape == "jsonl":
        data = b'{"text": "' + data.replace(b"\\", b"\\\\").replace(b'"', b'\\"').replace(b"\n", b" ") + b'"}\n'
    return Case(f"mixed.{'html' if shape == 'meta-lies' else 'txt'}", data, verbatim=draw(st.booleans()))


# --- 5. quotes of every kind, unbalanced and nested ------------------------------------------------

@st.composite
def quotes(draw) -> Case:
    parts = []
    for _ in range(draw(st.integers(1, 10))):
        kind = draw(st.sampled_from(["quote", "nested", "open", "close", "sentence", "cue"]))
        mark_open, mark_close = draw(st.sampled_from(QUOTE_MARKS)), draw(st.sampled_from(QUOTE_MARKS))
        words = draw(st.sampled_from(SENTENCES + SCRIPTS))
        speaker, cue = draw(st.sampled_from(SPEAKERS)), draw(st.sampled_from(CUES))
        if kind == "quote":
            parts.append(f"{mark_open}{words}{mark_close} {speaker} {cue}.")
        elif kind == "nested":
            inner_open, inner_close = draw(st.sampled_from(QUOTE_MARKS)), draw(st.sampled_from(QUOTE_MARKS))
            parts.append(f"{speaker} {cue} {mark_open}They told us {inner_open}{words}{inner_close} and "
                         f"{mark_open}{inner_open}left{mark_close}.")
        elif kind == "open":
            parts.append(f"{speaker} {cue} {mark_open}{words}")
        elif kind == "close":
            parts.append(f"{words}{mark_close} {cue} {speaker}")
        elif kind == "cue":
            parts.append(f"{cue} {speaker}, {cue}")
        else:
            parts.append(words)
    separator = draw(st.sampled_from([" ", "\n", "\n\n", ""]))
    # A transcript or a live blog: the same few shapes of quote hundreds of times.
    repeat = draw(st.sampled_from([1, 1, 1, 20, 300]))
    return Case("quotes.txt", _encode(separator.join(parts * repeat)), verbatim=draw(st.booleans()))


# --- 6. giant numbers ------------------------------------------------------------------------------

_NUMBERS = st.one_of(
    st.integers(min_value=-(10 ** 40), max_value=10 ** 40).map(str),
    st.sampled_from(["9" * 400, "1" + "0" * 30, "1,000,000,000,000,000,000", "1e308", "1e309", "-0", "0.000001",
                     "١٢٣٤٥٦٧٨٩٠", "٣٠٠٠", "१२३", "１２３", "2⁶⁴", "½", "Ⅻ", "NaN", "Infinity", "18446744073709551616",
                     "9223372036854775808", "a trillion trillion", "dozens of thousands of hundreds", "million"]),
)


@st.composite
def giant_numbers(draw) -> Case:
    numbers = draw(st.lists(_NUMBERS, min_size=1, max_size=6))
    templates = ["killing {} people", "{} civilians were killed", "at least {} fighters died", "{} soldiers wounded",
                 "on {} March", "in the year {}", "{} km north of Aleppo", "a toll of {}", "{} drones and {} missiles",
                 "Resolution {}", "casualties rose to {} on Saturday"]
    chosen = draw(st.lists(st.sampled_from(templates), min_size=len(numbers), max_size=len(numbers)))
    clauses = [template.replace("{}", number) for template, number in zip(chosen, numbers)]
    text = "Government forces shelled Idlib, " + ", ".join(clauses) + ", a monitor said. " + draw(prose)
    wrapper = draw(st.sampled_from(["txt", "jsonl"]))
    if wrapper == "jsonl":
        # A bare giant number in JSON: Python reads it, many tools do not.
        data = _encode(f'{{"text": {json.dumps(text)}, "id": {numbers[0] if numbers[0].lstrip("-").isascii() and numbers[0].lstrip("-").isdigit() else 1}}}\n')
    else:
        data = _encode(text)
    return Case(f"numbers.{wrapper}", data, verbatim=draw(st.booleans()))


# --- 7. impossible dates --------------------------------------------------------------------------

_BAD_DATES = ["31/02/2016", "30 February 2016", "February 30, 2016", "0001-01-01", "year 0001", "0000-00-00",
              "32 March 2017", "13/13/13", "9999-12-31", "29 February 2019", "2016-02-31", "00/00/0000",
              "31.04.2020", "Feb 31st", "-0001-01-01", "10000-01-01", "2016-13-01T25:61:61Z", "1 Jan 1",
              "Sun Feb 31, 2016 25:99:00", "the 0th of Never", "Tishrei 5784", "١٤٤٥/٠٣/٣٠", "yesterday's tomorrow",
              "1970-01-01T00:00:00+99:00", "Monday, 31 September", "in 99999", "Q5 2023", "week 54 of 2015"]
_PUBLISHED = st.sampled_from(_BAD_DATES + ["", "soon", "2016-09-25", "2016-09-25T10:00:00+03:00", "0001-01-01T00:00:00Z",
                                          "0001-01-01", "0001-01-03", "9999-12-31", "9999-12-31T23:59:59Z", "1970-01-01"])
# Read against a publication date at either end of the calendar, these step outside it.
_RELATIVE = ["yesterday", "on Saturday", "last week", "two weeks ago", "next month", "last year", "tomorrow",
             "overnight", "in March", "next year", "three days ago", "earlier this month", "on Sunday night",
             "last Friday", "the day before yesterday", "100 years ago", "in 10000 days"]


@st.composite
def impossible_dates(draw) -> Case:
    dates = draw(st.lists(st.sampled_from(_BAD_DATES), min_size=1, max_size=5))
    relative = draw(st.lists(st.sampled_from(_RELATIVE), min_size=len(dates), max_size=len(dates)))
    body = " ".join(f"Fighting resumed on {d} near Homs, and shelling {r} killed three, after air strikes on {e}."
                    for d, e, r in zip(dates, reversed(dates), relative))
    dateline = draw(st.sampled_from(["", f"DAMASCUS, {dates[0]} (SANA) - ", f"{dates[0]} - ", f"Posted {dates[-1]}\n",
                                     "DAMASCUS, Jan. 1 (SANA) - ", "Mon Jan 1, 0001 00:00:00\n", "Fri Dec 31, 9999 23:59:59\n",
                                     "Title of the report\n\nALEPPO, 31/12/9999 - "]))
    text = dateline + body + " " + draw(prose)
    published = draw(_PUBLISHED)
    wrapper = draw(st.sampled_from(["txt", "jsonl", "html"]))
    if wrapper == "jsonl":
        record = {"text": text, "published": published, "url": f"https://x.example/{draw(st.sampled_from(['2016/02/31', '0000/00/00', '9999/99/99', '2016/09/25']))}/a.html"}
        data = _encode(json.dumps(record, ensure_ascii=False) + "\n")
    elif wrapper == "html":
        data = _encode(f'<html><head><meta property="article:published_time" content="{published}">'
                       f'<meta name="date" content="{dates[0]}"></head><body><article><p>{text}</p></article></body></html>')
    else:
        data = _encode(text)
    return Case(f"dates.{wrapper}", data, verbatim=draw(st.booleans()))


# --- 8. malformed var_dump, print_r and JSON debris ---------------------------------------------

def _var_dump(value, indent: int = 0) -> str:
    pad = "  " * indent
    if isinstance(value, dict):
        inner = "".join(f'{pad}  ["{k}"]=>\n{_var_dump(v, indent + 1)}' for k, v in value.items())
        return f"{pad}array({len(value)}) {{\n{inner}{pad}}}\n"
    if isinstance(value, list):
        inner = "".join(f"{pad}  [{i}]=>\n{_var_dump(v, indent + 1)}" for i, v in enumerate(value))
        return f"{pad}array({len(value)}) {{\n{inner}{pad}}}\n"
    if isinstance(value, int):
        return f"{pad}int({value})\n"
    text = str(value)
    return f'{pad}string({len(text.encode("utf-8", "surrogatepass"))}) "{text}"\n'


def _print_r(value, indent: int = 0) -> str:
    pad = " " * indent
    if isinstance(value, (dict, list)):
        items = value.items() if isinstance(value, dict) else enumerate(value)
        inner = "".join(f"{pad}    [{k}] => {_print_r(v, indent + 8).lstrip()}" for k, v in items)
        return f"Array\n{pad}(\n{inner}{pad})\n"
    return f"{value}\n"


_DUMP_LEAVES = st.sampled_from(["Clashes in \"north\" Yemen", "/2017/04/05/clashes.html", "/2022/03/01/x.mp4",
                                "حلب", "💥", "", " ", "=>", "[0]", "string(3) \"", "array(1) {", ")", "}", "\\", "\n"]) \
    | st.integers(-(10 ** 20), 10 ** 20)
_DUMP_VALUES = st.recursive(
    _DUMP_LEAVES,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "title", "url", "pic", "video", "date", "related", "0", "a b", ""]), children, max_size=4),
    max_leaves=25,
)


@st.composite
def debug_debris(draw) -> Case:
    value = draw(_DUMP_VALUES)
    kind = draw(st.sampled_from(["var_dump", "print_r", "json"]))
    dump = {"var_dump": _var_dump, "print_r": _print_r, "json": lambda v: json.dumps({"related": v}, ensure_ascii=False)}[kind](value)
    # Break it the way a truncated or mangled page does: cut it, lie about a length, drop or
    # double a bracket, nest it again.
    damage = draw(st.sampled_from(["none", "cut", "length", "bracket", "double", "renest"]))
    if damage == "cut" and dump:
        dump = dump[: draw(st.integers(0, len(dump)))]
    elif damage == "length":
        dump = dump.replace("string(", f"string({draw(st.sampled_from([0, 1, 999, 10 ** 18, 10 ** 19]))}", 1)
        dump = dump.replace("array(", f"array({draw(st.sampled_from([0, 7, 10 ** 18]))}", 1)
    elif damage == "bracket":
        position = draw(st.integers(0, len(dump)))
        dump = dump[:position] + draw(st.sampled_from(["{", "}", "[", "]", "(", ")", '"'])) + dump[position:]
    elif damage == "double":
        dump = dump + dump
    elif damage == "renest":
        dump = "Array\n(\n    [x] => " + dump + "\n" + 'string(5) "' + dump
    before, after = draw(prose), draw(prose)
    separator = draw(st.sampled_from(["\n\n", "\n", " "]))
    text = before + separator + dump + separator + after
    wrapper = draw(st.sampled_from(["txt", "jsonl"]))
    data = _encode(json.dumps({"text": text}) + "\n") if wrapper == "jsonl" else _encode(text)
    return Case(f"debris.{wrapper}", data, verbatim=draw(st.booleans()))


# --- 9. JSON records with wrong types --------------------------------------------------------------

_JSON_ANY = st.recursive(
    st.none() | st.booleans() | st.integers(-(10 ** 30), 10 ** 30) | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from(["", " ", "\u200b", "&nbsp;", "<p>x</p>", "<script>1</script>", "\udc80", "\ud83d"]) | prose,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
)
_RECORD_KEYS = ["text", "html", "raw_html", "content_html", "body", "content", "articleBody", "maintext", "title",
                "url", "published", "date", "datePublished", "outlet", "source", "publisher", "domain", "language",
                "lang", "id"]


@st.composite
def json_records(draw) -> Case:
    records = draw(st.lists(st.dictionaries(st.sampled_from(_RECORD_KEYS), _JSON_ANY | prose, max_size=8)
                            | _JSON_ANY, min_size=1, max_size=5))
    shape = draw(st.sampled_from(["jsonl", "array", "object", "pretty", "duplicate-keys"]))
    if shape == "jsonl":
        text = "\n".join(json.dumps(r, ensure_ascii=True) for r in records) + "\n"
    elif shape == "array":
        text = json.dumps(records, ensure_ascii=True)
    elif shape == "object":
        text = json.dumps(records[0], ensure_ascii=True)
    elif shape == "pretty":
        text = json.dumps(records, ensure_ascii=True, indent=2)
    else:
        text = '{"text": 5, "text": %s, "title": [], "title": null}\n' % json.dumps(draw(prose))
    return Case(f"records.{'jsonl' if shape == 'jsonl' else 'json'}", text.encode("ascii"), verbatim=draw(st.booleans()))


# --- 10. truncated and broken gzip -----------------------------------------------------------------

_PAYLOADS = st.one_of(
    prose.map(_encode),
    prose.map(lambda p: _encode(f"<html><body><article><p>{p}</p></article></body></html>")),
    prose.map(lambda p: _encode(json.dumps({"text": p}) + "\n" + json.dumps({"html": f"<p>{p}</p>"}) + "\n")),
)


@st.composite
def broken_gzip(draw) -> Case:
    payload = draw(_PAYLOADS)
    data = gzip.compress(payload, mtime=0)
    damage = draw(st.sampled_from(["cut", "cut", "flip", "trailing", "nested", "two-members", "header-only", "empty"]))
    if damage == "cut":
        data = data[: draw(st.integers(2, len(data) - 1))]
    elif damage == "flip":
        position = draw(st.integers(0, len(data) - 1))
        data = data[:position] + bytes([data[position] ^ draw(st.integers(1, 255))]) + data[position + 1:]
    elif damage == "trailing":
        data = data + draw(st.sampled_from([b"\x00" * 10, b"garbage", b"\x1f\x8b", b"\x1f\x8b\x08\x00"]))
    elif damage == "nested":
        data = gzip.compress(data, mtime=0)
        if draw(st.booleans()):
            data = data[: len(data) // 2]
    elif damage == "two-members":
        data = data + gzip.compress(draw(_PAYLOADS), mtime=0)[: draw(st.integers(2, 40))]
    elif damage == "header-only":
        data = data[:10]
    else:
        data = gzip.compress(b"", mtime=0)
    return Case(draw(st.sampled_from(["feed.jsonl.gz", "page.html.gz", "story.txt.gz"])), data)


# --- 11. bad WARC records ----------------------------------------------------------------------------

def _warc_records(bodies: list[tuple[str, str, bytes]], compress: bool) -> bytes:
    """Records as warcio's own writer makes them: (record type, content type, payload)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    class SameEveryTime(WARCWriter):
        """Fixed record ids and dates: hypothesis must get the same bytes from the same draws."""
        _ids = iter(range(10 ** 9))

        def _make_warc_id(self):
            return f"<urn:uuid:00000000-0000-4000-8000-{next(self._ids):012d}>"

        @classmethod
        def curr_warc_date(cls):
            return "2016-09-25T10:00:00Z"

    out = io.BytesIO()
    writer = SameEveryTime(out, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "frontwire-fuzz"}))
    for number, (record_type, content_type, payload) in enumerate(bodies):
        url = f"https://x.example/2016/09/{number + 1:02d}/story.html"
        if record_type == "response":
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers)
        elif record_type == "request":
            request = b"GET /story.html HTTP/1.1\r\nHost: x.example\r\n\r\n"
            record = writer.create_warc_record(url, "request", payload=io.BytesIO(request))
        else:
            record = writer.create_warc_record(url, record_type, payload=io.BytesIO(payload),
                                               warc_content_type=content_type)
        writer.write_record(record)
    return out.getvalue()


_WARC_BODY = st.tuples(
    st.sampled_from(["response", "response", "resource", "request", "metadata"]),
    st.sampled_from(["text/html; charset=utf-8", "text/html; charset=koi8-r", "application/pdf", "text/plain",
                     "text/html; charset=x-bogus", "", "application/xhtml+xml"]),
    _PAYLOADS | st.sampled_from([b"", b"\x00\x01\x02", b"%PDF-1.4", b"\x1f\x8b\x08\x00broken", b"<html><body></body></html>"]),
)


@st.composite
def bad_warc(draw) -> Case:
    compress = draw(st.booleans())
    data = _warc_records(draw(st.lists(_WARC_BODY, min_size=1, max_size=4)), compress)
    damage = draw(st.sampled_from(["cut", "flip", "length", "drop-line", "garbage", "version", "status", "none"]))
    if damage == "cut":
        data = data[: draw(st.integers(1, len(data)))]
    elif damage == "flip":
        for _ in range(draw(st.integers(1, 8))):
            position = draw(st.integers(0, len(data) - 1))
            data = data[:position] + bytes([data[position] ^ draw(st.integers(1, 255))]) + data[position + 1:]
    elif damage == "length" and not compress:
        data = data.replace(b"Content-Length: ", b"Content-Length: " + draw(st.sampled_from([b"9", b"1", b"99999999", b"-"])), draw(st.integers(1, 3)))
    elif damage == "drop-line" and not compress:
        lines = data.split(b"\r\n")
        del lines[draw(st.integers(0, len(lines) - 1))]
        data = b"\r\n".join(lines)
    elif damage == "garbage":
        position = draw(st.integers(0, len(data)))
        data = data[:position] + draw(st.sampled_from([b"WARC/1.0\r\n", b"\r\n\r\n", b"\x00" * 64, b"HTTP/1.1 200 OK\r\n"])) + data[position:]
    elif damage == "version" and not compress:
        data = data.replace(b"WARC/1.0", draw(st.sampled_from([b"WARC/1.1", b"WARC/9.9", b"WARC/1.0 junk", b"warc/1.0"])), 1)
    elif damage == "status" and not compress:
        data = data.replace(b"HTTP/1.1 200 OK", draw(st.sampled_from([b"HTTP/1.1", b"HTTP/1.1 999 ???", b"", b"ICY 200 OK"])))
    return Case("crawl.warc.gz" if compress else "crawl.warc", data)


# --- 12. byte mutations of good inputs -----------------------------------------------------------

@st.composite
def mutated_bytes(draw) -> Case:
    """Classic mutation fuzzing: a good input of each kind, then bytes flipped, cut, doubled and spliced."""
    seed = draw(st.sampled_from(sorted(SAMPLES.values())) | _PAYLOADS
                | st.builds(lambda b: _warc_records([("response", "text/html", b)], False), _PAYLOADS))
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        operation = draw(st.sampled_from(["flip", "delete", "insert", "duplicate"]))
        position = draw(st.integers(0, len(data) - 1))
        if operation == "flip":
            data[position] ^= draw(st.integers(1, 255))
        elif operation == "delete":
            del data[position: position + draw(st.integers(1, 64))]
        elif operation == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=16) | st.sampled_from(
                [b"\xff\xfe", b"\xef\xbb\xbf", b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\n{", b"\"", b"<"]))
        else:
            end = min(len(data), position + draw(st.integers(1, 200)))
            data[position:position] = data[position:end]
    return Case("mutated.bin", bytes(data), verbatim=draw(st.booleans()))


# --- 13. collages of real articles ------------------------------------------------------------------

_HOSTILE_PIECES = _CONTROLS + QUOTE_MARKS + _BAD_DATES + SCRIPTS + CUES + SPEAKERS + [
    "\n", "\n\n", " ", "(", ")", "[", "]", "{", "}", "<p>", "&nbsp;", "9" * 60, "1e309", "killing", "said", "-"]


@st.composite
def article_collage(draw) -> Case:
    """Real articles cut at arbitrary points and glued with hostile pieces between: every layer
    (actors, places, dates, quotes, events, framing) gets work, at places no article puts it."""
    texts = [data.decode("utf-8") for name, data in sorted(SAMPLES.items()) if name.endswith(".txt")]
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        text = draw(st.sampled_from(texts))
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 600)))
        parts.append(text[start:end])
        parts.extend(draw(st.lists(st.sampled_from(_HOSTILE_PIECES), max_size=3)))
    return Case("collage.txt", _encode("".join(parts)), verbatim=draw(st.booleans()))


STRATEGIES = {
    "article_collage": article_collage(),
    "nested_html": nested_html(),
    "huge_lines": huge_lines(),
    "control_characters": control_characters(),
    "mixed_encodings": mixed_encodings(),
    "quotes": quotes(),
    "giant_numbers": giant_numbers(),
    "impossible_dates": impossible_dates(),
    "debug_debris": debug_debris(),
    "json_records": json_records(),
    "broken_gzip": broken_gzip(),
    "bad_warc": bad_warc(),
    "mutated_bytes": mutated_bytes(),
}
