"""Reader for the PTC corpus (SemEval-2020 Task 11) as laid out in ``shared/data/ptc``.

Used only by training and the benchmark: the corpus is research-only, so its
text never ships; only what the models learned from it does.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

TECHNIQUES = (
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Doubt",
    "Exaggeration,Minimisation",
    "Appeal_to_fear-prejudice",
    "Flag-Waving",
    "Causal_Oversimplification",
    "Appeal_to_Authority",
    "Slogans",
    "Whataboutism,Straw_Men,Red_Herring",
    "Black-and-White_Fallacy",
    "Thought-terminating_Cliches",
    "Bandwagon,Reductio_ad_hitlerum",
)


@dataclass
class PtcArticle:
    id: str
    text: str
    # (technique, start, end), end exclusive, as in task2-TC.labels
    techniques: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Propaganda fragments with overlaps merged (what the SI task scores against)."""
        return merge_spans([(s, e) for _, s, e in self.techniques])


def merge_spans(spans) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def load_ptc(root: str | Path) -> list[PtcArticle]:
    root = Path(root)
    labels: dict[str, list] = defaultdict(list)
    with open(root / "task2-TC.labels", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            art, tech, s, e = line.rstrip("\n").split("\t")
            labels[art].append((tech, int(s), int(e)))
    articles = []
    for path in sorted(root.joinpath("articles").glob("article*.txt")):
        art_id = path.stem[len("article"):]
        text = path.read_text(encoding="utf-8")
        articles.append(PtcArticle(art_id, text, sorted(labels.get(art_id, []), key=lambda t: (t[1], t[2], t[0]))))
    return articles


def corpus_fingerprint(root: str | Path) -> dict:
    """What exactly was read: file counts and a sha256 over names and contents."""
    root = Path(root)
    h = hashlib.sha256()
    files = sorted(root.joinpath("articles").glob("article*.txt")) + [root / "task2-TC.labels"]
    for p in files:
        h.update(p.name.encode())
        h.update(b"\0")
        h.update(p.read_bytes())
    n_labels = sum(1 for line in open(root / "task2-TC.labels", encoding="utf-8") if line.strip())
    return {"path": str(root), "articles": len(files) - 1, "technique_spans": n_labels, "sha256": h.hexdigest()}
