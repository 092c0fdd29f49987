# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The JSON graph fuzz target replays its committed corpus without atheris."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

FUZZ_DIR = Path(__file__).resolve().parent.parent / "fuzz"
sys.path.insert(0, str(FUZZ_DIR))

import json_graph_ops  # noqa: E402

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "the fuzz target defines a py_class type at import"

CORPUS = sorted((FUZZ_DIR / "corpus_json").iterdir())


def test_corpus_is_there() -> None:
    assert len(CORPUS) >= 10


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_input_replays_clean(path: Path) -> None:
    json_graph_ops.run_one(path.read_bytes())


def test_assembled_documents_are_well_formed_json() -> None:
    import json

    text = json_graph_ops.assemble(json_graph_ops.Choices(bytes(range(1, 200))))
    doc = json.loads(text)
    assert set(doc) == {"root_index", "nodes"} and doc["nodes"]


def test_target_reports_a_broken_fixed_point(monkeypatch: pytest.MonkeyPatch) -> None:
    """A finding is an exception out of run_one: the target does not swallow it."""
    calls = iter(["first", "second"])
    monkeypatch.setattr(json_graph_ops, "to_json_graph_str", lambda value: next(calls))
    monkeypatch.setattr(json_graph_ops, "from_json_graph_str", lambda text: 1)
    with pytest.raises(AssertionError, match="not a fixed point"):
        json_graph_ops.run_one(b"\x00{}")
