"""The actor tables outside Syria: size, contract, lineage, and matching of real news spellings."""

from pathlib import Path

import pytest
import yaml

from frontwire.resources import knowledge_base
from frontwire.understand.kb import DATA_DIR

WORLD_TABLES = sorted(p for p in DATA_DIR.glob("*.yaml") if p.name != "syria.yaml")
INTER_OF_TYPE = {
    "state forces": 1, "rebel group": 2, "political militia": 3, "identity militia": 4,
    "rioters": 5, "protesters": 6, "civilians": 7, "external forces": 8, "international organisation": 8,
}


@pytest.fixture(scope="module")
def kb():
    return knowledge_base()


@pytest.fixture(scope="module")
def world_ids(kb):
    return {a.id for a in kb.actors if a.file != "syria.yaml"}


def _world_rows():
    for path in WORLD_TABLES:
        for row in yaml.safe_load(path.read_text(encoding="utf-8"))["actors"]:
            yield path.name, row


def test_world_tables_are_big_enough_and_the_whole_base_reaches_400(kb, world_ids):
    assert len(world_ids) >= 300
    assert len(kb.actors) >= 400
    countries = {a.country for a in kb.actors if a.id in world_ids}
    for cc in ("IQ", "YE", "LY", "UA", "RU", "AF", "ML", "BF", "NG", "SO", "SD", "SS", "ET", "CD", "MM", "PS"):
        assert cc in countries, cc


def test_world_rows_keep_the_readme_contract():
    for name, row in _world_rows():
        where = f"{name}:{row['id']}"
        assert row["type"] in INTER_OF_TYPE, where
        assert row["inter"] == INTER_OF_TYPE[row["type"]], where
        assert row["source"].startswith("Wikipedia: "), where
        assert row["id"].split("-")[0] in (row["country"].lower(), "int"), where
        assert all("(" not in a for a in row.get("aliases") or []), where


def test_no_spelling_key_of_a_world_actor_names_two_actors(kb, world_ids):
    shared = {key: ids for key, ids in kb.ambiguous.items() if world_ids & set(ids)}
    assert shared == {}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Houthi rebels fired a missile, Ansarallah's spokesman said.", ["ye-houthis", "ye-houthis"]),
        ("The Southern Transitional Council (STC) and the Giants Brigades advanced.", ["ye-stc", "ye-stc", "ye-giants-brigades"]),
        ("al-Shabab fighters attacked AMISOM troops near Afgoye.", ["so-al-shabaab", "int-amisom"]),
        ("Jama'at Nusrat al-Islam wal-Muslimin (JNIM) claimed the ambush on FAMa.", ["ml-jnim", "ml-jnim", "ml-fama"]),
        ("The Rapid Support Forces (RSF) shelled El Fasher.", ["sd-rsf", "sd-rsf"]),
        ("ISWAP and Boko Haram clashed near Lake Chad.", ["ng-iswap", "ng-jas"]),
        ("Iraq's Counter-Terrorism Service entered Mosul.", ["iq-cts"]),
        ("Fighters of the Azov Regiment held the plant.", ["ua-azov"]),
        ("The Arakan Army and the TNLA overran Tatmadaw posts.", ["mm-arakan-army", "mm-tnla", "mm-tatmadaw"]),
        ("ISIS-K claimed the attack; the Haqqani network denied it.", ["af-iskp", "af-haqqani"]),
        ("Ezzedine al-Qassam Brigades and Saraya al-Quds fired rockets.", ["ps-qassam", "ps-al-quds-brigades"]),
        ("Khalifa Haftar's forces and the Rada Special Deterrence Force clashed.", ["ly-lna", "ly-rada"]),
        ("ENDF troops and Fano militias fought near Gondar; the TPLF objected.", ["et-endf", "et-fano", "et-tplf"]),
        ("M23 and FARDC units clashed as MONUSCO watched.", ["cd-m23", "cd-fardc", "int-monusco"]),
        ("Members of the Jalisco New Generation Cartel ambushed Mexico's National Guard.", ["mx-cjng", "mx-national-guard"]),
        ("The Gran Grif gang torched homes in Petite-Rivière.", ["ht-gran-grif"]),
        ("A suicide bomber of Fitna al-Khawarij struck a convoy.", ["pk-ttp"]),
        ("India's National Investigation Agency arrested three ULFA-I cadres.", ["in-nia", "in-ulfa-i"]),
    ],
)
def test_news_spellings_resolve_with_exact_offsets(kb, text, expected):
    matches = kb.find(text)
    for m in matches:
        assert text[m.start:m.end] == m.surface
    assert [m.actor_id for m in matches] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Let me show you round, said the guide.",  # LeT (Lashkar-e-Taiba) is not an alias: "Let"
        "Ships crossed the Sea of Azov.",  # only the Azov regiment/brigade/battalion forms are aliases
        "Liverpool FC were charged by UEFA.",  # FFC folds to "FC": not an alias
        "The prices are quoted in NIS.",  # NISS folds to "NIS": not an alias
    ],
)
def test_everyday_words_and_short_acronyms_do_not_match_world_actors(kb, world_ids, text):
    assert [m.actor_id for m in kb.find(text) if m.actor_id in world_ids] == []


def test_golani_the_person_is_not_the_israeli_brigade(kb):
    text = "HTS leader Abu Mohammad al-Golani spoke; the Golani Brigade moved north."
    ids = [m.actor_id for m in kb.find(text)]
    assert ids.count("il-golani") == 1
    golani = next(m for m in kb.find(text) if m.actor_id == "il-golani")
    assert golani.surface == "Golani Brigade"


def test_lineages_run_forward_in_time(kb):
    chains = [
        ("ml-ansar-dine", "ml-jnim"), ("ml-isgs", "ml-is-sahel"), ("int-amisom", "int-atmis"),
        ("int-atmis", "int-aussom"), ("sd-janjaweed", "sd-rsf"), ("ss-spla", "ss-sspdf"),
        ("ly-gna", "ly-gnu"), ("cd-cndp", "cd-m23"), ("int-monuc", "int-monusco"),
    ]
    for old, new in chains:
        a, b = kb.get(old), kb.get(new)
        assert a.successor == new
        assert a.from_ and b.from_ and a.from_ <= b.from_, (old, new)
        assert a.to and a.to[:4] <= b.from_[:4], (old, new)


def test_world_branches_hang_under_the_shared_global_actors(kb):
    for branch in ("af-iskp", "ng-iswap", "ml-is-sahel", "so-is-somalia", "cd-iscap", "ly-is-libya"):
        assert kb.get(branch).parent == "int-isis"
    for branch in ("ye-aqap", "dz-aqim", "ml-jnim", "so-al-shabaab"):
        assert kb.get(branch).parent == "int-al-qaeda"
