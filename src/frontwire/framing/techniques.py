"""The framing component: propaganda-technique spans as evidence, never as a verdict.

A linear token tagger proposes fragments (``span_tagger``), a linear classifier
names the technique of each (``technique_classifier``), a second stage keeps the
fragments worth keeping and calibrates their scores (``span_filter``), and a
small curated lexicon adds the labels and loaded words of war reporting
(``lexicon``).  The models were trained on the PTC corpus (SemEval-2020 Task 11)
by ``frontwire.framing.train``; see ``data/MODEL_CARD.md`` for the data and the
cross-validated figures.

A span's score is calibrated: of held-out spans scored about 0.7, about 70% were
right (at least half of the span inside a fragment annotators marked with that
technique).  By default the component keeps only the spans scoring at least the
display threshold (out of fold, the spans above it were right at least 60% of
the time), plus the lexicon's; ``framing.show_all=true`` keeps every span.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from ..model import FramingSpan
from ..registry import ComponentConfig, component
from . import lexicon
from .corpus import TECHNIQUES
from .span_filter import candidate_features, load as load_filter
from .span_tagger import decode
from .text_units import Units, split_units

DATA = Path(__file__).with_name("data")
TAGGER_FILE = "span_tagger.npz"
CLASSIFIER_FILE = "technique_classifier.joblib"
FILTER_FILE = "span_filter.npz"


@lru_cache(maxsize=4)
def load_models(data_dir: str = str(DATA)):
    """The shipped ``FramingModels`` (tagger, classifier, span filter, calibration, display threshold)."""
    import joblib

    from .span_tagger import SpanTagger
    from .train import FramingModels

    data = Path(data_dir)
    classifier = joblib.load(data / CLASSIFIER_FILE)
    if not (data / FILTER_FILE).exists():
        # models trained before the second stage: every candidate kept, scored as they were then
        # (mean token probability x technique probability, uncalibrated), all shown
        return FramingModels(SpanTagger.load(data / TAGGER_FILE), classifier, None, None, 0.0)
    span_filter, calibration, shown_from, techniques = load_filter(data / FILTER_FILE)
    if list(TECHNIQUES) != techniques or not set(classifier.classes) <= set(TECHNIQUES):
        raise ValueError(f"{data / FILTER_FILE} was fitted for other techniques than {data / CLASSIFIER_FILE}")
    return FramingModels(SpanTagger.load(data / TAGGER_FILE), classifier, span_filter, calibration, shown_from)


def propose(units: Units, prob: np.ndarray, threshold: float, max_gap: int, classifier):
    """Candidate fragments of the tagger's token probabilities, the technique probabilities of each
    (columns: ``TECHNIQUES``), and the filter's features of each."""
    candidates = decode(units, prob, threshold, max_gap)
    # columns in the fixed order of TECHNIQUES, whatever techniques the classifier was fitted on
    tech_proba = np.zeros((len(candidates), len(TECHNIQUES)))
    if candidates:
        columns = [TECHNIQUES.index(c) for c in classifier.classes]
        tech_proba[:, columns] = classifier.predict_proba([(units.text, s, e) for s, e, _ in candidates])
    return candidates, tech_proba, candidate_features(units, prob, candidates, tech_proba, threshold)


def model_spans(text: str, models) -> list[tuple[int, int, str, float]]:
    """(start, end, technique, calibrated score) of the fragments the second stage keeps."""
    from .train import judge

    units = split_units(text)
    tagger = models.tagger
    candidates, tech_proba, X = propose(units, tagger.token_proba(units), tagger.threshold, tagger.max_gap,
                                        models.classifier)
    if models.span_filter is None:
        best = tech_proba.argmax(axis=1)
        return [(s, e, TECHNIQUES[b], float(span_p * tech_proba[k, b]))
                for k, ((s, e, span_p), b) in enumerate(zip(candidates, best))]
    return [(s, e, t, score) for s, e, t, score, _ in judge(candidates, tech_proba, X, models.span_filter,
                                                             models.calibration)]


def detect(text: str, models, use_lexicon: bool = True, show_all: bool = True) -> list[FramingSpan]:
    """Technique spans in ``text``; offsets are into ``text`` itself.  Without ``show_all``, only the
    model's spans scoring at least the display threshold (and the lexicon's) are kept."""
    shown_from = round(models.shown_from, 4)  # compared as shown, to the 4 decimals of a span's score
    out = []
    # Models none of whose spans could be shown (no display threshold was reached out of fold, or
    # none within the calibration's ceiling) are not run: a tenth of the pipeline's time for nothing.
    shown = show_all or shown_from <= round(models.highest_score, 4)
    for s, e, t, score in model_spans(text, models) if shown else ():
        score = round(min(1.0, max(0.0, score)), 4)
        if show_all or score >= shown_from:
            out.append(FramingSpan(technique=t, text=text[s:e], start=s, end=e, score=score))
    if use_lexicon:
        taken = {(f.start, f.end, f.technique) for f in out}
        for s, e, technique in lexicon.lexicon_spans(text):
            if (s, e, technique) not in taken:
                out.append(FramingSpan(technique=technique, text=text[s:e], start=s, end=e, score=lexicon.SCORE))
    out.sort(key=lambda f: (f.start, f.end, f.technique))
    return out


class FramingConfig(ComponentConfig):
    lexicon: bool = True  # the curated war lexicon's labels and loaded modifiers beside the models
    model_dir: str = str(DATA)  # where the models are (``frontwire train-framing --out``)
    # also the model's spans under the display threshold (training.json "shown_from"; their
    # calibrated scores say how often such spans are right)
    show_all: bool = False


@component("framing", requires=["text"], assigns=["framing"], config=FramingConfig,
           uses=["framing_models", "lexicons"])
class FramingComponent:
    """How it is told: propaganda-technique spans as evidence, never verdicts."""

    def __init__(self, config: FramingConfig = FramingConfig()):
        self.use_lexicon = config.lexicon
        self.show_all = config.show_all
        self.models = load_models(config.model_dir)

    def __call__(self, work) -> None:
        work.article.framing = detect(work.article.text, self.models, self.use_lexicon, self.show_all)
