"""Near-duplicates (store/duplicates.py), on SQLite and on a real PostgreSQL: copies of one wire
story link to its first stored copy, other stories do not, and the links stay whole through
re-saves and deletes.

The articles are written here (a made-up wire story, its re-posts, another story of the same day
and place) and cleaned by frontwire's own clean component, the one the finder reads after.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, text

from frontwire.model import Article
from frontwire.pipeline import Pipeline
from frontwire.store import duplicates, tables
from frontwire.store.duplicates import NearDuplicates
from frontwire.store.repository import Store
from frontwire.store.summary import summary_lines

# A wire story, one paragraph a line.
STORY = [
    "Artillery fire struck the eastern quarter of Deir Hafer on Tuesday morning, killing at least nine "
    "civilians and wounding more than twenty, according to a local medical official reached by telephone.",
    "The shells fell shortly after dawn on a vegetable market near the old grain silos, where farmers from "
    "surrounding villages gather twice a week to sell their produce, the official said.",
    "Residents said the barrage lasted about forty minutes and came from positions west of the town that "
    "have changed hands several times since the spring.",
    "A civil defence volunteer said rescue teams pulled two children alive from the rubble of a collapsed "
    "shop, and that the search for others continued into the afternoon.",
    "Neither side claimed responsibility for the attack, and a military spokesman contacted on Tuesday "
    "declined to comment on operations in the area.",
    "The town's only functioning clinic was overwhelmed, a nurse said, and the most seriously wounded "
    "were driven to hospitals in the provincial capital, two hours away by road.",
    "Aid agencies have warned for weeks that fighting around the silos threatens the region's wheat "
    "harvest, which supplies flour to bakeries across the north of the country.",
    "The United Nations humanitarian office said in a statement that it was alarmed by reports of "
    "civilian casualties and called on all parties to respect international humanitarian law.",
    "More than three thousand families have fled the district since the start of the month, according to "
    "figures from a local relief committee, most of them to camps near the border.",
    "Electricity and water supplies to the eastern quarter were cut after the shelling damaged a pumping "
    "station, residents said, leaving hundreds of households without running water.",
    "Local council members said they would meet on Wednesday to organise shelters in schools and mosques "
    "for the families who lost their homes in the attack.",
    "The district has been the scene of repeated clashes since a ceasefire brokered in the winter "
    "collapsed, with both sides accusing each other of violating its terms.",
]
TITLE = "Shelling kills nine at market in Deir Hafer"

# Another story: the same day, the same town, other words.
OTHER_STORY = [
    "Farmers in Deir Hafer began bringing in the barley crop on Tuesday despite the fighting, working at "
    "night to avoid the heat and the drones that patrol the fields by day.",
    "Cooperative leaders said yields were lower than last year because fuel for irrigation pumps had "
    "become scarce and expensive since the main road to the coast was closed.",
    "Several families said they had sold livestock to pay for seed, and that many young men had left "
    "for the cities in search of work after the local sugar factory shut down.",
    "An agronomist with a relief organisation said the district could still feed itself if storage "
    "depots were repaired before the autumn rains arrived.",
]

HEAD_DEBRIS = ["Share on Facebook", "Tweet"]
TAIL_DEBRIS = ["Read more: Talks on prisoner exchange stall again", "Follow us on Twitter and Telegram",
               "© 2024 Northern Wire Service. All rights reserved."]


@pytest.fixture(scope="module")
def clean():
    return Pipeline(components=["clean"])


def article(clean, paragraphs: list[str], url: str, title: str | None = TITLE, **fields) -> Article:
    return clean(Article(text="\n\n".join(paragraphs), title=title, url=url, source="test", **fields))


def stored_links(store: Store) -> dict[str, tuple[str | None, float | None]]:
    columns = tables.articles.c
    with store.engine.connect() as connection:
        return {row.id: (row.duplicate_of, row.duplicate_similarity) for row in connection.execute(
            select(columns.id, columns.duplicate_of, columns.duplicate_similarity))}


def count(store: Store, table) -> int:
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def estimate(a: Article, b: Article) -> float:
    return duplicates.similarity(duplicates.signature(a.text), duplicates.signature(b.text))


def finder(store: Store) -> NearDuplicates:
    return next(e for e in store.extensions if isinstance(e, NearDuplicates))


def test_copies_of_a_wire_story_link_to_its_first_copy(db_url, clean):
    original = article(clean, STORY, "https://wire.test/deir-hafer")
    with_debris = article(clean, HEAD_DEBRIS + STORY + TAIL_DEBRIS, "https://outlet-a.test/news/1")
    new_headline = article(clean, ["Nine dead as shells hit Deir Hafer market"] + STORY, "https://outlet-b.test/2",
                           title=None)
    trimmed_tail = article(clean, STORY[:6], "https://outlet-c.test/3")
    other_story = article(clean, OTHER_STORY, "https://wire.test/deir-hafer-harvest", title="Harvest in Deir Hafer")
    # Cleaning took the debris and the new headline out: the finder compares clean bodies.
    assert with_debris.text == original.text and new_headline.title == "Nine dead as shells hit Deir Hafer market"

    with Store(db_url) as store:
        for item in (original, with_debris, new_headline, trimmed_tail, other_story):
            assert store.save(item) == "new"
        links = stored_links(store)
        assert links[original.id] == (None, None)
        assert links[with_debris.id] == (original.id, 1.0)
        assert links[new_headline.id][0] == original.id and links[new_headline.id][1] > 0.9
        assert links[trimmed_tail.id][0] == original.id
        assert links[trimmed_tail.id][1] == pytest.approx(estimate(original, trimmed_tail))
        assert duplicates.THRESHOLD <= links[trimmed_tail.id][1] < 0.9
        assert links[other_story.id] == (None, None)
        assert finder(store).linked == 3
        assert "duplicates: 3 near-duplicates of 1 first copy, 2 distinct stories" in summary_lines(store)


def test_a_copy_of_a_copy_links_to_the_first_copy(db_url, clean):
    first = article(clean, STORY[:7], "https://wire.test/1")
    copy = article(clean, STORY[3:10], "https://outlet-a.test/1")
    copy_of_copy = article(clean, STORY[6:12], "https://outlet-b.test/1")
    # The third is a copy of the second, not of the first: it is linked through the second.
    assert estimate(copy_of_copy, copy) >= duplicates.THRESHOLD > estimate(copy_of_copy, first)
    with Store(db_url) as store:
        for item in (first, copy, copy_of_copy):
            store.save(item)
        links = stored_links(store)
    assert links[copy.id] == (first.id, pytest.approx(estimate(copy, first)))
    assert links[copy_of_copy.id] == (first.id, pytest.approx(estimate(copy_of_copy, first)))


def test_an_article_holding_two_stories_joins_the_closer_and_never_merges_them(db_url, clean):
    story = article(clean, STORY[:8], "https://wire.test/1")
    other = article(clean, OTHER_STORY, "https://wire.test/2", title="Harvest in Deir Hafer")
    round_up = article(clean, STORY[:5] + OTHER_STORY, "https://digest.test/1", title="Round-up")
    assert estimate(round_up, story) >= duplicates.THRESHOLD and estimate(round_up, other) >= duplicates.THRESHOLD
    closer = story if estimate(round_up, story) > estimate(round_up, other) else other
    with Store(db_url) as store:
        for item in (story, other, round_up):
            store.save(item)
        links = stored_links(store)
    assert links[round_up.id][0] == closer.id
    assert links[story.id] == links[other.id] == (None, None)


def test_a_re_saved_article_is_judged_again(db_url, clean):
    url = "https://outlet-a.test/story"
    original = article(clean, STORY, "https://wire.test/1")
    copy = article(clean, STORY[:9], url)
    with Store(db_url) as store:
        store.save(original)
        store.save(copy)
        assert stored_links(store)[copy.id][0] == original.id

        # The same URL now carries another story: no longer a copy.
        assert store.save(article(clean, OTHER_STORY, url, title="Harvest")) == "updated"
        assert stored_links(store)[copy.id] == (None, None)
        # And back: linked again, its signature and buckets replaced, not added to.
        assert store.save(article(clean, STORY[:9], url, input_digest="a later fetch")) == "updated"
        assert stored_links(store)[copy.id][0] == original.id
        assert count(store, tables.duplicate_signatures) == 2
        assert count(store, tables.duplicate_bands) == 2 * duplicates.BANDS

        # Analysed again from another input with the same clean body: the link stands.
        assert store.save(article(clean, STORY[:9], url, input_digest="yet another fetch")) == "updated"
        assert stored_links(store)[copy.id][0] == original.id

        # The first copy re-saved with another body: its copy becomes the story's first copy.
        assert store.save(article(clean, OTHER_STORY, original.url, title="Harvest")) == "updated"
        links = stored_links(store)
        assert links[copy.id] == (None, None) and links[original.id] == (None, None)

        # And back again: stored before the copy, it is the first copy once more.
        assert store.save(article(clean, STORY, original.url, input_digest="restored")) == "updated"
        links = stored_links(store)
        assert links[original.id] == (None, None)
        assert links[copy.id] == (original.id, pytest.approx(estimate(original, copy)))


def test_deleting_a_first_copy_makes_the_next_copy_first(db_url, clean):
    first = article(clean, STORY, "https://wire.test/1")
    second = article(clean, STORY[:10], "https://outlet-a.test/1")
    third = article(clean, STORY[1:], "https://outlet-b.test/1")
    with Store(db_url) as store:
        for item in (first, second, third):
            store.save(item)
        assert {stored_links(store)[a.id][0] for a in (second, third)} == {first.id}
        assert store.delete(first.id)
        links = stored_links(store)
        assert links[second.id] == (None, None)
        assert links[third.id] == (second.id, pytest.approx(estimate(second, third)))
        assert count(store, tables.duplicate_signatures) == 2

        # A copy deleted: nothing else moves.
        assert store.delete(third.id)
        assert stored_links(store) == {second.id: (None, None)}
        assert count(store, tables.duplicate_bands) == duplicates.BANDS


def test_a_body_too_short_to_judge_is_never_linked(db_url, clean):
    stub = ["Shelling reported in Deir Hafer market, nine dead, more to follow."]
    assert len(duplicates.words(stub[0])) < duplicates.MIN_WORDS
    with Store(db_url) as store:
        store.save(article(clean, stub, "https://wire.test/flash"))
        store.save(article(clean, stub, "https://outlet-a.test/flash"))
        assert set(stored_links(store).values()) == {(None, None)}
        assert count(store, tables.duplicate_signatures) == count(store, tables.duplicate_bands) == 0


def test_ingesting_the_same_articles_again_changes_nothing(db_url, clean):
    batch = [article(clean, STORY, "https://wire.test/1"), article(clean, STORY[:8], "https://outlet-a.test/1")]
    with Store(db_url) as store:
        assert [store.save(item.model_copy(deep=True)) for item in batch] == ["new", "new"]
        before = stored_links(store)
    with Store(db_url) as store:
        assert [store.save(item.model_copy(deep=True)) for item in batch] == ["unchanged", "unchanged"]
        assert stored_links(store) == before and finder(store).linked == 0
        assert count(store, tables.duplicate_bands) == 2 * duplicates.BANDS


class _FailsAfterTheLink:
    """An extension that runs after the near-duplicate finder and fails: the save must leave
    nothing behind, neither the article nor its link, signature or buckets."""

    name = "fails"

    def saved(self, connection, record, replaced):
        linked = connection.execute(select(tables.articles.c.duplicate_of).where(
            tables.articles.c.id == record["id"])).scalar_one()
        assert linked is not None  # the link is written, in this same transaction
        raise RuntimeError("failing after the link")

    def deleting(self, connection, article_id):
        pass


def test_the_link_is_written_in_the_article_s_own_transaction(db_url, clean):
    original = article(clean, STORY, "https://wire.test/1")
    copy = article(clean, STORY[:9], "https://outlet-a.test/1")
    with Store(db_url) as store:
        store.save(original)
    with Store(db_url, extensions=[NearDuplicates(), _FailsAfterTheLink()]) as store:
        with pytest.raises(RuntimeError, match="failing after the link"):
            store.save(copy)
        assert store.ids() == [original.id]
        assert count(store, tables.duplicate_signatures) == 1
        assert count(store, tables.duplicate_bands) == duplicates.BANDS


def test_finding_candidates_is_an_index_search(db_url, clean):
    """The candidate query searches the (band, bucket) key for each bucket: its cost follows the
    buckets' sizes, not the number of articles stored."""
    params = {"seq": 1, **{f"bucket_{band}": band for band in range(duplicates.BANDS)}}
    with Store(db_url) as store, store.engine.begin() as connection:
        compiled = duplicates._CANDIDATES.compile(dialect=store.engine.dialect)
        values = compiled.construct_params(params)
        if store.engine.dialect.name == "sqlite":
            plan = [row[3] for row in connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + str(compiled), tuple(values[name] for name in compiled.positiontup))]
            searches = [step for step in plan if "duplicate_bands" in step]
            assert len(searches) == duplicates.BANDS
            assert all(step.startswith("SEARCH duplicate_bands USING PRIMARY KEY (band=? AND bucket=?)")
                       for step in searches), plan
        else:
            # An empty table is cheapest to scan: forbid that, and the plan left is the index's.
            connection.execute(text("SET LOCAL enable_seqscan = off"))
            plan = "\n".join(row[0] for row in connection.exec_driver_sql("EXPLAIN " + str(compiled), values))
            assert "Index Scan on pk_duplicate_bands" in plan and "Seq Scan on duplicate_bands" not in plan, plan


def test_writers_storing_copies_at_once_agree_on_one_first_copy(db_url, clean):
    """Several processes' worth of writers (one engine each) store copies of one story at the same
    moment: each finds the others' committed copies, so the story has one first copy."""
    copies = [article(clean, STORY[:12 - n % 3], f"https://outlet-{n}.test/1") for n in range(6)]
    Store(db_url).close()  # the schema, built once
    barrier = threading.Barrier(len(copies))
    errors = []

    def write(item: Article) -> None:
        try:
            with Store(db_url) as store:
                barrier.wait(timeout=30)
                store.save(item)
        except Exception as exc:  # reported below, with the others
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(item,)) for item in copies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    with Store(db_url) as store:
        links = stored_links(store)
    firsts = [article_id for article_id, (first, _) in links.items() if first is None]
    assert len(firsts) == 1 and len(links) == len(copies)
    assert all(first in (None, firsts[0]) for first, _ in links.values())


def test_the_migration_keeps_every_stored_row_and_adds_the_foreign_key(db_url):
    """Revision 0004 on a store that holds articles: nothing of them is lost (SQLite: the articles
    table is altered in place, not copied, which with foreign keys on would empty its children),
    the full-text index still finds them, and duplicate_of is a real foreign key."""
    from datetime import datetime, timezone

    from frontwire.store import database

    engine = database.make_engine(db_url)
    try:
        database.upgrade(engine, "0003")
        with engine.begin() as connection:
            for n in (1, 2):
                connection.execute(text(
                    "INSERT INTO articles (id, title, text, schema_version, failed_components, analysed_at, record) "
                    "VALUES (:id, 'Market shelled', 'Shells hit the market', '2', 0, :now, '{}')"),
                    {"id": f"article{n}", "now": datetime.now(timezone.utc)})
                connection.execute(text(
                    "INSERT INTO events (id, article_id, position, event_type, sub_event_type, confidence, "
                    "evidence_sentence, evidence_start, evidence_end) "
                    "VALUES (:id, :article, 0, 'Explosions/Remote violence', 'Shelling/artillery/missile attack', "
                    "0.9, 'Shells hit the market', 0, 21)"), {"id": f"event{n}", "article": f"article{n}"})
        database.upgrade(engine)
        with Store(db_url) as store:
            assert store.ids() == ["article1", "article2"]
            assert count(store, tables.events) == 2
            assert sorted(hit.article_id for hit in store.search("market")) == ["article1", "article2"]
            with store.engine.begin() as connection:
                connection.execute(text("UPDATE articles SET duplicate_of = 'article1', duplicate_similarity = 0.9 "
                                        "WHERE id = 'article2'"))
            with store.engine.begin() as connection:
                connection.execute(text("DELETE FROM articles WHERE id = 'article1'"))
            # ON DELETE SET NULL, and the other article's events untouched.
            assert stored_links(store) == {"article2": (None, 0.9)}
            assert count(store, tables.events) == 1
    finally:
        engine.dispose()


def test_ingest_says_how_many_articles_it_linked_as_near_duplicates(tmp_path):
    import subprocess
    import sys

    (tmp_path / "wire.txt").write_text(TITLE + "\n\n" + "\n\n".join(STORY) + "\n")
    (tmp_path / "repost.txt").write_text("Shelling kills nine in Deir Hafer market, officials say\n\n"
                                         + "\n\n".join(STORY[:-2]) + "\n\nShare this article on Facebook\n")
    (tmp_path / "other.txt").write_text("Barley harvest goes on under drones\n\n" + "\n\n".join(OTHER_STORY) + "\n")
    result = subprocess.run([sys.executable, "-m", "frontwire", "ingest", "--db", str(tmp_path / "s.db"),
                             *(str(tmp_path / n) for n in ("wire.txt", "repost.txt", "other.txt"))],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.rstrip().endswith(
        "3 new, 0 updated, 0 unchanged, 0 duplicates, 0 failed; 1 linked as near-duplicates of stored stories")
