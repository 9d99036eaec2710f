"""Death tolls in a window of text, by ACLED's conservative rules.

ACLED's codebook: vague plurals take the lowest figure they can mean, "dozens"
is 12, "hundreds" 100; "several", "many" and plural fatalities with no figure
count as 10 only when ACLED has nothing better; when sources differ, the lowest
figure is kept; no figure in the text means null, never 0.

frontwire's own choices, in the same conservative spirit:
- "tens" = 10, "scores" = 20 (one score), "a dozen" = 12, "thousands" = 1000;
- "several"/"many"/"a number of" killed = 10 only for the total, never for
  civilians (crowd and ACLED coders leave the civilian count empty then);
- "at least N", "more than N", "over N", "nearly N", "up to N" all give N;
- "N killed, including M civilians": total N, civilians M; a sentence that only
  says "N civilians/children/women/people killed" gives civilians N too
  (ACLED counts civilians in violence against civilians from such phrases);
- a window that names only civilian victims ("86 dead ... 30 of them children")
  gives its total as civilian too;
- one victim named by what they were ("a girl was killed", "killing the imam")
  is a toll of 1, civilian unless the word says or may mean a combatant
  (soldier, officer, fighter, "a man");
- "claiming 4 martyrs" is a toll (state media's word for its dead), not a
  civilian count: martyrs may be soldiers;
- tolls in one window may overlap ("50 fighters and two civilians were
  killed": 2 civilians);
- the largest figure within one window is its total (a toll quoted with a
  breakdown); across sources the lowest wins when it is told as a rival
  estimate ("SANA put the toll at 12") and of the same order; a later lower
  figure told without such words ("three children among the dead", "eleven
  of them after midnight in Bab al-Nairab") is a part, not a competing total
  (``events.merging.merged_toll``);
- a figure of more than 7 digits is no toll.

The words are ``lexicons/tolls.yaml``'s; who counts as a civilian ``lexicons/civilians.yaml``'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicons import alternation, word_pattern
from ..lexicons.entries import any_of, mapping, word_list

_FIGURES: dict[str, int] = mapping("tolls", "figures")
_VAGUE: dict[str, int] = mapping("tolls", "vague_figures")
# a figure longer than this is no toll (and int() refuses numbers of thousands of digits)
_MAX_FIGURE_DIGITS = 7

_NUMBER = (
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+|" + alternation(word_list("tolls", "compound_tens")) + "[- ]"
    + alternation(word_list("tolls", "compound_units")) + "|" + "|".join(word_list("tolls", "figure_words")) + ")"
)
_QUAL = r"(?:" + alternation(word_list("tolls", "qualifiers")) + r"\s+)?"
_WHO = (
    r"(?P<who>(?:(?!(?:as|while|when|after|before|and|but|since|because|with|in|on|at)\b)(?:\w+|[\w-]+)\s+){0,3}?"
    + alternation(word_list("civilians", "toll_nouns")) + r"\b)"
)
_KILL = alternation(word_list("tolls", "death_words"))

_PATTERNS = [
    # "killing at least 12 people", "killed 5 civilians", "Air raids kill 10 near ..."
    re.compile(r"\b(?:killing|killed|kills|kill|massacred|executed|executes|execute|executing|murdered|crucified|crucifies|beheaded|beheads|claimed the lives of|left|leaving)\s+" + _QUAL + _NUMBER
               + r"(?:\s+" + _WHO + r"(?:\s+(?:dead|killed))?|(?=\s*(?:[,.;:]|$|\s(?:in|near|at|on|and|as|after|during|when|including|while|across|outside|inside|since|overnight|today|yesterday)\b)))", re.I),
    # state media's "eliminated 12 terrorists": only fighters, since "eliminated 40 positions" kills no one
    re.compile(r"\beliminat(?:ed|es|ing)\s+" + _QUAL + _NUMBER + r"\s+(?P<who>(?:\w+\s+){0,2}?"
               + alternation(word_list("civilians", "combatant_dead")) + r")\b", re.I),
    # "12 civilians were killed", "at least 70 people died", "5 dead"
    re.compile(_QUAL + r"\b" + _NUMBER + r"\s+" + _WHO + r"\s+(?:\w+\s+){0,4}?(?:were|was|have been|had been|are|being|got|reportedly|were reportedly)?\s*" + _KILL, re.I),
    re.compile(_QUAL + r"\b" + _NUMBER + r"\s+(?P<who>dead|killed|fatalities|deaths)\b", re.I),
    # "death toll rose to 70", "putting the death toll at at least 70", "toll of 12"
    re.compile(r"\b(?:death toll|toll|number of (?:the )?(?:dead|deaths|victims|those killed)|fatalities)\s+(?:[\w'-]+\s+){0,16}?(?:to|at|of|reached|hit|stood at|is|was|rose to|climbed to)\s+(?:at least\s+|some\s+|about\s+|around\s+|more than\s+|over\s+)?" + _NUMBER + r"(?:\s+" + _WHO + r")?", re.I),
    # "claiming 4 martyrs", "claimed the lives of 6"
    re.compile(r"\b(?:claim(?:ing|ed|s)?)\s+" + _QUAL + _NUMBER + r"\s+" + _WHO, re.I),
    # "the deaths of 12 civilians", "the lives of 5 people"
    re.compile(r"\b(?:deaths?|lives|bodies|martyrdom|killing) of\s+" + _QUAL + _NUMBER + r"\s+" + _WHO, re.I),
]
_CIVILIAN = word_pattern(word_list("civilians", "civilian_dead"))
_NOT_CIVILIAN = re.compile(
    r"\b" + alternation(word_list("civilians", "combatant_dead")) + r"\b"
    r"(?![-\u2010](?:held|controlled|run|dominated|led|backed|besieged))",
    re.I,
)
_CIVILIAN_ONLY = word_pattern(word_list("civilians", "only_civilians"))
# every pattern needs one of these; most windows have none, and skip the rest
_DEATH_WORD = re.compile("|".join(word_list("tolls", "death_cues")), re.I)
# "killed 50 militants and eight civilians": a second group of the dead, not of the wounded
_AND_ALSO = re.compile(r"\b(?:and|as well as)\s+" + _QUAL + _NUMBER + r"\s+" + _WHO
                       + r"(?!\s+(?:\w+\s+){0,3}?(?:were |was )?(?:wounded|injured|hurt|missing|arrested|displaced|detained))", re.I)
_NOT_DEAD = re.compile(r"\b(?:displaced|refugees|wounded|injured|million|thousand)\b", re.I)
_INCLUDING = re.compile(r"\b(?:including|among them|among whom|of whom|mostly|most of them|all of them)\s+" + _QUAL + _NUMBER + r"\s+" + _WHO, re.I)


# one victim named by what they were: "a girl was killed", "killing the imam"
_ONE = alternation(word_list("civilians", "single_victims"))
_SINGLE_VICTIM = re.compile(
    r"\b(?:an?|one|the)\s+(?:\w+\s+){0,2}?(?P<who>" + _ONE + r")\s+(?:was|has been|had been|were)?\s*(?:killed|shot dead|died|murdered)\b"
    r"|\b(?:killing|killed|kills)\s+(?:an?|one|the)\s+(?:\w+\s+){0,2}?(?P<who2>" + _ONE + r")\b",
    re.I,
)

# "a man" may have borne arms: only the words that say so or leave it open stay out of the civilian count
_ONE_NOT_CIVILIAN = re.compile("|".join(word_list("civilians", "single_victims_maybe_armed")), re.I)
_RIVAL_ESTIMATE = re.compile(any_of(word_list("tolls", "rival_estimate")), re.I)


def _overlapping(pattern: re.Pattern, text: str):
    """Matches that may overlap ("50 fighters and two civilians were killed" holds two tolls)."""
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if m is None:
            return
        yield m
        pos = m.start() + 1


_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_TWO_WORDS = re.compile(r"(\w+)[- ](\w+)")
_YEAR = re.compile(r"\d{4}")


@dataclass
class Toll:
    fatalities: int | None
    civilian_fatalities: int | None


def to_number(word: str) -> tuple[int | None, bool]:
    """The figure a number word stands for, and whether it was vague ("several")."""
    w = word.lower().strip()
    if _DIGITS.fullmatch(w):
        digits = w.replace(",", "")
        if len(digits) > _MAX_FIGURE_DIGITS:
            return None, False
        return int(digits), False
    if w in _VAGUE:
        return _VAGUE[w], True
    if w in _FIGURES:
        return _FIGURES[w], False
    m = _TWO_WORDS.fullmatch(w)
    if m and m.group(1) in _FIGURES and m.group(2) in _FIGURES:
        return _FIGURES[m.group(1)] + _FIGURES[m.group(2)], False
    return None, False


def _is_civilian(who: str) -> bool:
    return bool(_CIVILIAN.search(who)) and not _NOT_CIVILIAN.search(who)


def count(text: str) -> Toll:
    """Total and civilian fatalities a window of text states (None when it states none)."""
    total: int | None = None
    civilians: int | None = None
    if not _DEATH_WORD.search(text):
        return Toll(None, None)
    for pattern in _PATTERNS:
        for m in _overlapping(pattern, text):
            n, vague = to_number(m.group("num"))
            if n is None or n > 100000:
                continue
            if n > 1900 and n < 2100 and _YEAR.fullmatch(m.group("num")):
                continue  # a year
            who = m.group("who") or ""
            total = n if total is None else max(total, n)
            if not vague and who and _is_civilian(who):
                civilians = n if civilians is None else max(civilians, n)
    for m in _SINGLE_VICTIM.finditer(text):
        total = 1 if total is None else max(total, 1)
        if not _ONE_NOT_CIVILIAN.fullmatch(m.group("who") or m.group("who2")):
            civilians = 1 if civilians is None else max(civilians, 1)
    if total is not None:
        for m in _AND_ALSO.finditer(text):
            n, vague = to_number(m.group("num"))
            who = m.group("who")
            if _NOT_DEAD.search(who):
                continue  # "and more than 10 million displaced"
            if n is not None and not vague and _is_civilian(who) and _DEATH_WORD.search(text[:m.start()]):
                civilians = n if civilians is None else max(civilians, n)
    for m in _INCLUDING.finditer(text):
        n, vague = to_number(m.group("num"))
        if n is not None and not vague and _is_civilian(m.group("who")):
            civilians = n if civilians is None else max(civilians, n)
    if total is not None and civilians is None and _CIVILIAN_ONLY.search(text) and not _NOT_CIVILIAN.search(text):
        civilians = total  # the window names only civilian victims ("86 dead ... 30 of them children")
    if total is not None and civilians is not None and civilians > total:
        total = civilians
    return Toll(total, civilians)


def is_rival_estimate(text: str) -> bool:
    """Whether the window tells its figure as another source's competing one ("SANA put the toll
    at 12", "while state media said 12 died"); a lower figure without such words is a part of
    the toll ("eleven of them after midnight") or its first count."""
    return _RIVAL_ESTIMATE.search(text) is not None


def lowest(values: list[int | None]) -> int | None:
    """ACLED: when sources differ, the lowest figure."""
    known = [v for v in values if v is not None]
    return min(known) if known else None
