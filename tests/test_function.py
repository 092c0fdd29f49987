# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Functions: calling native functions, the global registry, Python callbacks."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import pytest

import tvm_ffi
from tvm_ffi import Function
from tvm_ffi.testing import add_one, apply, echo, nop

NameFactory = Callable[[str], str]


# ------------------------------------------------------------------ calls


def test_nop_returns_none() -> None:
    assert nop() is None


def test_add_one() -> None:
    assert add_one(41) == 42


def test_apply_calls_function_with_args() -> None:
    assert apply(add_one, 1) == 2
    assert apply(lambda: "no args") == "no args"
    assert apply(lambda a, b, c: (a, b, c), 1, "x", None) == [1, "x", None]
    assert apply(lambda *args: len(args), *range(30)) == 30  # more than a stack buffer


def test_many_arguments() -> None:
    args = list(range(20))
    assert apply(lambda *a: sum(a), *args) == sum(args)
    out = apply(lambda *a: list(a), *["s" * i for i in range(12)])
    assert list(out) == ["s" * i for i in range(12)]


def test_python_callback_receives_converted_values() -> None:
    received: list[Any] = []

    def cb(*args: Any) -> None:
        received.extend(args)

    obj = object()
    lst = tvm_ffi.List([1])
    apply(cb, 1, 2.5, "str", b"by", None, True, [1, 2], {"a": 1}, obj, lst)
    assert received[:6] == [1, 2.5, "str", b"by", None, True]
    assert received[5] is True
    assert isinstance(received[6], tvm_ffi.Array) and received[6] == [1, 2]
    assert isinstance(received[7], tvm_ffi.Map) and received[7] == {"a": 1}
    assert received[8] is obj
    assert received[9] is lst


def test_callback_return_values_convert() -> None:
    assert apply(lambda: [1, [2]]) == [1, [2]]
    assert isinstance(apply(lambda: (1, 2)), tvm_ffi.Array)
    assert apply(lambda: {"a": None}) == {"a": None}
    assert apply(lambda: None) is None
    obj = object()
    assert apply(lambda: obj) is obj
    f = apply(lambda: lambda x: x + 100)
    assert isinstance(f, Function)
    assert f(1) == 101


def test_callback_can_call_back_into_cpp() -> None:
    def outer(n: int) -> int:
        if n == 0:
            return 0
        return 1 + apply(outer, n - 1)

    assert apply(outer, 50) == 50


def test_function_passed_to_cpp_and_returned() -> None:
    def double(x: int) -> int:
        return 2 * x

    f = echo(double)
    assert isinstance(f, Function)
    assert f(21) == 42
    assert apply(f, 5) == 10
    assert echo(f) is f


def test_keyword_arguments_rejected_by_typed_functions() -> None:
    with pytest.raises(TypeError):
        add_one(x=1)
    with pytest.raises(TypeError):
        echo(1, extra=2)
    assert add_one(1) == 2  # nothing stale left behind


def test_packed_functions_take_any_arguments() -> None:
    # testing.nop is a packed function, as in the reference system: the
    # callee sees every argument (keywords after KWARGS) and checks nothing.
    assert nop() is None
    assert nop(1, "two", flag=True) is None


def test_wrong_argument_count() -> None:
    with pytest.raises(TypeError, match="Expected 1 but got 2"):
        add_one(1, 2)
    with pytest.raises(TypeError, match="Expected 1 but got 0"):
        add_one()


def test_wrong_argument_type_message() -> None:
    with pytest.raises(TypeError) as info:
        add_one("x")
    assert str(info.value) == (
        "Mismatched type on argument #0 when calling: `testing.add_one(0: int) -> int`. "
        "Expected `int` but got `str`"
    )


def test_wrong_type_on_second_argument() -> None:
    add_float = tvm_ffi.get_global_func("testing.add_float")
    with pytest.raises(TypeError, match="argument #1"):
        add_float(1.0, "x")


def test_python_callback_with_wrong_arity_raises_type_error() -> None:
    with pytest.raises(TypeError):
        apply(lambda x: x)
    with pytest.raises(TypeError):
        apply(lambda: 1, 2)


def test_apply_with_non_function() -> None:
    with pytest.raises(TypeError):
        apply()
    with pytest.raises(TypeError):
        apply(1)
    with pytest.raises(TypeError):
        apply("not a function")


def test_callback_returning_unconvertible_value() -> None:
    with pytest.raises(OverflowError):
        apply(lambda: 2**64)


# --------------------------------------------------------------- registry


def test_get_global_func() -> None:
    f = tvm_ffi.get_global_func("testing.add_one")
    assert isinstance(f, Function)
    assert f(1) == 2
    assert f is add_one  # one wrapper per native function


def test_get_missing_global_func() -> None:
    name = "pytest.surely.missing.function"
    with pytest.raises(ValueError, match="pytest.surely.missing.function"):
        tvm_ffi.get_global_func(name)
    with pytest.raises(ValueError, match="pytest.surely.missing.function"):
        tvm_ffi.get_global_func(name, allow_missing=False)
    assert tvm_ffi.get_global_func(name, allow_missing=True) is None


def test_list_global_func_names() -> None:
    names = tvm_ffi.list_global_func_names()
    assert isinstance(names, list)
    assert "testing.nop" in names
    assert "testing.echo" in names
    assert names == sorted(names)
    assert len(names) == len(set(names))
    assert all(type(n) is str for n in names)


def test_register_python_function(unique_name: NameFactory) -> None:
    name = unique_name("plain")

    def triple(x: int) -> int:
        return 3 * x

    returned = tvm_ffi.register_global_func(name, triple)
    assert returned is triple
    assert name in tvm_ffi.list_global_func_names()
    f = tvm_ffi.get_global_func(name)
    assert isinstance(f, Function)
    assert f(4) == 12
    assert apply(f, 5) == 15  # called from C++


def test_register_as_decorator(unique_name: NameFactory) -> None:
    name = unique_name("decorated")

    @tvm_ffi.register_global_func(name)
    def greet(who: str) -> str:
        return f"hello {who}"

    assert greet("py") == "hello py"  # the decorator returns the function unchanged
    assert not isinstance(greet, Function)
    assert tvm_ffi.get_global_func(name)("ffi") == "hello ffi"
    assert apply(tvm_ffi.get_global_func(name), "cpp") == "hello cpp"


def test_register_duplicate_requires_override(unique_name: NameFactory) -> None:
    name = unique_name("dup")
    tvm_ffi.register_global_func(name, lambda: 1)
    with pytest.raises(RuntimeError):
        tvm_ffi.register_global_func(name, lambda: 2)
    assert tvm_ffi.get_global_func(name)() == 1
    tvm_ffi.register_global_func(name, lambda: 3, override=True)
    assert tvm_ffi.get_global_func(name)() == 3


def test_register_decorator_with_override(unique_name: NameFactory) -> None:
    name = unique_name("dup_deco")

    @tvm_ffi.register_global_func(name)
    def first() -> int:
        return 1

    @tvm_ffi.register_global_func(name, override=True)
    def second() -> int:
        return 2

    assert tvm_ffi.get_global_func(name)() == 2


def test_cannot_override_builtin_without_flag() -> None:
    with pytest.raises(RuntimeError):
        tvm_ffi.register_global_func("testing.nop", lambda: 1)
    assert tvm_ffi.get_global_func("testing.nop")() is None


def test_register_native_function_under_new_name(unique_name: NameFactory) -> None:
    name = unique_name("native_alias")
    tvm_ffi.register_global_func(name, add_one)
    assert tvm_ffi.get_global_func(name)(1) == 2


def test_remove_global_func(unique_name: NameFactory) -> None:
    name = unique_name("removable")
    tvm_ffi.register_global_func(name, lambda: "alive")
    held = tvm_ffi.get_global_func(name)
    tvm_ffi.remove_global_func(name)
    assert name not in tvm_ffi.list_global_func_names()
    with pytest.raises(ValueError, match=name.replace(".", r"\.")):
        tvm_ffi.get_global_func(name)
    assert tvm_ffi.get_global_func(name, allow_missing=True) is None
    with pytest.raises(KeyError):
        tvm_ffi.remove_global_func(name)
    # The Function object still held is reference counted and keeps working.
    assert held() == "alive"
    assert apply(held) == "alive"
    # The name can be registered again.
    tvm_ffi.register_global_func(name, lambda: "again")
    assert tvm_ffi.get_global_func(name)() == "again"


def test_remove_missing_global_func() -> None:
    with pytest.raises(KeyError):
        tvm_ffi.remove_global_func("pytest.never.registered")


def test_registered_function_releases_callable_on_remove(unique_name: NameFactory) -> None:
    name = unique_name("released")

    class Callable_:
        def __call__(self) -> int:
            return 7

    cb = Callable_()
    ref = weakref.ref(cb)
    tvm_ffi.register_global_func(name, cb)
    del cb
    assert ref() is not None  # the registry holds it
    assert tvm_ffi.get_global_func(name)() == 7
    tvm_ffi.remove_global_func(name)
    import gc

    gc.collect()
    assert ref() is None


def test_register_rejects_bad_input(unique_name: NameFactory) -> None:
    with pytest.raises(TypeError):
        tvm_ffi.register_global_func(123, lambda: 1)  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        tvm_ffi.register_global_func(unique_name("bad"), 5)  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        tvm_ffi.register_global_func(unique_name("bad"), "not callable")  # type: ignore[call-overload]


def test_registry_functions_reject_non_str_names() -> None:
    with pytest.raises(TypeError):
        tvm_ffi.get_global_func(123)  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        tvm_ffi.get_global_func(None)  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        tvm_ffi.remove_global_func(123)  # type: ignore[arg-type]


def test_function_from_callable_helper() -> None:
    f = tvm_ffi.core._function_from_callable(lambda a: a * 2)
    assert isinstance(f, Function)
    assert f("ab") == "abab"
    with pytest.raises(TypeError):
        tvm_ffi.core._function_from_callable(5)
