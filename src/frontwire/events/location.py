"""Where an event happened: the place of its evidence window, told apart from the places
that only qualify an actor ("US-led"), locate a speaker ("told reporters in Latakia") or
stand for a government ("loyal to Damascus"), with fallbacks to the paragraph and the
article's main place in its home country."""

from __future__ import annotations

import re

from ..model import Article

_GENERIC_PLACE_FEATURES = {"country", "continent", "region"}

_QUALIFIES_ACTOR = re.compile(
    r"\s*-?\s*based\b|-(?:led|backed|trained|formed|funded|armed|made|supplied|brokered|sponsored|supported|run)\b", re.I)
_WHERE_SPOKEN = re.compile(
    r"\b(?:told (?:reporters|journalists|a (?:news|press) conference)|speaking to (?:reporters|journalists)|"
    r"(?:news|press) conference|briefing|statement issued)\s+in\s+(?:the\s+)?$",
    re.I,
)
_FOR_ITS_GOVERNMENT_BEFORE = re.compile(
    r"\b(?:loyal to|backed by|allied to|allied with|cooperat\w* with|helped|helping|ally of|allies of|support(?:s|ed|ing)?|its|regime in|"
    r"government in|authorities in)\s+$",
    re.I,
)
_FOR_ITS_GOVERNMENT_AFTER = re.compile(
    r"['’]?s?\s+(?:ally|allies|promises?|promised|says|said|denie[sd]|accuse[sd]|claims|claimed|insists|insisted|"
    r"defend(?:s|ed)|condemn(?:s|ed)|warn(?:s|ed)|reject(?:s|ed)|veto(?:es|ed)|blame[sd]|urge[sd]|announce[sd]|"
    r"government|regime|authorities|backs|backed)\b(?!\s+by\b)",
    re.I,
)

# where a missile, drone or aircraft came from is not where it struck or was brought down
# ("drones launched from Yemen were intercepted over Eilat", "rockets fired from northern Gaza")
_ORIGIN_BEFORE = re.compile(
    r"\b(?:launched|fired|took off|flying in|flown|coming|shot)\s+from\s+(?:the\s+direction\s+of\s+|across\s+)?"
    r"(?:the\s+)?(?:(?:northern|southern|eastern|western|central|occupied)\s+)?$",
    re.I,
)


# where a happening was heard or seen from is where its witnesses were, not where it happened
# ("explosions could be heard from the Turkish border town of Kilis", "audible from the town of Akcakale")
_SEEN_FROM_BEFORE = re.compile(
    r"\b(?:heard|audible|seen|visible|watched|filmed|observed)\s+(?:\w+\s+){0,2}?from\s+(?:across\s+the\s+border\s+in\s+)?"
    r"(?:the\s+)?(?:[\w-]+\s+){0,4}?$", re.I)


# what follows a place that opens a line as a dateline with its agency: "Idlib, (DSA) -",
# "Aleppo, SANA -", "Damascus Countryside, February 6 (State Agency) -": where the report was filed
_AGENCY_DATELINE_AFTER = re.compile(
    r"(?:\s+[A-Z][a-z]+)?\s*,?\s*(?:(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)(?:,?\s+\d{4})?\s*,?\s*)?"
    r"(?:\([^()\n]{2,40}\)|[A-Z]{2,}(?:\s+[A-Z]{2,})?)\s*[-–—]")


def paragraph_of(article: Article, pos: int) -> tuple[int, int]:
    for p in article.paragraphs or []:
        if p.start <= pos < p.end:
            return p.start, p.end
    return 0, len(article.text)


def not_where(text: str, mention) -> bool:
    """A mention that does not say where anything happened: "London-based", a BEIRUT dateline,
    "launched from Yemen"."""
    # "London-based", "US-led", "US-trained": the place qualifies an actor
    if _QUALIFIES_ACTOR.match(text[mention.end:mention.end + 12]):
        return True
    # where someone spoke: "told reporters in Latakia", "said in a statement in Moscow"
    if _WHERE_SPOKEN.search(text[max(0, mention.start - 60):mention.start]):
        return True
    # a capital for its government: "loyal to Damascus", "Damascus promises", "its Damascus ally"
    if _FOR_ITS_GOVERNMENT_BEFORE.search(text[max(0, mention.start - 30):mention.start]) or \
            _FOR_ITS_GOVERNMENT_AFTER.match(text, mention.end):
        return True
    if _ORIGIN_BEFORE.search(text[max(0, mention.start - 60):mention.start]) or \
            _SEEN_FROM_BEFORE.search(text[max(0, mention.start - 70):mention.start]):
        return True
    line_start = text.rfind("\n", 0, mention.start) + 1
    if text[line_start:mention.start].strip():
        return False
    # a BEIRUT dateline, or a mixed-case one with its agency
    return (mention.text.isupper() and len(mention.text) > 3) or _AGENCY_DATELINE_AFTER.match(text, mention.end) is not None


def specificity(place) -> int:
    """Lower is more specific: a town before its province before its country."""
    feature = (place.feature or "").lower()
    if feature == "region" and place.admin1 and place.country:
        return 2  # a district within one province ("Qalamoun", "Eastern Ghouta") is as good as the province
    if feature in _GENERIC_PLACE_FEATURES:
        return 3
    if feature == "admin1":
        return 2
    return place.geo_precision or 1


class Locator:
    """Where the events of one article happen; what holds for the whole article is read once."""

    def __init__(self, article: Article):
        self.article = article
        # which mentions say where something happened, by position (mentions are distinct spans)
        self._where = {(m.start, m.end): not not_where(article.text, m) for p in article.places for m in p.mentions}
        self.home = self._home_country()
        self.main = self._main_place()

    def _where_count(self, place) -> int:
        return sum(self._where[(m.start, m.end)] for m in place.mentions)

    def _home_country(self) -> str | None:
        """The country the article's place mentions point to, towns and provinces weighing double."""
        weight: dict[str, int] = {}
        for place in self.article.places:
            if place.country:
                # towns and provinces say where things happen; a country's name is as often the
                # state that acts or speaks ("Russia backs ...")
                local = (place.feature or "").lower() not in _GENERIC_PLACE_FEATURES
                weight[place.country] = weight.get(place.country, 0) + self._where_count(place) * (2 if local else 1)
        return max(weight, key=weight.get) if weight else None

    def _main_place(self):
        """The article's most mentioned place below country level (in its home country), else its country."""
        home, places = self.home, self.article.places
        ranked = sorted(
            [p for p in places if (home is None or p.country == home) and self._where_count(p)] or places,
            key=lambda p: (specificity(p) >= 3, -self._where_count(p), min((m.start for m in p.mentions), default=10**9)),
        )
        return ranked[0] if ranked else None

    def event_place(self, start: int, end: int):
        """(place, geo_precision, inferred).

        The most specific place named in the window; when the window names none below
        country level, the nearest one before it in the paragraph, then the article's
        main place, with precision 2 (3 for a province), and only then the window's
        country. A town the gazetteer left without province takes the province the
        window names beside it ("Atareb in Aleppo province").
        """
        article, home = self.article, self.home
        # a place inside who speaks ("the Russian centre in Hmeimim stated") is where the speaker sits
        speakers = [(q.speaker_start, q.speaker_end) for q in article.quotes
                    if q.speaker_start is not None and start <= q.speaker_start < end]
        in_window = []
        for place in article.places:
            for m in place.mentions:
                if start <= m.start and m.end <= end and self._where[(m.start, m.end)] \
                        and not any(s <= m.start and m.end <= e for s, e in speakers):
                    in_window.append((m.start, place))
                    break
        local = [x for x in in_window if specificity(x[1]) < 3]
        # a foreign capital in the window is where someone spoke, not where the war happened,
        # when the article's places lie in one country and the window has none of them
        if home is not None and local and all(x[1].country != home for x in local):
            local = []
        if local:
            place = min(local, key=lambda x: (home is not None and x[1].country != home, specificity(x[1]), x[0]))[1]
            if not place.admin1:
                province = next((p for _, p in local if p.admin1 and p is not place), None)
                if province is not None:
                    place = place.model_copy(update={"admin1": province.admin1, "country": place.country or province.country})
            return place, place.geo_precision or (2 if place.admin1 else 3), False
        p_start, _ = paragraph_of(article, start)
        before = []
        for place in article.places:
            if specificity(place) >= 3 or (home is not None and place.country != home):
                continue
            for m in place.mentions:
                if p_start <= m.start and m.end <= start and self._where[(m.start, m.end)]:
                    before.append((m.start, place))
        if before:
            place = max(before, key=lambda x: x[0])[1]
            return place, max(place.geo_precision or 1, 2), True
        main = self.main
        if main is not None and specificity(main) < 3:
            precision = 3 if (main.feature or "") == "admin1" else 2
            return main, max(main.geo_precision or 1, precision), True
        if in_window:
            place = in_window[0][1]
            return place, place.geo_precision or 3, False
        if main is None:
            return None, None, True
        return main, 3, True
