# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Shared fixtures for the tvm_ffi test suites."""

from __future__ import annotations

import gc
import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import tvm_ffi
import tvm_ffi.testing

#: The engines' global functions, as any language reaches them.
ReprPrint = tvm_ffi.get_global_func("ffi.ReprPrint")
RecursiveHash = tvm_ffi.get_global_func("ffi.RecursiveHash")
RecursiveEq = tvm_ffi.get_global_func("ffi.RecursiveEq")
RecursiveCompare = tvm_ffi.get_global_func("ffi.RecursiveCompare")
RecursiveLt = tvm_ffi.get_global_func("ffi.RecursiveLt")
RecursiveLe = tvm_ffi.get_global_func("ffi.RecursiveLe")
RecursiveGt = tvm_ffi.get_global_func("ffi.RecursiveGt")
RecursiveGe = tvm_ffi.get_global_func("ffi.RecursiveGe")
DeepCopy = tvm_ffi.get_global_func("ffi.DeepCopy")

_counter = itertools.count()


@pytest.fixture
def unique_name() -> Iterator[Callable[[str], str]]:
    """Makes global function names no other test uses; removes them afterwards."""
    made: list[str] = []

    def make(stem: str = "f") -> str:
        name = f"pytest.{stem}.{next(_counter)}"
        made.append(name)
        return name

    yield make
    for name in made:
        if tvm_ffi.get_global_func(name, allow_missing=True) is not None:
            tvm_ffi.remove_global_func(name)


def collect() -> None:
    """A full garbage collection (twice: finalizers may free more)."""
    gc.collect()
    gc.collect()


def run_threads(target: Callable[[Any], None], args: list[Any]) -> list[BaseException]:
    """Runs ``target(a)`` for each ``a`` on its own thread, all at once; the
    exceptions they raised (a failed assert in a thread is otherwise lost)."""
    import threading

    errors: list[BaseException] = []

    def guarded(arg: Any) -> None:
        try:
            target(arg)
        except BaseException as exc:  # noqa: BLE001 - returned to the test
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(a,)) for a in args]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def use_count(obj: tvm_ffi.Object) -> int:
    """The native reference count of ``obj``, as the core module reports it."""
    return int(tvm_ffi.core._object_use_count(obj))


def register_hook_once(type_key: str, name: str, hook: Any) -> None:
    """Register a Python engine hook on a type unless one is there already:
    type attributes are registered once per process, so suites share them."""
    import tvm_ffi

    index = tvm_ffi.core._object_type_key_to_index(type_key)
    assert index is not None
    if tvm_ffi.core._lookup_type_attr(index, name) is None:
        tvm_ffi.core._register_type_attr(index, name, hook)


def make_hooked(cls: type, x: Any, z: int) -> Any:
    """A TestCxxAutoInitAllInitOff-shaped object with the given x and z markers."""
    obj = cls()
    obj.x = x
    obj.z = z
    return obj


def make_dag(leaf: Any, depth: int) -> Any:
    """An Array DAG with 2**depth paths to one shared leaf."""
    from tvm_ffi import Array

    node: Any = Array([leaf])
    for _ in range(depth):
        node = Array([node, node])
    return node


@pytest.fixture
def rebind() -> Iterator[Callable[[str], int]]:
    """Records type keys a test re-binds to a class of its own; puts the
    ``tvm_ffi.testing`` class back afterwards. Returns the key's type index."""
    core, testing = tvm_ffi.core, tvm_ffi.testing
    keys: list[str] = []

    def remember(key: str) -> int:
        keys.append(key)
        return core._type_key_to_index(key)

    yield remember
    for key in keys:
        original = getattr(testing, key.split(".", 1)[1])
        index = core._type_key_to_index(key)
        core._register_object_class(index, original)
        assert core._registered_object_class(index) is original


@pytest.fixture
def fresh_key() -> Callable[[str], str]:
    """Type keys no other test uses (a key names one type per process)."""

    def make(stem: str = "T") -> str:
        return f"pytest.py_class.{stem}.{next(_counter)}"

    return make


@pytest.fixture(scope="module", autouse=True)
def live_objects_balance(request: pytest.FixtureRequest) -> Iterator[None]:
    """Each test module must leave as many native objects alive as it found
    (the core library's live-object count, after a full collection).

    A module whose tests register types or global functions keeps what the
    registry holds for the rest of the process; it says so with a module
    attribute ``KEEPS_NATIVE_OBJECTS = "<why>"`` and is checked only for
    not ending below where it started (objects freed twice)."""
    collect()
    before = tvm_ffi.core._live_object_count()
    yield
    collect()
    after = tvm_ffi.core._live_object_count()
    reason = getattr(request.module, "KEEPS_NATIVE_OBJECTS", None)
    if reason is None:
        assert after == before, (
            f"{request.module.__name__} leaked {after - before} native "
            f"objects ({before} alive before it, {after} after)"
        )
    else:
        assert after >= before, f"{request.module.__name__}: live count fell below its start"
