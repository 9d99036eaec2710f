"""HTML input: body by trafilatura with a fallback cascade, dates by htmldate.

The cascade exists because a single extractor fails in two typical ways on
news pages: it comes back empty (odd templates, broken markup), or it keeps
only a fragment of the story (a lead paragraph, a caption) because its
precision filters judged the rest boilerplate. The recall-oriented run fixes
the second, a plain lxml walk over <article>/<main>/<body> the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article, Extraction
from .datelines import date_from_url
from .text import has_visible_text

# Below this many characters the default extraction is treated as a fragment
# worth double-checking against the recall-oriented run.
_SHORT_BODY = 800
# The recall run replaces the default one only when it finds clearly more text
# (a fragment), not merely a few more boilerplate lines.
_RECALL_GAIN = 1.6
# A recall run far longer than this multiple has most likely swallowed
# navigation, listings or comments rather than the rest of the story.
_RECALL_CEILING = 8.0

_LANG_ATTR = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_DROP_TAGS = ("head", "title", "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button")
_BLOCKS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre")
_OUTER_BLOCKS = "|".join(
    f".//{tag}[not({' or '.join(f'ancestor::{other}' for other in _BLOCKS)})]" for tag in _BLOCKS)
_CONTAINERS = ("//article[not(ancestor::article)]", "//main[not(ancestor::main)]", "//body", "/*")


class NoText(ValueError):
    """The page parsed but no text could be found in it."""


@dataclass
class Extracted:
    text: str
    method: str
    title: str | None = None
    published: str | None = None
    published_source: str | None = None
    language: str | None = None
    sitename: str | None = None


def _paragraphs(text: str | None) -> str:
    """trafilatura puts one block per line; the schema separates paragraphs by a blank line."""
    if not text:
        return ""
    lines = [line.strip() for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def _trafilatura(html: str, url: str | None, favor_recall: bool = False, with_metadata: bool = False):
    import trafilatura

    return trafilatura.bare_extraction(
        html,
        url=url,
        favor_recall=favor_recall,
        include_comments=False,
        include_tables=True,
        with_metadata=with_metadata,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def _lxml_text(html: str) -> str:
    import lxml.html
    from lxml import etree

    try:
        # libxml2 keeps nothing nested deeper than 256 levels unless told the tree may be huge.
        tree = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):
        return ""
    for bad in tree.xpath("|".join(f"//{tag}" for tag in _DROP_TAGS)):
        if bad.getparent() is not None:
            bad.drop_tree()
    for container in _CONTAINERS:
        # Only outermost containers and blocks: an inner one's text is part of its
        # ancestor's, and reading it again for every level of nesting is quadratic.
        found = tree.xpath(container)
        if not found:
            continue
        root = max(found, key=lambda el: len(el.text_content()))
        blocks = [" ".join(el.text_content().split()) for el in root.xpath(_OUTER_BLOCKS)]
        blocks = [b for b in blocks if b]
        if not blocks:
            blocks = [" ".join(line.split()) for line in root.text_content().splitlines()]
            blocks = [b for b in blocks if b]
        if blocks:
            return "\n\n".join(blocks)
    return ""


def extract_body(html: str, url: str | None = None) -> Extracted:
    """Run the cascade and say which method won."""
    doc = None
    try:
        doc = _trafilatura(html, url, with_metadata=True)
    except Exception:  # trafilatura raises assorted errors on pathological markup
        doc = None
    text = _paragraphs(doc.text if doc else None)
    method = "trafilatura"
    if len(text) < _SHORT_BODY:
        try:
            recall = _trafilatura(html, url, favor_recall=True)
        except Exception:
            recall = None
        recall_text = _paragraphs(recall.text if recall else None)
        if not text or _RECALL_GAIN * len(text) <= len(recall_text) <= _RECALL_CEILING * max(len(text), 200):
            text, method = recall_text, "trafilatura-recall"
    if not has_visible_text(text):
        text, method = _lxml_text(html), "lxml-text"
    if not has_visible_text(text):
        raise NoText("broken or empty HTML: no text could be extracted")
    result = Extracted(text=text, method=method)
    if doc is not None:
        result.title = (doc.title or "").strip() or None
        result.sitename = (doc.sitename or "").strip() or None
    result.published, result.published_source = _published(html, url)
    lang = _LANG_ATTR.search(html[:4096])
    if lang:
        result.language = lang.group(1).lower()
    if result.title is None:
        result.title = _title_tag(html)
    return result


def _title_tag(html: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", html[:65536], re.IGNORECASE | re.DOTALL)
    if match:
        import html as html_lib

        title = " ".join(html_lib.unescape(match.group(1)).split())
        return title or None
    return None


def _published(html: str, url: str | None) -> tuple[str | None, str | None]:
    """The page's own metadata first (cheap, reliable), then the URL path."""
    from htmldate import find_date

    try:
        found = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S")
    except Exception:
        found = None
    if found:
        return (found[:10] if found.endswith("T00:00:00") else found), "html-meta"
    from_url = date_from_url(url)
    if from_url:
        return from_url, "url"
    return None, None


def article_from_html(html: str, source: str, url: str | None = None, reader: str = "html", **fields) -> Article:
    extracted = extract_body(html, url)
    article = Article(
        source=source,
        url=url,
        text=extracted.text,
        title=fields.pop("title", None) or extracted.title,
        language=fields.pop("language", None) or extracted.language,
        extraction=Extraction(reader=reader, method=extracted.method),
        **fields,
    )
    if not article.outlet and extracted.sitename:
        article.outlet = extracted.sitename
    if not article.published and extracted.published:
        article.published, article.published_source = extracted.published, extracted.published_source
    return article
