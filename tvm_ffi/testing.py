# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Testing fixtures: loads ``libtvm_ffi_testing``, whose C++ functions and
types are registered under ``testing.`` with the reference system's names.

Functions: ``testing.nop``, ``testing.echo``, ``testing.add_one``,
``testing.apply``, ``testing.test_raise_error``, ``testing.object_use_count``
and the C++ API tests under ``testing.cpp_test.``. Types: the reflected
``testing.Test*`` classes, bound here the way a user binds them (with
``@c_class`` or ``register_object``), each named after its type key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import find_library
from .core import Function, Object
from .dataclasses import c_class
from .module import load_library
from .registry import get_global_func, list_global_func_names

load_library(find_library("tvm_ffi_testing"))

nop: Function = get_global_func("testing.nop")
echo: Function = get_global_func("testing.echo")
add_one: Function = get_global_func("testing.add_one")
apply: Function = get_global_func("testing.apply")
test_raise_error: Function = get_global_func("testing.test_raise_error")
object_use_count: Function = get_global_func("testing.object_use_count")


def cpp_test_names() -> list[str]:
    """The names of the C++ API tests compiled into the testing library."""
    return [n for n in list_global_func_names() if n.startswith("testing.cpp_test.")]


# ---------------------------------------------------------------------------
# Reflected test types
# ---------------------------------------------------------------------------


@c_class("testing.TestIntPair", eq=True, order=True, unsafe_hash=True)
class TestIntPair(Object):
    """Explicit constructor ``init<int64, int64>``; read-only ``a``, ``b``; method ``sum``."""

    a: int
    b: int

    if TYPE_CHECKING:  # the reflected method is bound at run time

        def sum(self) -> int:
            """``a + b``, computed by the reflected C++ method."""
            ...


@c_class("testing.TestObjectBase")
class TestObjectBase(Object):
    """Mutable; ``v_i64`` (rw, 10), ``v_f64`` (ro, 10.0), ``v_str`` (rw, "hello")."""

    v_i64: int
    v_f64: float
    v_str: str

    if TYPE_CHECKING:

        def add_i64(self, other: int) -> int:
            """``v_i64 + other``, computed by the reflected C++ method."""
            ...


@c_class("testing.TestObjectDerived")
class TestObjectDerived(TestObjectBase):
    """Adds ``v_map: Map[Any, Any]`` and ``v_array: Array[Any]``."""

    v_map: Any
    v_array: Any


@c_class("testing.TestObjectPtrHolder")
class TestObjectPtrHolder(Object):
    """Holds ``value`` and ``optional_value`` (TestObjectBase or None)."""

    value: Any
    optional_value: Any


@c_class("testing.TestCxxClassBase")
class TestCxxClassBase(Object):
    """``v_i64``, ``v_i32``, both left out of repr."""

    v_i64: int
    v_i32: int


@c_class("testing.TestCxxClassDerived")
class TestCxxClassDerived(TestCxxClassBase):
    """Adds ``v_f64`` and ``v_f32`` (default 8.0)."""

    v_f64: float
    v_f32: float


@c_class("testing.TestCxxClassDerivedDerived")
class TestCxxClassDerivedDerived(TestCxxClassDerived):
    """Adds ``v_str`` (default "default") and ``v_bool``."""

    v_str: str
    v_bool: bool


@c_class("testing.TestCxxInitSubset")
class TestCxxInitSubset(Object):
    """``required_field``; ``optional_field`` and ``note`` left out of __init__."""

    required_field: int
    optional_field: int
    note: str


@c_class("testing.TestCxxKwOnly")
class TestCxxKwOnly(Object):
    """All keyword-only: ``x``, ``y``, ``z`` and ``w`` (default 100)."""

    x: int
    y: int
    z: int
    w: int


@c_class("testing.TestCxxAutoInit")
class TestCxxAutoInit(Object):
    """``a``; ``b`` init(false) = 42; ``c`` keyword-only; ``d`` = 99."""

    a: int
    b: int
    c: int
    d: int


@c_class("testing.TestCxxAutoInitSimple")
class TestCxxAutoInitSimple(Object):
    """``x``, ``y``."""

    x: int
    y: int


@c_class("testing.TestCxxAutoInitAllInitOff")
class TestCxxAutoInitAllInitOff(Object):
    """Every field init(false): ``x`` = 7, ``y`` = 9, ``z``."""

    x: int
    y: int
    z: int


@c_class("testing.TestCxxAutoInitKwOnlyDefaults")
class TestCxxAutoInitKwOnlyDefaults(Object):
    """``p_required``, ``p_default`` = 11, ``k_required``, ``k_default`` = 22, ``hidden`` = 33."""

    p_required: int
    p_default: int
    k_required: int
    k_default: int
    hidden: int


@c_class("testing.TestCxxAutoInitParent")
class TestCxxAutoInitParent(Object):
    """``parent_required``, ``parent_default`` = 5."""

    parent_required: int
    parent_default: int


@c_class("testing.TestCxxAutoInitChild")
class TestCxxAutoInitChild(TestCxxAutoInitParent):
    """``(parent_required, child_required, parent_default=5, *, child_kw_only)``."""

    child_required: int
    child_kw_only: int


@c_class("testing.TestCxxNoAutoInit")
class TestCxxNoAutoInit(Object):
    """Class-level init(false): no constructor from Python."""

    x: int
    y: int


@c_class("testing.TestCompare", eq=True, order=True, unsafe_hash=True)
class TestCompare(Object):
    """``key``, ``name``; ``ignored_field`` has compare(false)."""

    key: int
    name: str
    ignored_field: int


@c_class("testing.TestHash", eq=True, unsafe_hash=True)
class TestHash(Object):
    """``key``, ``name``; ``hash_ignored`` has hash(false)."""

    key: int
    name: str
    hash_ignored: int


@c_class("testing.TestCustomHash", eq=True, unsafe_hash=True)
class TestCustomHash(Object):
    """``__ffi_hash__`` hashes only ``key``."""

    key: int
    label: str


@c_class("testing.TestCustomCompare", eq=True, order=True, unsafe_hash=True)
class TestCustomCompare(Object):
    """``__ffi_hash__``, ``__ffi_eq__`` and ``__ffi_compare__`` on ``key`` only."""

    key: int
    label: str


@c_class("testing.TestEqWithoutHash", eq=True, unsafe_hash=True)
class TestEqWithoutHash(Object):
    """``__ffi_eq__`` on ``key`` only and no hash hook: hashing raises TypeError."""

    key: int
    label: str


@c_class("testing.TestNonCopyable")
class TestNonCopyable(Object):
    """No copy constructor: deep copy raises TypeError."""

    value: int


@c_class("testing.TestCopyByHook")
class TestCopyByHook(Object):
    """Not copyable in C++; tests register a Python ``__ffi_shallow_copy__``."""

    value: int


@c_class("testing.TestCopiesAsSelf")
class TestCopiesAsSelf(Object):
    """Immutable; its ``__ffi_shallow_copy__`` returns the object itself."""

    child: Any


@c_class("testing.TestDeepCopyEdges")
class TestDeepCopyEdges(Object):
    """``v_any: Any`` and ``v_obj: ObjectRef``, for copy edge cases."""

    v_any: Any
    v_obj: Any
