# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""tvm_ffi.Object: identity, type keys, the class hierarchy, weak references."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Mapping, MutableMapping, MutableSequence, Sequence

import pytest

import tvm_ffi
from tvm_ffi import Array, Dict, Function, List, Map, Object
from tvm_ffi.testing import echo, nop


def test_type_keys_are_readable() -> None:
    assert Array([1]).type_key == "ffi.Array"
    assert List([1]).type_key == "ffi.List"
    assert Map({"a": 1}).type_key == "ffi.Map"
    assert Dict({"a": 1}).type_key == "ffi.Dict"
    assert nop.type_key == "ffi.Function"
    assert tvm_ffi.convert(lambda: None).type_key == "ffi.Function"


def test_type_index_matches_registry() -> None:
    arr = Array([1])
    assert arr._type_index == tvm_ffi.core._type_key_to_index("ffi.Array")
    assert tvm_ffi.core._type_index_to_key(arr._type_index) == "ffi.Array"


def test_isinstance_follows_hierarchy() -> None:
    arr, lst, mp, dct = Array([1]), List([1]), Map({1: 2}), Dict({1: 2})
    for obj in (arr, lst, mp, dct, nop):
        assert isinstance(obj, Object)
    assert isinstance(nop, Function)
    assert not isinstance(arr, Function)
    assert isinstance(arr, Sequence) and not isinstance(arr, MutableSequence)
    assert isinstance(lst, MutableSequence) and isinstance(lst, Sequence)
    assert isinstance(mp, Mapping) and not isinstance(mp, MutableMapping)
    assert isinstance(dct, MutableMapping) and isinstance(dct, Mapping)
    assert not isinstance(arr, List) and not isinstance(lst, Array)
    assert not isinstance(mp, Dict) and not isinstance(dct, Map)
    assert issubclass(Function, Object)


def test_same_as() -> None:
    a = Array([1, 2])
    b = Array([1, 2])
    assert a.same_as(a)
    assert not a.same_as(b)
    assert a == b  # equal contents, different objects
    assert a.same_as(echo(a))
    assert not a.same_as([1, 2])
    assert not a.same_as(None)
    assert nop.same_as(tvm_ffi.get_global_func("testing.nop"))


def test_weakref() -> None:
    lst = List([1])
    ref = weakref.ref(lst)
    assert ref() is lst
    fired: list[bool] = []
    ref2 = weakref.ref(lst, lambda _: fired.append(True))
    del lst
    gc.collect()
    assert ref() is None
    assert ref2() is None
    assert fired == [True]


def test_function_is_weakrefable() -> None:
    f = tvm_ffi.convert(lambda x: x)
    ref = weakref.ref(f)
    assert ref() is f
    del f
    gc.collect()
    assert ref() is None


def test_default_repr_names_type_key() -> None:
    assert "ffi.Function" in repr(nop)


def test_uninitialized_object_is_rejected_not_crashing() -> None:
    obj = Object()
    with pytest.raises(ValueError, match="not initialized"):
        _ = obj.type_key
    with pytest.raises(ValueError, match="not initialized"):
        echo(obj)
    with pytest.raises(TypeError, match="uninitialized"):
        Function()()


def test_mutable_containers_are_unhashable() -> None:
    for obj in (List([1]), Dict({1: 2})):
        with pytest.raises(TypeError):
            hash(obj)


def test_immutable_container_hash_agrees_with_equality() -> None:
    # Array and Map hash by value (like a tuple): equal values hash equal.
    for a, b in (
        (Array([1, "x"]), Array([1, "x"])),
        (Map({"a": 1, "b": 2}), Map({"b": 2, "a": 1})),
    ):
        assert a == b
        assert hash(a) == hash(b)
