# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The native ordering engine (``ffi.RecursiveCompare`` and
``ffi.RecursiveLt/Le/Gt/Ge``, ``core._compare``) and the ``<``/``<=``/``>``/
``>=`` of ``@c_class(order=True)`` types.

Lexicographic, field by field (``compare(false)`` fields skipped), element
by element for sequences (a prefix sorts first); numbers by value; strings
and bytes by content; unrelated types and maps have no order (TypeError);
``__ffi_compare__`` hooks replace the default per type.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import (
    RecursiveCompare,
    RecursiveEq,
    RecursiveGe,
    RecursiveGt,
    RecursiveLe,
    RecursiveLt,
    make_dag,
    make_hooked,
    register_hook_once,
)

import tvm_ffi
from tvm_ffi import Array, Dict, List, Map
from tvm_ffi import testing as T

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "registers engine hooks on fixture types, once per process"


def cmp(a: Any, b: Any) -> int:
    """Three-way comparison, checked for consistency with the other entry points."""
    r = RecursiveCompare(a, b)
    assert r in (-1, 0, 1)
    assert tvm_ffi.core._compare(a, b) == r
    assert RecursiveCompare(b, a) == -r
    assert RecursiveLt(a, b) is (r < 0)
    assert RecursiveLe(a, b) is (r <= 0)
    assert RecursiveGt(a, b) is (r > 0)
    assert RecursiveGe(a, b) is (r >= 0)
    return r


# ---------------------------------------------------------------------------
# Leaves
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (1, 2, -1),
        (2, 1, 1),
        (3, 3, 0),
        (-(2**63), 2**63 - 1, -1),
        (1, 1.0, 0),
        (1, 1.5, -1),
        (2.5, 2, 1),
        (True, 1, 0),
        (False, True, -1),
        (True, 0.5, 1),
        (-0.0, 0.0, 0),
        (float("-inf"), -1e308, -1),
        (float("inf"), 2**62, 1),
        (None, None, 0),
        ("a", "b", -1),
        ("b", "a", 1),
        ("abc", "abc", 0),
        ("ab", "abc", -1),
        ("", "a", -1),
        ("x" * 50 + "a", "x" * 50 + "b", -1),
        (b"a", b"b", -1),
        (b"\xff", b"\x00", 1),
        (b"same", b"same", 0),
    ],
)
def test_compare_leaves(a: Any, b: Any, expected: int) -> None:
    assert cmp(a, b) == expected


def test_compare_int_float_is_exact_beyond_double_precision() -> None:
    # Python: 2**53 + 1 > float(2**53).
    assert float(2**53) < 2**53 + 1
    assert cmp(2**53 + 1, float(2**53)) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (1, "1"),
        ("a", b"a"),
        (None, 0),
        (1.0, None),
        (b"x", 2),
        (Array([1]), 1),
        ("s", Array(["s"])),
    ],
)
def test_compare_unrelated_leaves_raises(a: Any, b: Any) -> None:
    with pytest.raises(TypeError):
        RecursiveCompare(a, b)
    with pytest.raises(TypeError):
        RecursiveLt(a, b)
    with pytest.raises(TypeError):
        RecursiveGe(b, a)


# ---------------------------------------------------------------------------
# Sequences
# ---------------------------------------------------------------------------


def test_compare_sequences_lexicographic() -> None:
    assert cmp(Array([1, 2]), Array([1, 3])) == -1
    assert cmp(Array([2]), Array([1, 99])) == 1
    assert cmp(Array([1, 2]), Array([1, 2])) == 0
    assert cmp(Array([]), Array([])) == 0
    assert cmp(Array([]), Array([0])) == -1
    assert cmp(Array([1]), Array([1, 0])) == -1  # a prefix sorts first
    assert cmp(List(["a", "b"]), List(["a", "c"])) == -1
    assert cmp(List([1, [2, 3]]), List([1, [2, 2]])) == 1
    assert cmp(Array([1, 2.5]), Array([1.0, 2.5])) == 0


def test_compare_sequences_follow_python_list_order() -> None:
    cases = [[], [0], [1], [1, 2], [1, 2, 3], [1, 3], [2], [-1, 5]]
    for a in cases:
        for b in cases:
            expected = (a > b) - (a < b)
            assert cmp(Array(a), Array(b)) == expected
            assert cmp(List(a), List(b)) == expected


def test_compare_array_and_list_as_sequences() -> None:
    assert RecursiveCompare(Array([1]), List([1])) == 0
    assert RecursiveCompare(Array([1]), List([2])) == -1
    assert not RecursiveLt(List([Array([1])]), List([List([1])]))
    with pytest.raises(TypeError):
        RecursiveCompare(Array([1]), Map({}))


def test_compare_unrelated_elements_raises() -> None:
    with pytest.raises(TypeError):
        RecursiveCompare(Array([1, "a"]), Array([1, 2]))
    # The first difference decides before unrelated later elements are reached.
    assert cmp(Array([1, "a"]), Array([2, 2])) == -1


def test_compare_maps_raises() -> None:
    for a, b in [
        (Map({"a": 1}), Map({"a": 1})),
        (Map({"a": 1}), Map({"a": 2})),
        (Dict({"a": 1}), Dict({"b": 1})),
        (Map({}), Dict({})),
    ]:
        with pytest.raises(TypeError):
            RecursiveCompare(a, b)
        with pytest.raises(TypeError):
            RecursiveLt(a, b)
        with pytest.raises(TypeError):
            RecursiveGe(a, b)
    with pytest.raises(TypeError):
        RecursiveLt(Array([Map({"a": 1})]), Array([Map({"a": 1})]))


def test_compare_cycles_terminate() -> None:
    a = List([1])
    a.append(a)
    b = List([1])
    b.append(b)
    assert cmp(a, b) == 0
    c = List([2])
    c.append(c)
    assert cmp(a, c) == -1
    for lst in (a, b, c):
        lst.clear()


# ---------------------------------------------------------------------------
# Reflected objects
# ---------------------------------------------------------------------------


def test_compare_objects_field_by_field() -> None:
    assert cmp(T.TestIntPair(1, 2), T.TestIntPair(1, 3)) == -1
    assert cmp(T.TestIntPair(2, 0), T.TestIntPair(1, 9)) == 1
    assert cmp(T.TestIntPair(4, 4), T.TestIntPair(4, 4)) == 0


def test_c_class_order_dunders() -> None:
    a, b, c = T.TestIntPair(1, 2), T.TestIntPair(1, 3), T.TestIntPair(2, 0)
    assert a < b < c
    assert a <= b <= c and a <= T.TestIntPair(1, 2)
    assert c > b > a
    assert c >= b >= a and a >= T.TestIntPair(1, 2)
    assert not (a < T.TestIntPair(1, 2))
    assert not (a > T.TestIntPair(1, 2))
    pairs = [T.TestIntPair(x, y) for x, y in [(2, 1), (1, 5), (1, 2), (0, 9), (2, 0)]]
    assert [(p.a, p.b) for p in sorted(pairs)] == [(0, 9), (1, 2), (1, 5), (2, 0), (2, 1)]
    assert max(pairs).a == 2 and min(pairs).a == 0


def test_compare_nested_fields() -> None:
    a = T.TestDeepCopyEdges(Array([1, 2]), T.TestIntPair(1, 1))
    b = T.TestDeepCopyEdges(Array([1, 2]), T.TestIntPair(1, 2))
    assert cmp(a, b) == -1
    c = T.TestDeepCopyEdges(Array([1, 3]), T.TestIntPair(0, 0))
    assert cmp(c, b) == 1  # the first field decides


def test_compare_false_field_skipped() -> None:
    a = T.TestCompare(1, "a", 100)
    b = T.TestCompare(1, "a", 0)
    assert cmp(a, b) == 0
    assert a <= b and a >= b and not a < b and not a > b
    assert cmp(T.TestCompare(1, "b", 0), T.TestCompare(1, "a", 9)) == 1
    assert cmp(T.TestCompare(0, "z", 9), T.TestCompare(1, "a", 0)) == -1
    assert T.TestCompare(0, "z", 9) < T.TestCompare(1, "a", 0)


def test_compare_unrelated_object_types_raises() -> None:
    with pytest.raises(TypeError):
        RecursiveCompare(T.TestIntPair(1, 2), T.TestCompare(1, "a", 2))
    with pytest.raises(TypeError):
        RecursiveLt(T.TestIntPair(1, 2), Array([1, 2]))
    with pytest.raises(TypeError):
        RecursiveLt(T.TestObjectBase(), T.TestObjectDerived(v_map={}, v_array=[]))
    with pytest.raises(TypeError):
        T.TestIntPair(1, 2) < T.TestCompare(1, "a", 2)  # noqa: B015
    with pytest.raises(TypeError):
        T.TestIntPair(1, 2) < (1, 2)  # noqa: B015
    with pytest.raises(TypeError):
        T.TestIntPair(1, 2) >= 3  # noqa: B015


def test_compare_identity_kinds_raise() -> None:
    f = tvm_ffi.get_global_func("testing.nop")
    g = tvm_ffi.get_global_func("testing.echo")
    with pytest.raises(TypeError):
        RecursiveCompare(f, g)


def test_compare_hook_on_key() -> None:
    a = T.TestCustomCompare(1, "z")
    b = T.TestCustomCompare(2, "a")
    assert cmp(a, b) == -1
    assert a < b and b > a
    assert cmp(T.TestCustomCompare(3, "x"), T.TestCustomCompare(3, "y")) == 0
    assert T.TestCustomCompare(3, "x") <= T.TestCustomCompare(3, "y")
    # The hook decides for its type while the walk continues elsewhere.
    assert cmp(List([T.TestCustomCompare(1, "z"), 2]), List([T.TestCustomCompare(1, "a"), 3])) == -1
    assert cmp(List([T.TestCustomCompare(1, "z"), 2]), List([T.TestCustomCompare(1, "a"), 2])) == 0


# ---------------------------------------------------------------------------
# __ffi_compare__ written in Python
# ---------------------------------------------------------------------------

_HOOKED_KEY = "testing.TestCxxAutoInitAllInitOff"
_compare_calls: list[int] = []


def _compare_hook(lhs: Any, rhs: Any, fn_cmp: Any) -> Any:
    # Field-wise like the default, except for marker values.
    _compare_calls.append(1)
    if lhs.z == -1 or rhs.z == -1:
        raise ValueError("compare hook failed")
    if lhs.z == -2 or rhs.z == -2:
        return "not an int"
    return fn_cmp(Array([lhs.x, lhs.y, lhs.z]), Array([rhs.x, rhs.y, rhs.z]))


@pytest.fixture(scope="module")
def python_compare_hook() -> type:
    register_hook_once(_HOOKED_KEY, "__ffi_compare__", _compare_hook)
    return T.TestCxxAutoInitAllInitOff


_hooked = make_hooked


def test_python_compare_hook(python_compare_hook: type) -> None:
    cls = python_compare_hook
    assert cmp(_hooked(cls, 1, 0), _hooked(cls, 2, 0)) == -1
    assert cmp(_hooked(cls, 3, 5), _hooked(cls, 3, 5)) == 0
    assert cmp(List([_hooked(cls, 1, 1)]), List([_hooked(cls, 1, 0)])) == 1


def test_python_compare_hook_that_raises(python_compare_hook: type) -> None:
    cls = python_compare_hook
    with pytest.raises(ValueError, match="compare hook failed"):
        RecursiveCompare(_hooked(cls, 1, -1), _hooked(cls, 1, 0))
    with pytest.raises(ValueError, match="compare hook failed"):
        RecursiveLt(Array([_hooked(cls, 1, -1)]), Array([_hooked(cls, 1, 0)]))
    assert cmp(Array([1]), Array([2])) == -1


def test_python_compare_hook_returning_wrong_type(python_compare_hook: type) -> None:
    cls = python_compare_hook
    with pytest.raises(TypeError, match="__ffi_compare__"):
        RecursiveCompare(_hooked(cls, 1, -2), _hooked(cls, 1, 0))


def test_compare_dag_visits_each_shared_pair_once(python_compare_hook: type) -> None:
    # Two equal DAGs with 2**16 paths to one (hooked) leaf each: a DAG-aware
    # walk compares the leaf pair once, not once per path.
    cls = python_compare_hook

    a, b = make_dag(_hooked(cls, 1, 0), 16), make_dag(_hooked(cls, 1, 0), 16)
    _compare_calls.clear()
    assert RecursiveCompare(a, b) == 0
    assert len(_compare_calls) <= 2


# ---------------------------------------------------------------------------
# Larger inputs
# ---------------------------------------------------------------------------


def test_compare_wide_sequences() -> None:
    a = Array(list(range(100_000)))
    b = Array(list(range(99_999)) + [100_000])
    assert cmp(a, b) == -1
    assert cmp(a, Array(list(range(100_000)))) == 0


def test_compare_consistent_with_eq() -> None:
    values = [
        Array([1, 2]),
        Array([1, 2.0]),
        Array([1, 3]),
        Array([]),
        Array(["a"]),
        Array([T.TestIntPair(1, 2)]),
        Array([T.TestIntPair(1, 2)]),
    ]

    def kind(v: Any) -> str | None:  # what the first item is; an empty Array orders by length
        return (
            None
            if len(v) == 0
            else "number"
            if isinstance(v[0], (int, float))
            else type(v[0]).__name__
        )

    for a in values:
        for b in values:
            if kind(a) is not None and kind(b) is not None and kind(a) != kind(b):
                with pytest.raises(TypeError):
                    RecursiveCompare(a, b)
                continue
            r = RecursiveCompare(a, b)
            assert (r == 0) is RecursiveEq(a, b)
