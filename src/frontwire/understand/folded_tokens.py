"""Word tokens that carry a spelling key and keep their offsets into the original text.

Matching happens on the keys (``folding.word_key``), but every token still
indexes the caller's text exactly, so a match reports the span as written.
Arabic articles ("al-", "el ", "ash-") are not tokens of their own: they are
dropped into the lead of the word they belong to, so "al-Nusra", "al Nusra" and
"Nusra" give the same keys while the match still starts at "al".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .folding import APOSTROPHES, fold, word_key

_TOKEN_RE = re.compile(r"[^\W_]+(?:[" + APOSTROPHES + r"][^\W_]+)*")
# "al"/"el" are articles wherever they stand alone; shorter sun-letter forms only when hyphenated ("ash-Sham").
_ARTICLES_FREE = {"al", "el"}
_ARTICLES_HYPHEN = {"ash", "ad", "ar", "as", "at", "az", "an", "adh", "ath", "ud", "ul", "ush", "ed", "es", "et", "ez", "al", "el"}
_ARTICLE_GLUE_FREE = {"-", " ", "", "\u2010", "\u2013"}
_ARTICLE_GLUE_HYPHEN = {"-", "\u2010"}
_HARD_GAP = re.compile(r"[\n,;:!?()\[\]{}\"“”/|]|\.\s")


class Token(NamedTuple):
    key: str
    start: int  # first character of the word (after a dropped article)
    end: int  # after the word, possessive "'s" excluded
    lead: int  # start including a dropped article right before it ("al-Nusra" starts at "al")
    upper: bool  # ALL CAPS in the text
    capital: bool  # starts with a capital or a digit (or is all caps)
    hard: bool = False  # a name cannot run across the gap before it (line break, bracket, sentence end)


class TokenScan:
    """Word keys and offsets of a text, in parallel lists; the per-word details are built on demand.

    Matching only needs the details of the few words inside a match, so the scan of a whole
    article stays a tight loop.
    """

    __slots__ = ("text", "keys", "starts", "ends", "leads", "_tokens")

    def __init__(self, text: str, caseless_acronyms: frozenset[str] | None = None):
        """``caseless_acronyms``: for text without case, the lower-cased acronyms whose words keep an
        acronym's key ("saa" is the SAA, not "sa"); every other word gets its plain folded key."""
        self.text = text
        keys: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        leads: list[int] = []
        spans = [m.span() for m in _TOKEN_RE.finditer(text)]
        lead = -1
        last = len(spans) - 1
        for i, (s, e) in enumerate(spans):
            if e - s > 2:
                if text[s] in "ae" and text[s + 1] == "l" and text[s + 2].isupper():
                    if lead < 0:  # "alSham": the article glued to a capitalised name
                        lead = s
                    s += 2
                if e - s > 2 and text[e - 1] in "sS" and text[e - 2] in APOSTROPHES:
                    e -= 2  # possessive "Hezbollah's"
            elif i < last:
                low = text[s:e].lower()
                if low in _ARTICLES_HYPHEN:
                    glue = text[e:spans[i + 1][0]]
                    if (low in _ARTICLES_FREE and glue in _ARTICLE_GLUE_FREE) or glue in _ARTICLE_GLUE_HYPHEN:
                        if lead < 0:
                            lead = s
                        continue
            if caseless_acronyms is None:
                keys.append(word_key(text[s:e]))
            else:
                low = text[s:e].lower()
                keys.append("^" + low if low in caseless_acronyms else fold(low))
            starts.append(s)
            ends.append(e)
            leads.append(s if lead < 0 else lead)
            lead = -1
        self.keys, self.starts, self.ends, self.leads = keys, starts, ends, leads
        self._tokens: dict[int, Token] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, i: int) -> Token:
        tok = self._tokens.get(i)
        if tok is None:
            s, e = self.starts[i], self.ends[i]
            word = self.text[s:e]
            upper = word.isupper()
            hard = i > 0 and _is_hard_gap(self.text, self.starts[i - 1], self.ends[i - 1], self.leads[i])
            tok = Token(self.keys[i], s, e, self.leads[i], upper, upper or word[0].isupper() or word[0].isdigit(), hard)
            self._tokens[i] = tok
        return tok


def tokenize(text: str) -> list[Token]:
    """Folded word tokens of ``text`` with their offsets; Arabic articles are dropped into the next token's lead."""
    scan = TokenScan(text)
    return [scan[i] for i in range(len(scan))]


@lru_cache(maxsize=None)
def name_tokens(name: str) -> tuple[Token, ...]:
    """``tokenize`` for names from the tables, which the knowledge base tokenizes more than once while it builds."""
    return tuple(tokenize(name))


def _is_hard_gap(text: str, prev_start: int, prev_end: int, start: int) -> bool:
    gap = text[prev_end:start]
    if not gap or gap == " ":
        return False
    m = _HARD_GAP.search(gap)
    if m is None:
        return False
    # "U.S. Army": a full stop after a single letter ends an abbreviation, not a sentence.
    return not (m.group() != "\n" and m.group().startswith(".") and prev_end - prev_start == 1
                and not _HARD_GAP.search(gap, m.end()))
