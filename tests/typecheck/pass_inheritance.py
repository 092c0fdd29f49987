# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Constructors the checkers derive across inheritance, from py_class and
c_class parents, with ClassVar, KW_ONLY and defaults. Also run as a program
(tests/test_typecheck_programs.py): the constructors are the real ones."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from typing_extensions import assert_type

from tvm_ffi import Object
from tvm_ffi.dataclasses import KW_ONLY, c_class, field, py_class
from tvm_ffi.testing import TestCxxClassBase  # a c_class of a library's module


@py_class("typing.pass.Shape")
class Shape(Object):
    name: str
    sides: int = 0
    registry: ClassVar[dict[str, int]] = {}


@py_class("typing.pass.Square")
class Square(Shape):
    size: float = 1.0
    _: KW_ONLY
    filled: bool = False
    tags: list[str] = field(default_factory=list)


@py_class("typing.pass.Labelled", frozen=True, kw_only=True)
class Labelled(Object):
    label: str
    weight: float = field(default=1.0)


# A C++ child of a C++ parent: the checkers see the fields in declaration
# order; defaults and keyword-only flags come from C++, so they are mirrored
# here (a default only where the checkers look: the body may not set one).
@c_class("testing.TestCxxClassDerived")
class CxxDerived(TestCxxClassBase):
    v_f64: float
    if TYPE_CHECKING:
        v_f32: float = 8.0
    else:
        v_f32: float


@c_class("testing.TestCxxKwOnly")
class CxxKwOnly(Object):
    _: KW_ONLY
    x: int
    y: int
    z: int
    if TYPE_CHECKING:
        w: int = 100
    else:
        w: int


sq = Square("sq", 4, 2.0, filled=True)
assert_type(sq, Square)
assert_type(sq.name, str)
assert_type(sq.size, float)
assert_type(sq.tags, list[str])
assert_type(Square.registry, dict[str, int])
assert_type(Square("unit"), Square)
lab = Labelled(label="x")
assert_type(lab.weight, float)
derived = CxxDerived(1, 2, 3.0)
assert_type(derived.v_i64, int)
assert_type(derived.v_f32, float)
assert_type(CxxDerived(1, 2, 3.0, v_f32=4.0), CxxDerived)
kw = CxxKwOnly(x=1, y=2, z=3)
assert_type(kw.w, int)
assert (sq.sides, sq.filled, derived.v_f32, kw.w) == (4, True, 8.0, 100)
