# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""@c_class and register_object over C++ types: the generated constructor,
field descriptors, methods, inheritance, annotations, class binding and
user-defined dunders."""

# pyright: reportPrivateUsage=false

from __future__ import annotations

import dataclasses
import inspect
import warnings
from collections.abc import Callable
from typing import Any, ClassVar

import pytest

import tvm_ffi
import tvm_ffi.testing as T
from tvm_ffi import Object, core
from tvm_ffi.dataclasses import c_class


def _index(key: str) -> int:
    return core._type_key_to_index(key)


# ---------------------------------------------------------------------------
# Generated constructor: signature
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "expected"),
    [
        (
            T.TestCxxAutoInitChild,
            "(self, parent_required, child_required, parent_default=5, *, child_kw_only)",
        ),
        (T.TestCxxAutoInitParent, "(self, parent_required, parent_default=5)"),
        (T.TestCxxAutoInit, "(self, a, d=99, *, c)"),
        (T.TestCxxAutoInitSimple, "(self, x, y)"),
        (T.TestCxxAutoInitAllInitOff, "(self)"),
        (
            T.TestCxxAutoInitKwOnlyDefaults,
            "(self, p_required, p_default=11, *, k_required, k_default=22)",
        ),
        (T.TestCxxKwOnly, "(self, *, x, y, z, w=100)"),
        (T.TestCxxInitSubset, "(self, required_field)"),
        (T.TestObjectBase, "(self, v_i64=10, v_f64=10.0, v_str='hello')"),
        (T.TestObjectDerived, "(self, v_map, v_array, v_i64=10, v_f64=10.0, v_str='hello')"),
        (
            T.TestCxxClassDerivedDerived,
            "(self, v_i64, v_i32, v_f64, v_bool, v_f32=8.0, v_str='default')",
        ),
        (T.TestIntPair, "(self, *args)"),
    ],
    ids=lambda v: v.__name__ if isinstance(v, type) else "",
)
def test_init_signature(cls: type, expected: str) -> None:
    assert str(inspect.signature(cls.__init__)) == expected


def test_init_signature_parameter_kinds() -> None:
    params = inspect.signature(T.TestCxxAutoInitChild.__init__).parameters
    kinds = {name: p.kind for name, p in params.items()}
    assert kinds["parent_required"] is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert kinds["parent_default"] is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert kinds["child_kw_only"] is inspect.Parameter.KEYWORD_ONLY
    assert params["parent_default"].default == 5
    assert params["child_required"].default is inspect.Parameter.empty


def test_init_signature_leaves_out_init_false_fields() -> None:
    for cls, hidden in [
        (T.TestCxxAutoInit, {"b"}),
        (T.TestCxxInitSubset, {"optional_field", "note"}),
        (T.TestCxxAutoInitKwOnlyDefaults, {"hidden"}),
        (T.TestCxxAutoInitAllInitOff, {"x", "y", "z"}),
    ]:
        params = set(inspect.signature(cls.__init__).parameters)
        assert not params & hidden, cls


# ---------------------------------------------------------------------------
# Generated constructor: values
# ---------------------------------------------------------------------------


def test_seed_inheritance_example() -> None:
    child = T.TestCxxAutoInitChild(1, 2, child_kw_only=3)
    assert child.parent_required == 1
    assert child.child_required == 2
    assert child.parent_default == 5
    assert child.child_kw_only == 3
    assert isinstance(child, T.TestCxxAutoInitParent)


def test_child_all_by_keyword_and_default_overridden() -> None:
    child = T.TestCxxAutoInitChild(
        child_kw_only=4, parent_default=3, child_required=2, parent_required=1
    )
    assert (
        child.parent_required,
        child.child_required,
        child.parent_default,
        child.child_kw_only,
    ) == (1, 2, 3, 4)
    child = T.TestCxxAutoInitChild(1, 2, 7, child_kw_only=3)
    assert child.parent_default == 7


def test_auto_init_defaults_and_init_false_default() -> None:
    obj = T.TestCxxAutoInit(1, c=3)
    assert (obj.a, obj.b, obj.c, obj.d) == (1, 42, 3, 99)
    obj = T.TestCxxAutoInit(1, 4, c=3)
    assert (obj.a, obj.b, obj.c, obj.d) == (1, 42, 3, 4)
    obj = T.TestCxxAutoInit(a=5, d=6, c=7)
    assert (obj.a, obj.b, obj.c, obj.d) == (5, 42, 7, 6)


def test_auto_init_simple_positional_and_keyword() -> None:
    assert (T.TestCxxAutoInitSimple(1, 2).x, T.TestCxxAutoInitSimple(1, 2).y) == (1, 2)
    obj = T.TestCxxAutoInitSimple(y=20, x=10)
    assert (obj.x, obj.y) == (10, 20)
    obj = T.TestCxxAutoInitSimple(3, y=4)
    assert (obj.x, obj.y) == (3, 4)


def test_auto_init_all_init_off() -> None:
    obj = T.TestCxxAutoInitAllInitOff()
    assert (obj.x, obj.y) == (7, 9)
    assert obj.z == 0  # no default: keeps the value of the blank object


def test_auto_init_kw_only_defaults() -> None:
    obj = T.TestCxxAutoInitKwOnlyDefaults(1, k_required=2)
    assert (obj.p_required, obj.p_default, obj.k_required, obj.k_default, obj.hidden) == (
        1,
        11,
        2,
        22,
        33,
    )
    obj = T.TestCxxAutoInitKwOnlyDefaults(1, 5, k_required=2, k_default=6)
    assert (obj.p_default, obj.k_default, obj.hidden) == (5, 6, 33)


def test_kw_only_class() -> None:
    obj = T.TestCxxKwOnly(x=1, y=2, z=3)
    assert (obj.x, obj.y, obj.z, obj.w) == (1, 2, 3, 100)
    assert T.TestCxxKwOnly(x=1, y=2, z=3, w=4).w == 4
    with pytest.raises(TypeError, match=r"testing\.TestCxxKwOnly.*takes 0 positional"):
        T.TestCxxKwOnly(1, 2, 3)


def test_init_subset() -> None:
    obj = T.TestCxxInitSubset(5)
    assert (obj.required_field, obj.optional_field, obj.note) == (5, -1, "default")
    obj = T.TestCxxInitSubset(required_field=6)
    assert obj.required_field == 6
    with pytest.raises(TypeError, match="optional_field"):
        T.TestCxxInitSubset(1, optional_field=2)


def test_object_base_defaults_and_overrides() -> None:
    obj = T.TestObjectBase()
    assert (obj.v_i64, obj.v_f64, obj.v_str) == (10, 10.0, "hello")
    obj = T.TestObjectBase(1, 2.5, "x")
    assert (obj.v_i64, obj.v_f64, obj.v_str) == (1, 2.5, "x")
    obj = T.TestObjectBase(v_str="y")
    assert (obj.v_i64, obj.v_str) == (10, "y")


def test_explicit_constructor() -> None:
    pair = T.TestIntPair(3, 4)
    assert (pair.a, pair.b) == (3, 4)
    assert pair.type_key == "testing.TestIntPair"
    assert T.TestNonCopyable(7).value == 7


# ---------------------------------------------------------------------------
# Generated constructor: errors
# ---------------------------------------------------------------------------


def test_init_missing_arguments() -> None:
    with pytest.raises(TypeError, match=r"testing\.TestCxxAutoInitChild.*missing.*child_required"):
        T.TestCxxAutoInitChild(1)
    with pytest.raises(TypeError, match=r"testing\.TestCxxAutoInitChild.*missing.*child_kw_only"):
        T.TestCxxAutoInitChild(1, 2)
    with pytest.raises(TypeError, match=r"testing\.TestCxxAutoInit\b.*missing.*'c'"):
        T.TestCxxAutoInit(1)
    with pytest.raises(TypeError, match=r"testing\.TestCxxAutoInitSimple.*missing.*'x', 'y'"):
        T.TestCxxAutoInitSimple()


def test_init_too_many_positional() -> None:
    with pytest.raises(TypeError, match=r"testing\.TestCxxAutoInitChild.*takes 3 positional"):
        T.TestCxxAutoInitChild(1, 2, 3, 4)
    with pytest.raises(TypeError, match=r"testing\.TestCxxAutoInitAllInitOff.*takes 0 positional"):
        T.TestCxxAutoInitAllInitOff(1)
    with pytest.raises(TypeError, match=r"testing\.TestCxxAutoInitSimple.*takes 2 positional"):
        T.TestCxxAutoInitSimple(1, 2, 3)


def test_init_duplicated_argument() -> None:
    with pytest.raises(
        TypeError, match=r"testing\.TestCxxAutoInitChild.*multiple values.*'parent_required'"
    ):
        T.TestCxxAutoInitChild(1, 2, child_kw_only=3, parent_required=5)
    with pytest.raises(TypeError, match=r"testing\.TestCxxAutoInitSimple.*multiple values.*'x'"):
        T.TestCxxAutoInitSimple(1, 2, x=3)


def test_init_unknown_keyword() -> None:
    with pytest.raises(TypeError, match=r"testing\.TestCxxAutoInitChild.*unexpected.*'bogus'"):
        T.TestCxxAutoInitChild(1, 2, child_kw_only=3, bogus=5)
    # an init(false) field is not a parameter either
    with pytest.raises(TypeError, match=r"testing\.TestCxxAutoInit\b.*unexpected.*'b'"):
        T.TestCxxAutoInit(1, c=3, b=5)


def test_init_wrong_field_type() -> None:
    with pytest.raises(
        TypeError, match=r"testing\.TestCxxAutoInitSimple\.x: expected `int` but got `str`"
    ):
        T.TestCxxAutoInitSimple("one", 2)
    with pytest.raises(
        TypeError, match=r"testing\.TestObjectBase\.v_str: expected `str` but got `int`"
    ):
        T.TestObjectBase(v_str=3)


def test_class_level_init_false_cannot_construct() -> None:
    with pytest.raises(TypeError, match=r"testing\.TestCxxNoAutoInit"):
        T.TestCxxNoAutoInit()
    with pytest.raises(TypeError, match=r"testing\.TestCxxNoAutoInit"):
        T.TestCxxNoAutoInit(1, 2)
    with pytest.raises(TypeError, match=r"testing\.TestCxxNoAutoInit"):
        T.TestCxxNoAutoInit(x=1, y=2)


def test_explicit_constructor_errors() -> None:
    with pytest.raises(TypeError, match="Expected `int` but got `str`"):
        T.TestIntPair("a", 2)
    with pytest.raises(TypeError, match="TestIntPair"):
        T.TestIntPair(1)
    with pytest.raises(TypeError, match="TestIntPair"):
        T.TestIntPair(1, 2, 3)
    with pytest.raises(
        TypeError, match=r"testing\.TestIntPair\.__init__.*takes no keyword arguments"
    ):
        T.TestIntPair(a=1, b=2)
    with pytest.raises(
        TypeError, match=r"testing\.TestNonCopyable\.__init__.*Expected `int` but got `str`"
    ):
        T.TestNonCopyable("x")


def test_init_called_again_or_on_wrong_self() -> None:
    obj = T.TestObjectBase()
    with pytest.raises(RuntimeError, match="already initialized"):
        T.TestObjectBase.__init__(obj, 1)
    assert obj.v_i64 == 10
    with pytest.raises(TypeError):
        T.TestObjectBase.__init__(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        T.TestObjectBase.__init__()  # type: ignore[call-arg]


# ---------------------------------------------------------------------------
# Fields
# ---------------------------------------------------------------------------


def test_field_read_write() -> None:
    obj = T.TestObjectBase()
    obj.v_i64 = 123
    obj.v_str = "world"
    assert (obj.v_i64, obj.v_str) == (123, "world")
    obj.v_i64 = -(2**63)
    assert obj.v_i64 == -(2**63)
    child = T.TestCxxAutoInitChild(1, 2, child_kw_only=3)
    child.parent_default = 50
    child.child_kw_only = 30
    assert (child.parent_default, child.child_kw_only) == (50, 30)


def test_read_only_field_rejects_write() -> None:
    obj = T.TestObjectBase()
    with pytest.raises(AttributeError, match=r"v_f64.*testing\.TestObjectBase"):
        obj.v_f64 = 1.0  # type: ignore[misc]
    assert obj.v_f64 == 10.0
    pair = T.TestIntPair(1, 2)
    with pytest.raises(AttributeError, match=r"'a'.*testing\.TestIntPair"):
        pair.a = 5  # type: ignore[misc]
    assert pair.a == 1


def test_wrong_type_write() -> None:
    obj = T.TestObjectBase(v_i64=7)
    with pytest.raises(TypeError) as info:
        obj.v_i64 = "s"  # type: ignore[assignment]
    assert str(info.value) == (
        "field 'v_i64' of 'testing.TestObjectBase' expects `int` but got `str`"
    )
    assert obj.v_i64 == 7
    with pytest.raises(
        TypeError, match=r"field 'v_str' of 'testing\.TestObjectBase' expects `str`"
    ):
        obj.v_str = 3  # type: ignore[assignment]
    assert obj.v_str == "hello"
    with pytest.raises(TypeError, match=r"v_i64.*expects `int` but got `float`"):
        obj.v_i64 = 3.5  # type: ignore[assignment]
    with pytest.raises(TypeError, match=r"v_i64"):
        obj.v_i64 = None  # type: ignore[assignment]
    assert obj.v_i64 == 7


def test_out_of_range_write_keeps_old_value() -> None:
    obj = T.TestObjectBase(v_i64=7)
    with pytest.raises((OverflowError, TypeError)):
        obj.v_i64 = 2**70
    assert obj.v_i64 == 7


def test_container_field_write_type_checked() -> None:
    obj = T.TestObjectDerived(v_map={"a": 1}, v_array=[1])
    obj.v_array = [4, 5]
    assert list(obj.v_array) == [4, 5]
    with pytest.raises(TypeError, match=r"v_array.*testing\.TestObjectDerived"):
        obj.v_array = 5
    assert list(obj.v_array) == [4, 5]


def test_object_field_write_type_checked() -> None:
    base = T.TestObjectBase(v_i64=1)
    holder = T.TestObjectPtrHolder(base)
    assert holder.value.same_as(base)
    assert holder.optional_value is None
    holder.optional_value = base
    assert holder.optional_value.v_i64 == 1
    with pytest.raises(TypeError, match=r"value.*testing\.TestObjectPtrHolder"):
        holder.value = T.TestIntPair(1, 2)
    assert holder.value.same_as(base)


def test_delete_field_raises() -> None:
    obj = T.TestObjectBase()
    with pytest.raises(AttributeError, match=r"v_i64.*testing\.TestObjectBase"):
        del obj.v_i64
    assert obj.v_i64 == 10
    with pytest.raises(AttributeError):
        del obj.v_f64


def test_frozen_c_class(rebind: Callable[[str], int]) -> None:
    rebind("testing.TestCxxAutoInitSimple")

    @c_class("testing.TestCxxAutoInitSimple", frozen=True)
    class Frozen(Object):
        x: int
        y: int

    obj = Frozen(1, 2)
    assert (obj.x, obj.y) == (1, 2)
    for name, value in (("x", 3), ("y", 4), ("not_a_field", 5)):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, name, value)
    with pytest.raises(AttributeError):  # FrozenInstanceError is an AttributeError
        obj.x = 9
    with pytest.raises(dataclasses.FrozenInstanceError):
        del obj.x
    with pytest.raises(AttributeError):
        object.__setattr__(obj, "x", 9)
    assert (obj.x, obj.y) == (1, 2)
    # the unfrozen class of the same type is unaffected
    plain = T.TestCxxAutoInitSimple(1, 2)
    plain.x = 5
    assert plain.x == 5


def test_field_descriptors_on_class() -> None:
    acc = T.TestObjectBase.v_i64
    assert isinstance(acc, core.FieldAccessor)
    assert acc.name == "v_i64"
    assert acc.type_str == "int"
    assert T.TestObjectBase.v_str.type_str == "str"
    assert T.TestObjectBase.v_f64.type_str == "float"
    assert isinstance(T.TestIntPair.a, core.FieldAccessor)
    assert T.TestObjectDerived.v_map.name == "v_map"
    # inherited descriptors are reachable through the subclass
    assert isinstance(T.TestObjectDerived.v_i64, core.FieldAccessor)
    assert T.TestObjectDerived.v_i64.name == "v_i64"


# ---------------------------------------------------------------------------
# Methods
# ---------------------------------------------------------------------------


def test_methods_bound() -> None:
    pair = T.TestIntPair(3, 4)
    assert pair.sum() == 7
    assert T.TestIntPair.sum(pair) == 7
    bound = pair.sum
    assert bound() == 7
    obj = T.TestObjectBase(v_i64=10)
    assert obj.add_i64(5) == 15
    assert T.TestObjectDerived(v_map={}, v_array=[], v_i64=1).add_i64(2) == 3


def test_method_wrong_arguments() -> None:
    pair = T.TestIntPair(3, 4)
    with pytest.raises(TypeError, match="sum"):
        pair.sum(1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="testing.TestIntPair"):
        T.TestIntPair.sum(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        T.TestIntPair.sum()  # type: ignore[call-arg]
    obj = T.TestObjectBase()
    with pytest.raises(TypeError, match="add_i64"):
        obj.add_i64("x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="add_i64"):
        obj.add_i64()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="add_i64"):
        obj.add_i64(1, 2)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        T.TestObjectBase.add_i64(pair, 1)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Inheritance
# ---------------------------------------------------------------------------


def test_derived_inherits_base_fields() -> None:
    obj = T.TestObjectDerived(v_map={"a": 1}, v_array=[1, 2], v_i64=3)
    assert (obj.v_i64, obj.v_f64, obj.v_str) == (3, 10.0, "hello")
    assert dict(obj.v_map) == {"a": 1}
    assert list(obj.v_array) == [1, 2]
    obj.v_i64 = 4
    assert obj.v_i64 == 4
    with pytest.raises(AttributeError, match="v_f64"):
        obj.v_f64 = 1.0  # type: ignore[misc]


def test_isinstance_follows_hierarchy() -> None:
    derived = T.TestObjectDerived(v_map={}, v_array=[])
    assert isinstance(derived, T.TestObjectDerived)
    assert isinstance(derived, T.TestObjectBase)
    assert isinstance(derived, Object)
    assert not isinstance(T.TestObjectBase(), T.TestObjectDerived)
    dd = T.TestCxxClassDerivedDerived(1, 2, 3.0, True)
    assert isinstance(dd, T.TestCxxClassDerived)
    assert isinstance(dd, T.TestCxxClassBase)
    assert not isinstance(dd, T.TestObjectBase)
    assert issubclass(T.TestCxxAutoInitChild, T.TestCxxAutoInitParent)


def test_derived_derived_fields_and_defaults() -> None:
    obj = T.TestCxxClassDerivedDerived(1, 2, 3.0, True)
    assert (obj.v_i64, obj.v_i32, obj.v_f64, obj.v_bool) == (1, 2, 3.0, True)
    assert obj.v_f32 == 8.0
    assert obj.v_str == "default"
    obj = T.TestCxxClassDerivedDerived(
        v_i64=1, v_i32=2, v_f64=3.0, v_bool=False, v_f32=1.5, v_str="s"
    )
    assert (obj.v_f32, obj.v_str, obj.v_bool) == (1.5, "s", False)


def test_objects_from_cpp_get_their_class() -> None:
    base = T.TestObjectBase(v_i64=1)
    holder = tvm_ffi.get_global_func("testing.make_object_ptr_holder")(base)
    assert type(holder) is T.TestObjectPtrHolder
    assert type(holder.value) is T.TestObjectBase


# ---------------------------------------------------------------------------
# Annotations and binding
# ---------------------------------------------------------------------------


def test_annotation_without_field_raises(rebind: Callable[[str], int]) -> None:
    rebind("testing.TestCxxAutoInitSimple")
    with pytest.raises(TypeError, match="not_a_field"):

        @c_class("testing.TestCxxAutoInitSimple")
        class Bad(Object):
            x: int
            y: int
            not_a_field: int


def test_failed_decoration_leaves_binding_alone(rebind: Callable[[str], int]) -> None:
    """A class rejected by c_class must not become the class of the type."""
    index = rebind("testing.TestCxxAutoInitSimple")
    with pytest.raises(TypeError):

        @c_class("testing.TestCxxAutoInitSimple")
        class Bad(Object):
            x: int
            y: int
            not_a_field: int

    assert core._registered_object_class(index) is T.TestCxxAutoInitSimple
    made = core._lookup_type_attr(index, "__ffi_init__")(1, 2)
    assert type(made) is T.TestCxxAutoInitSimple


def test_classvar_annotation_allowed(rebind: Callable[[str], int]) -> None:
    rebind("testing.TestCxxAutoInitSimple")

    @c_class("testing.TestCxxAutoInitSimple")
    class WithClassVar(Object):
        x: int
        y: int
        registry: ClassVar[dict[str, int]] = {}

    assert WithClassVar(1, 2).x == 1
    assert WithClassVar.registry == {}


def test_missing_annotation_warns(rebind: Callable[[str], int]) -> None:
    rebind("testing.TestCxxAutoInitSimple")
    with pytest.warns(UserWarning, match=r"`y`.*no annotation"):

        @c_class("testing.TestCxxAutoInitSimple")
        class Partial(Object):
            x: int

    obj = Partial(1, 2)  # the field is still installed
    assert obj.y == 2


def test_complete_annotations_do_not_warn(rebind: Callable[[str], int]) -> None:
    rebind("testing.TestCxxAutoInitChild")
    with warnings.catch_warnings():
        warnings.simplefilter("error")

        @c_class("testing.TestCxxAutoInitChild")
        class Child(T.TestCxxAutoInitParent):
            child_required: int
            child_kw_only: int

    assert Child(1, 2, child_kw_only=3).parent_default == 5


def test_unregistered_key_raises_value_error() -> None:
    with pytest.raises(ValueError, match=r"nope\.NotRegistered"):

        @c_class("nope.NotRegistered")
        class Missing(Object):
            pass


def test_non_object_class_raises_type_error(rebind: Callable[[str], int]) -> None:
    index = rebind("testing.TestCxxAutoInitSimple")
    with pytest.raises(TypeError, match="tvm_ffi.Object"):

        @c_class("testing.TestCxxAutoInitSimple")
        class NotAnObject:
            x: int
            y: int

    assert core._registered_object_class(index) is T.TestCxxAutoInitSimple


def test_c_class_bad_arguments() -> None:
    with pytest.raises(TypeError, match="type key must be a str, got int"):
        c_class(123)(type("K", (Object,), {}))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"got type \(write @c_class\(\"type.key\"\)"):
        c_class(type("K", (Object,), {}))  # type: ignore[arg-type]  # no parentheses
    with pytest.raises(TypeError, match="42"):
        c_class("testing.TestIntPair")(42)  # type: ignore[type-var]
    with pytest.raises(ValueError, match="eq"):
        c_class("testing.TestIntPair", order=True)


def test_user_class_rebinds_key(rebind: Callable[[str], int]) -> None:
    index = rebind("testing.TestIntPair")

    @c_class("testing.TestIntPair")
    class MyPair(Object):
        a: int
        b: int

        def total(self) -> int:
            return int(self.sum()) * 10  # type: ignore[attr-defined]

    assert core._registered_object_class(index) is MyPair
    pair = MyPair(1, 2)
    assert (pair.a, pair.b, pair.total()) == (1, 2, 30)
    # new objects made in C++ now come back as the user's class
    made = core._lookup_type_attr(index, "__ffi_init__")(5, 6)
    assert type(made) is MyPair
    assert made.total() == 110
    copied = T.TestIntPair(7, 8).__copy__()
    assert type(copied) is MyPair
    assert (copied.a, copied.b) == (7, 8)


def test_user_dunders_win(rebind: Callable[[str], int]) -> None:
    index = rebind("testing.TestCxxAutoInitSimple")
    ffi_init = core._lookup_type_attr(index, "__ffi_init__")

    @c_class("testing.TestCxxAutoInitSimple", eq=True)
    class Custom(Object):
        x: int
        y: int

        def __init__(self, v: int) -> None:
            self.__init_handle_by_constructor__(ffi_init, v, v + 1)

        def __repr__(self) -> str:
            return f"Custom<{self.x}>"

        def __eq__(self, other: object) -> bool:
            return isinstance(other, Custom) and self.x == other.x

    a, b = Custom(3), Custom(3)
    assert (a.x, a.y) == (3, 4)
    assert repr(a) == "Custom<3>"
    assert a == b
    a.y = 100
    assert a == b  # the user's __eq__ ignores y
    assert a != Custom(4)
    assert str(inspect.signature(Custom.__init__)) == "(self, v: 'int') -> 'None'"


def test_generated_dunders_without_user_override() -> None:
    pair = T.TestIntPair(1, 2)
    assert repr(pair) == "testing.TestIntPair(a=1, b=2)"
    assert pair == T.TestIntPair(1, 2)  # eq=True
    assert pair != T.TestIntPair(1, 3)
    assert hash(pair) == hash(T.TestIntPair(1, 2))  # unsafe_hash=True
    assert pair < T.TestIntPair(1, 3)  # order=True
    # TestObjectBase has eq=False: identity equality
    assert T.TestObjectBase() != T.TestObjectBase()


def test_register_object_quick_start(rebind: Callable[[str], int]) -> None:
    index = rebind("testing.TestCxxAutoInit")

    @tvm_ffi.register_object("testing.TestCxxAutoInit")
    class Point(Object):
        a: int
        b: int
        c: int
        d: int

    assert core._registered_object_class(index) is Point
    assert str(inspect.signature(Point.__init__)) == "(self, a, d=99, *, c)"
    p1 = Point(1, c=2)
    assert (p1.a, p1.b, p1.c, p1.d) == (1, 42, 2, 99)
    p2 = Point(1, 5, c=2)
    assert p2.d == 5
    p2.a = 10
    assert p2.a == 10
    with pytest.raises(TypeError, match="missing"):
        Point(1)
    assert isinstance(Point.a, core.FieldAccessor)
    assert repr(p1) == "testing.TestCxxAutoInit(a=1, b=42, c=2, d=99)"


def test_register_object_explicit_ctor_and_methods(rebind: Callable[[str], int]) -> None:
    rebind("testing.TestIntPair")

    @tvm_ffi.register_object("testing.TestIntPair")
    class Pair(Object):
        pass

    pair = Pair(2, 3)
    assert (pair.a, pair.b) == (2, 3)
    assert pair.sum() == 5  # type: ignore[attr-defined]
    assert not hasattr(Pair, "__replace__")  # not a dataclass: replace() would refuse it
    with pytest.raises(TypeError):
        Pair("x", 3)


def test_register_object_bad_input() -> None:
    with pytest.raises(ValueError, match=r"nope\.X"):
        tvm_ffi.register_object("nope.X")(type("Q", (Object,), {}))
    with pytest.raises(ValueError, match="NoSuchTypeKey"):
        tvm_ffi.register_object(type("NoSuchTypeKey", (Object,), {}))
    with pytest.raises(TypeError):
        tvm_ffi.register_object("testing.TestIntPair")(int)
    with pytest.raises(TypeError):
        tvm_ffi.register_object(5)(type("Q", (Object,), {}))  # type: ignore[call-overload]


@pytest.mark.parametrize(
    "value", [3, dataclasses.field(default=3), tvm_ffi.dataclasses.field(default=3)]
)
def test_field_value_in_class_body_is_refused(rebind: Callable[[str], int], value: Any) -> None:
    rebind("testing.TestCxxAutoInitSimple")
    ns = {"__annotations__": {"x": int, "y": int}, "x": value}
    with pytest.raises(
        TypeError, match=r"field `Simple\.x` has a value in the class body.*refl::default_"
    ):
        c_class("testing.TestCxxAutoInitSimple")(type("Simple", (Object,), ns))
    # nothing was bound: the testing class still comes back
    assert type(T.TestCxxAutoInitSimple(1, 2)) is T.TestCxxAutoInitSimple


@pytest.mark.parametrize("marker", [tvm_ffi.dataclasses.KW_ONLY, "KW_ONLY"])
def test_kw_only_marker_annotation_is_accepted(rebind: Callable[[str], int], marker: Any) -> None:
    rebind("testing.TestCxxAutoInitSimple")
    ns = {"__annotations__": {"_": marker, "x": int, "y": int}}
    Simple = c_class("testing.TestCxxAutoInitSimple")(type("Simple", (Object,), ns))
    assert (Simple(1, 2).x, Simple(1, 2).y) == (1, 2)  # C++ decides what is keyword-only
