# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The example plugin, used as its users would: installed, then imported."""

from __future__ import annotations

import pytest

import my_plugin
from my_plugin import Unit, Vec2


def test_a_cxx_type_with_traits_and_a_method() -> None:
    v = Vec2(3.0, 4.0)
    assert (v.x, v.y, v.label) == (3.0, 4.0, "v")
    assert v.norm2() == 25.0
    assert Vec2(1, 2, label="w") == Vec2(1.0, 2.0, label="w")
    with pytest.raises(TypeError):
        Vec2(1, 2, "positional label")  # type: ignore[misc]


def test_global_functions_round_trip_objects() -> None:
    v = Vec2(1.0, 2.0, label="a")
    w = my_plugin.scale(v, 2)
    assert isinstance(w, Vec2) and (w.x, w.y, w.label) == (2.0, 4.0, "a")


def test_the_cxx_enum_is_bound_with_its_attributes() -> None:
    assert list(Unit) == [Unit.metre, Unit.inch]
    assert my_plugin.unit("inch") is Unit.inch
    assert Unit.def_attr("symbol")[Unit.inch] == "in"
    assert Unit.metre.per_metre == 1.0


def test_an_exported_function() -> None:
    assert my_plugin.count_chars("plugin") == 6


def test_a_header_error_names_the_header_not_the_install_folder() -> None:
    # The package's CMake config remaps where its headers are installed.
    with pytest.raises(TypeError) as info:
        my_plugin.count_chars(1)  # type: ignore[arg-type]
    notes = "\n".join(getattr(info.value, "__notes__", []))
    assert 'File "tvm/ffi/function.h", line ' in notes
