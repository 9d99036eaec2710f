"""Build the shipped outlet table ``src/frontwire/framing/data/outlets.csv``.

Two inputs, merged reproducibly (same inputs, same bytes out):

1. The reference ratings in ``../shared/data/reference/mbfc_idiap`` (Apache-2.0,
   Burdisso et al., NAACL 2024): Media Bias/Fact Check by domain, Wikipedia's
   perennial-sources verdicts and NewsGuard scores (from NELA-GT-2018).
2. ``CURATED`` below: the wire agencies and state or conflict-region outlets
   frontwire meets most, with their names, the credits they appear under,
   country and state affiliation from public knowledge. Curated rows never carry
   a rating of their own: a rating only ever comes from the reference data.

Usage: ``python scripts/build_outlets.py [--reference DIR]``
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = ROOT.parent / "shared" / "data" / "reference" / "mbfc_idiap"
OUT_DIR = ROOT / "src" / "frontwire" / "framing" / "data"
CURATED_ON = "2026-11-26"
COLUMNS = [
    "domain", "name", "aliases", "country", "state_affiliated",
    "bias", "factual_reporting", "credibility", "rated_by", "source_note",
]

# Social, hosting and search platforms: their domain names no outlet, and the
# MBFC scrape attached unrelated outlets' ratings to them (facebook.com gets
# three contradictory rows), so they are left out; a URL there stays unrated.
PLATFORMS = {
    "blogspot.com", "facebook.com", "github.io", "google.com", "instagram.com", "linkedin.com",
    "medium.com", "reddit.com", "substack.com", "t.me", "telegram.me", "tiktok.com", "tumblr.com",
    "twitter.com", "weebly.com", "wixsite.com", "wordpress.com", "x.com", "youtube.com",
}

# Wikipedia verdicts as the idiap build script encodes them (STATUS2RELIABILITY):
# "generally unreliable" and "deprecated" share -1, so they cannot be told apart.
WIKIPEDIA_VERDICT = {
    "1": "generally reliable",
    "0": "no consensus",
    "-1": "generally unreliable or deprecated",
    "-2": "blacklisted",
}

# MBFC country strings babel does not know, or knows under another name.
COUNTRY_FIXES = {
    "usa": "US", "united states": "US", "usa|": "US", "puerto rico/usa": "PR", "guam": "GU",
    "united kingdom (scotland)": "GB", "beligium": "BE", "columbia": "CO", "macedonia": "MK",
    "czech republic": "CZ", "italy (vatican city)": "VA", "hong kong": "HK", "turkey": "TR",
}

# (domains, name, aliases, country, state_affiliated, note). The first domain
# is the outlet's main one; aliases are the names and abbreviations used in
# agency credits ("..., FNA reported."). An alias that two outlets share
# (e.g. "Saba", both Yemeni agencies) is deliberately left out.
CURATED: list[tuple[list[str], str, list[str], str, str, str]] = [
    # Syria
    (["sana.sy"], "Syrian Arab News Agency", ["SANA"], "SY", "yes", "Syrian state news agency"),
    (["syriahr.com"], "Syrian Observatory for Human Rights", ["SOHR", "Syrian Observatory", "Syrian Observatory for Human Rights"], "GB", "no", "UK-based monitoring group on the Syrian war"),
    (["enabbaladi.net"], "Enab Baladi", ["Enab Baladi"], "", "no", "independent Syrian outlet, long run from exile"),
    (["hawarnews.org", "hawarnews.com"], "Hawar News Agency", ["ANHA", "Hawar", "Hawar News", "Hawar News Agency"], "SY", "unknown", "agency of the Kurdish-led Autonomous Administration of North and East Syria"),
    (["npasyria.com"], "North Press Agency", ["North Press", "North Press Agency", "NPA"], "SY", "no", "outlet based in northeast Syria"),
    (["almasdarnews.com"], "Al-Masdar News", ["Al-Masdar", "Al-Masdar News", "AMN"], "", "no", "pro-Syrian-government news site"),
    # Iran
    (["farsnews.ir", "farsnews.com"], "Fars News Agency", ["FNA", "Fars", "Fars News", "Fars News Agency"], "IR", "yes", "Iranian agency affiliated with the IRGC"),
    (["irna.ir"], "Islamic Republic News Agency", ["IRNA", "Islamic Republic News Agency"], "IR", "yes", "Iranian state news agency"),
    (["tasnimnews.com"], "Tasnim News Agency", ["Tasnim", "Tasnim News", "Tasnim News Agency"], "IR", "yes", "Iranian agency affiliated with the IRGC"),
    (["mehrnews.com"], "Mehr News Agency", ["Mehr", "MNA", "Mehr News", "Mehr News Agency"], "IR", "yes", "owned by the Islamic Development Organization"),
    (["presstv.ir", "presstv.com", "presstv.co.uk"], "Press TV", ["Press TV", "PressTV"], "IR", "yes", "English channel of Iranian state broadcaster IRIB"),
    (["alalam.ir"], "Al-Alam", ["Al-Alam", "Al Alam", "Alalam", "Al-Alam News Network"], "IR", "yes", "Arabic channel of Iranian state broadcaster IRIB"),
    (["tehrantimes.com"], "Tehran Times", ["Tehran Times"], "IR", "yes", "owned by the Islamic Development Organization"),
    (["isna.ir"], "Iranian Students' News Agency", ["ISNA", "Iranian Students' News Agency"], "IR", "unknown", "semi-official Iranian agency"),
    # Lebanon, Iraq, Jordan, Egypt, Gulf
    (["almanar.com.lb"], "Al-Manar", ["Al-Manar", "Al Manar", "Almanar"], "LB", "no", "owned by Hezbollah"),
    (["almayadeen.net"], "Al Mayadeen", ["Al Mayadeen", "Al-Mayadeen", "Almayadeen"], "LB", "no", "Beirut-based pan-Arab channel"),
    (["nna-leb.gov.lb"], "National News Agency (Lebanon)", ["NNA", "National News Agency"], "LB", "yes", "Lebanese state news agency"),
    (["ina.iq"], "Iraqi News Agency", ["INA", "Iraqi News Agency"], "IQ", "yes", "Iraqi state news agency"),
    (["rudaw.net"], "Rudaw", ["Rudaw"], "IQ", "unknown", "Erbil-based, close to the KDP"),
    (["kurdistan24.net"], "Kurdistan24", ["Kurdistan24", "Kurdistan 24"], "IQ", "unknown", "Erbil-based, close to the KDP"),
    (["petra.gov.jo"], "Jordan News Agency", ["Petra", "Jordan News Agency"], "JO", "yes", "Jordanian state news agency"),
    (["ahram.org.eg"], "Al-Ahram", ["Al-Ahram", "Ahram Online"], "EG", "yes", "Egyptian state-owned newspaper"),
    (["aljazeera.com", "aljazeera.net"], "Al Jazeera", ["Al Jazeera", "Al-Jazeera", "Aljazeera"], "QA", "yes", "funded by the State of Qatar"),
    (["qna.org.qa"], "Qatar News Agency", ["QNA", "Qatar News Agency"], "QA", "yes", "Qatari state news agency"),
    (["alarabiya.net"], "Al Arabiya", ["Al Arabiya", "Al-Arabiya", "Alarabiya"], "SA", "yes", "Saudi-controlled (MBC Group)"),
    (["aawsat.com"], "Asharq Al-Awsat", ["Asharq Al-Awsat", "Asharq al-Awsat", "Al-Sharq al-Awsat"], "GB", "unknown", "London-based, owned by Saudi Research and Media Group"),
    (["arabnews.com"], "Arab News", ["Arab News"], "SA", "unknown", "owned by Saudi Research and Media Group"),
    (["spa.gov.sa"], "Saudi Press Agency", ["SPA", "Saudi Press Agency"], "SA", "yes", "Saudi state news agency"),
    (["wam.ae"], "Emirates News Agency", ["WAM", "Emirates News Agency"], "AE", "yes", "UAE state news agency"),
    (["middleeasteye.net"], "Middle East Eye", ["Middle East Eye", "MEE"], "GB", "no", "London-based"),
    (["al-monitor.com"], "Al-Monitor", ["Al-Monitor"], "US", "no", ""),
    # Yemen
    (["saba.ye"], "Saba News Agency (Sanaa)", [], "YE", "yes", "the Saba agency run by the Houthi authorities in Sanaa"),
    (["sabanew.net"], "Saba News Agency (Aden)", [], "YE", "yes", "the Saba agency of the internationally recognised government"),
    (["almasirah.net"], "Al-Masirah", ["Al-Masirah", "Al Masirah"], "YE", "no", "channel of the Houthi movement"),
    # Israel, Palestine
    (["jpost.com"], "The Jerusalem Post", ["Jerusalem Post", "The Jerusalem Post", "JPost"], "IL", "no", ""),
    (["timesofisrael.com"], "The Times of Israel", ["Times of Israel", "The Times of Israel", "ToI"], "IL", "no", ""),
    (["haaretz.com", "haaretz.co.il"], "Haaretz", ["Haaretz"], "IL", "no", ""),
    (["ynetnews.com"], "Ynetnews", ["Ynet", "Ynetnews"], "IL", "no", ""),
    (["i24news.tv"], "i24NEWS", ["i24NEWS", "i24 News"], "IL", "no", ""),
    (["wafa.ps"], "WAFA", ["WAFA", "Palestinian News and Information Agency"], "PS", "yes", "Palestinian Authority news agency"),
    (["maannews.com"], "Ma'an News Agency", ["Ma'an", "Maan", "Ma'an News Agency"], "PS", "no", ""),
    # Russia, Ukraine, Caucasus
    (["rt.com"], "RT", ["RT", "Russia Today"], "RU", "yes", "Russian state-funded broadcaster"),
    ([
        "sputniknews.com", "sputniknews.ru", "sputnik.by", "armeniasputnik.am", "sputnik-abkhazia.ru",
        "sputnik-georgia.com", "sputnik-georgia.ru", "sputnik-ossetia.com", "sputnik-ossetia.ru", "sputnik-tj.com",
        "sputnik.az", "sputnik.kg", "sputnik.kz", "sputnik.md", "sputniknews-uz.com", "sputniknews.cn",
        "sputniknews.gr", "sputniknews.lt", "sputniknewslv.com",
    ], "Sputnik", ["Sputnik", "Sputnik News"], "RU", "yes", "owned by Russian state media group Rossiya Segodnya"),
    (["tass.com", "tass.ru"], "TASS", ["TASS", "ITAR-TASS"], "RU", "yes", "Russian state news agency"),
    (["ria.ru"], "RIA Novosti", ["RIA", "RIA Novosti"], "RU", "yes", "owned by Russian state media group Rossiya Segodnya"),
    (["meduza.io"], "Meduza", ["Meduza"], "LV", "no", "Russian-language outlet in exile"),
    (["ukrinform.net", "ukrinform.ua"], "Ukrinform", ["Ukrinform"], "UA", "yes", "Ukrainian state news agency"),
    (["kyivindependent.com"], "The Kyiv Independent", ["Kyiv Independent", "The Kyiv Independent"], "UA", "no", ""),
    (["kyivpost.com"], "Kyiv Post", ["Kyiv Post"], "UA", "no", ""),
    (["unian.info", "unian.net"], "UNIAN", ["UNIAN"], "UA", "no", ""),
    (["azertag.az"], "Azertac", ["Azertac", "AZERTAC"], "AZ", "yes", "Azerbaijani state news agency"),
    (["armenpress.am"], "Armenpress", ["Armenpress"], "AM", "yes", "Armenian state news agency"),
    # Turkey
    (["aa.com.tr"], "Anadolu Agency", ["AA", "Anadolu", "Anadolu Agency"], "TR", "yes", "Turkish state news agency"),
    (["trtworld.com"], "TRT World", ["TRT", "TRT World"], "TR", "yes", "Turkish public broadcaster TRT"),
    (["dailysabah.com"], "Daily Sabah", ["Daily Sabah"], "TR", "no", "privately owned (Turkuvaz), close to the government"),
    # International wires and broadcasters
    (["reuters.com"], "Reuters", ["Reuters", "Thomson Reuters"], "GB", "no", ""),
    (["apnews.com", "ap.org"], "Associated Press", ["AP", "Associated Press", "The Associated Press"], "US", "no", ""),
    (["afp.com"], "Agence France-Presse", ["AFP", "Agence France-Presse", "Agence France Presse"], "FR", "no", "autonomous public corporation, partly state-funded"),
    (["dpa.com"], "Deutsche Presse-Agentur", ["dpa", "DPA", "Deutsche Presse-Agentur"], "DE", "no", ""),
    (["ansa.it"], "ANSA", ["ANSA"], "IT", "no", ""),
    (["efe.com"], "EFE", ["EFE", "Agencia EFE"], "ES", "yes", "Spanish state-owned news agency"),
    (["bbc.com", "bbc.co.uk"], "BBC", ["BBC", "BBC News"], "GB", "no", "public broadcaster, editorially independent by charter"),
    (["dw.com"], "Deutsche Welle", ["DW", "Deutsche Welle"], "DE", "no", "public international broadcaster, federally funded"),
    (["france24.com"], "France 24", ["France 24", "France24"], "FR", "no", "public international broadcaster (France Medias Monde)"),
    (["voanews.com"], "Voice of America", ["VOA", "Voice of America"], "US", "no", "US government-funded (USAGM), editorial firewall by statute"),
    (["rferl.org"], "Radio Free Europe/Radio Liberty", ["RFE/RL", "Radio Free Europe", "Radio Liberty"], "CZ", "no", "US government-funded (USAGM), based in Prague"),
    (["xinhuanet.com", "news.cn"], "Xinhua", ["Xinhua", "Xinhua News Agency"], "CN", "yes", "Chinese state news agency"),
    (["cgtn.com"], "CGTN", ["CGTN", "China Global Television Network"], "CN", "yes", "Chinese state broadcaster"),
    (["globaltimes.cn"], "Global Times", ["Global Times"], "CN", "yes", "owned by the People's Daily"),
    # Africa
    (["sudantribune.com"], "Sudan Tribune", ["Sudan Tribune"], "FR", "no", "Paris-based, covers Sudan"),
    (["dabangasudan.org"], "Radio Dabanga", ["Radio Dabanga", "Dabanga"], "NL", "no", "Netherlands-based, covers Sudan"),
    (["suna-sd.net"], "Sudan News Agency", ["SUNA", "Sudan News Agency"], "SD", "yes", "Sudanese state news agency"),
    (["garoweonline.com"], "Garowe Online", ["Garowe Online"], "SO", "no", ""),
    (["hiiraan.com"], "Hiiraan Online", ["Hiiraan", "Hiiraan Online"], "", "no", "Somali news site"),
    (["sonna.so"], "Somali National News Agency", ["SONNA", "Somali National News Agency"], "SO", "yes", "Somali state news agency"),
    (["ena.et"], "Ethiopian News Agency", ["ENA", "Ethiopian News Agency"], "ET", "yes", "Ethiopian state news agency"),
    (["addisstandard.com"], "Addis Standard", ["Addis Standard"], "ET", "no", ""),
    (["libyaobserver.ly"], "The Libya Observer", ["Libya Observer", "The Libya Observer"], "LY", "no", ""),
    # Other national agencies that appear in credits
    (["kuna.net.kw"], "Kuwait News Agency", ["KUNA", "Kuwait News Agency"], "KW", "yes", "Kuwaiti state news agency"),
    (["mena.org.eg"], "Middle East News Agency", ["MENA", "Middle East News Agency"], "EG", "yes", "Egyptian state news agency"),
    (["aps.dz"], "Algerie Presse Service", ["APS", "Algerie Presse Service", "Algérie Presse Service"], "DZ", "yes", "Algerian state news agency"),
    (["mapnews.ma"], "Maghreb Arabe Presse", ["MAP", "Maghreb Arabe Presse"], "MA", "yes", "Moroccan state news agency"),
    (["nannews.ng"], "News Agency of Nigeria", ["NAN", "News Agency of Nigeria"], "NG", "yes", "Nigerian state news agency"),
    (["interfax.ru", "interfax.com"], "Interfax", ["Interfax"], "RU", "no", "privately owned Russian agency"),
    (["kyodonews.net"], "Kyodo News", ["Kyodo", "Kyodo News"], "JP", "no", ""),
    (["yna.co.kr"], "Yonhap", ["Yonhap", "Yonhap News Agency"], "KR", "unknown", "South Korean agency, largest shareholder a public foundation"),
    (["bernama.com"], "Bernama", ["Bernama"], "MY", "yes", "Malaysian state news agency"),
    (["ptinews.com"], "Press Trust of India", ["PTI", "Press Trust of India"], "IN", "no", ""),
    (["aninews.in"], "Asian News International", ["ANI", "Asian News International"], "IN", "no", ""),
    (["upi.com"], "United Press International", ["UPI", "United Press International"], "US", "no", ""),
    # Asia
    (["irrawaddy.com"], "The Irrawaddy", ["Irrawaddy", "The Irrawaddy"], "TH", "no", "Myanmar news outlet working from exile in Thailand"),
    (["mizzima.com"], "Mizzima", ["Mizzima"], "MM", "no", ""),
    (["myanmar-now.org"], "Myanmar Now", ["Myanmar Now"], "MM", "no", ""),
    (["gnlm.com.mm"], "The Global New Light of Myanmar", ["Global New Light of Myanmar", "GNLM"], "MM", "yes", "Myanmar state newspaper"),
    (["tolonews.com"], "TOLOnews", ["TOLOnews", "Tolo News"], "AF", "no", ""),
    (["pajhwok.com"], "Pajhwok Afghan News", ["Pajhwok", "Pajhwok Afghan News"], "AF", "no", ""),
    (["dawn.com"], "Dawn", ["Dawn"], "PK", "no", ""),
    (["app.com.pk"], "Associated Press of Pakistan", ["APP", "Associated Press of Pakistan"], "PK", "yes", "Pakistani state news agency"),
]


def snapshot(reference: Path) -> tuple[str, str]:
    """(commit, date) of the reference snapshot, read from its SOURCE.txt."""
    match = re.search(r"Commit:\s*([0-9a-f]{7,40})\s*\((\d{4}-\d{2}-\d{2})\)", (reference / "SOURCE.txt").read_text())
    if not match:
        raise SystemExit(f"no 'Commit: <sha> (<date>)' line in {reference / 'SOURCE.txt'}")
    return match.group(1), match.group(2)


def country_codes() -> dict[str, str]:
    from babel import Locale

    names = {name.casefold(): code for code, name in Locale("en").territories.items() if len(code) == 2 and code.isalpha()}
    names.update({name: code for name, code in COUNTRY_FIXES.items()})
    return names


def iso2(raw: str, codes: dict[str, str]) -> str:
    value = raw.strip().casefold()
    if value in codes:
        return codes[value]
    # Newer MBFC pages append the press-freedom rank: "israel (86/180 press freedom)".
    value = re.sub(r"\s*\(\d+/180[^)]*\)\s*$", "", value).strip()
    return codes.get(value, "")


def normalise_bias(raw: str) -> str:
    """One spelling per MBFC bias rating; the scrape spells each several ways."""
    value = raw.strip().casefold()
    value = re.sub(r"\s*[–—]\s*", " ", value)
    value = re.sub(r"psuedo|pseusdo", "pseudo", value)
    value = re.sub(r"conspiracy\s*(?:-|=|/| and |\s)\s*pseudoscience", "conspiracy-pseudoscience", value)
    value = re.sub(r"\b(far|extreme)-(right|left)\b", r"\1 \2", value)
    value = re.sub(r"\b(left|right) center\b", r"\1-center", value)
    value = re.sub(r"^(left|right|far right|far left)[ -](?=conspiracy|pseudoscience)", r"\1 ", value)
    value = re.sub(r"^((?:far |extreme )?(?:left|right))[ -]bias(?:ed)?$", r"\1", value)
    value = re.sub(r"^pro- science$", "pro-science", value)
    return "" if value in {"not rated", "unrated", "bias", ""} else value


def credibility_word(raw: str) -> str:
    return raw.strip().casefold().removesuffix(" credibility")


def mbfc_ratings(reference: Path, codes: dict[str, str]) -> dict[str, dict]:
    """Per domain: the MBFC fields on which all its rows agree; disagreements noted, not guessed."""
    rows = defaultdict(list)
    with open(reference / "mbfc" / "mbfc.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows[row["source"].strip().casefold()].append(row)
    ratings = {}
    for domain, group in rows.items():
        values = {
            "bias": [normalise_bias(r["bias"]) for r in group],
            "factual_reporting": [r["factual_reporting"].strip().casefold() for r in group],
            "credibility": [credibility_word(r["mbfc_credibility_rating"]) for r in group],
            "country": [iso2(r["country"], codes) for r in group],
        }
        entry, conflicts = {}, []
        for field, seen in values.items():
            distinct = sorted({v for v in seen if v})
            if len(distinct) == 1:
                entry[field] = distinct[0]
            elif len(distinct) > 1:
                entry[field] = ""
                conflicts.append(f"{field} {' / '.join(distinct)}")
        if conflicts:
            entry["conflict"] = f"MBFC snapshot has {len(group)} rows for this domain that disagree ({'; '.join(conflicts)}), so left empty"
        ratings[domain] = entry
    return ratings


def wikipedia_verdicts(reference: Path) -> dict[str, str]:
    raw = json.loads((reference / "wikipedia_perennial_sources" / "wikipedia_perennial_sources.json").read_text())
    return {domain.strip().casefold(): WIKIPEDIA_VERDICT[str(code)] for domain, code in raw.items()}


def newsguard_scores(reference: Path) -> dict[str, str]:
    scores = {}
    with open(reference / "nela-gt" / "newsguard.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["reliability_score"]:
                scores[row["domain"].strip().casefold()] = f"{float(row['reliability_score']):g}/100"
    return scores


def reference_row(domain, mbfc, wiki, newsguard, tag) -> dict | None:
    """The rating columns for one domain, from whichever raters have it (MBFC first)."""
    notes = []
    if domain in mbfc:
        entry = mbfc[domain]
        row = {
            "bias": entry.get("bias", ""),
            "factual_reporting": entry.get("factual_reporting", ""),
            "credibility": entry.get("credibility", ""),
            "rated_by": f"MBFC ({tag})",
            "mbfc_country": entry.get("country", ""),
        }
        if "conflict" in entry:
            notes.append(entry["conflict"])
        if domain in wiki:
            notes.append(f"Wikipedia perennial sources: {wiki[domain]}")
        if domain in newsguard:
            notes.append(f"NewsGuard (NELA-GT-2018): {newsguard[domain]}")
    elif domain in wiki:
        row = {"bias": "", "factual_reporting": "", "credibility": wiki[domain],
               "rated_by": f"Wikipedia perennial sources ({tag})", "mbfc_country": ""}
        if domain in newsguard:
            notes.append(f"NewsGuard (NELA-GT-2018): {newsguard[domain]}")
    elif domain in newsguard:
        row = {"bias": "", "factual_reporting": "", "credibility": f"NewsGuard score {newsguard[domain]}",
               "rated_by": f"NewsGuard via NELA-GT-2018 ({tag})", "mbfc_country": ""}
    else:
        return None
    row["notes"] = notes
    return row


def build(reference: Path) -> tuple[list[dict], str, str]:
    commit, date = snapshot(reference)
    tag = f"mbfc_idiap snapshot {date}"
    codes = country_codes()
    mbfc, wiki, newsguard = mbfc_ratings(reference, codes), wikipedia_verdicts(reference), newsguard_scores(reference)

    table: dict[str, dict] = {}
    for domain in sorted((set(mbfc) | set(wiki) | set(newsguard)) - PLATFORMS):
        rated = reference_row(domain, mbfc, wiki, newsguard, tag)
        table[domain] = {
            "domain": domain, "name": "", "aliases": "", "country": rated["mbfc_country"], "state_affiliated": "",
            "bias": rated["bias"], "factual_reporting": rated["factual_reporting"], "credibility": rated["credibility"],
            "rated_by": rated["rated_by"], "source_note": "; ".join(rated["notes"]),
        }

    seen_aliases: dict[str, str] = {}
    for domains, name, aliases, country, state, note in CURATED:
        for alias in aliases + [name]:
            key = alias.casefold()
            if seen_aliases.setdefault(key, name) != name:
                raise SystemExit(f"alias {alias!r} names both {seen_aliases[key]!r} and {name!r}")
        # A domain the reference data does not rate borrows the rating of the
        # same outlet's rated domain (farsnews.com <- farsnews.ir), saying so.
        rated_sibling = next((d for d in domains if reference_row(d, mbfc, wiki, newsguard, tag)), None)
        for position, domain in enumerate(domains):
            rated = reference_row(domain, mbfc, wiki, newsguard, tag)
            borrowed = rated is None and rated_sibling is not None
            if borrowed:
                rated = reference_row(rated_sibling, mbfc, wiki, newsguard, tag)
                rated["rated_by"] = f"{rated['rated_by'][:-1]}, rating of {rated_sibling})"
            notes = [note] if note else []
            outlet_country = country
            if rated:
                notes += rated["notes"]
                if not country:
                    outlet_country = rated["mbfc_country"]
                elif rated["mbfc_country"] and rated["mbfc_country"] != country:
                    notes.append(f"MBFC gives country {rated['mbfc_country']}")
            table[domain] = {
                "domain": domain, "name": name,
                # Only the main domain's row carries the aliases, so a name resolves to one row.
                "aliases": "|".join(aliases) if position == 0 else "",
                "country": outlet_country, "state_affiliated": state,
                "bias": rated["bias"] if rated else "", "factual_reporting": rated["factual_reporting"] if rated else "",
                "credibility": rated["credibility"] if rated else "", "rated_by": rated["rated_by"] if rated else "",
                "source_note": "; ".join(["curated by frontwire"] + notes),
            }
    return [table[d] for d in sorted(table)], commit, date


def sources_note(rows: list[dict], commit: str, date: str) -> str:
    curated = sum(1 for r in rows if r["source_note"].startswith("curated"))
    raters = defaultdict(int)
    for row in rows:
        raters[row["rated_by"].split(" (")[0] or "(unrated)"] += 1
    counts = "\n".join(f"- {rater}: {n} rows" for rater, n in sorted(raters.items()))
    return f"""# outlets.csv: sources and licence

Built by `scripts/build_outlets.py`; do not edit the CSV by hand.

{len(rows)} rows, one per domain; {curated} of them curated by frontwire.

## Ratings: mbfc_idiap reference snapshot

- Source: Burdisso et al., "Reliability Estimation of News Media Sources: Birds
  of a Feather Flock Together", NAACL 2024; repository
  github.com/idiap/News-Media-Reliability, commit {commit} ({date}).
- Licence: Apache-2.0, Copyright (c) 2024 Idiap Research Institute. The
  underlying ratings are those of Media Bias/Fact Check (mbfc.csv: bias,
  factual_reporting, mbfc_credibility_rating, country), Wikipedia's perennial
  sources list (generally reliable / no consensus / generally unreliable or
  deprecated / blacklisted) and NewsGuard scores as published in NELA-GT-2018.
- Taken: for each domain, MBFC where it rates the domain, else Wikipedia, else
  NewsGuard; `rated_by` names which, with the snapshot date. The other raters'
  verdicts on the same domain are kept in `source_note`.
- Normalised: MBFC bias spellings unified (e.g. "far-right" -> "far right"),
  "high credibility" -> "high", country names -> ISO 3166-1 alpha-2 (babel).
  Where the scrape holds several rows for one domain that disagree on a field,
  that field is left empty and the disagreement noted.
- Left out: social, hosting and search platforms ({", ".join(sorted(PLATFORMS))}),
  which name no outlet and carry mis-attributed rows in the scrape; and the
  model-estimated CC-NEWS scores, which are not ratings.

{counts}

## Curated rows (frontwire)

Names, credit aliases, country and state affiliation of wire agencies, state
outlets and conflict-region outlets, written by the frontwire authors from
public knowledge (the outlets' own about pages and common reference works),
{CURATED_ON}; released with frontwire under Apache-2.0. Curated rows
carry no rating of their own: an empty rating means the reference data has
none. A curated domain unrated there borrows the rating of the same outlet's
rated domain, and `rated_by` says so ("rating of farsnews.ir").
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="folder for outlets.csv and outlets.SOURCES.md")
    args = parser.parse_args(argv)
    rows, commit, date = build(args.reference)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "outlets.csv").write_text(buffer.getvalue(), encoding="utf-8")
    (args.out / "outlets.SOURCES.md").write_text(sources_note(rows, commit, date), encoding="utf-8")
    print(f"wrote {len(rows)} rows to {args.out / 'outlets.csv'}")


if __name__ == "__main__":
    main()
