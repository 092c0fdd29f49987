# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Python value <-> Any conversion, through tvm_ffi.convert and testing.echo."""

from __future__ import annotations

import ctypes
import enum
import math
from collections.abc import Callable
from typing import Any

import pytest

import tvm_ffi
from tvm_ffi import Array, Dict, Function, List, Map, Object
from tvm_ffi.testing import add_one, apply, echo

add_float = tvm_ffi.get_global_func("testing.add_float")
optional_int = tvm_ffi.get_global_func("testing.optional_int")
str_len = tvm_ffi.get_global_func("testing.str_len")

INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)

# Two ways a value crosses: convert() (to an owned Any and back) and a call
# into C++ (a borrowed view, copied by the callee, returned as owned).
ROUND_TRIPS: list[Callable[[Any], Any]] = [tvm_ffi.convert, echo, lambda v: apply(echo, v)]
RT_IDS = ["convert", "echo", "apply-echo"]


@pytest.fixture(params=ROUND_TRIPS, ids=RT_IDS)
def rt(request: pytest.FixtureRequest) -> Callable[[Any], Any]:
    return request.param  # type: ignore[no-any-return]


@pytest.mark.parametrize("value", [0, 1, -1, 42, 2**31, -(2**31) - 1, 2**62, INT64_MAX, INT64_MIN])
def test_int(rt: Callable[[Any], Any], value: int) -> None:
    out = rt(value)
    assert type(out) is int
    assert out == value


@pytest.mark.parametrize("value", [INT64_MAX + 1, INT64_MIN - 1, 2**64, -(2**100), 10**30])
def test_int_out_of_range(rt: Callable[[Any], Any], value: int) -> None:
    with pytest.raises(OverflowError):
        rt(value)


def test_int_out_of_range_in_container() -> None:
    with pytest.raises(OverflowError):
        tvm_ffi.convert([1, 2, 2**64])
    with pytest.raises(OverflowError):
        echo({"a": [2**63]})
    with pytest.raises(OverflowError):
        List([2**63])


def test_int_subclass_becomes_int(rt: Callable[[Any], Any]) -> None:
    class Color(enum.IntEnum):
        RED = 7

    out = rt(Color.RED)
    assert type(out) is int and out == 7


@pytest.mark.parametrize("value", [True, False])
def test_bool_stays_bool(rt: Callable[[Any], Any], value: bool) -> None:
    assert rt(value) is value


def test_bool_stays_bool_in_containers() -> None:
    arr = tvm_ffi.convert([True, 1, False, 0])
    assert arr[0] is True
    assert type(arr[1]) is int and arr[1] == 1
    assert arr[2] is False
    assert type(arr[3]) is int and arr[3] == 0
    m = echo({"t": True, "one": 1})
    assert m["t"] is True
    assert type(m["one"]) is int


@pytest.mark.parametrize("value", [0.0, 1.5, -2.25, 1e300, 5e-324, math.pi, math.inf, -math.inf])
def test_float(rt: Callable[[Any], Any], value: float) -> None:
    out = rt(value)
    assert type(out) is float
    assert out == value


def test_float_nan(rt: Callable[[Any], Any]) -> None:
    out = rt(math.nan)
    assert type(out) is float
    assert math.isnan(out)


def test_float_negative_zero(rt: Callable[[Any], Any]) -> None:
    out = rt(-0.0)
    assert type(out) is float
    assert out == 0.0 and math.copysign(1.0, out) == -1.0


def test_float_stays_float_when_integral(rt: Callable[[Any], Any]) -> None:
    out = rt(3.0)
    assert type(out) is float and out == 3.0


def test_none(rt: Callable[[Any], Any]) -> None:
    assert rt(None) is None


@pytest.mark.parametrize(
    "value", ["", "short", "a string longer than seven bytes", b"", b"bytes!!!!"]
)
def test_str_bytes(rt: Callable[[Any], Any], value: str | bytes) -> None:
    out = rt(value)
    assert type(out) is type(value)
    assert out == value


@pytest.mark.parametrize("value", [[], [1, 2, 3], (), (1, "a", None), ["x", 2.5, b"b", True]])
def test_list_and_tuple_become_array(rt: Callable[[Any], Any], value: Any) -> None:
    out = rt(value)
    assert isinstance(out, Array)
    assert not isinstance(out, List)
    assert out == value
    assert len(out) == len(value)


@pytest.mark.parametrize("value", [{}, {"a": 1}, {"a": 1, 2: "b", b"c": None, 3.5: [1]}])
def test_dict_becomes_map(rt: Callable[[Any], Any], value: dict[Any, Any]) -> None:
    out = rt(value)
    assert isinstance(out, Map)
    assert not isinstance(out, Dict)
    assert out == value
    assert list(out.keys()) == list(value.keys())  # insertion order is kept


def test_nested_structures(rt: Callable[[Any], Any]) -> None:
    value = {"a": [1, (2, 3), {"b": [None, True, 1.5]}], "c": {"d": {"e": []}}, "f": ("s", b"b")}
    out = rt(value)
    assert isinstance(out, Map)
    assert isinstance(out["a"], Array)
    assert isinstance(out["a"][1], Array)
    assert isinstance(out["a"][2], Map)
    assert isinstance(out["c"]["d"]["e"], Array)
    assert out["a"][2]["b"][1] is True
    assert out == value


def test_objects_pass_through_unchanged(rt: Callable[[Any], Any]) -> None:
    for obj in (Array([1]), List([1]), Map({"a": 1}), Dict({"a": 1}), add_one):
        assert rt(obj) is obj


def test_containers_inside_plain_list_keep_identity() -> None:
    inner = List([1])
    out = tvm_ffi.convert([inner, {"k": inner}])
    assert out[0] is inner
    assert out[1]["k"] is inner


def test_callable_becomes_function(rt: Callable[[Any], Any]) -> None:
    def add(a: int, b: int) -> int:
        return a + b

    f = rt(add)
    assert isinstance(f, Function)
    assert isinstance(f, Object)
    assert f(2, 3) == 5
    assert apply(f, 4, 5) == 9


def test_lambda_and_bound_method_become_functions() -> None:
    class Acc:
        def __init__(self) -> None:
            self.items: list[int] = []

        def push(self, x: int) -> int:
            self.items.append(x)
            return len(self.items)

    acc = Acc()
    f = tvm_ffi.convert(acc.push)
    assert isinstance(f, Function)
    assert f(10) == 1
    assert apply(f, 20) == 2
    assert acc.items == [10, 20]
    g = tvm_ffi.convert(lambda *args: list(args))
    assert g(1, "a") == [1, "a"]


def test_classes_are_not_turned_into_functions(rt: Callable[[Any], Any]) -> None:
    # A class is callable, but it is a value: it travels as an opaque handle.
    assert rt(int) is int
    assert rt(ValueError) is ValueError


class _Opaque:
    pass


@pytest.mark.parametrize(
    "make",
    [
        object,
        _Opaque,
        lambda: {1, 2},
        lambda: frozenset({3}),
        lambda: 1 + 2j,
        lambda: bytearray(b"x"),
        lambda: range(3),
    ],
    ids=["object", "custom", "set", "frozenset", "complex", "bytearray", "range"],
)
def test_other_objects_travel_as_opaque_handles(
    rt: Callable[[Any], Any], make: Callable[[], Any]
) -> None:
    obj = make()
    assert rt(obj) is obj


def test_opaque_handles_inside_containers() -> None:
    obj = _Opaque()
    arr = echo([obj, {"k": obj}])
    assert arr[0] is obj
    assert arr[1]["k"] is obj
    lst = List([obj])
    assert lst[0] is obj


def test_c_void_p() -> None:
    out = tvm_ffi.convert(ctypes.c_void_p(0x1234))
    assert isinstance(out, ctypes.c_void_p)
    assert out.value == 0x1234
    assert echo(ctypes.c_void_p(None)) is None


def test_typed_param_rejects_opaque_object() -> None:
    with pytest.raises(TypeError) as info:
        add_one(object())
    msg = str(info.value)
    assert "object" in msg
    assert "int" in msg


def test_typed_param_rejects_custom_object_naming_its_type() -> None:
    with pytest.raises(TypeError, match="_Opaque"):
        add_one(_Opaque())


def test_typed_int_param() -> None:
    assert add_one(1) == 2
    assert add_one(-1) == 0
    assert add_one(INT64_MAX - 1) == INT64_MAX
    with pytest.raises(TypeError, match="Expected `int` but got `float`"):
        add_one(1.5)
    with pytest.raises(TypeError, match="Expected `int` but got `str`"):
        add_one("1")
    with pytest.raises(TypeError):
        add_one(None)
    with pytest.raises(TypeError):
        add_one([1])


def test_typed_float_param_accepts_int() -> None:
    assert add_float(1, 2.5) == 3.5
    assert add_float(1, 2) == 3.0
    assert type(add_float(1, 2)) is float
    with pytest.raises(TypeError, match="float"):
        add_float("1", 2.0)


def test_typed_optional_param() -> None:
    assert optional_int(None) == -1
    assert optional_int(5) == 5
    assert optional_int(0) == 0
    with pytest.raises(TypeError):
        optional_int("x")


def test_typed_str_param() -> None:
    assert str_len("abc") == 3
    with pytest.raises(TypeError, match="Expected `str` but got `int`"):
        str_len(3)
