# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Enums as users write them: both checkers must accept this and infer the
types the reveal comments state (checked with assert_type)."""

from __future__ import annotations

import copy
from typing import Any, ClassVar

from typing_extensions import assert_type

from tvm_ffi import Dict, List
from tvm_ffi.dataclasses import Enum, EnumAttrMap, auto, entry
from tvm_ffi.sentinel import Sentinel


class Color(Enum, type_key="typing.pass.Color"):
    red: ClassVar[Color] = auto()
    green: ClassVar[Color] = auto()


class Activation(Enum, type_key="typing.pass.Activation"):
    output_zero: bool
    is_monotonic: bool

    relu: ClassVar[Activation] = entry(output_zero=True, is_monotonic=True)
    gelu: ClassVar[Activation] = entry(output_zero=False, is_monotonic=False)


class Priority(Enum, type_key="typing.pass.Priority"):
    low = auto()
    high = auto()


assert_type(Color.red, Color)
assert_type(Color.red.value, int)
assert_type(Color.red.name, str)
assert_type(Activation.relu.output_zero, bool)
assert_type(Color.get("red"), Color)
assert_type(Activation.get("gelu").is_monotonic, bool)
assert_type(list(Color), list[Color])
assert_type(Color.by_value, list[Color])
assert_type(len(Color), int)
assert_type(Color.red in Color, bool)
assert_type(copy.copy(Color.red), Color)
assert_type(Color["green"], Color)

for variant in Activation.entries():
    assert_type(variant, Activation)

cost = Activation.def_attr("cost", default=0)
assert_type(cost, EnumAttrMap[Activation, int])
cost[Activation.relu] = 3
assert_type(cost[Activation.gelu], int)
assert_type(cost.get(Activation.gelu), int | None)
assert_type(cost.default, int | Sentinel)
present: bool = Activation.relu in cost
# Without a default the value type comes from the annotation.
label: EnumAttrMap[Activation, str] = Activation.def_attr("label")
label[Activation.relu] = "rectified"
assert_type(label[Activation.relu], str)
untyped = Activation.def_attr("note")
assert_type(untyped, EnumAttrMap[Activation, Any])

assert_type(Color.by_name, Dict[str, Color])
assert_type(Color.by_name["red"], Color)
assert_type(Activation.by_value[0], Activation)
assert_type(Activation.attr_dict, Dict[str, List[Any]])
assert_type(Activation.attr_dict["cost"][0], Any)
assert_type(Priority.get("low"), Priority)


def describe(c: Color) -> str:
    match c:
        case Color.red:
            return "red"
        case _:
            return c.name


# The same claims at run time (tests/test_typecheck_programs.py runs this).
assert isinstance(Color.get("red"), Color) and Color.by_name["red"] is Color.red
assert cost[Activation.relu] == 3 and cost[Activation.gelu] == 0
