# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Object graphs built the same way by this package and by apache-tvm-ffi.

Only names both packages have are used (containers, `testing.TestIntPair`,
`testing.TestObjectDerived`, `@py_class`), so `regenerate.py` (run with the
reference) and the tests here build equal graphs from the same code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Optional

import tvm_ffi
import tvm_ffi.testing
from tvm_ffi.dataclasses import py_class


def point_class() -> Any:
    """The py_class both sides define under the key `ser.Point` (once per process)."""
    existing = getattr(point_class, "cls", None)
    if existing is not None:
        return existing

    @py_class("ser.Point")
    class Point(tvm_ffi.Object):
        x: int
        y: float
        label: str
        flag: bool = False
        next: Optional[Point] = None

    point_class.cls = Point  # type: ignore[attr-defined]
    return Point


def _shared_pairs() -> Any:
    pair = tvm_ffi.testing.TestIntPair(3, 4)
    return tvm_ffi.List([pair, pair, tvm_ffi.Map({"p": pair})])


def _points() -> Any:
    point = point_class()
    tail = point(2, -0.0, "tail")
    return tvm_ffi.Array([point(1, 2.5, "héllo", True, tail), tail])


def _derived() -> Any:
    return tvm_ffi.testing.TestObjectDerived(
        v_i64=7, v_f64=1.5, v_str="s", v_map={"a": 1, "b": [1, 2]}, v_array=[None, "x"]
    )


CASES: dict[str, Callable[[], Any]] = {
    "int_min": lambda: -(2**63),
    "int_max": lambda: 2**63 - 1,
    "float_neg_zero": lambda: -0.0,
    "float_inf": lambda: float("-inf"),
    "float_tiny": lambda: 5e-324,
    "float_precise": lambda: 0.1,
    "bool": lambda: True,
    "none": lambda: None,
    "str_nul_unicode": lambda: 'a\x00b\u00e9\U0001f600\n"\\',
    "bytes": lambda: b"\x00\xff\x10 binary",
    "array_mixed": lambda: tvm_ffi.Array([1, 2.0, "three", None, False, b"four"]),
    "list_nested": lambda: tvm_ffi.List([tvm_ffi.List([1]), tvm_ffi.List([]), tvm_ffi.Array([2])]),
    "map": lambda: tvm_ffi.Map({"a": 1, "b": tvm_ffi.Array([1, 2]), 3: "c"}),
    "dict": lambda: tvm_ffi.Dict({"k": tvm_ffi.List([1, "v"]), "e": tvm_ffi.Dict({})}),
    "int_pair": lambda: tvm_ffi.testing.TestIntPair(-5, 2**40),
    "shared_pairs": _shared_pairs,
    "derived": _derived,
    "points": _points,
}

NAN_CASE = "float_nan"  # NaN != NaN, so it is checked apart from the rest
