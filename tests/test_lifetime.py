# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Lifetime: native objects are freed when the last reference goes, and no
path (including error paths) leaks a reference."""

from __future__ import annotations

import sys
import weakref
from typing import Any

import pytest
from conftest import collect, use_count

import tvm_ffi
from tvm_ffi import Array, Dict, List
from tvm_ffi.testing import add_one, apply, echo, object_use_count

list_append = tvm_ffi.get_global_func("testing.list_append")
dict_set = tvm_ffi.get_global_func("testing.dict_set")
sum_int_array = tvm_ffi.get_global_func("testing.sum_int_array")


class Probe:
    """A plain Python object whose death a weak reference observes."""


def test_use_count_of_fresh_object() -> None:
    lst = List()
    assert use_count(lst) == 1  # only the wrapper holds it
    assert object_use_count(lst) == use_count(lst)


def test_use_count_follows_container_membership() -> None:
    lst = List([1])
    base = object_use_count(lst)
    d = Dict()
    d["k"] = lst
    assert object_use_count(lst) == base + 1
    assert use_count(lst) == base + 1
    d["k2"] = lst
    assert object_use_count(lst) == base + 2
    del d["k"]
    assert object_use_count(lst) == base + 1
    d["k2"] = 0  # overwritten value released
    assert object_use_count(lst) == base
    d["k3"] = lst
    d.clear()
    assert object_use_count(lst) == base


def test_use_count_with_sequences() -> None:
    inner = Dict()
    base = use_count(inner)
    arr = Array([inner, inner, inner])
    assert use_count(inner) == base + 3
    del arr
    assert use_count(inner) == base
    lst = List([inner])
    lst.append(inner)
    assert use_count(inner) == base + 2
    lst.pop()
    assert use_count(inner) == base + 1
    lst[0] = 0
    assert use_count(inner) == base
    lst.extend([inner, inner])
    lst.reverse()
    del lst[0:1]
    assert use_count(inner) == base + 1
    lst.clear()
    assert use_count(inner) == base


def test_use_count_cpp_mutation() -> None:
    inner = List()
    outer = List()
    base = use_count(inner)
    list_append(outer, inner)
    assert use_count(inner) == base + 1
    d = Dict()
    dict_set(d, "k", inner)
    assert use_count(inner) == base + 2
    del outer, d
    assert use_count(inner) == base


def test_extra_python_references_do_not_add_native_references() -> None:
    lst = List()
    base = use_count(lst)
    aliases = [lst, echo(lst), Dict({"k": lst})["k"]]
    collect()
    assert all(a is lst for a in aliases)
    assert use_count(lst) == base


def test_native_object_freed_with_last_reference() -> None:
    probe = Probe()
    ref = weakref.ref(probe)
    lst = List([probe])
    del probe
    assert ref() is not None  # the native List holds it
    outer = Dict({"l": lst})
    del lst
    collect()
    assert ref() is not None  # still reachable via outer
    del outer
    collect()
    assert ref() is None


def test_map_from_dict_frees_values() -> None:
    probe = Probe()
    ref = weakref.ref(probe)
    m = tvm_ffi.convert({"a": [probe]})
    del probe
    assert ref() is not None
    del m
    collect()
    assert ref() is None


def test_temporaries_of_a_call_are_released() -> None:
    probe = Probe()
    ref = weakref.ref(probe)
    before = sys.getrefcount(probe)
    for _ in range(50):
        echo([probe, {"k": probe}])
        apply(lambda *a: None, probe, [probe])
        assert sum_int_array([1, 2]) == 3
    collect()
    assert sys.getrefcount(probe) == before
    del probe
    collect()
    assert ref() is None


def test_function_from_callable_released() -> None:
    class CallMe:
        def __call__(self, x: int) -> int:
            return x

    cb = CallMe()
    ref = weakref.ref(cb)
    f = tvm_ffi.convert(cb)
    del cb
    assert ref() is not None
    assert f(3) == 3
    del f
    collect()
    assert ref() is None


def test_callable_passed_to_call_is_released() -> None:
    class CallMe:
        def __call__(self) -> int:
            return 1

    cb = CallMe()
    before = sys.getrefcount(cb)
    for _ in range(50):
        assert apply(cb) == 1
    collect()
    assert sys.getrefcount(cb) == before


def test_typed_call_with_bad_argument_does_not_leak() -> None:
    lst = List([1])
    base = use_count(lst)
    for _ in range(200):
        with pytest.raises(TypeError):
            add_one(lst)
        with pytest.raises(TypeError):
            sum_int_array([lst])
        with pytest.raises(TypeError):
            add_one(lst, lst)
    collect()
    assert use_count(lst) == base


def test_typed_call_with_bad_opaque_argument_does_not_leak() -> None:
    probe = Probe()
    before = sys.getrefcount(probe)
    for _ in range(200):
        with pytest.raises(TypeError):
            add_one(probe)
        with pytest.raises(TypeError):
            add_one([probe, probe])
    collect()
    assert sys.getrefcount(probe) == before


def test_failed_conversion_releases_partial_results() -> None:
    probe = Probe()
    lst = List()
    before = sys.getrefcount(probe)
    base = use_count(lst)
    for _ in range(100):
        with pytest.raises(OverflowError):
            echo([probe, lst, {"k": probe}, 2**64])
        with pytest.raises(OverflowError):
            List([probe, lst, 2**64])
        with pytest.raises(OverflowError):
            Dict({"a": lst, "b": 2**64})
    collect()
    assert sys.getrefcount(probe) == before
    assert use_count(lst) == base


def test_raising_callback_does_not_leak_its_arguments() -> None:
    probe = Probe()
    lst = List()
    before = sys.getrefcount(probe)
    base = use_count(lst)

    def cb(*args: Any) -> None:
        raise ValueError("no")

    for _ in range(100):
        with pytest.raises(ValueError):
            apply(cb, probe, lst, [probe, lst])
    collect()
    assert sys.getrefcount(probe) == before
    assert use_count(lst) == base


def test_cpp_error_does_not_leak() -> None:
    lst = List()
    base = use_count(lst)
    for _ in range(100):
        with pytest.raises(KeyError):
            tvm_ffi.get_global_func("testing.map_get")({"a": lst}, "b")
    collect()
    assert use_count(lst) == base


def test_exception_object_released_after_crossing() -> None:
    class Boom(Exception):
        pass

    def cb() -> None:
        raise Boom()

    refs = []
    for _ in range(10):
        try:
            apply(cb)
        except Boom as e:
            refs.append(weakref.ref(e))
    collect()
    assert all(r() is None for r in refs)


def test_wrapper_death_releases_one_reference() -> None:
    d = Dict({"k": List()})
    base = use_count(d["k"])
    for _ in range(20):
        w = d["k"]
        del w
    collect()
    assert use_count(d["k"]) == base


def test_python_object_in_map_freed_on_delete() -> None:
    probe = Probe()
    ref = weakref.ref(probe)
    d = Dict()
    d["p"] = probe
    d[probe] = "as key"
    del probe
    collect()
    assert ref() is not None
    del d["p"]
    collect()
    assert ref() is not None  # still a key
    d.clear()
    collect()
    assert ref() is None


def test_global_function_keeps_objects_alive(unique_name: Any) -> None:
    probe = Probe()
    ref = weakref.ref(probe)
    name = unique_name("closure")
    tvm_ffi.register_global_func(name, lambda p=probe: p)
    del probe
    collect()
    assert ref() is not None
    assert tvm_ffi.get_global_func(name)() is ref()
    tvm_ffi.remove_global_func(name)
    collect()
    assert ref() is None
