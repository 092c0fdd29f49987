# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The native deep-copy engine (``ffi.DeepCopy``, ``core._deepcopy``) and
``copy.deepcopy`` on top of it.

Containers and reflected objects are copied; immutable leaves (numbers,
strings, bytes) and identity objects (functions, sentinels, Python objects)
are shared; a node reachable twice is copied once; cycles are kept; a type
without ``__ffi_shallow_copy__`` raises TypeError naming the type; one native
call copies the whole graph.
"""

from __future__ import annotations

import copy
import gc
import math
import sys
from typing import Any

import pytest
from conftest import DeepCopy, RecursiveEq, register_hook_once, use_count

import tvm_ffi
from tvm_ffi import KWARGS, MISSING, Array, Dict, List, Map
from tvm_ffi import testing as T

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "registers engine hooks on fixture types, once per process"


# ---------------------------------------------------------------------------
# Leaves
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        False,
        0,
        -12,
        2**63 - 1,
        1.5,
        -0.0,
        math.inf,
        "",
        "abc",
        "x" * 100,
        b"",
        b"\x00\xff",
        b"y" * 100,
    ],
)
def test_leaves_returned_as_they_are(value: Any) -> None:
    for fn in (DeepCopy, tvm_ffi.core._deepcopy, copy.deepcopy):
        out = fn(value)
        assert type(out) is type(value) or (isinstance(value, str) and isinstance(out, str))
        assert out == value
        if isinstance(value, float):
            assert math.copysign(1.0, out) == math.copysign(1.0, value)


def test_nan_survives() -> None:
    out = DeepCopy(List([math.nan]))
    assert math.isnan(out[0])


def test_identity_objects_shared() -> None:
    f = tvm_ffi.get_global_func("testing.nop")
    assert DeepCopy(f).same_as(f)
    assert DeepCopy(MISSING).same_as(MISSING)
    assert DeepCopy(KWARGS).same_as(KWARGS)
    copied = DeepCopy(List([f, MISSING]))
    assert copied[0].same_as(f)
    assert copied[1].same_as(MISSING)


def test_copy_deepcopy_of_identity_objects() -> None:
    f = tvm_ffi.get_global_func("testing.nop")
    assert copy.deepcopy(MISSING).same_as(MISSING)
    assert copy.deepcopy(f).same_as(f)


def test_python_objects_shared() -> None:
    class Plain:
        pass

    p = Plain()
    assert DeepCopy(p) is p
    out = DeepCopy(List([p, 1]))
    assert out[0] is p
    holder = T.TestDeepCopyEdges(p, None)
    assert copy.deepcopy(holder).v_any is p


def test_string_and_bytes_fields_kept() -> None:
    obj = T.TestDeepCopyEdges("a long string value " * 4, List([b"bytes" * 10, "s"]))
    out = copy.deepcopy(obj)
    assert out.v_any == "a long string value " * 4
    assert out.v_obj[0] == b"bytes" * 10 and isinstance(out.v_obj[0], bytes)
    assert out.v_obj[1] == "s" and isinstance(out.v_obj[1], str)


# ---------------------------------------------------------------------------
# Containers
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        Array([1, "a", None]),
        List([1, [2, 3]]),
        Map({"a": 1, "b": [1]}),
        Dict({"a": 1, 2: "two"}),
        Array([]),
        List([]),
        Map({}),
        Dict({}),
    ],
)
def test_containers_copied(value: Any) -> None:
    for out in (DeepCopy(value), copy.deepcopy(value), tvm_ffi.core._deepcopy(value)):
        assert type(out) is type(value)
        assert not out.same_as(value)
        assert RecursiveEq(out, value)
        assert repr(out) == repr(value)


def test_nested_containers_all_copied() -> None:
    inner_list = List([1])
    inner_map = Map({"k": inner_list})
    outer = Array([inner_map, Dict({"d": inner_list})])
    out = copy.deepcopy(outer)
    assert not out[0].same_as(inner_map)
    assert not out[0]["k"].same_as(inner_list)
    # The copy is independent.
    out[0]["k"].append(2)
    assert list(inner_list) == [1]
    assert list(out[1]["d"]) == [1, 2]  # the one shared list was copied once


def test_copy_independent_of_original() -> None:
    d = Dict({"a": List([1])})
    out = copy.deepcopy(d)
    out["a"].append(2)
    out["b"] = 3
    assert list(d["a"]) == [1] and "b" not in d


def test_map_key_order_kept() -> None:
    m = Map({"z": 1, "a": 2, "m": 3})
    assert list(copy.deepcopy(m).keys()) == ["z", "a", "m"]
    d = Dict({3: "c", 1: "a", 2: "b"})
    assert list(copy.deepcopy(d).keys()) == [3, 1, 2]


# ---------------------------------------------------------------------------
# Reflected objects
# ---------------------------------------------------------------------------


def test_reflected_object_copied() -> None:
    p = T.TestIntPair(1, 2)
    out = copy.deepcopy(p)
    assert isinstance(out, T.TestIntPair)
    assert not out.same_as(p)
    assert out == p
    assert (out.a, out.b) == (1, 2)


def test_reflected_object_fields_copied() -> None:
    obj = T.TestObjectDerived(v_map={"k": List([1, 2])}, v_array=[List([3])])
    obj.v_i64 = 5
    obj.v_str = "changed"
    out = copy.deepcopy(obj)
    assert not out.same_as(obj)
    assert out.v_i64 == 5 and out.v_f64 == 10.0 and out.v_str == "changed"
    assert not out.v_map.same_as(obj.v_map)
    assert not out.v_array.same_as(obj.v_array)
    assert not out.v_map["k"].same_as(obj.v_map["k"])
    assert not out.v_array[0].same_as(obj.v_array[0])
    assert repr(out) == repr(obj)
    assert RecursiveEq(out, obj)


def test_any_and_object_fields_copied() -> None:
    child = T.TestIntPair(3, 4)
    obj = T.TestDeepCopyEdges(List([child]), child)
    out = DeepCopy(obj)
    assert not out.v_obj.same_as(child)
    assert out.v_any[0].same_as(out.v_obj)  # shared once, copied once


def test_sharing_preserved() -> None:
    shared = T.TestIntPair(1, 2)
    arr = Array([shared, shared, List([shared])])
    out = copy.deepcopy(arr)
    assert out[0].same_as(out[1])
    assert out[0].same_as(out[2][0])
    assert not out[0].same_as(shared)
    lst = List([0])
    obj = T.TestDeepCopyEdges(lst, Map({"a": lst, "b": lst}))
    out2 = copy.deepcopy(obj)
    assert out2.v_any.same_as(out2.v_obj["a"])
    assert out2.v_obj["a"].same_as(out2.v_obj["b"])
    assert not out2.v_any.same_as(lst)


def test_dag_copied_once_per_node() -> None:
    node: Any = T.TestDeepCopyEdges(0, None)
    for _ in range(100):
        node = T.TestDeepCopyEdges(node, node)
    out = DeepCopy(node)
    cur = out
    for _ in range(100):
        assert cur.v_any.same_as(cur.v_obj)
        cur = cur.v_obj
    assert cur.v_any == 0
    assert RecursiveEq(out, node)


# ---------------------------------------------------------------------------
# Cycles
# ---------------------------------------------------------------------------


def test_cycle_through_object_field() -> None:
    obj = T.TestDeepCopyEdges(1, None)
    obj.v_obj = obj
    out = copy.deepcopy(obj)
    assert not out.same_as(obj)
    assert out.v_obj.same_as(out)
    assert out.v_any == 1
    assert repr(out) == repr(obj)
    obj.v_obj = None
    out.v_obj = None


def test_cycle_through_any_field() -> None:
    obj = T.TestDeepCopyEdges(None, None)
    obj.v_any = obj
    out = DeepCopy(obj)
    assert out.v_any.same_as(out)
    assert not out.same_as(obj)
    obj.v_any = None
    out.v_any = None


def test_two_node_cycle() -> None:
    a = T.TestDeepCopyEdges("a", None)
    b = T.TestDeepCopyEdges("b", a)
    a.v_obj = b
    out = copy.deepcopy(a)
    assert out.v_obj.v_obj.same_as(out)
    assert not out.v_obj.same_as(b)
    assert out.v_obj.v_any == "b"
    a.v_obj = None
    out.v_obj = None


def test_list_inside_itself() -> None:
    lst = List([1, "x"])
    lst.append(lst)
    out = copy.deepcopy(lst)
    assert not out.same_as(lst)
    assert out[2].same_as(out)
    assert out[0] == 1 and out[1] == "x"
    assert repr(out) == repr(lst) == '[1, "x", ...]'
    lst.clear()
    out.clear()


def test_dict_inside_itself() -> None:
    d = Dict({"a": 1})
    d["self"] = d
    out = copy.deepcopy(d)
    assert not out.same_as(d)
    assert out["self"].same_as(out)
    assert out["a"] == 1
    d.clear()
    out.clear()


def test_cycle_through_object_and_map() -> None:
    obj = T.TestDeepCopyEdges(None, None)
    m = Map({"o": obj})
    obj.v_obj = m
    out = DeepCopy(m)
    assert not out.same_as(m)
    assert not out["o"].same_as(obj)
    assert out["o"].v_obj.same_as(out)
    obj.v_obj = None
    out["o"].v_obj = None


def test_cycle_through_list_and_object() -> None:
    obj = T.TestDeepCopyEdges(None, None)
    obj.v_any = List([obj, 2])
    out = copy.deepcopy(obj)
    assert out.v_any[0].same_as(out)
    assert not out.v_any.same_as(obj.v_any)
    obj.v_any = None
    out.v_any = None


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


def test_type_without_shallow_copy_raises() -> None:
    obj = T.TestNonCopyable(5)
    with pytest.raises(TypeError, match="testing.TestNonCopyable"):
        DeepCopy(obj)
    with pytest.raises(TypeError, match="testing.TestNonCopyable"):
        copy.deepcopy(obj)


def test_noncopyable_nested_raises() -> None:
    obj = T.TestNonCopyable(5)
    with pytest.raises(TypeError, match="testing.TestNonCopyable"):
        copy.deepcopy(List([1, Map({"k": obj})]))
    with pytest.raises(TypeError, match="testing.TestNonCopyable"):
        copy.deepcopy(T.TestDeepCopyEdges(None, obj))
    # Nothing was left half-done for later calls.
    assert list(copy.deepcopy(List([1, 2]))) == [1, 2]


# ---------------------------------------------------------------------------
# One native call
# ---------------------------------------------------------------------------


def _count_deepcopy_calls(value: Any) -> tuple[int, int, Any]:
    """copy.deepcopy(value) under a profiler: (native __deepcopy__ calls,
    Python frames entered, result)."""
    native, python = 0, 0

    def profile(frame: Any, event: str, arg: Any) -> None:
        nonlocal native, python
        if event == "c_call" and getattr(arg, "__name__", "") == "__deepcopy__":
            native += 1
        elif event == "call":
            python += 1

    sys.setprofile(profile)
    try:
        out = copy.deepcopy(value)
    finally:
        sys.setprofile(None)
    return native, python, out


def test_copy_deepcopy_is_one_native_call() -> None:
    graph = List([T.TestIntPair(i, i) for i in range(1000)] + [Dict({"k": List([1])})])
    native, python, out = _count_deepcopy_calls(graph)
    assert native == 1
    _, small_python, _ = _count_deepcopy_calls(List([T.TestIntPair(0, 0)]))
    assert python == small_python  # no Python work per node
    assert len(out) == 1001 and out[999].a == 999
    holder = T.TestDeepCopyEdges(List([T.TestIntPair(1, 2)]), T.TestIntPair(3, 4))
    assert _count_deepcopy_calls(holder)[0] == 1


def test_copy_deepcopy_of_large_list() -> None:
    n = 100_000
    graph = List([T.TestIntPair(i, -i) for i in range(n)])
    out = copy.deepcopy(graph)
    assert len(out) == n
    assert out[n - 1].a == n - 1 and out[n - 1].b == -(n - 1)
    assert not out[0].same_as(graph[0])
    assert RecursiveEq(out, graph)


def test_copy_deepcopy_within_python_structure() -> None:
    shared = T.TestIntPair(1, 2)
    out = copy.deepcopy([shared, shared, {"k": shared}])
    assert out[0] is out[1] is out[2]["k"]
    assert not out[0].same_as(shared)


# ---------------------------------------------------------------------------
# Freeing
# ---------------------------------------------------------------------------


def test_copies_are_freed() -> None:
    f = tvm_ffi.get_global_func("testing.nop")
    before = use_count(f)
    graph = List([Map({"f": f}), T.TestDeepCopyEdges(f, f)])
    out = copy.deepcopy(graph)
    assert out[0]["f"].same_as(f)
    del out, graph
    gc.collect()
    assert use_count(f) == before


# ---------------------------------------------------------------------------
# Sharing decided by reference counts: the engine skips its memo for objects
# with one parent, so these graphs hold no Python wrappers of their inner
# nodes (a wrapper is a reference) and check the count the copier keeps.
# ---------------------------------------------------------------------------


def _edges_and_pair(field: str, pair_first: bool) -> List:
    """A List holding a TestIntPair both directly and through an edges field."""
    pair = T.TestIntPair(1, 2)
    edges = T.TestDeepCopyEdges(**{"v_any": 0, "v_obj": None, field: pair})
    return List([pair, edges] if pair_first else [edges, pair])


def test_single_parent_objects_copied_apart() -> None:
    lst = List([T.TestIntPair(i, -i) for i in range(50)])
    out = DeepCopy(lst)
    assert [(p.a, p.b) for p in out] == [(i, -i) for i in range(50)]
    assert not any(out[i].same_as(lst[i]) for i in range(50))
    items = [out[i] for i in range(50)]
    assert not any(items[i].same_as(items[j]) for i in range(50) for j in range(i))


def test_one_object_twice_in_one_list() -> None:
    lst = List([T.TestIntPair(1, 2)] * 3)
    out = DeepCopy(lst)
    assert out[0].same_as(out[1]) and out[1].same_as(out[2])
    assert not out[0].same_as(lst[0])


@pytest.mark.parametrize("field", ["v_obj", "v_any"])
@pytest.mark.parametrize("pair_first", [True, False])
def test_object_reached_from_a_field_and_a_list(field: str, pair_first: bool) -> None:
    out = DeepCopy(_edges_and_pair(field, pair_first))
    pair, edges = (out[0], out[1]) if pair_first else (out[1], out[0])
    assert getattr(edges, field).same_as(pair)
    assert (pair.a, pair.b) == (1, 2)


def test_object_shared_by_two_single_parent_lists() -> None:
    pair = T.TestIntPair(1, 2)
    outer = List([List([pair]), Array([pair]), Map({"k": pair})])
    del pair
    out = DeepCopy(outer)
    assert out[0][0].same_as(out[1][0]) and out[1][0].same_as(out[2]["k"])
    assert not out[0][0].same_as(outer[0][0])


def test_copier_leaves_use_counts_as_they_were() -> None:
    lst = _edges_and_pair("v_obj", True)
    pair, edges = lst[0], lst[1]
    before = (use_count(lst), use_count(pair), use_count(edges))
    out = DeepCopy(lst)
    assert (use_count(lst), use_count(pair), use_count(edges)) == before
    assert use_count(out[0]) == use_count(pair)


def test_type_copying_as_itself_is_shared_and_never_written() -> None:
    inner = List([1, 2])
    obj = T.TestCopiesAsSelf(inner)
    out = DeepCopy(List([obj, obj, T.TestCopiesAsSelf(List([3]))]))
    assert out[0].same_as(obj) and out[1].same_as(obj)
    assert obj.child.same_as(inner) and list(inner) == [1, 2]
    assert list(out[2].child) == [3]


# ---------------------------------------------------------------------------
# A Python __ffi_shallow_copy__ runs arbitrary code mid-copy; the copier must
# survive it changing the graph being copied.
# ---------------------------------------------------------------------------

#: What the Python hook of testing.TestCopyByHook does (besides copying); set per test.
_copy_side_effect: list[Any] = [None]


def _copy_by_hook(self: Any) -> Any:
    effect = _copy_side_effect[0]
    if effect is not None:
        effect()
    return T.TestCopyByHook(self.value)


@pytest.fixture
def copy_side_effect() -> Any:
    register_hook_once("testing.TestCopyByHook", "__ffi_shallow_copy__", _copy_by_hook)
    yield _copy_side_effect
    _copy_side_effect[0] = None


def test_hook_growing_a_list_being_copied(copy_side_effect: Any) -> None:
    grown = List([T.TestIntPair(0, 0)])
    copy_side_effect[0] = lambda: grown.extend([T.TestIntPair(1, 1)] * 1000)
    out = DeepCopy(List([grown, T.TestCopyByHook(1)]))
    assert len(out[0]) == 1 and out[0][0].a == 0  # the list as it was when copied
    assert len(grown) == 1001


def test_hook_emptying_the_containers_being_copied(copy_side_effect: Any) -> None:
    items = List([T.TestCopyByHook(i) for i in range(20)])
    table = Dict({i: T.TestCopyByHook(i) for i in range(20)})
    fields = T.TestDeepCopyEdges(T.TestCopyByHook(7), List([T.TestCopyByHook(8)]))

    def empty() -> None:
        items.clear()
        table.clear()
        fields.v_any = None
        fields.v_obj = None

    copy_side_effect[0] = empty
    out = DeepCopy(List([items, table, fields]))
    # Whatever was copied is whole; nothing crashed, and the originals are empty.
    assert all(isinstance(x, T.TestCopyByHook) for x in out[0])
    assert len(items) == 0 and len(table) == 0 and fields.v_obj is None


@pytest.mark.parametrize(
    "container",
    [Array([1, [2]]), List([1, T.TestIntPair(1, 2)]), Map({"a": [1]}), Dict({"b": 2})],
    ids=["Array", "List", "Map", "Dict"],
)
def test_containers_register_ffi_shallow_copy(container: Any) -> None:
    """Containers carry __ffi_shallow_copy__ like reflected types: a new
    container of the same kind sharing the items."""
    core = tvm_ffi.core
    index = core._object_type_key_to_index(container.type_key)
    shallow = core._lookup_type_attr(index, "__ffi_shallow_copy__")
    out = shallow(container)
    assert type(out) is type(container) and out == container and not out.same_as(container)
    items = list(container.values() if isinstance(container, (Map, Dict)) else container)
    copied = list(out.values() if isinstance(out, (Map, Dict)) else out)
    assert all(
        a is b for a, b in zip(items, copied, strict=True)
    )  # the same objects: shared, not copied
    assert tvm_ffi.Object.__copy__(container) == container
    with pytest.raises(
        TypeError, match="expected an Array, List, Map or Dict, got `testing.TestIntPair`"
    ):
        shallow(T.TestIntPair(1, 2))
