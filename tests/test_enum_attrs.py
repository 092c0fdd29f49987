# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Extensible enum attributes: ``def_attr`` views (``EnumAttrMap``) over the
shared ``__ffi_enum_attrs__`` lists, their defaults and their refusals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import pytest

import tvm_ffi
from tvm_ffi.dataclasses import Enum, EnumAttrMap, auto, entry

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "defines enum types; their variants are registry singletons"


def _op(key: str) -> Any:
    class Op(Enum, type_key=key):
        arity: int
        add: ClassVar[Op] = entry(arity=2)
        neg: ClassVar[Op] = entry(arity=1)
        nop = entry(arity=0)

    return Op


def test_writes_are_read_back_and_unset_variants_read_the_default(
    fresh_key: Callable[[str], str],
) -> None:
    Op = _op(fresh_key("Op"))
    cost = Op.def_attr("cost", default=1)
    assert isinstance(cost, EnumAttrMap) and cost.name == "cost" and cost.default == 1
    cost[Op.neg] = 4
    assert (cost[Op.add], cost[Op.neg], cost[Op.nop]) == (1, 4, 1)
    assert Op.neg in cost and Op.add not in cost
    cost[Op.neg] = 5  # last write wins
    assert cost[Op.neg] == 5


def test_without_a_default_an_unset_variant_is_a_key_error(fresh_key: Callable[[str], str]) -> None:
    Op = _op(fresh_key("Op"))
    strict = Op.def_attr("lowering")
    with pytest.raises(KeyError, match="Op.add: extensible attribute 'lowering' is not set"):
        strict[Op.add]
    assert strict.get(Op.add) is None and strict.get(Op.add, "none") == "none"
    strict[Op.add] = "call_add"
    assert strict.get(Op.add, "none") == "call_add"


def test_the_list_is_padded_with_none_up_to_the_ordinal(fresh_key: Callable[[str], str]) -> None:
    Op = _op(fresh_key("Op"))
    Op.def_attr("flag")[Op.nop] = True
    assert list(Op.attr_dict["flag"]) == [None, None, True]


def test_two_views_share_writes_and_keep_their_own_defaults(
    fresh_key: Callable[[str], str],
) -> None:
    Op = _op(fresh_key("Op"))
    low = Op.def_attr("cost", default=0)
    high = Op.def_attr("cost", default=100)
    low[Op.add] = 7
    assert high[Op.add] == 7
    assert (low[Op.neg], high[Op.neg]) == (0, 100)
    assert high.get(Op.neg, -1) == 100  # the view's default answers before get's


def test_views_see_writes_made_through_the_raw_dict(fresh_key: Callable[[str], str]) -> None:
    Op = _op(fresh_key("Op"))
    view = Op.def_attr("doc")
    assert Op.add not in view
    view[Op.neg] = "negates"
    Op.attr_dict["doc"] = tvm_ffi.List(["adds", None, None])  # replaced wholesale
    assert view[Op.add] == "adds" and Op.neg not in view


def test_none_cannot_be_written(fresh_key: Callable[[str], str]) -> None:
    Op = _op(fresh_key("Op"))
    cost = Op.def_attr("cost", default=0)
    with pytest.raises(TypeError, match="reserved as the 'unset' sentinel"):
        cost[Op.add] = None
    assert Op.add not in cost


def test_variants_of_another_enum_are_refused(fresh_key: Callable[[str], str]) -> None:
    Op = _op(fresh_key("Op"))

    class Other(Enum, type_key=fresh_key("Other")):
        one = auto()

    cost = Op.def_attr("cost", default=0)
    with pytest.raises(
        TypeError, match=r"Op.def_attr\('cost'\): expected a variant of Op, got Other"
    ):
        cost[Other.one] = 1
    with pytest.raises(TypeError, match="expected a variant of Op"):
        cost[Other.one]
    with pytest.raises(TypeError, match="expected a variant of Op, got int"):
        cost[0]
    assert Other.one not in cost and 0 not in cost
    assert cost.get(Other.one, "x") == "x"


def test_an_unregistered_object_of_the_type_is_refused(fresh_key: Callable[[str], str]) -> None:
    Op = _op(fresh_key("Op"))
    index = Op.__tvm_ffi_type_info__.type_index
    stray = tvm_ffi.core._lookup_type_attr(index, "__ffi_new__")()  # made, never registered
    cost = Op.def_attr("cost", default=0)
    with pytest.raises(TypeError, match="is not a registered variant"):
        cost[stray] = 1
    with pytest.raises(TypeError, match="is not a registered variant"):
        cost[stray]
    assert list(Op.attr_dict.get("cost", [])) == []


def test_def_attr_needs_an_enum_class() -> None:
    with pytest.raises(TypeError, match="call it on an enum class"):
        Enum.def_attr("cost")


def test_attribute_name_must_be_a_string(fresh_key: Callable[[str], str]) -> None:
    Op = _op(fresh_key("Op"))
    with pytest.raises(TypeError, match="attribute name must be a str"):
        Op.def_attr(3)  # type: ignore[arg-type]


def test_values_of_any_kind_round_trip(fresh_key: Callable[[str], str]) -> None:
    Op = _op(fresh_key("Op"))
    extra = Op.def_attr("extra")
    extra[Op.add] = {"commutative": True}
    extra[Op.neg] = [1, 2]
    extra[Op.nop] = Op.add  # another variant: kept as the same object
    assert extra[Op.add]["commutative"] is True
    assert list(extra[Op.neg]) == [1, 2]
    assert extra[Op.nop] is Op.add


def test_repr_names_class_attribute_and_default(fresh_key: Callable[[str], str]) -> None:
    Op = _op(fresh_key("Op"))
    assert repr(Op.def_attr("cost", default=0)) == "EnumAttrMap(Op, 'cost', default=0)"
    assert repr(Op.def_attr("cost")) == "EnumAttrMap(Op, 'cost')"
