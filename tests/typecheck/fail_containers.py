# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Wrong element types into typed containers: each `# E` line must be rejected."""

from __future__ import annotations

from tvm_ffi import Array, Dict, List, Map, Object
from tvm_ffi.dataclasses import py_class


@py_class("typing.fail.Bag")
class Bag(Object):
    items: List[int]
    index: Map[str, int]


lst = List([1, 2])
lst.append("three")  # E
lst[0] = 1.5  # E
lst.insert(0, None)  # E
lst.extend(["x"])  # E
typed: List[int] = List(["a"])  # E
arr: Array[str] = Array([1])  # E
d = Dict({"a": 1})
d["b"] = "two"  # E
d[3] = 4  # E
d.update({"c": "x"})  # E
mp: Map[str, int] = Map({"a": "b"})  # E
first: str = lst[0]  # E
for item in lst:
    as_text: str = item  # E
for key, _value in d.items():
    as_key: int = key  # E
Bag(List(["x"]), Map({"a": 1}))  # E
Bag(List([1]), Map({1: 1}))  # E
bag = Bag(List([1]), Map({"a": 1}))
bag.items = Array([1])  # E
bag.items.append("x")  # E
