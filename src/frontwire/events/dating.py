"""When an event happened: the date the text gives it, or none.

The event's own date comes, in this order, from:

1. its window (the sentence, or the two, that tell it): the most precise date there; among
   dates of one precision the first, except that a date told as the day a source spoke
   ("the monitor said on Tuesday") gives way to one told as the day of the happening
   ("strikes on Monday killed 12"), even in the paragraph or the lines after the window when
   told as the happening's own ("Monday's raids", "on Monday night", "overnight into Monday");
   so does a day told as the day a toll rose or a party answered ("denied on Tuesday that it
   shelled the market on Sunday"); such a day alone ("the
   toll rose to 34 on Wednesday", "the ministry on Thursday denied") dates the happening only to
   the week (time precision 2): it happened then or in the days before, unless the follow-up
   names the happening's own day in its paragraph or the next lines ("Tuesday's raids") or
   after it in the window ("condemned on Thursday the shelling ... the day before");
2. a date told earlier in its paragraph ("On Saturday, jets struck Douma. Twelve died."), to
   the day, week or month (a year told before is background, not this event's date);
3. the quote that covers the window, when the quote is dated;
4. when the window stands in the lead (the first prose paragraph, at most its first three
   sentences: headline, standfirst and first sentence where they are glued), the lead's date:
   news dates its main happening in the lead, and the headline that tells it rarely does;
5. else none, with ``time_precision`` none: the publication date is when the report appeared,
   not when the event did, and an analyst must see that the text did not say. (Incidents read
   an undated event as the week before its article's publication.)

A dateline (the first full date printed at the top of a body, with its weekday: "AFP Friday
15 Jul 2016") dates the report, not the event, so it dates no event. An article without
publication date is anchored on that dateline: its relative dates ("on Thursday") resolve
against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import Article, DateMention
from ..understand.dates import resolve_date
from .location import paragraph_of

_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}  # ACLED time_precision
_DATELINE_REACH = 400  # characters from the top where a body-printed dateline stands
_FULL_YEAR = re.compile(r"(?:19|20)\d\d")
_LEAD_SENTENCES = 3
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])")
# what stands between a verb and the day it happened on: "said on", "reported late", nothing
_ON_THE_DAY = r"\s+(?:(?:on|late|early|late\s+on|early\s+on)\s+)?$"
# the date of the telling, not of the happening: "said on Tuesday", "reported late Monday"
_TOLD_ON = re.compile(
    r"\b(?:said|says|say|reported|reports|announced|told\s+\w+|stated|added|confirmed|claimed|declared|"
    r"statement|warned|tweeted|wrote)" + _ON_THE_DAY, re.I)


# the day a toll rose or a party answered: later than the happening it is told of ("the toll rose
# to 34 on Wednesday", "the ministry denied on Tuesday", "condemned on Thursday the shelling")
_FOLLOWED_UP_ON = re.compile(
    r"(?:\b(?:rose|risen|rising|climbed|jumped|increased)\s+to\s+(?:at\s+least\s+)?[\w-]+|"
    r"\b(?:denied|rejected|condemned|denounced|claimed\s+responsibility(?:\s+for\s+the\s+\w+)?|"
    r"summoned\s+[\w\s']{0,30}?))" + _ON_THE_DAY, re.I)
_FOLLOWED_UP_AFTER = re.compile(r"^,?\s+(?:denied|rejected|condemned|denounced|claimed\s+responsibility)\b", re.I)


# the happening's own day, told beside a follow-up: "Tuesday's raids on the market", "in Wednesday's strike"
_HAPPENING_DAY_AFTER = re.compile(
    r"['’]s\s+(?:[\w-]+\s+){0,3}?(?:raids?|strikes?|air\s*strikes?|airstrikes?|attacks?|bombings?|shelling|blasts?|"
    r"explosions?|massacre|assault|ambush|bombardment)\b", re.I)
# the happening's day told from the follow-up's: "condemned on Thursday the shelling, in which eight
# were killed the day before", "claimed responsibility on Monday for a car bomb the previous day"
_DAYS_BEFORE = re.compile(
    r"\b(?:the\s+(?:day|night)\s+before|the\s+previous\s+(?:day|night)|a\s+day\s+(?:earlier|before)"
    r"|(?P<count>two|three)\s+days\s+(?:earlier|before))\b", re.I)
# ...told of the happening itself, not of an earlier toll ("rose to 34, up from 31 the day before")
_HAPPENING_BEFORE = re.compile(
    r"\b(?:killed|died|attack\w*|strikes?|struck|shell\w*|bomb\w*|blasts?|raids?|explosions?|massacre)\b[^.;]{0,60}$", re.I)
# a night's happening, told to its day: "on Wednesday night" (one mention), "overnight into Wednesday"
_OVERNIGHT_BEFORE = re.compile(r"\bovernight\s+(?:into|to)\s+$", re.I)
# how far past a follow-up's paragraph the happening's day may be told
_HAPPENING_DAY_REACH = 800


@dataclass(frozen=True)
class EventDate:
    value: str | None  # ISO date
    time_precision: int | None  # 1 day, 2 week, 3 month
    inferred: bool  # not given by the window itself


def _dateline_mention(article: Article) -> DateMention | None:
    for d in sorted(article.dates, key=lambda d: d.start):
        if d.start > _DATELINE_REACH:
            break
        if d.value and d.precision == "day" and _FULL_YEAR.search(d.text):
            return d
    return None


def printed_dateline(article: Article) -> str | None:
    """The first absolute day date printed near the top of the body ("AFP Friday 15 Jul 2016"):
    the publication date of an article whose metadata gave none."""
    d = _dateline_mention(article)
    return d.value if d else None


def _is_dateline(article: Article, d: DateMention, dateline: DateMention | None) -> bool:
    """``d`` is the printed dateline, or the weekday printed just before it ("Friday 15 Jul 2016")."""
    if dateline is None:
        return False
    if d.start == dateline.start:
        return True
    return d.end <= dateline.start and dateline.start - d.end <= 2 and not article.text[d.end:dateline.start].strip(" ,")


def _resolved(article: Article, anchor: str | None) -> list[DateMention]:
    """The article's dated mentions, the relative ones resolved against ``anchor`` when the
    article has no publication date of its own; the dateline left out."""
    dateline = _dateline_mention(article) if not article.published else None
    found = []
    for d in article.dates:
        if _is_dateline(article, d, dateline):
            continue
        if not d.value and not article.published and anchor:
            value, precision = resolve_date(d.text, anchor)
            if value:
                d = d.model_copy(update={"value": value, "precision": precision})
        if d.value:
            found.append(d)
    return found


def _told_on(article: Article, d: DateMention) -> bool:
    return _TOLD_ON.search(article.text[max(0, d.start - 40):d.start]) is not None


def _followed_up_on(article: Article, d: DateMention) -> bool:
    return (_FOLLOWED_UP_ON.search(article.text[max(0, d.start - 60):d.start]) is not None
            or _FOLLOWED_UP_AFTER.search(article.text[d.end:d.end + 30]) is not None)


def _names_the_happening(article: Article, d: DateMention) -> bool:
    text = article.text
    return (_HAPPENING_DAY_AFTER.match(text, d.end) is not None or d.text.lower().endswith(" night")
            or _OVERNIGHT_BEFORE.search(text[max(0, d.start - 25):d.start]) is not None)


def _happening_day(article: Article, dated: list[DateMention], at: int, latest: str) -> DateMention | None:
    """The day a follow-up or a source's telling at ``at`` names as the happening's own
    ("Tuesday's raids", "on Wednesday night", "overnight into Wednesday"), in its paragraph or just
    after it, and not after ``latest`` (the telling's day)."""
    p_start, p_end = paragraph_of(article, at)
    return next((d for d in dated if p_start <= d.start < p_end + _HAPPENING_DAY_REACH and d.precision == "day"
                 and d.value[:10] <= latest[:10] and _names_the_happening(article, d)), None)


def _best(article: Article, dates: list[DateMention]) -> DateMention:
    return min(dates, key=lambda d: (_PRECISION.get(d.precision or "day", 3),
                                     _told_on(article, d) or _followed_up_on(article, d), d.start))


def lead_reach(article: Article) -> int:
    """Where the lead ends for dating: the first paragraph that reads as prose (as ``windows.lead_end``
    finds it), cut after three sentences, since some archives glue a whole article into one paragraph."""
    text = article.text
    start, end = 0, len(text)
    for p in article.paragraphs or []:
        if len(text[p.start:p.end]) > 120 or text[p.start:p.end].rstrip().endswith("."):
            start, end = p.start, p.end
            break
    ends = [m.end() for m in _SENTENCE_END.finditer(text, start, end)][:_LEAD_SENTENCES]
    return ends[-1] if len(ends) == _LEAD_SENTENCES else end


def _not_later(d: DateMention, anchor: str | None) -> bool:
    """Not after the anchor: what is announced for later has not happened yet."""
    return anchor is None or d.value[:10] <= anchor[:10]


def event_date(article: Article, start: int, end: int) -> EventDate:
    """The date of the event told in ``article.text[start:end]``: its window's, else its
    paragraph's before it, the covering quote's, the lead's; else none (see the module docstring)."""
    anchor = article.published or printed_dateline(article)
    dated = _resolved(article, anchor)
    # A bare year of the article's own ("in 2017", published 2017-11-17) does not date the
    # event; an earlier one ("in 2014") does, to the month precision ACLED has at most.
    this_year = (anchor or "")[:4]
    dated = [d for d in dated if not (d.precision == "year" and d.value[:4] == this_year)]
    in_window = [d for d in dated if start <= d.start and d.end <= end]
    if in_window:
        best = _best(article, in_window)
        precision = _PRECISION.get(best.precision or "day", 3)
        if precision == 1 and _followed_up_on(article, best):
            # A follow-up dates the happening only as that day or the days before it: the week,
            # unless it names the happening's own day beside it
            own_day = _happening_day(article, dated, start, best.value)
            if own_day is not None:
                return EventDate(own_day.value, 1, True)
            before = _DAYS_BEFORE.search(article.text, best.end, end)
            if before is not None and _HAPPENING_BEFORE.search(article.text, best.end, before.start()):
                days = {"two": 2, "three": 3}.get((before.group("count") or "").lower(), 1)
                return EventDate((date.fromisoformat(best.value[:10]) - timedelta(days=days)).isoformat(), 1, False)
            precision = 2
        elif precision == 1 and _told_on(article, best):
            # only the day a source spoke: the happening's own day, when told beside it, is better
            own_day = _happening_day(article, dated, start, best.value)
            if own_day is not None and own_day.start != best.start:
                return EventDate(own_day.value, 1, True)
        return EventDate(best.value, precision, False)
    p_start, _ = paragraph_of(article, start)
    before = [d for d in dated if p_start <= d.start and d.end <= start and d.precision != "year"]
    if before:
        best = before[-1]
        return EventDate(best.value, _PRECISION.get(best.precision or "day", 3), True)
    for q in article.quotes:
        if q.date and q.start < end and q.end > start:
            return EventDate(q.date, 1, True)
    lead = lead_reach(article)
    if start < lead:
        in_lead = [d for d in dated if d.end <= lead and d.precision in ("day", "week") and _not_later(d, anchor)]
        if in_lead:
            best = _best(article, in_lead)
            return EventDate(best.value, _PRECISION[best.precision], True)
    return EventDate(None, None, True)

