"""Articles as JSON: one indented object per article (``json``) or one line each (``jsonl``).

Scraped text holds what no JSON reader expects: lone surrogates from broken
escapes, and a file name's undecodable bytes carried as surrogate escapes. Each
is written as U+FFFD, so the output is always valid UTF-8 JSON.
"""

from __future__ import annotations

import json
import re
from typing import TextIO

from ..registry import Writer, writer


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(data, indent: int | None = None) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    if LONE_SURROGATE.search(text):
        text = LONE_SURROGATE.sub("\ufffd", text)
    return text


class JsonWriter(Writer):
    def __init__(self, stream: TextIO, indent: int | None):
        self.stream = stream
        self.indent = indent

    def write(self, article) -> None:
        self.stream.write(dumps(article.to_json(), self.indent) + "\n")
        self.stream.flush()


@writer("json", "one indented JSON object per article")
def json_writer(stream: TextIO) -> Writer:
    return JsonWriter(stream, indent=2)


@writer("jsonl", "one JSON object per line per article (JSON Lines)")
def jsonl_writer(stream: TextIO) -> Writer:
    return JsonWriter(stream, indent=None)
