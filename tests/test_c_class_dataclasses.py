# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""tvm_ffi.dataclasses module functions over @c_class types, with the
standard library's semantics: fields, asdict, astuple, replace,
is_dataclass; copy/deepcopy, __match_args__ and __replace__."""

from __future__ import annotations

import collections
import copy

import pytest

import tvm_ffi
import tvm_ffi.testing as T
from tvm_ffi import Array, Dict, List, Map, Object
from tvm_ffi.dataclasses import (
    MISSING,
    Field,
    asdict,
    astuple,
    fields,
    is_dataclass,
    replace,
)

# ---------------------------------------------------------------------------
# fields()
# ---------------------------------------------------------------------------


def test_fields_names_in_order_parents_first() -> None:
    names = [f.name for f in fields(T.TestObjectDerived)]
    assert names == ["v_i64", "v_f64", "v_str", "v_map", "v_array"]
    names = [f.name for f in fields(T.TestCxxClassDerivedDerived)]
    assert names == ["v_i64", "v_i32", "v_f64", "v_f32", "v_str", "v_bool"]
    names = [f.name for f in fields(T.TestCxxAutoInitChild)]
    assert names == ["parent_required", "parent_default", "child_required", "child_kw_only"]


def test_fields_on_instance_matches_class() -> None:
    obj = T.TestObjectDerived(v_map={}, v_array=[])
    assert [f.name for f in fields(obj)] == [f.name for f in fields(T.TestObjectDerived)]
    assert all(isinstance(f, Field) for f in fields(obj))
    assert isinstance(fields(obj), tuple)


def test_fields_defaults() -> None:
    by_name = {f.name: f for f in fields(T.TestObjectBase)}
    assert by_name["v_i64"].default == 10
    assert by_name["v_f64"].default == 10.0
    assert by_name["v_str"].default == "hello"
    for f in by_name.values():
        assert f.default_factory is MISSING
    by_name = {f.name: f for f in fields(T.TestCxxAutoInitSimple)}
    assert by_name["x"].default is MISSING
    assert by_name["x"].default_factory is MISSING


def test_fields_init_and_kw_only_flags() -> None:
    by_name = {f.name: f for f in fields(T.TestCxxAutoInit)}
    assert [by_name[n].init for n in "abcd"] == [True, False, True, True]
    assert [by_name[n].kw_only for n in "abcd"] == [False, False, True, False]
    assert by_name["b"].default == 42
    assert by_name["d"].default == 99
    assert all(f.kw_only for f in fields(T.TestCxxKwOnly))
    by_name = {f.name: f for f in fields(T.TestCxxInitSubset)}
    assert by_name["optional_field"].init is False
    assert by_name["optional_field"].default == -1
    assert by_name["note"].default == "default"


def test_fields_repr_hash_compare_flags() -> None:
    by_name = {f.name: f for f in fields(T.TestCxxClassDerived)}
    assert by_name["v_i64"].repr is False
    assert by_name["v_i32"].repr is False
    assert by_name["v_f64"].repr is True
    by_name = {f.name: f for f in fields(T.TestCompare)}
    assert by_name["ignored_field"].compare is False
    assert by_name["key"].compare is True
    by_name = {f.name: f for f in fields(T.TestHash)}
    assert by_name["hash_ignored"].hash is False
    assert by_name["key"].hash is True


def test_fields_type_from_annotations() -> None:
    by_name = {f.name: f for f in fields(T.TestObjectBase)}
    # tvm_ffi.testing uses postponed annotations, so the types are strings
    assert by_name["v_i64"].type == "int"
    assert by_name["v_str"].type == "str"


def test_fields_rejects_non_dataclasses() -> None:
    for bad in (1, None, "x", int, Object, Array([1]), tvm_ffi.testing.echo):
        with pytest.raises(TypeError, match="dataclass"):
            fields(bad)


# ---------------------------------------------------------------------------
# is_dataclass()
# ---------------------------------------------------------------------------


def test_is_dataclass() -> None:
    assert is_dataclass(T.TestObjectBase)
    assert is_dataclass(T.TestObjectBase())
    assert is_dataclass(T.TestIntPair)
    assert is_dataclass(T.TestIntPair(1, 2))
    assert is_dataclass(T.TestCxxNoAutoInit)
    for non in (
        1,
        "x",
        None,
        int,
        object(),
        Object,
        Array([1]),
        List([1]),
        Map({1: 2}),
        Dict({1: 2}),
        T.echo,
    ):
        assert not is_dataclass(non), non


# ---------------------------------------------------------------------------
# asdict() / astuple()
# ---------------------------------------------------------------------------


def test_asdict_flat() -> None:
    obj = T.TestCxxAutoInit(1, c=3)
    assert asdict(obj) == {"a": 1, "b": 42, "c": 3, "d": 99}
    assert list(asdict(obj)) == ["a", "b", "c", "d"]
    assert astuple(obj) == (1, 42, 3, 99)


def test_asdict_recurses_into_containers_and_objects() -> None:
    obj = T.TestObjectDerived(
        v_map={"k": T.TestIntPair(1, 2)}, v_array=[T.TestIntPair(3, 4), [5, 6]]
    )
    out = asdict(obj)
    assert out == {
        "v_i64": 10,
        "v_f64": 10.0,
        "v_str": "hello",
        "v_map": {"k": {"a": 1, "b": 2}},
        "v_array": ({"a": 3, "b": 4}, (5, 6)),
    }
    assert type(out["v_map"]) is dict
    tup = astuple(obj)
    assert tup == (10, 10.0, "hello", {"k": (1, 2)}, ((3, 4), (5, 6)))


def test_asdict_mutable_containers() -> None:
    obj = T.TestDeepCopyEdges(List([T.TestIntPair(1, 2)]), Dict({"a": T.TestIntPair(5, 6)}))
    out = asdict(obj)
    assert out == {"v_any": [{"a": 1, "b": 2}], "v_obj": {"a": {"a": 5, "b": 6}}}
    assert type(out["v_any"]) is list
    assert type(out["v_obj"]) is dict
    assert astuple(obj) == ([(1, 2)], {"a": (5, 6)})


def test_asdict_result_is_independent() -> None:
    obj = T.TestDeepCopyEdges(List([1, 2]), None)
    out = asdict(obj)
    out["v_any"].append(3)
    assert list(obj.v_any) == [1, 2]


def test_asdict_dict_factory_applies_recursively() -> None:
    obj = T.TestDeepCopyEdges(T.TestIntPair(1, 2), None)
    out = asdict(obj, dict_factory=collections.OrderedDict)
    assert type(out) is collections.OrderedDict
    assert type(out["v_any"]) is collections.OrderedDict
    assert out["v_any"] == {"a": 1, "b": 2}


def test_astuple_tuple_factory_applies_recursively() -> None:
    # dataclasses.astuple applies tuple_factory to nested dataclasses too
    obj = T.TestDeepCopyEdges(T.TestIntPair(1, 2), None)
    out = astuple(obj, tuple_factory=list)
    assert out == [[1, 2], None]


def test_asdict_astuple_reject_classes_and_non_dataclasses() -> None:
    for func in (asdict, astuple):
        for bad in (T.TestIntPair, 1, None, Array([1]), Object):
            with pytest.raises(TypeError, match="dataclass instances"):
                func(bad)


# ---------------------------------------------------------------------------
# replace() / __replace__
# ---------------------------------------------------------------------------


def test_replace_makes_new_object() -> None:
    obj = T.TestObjectBase(v_i64=1, v_str="a")
    new = replace(obj, v_i64=2)
    assert type(new) is T.TestObjectBase
    assert not new.same_as(obj)
    assert (new.v_i64, new.v_str) == (2, "a")
    assert (obj.v_i64, obj.v_str) == (1, "a")
    assert replace(obj).v_i64 == 1


def test_replace_read_only_field_on_copy() -> None:
    obj = T.TestObjectBase()
    new = replace(obj, v_f64=2.5)
    assert new.v_f64 == 2.5
    assert obj.v_f64 == 10.0
    pair = T.TestIntPair(1, 2)
    new_pair = replace(pair, a=9)
    assert (new_pair.a, new_pair.b) == (9, 2)
    assert (pair.a, pair.b) == (1, 2)


def test_replace_errors() -> None:
    obj = T.TestObjectBase(v_i64=1)
    with pytest.raises(TypeError, match="no_such_field"):
        replace(obj, no_such_field=1)
    with pytest.raises(ValueError, match="init=False"):
        replace(T.TestCxxAutoInit(1, c=3), b=1)
    with pytest.raises(TypeError, match=r"v_i64.*expects `int`"):
        replace(obj, v_i64="x")
    assert obj.v_i64 == 1
    for bad in (1, None, Array([1])):
        with pytest.raises(TypeError, match="dataclass"):
            replace(bad, x=1)


def test_replace_rejects_class() -> None:
    # dataclasses.replace(cls) raises "replace() should be called on dataclass instances"
    with pytest.raises(TypeError, match="dataclass instances"):
        replace(T.TestIntPair, a=1)


def test_replace_non_copyable_raises() -> None:
    with pytest.raises(TypeError, match="TestNonCopyable"):
        replace(T.TestNonCopyable(1), value=2)


def test_dunder_replace() -> None:
    obj = T.TestObjectBase(v_i64=1)
    assert hasattr(T.TestObjectBase, "__replace__")
    new = obj.__replace__(v_i64=7)
    assert new.v_i64 == 7
    assert obj.v_i64 == 1
    with pytest.raises(TypeError, match="nope"):
        obj.__replace__(nope=1)


# ---------------------------------------------------------------------------
# copy / deepcopy
# ---------------------------------------------------------------------------


def test_copy_is_shallow() -> None:
    inner = T.TestIntPair(1, 2)
    obj = T.TestDeepCopyEdges(inner, List([1]))
    dup = copy.copy(obj)
    assert type(dup) is T.TestDeepCopyEdges
    assert not dup.same_as(obj)
    assert dup.v_any.same_as(inner)
    assert dup.v_obj.same_as(obj.v_obj)
    dup.v_any = 5
    assert obj.v_any.same_as(inner)


def test_deepcopy_copies_graph() -> None:
    inner = List([T.TestIntPair(1, 2)])
    obj = T.TestDeepCopyEdges(inner, T.TestObjectBase(v_i64=3))
    dup = copy.deepcopy(obj)
    assert type(dup) is T.TestDeepCopyEdges
    assert not dup.v_any.same_as(inner)
    assert dup.v_any[0] == T.TestIntPair(1, 2)
    assert dup.v_obj.v_i64 == 3
    assert not dup.v_obj.same_as(obj.v_obj)
    dup.v_any.append(9)
    assert len(inner) == 1


def test_copy_non_copyable_raises() -> None:
    with pytest.raises(TypeError, match="TestNonCopyable"):
        copy.copy(T.TestNonCopyable(1))
    with pytest.raises(TypeError, match="TestNonCopyable"):
        copy.deepcopy(T.TestNonCopyable(1))


def test_copy_preserves_values_of_all_fields() -> None:
    obj = T.TestCxxAutoInitKwOnlyDefaults(1, 2, k_required=3, k_default=4)
    obj.hidden = 5
    dup = copy.copy(obj)
    assert astuple(dup) == (1, 2, 3, 4, 5)


# ---------------------------------------------------------------------------
# __match_args__ and match
# ---------------------------------------------------------------------------


def test_match_args() -> None:
    assert T.TestIntPair.__match_args__ == ("a", "b")
    assert T.TestCxxAutoInitSimple.__match_args__ == ("x", "y")
    assert T.TestCxxAutoInit.__match_args__ == ("a", "d")
    assert T.TestCxxKwOnly.__match_args__ == ()
    # in the positional order of the constructor
    assert T.TestCxxAutoInitChild.__match_args__ == (
        "parent_required",
        "child_required",
        "parent_default",
    )


def _describe(obj: object) -> str:
    match obj:
        case T.TestIntPair(0, b):
            return f"pair starting at zero, b={b}"
        case T.TestIntPair(a, b) if a == b:
            return f"diagonal {a}"
        case T.TestCxxAutoInitChild(p, c, d):
            return f"child {p} {c} {d}"
        case T.TestCxxAutoInit(a, d, c=c):
            return f"auto {a} {d} {c}"
        case _:
            return "other"


def test_match_statement() -> None:
    assert _describe(T.TestIntPair(0, 5)) == "pair starting at zero, b=5"
    assert _describe(T.TestIntPair(3, 3)) == "diagonal 3"
    assert _describe(T.TestIntPair(3, 4)) == "other"
    assert _describe(T.TestCxxAutoInitChild(1, 2, child_kw_only=3)) == "child 1 2 5"
    assert _describe(T.TestCxxAutoInit(1, c=3)) == "auto 1 99 3"
    assert _describe(T.TestObjectBase()) == "other"
    assert _describe(5) == "other"


def test_match_too_many_positional_patterns() -> None:
    with pytest.raises(TypeError):  # noqa: PT012 - the match statement is the one under test
        match T.TestCxxAutoInitSimple(1, 2):
            case T.TestCxxAutoInitSimple(_, _, _):
                pass
