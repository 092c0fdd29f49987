# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""One registry per enum type key: identity of variants, C++-registered
enums bound from Python, variants added from either language, and how the
engines, copy and pickle treat variants."""

from __future__ import annotations

import copy
import itertools
import pickle
from collections.abc import Callable
from typing import Any, ClassVar

import pytest
from conftest import DeepCopy, RecursiveEq, RecursiveHash, ReprPrint, run_threads

import tvm_ffi
import tvm_ffi.testing
from tvm_ffi import core
from tvm_ffi.dataclasses import Enum, auto, entry
from tvm_ffi.dataclasses.enum import ENUM_ATTRS_ATTR, ENUM_ENTRIES_ATTR

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "defines enum types; their variants are registry singletons"

echo = tvm_ffi.testing.echo
variant_get = tvm_ffi.get_global_func("testing.enum_variant_get")
variant_register = tvm_ffi.get_global_func("testing.enum_variant_register")

#: Names of variants tests add to testing.TestEnumVariant (one registry per process).
_names = itertools.count()


def _new_name(stem: str) -> str:
    return f"{stem}{next(_names)}"


def _color(key: str) -> Any:
    class Color(Enum, type_key=key):
        red = auto()
        green = auto()
        blue = auto()

    return Color


def test_every_route_gives_the_same_python_object(fresh_key: Callable[[str], str]) -> None:
    Color = _color(fresh_key("Color"))
    red = Color.red
    assert Color.get("red") is red
    assert Color.by_name["red"] is red
    assert Color.by_value[0] is red
    assert echo(red) is red
    assert tvm_ffi.List([red, Color.blue])[0] is red
    assert tvm_ffi.Dict({"k": red})["k"] is red


def test_class_is_an_ordered_collection_of_its_variants(fresh_key: Callable[[str], str]) -> None:
    Color = _color(fresh_key("Color"))
    assert list(Color) == [Color.red, Color.green, Color.blue]
    assert list(Color.entries()) == list(Color)
    assert len(Color) == 3
    assert Color.green in Color
    assert "green" not in Color and 1 not in Color
    Other = _color(fresh_key("Other"))
    assert Other.green not in Color


def test_get_of_an_unknown_name_is_a_key_error(fresh_key: Callable[[str], str]) -> None:
    Color = _color(fresh_key("Color"))
    with pytest.raises(KeyError, match="Color has no variant named 'purple'"):
        Color.get("purple")
    with pytest.raises(KeyError):
        Color.get(3)  # type: ignore[arg-type]


def test_variants_compare_and_hash_by_identity(fresh_key: Callable[[str], str]) -> None:
    Color = _color(fresh_key("Color"))
    assert Color.red == Color.red and Color.red != Color.green
    assert {Color.red: "r", Color.green: "g"}[Color.get("red")] == "r"
    assert hash(Color.red) == hash(Color.by_value[0])
    # The native engines agree: two variants with equal fields are still different.
    assert RecursiveEq(Color.red, Color.red) and not RecursiveEq(Color.red, Color.green)
    assert RecursiveHash(Color.red) == RecursiveHash(Color.get("red"))


def test_variants_work_in_match_statements(fresh_key: Callable[[str], str]) -> None:
    Color = _color(fresh_key("Color"))

    def describe(c: Any) -> str:
        match c:
            case Color.red:
                return "warm"
            case Color.green | Color.blue:
                return "cool"
        return "?"

    assert [describe(c) for c in Color] == ["warm", "cool", "cool"]


def test_copies_and_pickles_are_the_singleton(fresh_key: Callable[[str], str]) -> None:
    Color = _color(fresh_key("Color"))
    assert copy.copy(Color.red) is Color.red
    assert copy.deepcopy(Color.red) is Color.red
    held = tvm_ffi.List([Color.red, tvm_ffi.List([Color.blue])])
    copied = copy.deepcopy(held)
    assert copied is not held and copied[0] is Color.red and copied[1][0] is Color.blue
    assert DeepCopy(Color.green) is Color.green
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(Color.blue, protocol)) is Color.blue


def test_default_repr_is_type_key_dot_name_also_nested(fresh_key: Callable[[str], str]) -> None:
    key = fresh_key("Color")
    Color = _color(key)
    assert repr(Color.red) == f"{key}.red" == ReprPrint(Color.red)
    assert repr(tvm_ffi.List([Color.red, Color.blue])) == f"[{key}.red, {key}.blue]"
    assert f"'green': {key}.green" in repr(Color.by_name).replace('"', "'")


def test_a_repr_in_the_class_body_wins_everywhere(fresh_key: Callable[[str], str]) -> None:
    class Suit(Enum, type_key=fresh_key("Suit")):
        hearts = auto()

        def __repr__(self) -> str:
            return f"<suit {self.name}>"

    assert repr(Suit.hearts) == "<suit hearts>"
    assert repr(tvm_ffi.List([Suit.hearts])) == "[<suit hearts>]"


def test_registries_are_type_attributes(fresh_key: Callable[[str], str]) -> None:
    Color = _color(fresh_key("Color"))
    index = Color.__tvm_ffi_type_info__.type_index
    entries = core._lookup_type_attr(index, ENUM_ENTRIES_ATTR)
    assert list(entries.keys()) == ["red", "green", "blue"] and entries["blue"] is Color.blue
    Color.def_attr("hue")[Color.red] = 0
    assert core._lookup_type_attr(index, ENUM_ATTRS_ATTR)["hue"][0] == 0


# ---------------------------------------------------------------------------
# Enums registered in C++ (testing.TestEnumVariant: Alpha, Beta; code 10, 20)
# ---------------------------------------------------------------------------


def _bind_variant() -> Any:
    class Variant(Enum, type_key="testing.TestEnumVariant"):
        Alpha: ClassVar[Variant]
        Beta: ClassVar[Variant]

    return Variant


def test_bare_classvars_bind_the_cxx_variants() -> None:
    Variant = _bind_variant()
    assert (Variant.Alpha.value, Variant.Alpha.name) == (0, "Alpha")
    assert (Variant.Beta.value, Variant.Beta.name) == (1, "Beta")
    assert variant_get("Alpha") is Variant.Alpha
    assert isinstance(Variant.Alpha, Variant)
    assert repr(Variant.Beta) == "testing.TestEnumVariant.Beta"
    assert Variant.def_attr("code")[Variant.Beta] == 20
    assert list(Variant.attr_dict["code"])[:2] == [10, 20]


def test_binding_the_key_again_moves_the_variants_to_the_new_class() -> None:
    first = _bind_variant()
    old_alpha = first.Alpha
    second = _bind_variant()
    assert isinstance(second.Alpha, second) and variant_get("Alpha") is second.Alpha
    assert old_alpha.same_as(second.Alpha)  # one native variant, two wrappers
    assert first.Alpha is old_alpha  # the old class keeps its own


def test_python_variants_extend_a_cxx_enum_and_cxx_sees_them() -> None:
    name = _new_name("Py")
    body: dict[str, Any] = {"__annotations__": {"Alpha": "ClassVar[Variant]"}, name: auto()}
    Variant = type(Enum)("Variant", (Enum,), body, type_key="testing.TestEnumVariant")
    added = getattr(Variant, name)
    assert added.value == len(Variant) - 1 and added.name == name
    assert variant_get(name) is added
    code = Variant.def_attr("code", default=-1)
    assert code[added] == -1 and added not in code
    code[added] = 99
    assert list(Variant.attr_dict["code"])[added.value] == 99


def test_variants_registered_in_cxx_later_are_found_by_get() -> None:
    Variant = _bind_variant()
    name = _new_name("Late")
    made = variant_register(name, 5)
    assert Variant.get(name) is made and isinstance(made, Variant)
    assert Variant.def_attr("code")[made] == 5
    assert made in Variant


def test_a_second_cxx_entry_of_a_name_is_refused() -> None:
    with pytest.raises(RuntimeError, match="already has a variant `Alpha`"):
        variant_register("Alpha", 1)
    assert variant_get("Alpha").value == 0


def test_cxx_lookup_of_an_unknown_name_names_type_and_name() -> None:
    with pytest.raises(
        RuntimeError, match="`testing.TestEnumVariant` has no instance named `Nope`"
    ):
        variant_get("Nope")


def test_binding_an_unknown_cxx_variant_lists_close_matches() -> None:
    with pytest.raises(RuntimeError) as info:

        class Typo(Enum, type_key="testing.TestEnumVariant"):
            Alfa: ClassVar[Typo]

    message = str(info.value)
    for part in (
        "'Alfa'",
        "'testing.TestEnumVariant'",
        "'Alpha'",
        "'Beta'",
        "ClassVar",
        "did you mean 'Alpha'",
        "auto()",
    ):
        assert part in message
    # Refused before binding: the previous class still owns the variants.
    assert (
        core._registered_object_class(core._type_key_to_index("testing.TestEnumVariant")).__name__
        != "Typo"
    )


def test_auto_of_a_registered_cxx_name_is_refused() -> None:
    with pytest.raises(RuntimeError, match="already has a variant 'Beta'"):

        class Shadow(Enum, type_key="testing.TestEnumVariant"):
            Beta = auto()


def test_positional_entry_values_are_refused_on_a_cxx_enum() -> None:
    with pytest.raises(TypeError, match="by keyword"):

        class Positional(Enum, type_key="testing.TestEnumVariant"):
            New = entry(1)


def test_a_failed_rebinding_leaves_the_variants_with_the_old_class() -> None:
    Variant = _bind_variant()
    with pytest.raises(TypeError, match="unexpected field 'colour'"):

        class Broken(Enum, type_key="testing.TestEnumVariant"):
            Alpha: ClassVar[Broken]
            Extra = entry(colour=1)

    assert variant_get("Alpha") is Variant.Alpha and isinstance(variant_get("Beta"), Variant)
    assert "Extra" not in Variant.by_name


def test_a_key_of_a_type_that_is_not_an_enum_is_refused() -> None:
    with pytest.raises(TypeError, match="testing.TestIntPair.*not an enum"):

        class NotEnum(Enum, type_key="testing.TestIntPair"):
            a = auto()


def test_a_python_enum_key_bound_from_another_module(fresh_key: Callable[[str], str]) -> None:
    key = fresh_key("Shared")
    Color = _color(key)

    class MoreColor(Enum, type_key=key):
        red: ClassVar[MoreColor]
        cyan = auto()

    assert MoreColor.cyan.value == 3
    assert MoreColor.get("blue").name == "blue"
    assert len(Color) == 4


def test_concurrent_python_definitions_get_dense_ordinals() -> None:
    names = [_new_name("Thread") for _ in range(8)]

    def define(name: str) -> None:
        type(Enum)("T", (Enum,), {name: auto()}, type_key="testing.TestEnumVariant")

    assert run_threads(define, names) == []
    ordinals = sorted(variant_get(n).value for n in names)
    assert len(set(ordinals)) == 8 and ordinals == list(range(ordinals[0], ordinals[0] + 8))


def test_concurrent_attribute_writes_and_reads(fresh_key: Callable[[str], str]) -> None:
    class Many(Enum, type_key=fresh_key("Many")):
        pass

    body = {f"v{i}": auto() for i in range(64)}
    Wide = type(Enum)("Wide", (Enum,), body, type_key=fresh_key("Wide"))
    weight = Wide.def_attr("weight", default=0)
    variants = list(Wide)

    def write(start: int) -> None:
        for v in variants[start::4]:
            weight[v] = v.value + 1
            assert weight[variants[0]] in (0, 1)

    assert run_threads(write, [0, 1, 2, 3]) == []
    assert [weight[v] for v in variants] == [v.value + 1 for v in variants]
    assert len(Many) == 0
