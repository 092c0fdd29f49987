# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The fuzz target replays its committed corpus (seeds and past findings) without atheris."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import tvm_ffi
import tvm_ffi.testing

FUZZ_DIR = Path(__file__).resolve().parent.parent / "fuzz"
sys.path.insert(0, str(FUZZ_DIR))

import convert_ops  # noqa: E402

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "the fuzz target defines py_class types at import"

CORPUS = sorted((FUZZ_DIR / "corpus").iterdir())


def test_corpus_is_there() -> None:
    assert len(CORPUS) >= 5


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_input_replays_clean(path: Path) -> None:
    convert_ops.run_one(path.read_bytes())


def test_target_reports_a_broken_invariant(monkeypatch: pytest.MonkeyPatch) -> None:
    """A finding is an exception out of run_one: the target does not swallow them."""

    def broken(program: convert_ops.Program) -> None:
        raise AssertionError("invariant")

    monkeypatch.setattr(convert_ops, "OPERATIONS", (broken,))
    with pytest.raises(AssertionError, match="invariant"):
        convert_ops.run_one(b"\x00")


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("testing.get_field", (None, "x")),
        ("testing.set_field", (None, "x", 1)),
        ("testing.field_metadata", (None, "x")),
        ("testing.sum_int_fields", (None,)),
        ("testing.field_layout", (None,)),
    ],
)
def test_reflection_fixtures_refuse_none(name: str, args: tuple[object, ...]) -> None:
    # Found by the fuzzer (corpus/null-object-to-get-field): None reached
    # these fixtures as a null ObjectRef and was dereferenced (a crash).
    with pytest.raises(TypeError, match="needs an object, got None"):
        tvm_ffi.get_global_func(name)(*args)
