# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Errors keep their kind across the language boundary, both ways."""

from __future__ import annotations

import re
import sys
import traceback
from collections.abc import Callable
from typing import Any

import pytest

import tvm_ffi
from tvm_ffi import testing as ffi_testing
from tvm_ffi.testing import apply

raise_error = ffi_testing.test_raise_error

needs_notes = pytest.mark.skipif(
    sys.version_info < (3, 11), reason="exception notes need Python 3.11"
)

BUILTIN_KINDS: list[type[BaseException]] = [
    RuntimeError,
    ValueError,
    TypeError,
    AttributeError,
    KeyError,
    IndexError,
    AssertionError,
    MemoryError,
    NotImplementedError,
]


@pytest.mark.parametrize("cls", BUILTIN_KINDS, ids=lambda c: c.__name__)
def test_cpp_error_kind_becomes_python_class(cls: type[BaseException]) -> None:
    with pytest.raises(cls) as info:
        raise_error(cls.__name__, "the message")
    assert type(info.value) is cls
    assert info.value.args[0] == "the message"


def test_unknown_kind_becomes_runtime_error() -> None:
    with pytest.raises(RuntimeError) as info:
        raise_error("SomeUnknownKind", "details here")
    assert type(info.value) is RuntimeError
    assert "SomeUnknownKind" in str(info.value)
    assert "details here" in str(info.value)


@needs_notes
def test_cpp_error_carries_native_note() -> None:
    with pytest.raises(ValueError) as info:
        raise_error("ValueError", "m")
    notes = getattr(info.value, "__notes__", [])
    assert notes, "a native error should carry a note with its native context"
    text = "\n".join(notes)
    assert "testing_functions.cc" in text
    assert "testing.test_raise_error" in text


@needs_notes
def test_typed_call_error_carries_native_note() -> None:
    with pytest.raises(TypeError) as info:
        tvm_ffi.testing.add_one("x")
    assert getattr(info.value, "__notes__", [])


def _native_files(exc: BaseException) -> list[str]:
    """The file names the native traceback notes of `exc` mention."""
    return re.findall(r'File "([^"]*)"', "\n".join(getattr(exc, "__notes__", [])))


@needs_notes
@pytest.mark.parametrize(
    ("call", "expected_file"),
    [
        (lambda: apply(), "native/testing/testing_functions.cc"),
        (lambda: tvm_ffi.testing.add_one("x"), "native/include/tvm/ffi/function.h"),
        (
            lambda: tvm_ffi.get_global_func("ffi.MakeObjectFromPackedArgs")(),
            "native/src/auto_init.cc",
        ),
    ],
    ids=["testing-fixture", "header", "core-library"],
)
def test_native_traceback_names_files_relative_to_the_source_root(
    call: Callable[[], object], expected_file: str
) -> None:
    # Not the build machine's checkout or the temporary folder a wheel was built in.
    with pytest.raises(Exception) as info:
        call()
    assert _native_files(info.value) == [expected_file]


def test_native_backtrace_seen_by_cpp_is_relative() -> None:
    # The same text reaches C++ callers (and needs no exception notes).
    kind, _, backtrace = tvm_ffi.get_global_func("testing.error_seen_by_cpp")(apply)
    assert kind == "TypeError"
    assert 'File "native/testing/testing_functions.cc", line ' in backtrace
    assert "/native/" not in backtrace


def test_error_message_with_unicode_and_newlines() -> None:
    msg = "multi\nline message with ünïcödé 🎉"
    with pytest.raises(ValueError) as info:
        raise_error("ValueError", msg)
    assert info.value.args[0] == msg


def test_test_raise_error_type_checks_its_arguments() -> None:
    with pytest.raises(TypeError):
        raise_error(1, "m")


@pytest.mark.parametrize(
    "cls", BUILTIN_KINDS + [ZeroDivisionError, LookupError, OSError], ids=lambda c: c.__name__
)
def test_python_exception_through_cpp_is_the_same_object(cls: type[BaseException]) -> None:
    exc = cls("raised in python")

    def callback() -> None:
        raise exc

    with pytest.raises(cls) as info:
        apply(callback)
    assert info.value is exc
    assert type(info.value) is cls
    assert str(info.value) == str(exc)
    frames = [f.name for f in traceback.extract_tb(info.value.__traceback__)]
    assert "callback" in frames


def test_python_exception_with_arguments_from_cpp() -> None:
    def callback(a: int, b: int) -> float:
        return a / b

    with pytest.raises(ZeroDivisionError) as info:
        apply(callback, 1, 0)
    frames = [f.name for f in traceback.extract_tb(info.value.__traceback__)]
    assert "callback" in frames


def test_custom_exception_crosses_as_same_object() -> None:
    class Unregistered(Exception):
        def __init__(self, code: int) -> None:
            super().__init__(f"code {code}")
            self.code = code

    exc = Unregistered(42)

    def cb() -> None:
        raise exc

    with pytest.raises(Unregistered) as info:
        apply(cb)
    assert info.value is exc
    assert info.value.code == 42


def test_register_error_decorator_form() -> None:
    @tvm_ffi.register_error
    class PytestPlainError(RuntimeError):
        pass

    assert tvm_ffi.core._error_kind_of(PytestPlainError) == "PytestPlainError"
    with pytest.raises(PytestPlainError, match="from cpp"):
        raise_error("PytestPlainError", "from cpp")


def test_register_error_decorator_with_name() -> None:
    @tvm_ffi.register_error("pytest.NamedError")
    class NamedError(ValueError):
        pass

    assert tvm_ffi.core._error_kind_of(NamedError) == "pytest.NamedError"
    with pytest.raises(NamedError) as info:
        raise_error("pytest.NamedError", "named")
    assert type(info.value) is NamedError
    assert info.value.args[0] == "named"


def test_register_error_name_and_class_form() -> None:
    class PairError(KeyError):
        pass

    returned = tvm_ffi.register_error("pytest.PairError", PairError)
    assert returned is PairError
    with pytest.raises(PairError):
        raise_error("pytest.PairError", "pair")


def test_register_error_decorator_returns_class() -> None:
    class Kept(Exception):
        pass

    assert tvm_ffi.register_error(Kept) is Kept
    assert tvm_ffi.register_error("pytest.Kept2")(Kept) is Kept


def test_registered_error_raised_in_python_callback() -> None:
    @tvm_ffi.register_error("pytest.CallbackError")
    class CallbackError(RuntimeError):
        pass

    exc = CallbackError("cb")

    def cb() -> None:
        raise exc

    with pytest.raises(CallbackError) as info:
        apply(cb)
    assert info.value is exc


@pytest.mark.parametrize(
    "args",
    [
        (123,),
        ("kind", 5),
        ("kind", int),
        (int,),
        ("kind", "notaclass"),
        (ValueError, ValueError),
        (3.5, ValueError),
    ],
)
def test_register_error_bad_input(args: tuple[Any, ...]) -> None:
    with pytest.raises(TypeError):
        tvm_ffi.register_error(*args)


def test_register_error_decorator_rejects_non_exception() -> None:
    with pytest.raises(TypeError):
        tvm_ffi.register_error("pytest.NotAnException")(int)  # type: ignore[type-var]
    with pytest.raises(TypeError):
        tvm_ffi.register_error("pytest.NotAClass")(lambda: None)  # type: ignore[type-var]


def test_nested_cpp_error_through_two_python_levels() -> None:
    # python -> C++ apply -> python cb1 -> C++ apply -> python cb2 -> C++ apply -> C++ raise
    def cb2() -> None:
        apply(raise_error, "IndexError", "deep native")

    def cb1() -> None:
        apply(cb2)

    with pytest.raises(IndexError) as info:
        apply(cb1)
    assert type(info.value) is IndexError
    assert info.value.args[0] == "deep native"
    frames = [f.name for f in traceback.extract_tb(info.value.__traceback__)]
    assert "cb1" in frames and "cb2" in frames


def test_nested_python_error_through_two_cpp_levels() -> None:
    exc = LookupError("innermost")

    def cb2() -> None:
        raise exc

    def cb1() -> None:
        apply(apply, cb2)

    with pytest.raises(LookupError) as info:
        apply(cb1)
    assert info.value is exc
    frames = [f.name for f in traceback.extract_tb(info.value.__traceback__)]
    assert "cb1" in frames and "cb2" in frames


def test_error_caught_in_python_between_cpp_levels() -> None:
    def cb() -> str:
        try:
            raise_error("KeyError", "handled")
        except KeyError as e:
            return f"caught {e.args[0]}"
        return "not raised"

    assert apply(cb) == "caught handled"


def test_errors_do_not_linger() -> None:
    # After a failed call, the next call works and raises nothing stale.
    for kind in ("ValueError", "TypeError"):
        with pytest.raises((ValueError, TypeError)):
            raise_error(kind, "x")
        assert tvm_ffi.testing.add_one(1) == 2
        assert apply(lambda: 5) == 5


def test_base_exceptions_cross() -> None:
    def cb() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        apply(cb)
    with pytest.raises(SystemExit):
        apply(lambda: (_ for _ in ()).throw(SystemExit(3)))
