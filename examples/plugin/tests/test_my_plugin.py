# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The example plugin, used as its users would: installed, then imported."""

from __future__ import annotations

from pathlib import Path

import my_plugin
import pytest
from my_plugin import Unit, Vec2


def test_a_cxx_type_with_traits_and_a_method() -> None:
    v = Vec2(3.0, 4.0)
    assert (v.x, v.y, v.label) == (3.0, 4.0, "v")
    assert v.norm2() == 25.0
    w = Vec2(1, 2, label="w")
    w.x = 5
    assert (w.x, w.y, w.label) == (5.0, 2.0, "w")
    with pytest.raises(TypeError):
        Vec2(1, 2, "positional label")  # type: ignore[misc]


def test_vec2_compares_by_its_fields() -> None:
    # `--eq my_plugin.Vec2` in the generating command gives the class eq=True.
    assert Vec2(1.0, 2.0) == Vec2(1.0, 2.0)
    assert Vec2(1.0, 2.0) != Vec2(1.0, 2.0, label="other")


def test_global_functions_round_trip_objects() -> None:
    v = Vec2(1.0, 2.0, label="a")
    w: Vec2 = my_plugin.scale(v, 2)  # typed from the C++ signature
    assert isinstance(w, Vec2) and (w.x, w.y, w.label) == (2.0, 4.0, "a")
    with pytest.raises(TypeError, match="expected a my_plugin.Vec2, got None"):
        my_plugin.scale(None, 2)  # type: ignore[arg-type]


def test_the_cxx_enum_is_bound_with_its_attributes() -> None:
    assert list(Unit) == [Unit.metre, Unit.inch]
    inch: Unit = my_plugin.unit("inch")
    assert inch is Unit.inch
    assert Unit.def_attr("symbol")[Unit.inch] == "in"
    assert Unit.metre.per_metre == 1.0


def test_an_exported_function() -> None:
    assert my_plugin.count_chars("plugin") == 6


def test_the_typed_module_declares_the_cxx_signatures() -> None:
    from my_plugin import _api

    source = Path(_api.__file__).read_text()
    assert "def scale(arg0: Vec2, arg1: float, /) -> Vec2: ..." in source
    assert 'def __init__(self, x: float, y: float, *, label: str = "v") -> None: ...' in source


def test_a_header_error_names_the_header_not_the_install_folder() -> None:
    # The package's CMake config remaps where its headers are installed.
    with pytest.raises(TypeError) as info:
        my_plugin.count_chars(1)  # type: ignore[arg-type]
    notes = "\n".join(getattr(info.value, "__notes__", []))
    assert 'File "tvm/ffi/function.h", line ' in notes
