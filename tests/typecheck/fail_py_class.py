# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Known mistakes with @py_class classes: each `# E` line must be rejected."""

from __future__ import annotations

from tvm_ffi import Object
from tvm_ffi.dataclasses import KW_ONLY, py_class


@py_class("typing.fail.Point")
class Point(Object):
    x: int
    y: float = 0.0
    _: KW_ONLY
    label: str = "p"


@py_class(frozen=True)
class Frozen(Object):
    a: int


Point()  # E
Point("1")  # E
Point(1, 2.0, "label")  # E
p = Point(1)
p.x = "a"  # E
name: int = p.label  # E
f = Frozen(1)
f.a = 2  # E
Point(1, colour="red")  # E
Point(x=1, y="2")  # E
Point(1, label=3)  # E
