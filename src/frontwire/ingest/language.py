"""A cheap language guess: writing system first, then function-word counts.

Good enough to route articles (the pipeline's models are English) without a
language-identification model; None when the evidence is thin.
"""

from __future__ import annotations

import re
from functools import lru_cache

_STOPWORDS = {
    "en": "the of and to in a is that for on was with as by at from said were has have it are be this an which after its their been had not but they",
    "fr": "le la les de des du et en un une est que qui dans pour sur par au aux avec a été ont il elle ce cette selon",
    "es": "el la los las de del y en un una es que por para con se al lo como fue han su sus según",
    "de": "der die das und den des dem ist nicht mit von auf für ein eine im zu sich wurde sind nach",
    "pt": "o a os as de do da dos das e em um uma que para com por no na não foi são segundo",
    "it": "il lo la gli le di del della e che per con un una è sono nel nella ha stato secondo",
    "nl": "de het een en van in is dat op te met voor zijn niet werd door",
    "tr": "ve bir bu da de ile için olarak olan gibi daha çok ise sonra",
    "id": "yang dan di ke dari dengan untuk ini itu pada dalam tidak akan adalah",
}
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_SCRIPTS = [
    ("ar", re.compile(r"[\u0600-\u06FF\u0750-\u077F]")),
    ("ru", re.compile(r"[\u0400-\u04FF]")),
    ("he", re.compile(r"[\u0590-\u05FF]")),
    ("zh", re.compile(r"[\u4E00-\u9FFF]")),
    ("hi", re.compile(r"[\u0900-\u097F]")),
    ("my", re.compile(r"[\u1000-\u109F]")),
    ("am", re.compile(r"[\u1200-\u137F]")),
]
_PERSIAN = re.compile(r"[پچژگ]")
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_SAMPLE = 1500


@lru_cache(maxsize=1)
def _stopword_sets() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}


def guess_language(text: str) -> str | None:
    sample = text[:_SAMPLE]
    letters = len(_LETTER.findall(sample))
    if letters < 20:
        return None
    latin = letters if sample.isascii() else len(_LATIN.findall(sample))
    for lang, script in _SCRIPTS if latin < letters / 2 else ():
        count = len(script.findall(sample))
        if count > letters / 2:
            if lang == "ar" and len(_PERSIAN.findall(sample)) > count / 100:
                return "fa"
            if lang == "ru" and _UKRAINIAN.search(sample):
                return "uk"
            return lang
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 5:
        return None
    scores = {lang: sum(map(stops.__contains__, words)) for lang, stops in _stopword_sets().items()}
    best = max(scores, key=scores.get)
    return best if scores[best] / len(words) >= 0.12 else None


def primary_subtag(code: str | None) -> str | None:
    """'en-US' -> 'en'; keeps the schema's language a bare ISO 639 code."""
    if not code:
        return None
    return re.split(r"[-_]", code.strip())[0].lower() or None
