# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""numpy scalars cross like Python's own numbers: ints as int, floats as float, bools as bool."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Optional

import numpy as np
import pytest

import tvm_ffi
from tvm_ffi import Array
from tvm_ffi.dataclasses import py_class
from tvm_ffi.testing import add_one, apply, echo

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "defines py_class types inside its tests"

add_float = tvm_ffi.get_global_func("testing.add_float")

# convert() makes an owned Any, echo a borrowed view, apply(echo, v) a view
# passed on by C++: each must treat a numpy scalar the same way.
ROUND_TRIPS: list[Callable[[Any], Any]] = [tvm_ffi.convert, echo, lambda v: apply(echo, v)]
RT_IDS = ["convert", "echo", "apply-echo"]

INT_TYPES = [np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64]
FLOAT_TYPES = [np.float16, np.float32, np.float64]


@pytest.fixture(params=ROUND_TRIPS, ids=RT_IDS)
def rt(request: pytest.FixtureRequest) -> Callable[[Any], Any]:
    return request.param  # type: ignore[no-any-return]


@pytest.mark.parametrize("np_type", INT_TYPES, ids=lambda t: t.__name__)
def test_numpy_ints_become_python_ints(rt: Callable[[Any], Any], np_type: type[Any]) -> None:
    out = rt(np_type(7))
    assert type(out) is int
    assert out == 7


@pytest.mark.parametrize("np_type", FLOAT_TYPES, ids=lambda t: t.__name__)
def test_numpy_floats_become_python_floats(rt: Callable[[Any], Any], np_type: type[Any]) -> None:
    out = rt(np_type(1.5))
    assert type(out) is float
    assert out == 1.5


@pytest.mark.parametrize("value", [np.bool_(True), np.bool_(False)])
def test_numpy_bools_become_python_bools_not_ints(rt: Callable[[Any], Any], value: Any) -> None:
    out = rt(value)
    assert type(out) is bool
    assert out is bool(value)


def test_extreme_numpy_ints_keep_their_value(rt: Callable[[Any], Any]) -> None:
    assert rt(np.int64(np.iinfo(np.int64).max)) == 2**63 - 1
    assert rt(np.int64(np.iinfo(np.int64).min)) == -(2**63)
    assert rt(np.uint64(2**63 - 1)) == 2**63 - 1


def test_uint64_past_int64_is_an_overflow_error_naming_the_argument() -> None:
    with pytest.raises(OverflowError, match=r"argument #0: numpy\.uint64 .*64-bit"):
        echo(np.uint64(2**64 - 1))
    with pytest.raises(OverflowError, match="argument 'x'"):
        echo(x=np.uint64(2**63))  # type: ignore[call-arg]
    with pytest.raises(OverflowError):
        tvm_ffi.convert(np.uint64(2**63))


def test_typed_int_parameter_takes_numpy_ints() -> None:
    for np_type in INT_TYPES:
        assert add_one(np_type(5)) == 6
    assert add_one(np.bool_(True)) == add_one(True)  # as a Python bool would


def test_typed_float_parameter_takes_numpy_floats_and_ints() -> None:
    assert add_float(np.float32(1.5), np.float16(0.5)) == 2.0
    assert add_float(np.float64(0.25), np.int32(1)) == 1.25


def test_typed_int_parameter_still_refuses_numpy_floats() -> None:
    with pytest.raises(TypeError, match=r"argument #0 .*Expected `int` but got `float`"):
        add_one(np.float32(1.0))


def test_numpy_scalars_inside_containers() -> None:
    arr = tvm_ffi.convert([np.int32(1), np.float32(2.5), np.bool_(True)])
    assert isinstance(arr, Array)
    assert [type(v) for v in arr] == [int, float, bool]
    assert list(arr) == [1, 2.5, True]
    m = echo({"k": np.int64(3)})
    assert type(m["k"]) is int


def test_other_numpy_values_stay_opaque() -> None:
    # Neither an integer nor a real number: passed through as the Python object.
    c = np.complex64(1 + 2j)
    assert echo(c) is c
    a = np.array([1.5, 2.5])
    assert echo(a) is a


def test_numpy_scalars_fill_typed_py_class_fields(fresh_key: Callable[[str], str]) -> None:
    @py_class(fresh_key("NumpyFields"))
    class NumpyFields(tvm_ffi.Object):
        i: int = 0
        f: float = 0.0
        b: bool = False
        o: Optional[int] = None
        a: Any = None

    obj = NumpyFields(np.int64(3), np.float32(1.5), np.bool_(True), np.int16(4), np.uint8(5))  # type: ignore[arg-type]
    assert (obj.i, obj.f, obj.b, obj.o, obj.a) == (3, 1.5, True, 4, 5)
    assert [type(v) for v in (obj.i, obj.f, obj.b, obj.o, obj.a)] == [int, float, bool, int, int]
    obj.i = np.uint32(9)  # type: ignore[assignment]
    obj.f = np.float16(0.5)  # type: ignore[assignment]
    obj.b = np.bool_(False)  # type: ignore[assignment]
    assert (obj.i, obj.f, obj.b) == (9, 0.5, False)


def test_numpy_values_a_typed_field_refuses(fresh_key: Callable[[str], str]) -> None:
    @py_class(fresh_key("NumpyRefused"))
    class NumpyRefused(tvm_ffi.Object):
        i: int = 0

    obj = NumpyRefused()
    with pytest.raises(OverflowError, match=r"field 'i' of .* out of range"):
        obj.i = np.uint64(2**64 - 1)  # type: ignore[assignment]
    with pytest.raises(TypeError, match=r"field 'i' of .* expects `int` but got `numpy\.float64`"):
        obj.i = np.float64(1.0)  # type: ignore[assignment]
    assert obj.i == 0  # nothing half-written


def test_numpy_ints_reach_cxx_constructors_and_typed_containers() -> None:
    pair = tvm_ffi.testing.TestIntPair(np.int64(1), np.uint8(2))  # type: ignore[arg-type]
    assert (pair.a, pair.b) == (1, 2)
    assert type(pair.a) is int
    sum_int_array = tvm_ffi.get_global_func("testing.sum_int_array")
    assert sum_int_array([np.int32(1), np.int64(2), np.uint16(3)]) == 6
