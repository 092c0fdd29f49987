# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""@py_class fields: native storage, conversion on construction and on
assignment, and the errors for every kind of wrong value."""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from typing import Any, Optional, Union

import pytest

import tvm_ffi
from tvm_ffi import Array, Dict, List, Map
from tvm_ffi.dataclasses import py_class

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "defines py_class types inside its tests"

Key = Callable[[str], str]


@pytest.fixture
def kinds(fresh_key: Key) -> Any:
    @py_class(fresh_key("Leaf"))
    class Leaf(tvm_ffi.Object):
        v: int = 0

    @py_class(fresh_key("Kinds"))
    class Kinds(tvm_ffi.Object):
        i: int = 0
        f: float = 0.0
        b: bool = False
        s: str = ""
        by: bytes = b""
        a: Any = None
        o: Optional[int] = None
        u: Union[int, str] = 0
        leaf: Optional[Leaf] = None
        obj: Optional[tvm_ffi.Object] = None
        li: list[int] = []  # noqa: RUF012
        tl: typing.List[str] = []  # noqa: RUF012, UP006
        d: dict[str, int] = {}  # noqa: RUF012
        arr: Array[float] = ()  # type: ignore[assignment]
        lst: List[int] = []  # noqa: RUF012
        mp: Map[str, Array[int]] = {}  # noqa: RUF012
        dc: Dict[str, bool] = {}  # noqa: RUF012
        tup: tuple[int, ...] = ()
        fn: Optional[Callable[..., Any]] = None
        nested: list[Optional[Map[str, Array[int]]]] = []  # noqa: RUF012

    return Kinds, Leaf


def test_layout_is_native_and_registered(kinds: Any) -> None:
    Kinds, _ = kinds
    layout = list(tvm_ffi.get_global_func("testing.field_layout")(Kinds()))
    assert layout[:4] == ["i:int@24", "f:float@32", "b:bool@40", "s:str@48"]
    info = Kinds.__tvm_ffi_type_info__
    storage = {f.name: f.type_str for f in info.fields}
    assert storage["nested"] == "List[Optional[Map[str, Array[int]]]]"
    assert storage["tup"] == "Array[int]" and storage["fn"] == "Optional[Callable]"


def test_values_convert_on_construction_and_assignment(kinds: Any) -> None:
    Kinds, Leaf = kinds
    k = Kinds(i=True, f=3, b=1, li=[1, 2], d={"a": 1}, tup=(1, 2), mp={"k": [1]}, dc={"x": 1})
    assert k.i == 1 and type(k.i) is int
    assert k.f == 3.0 and type(k.f) is float
    assert k.b is True
    assert isinstance(k.li, List) and list(k.li) == [1, 2]
    assert isinstance(k.d, Dict) and dict(k.d) == {"a": 1}
    assert isinstance(k.tup, Array) and list(k.tup) == [1, 2]
    assert isinstance(k.mp, Map) and list(k.mp["k"]) == [1]
    assert k.dc["x"] is True
    k.f = 2
    k.o = 5
    k.o = None
    k.u = "s"
    k.leaf = Leaf(3)
    k.obj = Leaf(4)
    k.fn = lambda x: x + 1
    k.nested = [None, {"a": [1, 2]}]
    k.arr = [1, 2.5]
    assert (k.f, k.o, k.u, k.leaf.v, k.obj.v, k.fn(1)) == (2.0, None, "s", 3, 4, 2)
    assert k.nested[0] is None and list(k.nested[1]["a"]) == [1, 2]
    assert list(k.arr) == [1.0, 2.5]
    same = List([1, 2])
    k.lst = same
    assert k.lst is same  # a container of the right kind is shared, not copied


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("i", 1.5, "int"),
        ("i", "1", "int"),
        ("i", None, "int"),
        ("f", "x", "float"),
        ("b", 2.5, "bool"),
        ("s", 1, "str"),
        ("s", b"x", "str"),
        ("by", "x", "bytes"),
        ("o", "x", "Optional[int]"),
        ("u", 1.5, "Union[int, str]"),
        ("leaf", 3, "Optional"),
        ("li", [1, "x"], "List[int]"),
        ("li", {"a": 1}, "List[int]"),
        ("d", {1: 1}, "Dict[str, int]"),
        ("d", {"a": "b"}, "Dict[str, int]"),
        ("tup", [1.5], "Array[int]"),
        ("nested", [{"a": ["x"]}], "List[Optional"),
        ("fn", 3, "Callable"),
        ("obj", 3, "Object"),
    ],
)
def test_wrong_values_raise_and_leave_the_old_value(
    kinds: Any, name: str, value: Any, expected: str
) -> None:
    Kinds, _ = kinds
    k = Kinds()
    before = getattr(k, name)
    with pytest.raises(TypeError, match=rf"'{name}'.*{re.escape(expected)}") as info:
        setattr(k, name, value)
    assert Kinds.__tvm_ffi_type_info__.type_key in str(info.value)
    assert type(getattr(k, name)) is type(before)
    with pytest.raises(TypeError, match=rf"{name}.*{re.escape(expected)}"):
        Kinds(**{name: value})


def test_object_field_checks_the_registered_hierarchy(fresh_key: Key) -> None:
    @py_class(fresh_key("Animal"))
    class Animal(tvm_ffi.Object):
        name: str = ""

    @py_class(fresh_key("Dog"))
    class Dog(Animal):
        pass

    @py_class(fresh_key("Cat"))
    class Cat(tvm_ffi.Object):
        pass

    @py_class(fresh_key("Owner"))
    class Owner(tvm_ffi.Object):
        pet: Animal

    assert Owner(Dog("rex")).pet.name == "rex"
    with pytest.raises(TypeError, match="pet"):
        Owner(Cat())
    with pytest.raises(TypeError, match="pet"):
        Owner(None)


def test_int_range_and_deletion(kinds: Any) -> None:
    Kinds, _ = kinds
    k = Kinds()
    k.i = 2**63 - 1
    assert k.i == 2**63 - 1
    with pytest.raises(OverflowError, match="'i'"):
        k.i = 2**63
    with pytest.raises(AttributeError, match="cannot delete field 'i'"):
        del k.i
    assert k.i == 2**63 - 1


def test_bad_annotations_are_refused_and_rolled_back(fresh_key: Key) -> None:
    key = fresh_key("Bad")
    with pytest.raises(TypeError, match="field `x`.*not a type a field can hold"):

        @py_class(key)
        class Bad(tvm_ffi.Object):
            x: 3  # type: ignore[valid-type]

    with pytest.raises(TypeError, match="fixed-length tuple"):

        @py_class(key)
        class Bad2(tvm_ffi.Object):
            x: tuple[int, str]

    class Unregistered(tvm_ffi.Object):
        pass

    with pytest.raises(TypeError, match="not a registered type"):

        @py_class(key)
        class Bad3(tvm_ffi.Object):
            x: Unregistered

    @py_class(key)  # each failure gave the key back
    class Good(tvm_ffi.Object):
        x: int

    assert Good(1).x == 1


def test_defaults_of_the_wrong_type_are_refused(fresh_key: Key) -> None:
    key = fresh_key("Def")
    with pytest.raises(TypeError, match="default of field `x`.*must be `int`, got `str`"):

        @py_class(key)
        class D(tvm_ffi.Object):
            x: int = "no"  # type: ignore[assignment]

    @py_class(key)
    class D2(tvm_ffi.Object):
        x: int = 1

    assert D2().x == 1


def test_factories_that_raise_or_return_the_wrong_type(fresh_key: Key) -> None:
    from tvm_ffi.dataclasses import field

    def boom() -> int:
        raise RuntimeError("factory failed")

    @py_class(fresh_key("Fac"))
    class Fac(tvm_ffi.Object):
        a: int = field(default_factory=boom)
        b: int = field(default_factory=lambda: "str")  # type: ignore[arg-type,return-value]

    with pytest.raises(RuntimeError, match="factory failed"):
        Fac()
    with pytest.raises(TypeError, match="b.*int"):
        Fac(a=1)
    assert Fac(a=1, b=2).b == 2
