# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Reference cycles through native objects and Python objects are collected."""

from __future__ import annotations

import gc
import types
import weakref
from collections.abc import Callable
from typing import Any

import pytest

import tvm_ffi
from tvm_ffi.dataclasses import py_class


class Holder:
    """A plain Python object for cycles to pass through."""

    attr: Any


def collected(make: Callable[[], weakref.ref[Any]]) -> bool:
    """Builds a cycle (``make`` returns a weak reference into it and drops
    its own references), collects, and says whether the cycle is gone."""
    ref = make()
    gc.collect()
    return ref() is None


def test_list_holding_its_owner_is_collected() -> None:
    def make() -> weakref.ref[Any]:
        h = Holder()
        h.attr = tvm_ffi.List([h])
        return weakref.ref(h)

    assert collected(make)


@pytest.mark.parametrize("where", ["key", "value"])
def test_dict_holding_its_owner_is_collected(where: str) -> None:
    def make() -> weakref.ref[Any]:
        h = Holder()
        h.attr = tvm_ffi.Dict({h: 1} if where == "key" else {"k": h})
        return weakref.ref(h)

    assert collected(make)


def test_nested_containers_are_followed() -> None:
    def make() -> weakref.ref[Any]:
        h = Holder()
        h.attr = tvm_ffi.Array([tvm_ffi.Map({"x": tvm_ffi.List([1, h])})])
        return weakref.ref(h)

    assert collected(make)


def test_function_closing_over_its_own_wrapper_is_collected() -> None:
    def make() -> weakref.ref[Any]:
        fn: Any = None
        fn = tvm_ffi.convert(lambda: fn)
        assert fn() is fn
        return weakref.ref(fn)

    assert collected(make)


def test_cycle_through_an_object_without_tp_clear_is_broken_by_the_wrapper() -> None:
    # A bound method cannot clear itself (no tp_clear): only the wrapper's
    # tp_clear can break List -> Function(method) -> method.__self__ -> List.
    def make() -> weakref.ref[Any]:
        def method(self: Any) -> Any:
            return self

        lst = tvm_ffi.List()
        lst.append(types.MethodType(method, lst))
        assert lst[0]() is lst
        return weakref.ref(method)

    assert collected(make)


@py_class("test_gc_cycles.Node")
class Node(tvm_ffi.Object):
    payload: Any = None
    child: Node | None = None


@py_class("test_gc_cycles.Plain")
class Plain(tvm_ffi.Object):
    a: int
    b: str = ""


def test_py_class_field_cycle_is_collected() -> None:
    def make() -> weakref.ref[Any]:
        h = Holder()
        h.attr = Node(payload=h)
        return weakref.ref(h)

    assert collected(make)


def test_cycle_through_an_unwrapped_py_class_child_is_collected() -> None:
    def make() -> weakref.ref[Any]:
        h = Holder()
        h.attr = Node(child=Node(payload=tvm_ffi.List([h])))
        return weakref.ref(h)

    assert collected(make)


def test_py_class_wrappers_are_tracked_only_when_a_field_can_close_a_cycle() -> None:
    assert gc.is_tracked(Node())
    assert not gc.is_tracked(Plain(1))


@py_class("test_gc_cycles.SubNode")
class SubNode(Node):
    extra: int = 0


def test_subclass_of_a_tracked_py_class_is_tracked() -> None:
    assert gc.is_tracked(SubNode())


def test_traverse_reports_what_the_wrapper_owns_alone() -> None:
    h = Holder()
    lst = tvm_ffi.List([h, 1, "s"])
    assert h in gc.get_referents(lst)


def test_shared_native_objects_are_not_reported() -> None:
    # The inner List is referenced by `outer` too: `inner`'s wrapper does not
    # own `h` alone, so reporting it would let the collector clear `h` while
    # `outer` still reaches it.
    h = Holder()
    inner = tvm_ffi.List([h])
    outer = tvm_ffi.List([inner])
    assert h not in gc.get_referents(inner)
    assert h not in gc.get_referents(outer)
    del outer


def test_reachable_object_survives_collection_intact() -> None:
    h = Holder()
    h.attr = tvm_ffi.List([h])
    outer = tvm_ffi.List([h.attr])  # keeps the cycle reachable natively
    ref = weakref.ref(h)
    del h
    gc.collect()
    survivor = ref()
    assert survivor is not None
    assert outer[0][0] is survivor
    assert survivor.attr[0] is survivor  # not cleared by the collector


def test_plain_python_callback_stays_callable_after_collections() -> None:
    counter = [0]

    def bump() -> int:
        counter[0] += 1
        return counter[0]

    fn = tvm_ffi.convert(bump)
    gc.collect()
    assert fn() == 1
    assert bump in gc.get_referents(fn)


def test_a_python_subclass_reports_its_class() -> None:
    # An instance holds its class; a class reachable only from its own
    # instance (a class attribute holding one) is a cycle to collect.
    def make() -> weakref.ref[Any]:
        class Local(tvm_ffi.Object):
            pass

        Local.me = Local.__new__(Local)  # type: ignore[attr-defined]
        assert Local in gc.get_referents(Local.me)  # type: ignore[attr-defined]
        return weakref.ref(Local)

    assert collected(make)
