"""One article into the store: analysed unless the store already holds it from this input by this
analysis, its raw input kept: what ``reanalyse``, ``watch`` and the API do with each article. ``ingest``
and ``batch`` analyse in worker processes: they ask ``held`` first and save what the workers return."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from typing import ContextManager, Optional

from ..ingest.raw import raw_input_of
from ..model import Article


@dataclass(frozen=True)
class Intake:
    # What ``Store.save`` said ("new", "updated", "unchanged"), or "unchanged" when nothing was analysed.
    result: str
    article_id: str
    # The analysed article; None when the store held it already and nothing ran.
    analysed: Optional[Article]


def held(store, pipeline, article: Article) -> bool:
    """Whether the store holds ``article`` from this input by this analysis: analysing it again would
    change nothing."""
    return store.is_current(article, pipeline.analysis)


def take_in(store, pipeline, article: Article, lock: Optional[ContextManager] = None, again: bool = False) -> Intake:
    """Analyse ``article`` (holding ``lock`` while the pipeline runs, where one pipeline serves several
    threads) and save it; ``again`` analyses even what the store holds from this input by this
    analysis (``reanalyse --all``). A failure to save propagates."""
    if not again and held(store, pipeline, article):
        return Intake("unchanged", article.identify(), None)
    raw_input = raw_input_of(article)  # before the pipeline, which may change what it reads from
    with lock or nullcontext():
        analysed = pipeline(article)
    return Intake(store.save(analysed, raw_input=raw_input), analysed.identify(), analysed)
