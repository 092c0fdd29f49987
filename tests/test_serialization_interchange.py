# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Graphs written by apache-tvm-ffi (serialization_fixtures/reference/*.json,
made by serialization_fixtures/regenerate.py) load here equal to the same
graphs built here, and ours are the same text."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

import tvm_ffi
from tvm_ffi.serialization import from_json_graph_str, to_json_graph_str

KEEPS_NATIVE_OBJECTS = "defines the py_class ser.Point, which lives as long as the process"

FIXTURES = Path(__file__).resolve().parent / "serialization_fixtures"
sys.path.insert(0, str(FIXTURES))
from cases import CASES, NAN_CASE, point_class  # noqa: E402

point_class()  # its type must be registered before its graphs load

recursive_eq = tvm_ffi.get_global_func("ffi.RecursiveEq")

# Ours writes the shortest text that reads back to the same double; the
# reference writes 17 significant digits. Both read each other's.
SHORTEST_FLOAT_TEXT = {"float_tiny", "float_precise"}


def reference_text(name: str) -> str:
    return (FIXTURES / "reference" / f"{name}.json").read_text().strip()


def test_every_case_has_a_reference_file() -> None:
    on_disk = {p.stem for p in (FIXTURES / "reference").glob("*.json")}
    assert on_disk == set(CASES) | {NAN_CASE}


@pytest.mark.parametrize("name", sorted(CASES))
def test_reference_graphs_load_equal(name: str) -> None:
    loaded = from_json_graph_str(reference_text(name))
    expected = CASES[name]()
    assert recursive_eq(loaded, expected), (loaded, expected)


@pytest.mark.parametrize("name", sorted(set(CASES) - SHORTEST_FLOAT_TEXT))
def test_ours_write_the_reference_text(name: str) -> None:
    text = reference_text(name)
    metadata = json.loads(text)["metadata"]
    assert to_json_graph_str(CASES[name](), metadata) == text


@pytest.mark.parametrize("name", sorted(SHORTEST_FLOAT_TEXT))
def test_float_text_differs_only_in_digits(name: str) -> None:
    ours = json.loads(to_json_graph_str(CASES[name]()))
    theirs = json.loads(reference_text(name))
    assert ours["nodes"] == theirs["nodes"] and ours["root_index"] == theirs["root_index"]


def test_reference_nan_loads() -> None:
    assert math.isnan(from_json_graph_str(reference_text(NAN_CASE)))


def test_shared_objects_stay_shared() -> None:
    loaded = from_json_graph_str(reference_text("shared_pairs"))
    assert loaded[0].same_as(loaded[1]) and loaded[0].same_as(loaded[2]["p"])
