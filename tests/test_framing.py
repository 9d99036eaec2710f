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
    assert set(models.classifier.classes) == set(TECHNIQUES)
    spans = detect(CHARGED, models)
    assert spans, "the charged text yields no technique span"
    for span in spans:
        assert CHARGED[span.start:span.end] == span.text
        assert span.technique in TECHNIQUES
        assert 0.0 <= span.score <= 1.0
        assert span.text == span.text.strip() and span.text
    # the plain reporting sentence stays unmarked by the model
    plain = CHARGED.index("Officials said")
    assert not [s for s in detect(CHARGED, models, use_lexicon=False) if s.start >= plain]


def test_detection_is_deterministic_and_offsets_survive_odd_text(models):
    first = [s.model_dump() for s in detect(CHARGED, models)]
    again = [s.model_dump() for s in detect(CHARGED, models)]
    assert first == again
    odd = "\n\n  “Brutal” —  savage… thugs!!\tterrorist-groups  \n"
    for span in detect(odd, models):
        assert odd[span.start:span.end] == span.text
    assert detect("", models) == []
    assert detect("   \n\n ", models) == []


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
    assert _marked(text, detect(text, models, use_lexicon=False), "humiliating defeat", "Loaded_Language")


def test_crushing_defeat_is_marked_loaded_language_by_the_war_lexicon(example_path, models):
    text = _example_text(example_path)
    # the PTC-trained tagger alone scores it under its threshold: general political news rarely says it
    assert not _marked(text, detect(text, models, use_lexicon=False), "crushing defeat", "Loaded_Language")
    assert _marked(text, detect(text, models), "crushing defeat", "Loaded_Language")


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

    classifier = models.classifier
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


def test_display_threshold_is_the_lowest_score_above_which_spans_are_right_often_enough():
    from frontwire.framing.span_filter import display_threshold

    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2])
    right = np.array([1, 1, 0, 1, 1, 0, 0, 0], bool)
    # from 0.4 up 4 of 6 are right (0.67); from 0.3 up 4 of 7 (0.57)
    assert display_threshold(scores, right, 0.6, min_count=1) == 0.4
    assert display_threshold(scores, right, 0.9, min_count=1) == 0.8
    # no cut holds 7 spans right 60% of the time: nothing is shown
    assert display_threshold(scores, right, 0.6, min_count=7) == float("inf")
    # spans with the same score are shown together or not at all
    assert display_threshold(np.full(3, 0.5), np.array([1, 0, 0], bool), 0.5, min_count=1) == float("inf")


def test_calibration_maps_a_raw_score_onto_how_often_such_spans_are_right():
    from frontwire.framing.span_filter import Calibration

    raw = np.repeat([0.1, 0.5, 0.9], 10)
    right = np.zeros(30, bool)
    right[[0]] = True  # 1 of 10 at 0.1
    right[10:15] = True  # 5 of 10 at 0.5
    right[20:29] = True  # 9 of 10 at 0.9
    calibration = Calibration.fit(raw, right)
    assert calibration([0.1, 0.5, 0.9]) == pytest.approx([0.1, 0.5, 0.9])
    assert calibration([0.0, 1.0]) == pytest.approx([0.1, 0.9])  # clipped beyond the fitted range
    grid = calibration(np.linspace(0, 1, 101))
    assert np.all(np.diff(grid) >= 0) and grid.min() >= 0 and grid.max() <= 1


def _toy_ptc(root: Path) -> Path:
    """The toy texts laid out as PTC is: insults Name_Calling, 'vile X' Loaded_Language."""
    from framing_toy import TEXTS

    (root / "articles").mkdir(parents=True)
    lines = []
    for k, text in enumerate(TEXTS):
        (root / "articles" / f"article{k + 1}.txt").write_text(text, encoding="utf-8")
        for m in re.finditer(r"[Tt]raitors|cowards", text):
            lines.append(f"{k + 1}\tName_Calling,Labeling\t{m.start()}\t{m.end()}")
        for m in re.finditer(r"vile \w+", text):
            lines.append(f"{k + 1}\tLoaded_Language\t{m.start()}\t{m.end()}")
    (root / "task2-TC.labels").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_training_writes_all_stages_as_the_component_loads_them(tmp_path: Path):
    from frontwire.framing.train import train

    out = tmp_path / "models"
    meta = train(_toy_ptc(tmp_path / "ptc"), out, log=lambda m: None)
    with np.load(out / "span_filter.npz", allow_pickle=False) as z:  # plain arrays, no pickle
        assert {"coef", "keep", "calibration_x", "calibration_y", "shown_from", "techniques"} <= set(z.files)
    chosen = meta["out_of_fold"]
    assert chosen["candidate_threshold"] in (0.16, 0.20, 0.24)
    assert chosen["shown_from"] is None or 0.0 <= chosen["shown_from"] <= 1.0  # None: no score is that sure
    models = load_models(str(out))
    probe = "The vile traitors met in the city on Monday. The weather was mild."
    every = detect(probe, models, use_lexicon=False)
    assert any("traitors" in s.text for s in every) and not any("Monday" in s.text for s in every)
    for span in every:
        assert probe[span.start:span.end] == span.text and 0.0 <= span.score <= 1.0
    shown = detect(probe, models, use_lexicon=False, show_all=False)
    assert [s for s in every if s.score >= round(models.shown_from, 4)] == shown


def test_models_that_could_show_nothing_are_not_run(models, monkeypatch):
    import dataclasses

    from frontwire.framing import techniques

    probe = "The vile traitors met in the city on Monday. The weather was mild."
    every = detect(probe, models, use_lexicon=False)
    ceiling = round(models.highest_score, 4)
    assert all(s.score <= ceiling for s in every)
    reachable = dataclasses.replace(models, shown_from=min(s.score for s in every))
    assert detect(probe, reachable, use_lexicon=False, show_all=False) == every  # run when a span can be shown

    def never(*_):
        raise AssertionError("the models ran though none of their spans could be shown")

    monkeypatch.setattr(techniques, "model_spans", never)
    unreachable = dataclasses.replace(models, shown_from=ceiling + 0.001)
    assert detect(probe, unreachable, use_lexicon=False, show_all=False) == []
    from_lexicon = detect(probe, unreachable, show_all=False)
    assert {(s.start, s.end, s.technique) for s in from_lexicon} == set(lexicon.lexicon_spans(probe))


def test_component_shows_by_default_only_spans_above_the_display_threshold(example_path, models):
    from frontwire.ingest.readers import iter_articles
    from frontwire.pipeline import Pipeline

    raw = next(iter(iter_articles([str(example_path)])))
    shown = Pipeline(components=["clean", "framing"], strict=True)(raw.model_copy(deep=True)).framing
    every = Pipeline(components=["clean", "framing"], strict=True,
                     config={"framing.show_all": "true"})(raw.model_copy(deep=True)).framing
    as_key = lambda s: (s.start, s.end, s.technique, s.score)  # noqa: E731
    assert {as_key(s) for s in shown} <= {as_key(s) for s in every}
    text = _example_text(example_path)
    from_lexicon = {(s, e, t) for s, e, t in lexicon.lexicon_spans(text)}
    for span in shown:
        assert span.score >= round(models.shown_from, 4) or (span.start, span.end, span.technique) in from_lexicon
