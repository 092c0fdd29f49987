# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Misuse from Python raises a Python exception; the interpreter never crashes."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any

import pytest

import tvm_ffi
from tvm_ffi import Array, Dict, List, Map, Object
from tvm_ffi.testing import add_one, apply, echo


def _nest_lists(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def _nest_dicts(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth):
        value = {"k": value}
    return value


def _exit_code_in_child(work: Callable[[], None], timeout: float = 30) -> int | None:
    """Runs ``work`` in a forked child (which has tvm_ffi loaded already) and
    returns its exit code: 0 when it returned, 1 when it raised, a negative
    signal number when it crashed."""
    proc = multiprocessing.get_context("fork").Process(target=work)
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.kill()
        proc.join()
        raise AssertionError("child process timed out")
    return proc.exitcode


def _free_list_chain() -> None:
    lst = List()
    for _ in range(1_000_000):
        lst = List([lst])
    del lst


def _free_dict_chain() -> None:
    d = Dict()
    for _ in range(1_000_000):
        d = Dict({"k": d})
    del d


def _mixed_misuse() -> None:
    from tvm_ffi import testing as t

    bad = [
        lambda: t.add_one("x"),
        lambda: t.add_one(),
        lambda: t.add_one(1, 2),
        lambda: t.echo(2**64),
        lambda: t.apply(5),
        lambda: t.apply(),
        lambda: t.test_raise_error("X", "y"),
        lambda: tvm_ffi.Function()(),
        lambda: tvm_ffi.Object().type_key,
        lambda: tvm_ffi.Array([1])[5],
        lambda: tvm_ffi.get_global_func(1),
        lambda: tvm_ffi.register_error(1),
        lambda: t.apply(lambda: 1 / 0),
        lambda: t.object_use_count(1),
        lambda: tvm_ffi.List([1]).pop(3),
        lambda: tvm_ffi.Dict()["missing"],
        lambda: tvm_ffi.core._seq_splice(tvm_ffi.List(), 1, 0, []),
    ]
    for f in bad:
        try:
            f()
        except BaseException:  # noqa: BLE001 - any exception is fine; a crash is not
            pass
        else:
            raise SystemExit(f"no error from {f!r}")


# ------------------------------------------------------------- deep nesting


@pytest.mark.parametrize(
    "convert",
    [tvm_ffi.convert, echo, Array, lambda v: List([v])],
    ids=["convert", "echo", "Array", "List"],
)
def test_deeply_nested_lists_raise_recursion_error(convert: Any) -> None:
    deep = _nest_lists(100_000)
    with pytest.raises(RecursionError):
        convert(deep)
    assert echo([[1]]) == [[1]]  # still usable afterwards


def test_deeply_nested_dicts_raise_recursion_error() -> None:
    deep = _nest_dicts(100_000)
    with pytest.raises(RecursionError):
        tvm_ffi.convert(deep)
    with pytest.raises(RecursionError):
        Dict({"top": deep})
    assert echo({"a": {"b": 1}}) == {"a": {"b": 1}}


def test_deeply_nested_tuples_raise_recursion_error() -> None:
    value: Any = ()
    for _ in range(100_000):
        value = (value, 1)
    with pytest.raises(RecursionError):
        apply(lambda x: None, value)


def test_moderate_nesting_works() -> None:
    out = echo(_nest_lists(200))
    depth = 0
    while len(out):
        out = out[0]
        depth += 1
    assert depth == 200


def test_self_referencing_python_list_raises_recursion_error() -> None:
    a: list[Any] = [1]
    a.append(a)
    with pytest.raises(RecursionError):
        echo(a)
    d: dict[str, Any] = {}
    d["self"] = d
    with pytest.raises(RecursionError):
        tvm_ffi.convert(d)


def test_repr_of_self_containing_list_does_not_crash() -> None:
    lst: List[Any] = List([1])
    lst.append(lst)
    assert repr(lst) == "[1, ...]"  # the cycle prints as `...`
    lst.pop()


def test_long_chain_of_lists_is_freed_without_crash() -> None:
    # A chain built one level at a time (no recursion while building) must be
    # released without overflowing the native stack.
    assert _exit_code_in_child(_free_list_chain) == 0


def test_long_chain_of_dicts_is_freed_without_crash() -> None:
    assert _exit_code_in_child(_free_dict_chain) == 0


# ------------------------------------------------------ wrong calls / input


def test_out_of_range_ints() -> None:
    for value in (2**63, -(2**63) - 1, 2**200):
        with pytest.raises(OverflowError):
            add_one(value)
        with pytest.raises(OverflowError):
            List([value])
        with pytest.raises(OverflowError):
            Map({"k": value})


def test_calls_to_missing_and_removed_functions(unique_name: Any) -> None:
    with pytest.raises(ValueError):
        tvm_ffi.get_global_func("pytest.does.not.exist")
    with pytest.raises(ValueError):
        tvm_ffi.get_global_func("")
    name = unique_name("gone")
    tvm_ffi.register_global_func(name, lambda: 1)
    tvm_ffi.remove_global_func(name)
    with pytest.raises(ValueError):
        tvm_ffi.get_global_func(name)


def test_uninitialized_wrappers_are_rejected() -> None:
    class Sub(Object):
        __slots__ = ()

    for obj in (Object(), Sub()):
        with pytest.raises(ValueError):
            echo(obj)
        with pytest.raises(ValueError):
            tvm_ffi.convert([obj])
        with pytest.raises(ValueError):
            tvm_ffi.core._object_use_count(obj)
        assert not obj.same_as(Object())


def test_container_helpers_reject_bad_input() -> None:
    with pytest.raises(TypeError):
        List(5)  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        Array(None)  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        Map(5)  # type: ignore[call-overload]
    with pytest.raises(IndexError):
        tvm_ffi.core._seq_splice(List([1, 2]), 2, 1, [])
    with pytest.raises(IndexError):
        tvm_ffi.core._seq_splice(List([1, 2]), -1, 1, [])
    with pytest.raises(IndexError):
        tvm_ffi.core._seq_splice(List([1, 2]), 0, 3, [])
    with pytest.raises(TypeError):
        tvm_ffi.core._object_use_count(5)


def test_registry_helpers_reject_bad_input() -> None:
    with pytest.raises(KeyError):
        tvm_ffi.core._type_index_to_key(-5)
    with pytest.raises(KeyError):
        tvm_ffi.core._type_key_to_index("pytest.no.such.type")
    with pytest.raises(ValueError):
        tvm_ffi.core._register_object_class(10**6, List)
    with pytest.raises(TypeError):
        tvm_ffi.core._register_object_class(0, int)


def test_iterator_failing_midway_leaves_list_unchanged() -> None:
    def gen() -> Any:
        yield 1
        yield 2
        raise ValueError("generator failed")

    lst = List([0])
    with pytest.raises(ValueError, match="generator failed"):
        lst.extend(gen())
    assert list(lst) == [0]
    with pytest.raises(ValueError, match="generator failed"):
        List(gen())


def test_failing_index_protocol() -> None:
    class BadIndex:
        def __index__(self) -> int:
            raise ZeroDivisionError("bad index")

    with pytest.raises(ZeroDivisionError):
        List([1])[BadIndex()]  # type: ignore[index]


def test_reentrant_finalizer_during_list_mutation() -> None:
    lst: List[Any] = List()

    class ClearsOnDelete:
        def __del__(self) -> None:
            lst.clear()

    lst.extend([ClearsOnDelete(), 1, 2])
    del lst[0]  # the finalizer runs while the native list is being changed
    assert list(lst) == []
    lst.extend([ClearsOnDelete(), 1])
    lst[0:1] = [7, 8]
    assert list(lst) == [7, 8, 1]


def test_reentrant_finalizer_during_dict_mutation() -> None:
    d: Dict[Any, Any] = Dict()

    class RefillsOnDelete:
        def __del__(self) -> None:
            d.clear()
            d["refilled"] = True

    d["a"] = RefillsOnDelete()
    d["b"] = 2
    d["a"] = 5  # releases the old value, whose finalizer rewrites d
    assert dict(d.items()) == {"refilled": True}


def test_callback_raising_inside_container_conversion() -> None:
    def cb(x: Any) -> Any:
        raise RuntimeError("callback failed")

    for _ in range(3):
        with pytest.raises(RuntimeError, match="callback failed"):
            apply(cb, [1, 2, {"k": "v"}])
    assert apply(lambda x: x, 5) == 5


def test_mixed_misuse_does_not_crash_the_process() -> None:
    # A crash in native code would kill pytest; run a mixed bag of misuse in a
    # child process and check it exits normally.
    assert _exit_code_in_child(_mixed_misuse) == 0


@pytest.mark.parametrize("bad", [3, "abc", object(), int])
def test_error_kind_of_rejects_what_is_not_an_exception_class(bad: Any) -> None:
    with pytest.raises(TypeError, match="expected an exception class"):
        tvm_ffi.core._error_kind_of(bad)


@pytest.mark.parametrize("parent", [-7, -1, 1, 63])
def test_dynamic_type_needs_an_object_parent(parent: int) -> None:
    key = f"pytest.bad_parent_{parent}"
    with pytest.raises(
        ValueError, match=rf"`{key}`: parent type index {parent} is not an object type"
    ):
        tvm_ffi.core._register_type(key, parent)
    assert tvm_ffi.core._object_type_key_to_index(key) is None  # nothing half-registered
