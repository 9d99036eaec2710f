"""Shared test fixtures.

Tests that read ../shared skip with a clear reason when it is absent, except in
CI (CI=true), where a missing folder is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRONTWIRE_SHARED", ROOT.parent / "shared"))
SAMPLES = ROOT / "src" / "frontwire" / "data" / "samples"
EXAMPLE = SHARED / "examples" / "fna-aleppo-2016-09-25.txt"


def require_shared(*parts: str) -> Path:
    """Path under ../shared, or skip (fail in CI) when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is absent: the shared evaluation data is not laid beside this checkout"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def example_path() -> Path:
    return require_shared("examples", "fna-aleppo-2016-09-25.txt")


@pytest.fixture(scope="session")
def full_pipeline():
    from frontwire.pipeline import Pipeline

    return Pipeline(strict=True)


@pytest.fixture(scope="session")
def example_article(example_path, full_pipeline):
    """The canonical FNA example, read and analysed by the full pipeline once per session."""
    from frontwire.ingest.readers import iter_articles

    items = list(iter_articles([str(example_path)]))
    assert len(items) == 1, items
    return full_pipeline(items[0])
