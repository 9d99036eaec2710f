"""Agency credits: "..., FNA reported.", "(Reuters) -", "— SANA", "(AFP)".

A credit inside a sentence stays in the text (cutting it would break the
sentence later layers quote from) and is recorded with its offsets. A line
that is nothing but a credit is removed by cleaning and recorded without
offsets.

The agency table is the project's own curation of well-known news agencies
(public knowledge; names as the agencies write them). Short all-caps
acronyms only count in credit positions, never as bare words in prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# canonical name -> surface forms (regex fragments), longest first where they overlap
AGENCIES: dict[str, tuple[str, ...]] = {
    "Reuters": ("Reuters", "REUTERS", "Thomson Reuters"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "AP": ("AP", "Associated Press"),
    "FNA": ("FNA", "Fars News Agency", "Fars"),
    "SANA": ("SANA", "Syrian Arab News Agency"),
    "IRNA": ("IRNA",),
    "Tasnim": ("Tasnim News Agency", "Tasnim"),
    "Mehr": ("Mehr News Agency", "MNA"),
    "ISNA": ("ISNA",),
    "TASS": ("TASS", "ITAR-TASS"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Interfax": ("Interfax",),
    "Sputnik": ("Sputnik",),
    "Xinhua": ("Xinhua",),
    "Anadolu": ("Anadolu Agency", "Anadolu"),
    "dpa": ("dpa", "DPA"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "Kyodo": ("Kyodo",),
    "Yonhap": ("Yonhap",),
    "UNIAN": ("UNIAN",),
    "Ukrinform": ("Ukrinform",),
    "Saba": ("Saba News Agency", "SABA", "Saba"),
    "WAFA": ("WAFA",),
    "MENA": ("MENA",),
    "QNA": ("QNA",),
    "KUNA": ("KUNA",),
    "SPA": ("SPA", "Saudi Press Agency"),
    "WAM": ("WAM",),
    "NNA": ("NNA", "National News Agency"),
    "ANHA": ("ANHA", "Hawar News Agency"),
    "INA": ("INA", "Iraqi News Agency"),
    "SUNA": ("SUNA",),
    "SONNA": ("SONNA",),
    "APS": ("APS",),
    "MAP": ("MAP",),
    "LANA": ("LANA",),
    "AIP": ("AIP",),
    "NAN": ("NAN",),
    "Bernama": ("Bernama",),
    "PTI": ("PTI",),
    "IANS": ("IANS",),
    "UPI": ("UPI",),
    "ANI": ("ANI",),
}


@dataclass
class CreditMatch:
    name: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    forms = sorted({form for forms in AGENCIES.values() for form in forms}, key=len, reverse=True)
    agency = "(?P<agency>" + "|".join(re.escape(f) for f in forms) + ")"
    dash = r"[-–—]"
    return {
        # "..., FNA reported." / "Reuters quoted ..." / "told Reuters"
        "reported": re.compile(rf"\b(?:the\s+)?{agency}(?:\s+news\s+agency)?\s+(?:reported|reports|quoted|cited|learned)\b"),
        "according": re.compile(rf"\b(?:according\s+to|told|reported\s+by|quoted\s+by|cited\s+by)\s+(?:the\s+)?{agency}\b(?!-)"),
        # "ALEPPO, Syria (Reuters) -" / "(AFP) —" anywhere; "(AFP)" alone too
        "parenthesised": re.compile(rf"\(\s*{agency}\s*(?:/[^)]{{0,30}})?\)"),
        # "DONETSK, June 3. /TASS/." (Russian agencies' dateline style)
        "slashed": re.compile(rf"(?<![\w/])/{agency}/(?![\w/])"),
        # "DAMASCUS, SANA –" at the start of a paragraph
        "lead": re.compile(rf"(?m)^[A-Z][A-Za-z'. -]{{1,40}},\s*(?:[A-Za-z .'-]{{1,30}},\s*)?{agency}\s*{dash}"),
        # "... the city. — SANA" / "- REUTERS" at the end of a paragraph
        "signature": re.compile(rf"(?m)\s{dash}+\s*{agency}\s*\.?[ \t]*$"),
    }


@lru_cache(maxsize=1)
def _canonical() -> dict[str, str]:
    return {form.lower(): name for name, forms in AGENCIES.items() for form in forms}


@lru_cache(maxsize=1)
def _line_pattern() -> re.Pattern:
    forms = sorted({form for forms in AGENCIES.values() for form in forms}, key=len, reverse=True)
    agency = "(?:" + "|".join(re.escape(f) for f in forms) + ")"
    return re.compile(
        rf"^\s*(?:[-–—]+\s*)?(?:(?:source|sources|via|credit|from)\s*:?\s*)?[(\[]?\s*"
        rf"(?P<agencies>{agency}(?:\s*(?:,|/|&|and)\s*{agency})*)\s*[)\]]?\s*\.?\s*$",
        re.IGNORECASE,
    )


def canonical(name: str) -> str:
    return _canonical().get(name.lower(), name)


@lru_cache(maxsize=1)
def _any_agency() -> re.Pattern:
    forms = sorted({form for forms in AGENCIES.values() for form in forms}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in forms) + r")\b")


def find_credits(text: str) -> list[CreditMatch]:
    """Credits inside the text, with offsets, in order, one per position."""
    if not _any_agency().search(text):  # most texts name no agency: one scan instead of six
        return []
    seen: dict[int, CreditMatch] = {}
    for pattern in _patterns().values():
        for match in pattern.finditer(text):
            start, end = match.span("agency")
            if start not in seen:
                seen[start] = CreditMatch(canonical(match.group("agency")), start, end)
    return [seen[k] for k in sorted(seen)]


def credit_line(line: str) -> list[str] | None:
    """The agencies a line consists of ("— SANA", "(AFP)", "Source: Reuters"), or None."""
    if len(line) > 80:
        return None
    match = _line_pattern().match(line)
    if not match:
        return None
    names = re.split(r"\s*(?:,|/|&|\band\b)\s*", match.group("agencies"))
    stripped = line.strip()
    # A bare word like "Fars" or "Saba" alone could be a heading; accept bare
    # forms only when written as an acronym or marked as a credit.
    marked = stripped[:1] in "-–—([" or ":" in stripped
    if not marked and not all(n.isupper() or " " in n.strip() or n in ("Reuters", "Xinhua", "Interfax", "Sputnik") for n in names):
        return None
    return [canonical(n) for n in names if n]
