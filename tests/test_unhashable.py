# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""hash() refuses a List or Dict anywhere inside, as Python refuses a tuple holding a list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import tvm_ffi
from tvm_ffi import Array, Dict, List, Map
from tvm_ffi.dataclasses import py_class

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "defines py_class types inside its tests"

RecursiveHash = tvm_ffi.get_global_func("ffi.RecursiveHash")

Key = Callable[[str], str]


def test_list_and_dict_themselves_are_unhashable() -> None:
    with pytest.raises(TypeError, match="unhashable type: 'List'"):
        hash(List([1]))
    with pytest.raises(TypeError, match="unhashable type: 'Dict'"):
        hash(Dict({"a": 1}))


def test_array_holding_a_list_cannot_enter_a_set() -> None:
    # The case: the Array's hash would change with the List.
    inner = List([1])
    outer = Array([inner])
    with pytest.raises(TypeError, match="^unhashable type: 'List'"):
        hash(outer)
    with pytest.raises(TypeError, match="unhashable type: 'List'"):
        {outer}
    inner.append(2)
    assert outer == [[1, 2]]  # still a usable value, just not a key


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda: Array([Dict({"k": 1})]), "Dict"),
        (lambda: Map({"k": List([])}), "List"),
        (lambda: Map({"k": Array([Dict()])}), "Dict"),
        (lambda: Array([1, Array([Map({"k": List([2])})])]), "List"),
    ],
)
def test_mutable_containers_anywhere_inside_are_refused(make: Callable[[], Any], kind: str) -> None:
    with pytest.raises(TypeError, match=f"unhashable type: '{kind}'"):
        hash(make())


def test_immutable_nesting_still_hashes_structurally() -> None:
    a = Array([Array([1, "x"]), Map({"k": Array([2.0])})])
    b = Array([Array([1.0, "x"]), Map({"k": Array([2])})])
    assert a == b
    assert hash(a) == hash(b)
    assert hash(a) == RecursiveHash(a)  # the same hash, where both hash


def test_recursive_hash_still_hashes_mutable_containers() -> None:
    # The C++ API's structural hash is no key hash: it hashes Lists and
    # Dicts by their current contents, as the reference does.
    assert RecursiveHash(List([1])) == RecursiveHash(Array([1]))
    assert RecursiveHash(Array([Dict({"a": 1})])) == RecursiveHash(Array([Map({"a": 1})]))


def test_array_key_holding_a_list_is_refused_and_nothing_changes() -> None:
    d: Dict[Any, int] = Dict({"kept": 1})
    key = Array([1, List([2])])
    with pytest.raises(TypeError, match="unhashable type: 'List'"):
        d[key] = 0
    with pytest.raises(TypeError, match="unhashable type: 'List'"):
        key in d  # noqa: B015
    with pytest.raises(TypeError, match="unhashable type: 'List'"):
        Map({key: 0})
    with pytest.raises(TypeError, match="unhashable type: 'Dict'"):
        Dict([(Array([Dict()]), 0)])
    with pytest.raises(TypeError, match="unhashable"):
        Dict[Any, int]({(1, [2]): 0})  # as Python refuses it
    assert d == {"kept": 1}


def test_native_insertion_refuses_an_unhashable_array_key() -> None:
    # Past the Python-side check: the C++ map itself refuses the key.
    d: Dict[Any, int] = Dict()
    with pytest.raises(TypeError, match="unhashable type: 'List'"):
        tvm_ffi.core._map_setitem(d, Array([List([1])]), 0)  # pyright: ignore[reportPrivateUsage]
    assert len(d) == 0


def test_frozen_object_holding_a_list_is_unhashable(fresh_key: Key) -> None:
    @py_class(fresh_key("FrozenHolder"), eq=True, frozen=True)
    class FrozenHolder(tvm_ffi.Object):
        items: Any

    assert hash(FrozenHolder(Array([1]))) == hash(FrozenHolder(Array([1.0])))
    with pytest.raises(TypeError, match="unhashable type: 'List'"):
        hash(FrozenHolder(List([1])))
    with pytest.raises(TypeError, match="unhashable type: 'Dict'"):
        hash(Array([FrozenHolder(Dict())]))


def test_unsafe_hash_object_holding_a_dict_is_unhashable(fresh_key: Key) -> None:
    # As a dataclass(unsafe_hash=True) with a dict field: hashing it hashes the dict.
    @py_class(fresh_key("Hashed"), eq=True, unsafe_hash=True)
    class Hashed(tvm_ffi.Object):
        table: Any

    with pytest.raises(TypeError, match="unhashable type: 'Dict'"):
        hash(Hashed(Dict({"a": 1})))
    assert hash(Hashed(Map({"a": 1}))) == hash(Hashed(Map({"a": 1})))
