"""The "source" component and its outlet table."""

from __future__ import annotations

import csv
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from conftest import ROOT, require_shared
from frontwire.framing.outlets import SourceProfiler, lookup_outlet, profile
from frontwire.model import Article, Credit, SourceProfile
from frontwire.pipeline import Pipeline

DATA = resources.files("frontwire.framing").joinpath("data")
RATINGS = ("bias", "factual_reporting", "credibility")


def _article(text: str = "Clashes were reported near the city.", **fields) -> Article:
    article = Article(text=text, **fields)
    article.set_paragraphs()
    return article


def _run(article: Article) -> Article:
    return Pipeline(components=["source"], strict=True)(article)


def _mbfc_row(domain: str) -> dict:
    path = require_shared("data", "reference", "mbfc_idiap", "mbfc", "mbfc.csv")
    with open(path, newline="", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["source"] == domain]
    assert len(rows) == 1, rows
    return rows[0]


def _shipped_rows() -> list[dict]:
    with DATA.joinpath("outlets.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# -- the table and its sources ------------------------------------------------


def test_sources_note_names_the_reference_snapshot_and_licences():
    note = DATA.joinpath("outlets.SOURCES.md").read_text(encoding="utf-8")
    assert "github.com/idiap/News-Media-Reliability" in note
    assert "Apache-2.0" in note
    assert "2025-05-20" in note  # the snapshot date every rated_by repeats
    assert "Curated rows" in note


def test_every_rating_says_who_rated_it_and_unrated_rows_carry_none():
    rows = _shipped_rows()
    assert 1000 < len(rows) < 10000
    assert len({row["domain"] for row in rows}) == len(rows)
    for row in rows:
        if row["rated_by"]:
            assert "mbfc_idiap snapshot 2025-05-20" in row["rated_by"], row
        else:
            assert not any(row[field] for field in RATINGS), row
        assert row["state_affiliated"] in ("", "yes", "no", "unknown"), row
        assert row["country"] == "" or (len(row["country"]) == 2 and row["country"].isupper()), row


def test_shipped_table_is_what_the_build_script_makes(tmp_path):
    reference = require_shared("data", "reference", "mbfc_idiap")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_outlets.py"), "--reference", str(reference), "--out", str(tmp_path)],
        check=True, capture_output=True,
    )
    assert (tmp_path / "outlets.csv").read_bytes() == DATA.joinpath("outlets.csv").read_bytes()
    assert (tmp_path / "outlets.SOURCES.md").read_bytes() == DATA.joinpath("outlets.SOURCES.md").read_bytes()


def test_mbfc_ratings_are_copied_not_invented():
    for domain in ("farsnews.ir", "rt.com", "reuters.com", "almanar.com.lb"):
        reference, row = _mbfc_row(domain), lookup_outlet(domain)
        assert row["factual_reporting"] == reference["factual_reporting"]
        assert row["bias"] == reference["bias"]
        assert row["credibility"] == reference["mbfc_credibility_rating"].removesuffix(" credibility")
        assert row["rated_by"].startswith("MBFC (")


# -- lookup ---------------------------------------------------------------------


@pytest.mark.parametrize("query", ["farsnews.ir", "english.farsnews.ir", "https://www.farsnews.ir/en/news/1",
                                   "http://english.farsnews.ir:80/newstext.aspx?nn=13950704000512", "FARSNEWS.IR"])
def test_domain_and_subdomains_match_the_registered_domain(query):
    row = lookup_outlet(query)
    assert row["domain"] == "farsnews.ir"
    assert row["name"] == "Fars News Agency"


def test_a_lookalike_domain_or_platform_subdomain_matches_nothing():
    assert lookup_outlet("notfarsnews.ir") is None
    assert lookup_outlet("farsnews.ir.example.com") is None
    # Platforms name no outlet: a blog there inherits no platform rating.
    assert lookup_outlet("someone.blogspot.com") is None
    assert lookup_outlet("") is None
    assert lookup_outlet("no such outlet") is None


@pytest.mark.parametrize("name, domain", [
    ("FNA", "farsnews.ir"), ("fars", "farsnews.ir"), ("Fars News", "farsnews.ir"),
    ("SANA", "sana.sy"), ("Reuters", "reuters.com"), ("AFP", "afp.com"), ("AP", "apnews.com"),
    ("Al Manar", "almanar.com.lb"), ("al-manar", "almanar.com.lb"), ("Anadolu", "aa.com.tr"),
    ("The Times of Israel", "timesofisrael.com"), ("ANHA", "hawarnews.org"), ("TASS", "tass.com"),
])
def test_names_and_credit_aliases_resolve_case_insensitively(name, domain):
    assert lookup_outlet(name)["domain"] == domain


def test_an_alias_two_outlets_share_resolves_to_neither():
    # Two Yemeni agencies are both called Saba: a bare "Saba" credit is not enough to choose.
    assert lookup_outlet("Saba") is None
    assert lookup_outlet("saba.ye")["name"] == "Saba News Agency (Sanaa)"
    assert lookup_outlet("sabanew.net")["name"] == "Saba News Agency (Aden)"


def test_lookup_returns_a_copy():
    row = lookup_outlet("FNA")
    row["aliases"].append("changed")
    row["name"] = "changed"
    assert lookup_outlet("FNA")["name"] == "Fars News Agency"
    assert "changed" not in lookup_outlet("FNA")["aliases"]


# -- ratings left null ------------------------------------------------------------


def test_an_outlet_the_reference_data_does_not_rate_keeps_null_ratings():
    article = _run(_article(url="https://sana.sy/en/?p=1"))
    sp = article.source_profile
    assert (sp.domain, sp.name, sp.country, sp.resolved_from) == ("sana.sy", "Syrian Arab News Agency", "SY", "url")
    assert sp.bias is None and sp.factual_reporting is None and sp.credibility is None and sp.rated_by is None


def test_a_field_the_reference_rows_disagree_on_is_left_null():
    row = lookup_outlet("jpost.com")
    assert row["factual_reporting"] is None  # the scrape holds "high" and "mixed"
    assert row["bias"] == "right-center"
    assert "disagree" in row["source_note"]


def test_an_unrated_domain_borrows_its_outlets_rating_and_says_so():
    row = lookup_outlet("farsnews.com")
    assert row["name"] == "Fars News Agency"
    assert row["factual_reporting"] == lookup_outlet("farsnews.ir")["factual_reporting"]
    assert "rating of farsnews.ir" in row["rated_by"]


def test_an_unknown_outlet_is_named_but_never_rated():
    sp = _run(_article(url="https://www.example-local-news.org/a/1", outlet="Example Local News")).source_profile
    assert sp == SourceProfile(domain="example-local-news.org", name="Example Local News", resolved_from="url")
    assert _run(_article()).source_profile is None


# -- resolution order ---------------------------------------------------------------


def test_url_wins_over_outlet_and_outlet_over_credits():
    article = _run(_article(url="https://www.reuters.com/world/x", outlet="SANA", credits=[Credit(name="FNA")]))
    assert (article.source_profile.name, article.source_profile.resolved_from) == ("Reuters", "url")
    assert article.outlet == "SANA"  # a given outlet is never overwritten

    article = _run(_article(url="https://unknown.example/x", outlet="Al Jazeera", credits=[Credit(name="FNA")]))
    assert (article.source_profile.domain, article.source_profile.resolved_from) == ("aljazeera.com", "outlet")


def test_credit_resolves_the_outlet_and_fills_outlet():
    article = _run(_article(credits=[Credit(name="FNA")]))
    sp = article.source_profile
    assert (sp.name, sp.domain, sp.country, sp.resolved_from) == ("Fars News Agency", "farsnews.ir", "IR", "credit")
    assert article.outlet == "Fars News Agency"


def test_the_dateline_credit_beats_an_agency_cited_in_passing():
    text = ("BEIRUT (Reuters) - Fighting went on.\n\n"
            + "Filler sentence about the front line. " * 12
            + "State media SANA reported 12 dead.\n\nThe talks resume on Monday.")
    sana = text.index("SANA")
    article = _article(text, credits=[Credit(name="SANA", start=sana, end=sana + 4), Credit(name="Reuters", start=8, end=15)])
    # The dateline credit sits before the cited one in rank, whatever the list order.
    assert _run(article).source_profile.name == "Reuters"


def test_a_credit_line_of_its_own_beats_credits_in_the_text():
    text = "Officials said " + "the situation was calm. " * 20 + "according to SANA."
    sana = text.index("SANA")
    article = _article(text, credits=[Credit(name="SANA", start=sana, end=sana + 4), Credit(name="AFP")])
    assert _run(article).source_profile.name == "Agence France-Presse"


def test_uncleaned_text_still_yields_its_closing_credit():
    article = _run(_article("Clashes went on in the north of the city for a third day, FNA reported."))
    assert (article.source_profile.name, article.source_profile.resolved_from) == ("Fars News Agency", "credit")


def test_component_sets_profile_directly():
    class Work:
        def __init__(self, article):
            self.article = article

    work = Work(_article(credits=[Credit(name="Tasnim")]))
    SourceProfiler()(work)
    assert work.article.source_profile.domain == "tasnimnews.com"
    assert profile(_article(url="tass.ru/x")).name == "TASS"


# -- the example article ---------------------------------------------------------------


def test_example_article_is_attributed_to_fars_news_agency_with_its_mbfc_rating(example_path):
    from frontwire.ingest.text import article_from_text

    article = article_from_text(example_path.read_text(encoding="utf-8"), source=str(example_path))
    article = Pipeline(components=["clean", "source"], strict=True)(article)
    sp = article.source_profile
    reference = _mbfc_row("farsnews.ir")
    assert (sp.name, sp.domain, sp.country, sp.resolved_from) == ("Fars News Agency", "farsnews.ir", "IR", "credit")
    assert sp.factual_reporting == reference["factual_reporting"] == "mixed"
    assert sp.bias == reference["bias"]
    assert sp.credibility == "low" and reference["mbfc_credibility_rating"] == "low credibility"
    assert sp.rated_by == "MBFC (mbfc_idiap snapshot 2025-05-20)"
    assert article.outlet == "Fars News Agency"
    assert any(credit.name == "FNA" for credit in article.credits)
