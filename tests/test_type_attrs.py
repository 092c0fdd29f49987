# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Type attribute columns: the attributes ObjectDef registers (__ffi_init__,
__ffi_new__, __ffi_shallow_copy__), registering from Python, and the
register-once-then-mutate rule."""

# pyright: reportPrivateUsage=false

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest

import tvm_ffi
import tvm_ffi.testing as T
from tvm_ffi import Dict, Function, List, core

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "registers type attributes inside its tests"


def _index(key: str) -> int:
    return core._type_key_to_index(key)


@pytest.fixture
def attr_name() -> Callable[[], str]:
    """Attribute names no other test (or earlier run in this process) uses:
    registration is permanent."""

    def make() -> str:
        return f"__pytest_attr_{uuid.uuid4().hex}"

    return make


# ---------------------------------------------------------------------------
# Attributes registered by ObjectDef
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        "testing.TestIntPair",
        "testing.TestObjectBase",
        "testing.TestCxxAutoInit",
        "testing.TestNonCopyable",
        "testing.TestCxxAutoInitChild",
    ],
)
def test_ffi_init_is_function(key: str) -> None:
    assert isinstance(core._lookup_type_attr(_index(key), "__ffi_init__"), Function)


def test_no_ffi_init_for_class_level_init_false() -> None:
    assert core._lookup_type_attr(_index("testing.TestCxxNoAutoInit"), "__ffi_init__") is None


def test_ffi_init_called_directly() -> None:
    init = core._lookup_type_attr(_index("testing.TestObjectBase"), "__ffi_init__")
    obj = init(5)
    assert type(obj) is T.TestObjectBase
    assert (obj.v_i64, obj.v_f64, obj.v_str) == (5, 10.0, "hello")
    pair = core._lookup_type_attr(_index("testing.TestIntPair"), "__ffi_init__")(1, 2)
    assert type(pair) is T.TestIntPair and pair.sum() == 3
    with pytest.raises(TypeError, match=r"testing\.TestObjectBase"):
        init(1, 2, 3, 4)


@pytest.mark.parametrize(
    "key",
    [
        "testing.TestObjectBase",
        "testing.TestCxxAutoInit",
        "testing.TestCxxNoAutoInit",
        "testing.TestObjectDerived",
    ],
)
def test_new_and_shallow_copy_present_for_copyable_default_constructible(key: str) -> None:
    index = _index(key)
    new = core._lookup_type_attr(index, "__ffi_new__")
    copier = core._lookup_type_attr(index, "__ffi_shallow_copy__")
    assert isinstance(new, Function)
    assert isinstance(copier, Function)
    blank = new()
    assert blank.type_key == key
    dup = copier(blank)
    assert dup.type_key == key
    assert not dup.same_as(blank)


def test_blank_and_shallow_copy_values() -> None:
    index = _index("testing.TestObjectBase")
    blank = core._lookup_type_attr(index, "__ffi_new__")()
    assert type(blank) is T.TestObjectBase
    assert blank.v_i64 == 0  # blank: C++ member initialisers, not reflection defaults
    src = T.TestObjectBase(v_i64=3, v_str="s")
    dup = core._lookup_type_attr(index, "__ffi_shallow_copy__")(src)
    assert (dup.v_i64, dup.v_str) == (3, "s")
    assert not dup.same_as(src)


def test_non_copyable_has_no_shallow_copy() -> None:
    index = _index("testing.TestNonCopyable")
    assert core._lookup_type_attr(index, "__ffi_shallow_copy__") is None
    assert core._lookup_type_attr(index, "__ffi_new__") is None  # no default constructor


def test_explicit_ctor_without_default_ctor() -> None:
    index = _index("testing.TestExplicitCtor")
    assert core._lookup_type_attr(index, "__ffi_new__") is None
    assert isinstance(core._lookup_type_attr(index, "__ffi_shallow_copy__"), Function)


def test_lookup_unknown_attribute_is_none(attr_name: Callable[[], str]) -> None:
    assert core._lookup_type_attr(_index("testing.TestIntPair"), attr_name()) is None
    assert core._lookup_type_attr(_index("ffi.Object"), "__ffi_init__") is None


# ---------------------------------------------------------------------------
# Registering from Python
# ---------------------------------------------------------------------------


def test_register_then_lookup(attr_name: Callable[[], str]) -> None:
    name = attr_name()
    index = _index("testing.TestIntPair")
    core._register_type_attr(index, name, "value")
    assert core._lookup_type_attr(index, name) == "value"
    # per type: other types do not see it
    assert core._lookup_type_attr(_index("testing.TestObjectBase"), name) is None


@pytest.mark.parametrize(
    "value",
    [0, -5, 2.5, True, "text", b"bytes", [1, 2], {"a": 1}],
    ids=["int", "neg", "float", "bool", "str", "bytes", "list", "dict"],
)
def test_register_values_round_trip(attr_name: Callable[[], str], value: object) -> None:
    name = attr_name()
    index = _index("testing.TestObjectBase")
    core._register_type_attr(index, name, value)
    got = core._lookup_type_attr(index, name)
    if isinstance(value, list):
        assert list(got) == value
    elif isinstance(value, dict):
        assert dict(got) == value
    else:
        assert got == value


def test_register_callable(attr_name: Callable[[], str]) -> None:
    name = attr_name()
    index = _index("testing.TestObjectBase")
    core._register_type_attr(index, name, lambda x: x + 1)
    fn = core._lookup_type_attr(index, name)
    assert isinstance(fn, Function)
    assert fn(1) == 2


def test_register_object_value(attr_name: Callable[[], str]) -> None:
    name = attr_name()
    index = _index("testing.TestObjectBase")
    pair = T.TestIntPair(1, 2)
    core._register_type_attr(index, name, pair)
    assert core._lookup_type_attr(index, name).same_as(pair)


def test_register_twice_raises(attr_name: Callable[[], str]) -> None:
    name = attr_name()
    index = _index("testing.TestIntPair")
    core._register_type_attr(index, name, 1)
    with pytest.raises(RuntimeError) as info:
        core._register_type_attr(index, name, 2)
    message = str(info.value)
    assert name in message
    assert "testing.TestIntPair" in message
    assert "once" in message
    assert "mutable container" in message
    assert "in place" in message
    assert core._lookup_type_attr(index, name) == 1  # unchanged


def test_register_twice_raises_for_builtin_attribute() -> None:
    index = _index("testing.TestIntPair")
    before = core._lookup_type_attr(index, "__ffi_init__")
    with pytest.raises(RuntimeError, match="already registered"):
        core._register_type_attr(index, "__ffi_init__", lambda: None)
    assert core._lookup_type_attr(index, "__ffi_init__").same_as(before)
    assert T.TestIntPair(1, 2).sum() == 3


def test_same_name_on_two_types_is_allowed(attr_name: Callable[[], str]) -> None:
    name = attr_name()
    a, b = _index("testing.TestIntPair"), _index("testing.TestObjectBase")
    core._register_type_attr(a, name, "a")
    core._register_type_attr(b, name, "b")
    assert (core._lookup_type_attr(a, name), core._lookup_type_attr(b, name)) == ("a", "b")


def test_register_once_then_mutate(attr_name: Callable[[], str]) -> None:
    name = attr_name()
    index = _index("testing.TestObjectBase")
    core._register_type_attr(index, name, Dict({"count": 0}))
    table = core._lookup_type_attr(index, name)
    table["count"] = table["count"] + 1
    table["extra"] = "x"
    again = core._lookup_type_attr(index, name)
    assert again.same_as(table)
    assert dict(again) == {"count": 1, "extra": "x"}
    core._register_type_attr(index, name + "_list", List([1]))
    core._lookup_type_attr(index, name + "_list").append(2)
    assert list(core._lookup_type_attr(index, name + "_list")) == [1, 2]


def test_registered_attribute_visible_to_cpp_lookup(attr_name: Callable[[], str]) -> None:
    """A type attribute registered in Python is read back through the same column."""
    name = attr_name()
    index = _index("testing.TestCxxAutoInitSimple")
    core._register_type_attr(index, name, tvm_ffi.convert(lambda: "hook"))
    assert core._lookup_type_attr(index, name)() == "hook"


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------


def test_lookup_bad_input() -> None:
    for index in (99999, -5, 2**31 - 1):
        with pytest.raises(KeyError):
            core._lookup_type_attr(index, "__ffi_init__")
    for args in (
        ("x", "__ffi_init__"),
        (None, "__ffi_init__"),
        (1.5, "__ffi_init__"),
        (_index("testing.TestIntPair"), 5),
        (_index("testing.TestIntPair"), None),
        (2**40, "__ffi_init__"),
    ):
        with pytest.raises(TypeError):
            core._lookup_type_attr(*args)  # type: ignore[arg-type]


def test_register_bad_input(attr_name: Callable[[], str]) -> None:
    name = attr_name()
    with pytest.raises(KeyError):
        core._register_type_attr(99999, name, 1)
    with pytest.raises(KeyError):
        core._register_type_attr(-3, name, 1)
    index = _index("testing.TestIntPair")
    for args in (("x", name, 1), (index, 5, 1), (None, name, 1), (index, None, 1)):
        with pytest.raises(TypeError):
            core._register_type_attr(*args)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        core._register_type_attr(index, name)  # type: ignore[call-arg]
    # nothing was registered by the failed calls
    assert core._lookup_type_attr(index, name) is None
    core._register_type_attr(index, name, 1)
    assert core._lookup_type_attr(index, name) == 1
