"""The framing layer: technique spans from the shipped PTC-trained models."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from frontwire.framing import lexicon
from frontwire.framing.corpus import TECHNIQUES, merge_spans
from frontwire.framing.scoring import span_prf, technique_micro_f1
from frontwire.framing.span_tagger import SpanTagger
from frontwire.framing.techniques import DATA, detect, load_models
from frontwire.framing.text_units import split_units

from framing_toy import toy_corpus

# Our own wording, written for this test (no corpus text).
CHARGED = (
    "Headline: Shameful cowards flee as the heroic army crushes the invaders\n\n"
    "The corrupt, evil regime and its brutal thugs have massacred innocent children again. "
    "This is a disgrace, a catastrophe of historic proportions! Everyone knows the truth. "
    "Officials said the talks would resume on Monday."
)


@pytest.fixture(scope="module")
def models():
    return load_models()


def test_shipped_models_give_exact_spans_with_ptc_technique_names(models):
    tagger, classifier = models
    assert set(classifier.classes) == set(TECHNIQUES)
    spans = detect(CHARGED, tagger, classifier)
    assert spans, "the charged text yields no technique span"
    for span in spans:
        assert CHARGED[span.start:span.end] == span.text
        assert span.technique in TECHNIQUES
        assert 0.0 <= span.score <= 1.0
        assert span.text == span.text.strip() and span.text
    # the plain reporting sentence stays unmarked by the model
    plain = CHARGED.index("Officials said")
    assert not [s for s in detect(CHARGED, tagger, classifier, use_lexicon=False) if s.start >= plain]


def test_detection_is_deterministic_and_offsets_survive_odd_text(models):
    tagger, classifier = models
    first = [s.model_dump() for s in detect(CHARGED, tagger, classifier)]
    again = [s.model_dump() for s in detect(CHARGED, tagger, classifier)]
    assert first == again
    odd = "\n\n  “Brutal” —  savage… thugs!!\tterrorist-groups  \n"
    for span in detect(odd, tagger, classifier):
        assert odd[span.start:span.end] == span.text
    assert detect("", tagger, classifier) == []
    assert detect("   \n\n ", tagger, classifier) == []


def test_shipped_model_records_its_training_data():
    meta = json.loads((DATA / "training.json").read_text(encoding="utf-8"))
    assert meta["data"]["articles"] == 311 and meta["data"]["technique_spans"] == 5143
    assert re.fullmatch(r"[0-9a-f]{64}", meta["data"]["sha256"])
    assert meta["seed"] == 13
    total = sum(p.stat().st_size for p in (DATA / "span_tagger.npz", DATA / "technique_classifier.joblib"))
    assert total < 10 * 1024 * 1024


def _example_text(example_path) -> str:
    from frontwire.ingest.readers import iter_articles
    from frontwire.pipeline import Pipeline

    return Pipeline(components=["clean"], strict=True)(next(iter(iter_articles([str(example_path)])))).text


def _marked(text: str, spans, phrase: str, technique: str) -> list:
    """Occurrences of ``phrase`` lying wholly inside a span of ``technique``."""
    hits = [m.span() for m in re.finditer(re.escape(phrase), text, re.IGNORECASE)]
    assert hits, f"{phrase!r} is not in the cleaned text"
    return [(a, b) for a, b in hits if any(s.technique == technique and s.start <= a and s.end >= b for s in spans)]


def test_example_article_marks_labels_and_loaded_language(example_path):
    from frontwire.ingest.readers import iter_articles
    from frontwire.pipeline import Pipeline

    pipeline = Pipeline(components=["clean", "framing"], strict=True)
    article = pipeline(next(iter(iter_articles([str(example_path)]))))
    text = article.text
    assert article.framing
    for span in article.framing:
        assert text[span.start:span.end] == span.text
        assert span.technique in TECHNIQUES
    assert _marked(text, article.framing, "terrorist groups", "Name_Calling,Labeling")
    if re.search(r"\bterrorists\b", text, re.IGNORECASE):
        assert _marked(text, article.framing, "terrorists", "Name_Calling,Labeling")
    assert _marked(text, article.framing, "humiliating defeat", "Loaded_Language")


def test_humiliating_defeat_comes_from_the_model_and_the_lexicon(example_path, models):
    text = _example_text(example_path)
    assert [m for m in lexicon.lexicon_spans(text) if "humiliating defeat" in text[m[0]:m[1]].lower()]
    assert _marked(text, detect(text, *models, use_lexicon=False), "humiliating defeat", "Loaded_Language")


def test_crushing_defeat_is_marked_loaded_language_by_the_war_lexicon(example_path, models):
    text = _example_text(example_path)
    # the PTC-trained tagger alone scores it under its threshold: general political news rarely says it
    assert not _marked(text, detect(text, *models, use_lexicon=False), "crushing defeat", "Loaded_Language")
    assert _marked(text, detect(text, *models), "crushing defeat", "Loaded_Language")


def test_loaded_lexicon_needs_the_noun_it_judges():
    text = ("After a crushing defeat and a cowardly attack on the heroic army, the crushing weight "
            "of snow and a brave decision followed; a heinous and criminal act.")
    found = [(text[s:e], t) for s, e, t in lexicon.lexicon_spans(text)]
    assert found == [("crushing defeat", "Loaded_Language"), ("cowardly attack", "Loaded_Language"),
                     ("heroic army", "Loaded_Language"), ("heinous and criminal act", "Loaded_Language")]


def test_label_lexicon_takes_the_head_noun_and_stops_there():
    text = "Terrorists' commanders fled; the terrorist groups and a terror cell; terrorism is a word."
    found = [text[s:e] for s, e, _ in lexicon.lexicon_spans(text)]
    assert found == ["Terrorists", "terrorist groups", "terror cell"]


def test_span_metric_follows_the_semeval_formula():
    # half of the prediction lies in gold, half of gold is covered
    assert span_prf({"a": [(0, 10)]}, {"a": [(5, 15)]})["f1"] == pytest.approx(0.5)
    # two predictions inside one gold span: precision 1, recall sums their coverage
    r = span_prf({"a": [(0, 2), (4, 6)]}, {"a": [(0, 10)]})
    assert (r["precision"], r["recall"]) == (pytest.approx(1.0), pytest.approx(0.4))
    # overlapping gold spans are merged before scoring
    assert merge_spans([(0, 5), (3, 8), (8, 9)]) == [(0, 8), (8, 9)]
    assert span_prf({"a": [(0, 8)]}, {"a": [(0, 5), (3, 8)]})["f1"] == pytest.approx(1.0)
    # a missed article counts in recall; no predictions at all give 0
    assert span_prf({}, {"a": [(0, 3)]})["f1"] == 0.0


def test_technique_metric_answers_multi_label_spans_with_the_top_k():
    r = technique_micro_f1([["A"], ["A", "B"], ["C"]], [["A", "B"], ["B", "A"], ["A", "C"]])
    assert r["micro_f1"] == pytest.approx(3 / 4)


def test_span_tagger_trains_and_round_trips_through_plain_arrays(tmp_path: Path):
    units, gold = toy_corpus()
    tagger = SpanTagger.fit(units, gold, C=1.0, seed=13)
    path = tmp_path / "tagger.npz"
    tagger.save(path)
    back = SpanTagger.load(path)
    probe = split_units("The vile traitors met in the city on Monday.")
    assert np.array_equal(tagger.token_proba(probe), back.token_proba(probe))
    assert back.spans(probe) == tagger.spans(probe)
    found = [probe.text[s:e] for s, e, _ in back.spans(probe)]
    assert any("traitors" in f for f in found) and not any("Monday" in f for f in found)
    with np.load(path, allow_pickle=False) as z:
        assert set(z.files) == {"vocab", "bigrams", "coef", "intercept", "decoding"}


def test_fast_tfidf_equals_scikit_learn_transform(models):
    from frontwire.framing.technique_classifier import fast_tfidf

    _, classifier = models
    docs = [CHARGED, "brutal thugs", "", "   ", "Officials said the talks would resume."]
    for vec in (classifier.span_words, classifier.span_chars, classifier.context_words, classifier.edge_words):
        assert abs(vec.transform(docs) - fast_tfidf(vec, docs)).max() < 1e-12
    items = [(CHARGED, 0, 8), (CHARGED, 10, 40)]
    expected = classifier.model.predict_proba(classifier._matrix(items, fit=False))
    assert np.allclose(classifier.predict_proba(items), expected)


def test_technique_cues_fire_on_the_words_the_definitions_name():
    from frontwire.framing.technique_cues import CUE_SETS, technique_cues

    text = "They call it a so-called victory. Hitler would approve! Either we act or we perish."
    hitler = text.index("Hitler would approve!")
    cues = technique_cues(text, hitler, hitler + len("Hitler would approve!"))
    assert len(cues) == len(CUE_SETS) + 8
    assert cues[3] == 1.0  # Reductio_ad_hitlerum set
    assert cues[len(CUE_SETS) + 3] == 1.0  # ends with "!"
    victory = text.index("victory")
    assert technique_cues(text, victory, victory + 7)[len(CUE_SETS)] == 1.0  # preceded by "so-called"
    either = text.index("Either")
    assert technique_cues(text, either, len(text))[5] == 1.0  # Black-and-White set
    assert technique_cues(text, either, len(text))[3] == 0.0
