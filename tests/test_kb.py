"""The shipped actor knowledge base: well-formed tables, consistent links, enough Syria depth."""

from collections import Counter
from pathlib import Path

import pytest
import yaml

from frontwire.resources import knowledge_base
from frontwire.understand.kb import DATA_DIR, SIDES, build_kb

TABLES = sorted(DATA_DIR.glob("*.yaml"))
SYRIA = DATA_DIR / "syria.yaml"


def _rows():
    for path in TABLES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for row in data["actors"]:
            yield path.name, row


def test_tables_exist_and_each_has_a_meta_block():
    assert SYRIA in TABLES
    for path in TABLES:
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))["meta"]
        for key in ("title", "source", "licence", "curated_by", "date"):
            assert meta.get(key), f"{path.name}: meta.{key} missing"


def test_ids_are_unique_across_all_tables():
    counts = Counter(row["id"] for _, row in _rows())
    assert [i for i, n in counts.items() if n > 1] == []


def test_every_row_has_a_source_a_valid_inter_and_a_country():
    for name, row in _rows():
        where = f"{name}:{row.get('id')}"
        assert str(row.get("source") or "").strip(), f"{where} has no source"
        assert isinstance(row.get("inter"), int) and 1 <= row["inter"] <= 8, where
        assert row.get("name") and row.get("type"), where
        country = str(row.get("country") or "")
        assert len(country) == 2 and country.isupper(), f"{where}: country {country!r} is not ISO2"
        assert row.get("side") in SIDES | {None}, where


def test_parents_and_successors_point_to_existing_ids():
    ids = {row["id"] for _, row in _rows()}
    for name, row in _rows():
        for link in ("parent", "successor"):
            if row.get(link):
                assert row[link] in ids, f"{name}:{row['id']}.{link} -> {row[link]}"
                assert row[link] != row["id"]


def test_the_loader_reports_no_problem():
    kb = knowledge_base()
    assert kb.problems == []
    assert knowledge_base() is kb  # read once per process


def test_syria_depth():
    kb = build_kb([SYRIA])
    assert len(kb.actors) >= 130
    assert sum(a.country == "SY" for a in kb.actors) >= 100
    by_side = Counter(a.side for a in kb.actors)
    for side in SIDES:
        assert by_side[side] >= 3, side


def test_syria_aliases_are_unambiguous_within_the_table():
    assert build_kb([SYRIA]).ambiguous == {}


def test_nusra_lineage():
    kb = knowledge_base()
    nusra, jfs, hts = kb.get("sy-nusra"), kb.get("sy-jfs"), kb.get("sy-hts")
    assert nusra.successor == "sy-jfs" and jfs.successor == "sy-hts"
    assert nusra.to == jfs.from_ == "2016-07-28"
    assert jfs.to == hts.from_ == "2017-01-28"
    assert nusra.parent == "int-al-qaeda"
    assert {nusra.side, jfs.side, hts.side} == {"nusra"}


def test_types_match_inter_codes():
    kb = knowledge_base()
    assert kb.get("sy-saa").inter == 1 and kb.get("sy-saa").type == "state forces"
    assert kb.get("sy-fsa").inter == 2
    assert kb.get("sy-ndf").inter == 3
    assert kb.get("xx-civilians").inter == 7
    unhcr = kb.get("int-unhcr")
    assert unhcr.inter == 8 and unhcr.type == "international organisation"
    assert kb.get("lb-hezbollah").cameo == "LBNREB"


def test_duplicate_ids_across_files_are_reported(tmp_path: Path):
    row = "  - {id: x-one, name: One, type: rebel group, inter: 2, country: SY, source: test}\n"
    meta = "meta: {title: t, source: s, licence: l, curated_by: c, date: 2026-01-01}\nactors:\n"
    (tmp_path / "a.yaml").write_text(meta + row)
    (tmp_path / "b.yaml").write_text(meta + row + "  - {id: x-two, name: Two, type: rebel group, inter: 9, country: SY, source: t, parent: x-none}\n")
    kb = build_kb(tmp_path.glob("*.yaml"))
    assert [a.id for a in kb.actors] == ["x-one", "x-two"]
    assert any("already defined in a.yaml" in p for p in kb.problems)
    assert any("inter 9" in p for p in kb.problems)
    assert any("x-none" in p for p in kb.problems)


def test_get_resolve_and_actors():
    kb = knowledge_base()
    assert kb.get("sy-levant-front").name == "Levant Front"
    assert kb.get("no-such-id") is None
    assert kb.resolve("a Hezbollah spokesman").id == "lb-hezbollah"
    assert kb.resolve("the Russian Defence Ministry").id == "ru-mod"
    assert kb.resolve("Jeish al-Fatah").id == "sy-jaish-al-fatah"
    assert kb.resolve("sy-fsa").id == "sy-fsa"
    assert kb.resolve("the audio file") is None
    assert kb.resolve("") is None
    assert len(kb.actors) == len(kb)


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_no_unknown_keys(path):
    assert not [p for p in build_kb([path]).problems if "unknown keys" in p]


def test_a_shared_alias_is_settled_by_the_other_actors_in_the_text(tmp_path: Path):
    meta = "meta: {title: t, source: s, licence: l, curated_by: c, date: 2026-01-01}\nactors:\n"
    (tmp_path / "a.yaml").write_text(
        meta
        + "  - {id: so-army, name: Somali National Army, aliases: [XNA], type: state forces, inter: 1, country: SO, source: t}\n"
        + "  - {id: so-shabaab, name: al-Shabaab, type: rebel group, inter: 2, country: SO, source: t}\n"
    )
    (tmp_path / "b.yaml").write_text(
        meta
        + "  - {id: sy-army, name: Syrian National Army, aliases: [XNA], type: rebel group, inter: 2, country: SY, source: t}\n"
        + "  - {id: sy-front, name: Levant Front, type: rebel group, inter: 2, country: SY, source: t}\n"
    )
    kb = build_kb(tmp_path.glob("*.yaml"))
    assert kb.ambiguous == {"^xna": ["so-army", "sy-army"]}
    assert [m.actor_id for m in kb.find("XNA and the Levant Front took Afrin.")] == ["sy-army", "sy-front"]
    assert [m.actor_id for m in kb.find("XNA fought al-Shabaab.")] == ["so-army", "so-shabaab"]
    assert [m.actor_id for m in kb.find("XNA said.")] == ["so-army"]  # no context: table order


def test_load_kb_builds_a_fresh_base_each_call():
    from frontwire.understand.kb import load_kb

    first, second = load_kb(), load_kb()
    assert first is not second and len(first) == len(second)


@pytest.mark.parametrize("content, complaint", [
    ("meta: {title: t\nactors: [", "cannot be read"),
    ("- just\n- a list\n", "expected a mapping"),
    ("meta: {title: t}\nactors: {id: x}\n", "actors is not a list"),
    ("meta: {title: t}\nactors:\n  - not a row\n", "actor #0 is not a mapping"),
])
def test_a_table_that_is_no_table_raises_naming_its_file(tmp_path: Path, content, complaint):
    from frontwire.understand.kb import TableError

    (tmp_path / "broken.yaml").write_text(content)
    with pytest.raises(TableError, match=complaint) as raised:
        build_kb(tmp_path.glob("*.yaml"))
    assert "broken.yaml" in str(raised.value)


def test_spelling_keys_fold_transliterations_but_keep_acronyms_apart():
    from frontwire.understand.kb import fold, word_key

    assert fold("Jeish") == fold("Jaysh") == fold("JAISH") == fold("jaish")
    assert fold("Hezbollah") == fold("Hizbullah") == fold("Hezbolla")
    assert word_key("SA") != word_key("SAA") and word_key("FATA") != word_key("Fatah")
    assert word_key("THE") == fold("the")  # a function word in an all-caps headline is no acronym
