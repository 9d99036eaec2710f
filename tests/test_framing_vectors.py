"""Static word vectors distilled from all-MiniLM-L6-v2 and their use by the framing models."""

from __future__ import annotations


import numpy as np
import pytest

from frontwire.framing.span_tagger import DenseSpec, SpanTagger
from frontwire.framing.text_units import split_units
from frontwire.framing.word_vectors import DEFAULT_PATH, WordVectors, load_vectors

from framing_toy import toy_corpus


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_vector_file_is_plain_arrays_small_and_records_its_source():
    assert DEFAULT_PATH.stat().st_size < 5 * 1024 * 1024
    with np.load(DEFAULT_PATH, allow_pickle=False) as z:
        assert set(z.files) == {"vocab", "vectors", "scale", "meta"}
        assert z["vectors"].dtype == np.int8
    meta = load_vectors().meta
    assert "all-MiniLM-L6-v2" in meta["source_model"] and "Apache-2.0" in meta["source_model"]
    assert meta["seed"] == 13 and meta["dims"] == load_vectors().dims


def test_lookup_gives_unit_vectors_for_known_words_and_zeros_for_unknown():
    vectors = load_vectors()
    table = vectors.lookup(["war", "qzxv-not-a-word", "terrorists"])
    assert table.shape == (3, vectors.dims) and table.dtype == np.float32
    assert np.allclose(np.linalg.norm(table[[0, 2]], axis=1), 1.0, atol=1e-2)
    assert not table[1].any()


def test_vectors_keep_the_encoders_sense_of_similar_words():
    vectors = load_vectors()
    war, battle, fighting, banana, cowards, heroes = vectors.lookup(
        ["war", "battle", "fighting", "banana", "cowards", "heroes"])
    assert _cos(war, battle) > _cos(war, banana) + 0.2
    assert _cos(war, fighting) > _cos(war, banana) + 0.2
    assert _cos(cowards, heroes) > _cos(cowards, banana)


def test_truncation_keeps_the_leading_directions_renormalised():
    vectors = load_vectors()
    small = vectors.truncated(8)
    assert small.dims == 8
    full, cut = vectors.lookup(["war"])[0], small.lookup(["war"])[0]
    assert np.allclose(cut, full[:8] / np.linalg.norm(full[:8]), atol=1e-5)
    words = WordVectors(["a", "b"], np.eye(2, dtype=np.float16))
    assert np.array_equal(words.lookup(["b", "c"]), np.array([[0, 1], [0, 0]], np.float32))


@pytest.fixture(scope="module")
def dense_tagger():
    units, gold = toy_corpus()
    return SpanTagger.fit(units, gold, C=1.0, seed=13, dense=DenseSpec(dims=16, window=2, sentence=True, scale=1.5))


def test_tagger_scores_word_vectors_by_lookup_exactly_as_the_full_design_matrix(dense_tagger):
    probe = split_units("The vile traitors met in the city on Monday.\nCowards!  Unknownword qzxv.")
    X = dense_tagger.features.matrix(probe)
    assert X.shape[1] == dense_tagger.features.n_sparse + 16 * 6
    z = X @ dense_tagger.coef + dense_tagger.intercept
    assert np.allclose(dense_tagger.token_proba(probe), 1 / (1 + np.exp(-z)), atol=1e-6)


def test_tagger_with_vectors_round_trips_and_generalises_to_an_unseen_insult(dense_tagger, tmp_path):
    path = tmp_path / "tagger.npz"
    dense_tagger.save(path)
    back = SpanTagger.load(path)
    assert vars(back.features.dense) == vars(dense_tagger.features.dense)
    probe = split_units("The vile traitors met in the city on Monday.")
    assert np.allclose(back.token_proba(probe), dense_tagger.token_proba(probe))
    found = [probe.text[s:e] for s, e, _ in back.spans(probe)]
    assert any("traitors" in f for f in found) and not any("Monday" in f for f in found)
    # "scoundrels" never occurs in training: only its vector relates it to "traitors" and "cowards"
    unseen = split_units("Those scoundrels ran away.")
    seen_mild = split_units("Those prices rose slightly.")
    words = unseen.lower
    assert back.token_proba(unseen)[words.index("scoundrels")] > back.token_proba(seen_mild)[1]


def test_shipped_models_were_trained_against_the_shipped_vector_file():
    import hashlib
    import json

    from frontwire.framing.techniques import DATA, load_models

    meta = json.loads((DATA / "training.json").read_text(encoding="utf-8"))
    assert meta["word_vectors"]["sha256"] == hashlib.sha256(DEFAULT_PATH.read_bytes()).hexdigest()
    models = load_models()
    tagger, classifier = models.tagger, models.classifier
    assert vars(tagger.features.dense) == meta["span_word_vectors"]
    assert 0 < tagger.features.dense.dims <= load_vectors().dims
    assert classifier.vector_dims == meta["technique_word_vectors"]["dims"] <= load_vectors().dims
    n_dense = 2 * classifier.vector_dims
    assert np.abs(classifier.model.coef_[:, -n_dense:]).max() > 0.1  # the vectors carry weight


def test_classifier_scores_split_into_sparse_and_dense_parts_exactly():
    from frontwire.framing.technique_classifier import mean_vectors
    from frontwire.framing.techniques import load_models

    classifier = load_models().classifier
    text = "The brutal thugs attacked again. Officials said talks would resume on Monday."
    items = [(text, 4, 16), (text, 33, 77)]
    expected = classifier.model.predict_proba(classifier._matrix(items, fit=False))
    assert np.allclose(classifier.predict_proba(items), expected)
    averaged = mean_vectors(["brutal thugs", "", "qzxv"], classifier.vector_dims)
    table = load_vectors(dims=classifier.vector_dims).lookup(["brutal", "thugs"])
    assert np.allclose(averaged[0], table.mean(axis=0), atol=1e-6)
    assert not averaged[1:].any()
