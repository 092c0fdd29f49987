# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""@py_class registration: two phases, forward references, rollback,
redefinition, inheritance (from py_class and C++ types), threads."""

import threading
from collections.abc import Callable
from typing import Any, Optional

import pytest
from conftest import run_threads

import tvm_ffi
import tvm_ffi.testing
from tvm_ffi import core
from tvm_ffi.dataclasses import field, fields, py_class

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "defines py_class types inside its tests"

Key = Callable[[str], str]


def test_self_reference_without_future_import(fresh_key: Key) -> None:
    @py_class(fresh_key("Node"))
    class Node(tvm_ffi.Object):
        value: int
        next: Optional["Node"] = None

    chain = Node(1, Node(2, Node(3)))
    assert chain.next.next.value == 3 and type(chain.next) is Node
    with pytest.raises(TypeError, match="next"):
        Node(1, 5)


def test_names_inside_generics_resolve(fresh_key: Key) -> None:
    @py_class(fresh_key("Tree2"))
    class Tree2(tvm_ffi.Object):
        kids: list["Tree2"]
        table: "dict[str, Optional[Tree2]]"

    t = Tree2([], {})
    t.kids.append(Tree2([], {"x": None}))
    with pytest.raises(TypeError, match="kids"):
        t.kids = [1]
    assert type(t.kids[0]) is Tree2


def test_mutual_references_complete_when_the_other_class_exists(fresh_key: Key) -> None:
    @py_class(fresh_key("Tree"))
    class Tree(tvm_ffi.Object):
        leaves: "list[Leaf]"

    assert "__tvm_ffi_type_info__" not in Tree.__dict__  # pending: Leaf is not defined yet

    @py_class(fresh_key("Leaf"))
    class Leaf(tvm_ffi.Object):
        parent: Optional[Tree] = None

    assert "__tvm_ffi_type_info__" in Tree.__dict__  # completed by Leaf's definition
    t = Tree([Leaf()])
    t.leaves[0].parent = t
    assert t.leaves[0].parent is t


def test_pending_class_completes_on_first_instantiation(fresh_key: Key) -> None:
    @py_class(fresh_key("Late"))
    class Late(tvm_ffi.Object):
        other: "Optional[LaterDefined]" = None

    with pytest.raises(TypeError, match="LaterDefined"):
        Late()
    global LaterDefined  # noqa: PLW0603 - the forward reference resolves in module scope

    @py_class(fresh_key("LaterDefined"))
    class LaterDefined(tvm_ffi.Object):  # type: ignore[no-redef]
        x: int = 0

    assert Late().other is None
    assert Late(LaterDefined()).other.x == 0


def test_failed_definition_is_rolled_back_and_key_reusable(fresh_key: Key) -> None:
    key = fresh_key("Roll")
    for _ in range(3):
        with pytest.raises(TypeError):

            @py_class(key)
            class Broken(tvm_ffi.Object):
                x: int = "not an int"  # type: ignore[assignment]

        assert core._object_type_key_to_index(key) is None

    @py_class(key)
    class Fixed(tvm_ffi.Object):
        x: int = 1

    assert Fixed().x == 1 and core._object_type_key_to_index(key) is not None


def test_redefining_a_live_key_is_an_error(fresh_key: Key) -> None:
    key = fresh_key("Live")

    @py_class(key)
    class First(tvm_ffi.Object):
        x: int

    with pytest.raises(ValueError, match="already registered.*First"):

        @py_class(key)
        class Second(tvm_ffi.Object):
            y: int

    with pytest.raises(ValueError, match="`testing.TestIntPair` is already registered"):

        @py_class("testing.TestIntPair")
        class Clash(tvm_ffi.Object):
            y: int

    assert First(1).x == 1  # untouched
    assert tvm_ffi.testing.TestIntPair(1, 2).sum() == 3


def test_multi_level_inheritance(fresh_key: Key) -> None:
    @py_class(fresh_key("L1"), eq=True)
    class L1(tvm_ffi.Object):
        a: int

    @py_class(fresh_key("L2"), eq=True)
    class L2(L1):
        b: str = "b"

    @py_class(fresh_key("L3"), eq=True)
    class L3(L2):
        c: float = 1.0

    obj = L3(1, "x", 2.0)
    assert (obj.a, obj.b, obj.c) == (1, "x", 2.0)
    assert isinstance(obj, L1) and [f.name for f in fields(L3)] == ["a", "b", "c"]
    layout = list(tvm_ffi.get_global_func("testing.field_layout")(obj))
    assert layout == ["a:int@24", "b:str@32", "c:float@48"]
    assert tvm_ffi.get_global_func("testing.sum_int_fields")(obj) == 1
    with pytest.raises(TypeError, match="already a field"):

        @py_class(fresh_key("Dup"))
        class Dup(L1):
            a: int


def test_child_of_a_cpp_type_keeps_its_cpp_members(fresh_key: Key) -> None:
    @py_class(fresh_key("FromCpp"))
    class FromCpp(tvm_ffi.testing.TestObjectBase):
        extra: int = 7
        tag: str = "t"

    obj = FromCpp(v_i64=5, extra=8)
    assert (obj.v_i64, obj.v_f64, obj.v_str, obj.extra, obj.tag) == (5, 10.0, "hello", 8, "t")
    assert obj.add_i64(1) == 6  # the C++ method, on the child's memory
    get = tvm_ffi.get_global_func("testing.get_field")
    assert get(obj, "v_str") == "hello" and get(obj, "extra") == 8
    assert tvm_ffi.get_global_func("testing.sum_int_fields")(obj) == 13
    obj.v_str = "changed"
    copied = obj.__copy__()
    assert copied.v_str == "changed" and copied.extra == 8

    @py_class(fresh_key("FromCpp2"))
    class FromCxxBase(tvm_ffi.testing.TestCxxClassBase):
        more: float = 0.5

    o2 = FromCxxBase(v_i64=1, v_i32=2)
    assert (o2.v_i64, o2.v_i32, o2.more) == (1, 2, 0.5)


def test_fields_report_resolved_types_and_cpp_sees_metadata(fresh_key: Key) -> None:
    @py_class(fresh_key("Annotated"))
    class Annotated(tvm_ffi.Object):
        a: "int" = field(default=0, metadata={"unit": "mm", "scale": 2})
        b: "Optional[tvm_ffi.List[int]]" = None

    @py_class(fresh_key("AnnotatedChild"))
    class AnnotatedChild(Annotated):
        c: "Optional[Annotated]" = None

    types = {f.name: f.type for f in fields(AnnotatedChild)}
    assert types == {"a": int, "b": Optional[tvm_ffi.List[int]], "c": Optional[Annotated]}
    metadata = tvm_ffi.get_global_func("testing.field_metadata")
    meta = metadata(AnnotatedChild(), "a")
    assert isinstance(meta, tvm_ffi.Map) and dict(meta) == {"unit": "mm", "scale": 2}
    assert metadata(AnnotatedChild(), "c") is None
    with pytest.raises(AttributeError, match="no field nope"):
        metadata(AnnotatedChild(), "nope")


def test_final_cpp_types_cannot_be_extended(fresh_key: Key) -> None:
    with pytest.raises(TypeError, match="TestIntPair"):

        @py_class(fresh_key("Fin"))
        class Fin(tvm_ffi.testing.TestIntPair):
            c: int = 0


def test_objects_held_only_by_cpp_keep_their_fields(fresh_key: Key) -> None:
    @py_class(fresh_key("Held"))
    class Held(tvm_ffi.Object):
        v: int
        s: str
        items: list[int]

    container = tvm_ffi.List([Held(i, f"s{i}" * 5, [i]) for i in range(3)])
    import gc

    gc.collect()
    back = container[2]
    assert type(back) is Held and (back.v, back.s, list(back.items)) == (2, "s2" * 5, [2])
    assert container[2] is back  # one wrapper while it lives
    echo = tvm_ffi.get_global_func("testing.echo")
    assert echo(back) is back


def test_objects_are_freed_when_the_last_reference_goes(fresh_key: Key) -> None:
    freed: list[str] = []

    class Payload:
        def __init__(self, name: str) -> None:
            self.name = name

        def __del__(self) -> None:
            freed.append(self.name)

    @py_class(fresh_key("Freed"))
    class Freed(tvm_ffi.Object):
        payload: Any = None
        child: Optional[tvm_ffi.Object] = None

    parent = Freed(Payload("parent"), Freed(Payload("leaf")))
    assert tvm_ffi.core._object_use_count(parent.child) == 2  # the field + the read's wrapper
    parent.child = None  # the native leaf goes, and with it its Python payload
    assert freed == ["leaf"]
    with pytest.raises(TypeError):
        parent.child = 5  # a failed write keeps nothing
    del parent
    assert freed == ["leaf", "parent"]


def test_concurrent_definitions_and_use(fresh_key: Key) -> None:
    keys = [fresh_key("Thr") for _ in range(8)]
    made: list[Any] = []
    barrier = threading.Barrier(8)

    def define(key: str) -> None:
        barrier.wait()

        @py_class(key, eq=True)
        class T(tvm_ffi.Object):
            a: int
            b: list[int] = []  # noqa: RUF012

        for i in range(200):
            obj = T(i, [i])
            obj.a += 1
            obj.b.append(i)
            assert obj.a == i + 1 and list(obj.b) == [i, i]
        made.append(T)

    errors = run_threads(define, keys)
    assert not errors, errors
    assert sorted(c.__tvm_ffi_type_info__.type_key for c in made) == sorted(keys)
