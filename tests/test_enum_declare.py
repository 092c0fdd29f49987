# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Declaring enums in Python: the four declaration forms, ordinals, fields,
and the class-body mistakes that are refused."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable
from typing import ClassVar

import pytest

import tvm_ffi
from tvm_ffi.dataclasses import Enum, auto, entry
from tvm_ffi.dataclasses.enum import _EnumEntry

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "defines enum types; their variants are registry singletons"


def test_auto_variants_get_dense_ordinals_and_their_names(fresh_key: Callable[[str], str]) -> None:
    class Size(Enum, type_key=fresh_key("Size")):
        small = auto()
        medium = auto()
        large = auto()

    assert [v.value for v in Size] == [0, 1, 2]
    assert [v.name for v in Size] == ["small", "medium", "large"]
    assert isinstance(Size.small, Size) and isinstance(Size.small, Enum)
    assert Size.small.type_key.startswith("pytest.py_class.Size")
    assert not gc.is_tracked(Size.small)  # a variant holds no Python reference


def test_entry_sets_declared_fields_by_keyword_and_position(
    fresh_key: Callable[[str], str],
) -> None:
    class Op(Enum, type_key=fresh_key("Op")):
        arity: int
        symbol: str = "?"
        add: ClassVar[Op] = entry(arity=2, symbol="+")
        neg = entry(1, "-")
        call = entry(3)

    assert (Op.add.arity, Op.add.symbol) == (2, "+")
    assert (Op.neg.arity, Op.neg.symbol) == (1, "-")
    assert (Op.call.arity, Op.call.symbol) == (3, "?")
    assert [v.name for v in Op.entries()] == ["add", "neg", "call"]


def test_bare_classvars_come_first_then_assignments_in_body_order(
    fresh_key: Callable[[str], str],
) -> None:
    class Phase(Enum, type_key=fresh_key("Phase")):
        parse = auto()
        lower: ClassVar[Phase]
        emit: ClassVar[Phase] = auto()
        check: ClassVar[Phase]
        link = entry()

    assert [v.name for v in Phase] == ["lower", "check", "parse", "emit", "link"]
    assert [v.value for v in Phase] == [0, 1, 2, 3, 4]


def test_enum_without_future_annotations_resolves_its_own_name(
    fresh_key: Callable[[str], str],
) -> None:
    namespace: dict[str, object] = {}
    exec(  # a module body without `from __future__ import annotations`
        "from typing import ClassVar\n"
        "from tvm_ffi.dataclasses import Enum, entry\n"
        f"class Level(Enum, type_key={fresh_key('Level')!r}):\n"
        "    weight: float\n"
        "    low: 'ClassVar[Level]' = entry(weight=0.5)\n"
        "    high = entry(weight=2)\n",
        namespace,
    )
    level = namespace["Level"]
    assert level.low.weight == 0.5  # type: ignore[attr-defined]
    assert level.high.weight == 2.0 and isinstance(level.high.weight, float)  # type: ignore[attr-defined]


def test_variants_are_frozen_and_have_no_instance_dict(fresh_key: Callable[[str], str]) -> None:
    class Mode(Enum, type_key=fresh_key("Mode")):
        fast: bool = False
        turbo = entry(fast=True)

    with pytest.raises(dataclasses.FrozenInstanceError):
        Mode.turbo.fast = False  # type: ignore[misc]
    with pytest.raises(AttributeError):
        Mode.turbo.name = "other"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        Mode.turbo.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        del Mode.turbo.fast
    assert not hasattr(Mode.turbo, "__dict__")
    assert Mode.turbo.fast is True


def test_entry_and_auto_are_inert_sentinels_outside_a_class() -> None:
    first, second = auto(), auto()
    assert first is not second
    made = entry(4, key="k")
    assert isinstance(made, _EnumEntry) and not isinstance(made, tvm_ffi.Object)
    assert (made.args, made.kwargs) == ((4,), {"key": "k"})
    assert repr(made) == "entry(4, key='k')"
    assert repr(first) == "entry()"


def test_a_subclass_without_type_key_is_a_plain_intermediate_base(
    fresh_key: Callable[[str], str],
) -> None:
    class Described(Enum):
        def describe(self) -> str:
            return f"{self.name}#{self.value}"

    class Animal(Described, type_key=fresh_key("Animal")):
        cat = auto()
        dog = auto()

    assert Animal.dog.describe() == "dog#1"
    assert len(Described) == 0


# ---------------------------------------------------------------------------
# Refused at class-body time
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("literal", [1, True])
def test_integer_literal_variants_are_refused(
    fresh_key: Callable[[str], str], literal: object
) -> None:
    with pytest.raises(TypeError, match=r"Bad\.one = .*auto\(\)"):

        class Bad(Enum, type_key=fresh_key("IntLit")):
            one = literal


def test_annotated_constants_are_class_attributes_not_variants(
    fresh_key: Callable[[str], str],
) -> None:
    class Speed(Enum, type_key=fresh_key("Speed")):
        LIMIT: ClassVar[int] = 5
        slow = auto()

    assert Speed.LIMIT == 5 and list(Speed) == [Speed.slow]


def test_calling_the_class_looks_up_an_ordinal_as_enum_does(
    fresh_key: Callable[[str], str],
) -> None:
    class Step(Enum, type_key=fresh_key("Step")):
        first = auto()
        second = auto()

    assert Step(1) is Step.second and Step["first"] is Step.first
    with pytest.raises(ValueError, match="2 is not an ordinal of Step"):
        Step(2)
    with pytest.raises(ValueError):
        Step(True)
    with pytest.raises(KeyError):
        Step["third"]
    with pytest.raises(TypeError):  # variants are never made by calling the class
        Step(-1, "evil")  # type: ignore[call-arg]
    assert len(Step) == 2


def test_an_enum_with_variants_cannot_be_subclassed(fresh_key: Callable[[str], str]) -> None:
    class Base(Enum, type_key=fresh_key("Base")):
        one = auto()

    with pytest.raises(TypeError, match="cannot derive from the enum `Base`"):

        class Sub(Base, type_key=fresh_key("Sub")):  # type: ignore[misc]
            two = auto()

    with pytest.raises(TypeError, match="cannot derive"):

        class NoKey(Base):  # type: ignore[misc]
            pass


def test_variants_without_a_type_key_are_refused() -> None:
    with pytest.raises(TypeError, match=r"declares variants \(b, a\) but no type_key"):

        class Keyless(Enum):
            a = auto()
            b: ClassVar[Keyless]


def test_frozen_false_keeps_declared_fields_writable(fresh_key: Callable[[str], str]) -> None:
    class Loose(Enum, type_key=fresh_key("Loose"), frozen=False):
        note: str = ""
        only = auto()

    Loose.only.note = "changed"
    assert Loose.only.note == "changed"
    with pytest.raises(AttributeError):
        Loose.only.value = 3  # type: ignore[misc]  # value and name stay read-only


def test_an_int_field_default_is_not_a_variant(fresh_key: Callable[[str], str]) -> None:
    class Ok(Enum, type_key=fresh_key("IntDefault")):
        count: int = 0
        only = auto()

    assert Ok.only.count == 0
    assert list(Ok) == [Ok.only]


@pytest.mark.parametrize("given", [{"value": 3}, {"name": "other"}])
def test_value_and_name_cannot_be_passed_to_entry(
    fresh_key: Callable[[str], str], given: dict[str, object]
) -> None:
    key = fresh_key("Assigned")
    with pytest.raises(TypeError, match="are assigned"):

        class Bad(Enum, type_key=key):
            flag: bool = False
            a = entry(flag=True, **given)

    # Refused before anything was registered: the key is still free.
    assert tvm_ffi.core._object_type_key_to_index(key) is None


def test_a_wrong_typed_field_value_names_class_and_field(fresh_key: Callable[[str], str]) -> None:
    with pytest.raises(TypeError, match="flag.*bool.*str"):

        class Bad(Enum, type_key=fresh_key("WrongType")):
            flag: bool
            a = entry(flag="yes")


def test_an_unknown_field_in_entry_is_a_type_error(fresh_key: Callable[[str], str]) -> None:
    with pytest.raises(TypeError, match="colour"):

        class Bad(Enum, type_key=fresh_key("UnknownField")):
            flag: bool = False
            a = entry(colour=1)


def test_a_missing_required_field_is_a_type_error(fresh_key: Callable[[str], str]) -> None:
    with pytest.raises(TypeError, match="weight"):

        class Bad(Enum, type_key=fresh_key("MissingField")):
            weight: float
            a = auto()


def test_the_enum_base_key_is_refused() -> None:
    with pytest.raises(TypeError, match="`ffi.Enum` is registered as a type that is not an enum"):

        class Base(Enum, type_key="ffi.Enum"):
            a = auto()


def test_type_key_must_be_a_string() -> None:
    with pytest.raises(TypeError, match="type_key must be a str"):

        class Bad(Enum, type_key=3):  # type: ignore[arg-type]
            a = auto()
