# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Constructor mistakes across inheritance and KW_ONLY: each `# E` line
must be rejected."""

from __future__ import annotations

from typing import ClassVar

from tvm_ffi import Object
from tvm_ffi.dataclasses import KW_ONLY, c_class, field, py_class
from tvm_ffi.testing import TestCxxClassBase


@py_class("typing.fail.Shape", frozen=True)
class Shape(Object):
    name: str
    sides: int = 0
    registry: ClassVar[int] = 0


@py_class("typing.fail.Square", frozen=True)
class Square(Shape):
    size: float = 1.0
    _: KW_ONLY
    filled: bool = False


@py_class("typing.fail.Options", kw_only=True)
class Options(Object):
    verbose: bool = False
    level: int = field(default="high")  # E


@c_class("testing.TestCxxClassDerived")
class CxxDerived(TestCxxClassBase):
    v_f64: float
    v_f32: float


Square()  # E
Square("sq", "four")  # E
Square("sq", 4, 2.0, True)  # E
Square("sq", colour="red")  # E
Square("sq", registry=1)  # E
Options(True)  # E
sq = Square("sq")
sq.size = 3.0  # E
sq.name = "other"  # E
CxxDerived(1, 2)  # E
CxxDerived(1, 2, "3", 4.0)  # E
CxxDerived(v_i64=1, v_i32=2, v_f64=3.0, v_f32=4.0, extra=5)  # E
