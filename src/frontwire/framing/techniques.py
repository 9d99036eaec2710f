"""The framing component: propaganda-technique spans as evidence, never as a verdict.

A linear token tagger finds the fragments (``span_tagger``), a linear
classifier names the technique of each (``technique_classifier``), and a small
curated lexicon adds the labels and loaded words of war reporting (``lexicon``).  Both models
were trained on the PTC corpus (SemEval-2020 Task 11) by
``frontwire.framing.train``; see ``data/MODEL_CARD.md`` for the data and the
cross-validated figures.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from ..model import FramingSpan
from ..registry import ComponentConfig, component
from . import lexicon
from .span_tagger import SpanTagger
from .text_units import split_units

DATA = Path(__file__).with_name("data")
TAGGER_FILE = "span_tagger.npz"
CLASSIFIER_FILE = "technique_classifier.joblib"


@lru_cache(maxsize=4)
def load_models(data_dir: str = str(DATA)):
    import joblib

    data = Path(data_dir)
    return SpanTagger.load(data / TAGGER_FILE), joblib.load(data / CLASSIFIER_FILE)


def detect(text: str, tagger: SpanTagger, classifier, use_lexicon: bool = True) -> list[FramingSpan]:
    """Technique spans in ``text``; offsets are into ``text`` itself."""
    units = split_units(text)
    found = tagger.spans(units)
    out: list[FramingSpan] = []
    if found:
        proba = classifier.predict_proba([(text, s, e) for s, e, _ in found])
        classes = classifier.classes
        for (s, e, span_p), p in zip(found, proba):
            best = int(np.argmax(p))
            # Confidence that this fragment is propaganda AND uses this technique.
            score = float(min(1.0, max(0.0, span_p * p[best])))
            out.append(FramingSpan(technique=classes[best], text=text[s:e], start=s, end=e, score=round(score, 4)))
    if use_lexicon:
        taken = {(f.start, f.end, f.technique) for f in out}
        for s, e, technique in lexicon.lexicon_spans(text):
            if (s, e, technique) not in taken:
                out.append(FramingSpan(technique=technique, text=text[s:e], start=s, end=e, score=lexicon.SCORE))
    out.sort(key=lambda f: (f.start, f.end, f.technique))
    return out


class FramingConfig(ComponentConfig):
    lexicon: bool = True  # the curated war lexicon's labels and loaded modifiers beside the models
    model_dir: str = str(DATA)  # where the tagger and classifier are (``frontwire train-framing --out``)


@component("framing", requires=["text"], assigns=["framing"], config=FramingConfig,
           uses=["framing_models", "lexicons"])
class FramingComponent:
    """How it is told: propaganda-technique spans as evidence, never verdicts."""

    def __init__(self, config: FramingConfig = FramingConfig()):
        self.use_lexicon = config.lexicon
        self.tagger, self.classifier = load_models(config.model_dir)

    def __call__(self, work) -> None:
        work.article.framing = detect(work.article.text, self.tagger, self.classifier, self.use_lexicon)

