"""The benchmark gate: each bench on its fixed slice must reach the floors pinned in bench/floors.json.

The slices, the floors and how to raise them are described in bench/gate.py; this file only
runs its measurements under pytest, one test per bench.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from conftest import ROOT, require_shared


def _load_gate():
    spec = importlib.util.spec_from_file_location("frontwire_bench_gate", ROOT / "bench" / "gate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look the module up while it runs
    spec.loader.exec_module(module)
    return module


gate = _load_gate()


@pytest.fixture(scope="session")
def gate_pipelines():
    """One set of pipelines for every bench, so the models load once per session."""
    return gate.Pipelines()


@pytest.fixture(scope="session")
def recorded_floors():
    return gate.read_floors()["benches"]


@pytest.mark.parametrize("name", list(gate.GATES))
def test_bench_reaches_its_floors(name, gate_pipelines, recorded_floors):
    bench = gate.GATES[name]
    if bench.shared:
        require_shared(*bench.shared)
    reasons = gate.stale(bench, recorded_floors.get(name))
    if reasons:
        pytest.fail(f"{name}: the pinned floors do not apply: {'; '.join(reasons)}. "
                    f"If the change is intended, {gate.update_hint(bench)}.")
    figures, _ = bench.measure(bench, gate_pipelines)
    below = gate.below_floor(bench, figures, recorded_floors[name]["floors"])
    assert not below, "frontwire got worse on this bench:\n" + "\n".join(below) + (
        f"\nFix the regression, or if it is a deliberate trade, {gate.update_hint(bench)} "
        "and justify the lowered floor in review.")
