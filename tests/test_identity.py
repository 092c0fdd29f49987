# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""One Python wrapper per native object while the wrapper lives."""

from __future__ import annotations

import gc
import weakref
from typing import Any

import pytest

import tvm_ffi
from tvm_ffi import Array, Dict, List, Map
from tvm_ffi.testing import apply, echo, nop

make_list = tvm_ffi.get_global_func("testing.make_list")


@pytest.mark.parametrize(
    "make",
    [
        lambda: Array([1]),
        lambda: List([1]),
        lambda: Map({"a": 1}),
        lambda: Dict({"a": 1}),
        lambda: nop,
        lambda: tvm_ffi.convert(len),
    ],
    ids=["Array", "List", "Map", "Dict", "Function", "PyFunction"],
)
def test_echo_returns_the_same_wrapper(make: Any) -> None:
    obj = make()
    assert echo(obj) is obj
    assert apply(lambda x: x, obj) is obj
    assert apply(echo, obj) is obj
    assert tvm_ffi.convert(obj) is obj


def test_identity_through_containers() -> None:
    lst = List([1])
    d = Dict({"k": lst})
    arr = Array([lst, lst])
    assert d["k"] is lst
    assert arr[0] is lst and arr[1] is lst
    assert list(d.values())[0] is lst
    assert echo([lst])[0] is lst


def test_slots_prevent_new_attributes_but_identity_holds() -> None:
    lst = List([1])
    with pytest.raises(AttributeError):
        lst.tag = "x"  # type: ignore[attr-defined]
    assert echo(lst) is lst


def test_same_native_object_same_wrapper_from_cpp() -> None:
    lst = make_list(3)
    d = Dict()
    d["a"] = lst
    d["b"] = lst
    assert d["a"] is d["b"] is lst


def test_new_wrapper_after_old_one_dies() -> None:
    d = Dict()
    d["k"] = List([1, 2])
    first = d["k"]
    first_id = first._handle_addr
    ref = weakref.ref(first)
    del first
    gc.collect()
    assert ref() is None  # the wrapper is gone, the native List lives on in d
    second = d["k"]
    assert isinstance(second, List)
    assert second._handle_addr == first_id
    assert second == [1, 2]
    second.append(3)
    assert d["k"] is second
    assert d["k"] == [1, 2, 3]


def test_wrapper_recreated_many_times() -> None:
    holder = Dict({"k": List()})
    for i in range(200):
        lst = holder["k"]
        lst.append(i)
        del lst
    assert len(holder["k"]) == 200
    assert holder["k"][-1] == 199


def test_wrapper_for_cpp_created_object_is_stable() -> None:
    lst = make_list(2)
    assert make_list(2) is not lst  # a new native object each call
    assert lst.same_as(echo(lst))


def test_registered_native_function_keeps_identity(unique_name: Any) -> None:
    name = unique_name("alias")
    tvm_ffi.register_global_func(name, nop)
    assert tvm_ffi.get_global_func(name) is nop


def test_wrapper_bound_by_constructor_is_the_identity() -> None:
    # A Python subclass binds a natively constructed object to `self`;
    # afterwards `self` is the one wrapper of that object.
    class Holder(tvm_ffi.Object):
        __slots__ = ()

    h = Holder()
    h.__init_handle_by_constructor__(make_list, 2)
    assert h.type_key == "ffi.List"
    assert h.same_as(echo(h))
    assert echo(h) is h
    assert Array([h])[0] is h
