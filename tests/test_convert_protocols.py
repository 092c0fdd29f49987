# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Classes that convert themselves: __index__ and the __tvm_ffi_*__ protocols."""

from __future__ import annotations

import ctypes
import fractions
from collections.abc import Callable
from typing import Any

import pytest

import tvm_ffi
from tvm_ffi import Array, Function, Object
from tvm_ffi.dataclasses import py_class
from tvm_ffi.testing import add_one, apply, echo

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "defines py_class types inside its tests"

add_float = tvm_ffi.get_global_func("testing.add_float")

ROUND_TRIPS: list[Callable[[Any], Any]] = [tvm_ffi.convert, echo, lambda v: apply(echo, v)]
RT_IDS = ["convert", "echo", "apply-echo"]


@pytest.fixture(params=ROUND_TRIPS, ids=RT_IDS)
def rt(request: pytest.FixtureRequest) -> Callable[[Any], Any]:
    return request.param  # type: ignore[no-any-return]


class Index:
    """An integer-like value that is no int: only ``__index__``."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __index__(self) -> Any:
        return self.value


class Value:
    """Converts as whatever ``__tvm_ffi_value__`` returns."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __tvm_ffi_value__(self) -> Any:
        return self.value


class Wraps:
    """Converts as the Object ``__tvm_ffi_object__`` returns."""

    def __init__(self, obj: Any) -> None:
        self.obj = obj

    def __tvm_ffi_object__(self) -> Any:
        return self.obj


class Pointer:
    """Converts as an opaque pointer at the address ``__tvm_ffi_opaque_ptr__`` returns."""

    def __init__(self, address: Any) -> None:
        self.address = address

    def __tvm_ffi_opaque_ptr__(self) -> Any:
        return self.address


# ---------------------------------------------------------------------------
# __index__ and other numbers
# ---------------------------------------------------------------------------


def test_index_objects_become_ints(rt: Callable[[Any], Any]) -> None:
    out = rt(Index(41))
    assert type(out) is int
    assert out == 41


def test_typed_int_parameter_takes_index_objects() -> None:
    assert add_one(Index(3)) == 4
    assert add_one(Index(-8)) == -7


def test_index_that_raises_surfaces_its_error() -> None:
    class Broken:
        def __index__(self) -> int:
            raise ZeroDivisionError("index failed")

    with pytest.raises(ZeroDivisionError, match="index failed"):
        add_one(Broken())
    with pytest.raises(ZeroDivisionError, match="index failed"):
        tvm_ffi.convert([Broken()])


def test_index_refusing_with_type_error_means_not_an_integer() -> None:
    # numpy's floats and arrays answer __index__ with TypeError; such a value
    # is passed on as itself.
    class NotAnInteger:
        def __index__(self) -> int:
            raise TypeError("not an integer")

    value = NotAnInteger()
    assert echo(value) is value
    with pytest.raises(TypeError, match=r"Mismatched type on argument #0 .*Expected `int`"):
        add_one(value)


def test_huge_index_is_an_overflow_error_naming_the_argument() -> None:
    with pytest.raises(
        OverflowError, match=r"argument #1: .*Index 1180591620717411303424 too large"
    ):
        add_float(1.0, Index(2**70))
    with pytest.raises(OverflowError, match="argument 'n'"):
        echo(n=Index(-(2**64)))  # type: ignore[call-arg]
    with pytest.raises(OverflowError, match="argument #0: Python int too large"):
        add_one(2**64)


def test_index_returning_a_non_int_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        add_one(Index("7"))


def test_real_numbers_become_floats(rt: Callable[[Any], Any]) -> None:
    out = rt(fractions.Fraction(3, 4))
    assert type(out) is float
    assert out == 0.75
    assert add_float(fractions.Fraction(1, 2), 1) == 1.5


def test_index_fills_a_typed_field(fresh_key: Callable[[str], str]) -> None:
    @py_class(fresh_key("IndexField"))
    class IndexField(tvm_ffi.Object):
        n: int = 0

    obj = IndexField(Index(5))  # type: ignore[arg-type]
    assert obj.n == 5
    obj.n = Index(6)  # type: ignore[assignment]
    assert obj.n == 6
    with pytest.raises(OverflowError, match="field 'n'"):
        obj.n = Index(2**63)  # type: ignore[assignment]
    assert obj.n == 6


# ---------------------------------------------------------------------------
# __tvm_ffi_value__
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "inner", [3, 2.5, True, None, "short", "a string too long to be inline", b"xy"]
)
def test_value_protocol_converts_as_its_result(rt: Callable[[Any], Any], inner: Any) -> None:
    out = rt(Value(inner))
    assert type(out) is type(inner)
    assert out == inner


def test_value_protocol_results_convert_fully() -> None:
    arr = echo(Value([1, Value(2), {"k": Value("v")}]))
    assert isinstance(arr, Array)
    assert arr[0] == 1 and arr[1] == 2 and arr[2]["k"] == "v"
    assert echo(Value(Value(Value(4)))) == 4
    assert add_one(Value(9)) == 10
    f = echo(Value(lambda: 11))
    assert isinstance(f, Function)
    assert f() == 11


def test_value_protocol_returning_itself_is_a_recursion_error() -> None:
    class Itself:
        def __tvm_ffi_value__(self) -> Any:
            return self

    with pytest.raises(RecursionError, match="__tvm_ffi_value__"):
        echo(Itself())


def test_value_protocols_returning_each_other_is_a_recursion_error() -> None:
    class Ping:
        def __tvm_ffi_value__(self) -> Any:
            return Pong()

    class Pong:
        def __tvm_ffi_value__(self) -> Any:
            return [Ping()]

    with pytest.raises(RecursionError):
        tvm_ffi.convert(Ping())


def test_value_protocol_errors_surface_as_themselves() -> None:
    class Refuses:
        def __tvm_ffi_value__(self) -> Any:
            raise KeyError("no value")

    with pytest.raises(KeyError, match="no value"):
        echo(Refuses())


def test_protocols_are_looked_up_on_the_class() -> None:
    class Plain:
        pass

    plain = Plain()
    plain.__tvm_ffi_value__ = lambda: 5  # type: ignore[attr-defined]
    assert echo(plain) is plain


def test_python_kinds_win_over_the_value_protocol() -> None:
    class IntWithValue(int):
        def __tvm_ffi_value__(self) -> Any:
            return "not used"

    assert echo(IntWithValue(3)) == 3


# ---------------------------------------------------------------------------
# __tvm_ffi_object__
# ---------------------------------------------------------------------------


def test_object_protocol_passes_the_object_itself(rt: Callable[[Any], Any]) -> None:
    arr = tvm_ffi.convert([1, 2])
    assert rt(Wraps(arr)) is arr


def test_object_protocol_keeps_a_temporary_object_alive() -> None:
    class MakesOne:
        def __tvm_ffi_object__(self) -> Any:
            return tvm_ffi.convert(["fresh", 7])

    out = echo(MakesOne())
    assert list(out) == ["fresh", 7]
    assert list(apply(echo, MakesOne())) == ["fresh", 7]


def test_object_protocol_wins_over_the_value_protocol() -> None:
    arr = tvm_ffi.convert([1])

    class Both(Wraps):
        def __tvm_ffi_value__(self) -> Any:
            return "not used"

    assert echo(Both(arr)) is arr


@pytest.mark.parametrize("bad", [3, None, [1, 2], "text"], ids=["int", "None", "list", "str"])
def test_object_protocol_must_return_an_object(bad: Any) -> None:
    name = type(bad).__name__
    with pytest.raises(
        TypeError, match=rf"Wraps\.__tvm_ffi_object__\(\) must return a tvm_ffi\.Object, got {name}"
    ):
        echo(Wraps(bad))
    with pytest.raises(TypeError, match="__tvm_ffi_object__"):
        tvm_ffi.convert([Wraps(bad)])


def test_object_protocol_returning_an_unbound_wrapper_is_refused() -> None:
    unbound = Object.__new__(Object)
    with pytest.raises(ValueError, match="not initialized"):
        echo(Wraps(unbound))


# ---------------------------------------------------------------------------
# __tvm_ffi_opaque_ptr__
# ---------------------------------------------------------------------------


def test_opaque_ptr_protocol_comes_back_as_c_void_p(rt: Callable[[Any], Any]) -> None:
    out = rt(Pointer(0x1234))
    assert isinstance(out, ctypes.c_void_p)
    assert out.value == 0x1234
    assert rt(Pointer(Index(0x99))).value == 0x99
    assert rt(Pointer(2**64 - 1)).value == 2**64 - 1


def test_opaque_ptr_protocol_null_is_none_like_a_null_c_void_p() -> None:
    assert echo(Pointer(0)) is None
    assert echo(ctypes.c_void_p(None)) is None


def test_opaque_ptr_protocol_reaches_a_typed_pointer_as_what_c_void_p_does() -> None:
    # Both are the same Any kind: an int parameter refuses either the same way.
    for value in (Pointer(8), ctypes.c_void_p(8)):
        with pytest.raises(TypeError, match="Expected `int` but got `void\\*`"):
            add_one(value)


@pytest.mark.parametrize("bad", ["0x10", 1.5, ctypes.c_void_p(5), None])
def test_opaque_ptr_protocol_must_return_an_int(bad: Any) -> None:
    with pytest.raises(
        TypeError, match=r"Pointer\.__tvm_ffi_opaque_ptr__\(\) must return an int address"
    ):
        echo(Pointer(bad))


@pytest.mark.parametrize("bad", [-1, 2**64, 2**100])
def test_opaque_ptr_protocol_address_out_of_range(bad: int) -> None:
    with pytest.raises(OverflowError, match=r"argument #0: .*returned .*which is not an address"):
        echo(Pointer(bad))


def test_opaque_ptr_protocol_errors_surface_as_themselves() -> None:
    class Refuses:
        def __tvm_ffi_opaque_ptr__(self) -> int:
            raise RuntimeError("no pointer")

    with pytest.raises(RuntimeError, match="no pointer"):
        echo(Refuses())
