# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The dataclass-reflection specification's examples behave as it says.

The C++ side is native/testing/seed_examples.cc (the specification's
snippets, under "my_ext."); the Python side below is the specification's.
"""

from __future__ import annotations

import copy
import inspect

import pytest

import tvm_ffi
import tvm_ffi.testing
from tvm_ffi.dataclasses import c_class


@tvm_ffi.register_object("my_ext.Point")
class Point(tvm_ffi.Object):
    x: int
    y: int
    label: str


@c_class("my_ext.Config")
class Config(tvm_ffi.Object):
    batch_size: int
    lr: float
    device: str
    _cache: tvm_ffi.Dict[str, int]


@c_class("my_ext.Internal")
class Internal(tvm_ffi.Object):
    x: int
    y: int


@c_class("my_ext.IntPair")
class IntPair(tvm_ffi.Object):
    a: int
    b: int


@c_class("my_ext.Parent")
class Parent(tvm_ffi.Object):
    parent_required: int
    parent_default: int


@c_class("my_ext.Child")
class Child(Parent):
    child_required: int
    child_kw_only: int


@c_class("my_ext.MyObj", eq=True, order=True, unsafe_hash=True)
class MyObj(tvm_ffi.Object):
    key: int
    note: str


def test_quick_start() -> None:
    p1 = Point(1, 2)  # positional args
    p2 = Point(1, 2, label="origin")  # keyword arg with default
    assert (p1.x, p1.y, p1.label) == (1, 2, "")
    assert p2.label == "origin"
    p1.x = 10  # def_rw on a mutable type
    assert p1.x == 10


def test_field_traits_for_init() -> None:
    assert str(inspect.signature(Config.__init__)) == (
        "(self, batch_size, lr=0.001, *, device='cpu')"
    )
    a, b = Config(8), Config(8)
    assert (a.batch_size, a.lr, a.device) == (8, 0.001, "cpu")
    # _cache is excluded from __init__ but initialised by its factory, per object.
    assert isinstance(a._cache, tvm_ffi.Dict) and len(a._cache) == 0
    assert not a._cache.same_as(b._cache)
    with pytest.raises(TypeError, match="_cache"):
        Config(8, _cache={})  # type: ignore[call-arg]


def test_suppressing_auto_init() -> None:
    with pytest.raises(TypeError, match="my_ext.Internal"):
        Internal(1, 2)
    # Still constructible from C++, and its fields still reflect.
    made = tvm_ffi.get_global_func("ffi.MakeObjectFromPackedArgs")(
        "my_ext.Internal", "x", 1, "y", 2
    )
    assert isinstance(made, Internal) and (made.x, made.y) == (1, 2)


def test_explicit_constructor() -> None:
    pair = IntPair(1, 2)
    assert (pair.a, pair.b) == (1, 2)
    with pytest.raises(AttributeError, match="read-only"):
        pair.a = 3


def test_inheritance() -> None:
    # Generated signature:
    # def __init__(self, parent_required, child_required, parent_default=5, *, child_kw_only):
    assert str(inspect.signature(Child.__init__)) == (
        "(self, parent_required, child_required, parent_default=5, *, child_kw_only)"
    )
    child = Child(1, 2, child_kw_only=3)
    assert child.parent_required == 1
    assert child.child_required == 2
    assert child.parent_default == 5  # uses default
    assert child.child_kw_only == 3


def test_custom_hooks() -> None:
    a, b, c = MyObj(1, "x"), MyObj(1, "y"), MyObj(2, "x")
    assert repr(a) == "MyObj(key=1)"  # custom repr
    assert a == b and a != c  # custom eq: only `key`
    assert hash(a) == hash(b)  # custom hash: only `key`
    assert a < c and not c < a and a <= b  # custom three-way compare


def test_dataclass_operations_from_cpp() -> None:
    p = Point(1, 2, label="p")
    repr_text, same_hash, equal, copied = tvm_ffi.get_global_func("my_ext.dataclass_ops")(p)
    assert repr_text == 'my_ext.Point(x=1, y=2, label="p")'
    assert same_hash and equal
    assert isinstance(copied, Point) and not copied.same_as(p)
    assert copy.deepcopy(p).label == "p"
