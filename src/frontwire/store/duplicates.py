"""Near-duplicates: syndicated copies and re-posts of one story, linked to its first stored copy.

A wire story reaches the store many times: from other outlets with their own page debris, under
another headline, with its tail cut or its lead rewritten. Each copy keeps its own row (its outlet,
URL and analysis are facts too), and ``articles.duplicate_of`` names the first stored copy, with
``duplicate_similarity`` the estimated Jaccard similarity of the two clean bodies, so that counts
and incidents can take one story once.

How a copy is found: the clean body (``text`` after the clean component, debris already taken
out; the headline is not part of it) as a set of word 5-shingles, its MinHash (datasketch), and
the signature cut into LSH bands, each hashed to a bucket. The buckets go to ``duplicate_bands``,
whose primary key is (band, bucket): finding the articles that share a bucket with a new one is
one indexed query, as cheap with a million articles stored as with a thousand, and shared by every
writer of a PostgreSQL store. (datasketch's MinHashLSH keeps its buckets in one process's memory:
it would be rebuilt from the whole store by every ingest and not seen by the others, so only its
MinHash is used here.) Candidates are verified by the estimated Jaccard from their stored
signatures (``duplicate_signatures``), and one at ``THRESHOLD`` or above is a copy.

Links stay one step long: every article links to a first copy, one that links nowhere, never to
a copy of it; an article whose closest match is a copy joins that copy's first copy. An article
matching several stories joins the closest only: stories are never merged, so a round-up that
quotes two wire stories whole does not make them one. Re-saving an article with a changed body
judges it again; deleting a first copy makes the next earliest of its copies the first. All of it
happens in the saving article's transaction (a ``StoreExtension``), so an article is never stored
without its link.

Bodies under ``MIN_WORDS`` words are not judged: they are never linked and nothing links to them.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Iterable, NamedTuple

import numpy as np
from datasketch import LeanMinHash, MinHash
from sqlalchemy import (BigInteger, Connection, and_, bindparam, delete, func, insert, or_, select, text,
                        update)
from sqlalchemy.dialects.postgresql import ARRAY

from . import tables

SHINGLE_WORDS = 5
# Estimated Jaccard from which a candidate is a copy, and the floor under which a body is not
# judged: both chosen on the read half of bench/dedup.py (the best F0.5 over its pairs: a wrong link
# hides a story from every count, a missed copy stays in sight). Under 25 words a body is a
# headline, a caption or a stub.
THRESHOLD = 0.22
MIN_WORDS = 25
# 42 bands of 3 rows (126 of the 128 hash values): a pair shares a bucket with probability 0.36 at
# Jaccard 0.22, 0.68 at 0.3, 0.94 at 0.4, 0.996 at 0.5, and 0.04 at 0.1. The bands thus soften the
# threshold, in precision's favour: a pair just over it is found less often than a close copy.
NUM_PERM, BANDS, ROWS = 128, 42, 3
SEED = 1
# The candidates verified per article, those sharing most buckets first: a story stored a thousand
# times needs a few of its copies to be found, not all of them.
MAX_CANDIDATES = 64

_WORD = re.compile(r"\w+")
_EMPTY = MinHash(num_perm=NUM_PERM, seed=SEED)  # its permutations, drawn once, shared by every copy


class _Stored(NamedTuple):
    seq: int
    id: str
    duplicate_of: str | None


def words(body: str) -> list[str]:
    """The body's words, case-folded; punctuation and spacing left out."""
    return _WORD.findall(body.casefold())


def shingles(body: str) -> list[bytes]:
    """The body's distinct word 5-shingles (a shorter body: its words as one)."""
    return _shingles(words(body))


def _shingles(found: list[str]) -> list[bytes]:
    return list({" ".join(found[i:i + SHINGLE_WORDS]).encode("utf-8")
                 for i in range(max(len(found) - SHINGLE_WORDS + 1, 1 if found else 0))})


def signature(body: str, min_words: int = MIN_WORDS) -> LeanMinHash | None:
    """The MinHash of the body's shingles, or None for a body too short to judge."""
    found = words(body)
    if not found or len(found) < min_words:
        return None
    minhash = _EMPTY.copy()
    minhash.update_batch(_shingles(found))
    return LeanMinHash(minhash)


def serialise(sketch: LeanMinHash) -> bytes:
    buffer = bytearray(sketch.bytesize(byteorder="<"))
    sketch.serialize(buffer, byteorder="<")
    return bytes(buffer)


def deserialise(data: bytes) -> LeanMinHash:
    return LeanMinHash.deserialize(data, byteorder="<")


def similarity(a: LeanMinHash, b: LeanMinHash) -> float:
    """Estimated Jaccard similarity of the two bodies' shingle sets."""
    return a.jaccard(b)


def buckets(sketch: LeanMinHash) -> list[tuple[int, int]]:
    """(band, bucket) for each LSH band: a signed 64-bit hash of the band's number and values."""
    values = np.asarray(sketch.hashvalues, dtype="<u4")
    out = []
    for band in range(BANDS):
        digest = hashlib.blake2b(band.to_bytes(2, "little") + values[band * ROWS:(band + 1) * ROWS].tobytes(),
                                 digest_size=8).digest()
        out.append((band, int.from_bytes(digest, "little", signed=True)))
    return out


# -- the statements: built once, since building and compiling them costs more than running them --

_articles, _signatures, _bands = tables.articles.c, tables.duplicate_signatures.c, tables.duplicate_bands.c


def _candidates_statement():
    """The stored articles sharing a bucket with article ``:seq``, those sharing most first, with
    what verifying and linking them needs."""
    # An OR of (band, bucket) pairs rather than a row-value IN: SQLite searches its primary key for
    # each pair of the OR, and scans the whole table for the IN.
    shares_a_bucket = or_(*(and_(_bands.band == band, _bands.bucket == bindparam(f"bucket_{band}", type_=BigInteger))
                            for band in range(BANDS)))
    candidates = (select(_bands.article_seq)
                  .where(shares_a_bucket, _bands.article_seq != bindparam("seq"))
                  .group_by(_bands.article_seq)
                  .order_by(func.count().desc(), _bands.article_seq)
                  .limit(MAX_CANDIDATES))
    return (select(_articles.seq, _articles.id, _articles.duplicate_of, _signatures.signature)
            .join_from(tables.articles, tables.duplicate_signatures, _signatures.article_seq == _articles.seq)
            .where(_articles.seq.in_(candidates.scalar_subquery())))


_CANDIDATES = _candidates_statement()
_ARTICLE = select(_articles.seq, _articles.id, _articles.duplicate_of).where(_articles.id == bindparam("id"))
_COPIES_OF = select(_articles.seq, _articles.id, _articles.duplicate_of).where(
    _articles.duplicate_of.in_(bindparam("ids", expanding=True))).order_by(_articles.seq)
_SIGNATURE = select(_signatures.signature).where(_signatures.article_seq == bindparam("seq"))
_SIGNATURES = select(_signatures.article_seq, _signatures.signature).where(
    _signatures.article_seq.in_(bindparam("seqs", expanding=True)))
_ADD_SIGNATURE = insert(tables.duplicate_signatures)
_ADD_BANDS = insert(tables.duplicate_bands)
_DROP_SIGNATURE = delete(tables.duplicate_signatures).where(_signatures.article_seq == bindparam("seq"))
_DROP_BANDS = delete(tables.duplicate_bands).where(_bands.article_seq == bindparam("seq"))
_LINK = update(tables.articles).where(_articles.seq == bindparam("member")).values(
    duplicate_of=bindparam("first"), duplicate_similarity=bindparam("similarity"))
_UNLINK = update(tables.articles).where(_articles.seq == bindparam("member")).values(
    duplicate_of=None, duplicate_similarity=None)
_LOCK = text("SELECT pg_advisory_xact_lock(key) FROM unnest(:keys) AS key").bindparams(
    bindparam("keys", type_=ARRAY(BigInteger)))


class NearDuplicates:
    """The store extension: judges each saved article, links it, and keeps the links whole on
    re-save and delete. ``linked`` counts the articles it linked to a first copy in this process."""

    name = "duplicates"

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self.linked = 0

    # -- StoreExtension --------------------------------------------------------------------------

    def saved(self, connection: Connection, record: dict[str, Any], replaced: bool) -> None:
        article = _Stored(*connection.execute(_ARTICLE, {"id": record["id"]}).one())
        sketch = signature(record.get("text") or "")
        data = serialise(sketch) if sketch is not None else None
        old = connection.execute(_SIGNATURE, {"seq": article.seq}).scalar() if replaced else None
        if replaced and old == data:
            return  # the same body (analysed again, say): its judgement and links stand
        new_buckets = buckets(sketch) if sketch is not None else []
        self._lock(connection, new_buckets + (buckets(deserialise(old)) if old is not None else []))
        if replaced:
            self._detach(connection, article)
            article = article._replace(duplicate_of=None)
        if sketch is None:
            return
        connection.execute(_ADD_SIGNATURE, {"article_seq": article.seq, "signature": data})
        connection.execute(_ADD_BANDS, [{"band": band, "bucket": bucket, "article_seq": article.seq}
                                        for band, bucket in new_buckets])
        if self._attach(connection, article, sketch, new_buckets):
            self.linked += 1

    def deleting(self, connection: Connection, article_id: str) -> None:
        row = connection.execute(_ARTICLE, {"id": article_id}).first()
        if row is None:
            return
        article = _Stored(*row)
        old = connection.execute(_SIGNATURE, {"seq": article.seq}).scalar()
        self._lock(connection, buckets(deserialise(old)) if old is not None else [])
        self._detach(connection, article)

    # -- the links -------------------------------------------------------------------------------

    def _attach(self, connection: Connection, article: _Stored, sketch: LeanMinHash,
                own_buckets: list[tuple[int, int]]) -> bool:
        """Link a judged, unlinked article (which no copy links to) into the story of its closest
        match over the threshold; whether it was linked (rather than found to be the first copy)."""
        rows = connection.execute(_CANDIDATES, {"seq": article.seq, **{f"bucket_{band}": bucket
                                                                       for band, bucket in own_buckets}}).all()
        scored = [(similarity(sketch, deserialise(row.signature)), -row.seq, row) for row in rows]
        matches = [entry for entry in scored if entry[0] >= self.threshold]
        if not matches:
            return False
        # The closest match's story, not every story matched: an article that holds two stories (a
        # round-up of wire briefs) must not make them one.
        closest = max(matches, key=lambda entry: entry[:2])[2]
        first = _Stored(*connection.execute(_ARTICLE, {"id": closest.duplicate_of or closest.id}).one())
        if first.seq < article.seq:
            self._link(connection, [article.seq], first)
            return True
        # Stored before the story's first copy (an old article saved again with a new body): it
        # becomes the first copy of that story.
        story = [first] + [_Stored(*row) for row in connection.execute(_COPIES_OF, {"ids": [first.id]})]
        self._link(connection, [member.seq for member in story], article)
        return False

    def _detach(self, connection: Connection, article: _Stored) -> None:
        """Undo the article's judgement: its own link, its signature and buckets; its copies go to
        the next earliest of them, which becomes their first copy."""
        if article.duplicate_of is not None:
            connection.execute(_UNLINK, {"member": article.seq})
        copies = [_Stored(*row) for row in connection.execute(_COPIES_OF, {"ids": [article.id]})]
        if copies:
            first = copies[0]
            connection.execute(_UNLINK, {"member": first.seq})
            self._link(connection, [copy.seq for copy in copies[1:]], first)
        connection.execute(_DROP_BANDS, {"seq": article.seq})
        connection.execute(_DROP_SIGNATURE, {"seq": article.seq})

    def _link(self, connection: Connection, seqs: list[int], first: _Stored) -> None:
        """Point the articles ``seqs`` at ``first``, each with its similarity to it."""
        if not seqs:
            return
        found = {seq: deserialise(data) for seq, data in connection.execute(_SIGNATURES, {"seqs": [first.seq, *seqs]})}
        first_sketch = found.get(first.seq)
        connection.execute(_LINK, [
            {"member": seq, "first": first.id,
             "similarity": similarity(first_sketch, found[seq]) if first_sketch is not None and seq in found else None}
            for seq in seqs])

    @staticmethod
    def _lock(connection: Connection, article_buckets: Iterable[tuple[int, int]]) -> None:
        """PostgreSQL: hold the article's buckets until commit, so that two writers storing copies
        of one story at once take turns and the second finds the first (each statement of a READ
        COMMITTED transaction sees what committed before it). Locked in one order (sorted), so two
        writers never deadlock over them. SQLite has a single writer already."""
        keys = sorted({bucket for _, bucket in article_buckets})
        if keys and connection.dialect.name == "postgresql":
            connection.execute(_LOCK, {"keys": keys})
