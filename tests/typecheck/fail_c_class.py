# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Known mistakes with @c_class classes: each `# E` line must be rejected."""

from __future__ import annotations

from tvm_ffi import Object
from tvm_ffi.dataclasses import c_class


@c_class("testing.TestCxxAutoInitSimple")
class Simple(Object):
    x: int
    y: int


@c_class("testing.TestIntPair", frozen=True)
class Pair(Object):
    a: int
    b: int


Simple(1)  # E
Simple(1, "a")  # E
Simple(1, 2, 3)  # E
s = Simple(1, 2)
s.x = "a"  # E
label: str = s.y  # E
p = Pair(1, 2)
p.a = 3  # E
