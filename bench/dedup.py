#!/usr/bin/env python3
"""The near-duplicate finder (store/duplicates.py): precision and recall on pairs built from FA-KES.

Data: ../shared/data/fakes/fakes-dev.csv (rows repeated under one unit_id taken once). Each
article is read as an outlet would serve it (its title, its body, a URL of its own) and cleaned by
frontwire's clean component; nothing else of the pipeline runs: the finder reads the clean body
only, so the articles are saved with empty layers, through ``Store.save`` into a fresh SQLite
store with the near-duplicate extension (``NearDuplicates``, alone: the other extensions are not
measured here), and the links are read back from ``articles``.

Positives: each article and a copy of it made the way re-posts are, one kind at a time:
  debris     other page furniture around the same body (share and follow prompts, a byline, a
             related-links section, a copyright line, tags);
  headline   another headline, as a line above the body too;
  lead       the lead dropped (the first sentences, at least 15% of the words);
  tail       the tail trimmed (the body cut after the sentence that reaches 60% of its words);
  all        all four at once.
Negatives: different articles (other headlines) on the same date and governorate (the CSV's
date and location), from the same outlet on the same day, and the hardest that can be built: for
each article, the other article whose word shingles overlap it most (exact Jaccard). Articles of
the set under the same headline and another unit_id (one wire story in two outlets, or the set's
own repeats) are no negatives: they are reported apart, as the copies the set holds by itself.

Split: by the sha1 hex digest of the unit_id, first digit 0-7 the read half, 8-f the untouched
half; a pair belongs to a half when both its articles do. The threshold is chosen on the read half
only and printed beside the module's THRESHOLD, which the store runs use: the middle of the range
of estimated Jaccard thresholds with the best F0.5 over its positive and negative pairs. F0.5, as
precision counts twice: a wrong link hides a story (and its events) from every count that takes one
copy per story, unseen, where a missed copy leaves two rows of one story in sight. The floor
(duplicates.MIN_WORDS) was chosen the same way: the best F0.5 at each floor is printed. The
untouched half is the headline.

Store runs, per half: the originals are saved (their links to one another are false links), then
for each kind a copy of that store gets that kind's copies: a copy is found when it links to its
original's first copy (or one of the same headline). Precision: of the links the store made, the
share that are right; recall: of the copies, the share found. A missed copy is too short to judge,
under the threshold, or over it but in no bucket of its original (the LSH bands' misses). Cost:
each save timed with this extension alone and with none (a second store), and the bytes of the
tables (SQLite's dbstat) per 1,000 articles.

Usage: .venv/bin/python bench/dedup.py [--pg postgresql+psycopg://...] [--scale N]
(--pg: also time the saves on that PostgreSQL database, which is written to; default
$FRONTWIRE_TEST_PG_URL. --scale N: also time them into a SQLite store already holding N articles
with random signatures, to see the candidate query's cost not grow with the store.)
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
SHARED = Path(os.environ.get("FRONTWIRE_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data" / "fakes" / "fakes-dev.csv"

import numpy as np  # noqa: E402
from rapidfuzz import fuzz  # noqa: E402
from datasketch import LeanMinHash  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402

from split import part_of  # noqa: E402

from frontwire.model import Article  # noqa: E402
from frontwire.pipeline import Pipeline  # noqa: E402
from frontwire.store import duplicates, tables  # noqa: E402
from frontwire.store.repository import Store  # noqa: E402

KINDS = ("debris", "headline", "lead", "tail", "all")
NEGATIVE_KINDS = ("same day and place", "same outlet and day", "nearest other article")
_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[\"“A-Z0-9])")


@dataclass(frozen=True)
class Row:
    id: str
    title: str
    body: str
    outlet: str
    date: str
    location: str

    @property
    def half(self) -> str:
        return part_of(self.id)

    @property
    def headline(self) -> str:
        return " ".join(re.findall(r"[^\W_]+", self.title.casefold()))


def same_headline(a: Row, b: Row) -> bool:
    """One story by its headlines, whatever an outlet appends (" - Daily Sabah") or a scrape breaks:
    the shorter headline found in the longer at 90 or more (rapidfuzz's partial ratio, the
    cleaner's own test for a repeated title)."""
    return bool(a.headline and b.headline) and fuzz.partial_ratio(a.headline, b.headline) >= 90


def load_rows() -> list[Row]:
    if not DATA.exists():
        raise SystemExit(f"{DATA} is absent: the shared evaluation data is not laid beside this checkout")
    rows, seen = [], set()
    with DATA.open(newline="", encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            if record["unit_id"] in seen:
                continue
            seen.add(record["unit_id"])
            rows.append(Row(record["unit_id"], record["article_title"].strip(), record["article_content"].strip(),
                            record["source"], record["date"], record["location"]))
    return rows


# -- the copies --------------------------------------------------------------------------------

def _sentences(body: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(body) if s.strip()]


def drop_lead(body: str, share: float = 0.15) -> str:
    sentences, words = _sentences(body), len(body.split())
    dropped = 0
    for i, sentence in enumerate(sentences[:-1]):
        dropped += len(sentence.split())
        if dropped >= share * words:
            return " ".join(sentences[i + 1:])
    return " ".join(body.split()[round(share * words):])  # one sentence: cut in it


def trim_tail(body: str, share: float = 0.6) -> str:
    sentences, words = _sentences(body), len(body.split())
    kept = 0
    for i, sentence in enumerate(sentences[:-1]):
        kept += len(sentence.split())
        if kept >= share * words:
            return " ".join(sentences[:i + 1])
    return " ".join(body.split()[:round(share * words)])


def with_debris(body: str, row: Row, other: Row) -> str:
    year = row.date.rsplit("/", 1)[-1]
    head = ["Share on Facebook", "Tweet", "By Staff Writer"]
    tail = ["Related articles", other.title, f"Read more: {other.title}", "Follow us on Twitter and Facebook",
            f"© 20{year} Syria Wire Network. All rights reserved.", "Tags: Syria, war, conflict"]
    return "\n\n".join(head + [body] + tail)


def with_headline(body: str, row: Row, headline: str) -> str:
    # The headline as written on the copy's page: above the body, and where the original's
    # body repeats its own title, there too.
    if row.title and row.title in body:
        body = body.replace(row.title, headline, 1)
    return f"{headline}\n\n{body}"


def copy_text(kind: str, row: Row, other: Row) -> tuple[str, str | None]:
    """The copy's raw text and its title as the reader gets it (None: the title is in the text)."""
    body = row.body
    if kind == "debris":
        return with_debris(body, row, other), row.title
    if kind == "headline":
        return with_headline(body, row, other.title), None
    if kind == "lead":
        return drop_lead(body), row.title
    if kind == "tail":
        return trim_tail(body), row.title
    return with_debris(with_headline(trim_tail(drop_lead(body)), row, other.title), row, other), None


# -- articles, cleaned -------------------------------------------------------------------------

def cleaned(pipeline: Pipeline, body: str, title: str | None, url: str, outlet: str) -> Article:
    return pipeline(Article(text=body, title=title, url=url, outlet=outlet, source="fakes-dev.csv"))


def build(rows: list[Row]) -> tuple[dict[str, Article], dict[str, dict[str, Article]]]:
    """The originals by row id, and for each kind its copies by the original's row id."""
    pipeline = Pipeline(components=["clean"])
    originals = {row.id: cleaned(pipeline, row.body, row.title, f"https://fakes.invalid/{row.id}", row.outlet)
                 for row in rows}
    copies: dict[str, dict[str, Article]] = {kind: {} for kind in KINDS}
    for i, row in enumerate(rows):
        other = rows[(i + 1) % len(rows)]  # another story's headline and related links
        for kind in KINDS:
            raw, title = copy_text(kind, row, other)
            copies[kind][row.id] = cleaned(pipeline, raw, title, f"https://reposts.invalid/{kind}/{row.id}",
                                           "Syria Wire Network")
    return originals, copies


# -- pairs and the threshold -------------------------------------------------------------------

def negative_pairs(rows: list[Row], originals: dict[str, Article]) -> dict[str, set[tuple[str, str]]]:
    """Pairs of different stories (different titles), by kind, within one half."""
    def grouped(key) -> set[tuple[str, str]]:
        groups = defaultdict(list)
        for row in rows:
            groups[key(row)].append(row)
        return {(a.id, b.id) for group in groups.values() for a, b in itertools.combinations(group, 2)
                if not same_headline(a, b)}

    shingled = {row.id: set(duplicates.shingles(originals[row.id].text)) for row in rows}
    nearest = set()
    for row in rows:
        best, best_id = -1.0, None
        for other in rows:
            if other.id == row.id or same_headline(row, other) or not shingled[row.id] or not shingled[other.id]:
                continue
            a, b = shingled[row.id], shingled[other.id]
            score = len(a & b) / len(a | b)
            if score > best:
                best, best_id = score, other.id
        if best_id is not None:
            nearest.add(tuple(sorted((row.id, best_id))))
    return {"same day and place": grouped(lambda r: (r.date, r.location)),
            "same outlet and day": grouped(lambda r: (r.outlet, r.date)),
            "nearest other article": nearest}


_sketches: dict[str, tuple[int, object]] = {}


def _sketch(article: Article) -> tuple[int, object]:
    """(words, signature whatever its length) of an article's clean body, computed once."""
    if article.id not in _sketches:
        _sketches[article.id] = (len(duplicates.words(article.text)), duplicates.signature(article.text, min_words=1))
    return _sketches[article.id]


def estimated(a: Article, b: Article, min_words: int = duplicates.MIN_WORDS) -> float | None:
    """The finder's estimated Jaccard of two clean bodies; None when either is under ``min_words``."""
    (na, sa), (nb, sb) = _sketch(a), _sketch(b)
    if sa is None or sb is None or min(na, nb) < min_words:
        return None
    return duplicates.similarity(sa, sb)


GRID = np.round(np.arange(0.05, 0.96, 0.01), 2)


def f_beta(positives: list[float | None], negatives: list[float | None], beta: float = 0.5) -> np.ndarray:
    """F-beta over these pairs at each threshold of GRID; a pair whose body is too short (None) is
    never linked: a miss when positive."""
    pos = np.array([-1.0 if s is None else s for s in positives])
    neg = np.array([-1.0 if s is None else s for s in negatives])
    weight = 1 + beta ** 2
    scores = []
    for t in GRID:
        tp, fp = int((pos >= t).sum()), int((neg >= t).sum())
        scores.append(weight * tp / (weight * tp + beta ** 2 * (len(pos) - tp) + fp) if tp else 0.0)
    return np.array(scores)


def choose_threshold(positives: list[float | None], negatives: list[float | None]) -> tuple[float, float, float]:
    """The middle of the longest run of thresholds with the best F0.5, that F0.5 and the run's width."""
    scores = f_beta(positives, negatives)
    best = np.flatnonzero(np.isclose(scores, scores.max()))
    runs = np.split(best, np.flatnonzero(np.diff(best) != 1) + 1)
    run = max(runs, key=len)
    low, high = GRID[run[0]], GRID[run[-1]]
    return round(float((low + high) / 2), 2), float(scores.max()), float(high - low)


# -- store runs --------------------------------------------------------------------------------

def save_all(url: str, articles: list[Article], extensions: list | None = None) -> tuple[float, int]:
    """Seconds spent saving them (with the near-duplicate extension alone unless ``extensions``
    says otherwise), and how many it linked."""
    extensions = [duplicates.NearDuplicates()] if extensions is None else extensions
    with Store(url, extensions=extensions) as store:
        started = time.perf_counter()
        for article in articles:
            store.save(article.model_copy(deep=True))
        seconds = time.perf_counter() - started
        linked = sum(e.linked for e in store.extensions if isinstance(e, duplicates.NearDuplicates))
    return seconds, linked


def links(url: str) -> dict[str, str]:
    """Each stored article's first copy: its duplicate_of, else itself (by Article id)."""
    with Store(url) as store, store.engine.connect() as connection:
        rows = connection.execute(select(tables.articles.c.id, tables.articles.c.duplicate_of)).all()
    return {article_id: first or article_id for article_id, first in rows}


def table_bytes(path: Path) -> dict[str, int]:
    with Store(f"sqlite:///{path}") as store, store.engine.begin() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        return dict(connection.execute(text("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")).all())


@dataclass
class HalfResult:
    found: Counter
    wrong: Counter
    short: Counter
    unbucketed: Counter
    copies: Counter
    false_links: list[tuple[str, str]]
    merged_negatives: dict[str, int]
    negatives: dict[str, int]
    same_title_pairs: int
    same_title_linked: int
    seconds_with: float
    seconds_without: float
    saves: int
    linked: int
    sizes: dict[str, int]
    stored: int


def run_half(rows: list[Row], originals: dict[str, Article], copies: dict[str, dict[str, Article]],
             negatives: dict[str, set[tuple[str, str]]], workdir: Path) -> HalfResult:
    ordered = [originals[row.id] for row in rows]
    base = workdir / "originals.db"
    seconds_with, linked = save_all(f"sqlite:///{base}", ordered)
    seconds_without, _ = save_all(f"sqlite:///{workdir / 'plain.db'}", ordered, extensions=[])
    saves = len(ordered)
    sizes = table_bytes(base)
    with_ext_bytes = sum(sizes.values())
    plain_bytes = sum(table_bytes(workdir / "plain.db").values())
    sizes = {"with": with_ext_bytes, "without": plain_bytes,
             **{name: size for name, size in sizes.items() if "duplicate" in name}}

    first = links(f"sqlite:///{base}")
    article_of = {row.id: originals[row.id].id for row in rows}
    by_article = {originals[row.id].id: row for row in rows}
    false_links = [(row.id, by_article[first[article_of[row.id]]].id) for row in rows
                   if first[article_of[row.id]] != article_of[row.id]
                   and not same_headline(by_article[first[article_of[row.id]]], row)]
    same_title = [(a.id, b.id) for a, b in itertools.combinations(rows, 2) if same_headline(a, b)]
    same_title_linked = sum(first[article_of[a]] == first[article_of[b]] for a, b in same_title)
    merged = {kind: sum(first[article_of[a]] == first[article_of[b]] for a, b in pairs)
              for kind, pairs in negatives.items()}

    found, wrong, short, unbucketed, counted = Counter(), Counter(), Counter(), Counter(), Counter()
    for kind in KINDS:
        store_path = workdir / f"{kind}.db"
        shutil.copy(base, store_path)
        batch = [copies[kind][row.id] for row in rows]
        seconds, kind_linked = save_all(f"sqlite:///{store_path}", batch)
        plain_path = workdir / f"{kind}-plain.db"
        shutil.copy(workdir / "plain.db", plain_path)
        plain_seconds, _ = save_all(f"sqlite:///{plain_path}", batch, extensions=[])
        seconds_with, seconds_without, saves, linked = (seconds_with + seconds, seconds_without + plain_seconds,
                                                        saves + len(batch), linked + kind_linked)
        kind_first = links(f"sqlite:///{store_path}")
        row_of = {**by_article, **{copies[kind][row.id].id: row for row in rows}}
        for row in rows:
            copy = copies[kind][row.id]
            counted[kind] += 1
            root = kind_first[copy.id]
            if root == copy.id:
                score = estimated(originals[row.id], copy)
                if score is None:
                    short[kind] += 1
                elif score >= duplicates.THRESHOLD:
                    unbucketed[kind] += 1
                continue
            if root == kind_first[article_of[row.id]] or same_headline(row_of[root], row):
                found[kind] += 1
            else:
                wrong[kind] += 1
    return HalfResult(found, wrong, short, unbucketed, counted, false_links, merged,
                      {k: len(v) for k, v in negatives.items()},
                      len(same_title), same_title_linked, seconds_with, seconds_without, saves, linked, sizes,
                      len(ordered))


def time_postgresql(url: str, batch: list[Article]) -> tuple[float, float, int]:
    """Seconds per save with the extension and without it, on PostgreSQL (two runs into ``url``),
    and the bytes of the duplicate tables and indexes after the first."""
    with Store(url) as store, store.engine.begin() as connection:
        connection.execute(text("TRUNCATE articles, outlets RESTART IDENTITY CASCADE"))
    with_seconds, _ = save_all(url, batch)
    with Store(url) as store, store.engine.begin() as connection:
        size = connection.execute(text(
            "SELECT pg_total_relation_size('duplicate_bands') + pg_total_relation_size('duplicate_signatures') "
            "+ pg_relation_size('ix_articles_duplicate_of')")).scalar_one()
        connection.execute(text("TRUNCATE articles, outlets RESTART IDENTITY CASCADE"))
    without_seconds, _ = save_all(url, batch, extensions=[])
    return with_seconds / len(batch), without_seconds / len(batch), size


def fill_with_random_articles(url: str, n: int) -> None:
    """``n`` stored articles with random signatures (their buckets, one each, almost never shared),
    written straight into the tables: what a large store looks like to the candidate query."""
    rng = np.random.default_rng(0)
    now = datetime.now(timezone.utc)
    with Store(url, extensions=[]) as store:
        for start in range(0, n, 10_000):
            size = min(10_000, n - start)
            with store.engine.begin() as connection:
                last_seq = select(func.coalesce(func.max(tables.articles.c.seq), 0))
                first_seq = connection.execute(last_seq).scalar_one() + 1
                connection.execute(tables.articles.insert(), [
                    {"seq": first_seq + i, "id": f"random{start + i:010d}", "text": "", "schema_version": "2",
                     "failed_components": 0, "analysed_at": now, "record": {}} for i in range(size)])
                sketches = [LeanMinHash(seed=duplicates.SEED, scheme="affine32",
                                        hashvalues=rng.integers(0, 2 ** 32, duplicates.NUM_PERM, dtype=np.uint32))
                            for _ in range(size)]
                connection.execute(tables.duplicate_signatures.insert(), [
                    {"article_seq": first_seq + i, "signature": duplicates.serialise(sketch)}
                    for i, sketch in enumerate(sketches)])
                connection.execute(tables.duplicate_bands.insert(), [
                    {"band": band, "bucket": bucket, "article_seq": first_seq + i}
                    for i, sketch in enumerate(sketches) for band, bucket in duplicates.buckets(sketch)])


def time_at_scale(batch: list[Article], n: int, workdir: Path) -> tuple[float, float]:
    """ms per save of ``batch`` into an empty store and into one already holding ``n`` articles."""
    empty, full = workdir / "empty.db", workdir / "full.db"
    fill_with_random_articles(f"sqlite:///{full}", n)
    return tuple(save_all(f"sqlite:///{path}", batch)[0] / len(batch) * 1000 for path in (empty, full))


# -- the report --------------------------------------------------------------------------------

def report(name: str, result: HalfResult) -> None:
    tp = sum(result.found.values())
    wrong = sum(result.wrong.values())
    copies = sum(result.copies.values())
    false = len(result.false_links)
    made = tp + wrong + false
    precision = tp / made if made else 1.0
    recall = tp / copies if copies else 0.0
    print(f"\n{name} half: {result.stored} articles, {copies} copies; "
          f"precision {precision:.3f} ({tp} of {made} links right), recall {recall:.3f} ({tp} of {copies})")
    for kind in KINDS:
        print(f"  {kind:9s} found {result.found[kind]:4d} of {result.copies[kind]:4d}  "
              f"recall {result.found[kind] / result.copies[kind]:.3f}   wrong story {result.wrong[kind]}   "
              f"missed: too short to judge {result.short[kind]}, over the threshold but in no shared "
              f"bucket {result.unbucketed[kind]}")
    # Which articles, on the read half only: the untouched half's errors are not looked at.
    print(f"  false links among the originals: {false}"
          + (f" {result.false_links}" if false and name == "read" else ""))
    for kind in NEGATIVE_KINDS:
        print(f"  negatives, {kind:22s}: {result.merged_negatives[kind]} of {result.negatives[kind]} pairs linked")
    print(f"  the set's own copies (same headline, two unit_ids): {result.same_title_linked} of "
          f"{result.same_title_pairs} pairs linked")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", default=os.environ.get("FRONTWIRE_TEST_PG_URL"),
                        help="also time the saves on this PostgreSQL database (written to)")
    parser.add_argument("--scale", type=int, default=0, metavar="N",
                        help="also time the saves into a SQLite store already holding N judged articles")
    args = parser.parse_args()

    started = time.perf_counter()
    rows = load_rows()
    originals, copies = build(rows)
    halves = {half: [row for row in rows if row.half == half] for half in ("read", "untouched")}
    print(f"{len(rows)} FA-KES articles ({len(halves['read'])} read, {len(halves['untouched'])} untouched), "
          f"{len(KINDS)} kinds of copy; shingles of {duplicates.SHINGLE_WORDS} words, {duplicates.NUM_PERM} "
          f"permutations, {duplicates.BANDS} bands of {duplicates.ROWS}, bodies under {duplicates.MIN_WORDS} "
          f"words not judged")

    negatives = {half: negative_pairs(members, originals) for half, members in halves.items()}
    read = halves["read"]
    positive_pairs = [(originals[r.id], copies[kind][r.id]) for kind in KINDS for r in read]
    negative_pairs_ = [(originals[a], originals[b]) for pairs in negatives["read"].values() for a, b in pairs]
    print("read half, the floor: best F0.5 at each floor (words), at its threshold: " + "; ".join(
        "{} {:.4f} at {:.2f}".format(floor, *reversed(choose_threshold(
            [estimated(a, b, floor) for a, b in positive_pairs],
            [estimated(a, b, floor) for a, b in negative_pairs_])[:2]))
        for floor in (10, 15, 20, 25, 30, 40, 50)) + f"; duplicates.MIN_WORDS = {duplicates.MIN_WORDS}")
    positive_scores = [estimated(a, b) for a, b in positive_pairs]
    negative_scores = [estimated(a, b) for a, b in negative_pairs_]
    chosen, best_f1, width = choose_threshold(positive_scores, negative_scores)
    known = [s for s in negative_scores if s is not None]
    print(f"read half, pair similarities: positives min {min(s for s in positive_scores if s is not None):.3f} "
          f"median {float(np.median([s for s in positive_scores if s is not None])):.3f}; negatives max "
          f"{max(known):.3f} median {float(np.median(known)):.3f} ({len(negative_scores)} pairs)")
    curve = f_beta(positive_scores, negative_scores)
    print("read half, F0.5 at each threshold: " + ", ".join(
        f"{t:.2f} {curve[np.flatnonzero(np.isclose(GRID, t))[0]]:.4f}"
        for t in (0.1, 0.15, 0.2, 0.22, 0.25, 0.3, 0.35, 0.4, 0.5)))
    print(f"threshold chosen on the read half: {chosen:.2f} (best pair F0.5 {best_f1:.4f} over a range "
          f"{width:.2f} wide); the store runs use duplicates.THRESHOLD = {duplicates.THRESHOLD:.2f}")

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for half, members in halves.items():
            workdir = Path(tmp) / half
            workdir.mkdir()
            results[half] = run_half(members, originals, copies, negatives[half], workdir)
    report("read", results["read"])
    report("untouched (headline)", results["untouched"])

    saves = sum(r.saves for r in results.values())
    with_s = sum(r.seconds_with for r in results.values())
    without_s = sum(r.seconds_without for r in results.values())
    print(f"\ncost, SQLite: {with_s / saves * 1000:.2f} ms per save with the extension, "
          f"{without_s / saves * 1000:.2f} ms without: {(with_s - without_s) / saves * 1000:.2f} ms per article "
          f"({saves} saves, {sum(r.linked for r in results.values())} linked)")
    for half, result in results.items():
        sizes = result.sizes
        mine = sum(v for k, v in sizes.items() if k not in ("with", "without"))
        per_1000 = 1000 / result.stored
        print(f"size, {half} half originals ({result.stored} articles, clean layers only): "
              f"{sizes['with'] * per_1000 / 1e6:.2f} MB per 1,000 with the duplicate tables, "
              f"{sizes['without'] * per_1000 / 1e6:.2f} MB without; the duplicate tables and indexes "
              f"{mine * per_1000 / 1e6:.2f} MB per 1,000 ("
              + ", ".join(f"{k} {v * per_1000 / 1e3:.0f} kB" for k, v in sorted(sizes.items())
                          if k not in ("with", "without")) + ")")
    if args.pg:
        batch = [originals[row.id] for row in rows] + [copies["all"][row.id] for row in rows]
        with_pg, without_pg, size = time_postgresql(args.pg, batch)
        print(f"cost, PostgreSQL: {with_pg * 1000:.2f} ms per save with the extension, {without_pg * 1000:.2f} ms "
              f"without: {(with_pg - without_pg) * 1000:.2f} ms per article ({len(batch)} saves); the duplicate "
              f"tables and indexes {size / len(batch) * 1000 / 1e6:.2f} MB per 1,000 articles")
    else:
        print("cost, PostgreSQL: skipped (no --pg and no $FRONTWIRE_TEST_PG_URL)")
    if args.scale:
        batch = [originals[row.id] for row in halves["read"]] + [copies["all"][row.id] for row in halves["read"]]
        with tempfile.TemporaryDirectory() as tmp:
            empty_ms, full_ms = time_at_scale(batch, args.scale, Path(tmp))
        print(f"scale, SQLite: {empty_ms:.2f} ms per save into an empty store, {full_ms:.2f} ms into one holding "
              f"{args.scale:,} articles ({len(batch)} saves each)")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
