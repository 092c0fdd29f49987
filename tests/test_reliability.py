# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Inputs that used to crash the interpreter: values with type indices no
type has, and recursion deeper than the C stack with a raised recursion
limit. Each must raise a Python exception instead."""

from __future__ import annotations

import ctypes
import subprocess
import sys
import textwrap
from typing import Any

import pytest

import tvm_ffi
from tvm_ffi import core, testing

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "registers types, hooks and error kinds inside its tests"


class _Any(ctypes.Structure):
    _fields_ = [
        ("type_index", ctypes.c_int32),
        ("padding", ctypes.c_uint32),
        ("value", ctypes.c_uint64),
    ]


_SafeCall = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int32, ctypes.POINTER(_Any)
)
_keep: list[Any] = []  # the callbacks must outlive their Functions


def _foreign_function(type_index: int, value: int) -> tvm_ffi.Function:
    """A Function over a C function that returns {type_index, value} raw."""

    def call(_self: int, _args: int, num_args: int, result: Any) -> int:
        if num_args < 0:
            return -1  # not a typed export: no Function to hand out
        result[0].type_index, result[0].padding, result[0].value = type_index, 0, value
        return 0

    fn = _SafeCall(call)
    _keep.append(fn)
    address = ctypes.cast(fn, ctypes.c_void_p).value
    assert address is not None
    return core._function_from_symbol(address)


@pytest.mark.parametrize("type_index", [12345, 100, 70000])
def test_unknown_object_type_indices_are_type_errors(type_index: int) -> None:
    buffer = ctypes.create_string_buffer(64)  # a pointer that is not an object
    with pytest.raises(TypeError, match=f"type index {type_index}.*no type is registered"):
        _foreign_function(type_index, ctypes.addressof(buffer))()
    with pytest.raises(TypeError, match=f"type index {type_index}.*carries no object"):
        _foreign_function(type_index, 0)()


def test_unknown_pod_type_index_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="type index 40"):
        _foreign_function(40, 7)()


def _run(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, timeout=600
    )


def test_deep_conversion_with_a_raised_limit_raises_recursion_error() -> None:
    proc = _run("""
        import sys, tvm_ffi
        sys.setrecursionlimit(10**6)
        nested = []
        for _ in range(200_000):
            nested = [nested]
        try:
            tvm_ffi.convert(nested)
        except RecursionError as exc:
            print("RecursionError", "C stack" in str(exc))
        else:
            print("converted")
    """)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["RecursionError", "True"]


def test_deep_callback_chains_with_a_raised_limit_raise_recursion_error() -> None:
    proc = _run("""
        import sys, tvm_ffi, tvm_ffi.testing as T
        sys.setrecursionlimit(10**6)
        def down(n):
            return n if n == 0 else T.apply(down, n - 1)
        assert down(500) == 0  # shallow chains work
        try:
            down(200_000)
        except RecursionError as exc:
            print("RecursionError")
        else:
            print("finished")
        assert down(500) == 0  # and still work afterwards
    """)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["RecursionError"]


def test_python_errors_read_from_cpp_keep_their_traceback() -> None:
    seen = tvm_ffi.get_global_func("testing.error_seen_by_cpp")

    def failing_deep_inside() -> None:
        raise ValueError("from python")

    kind, message, backtrace = seen(failing_deep_inside)
    assert (kind, message) == ("ValueError", "from python")
    assert "failing_deep_inside" in backtrace  # rendered when C++ asked for it


def test_errors_crossing_many_frames_keep_every_frame() -> None:
    import tvm_ffi.testing as T

    def down(n: int) -> int:
        if n == 0:
            raise KeyError("bottom")
        result: int = T.apply(down, n - 1)
        return result

    with pytest.raises(KeyError, match="bottom") as info:
        down(300)
    frames = [f.name for f in __import__("traceback").extract_tb(info.value.__traceback__)]
    assert frames.count("down") == 301  # the same exception object, every frame on it


def test_fixture_arithmetic_refuses_overflow() -> None:
    import tvm_ffi.testing as T

    with pytest.raises(OverflowError, match="overflows int64"):
        T.add_one(2**63 - 1)
    with pytest.raises(OverflowError, match="overflows int64"):
        T.TestIntPair(2**63 - 1, 1).sum()
    assert T.add_one(2**63 - 2) == 2**63 - 1


def test_built_in_type_keys_cannot_be_rebound() -> None:
    with pytest.raises(TypeError, match="`ffi.List` is a built-in type bound to tvm_ffi"):
        tvm_ffi.register_object("ffi.List")(type("MyList", (tvm_ffi.Object,), {}))
    assert type(tvm_ffi.List([1])) is tvm_ffi.List
    assert type(tvm_ffi.convert([1])) is tvm_ffi.Array  # C++-made values too


def test_undecodable_bytes_in_a_cpp_error_are_replaced() -> None:
    from tvm_ffi.config import find_library

    lib = ctypes.CDLL(str(find_library("tvm_ffi")))
    lib.TVMFFIErrorSetRaisedFromCStr.argtypes = [ctypes.c_char_p, ctypes.c_char_p]

    def call(_self: int, _args: int, num_args: int, _result: Any) -> int:
        if num_args >= 0:
            lib.TVMFFIErrorSetRaisedFromCStr(b"ValueError", b"bad \xff byte")
        return -1

    fn = _SafeCall(call)
    _keep.append(fn)
    address = ctypes.cast(fn, ctypes.c_void_p).value
    assert address is not None
    with pytest.raises(ValueError, match="bad \ufffd byte"):
        core._function_from_symbol(address)()


def test_registration_entry_points_check_their_arguments() -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        tvm_ffi.register_global_func("", lambda: None)
    with pytest.raises(TypeError, match="override must be a bool"):
        tvm_ffi.register_global_func("reliability.f", lambda: None, override="yes")  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="expected a callable, got int"):
        tvm_ffi.register_global_func("reliability.f", 5)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="name must be a str, got int"):
        tvm_ffi.remove_global_func(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="name must be a str, got NoneType"):
        tvm_ffi.remove_global_func(None)  # type: ignore[arg-type]
    assert tvm_ffi.get_global_func("reliability.f", allow_missing=True) is None
    with pytest.raises(ValueError, match="must not be empty"):
        tvm_ffi.register_error("", ValueError)
    with pytest.raises(ValueError, match="not valid text"):
        tvm_ffi.register_error("\ud800", ValueError)

    class TwoArgs(Exception):
        def __init__(self, a: str, b: str) -> None:
            super().__init__(a, b)

    with pytest.raises(TypeError, match="TwoArgs cannot be built from one message"):
        tvm_ffi.register_error("reliability.TwoArgs", TwoArgs)
    with pytest.raises(TypeError, match="cannot be built from one message"):
        tvm_ffi.register_error("reliability.Decode", UnicodeDecodeError)


def test_built_in_error_kinds_keep_their_meaning_unless_overridden() -> None:
    with pytest.raises(ValueError, match="'RuntimeError' is a built-in error kind.*override=True"):
        tvm_ffi.register_error("RuntimeError", KeyboardInterrupt)
    with pytest.raises(TypeError, match="override must be a bool, got str"):
        tvm_ffi.register_error("RuntimeError", KeyboardInterrupt, override="yes")  # type: ignore[call-overload]
    # Refused: C++ RuntimeErrors still arrive as RuntimeError.
    with pytest.raises(RuntimeError):
        testing.test_raise_error("RuntimeError", "still a RuntimeError")

    class NarrowValueError(ValueError):
        pass

    try:
        tvm_ffi.register_error("ValueError", NarrowValueError)  # a subclass: allowed
        with pytest.raises(NarrowValueError, match="narrowed"):
            testing.test_raise_error("ValueError", "narrowed")
        tvm_ffi.register_error("ValueError", LookupError, override=True)
        with pytest.raises(LookupError, match="remapped"):
            testing.test_raise_error("ValueError", "remapped")
    finally:
        tvm_ffi.register_error("ValueError", ValueError)
    with pytest.raises(ValueError, match="restored"):
        testing.test_raise_error("ValueError", "restored")


@pytest.mark.parametrize(
    "hook",
    ["__ffi_repr__", "__ffi_eq__", "__ffi_hash__", "__ffi_compare__", "__ffi_shallow_copy__"],
)
def test_engine_hooks_must_be_functions(hook: str) -> None:
    parent = core._object_type_key_to_index("ffi.Object")
    assert parent is not None
    index = core._dynamic_type_create(f"reliability.Hooked{hook}", parent)
    with pytest.raises(
        TypeError,
        match=f"`{hook}` of `reliability.Hooked{hook}` must be a "
        r"Function \(a callable\), got `int`",
    ):
        core._register_type_attr(index, hook, 5)
    assert core._lookup_type_attr(index, hook) is None  # nothing half-registered
    core._register_type_attr(index, hook, lambda *args: None)  # a callable is fine


def test_unregistered_python_subclass_overrides_stay_out_of_the_engines() -> None:
    # Documented (README, @py_class "Python subclasses that are not
    # registered"): the engines follow the native type.
    class Loud(testing.TestIntPair):
        def __repr__(self) -> str:
            return "Loud!"

        def __eq__(self, other: object) -> bool:
            raise AssertionError("the engines do not call a Python-only __eq__")

        __hash__ = testing.TestIntPair.__hash__

    loud = Loud(1, 2)
    assert repr(loud) == "Loud!"
    assert repr(tvm_ffi.List([loud])) == repr(tvm_ffi.List([testing.TestIntPair(1, 2)]))
    assert tvm_ffi.List([loud]) == tvm_ffi.List([testing.TestIntPair(1, 2)])
