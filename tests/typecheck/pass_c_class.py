# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""A user program over @c_class that mypy --strict and pyright accept:
dataclass_transform gives the checkers the constructor and field types."""

from __future__ import annotations

from typing import Any

import tvm_ffi.testing as fixtures  # registers the testing.* C++ types
from tvm_ffi import Object
from tvm_ffi.dataclasses import asdict, c_class, fields, is_dataclass, replace


@c_class("testing.TestCxxAutoInitSimple")
class Simple(Object):
    x: int
    y: int


@c_class("testing.TestIntPair", eq=True, order=True, frozen=True)
class Pair(Object):
    a: int
    b: int


def use() -> Any:
    s = Simple(1, 2)
    t = Simple(x=3, y=4)
    s.x = 5
    total: int = s.x + t.y
    p = Pair(1, 2)
    ordered: bool = p < Pair(1, 3)
    names = [f.name for f in fields(Simple)]
    return total, ordered, names, asdict(s), replace(s, y=7), is_dataclass(p)


use()
assert fixtures.TestIntPair(1, 2).type_key == Pair(1, 2).type_key  # two classes, one C++ type
