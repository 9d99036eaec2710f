"""One article into the store: analysed unless the store already holds it from this input by this
analysis, its raw input kept. Every writer that analyses as it stores goes through here: ``ingest``,
``reanalyse``, ``watch`` and the API (``batch`` analyses on its workers and saves what they return)."""

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


def take_in(store, pipeline, article: Article, lock: Optional[ContextManager] = None, again: bool = False) -> Intake:
    """Analyse ``article`` (holding ``lock`` while the pipeline runs, where one pipeline serves several
    threads) and save it; ``again`` analyses even what the store holds from this input by this
    analysis (``reanalyse --all``). A failure to save propagates."""
    if not again and store.is_current(article, pipeline.analysis):
        return Intake("unchanged", article.identify(), None)
    raw_input = raw_input_of(article)  # before the pipeline, which may change what it reads from
    with lock or nullcontext():
        analysed = pipeline(article)
    return Intake(store.save(analysed, raw_input=raw_input), analysed.identify(), analysed)
