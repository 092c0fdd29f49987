# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The native equality and hash engines (``ffi.RecursiveEq``,
``ffi.RecursiveHash``, ``core._eq`` / ``core._hash``) and the ``==`` /
``hash`` built on them.

Numbers compare by value (1 == 1.0 == True), NaN equals NaN, -0.0 equals 0.0;
strings and bytes compare by content; an Array equals a List with the same
items (and a Map a Dict), as sequences and mappings; maps ignore insertion order; ``compare(false)``
fields are ignored by equality, ``hash(false)`` and ``compare(false)`` fields
by the hash; hooks replace the defaults per type; equal values hash equal.
"""

from __future__ import annotations

import copy
import math
from typing import Any

import pytest
from conftest import (
    DeepCopy,
    RecursiveEq,
    RecursiveHash,
    ReprPrint,
    make_dag,
    make_hooked,
    register_hook_once,
)
from hypothesis import given, settings
from hypothesis import strategies as st

import tvm_ffi
from tvm_ffi import Array, Dict, List, Map
from tvm_ffi import testing as T

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "registers engine hooks on fixture types, once per process"


def eq(a: Any, b: Any) -> bool:
    """RecursiveEq, checked against core._eq and for symmetry."""
    result = RecursiveEq(a, b)
    assert isinstance(result, bool)
    assert tvm_ffi.core._eq(a, b) is result
    assert RecursiveEq(b, a) is result
    return result


def h(value: Any) -> int:
    result = RecursiveHash(value)
    assert isinstance(result, int)
    return result


def assert_equal_and_same_hash(a: Any, b: Any) -> None:
    assert eq(a, b)
    assert h(a) == h(b)


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (1, 1.0),
        (1, True),
        (True, 1.0),
        (0, False),
        (0, 0.0),
        (-5, -5.0),
        (2**40, float(2**40)),
        (-(2**63), -(2.0**63)),
        (2**53, float(2**53)),
        (float("nan"), float("nan")),
        (-0.0, 0.0),
        (-0.0, 0),
        (-0.0, False),
        (1.5, 1.5),
        (float("inf"), float("inf")),
    ],
)
def test_numbers_equal_by_value_and_hash_alike(a: Any, b: Any) -> None:
    assert_equal_and_same_hash(a, b)
    assert_equal_and_same_hash(List([a]), List([b]))
    assert_equal_and_same_hash(Map({"k": a}), Map({"k": b}))
    assert_equal_and_same_hash(T.TestDeepCopyEdges(a, None), T.TestDeepCopyEdges(b, None))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (1, 2),
        (1, 1.5),
        (2**63 - 1, 2.0**63),
        (2**53 + 1, float(2**53)),
        (True, 2),
        (True, False),
        (0.1, 0.2),
        (float("inf"), float("-inf")),
        (float("nan"), 0.0),
        (None, 0),
        (None, False),
        (0.0, None),
        (1, "1"),
        (1, b"\x01"),
        ("a", b"a"),
    ],
)
def test_different_values_not_equal(a: Any, b: Any) -> None:
    assert not eq(a, b)
    assert not eq(List([a]), List([b]))


def test_int_float_equality_is_exact_beyond_double_precision() -> None:
    # Python: 2**53 + 1 != float(2**53); the double conversion must not round.
    big = 2**53 + 1
    assert big != float(2**53)
    assert not eq(big, float(2**53))
    assert not eq(List([big]), List([float(2**53)]))


def test_large_integral_float_hashes_like_equal_int() -> None:
    # 9.21e18 is an integral float below 2**63: equal to the int, so same hash.
    value = 9.21e18
    as_int = int(value)
    assert as_int == value
    assert eq(as_int, value)
    assert h(as_int) == h(value)


def test_none_equals_none() -> None:
    assert_equal_and_same_hash(None, None)


# ---------------------------------------------------------------------------
# Strings and bytes
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["", "a", "short", "exactly8", "a much longer string " * 5, "é日本"]
)
def test_strings_compare_by_content(text: str) -> None:
    other = "".join(list(text))  # a distinct Python object
    assert_equal_and_same_hash(text, other)
    assert_equal_and_same_hash(tvm_ffi.String(text), other)
    assert_equal_and_same_hash(List([text]), List([other]))
    assert_equal_and_same_hash(Map({text: 1}), Map({other: 1}))
    assert not eq(text, text + "x")
    assert not eq(List([text]), List([text + "x"]))


@pytest.mark.parametrize("data", [b"", b"\x00", b"bytes", b"\xff" * 100])
def test_bytes_compare_by_content(data: bytes) -> None:
    other = bytes(bytearray(data))
    assert_equal_and_same_hash(data, other)
    assert_equal_and_same_hash(tvm_ffi.Bytes(data), other)
    assert_equal_and_same_hash(Array([data]), Array([other]))
    assert not eq(data, data + b"!")


def test_long_strings_in_object_fields() -> None:
    a = T.TestObjectBase()
    b = T.TestObjectBase()
    a.v_str = "x" * 100
    b.v_str = "x" * 100
    assert_equal_and_same_hash(a, b)
    b.v_str = "x" * 99 + "y"
    assert not eq(a, b)


# ---------------------------------------------------------------------------
# Containers
# ---------------------------------------------------------------------------


def test_sequences_element_by_element() -> None:
    assert_equal_and_same_hash(Array([]), Array([]))
    assert_equal_and_same_hash(Array([1, "a", None]), Array([1.0, "a", None]))
    assert_equal_and_same_hash(List([1, [2, 3]]), List([1, [2, 3]]))
    assert not eq(Array([1, 2]), Array([1, 2, 3]))
    assert not eq(Array([1, 2]), Array([2, 1]))
    assert not eq(List([]), List([None]))


def test_array_and_list_compare_as_sequences() -> None:
    assert_equal_and_same_hash(Array([1]), List([1]))
    assert_equal_and_same_hash(Array([]), List([]))
    assert_equal_and_same_hash(List([Array([1])]), List([List([1])]))
    assert not eq(Array([1]), List([2]))


def test_map_and_dict_compare_as_mappings() -> None:
    assert_equal_and_same_hash(Map({"a": 1}), Dict({"a": 1}))
    assert_equal_and_same_hash(Map({}), Dict({}))
    assert not eq(Map({"a": 1}), Dict({"a": 2}))
    assert not eq(Map({}), List([]))


def test_maps_ignore_insertion_order() -> None:
    a = Map({"a": 1, "b": 2, "c": [1, 2]})
    b = Map({"c": [1, 2], "b": 2, "a": 1})
    assert_equal_and_same_hash(a, b)
    d1 = Dict({"x": 1, 2: "two", "y": None})
    d2 = Dict({"y": None, 2: "two", "x": 1})
    assert_equal_and_same_hash(d1, d2)
    assert hash(a) == hash(b)


def test_maps_differ() -> None:
    assert not eq(Map({"a": 1}), Map({"a": 2}))
    assert not eq(Map({"a": 1}), Map({"b": 1}))
    assert not eq(Map({"a": 1}), Map({"a": 1, "b": 2}))
    assert not eq(Map({"a": [1]}), Map({"a": [1, 2]}))
    assert not eq(Map({}), Map({"a": None}))


def test_python_container_eq_is_elementwise() -> None:
    # Python's == of the containers has Sequence / Mapping semantics.
    assert Array([1]) == List([1])
    assert List([1]) == Array([1])
    assert Array([1]) == [1]
    assert List([1]) == [1]
    assert Array([1, 2]) == (1, 2)
    assert Array([1]) != List([2])
    assert Array([1]) != [1, 2]
    assert Array(["a"]) != "a"
    assert Map({"a": 1}) == Dict({"a": 1})
    assert Dict({"a": 1}) == {"a": 1}
    assert Map({"a": 1, "b": 2}) == {"b": 2, "a": 1}
    assert Map({"a": 1}) != {"a": 2}
    assert Array([Array([1]), Map({"k": List([2])})]) == [[1], {"k": [2]}]


def test_python_hash_of_immutable_containers() -> None:
    assert hash(Array([1, 2])) == hash(Array([1.0, 2]))
    assert hash(Array([1, "x"])) == h(Array([1, "x"]))
    assert hash(Map({"a": 1, "b": 2})) == hash(Map({"b": 2, "a": 1}))
    with pytest.raises(TypeError):
        hash(List([1]))
    with pytest.raises(TypeError):
        hash(Dict({"a": 1}))


def test_mutable_containers_hash_through_engine() -> None:
    # The engine hashes mutable containers too (by current content).
    assert h(List([1, 2])) == h(List([1, 2]))
    d = Dict({"a": 1})
    before = h(d)
    d["a"] = 2
    assert not eq(d, Dict({"a": 1}))
    assert h(d) != before
    assert h(d) == h(Dict({"a": 2}))


# ---------------------------------------------------------------------------
# Reflected objects
# ---------------------------------------------------------------------------


def test_reflected_objects_compare_fields() -> None:
    assert_equal_and_same_hash(T.TestIntPair(1, 2), T.TestIntPair(1, 2))
    assert not eq(T.TestIntPair(1, 2), T.TestIntPair(1, 3))
    assert not eq(T.TestIntPair(1, 2), T.TestIntPair(2, 1))


def test_reflected_objects_of_different_types_differ() -> None:
    assert not eq(T.TestIntPair(1, 2), T.TestCompare(1, "a", 2))
    base = T.TestObjectBase()
    derived = T.TestObjectDerived(v_map={}, v_array=[])
    assert not eq(base, derived)
    assert not eq(T.TestIntPair(1, 2), Array([1, 2]))


def test_reflected_objects_nested() -> None:
    def make(label: str) -> Any:
        return T.TestObjectDerived(
            v_map={"k": T.TestIntPair(1, 2), "s": label}, v_array=[T.TestIntPair(3, 4), [label]]
        )

    assert_equal_and_same_hash(make("x"), make("x"))
    assert not eq(make("x"), make("y"))


def test_python_eq_and_hash_of_c_class() -> None:
    a, b, c = T.TestIntPair(1, 2), T.TestIntPair(1, 2), T.TestIntPair(2, 1)
    assert a == b and not (a != b)
    assert a != c and not (a == c)
    assert hash(a) == hash(b)
    assert hash(a) == h(a) or h(a) == -1
    assert len({a, b, c}) == 2
    assert a != (1, 2)
    assert not (a == "TestIntPair")


def test_compare_false_field_ignored_by_eq_and_hash() -> None:
    a = T.TestCompare(1, "name", 100)
    b = T.TestCompare(1, "name", 200)
    assert a == b
    assert hash(a) == hash(b)
    assert_equal_and_same_hash(a, b)
    assert a != T.TestCompare(2, "name", 100)
    assert a != T.TestCompare(1, "other", 100)


def test_hash_false_field_ignored_by_hash_only() -> None:
    a = T.TestHash(1, "name", 100)
    b = T.TestHash(1, "name", 200)
    assert hash(a) == hash(b)
    assert h(a) == h(b)
    # hash(false) leaves equality alone.
    assert a != b
    assert not eq(a, b)
    assert a == T.TestHash(1, "name", 100)


def test_object_identity_kinds() -> None:
    f = tvm_ffi.get_global_func("testing.nop")
    g = tvm_ffi.get_global_func("testing.echo")
    assert_equal_and_same_hash(f, f)
    assert not eq(f, g)
    assert_equal_and_same_hash(List([f]), List([f]))
    assert_equal_and_same_hash(tvm_ffi.MISSING, tvm_ffi.MISSING)
    assert not eq(tvm_ffi.MISSING, tvm_ffi.KWARGS)


# ---------------------------------------------------------------------------
# Hooks defined in C++
# ---------------------------------------------------------------------------


def test_custom_hash_hook_on_key() -> None:
    a = T.TestCustomHash(1, "a")
    b = T.TestCustomHash(1, "b")
    assert hash(a) == hash(b)
    assert h(a) == h(b)
    # No eq hook: equality still compares every field.
    assert a != b
    assert a == T.TestCustomHash(1, "a")


def test_custom_eq_and_hash_hooks_on_key() -> None:
    a = T.TestCustomCompare(1, "a")
    b = T.TestCustomCompare(1, "b")
    assert a == b
    assert hash(a) == hash(b)
    assert_equal_and_same_hash(a, b)
    assert a != T.TestCustomCompare(2, "a")


def test_hooks_replace_default_per_type_while_recursion_continues() -> None:
    a = List([T.TestCustomCompare(1, "a"), 5, Map({"k": T.TestCustomCompare(2, "x")})])
    b = List([T.TestCustomCompare(1, "b"), 5, Map({"k": T.TestCustomCompare(2, "y")})])
    assert_equal_and_same_hash(a, b)
    c = List([T.TestCustomCompare(1, "a"), 6, Map({"k": T.TestCustomCompare(2, "x")})])
    assert not eq(a, c)
    d = List([T.TestCustomCompare(1, "a"), 5, Map({"k": T.TestCustomCompare(3, "x")})])
    assert not eq(a, d)
    holder_a = T.TestDeepCopyEdges(T.TestIntPair(1, 1), T.TestCustomCompare(7, "p"))
    holder_b = T.TestDeepCopyEdges(T.TestIntPair(1, 1), T.TestCustomCompare(7, "q"))
    assert_equal_and_same_hash(holder_a, holder_b)


def test_eq_hook_without_hash_hook_is_unhashable() -> None:
    a = T.TestEqWithoutHash(1, "a")
    b = T.TestEqWithoutHash(1, "b")
    assert a == b
    assert eq(a, b)
    with pytest.raises(TypeError, match="TestEqWithoutHash"):
        hash(a)
    with pytest.raises(TypeError, match="TestEqWithoutHash"):
        RecursiveHash(a)
    with pytest.raises(TypeError, match="TestEqWithoutHash"):
        RecursiveHash(List([1, Map({"k": a})]))


# ---------------------------------------------------------------------------
# Hooks written in Python
# ---------------------------------------------------------------------------

_HOOKED_KEY = "testing.TestCxxAutoInitAllInitOff"


def _fields(obj: Any) -> Any:
    return Array([obj.x, obj.y, obj.z])


_hook_calls: list[str] = []


def _eq_hook(lhs: Any, rhs: Any, fn_eq: Any) -> Any:
    # Field-wise like the default, except for marker values.
    _hook_calls.append("eq")
    if lhs.z == -1 or rhs.z == -1:
        raise ValueError("eq hook failed")
    if lhs.z == -2 or rhs.z == -2:
        return "not a bool"
    return fn_eq(_fields(lhs), _fields(rhs))


def _hash_hook(obj: Any, fn_hash: Any) -> Any:
    _hook_calls.append("hash")
    if obj.z == -1:
        raise ValueError("hash hook failed")
    if obj.z == -2:
        return "not an int"
    return fn_hash(_fields(obj))


@pytest.fixture(scope="module")
def python_eq_hash_hooks() -> type:
    register_hook_once(_HOOKED_KEY, "__ffi_hash__", _hash_hook)
    register_hook_once(_HOOKED_KEY, "__ffi_eq__", _eq_hook)
    return T.TestCxxAutoInitAllInitOff


_hooked = make_hooked


def test_python_hooks_used(python_eq_hash_hooks: type) -> None:
    cls = python_eq_hash_hooks
    a = _hooked(cls, 1, 3)
    b = _hooked(cls, 1, 3)
    assert_equal_and_same_hash(a, b)
    assert not eq(a, _hooked(cls, 2, 3))
    # Through the hook, fn_eq / fn_hash apply the engine's own rules.
    assert_equal_and_same_hash(List([a]), List([_hooked(cls, 1, 3)]))


def test_python_eq_hook_that_raises(python_eq_hash_hooks: type) -> None:
    cls = python_eq_hash_hooks
    with pytest.raises(ValueError, match="eq hook failed"):
        RecursiveEq(_hooked(cls, 1, -1), _hooked(cls, 1, -1))
    with pytest.raises(ValueError, match="eq hook failed"):
        RecursiveEq(List([_hooked(cls, 1, -1)]), List([_hooked(cls, 1, -1)]))
    assert eq(List([1]), List([1]))


def test_python_hash_hook_that_raises(python_eq_hash_hooks: type) -> None:
    cls = python_eq_hash_hooks
    with pytest.raises(ValueError, match="hash hook failed"):
        RecursiveHash(_hooked(cls, 1, -1))
    with pytest.raises(ValueError, match="hash hook failed"):
        RecursiveHash(Map({"k": _hooked(cls, 1, -1)}))


def test_python_hooks_returning_wrong_type(python_eq_hash_hooks: type) -> None:
    cls = python_eq_hash_hooks
    with pytest.raises(TypeError, match="__ffi_eq__"):
        RecursiveEq(_hooked(cls, 1, -2), _hooked(cls, 1, -2))
    with pytest.raises(TypeError, match="__ffi_hash__"):
        RecursiveHash(_hooked(cls, 1, -2))


def test_dag_visits_each_shared_node_once(python_eq_hash_hooks: type) -> None:
    # Two equal DAGs with 2**16 paths to one (hooked) leaf each: the hooks run
    # once per distinct node (pair), not once per path.
    cls = python_eq_hash_hooks

    a, b = make_dag(_hooked(cls, 1, 0), 16), make_dag(_hooked(cls, 1, 0), 16)
    _hook_calls.clear()
    assert RecursiveEq(a, b)
    assert _hook_calls.count("eq") <= 2
    _hook_calls.clear()
    assert RecursiveHash(a) == RecursiveHash(b)
    assert _hook_calls.count("hash") <= 2


# ---------------------------------------------------------------------------
# Python objects held opaquely: Python's == and hash
# ---------------------------------------------------------------------------


class _Key:
    def __init__(self, value: int) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Key) and self.value == other.value

    def __hash__(self) -> int:
        return hash(("key", self.value))


class _Raising:
    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq exploded")

    def __hash__(self) -> int:
        raise LookupError("hash exploded")


def test_opaque_python_objects_same_object() -> None:
    k = _Key(1)
    assert_equal_and_same_hash(List([k]), List([k]))


def test_opaque_python_objects_use_python_eq_and_hash() -> None:
    assert eq(List([_Key(1)]), List([_Key(1)]))
    assert h(List([_Key(1)])) == h(List([_Key(1)]))
    assert not eq(List([_Key(1)]), List([_Key(2)]))


def test_opaque_python_eq_and_hash_that_raise_propagate() -> None:
    with pytest.raises(RuntimeError, match="eq exploded"):
        RecursiveEq(List([_Raising()]), List([_Raising()]))
    with pytest.raises(LookupError, match="hash exploded"):
        RecursiveHash(List([_Raising()]))


# ---------------------------------------------------------------------------
# Cycles and DAGs
# ---------------------------------------------------------------------------


def test_eq_and_hash_of_equal_cycles() -> None:
    a = List([1])
    a.append(a)
    b = List([1])
    b.append(b)
    assert_equal_and_same_hash(a, b)
    c = List([2])
    c.append(c)
    assert not eq(a, c)
    for lst in (a, b, c):
        lst.clear()


def test_eq_of_object_cycles() -> None:
    a = T.TestDeepCopyEdges(1, None)
    a.v_obj = a
    b = T.TestDeepCopyEdges(1, None)
    b.v_obj = b
    assert_equal_and_same_hash(a, b)
    b.v_any = 2
    assert not eq(a, b)
    a.v_obj = None
    b.v_obj = None


def test_eq_and_hash_of_equal_dags() -> None:
    def dag(depth: int, leaf: Any) -> Any:
        node = Array([leaf])
        for _ in range(depth):
            node = Array([node, node])
        return node

    a, b = dag(200, "leaf"), dag(200, "leaf")
    assert_equal_and_same_hash(a, b)
    assert not eq(a, dag(200, "other"))
    # Shared vs unshared but equal children are equal.
    s = T.TestIntPair(1, 2)
    assert_equal_and_same_hash(Array([s, s]), Array([T.TestIntPair(1, 2), T.TestIntPair(1, 2)]))


def test_eq_and_hash_of_object_dags() -> None:
    def dag(depth: int) -> Any:
        node = T.TestDeepCopyEdges(0, None)
        for _ in range(depth):
            node = T.TestDeepCopyEdges(node, node)
        return node

    assert_equal_and_same_hash(dag(150), dag(150))
    assert not eq(dag(150), dag(151))


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

_leaves = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([0.0, -0.0, math.nan, 1.0, 1])
    | st.text(max_size=20)
    | st.binary(max_size=20)
)

_py_values = st.recursive(
    _leaves,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=20,
)


def _mutable(value: Any) -> Any:
    """The value with List / Dict in place of the lists / dicts."""
    if isinstance(value, list):
        return List([_mutable(v) for v in value])
    if isinstance(value, dict):
        return Dict({k: _mutable(v) for k, v in value.items()})
    return value


def _equivalent(value: Any) -> Any:
    """A different but engine-equal Python value: ints as floats, bools as
    ints, -0.0 for 0.0, dicts in reverse insertion order."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return float(value) if abs(value) <= 2**53 else value
    if isinstance(value, float):
        if value == 0.0:
            return -value
        return value
    if isinstance(value, list):
        return [_equivalent(v) for v in value]
    if isinstance(value, dict):
        return {k: _equivalent(value[k]) for k in reversed(list(value))}
    return value


def _has_nan(value: Any) -> bool:
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, list):
        return any(_has_nan(v) for v in value)
    if isinstance(value, dict):
        return any(_has_nan(v) for v in value.values())
    return False


@settings(max_examples=100, deadline=None)
@given(_py_values, _py_values)
def test_property_eq_implies_same_hash(a: Any, b: Any) -> None:
    x, y = tvm_ffi.convert(a), tvm_ffi.convert(b)
    result = RecursiveEq(x, y)
    assert RecursiveEq(y, x) is result
    if result:
        assert RecursiveHash(x) == RecursiveHash(y)


@settings(max_examples=100, deadline=None)
@given(_py_values)
def test_property_reflexive_and_equivalent_values_hash_alike(value: Any) -> None:
    x = tvm_ffi.convert(value)
    assert RecursiveEq(x, x)
    assert RecursiveEq(x, tvm_ffi.convert(value))
    y = tvm_ffi.convert(_equivalent(value))
    assert RecursiveEq(x, y)
    assert RecursiveHash(x) == RecursiveHash(y)
    m = _mutable(value)
    m2 = _mutable(_equivalent(value))
    assert RecursiveEq(m, m2)
    assert RecursiveHash(m) == RecursiveHash(m2)


@settings(max_examples=100, deadline=None)
@given(_py_values)
def test_property_deepcopy_is_equal(value: Any) -> None:
    for x in (tvm_ffi.convert(value), _mutable(value)):
        c = DeepCopy(x)
        assert RecursiveEq(x, c)
        assert RecursiveHash(x) == RecursiveHash(c)
        assert ReprPrint(c) == ReprPrint(x)
        c2 = copy.deepcopy(x)
        assert RecursiveEq(x, c2)
        assert repr(c2) == repr(x)


@settings(max_examples=100, deadline=None)
@given(_py_values)
def test_property_python_eq_of_converted_value(value: Any) -> None:
    if _has_nan(value):
        return  # Python's nan != nan; the element-wise == follows Python
    x = tvm_ffi.convert(value)
    assert x == value
    assert _mutable(value) == value
