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
  (``events.coder._toll``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12, "dozens": 12, "tens": 10,
    "scores": 20, "hundreds": 100, "thousands": 1000, "a thousand": 1000,
}
_VAGUE = {"several": 10, "many": 10, "a number of": 10, "numerous": 10, "multiple": 10, "a few": 3, "some": 10}

_NUMBER = (
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?:one|two|three|four|five|six|seven|eight|nine)"
    r"|a dozen|a hundred|a thousand|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
    r"|dozens|dozen|tens|scores|hundreds|thousands|several|many|a number of|numerous|multiple|a few)"
)
_QUAL = r"(?:(?:at least|more than|over|nearly|almost|about|around|some|up to|roughly|approximately|an estimated|a total of|another|the)\s+)?"
_WHO = (
    r"(?P<who>(?:(?!(?:as|while|when|after|before|and|but|since|because|with|in|on|at)\b)(?:\w+|[\w-]+)\s+){0,3}?"
    r"(?:civilians?|people|persons?|children|child|kids|women|woman|girls?|boys?|men|residents|villagers|inhabitants|worshippers|students|"
    r"protesters|demonstrators|passengers|farmers|family members|members|soldiers|troops|militants|fighters|"
    r"terrorists|rebels|insurgents|gunmen|policemen|police officers|officers|personnel|jihadists|combatants|"
    r"members|individuals|others|victims|bodies|dead|citizens|Syrians|Iraqis|Palestinians|Afghans|Yemenis|"
    r"boys|girls|infants|babies|teenagers|elderly|women and children|displaced|refugees|patients|doctors|"
    r"journalists|workers|guards|recruits|servicemen|commanders|officials|pilgrims|martyrs|medics|paramedics|nurses|"
    r"rescuers|volunteers|teachers)\b)"
)
_KILL = r"(?:killed|dead|died|crucified|killing|slain|massacred|martyred|executed|murdered|perished|lost their lives|losing their lives|shot dead|beheaded|suffocated to death|burned to death)"

_PATTERNS = [
    # "killing at least 12 people", "killed 5 civilians", "Air raids kill 10 near ..."
    re.compile(r"\b(?:killing|killed|kills|kill|massacred|executed|executes|execute|executing|murdered|crucified|crucifies|beheaded|beheads|claimed the lives of|left|leaving)\s+" + _QUAL + _NUMBER
               + r"(?:\s+" + _WHO + r"(?:\s+(?:dead|killed))?|(?=\s*(?:[,.;:]|$|\s(?:in|near|at|on|and|as|after|during|when|including|while|across|outside|inside|since|overnight|today|yesterday)\b)))", re.I),
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
_CIVILIAN = re.compile(
    r"\b(?:civilians?|children|child|kids|women|woman|girls?|boys?|residents|villagers|inhabitants|worshippers|students|protesters|demonstrators|"
    r"passengers|farmers|family|families|citizens|boys|girls|infants|babies|teenagers|elderly|displaced|refugees|patients|"
    r"doctors|journalists|workers|pilgrims|people|persons|individuals|Syrians|Iraqis|Palestinians|Afghans|Yemenis|"
    r"medics|paramedics|nurses|rescuers|volunteers|teachers)\b",
    re.I,
)
_NOT_CIVILIAN = re.compile(
    r"\b(?:soldiers?|troops|militants?|fighters?|terrorists?|rebels?|insurgents?|gunmen|policem[ae]n|officers?|personnel|"
    r"jihadists?|combatants?|members of|servicemen|recruits|guards|commanders?|militiamen|army|forces)\b"
    r"(?![-\u2010](?:held|controlled|run|dominated|led|backed|besieged))",
    re.I,
)
_CIVILIAN_ONLY = re.compile(r"\b(?:civilians?|children|kids|women|residents|villagers|worshippers|passengers|families|infants|babies)\b", re.I)
# every pattern needs one of these; most windows have none, and skip the rest
_DEATH_WORD = re.compile(r"kill|dead|die[ds]?\b|death|toll|massacr|execut|murder|lives|bodies|slain|crucif|behead|fatalit|perish|martyr|suffocated to|burned to", re.I)
# "killed 50 militants and eight civilians": a second group of the dead, not of the wounded
_AND_ALSO = re.compile(r"\b(?:and|as well as)\s+" + _QUAL + _NUMBER + r"\s+" + _WHO
                       + r"(?!\s+(?:\w+\s+){0,3}?(?:were |was )?(?:wounded|injured|hurt|missing|arrested|displaced|detained))", re.I)
_NOT_DEAD = re.compile(r"\b(?:displaced|refugees|wounded|injured|million|thousand)\b", re.I)
_INCLUDING = re.compile(r"\b(?:including|among them|among whom|of whom|mostly|most of them|all of them)\s+" + _QUAL + _NUMBER + r"\s+" + _WHO, re.I)


# one victim named by what they were: "a girl was killed", "killing the imam"
_ONE = r"(?:girl|boy|child|woman|man|civilian|imam|priest|doctor|nurse|teacher|journalist|farmer|shepherd|student|soldier|policeman|officer|fighter)"
_SINGLE_VICTIM = re.compile(
    r"\b(?:an?|one|the)\s+(?:\w+\s+){0,2}?(?P<who>" + _ONE + r")\s+(?:was|has been|had been|were)?\s*(?:killed|shot dead|died|murdered)\b"
    r"|\b(?:killing|killed|kills)\s+(?:an?|one|the)\s+(?:\w+\s+){0,2}?(?P<who2>" + _ONE + r")\b",
    re.I,
)

# "a man" may have borne arms: only the words that say so or leave it open stay out of the civilian count
_ONE_NOT_CIVILIAN = re.compile(r"soldier|policeman|officer|fighter|man", re.I)


def _overlapping(pattern: re.Pattern, text: str):
    """Matches that may overlap ("50 fighters and two civilians were killed" holds two tolls)."""
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if m is None:
            return
        yield m
        pos = m.start() + 1


@dataclass
class Toll:
    fatalities: int | None
    civilian_fatalities: int | None


def to_number(word: str) -> tuple[int | None, bool]:
    """The figure a number word stands for, and whether it was vague ("several")."""
    w = word.lower().strip()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", w):
        return int(w.replace(",", "")), False
    if w in _VAGUE:
        return _VAGUE[w], True
    if w in _UNITS:
        return _UNITS[w], False
    m = re.fullmatch(r"(\w+)[- ](\w+)", w)
    if m and m.group(1) in _UNITS and m.group(2) in _UNITS:
        return _UNITS[m.group(1)] + _UNITS[m.group(2)], False
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
            if n > 1900 and n < 2100 and re.fullmatch(r"\d{4}", m.group("num")):
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


def lowest(values: list[int | None]) -> int | None:
    """ACLED: when sources differ, the lowest figure."""
    known = [v for v in values if v is not None]
    return min(known) if known else None
