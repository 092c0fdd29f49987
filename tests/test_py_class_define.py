# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""@py_class: declaring a class, its generated __init__ and its dunders."""

from __future__ import annotations

import copy
import dataclasses
import gc
import inspect
import weakref
from collections.abc import Callable
from typing import Any, ClassVar, Optional

import pytest

import tvm_ffi
from tvm_ffi.dataclasses import (
    KW_ONLY,
    MISSING,
    asdict,
    astuple,
    field,
    fields,
    is_dataclass,
    py_class,
    replace,
    set_unchecked,
)

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "defines py_class types inside its tests"

Key = Callable[[str], str]


def test_decorator_forms_and_default_key() -> None:
    @py_class
    class Bare(tvm_ffi.Object):
        x: int

    assert Bare.__tvm_ffi_type_info__.type_key == f"{__name__}.{Bare.__qualname__}"
    assert Bare(1).x == 1

    @py_class()
    class Called(tvm_ffi.Object):
        x: int

    assert Called.__tvm_ffi_type_info__.type_key.endswith("Called")


def test_explicit_key_and_options(fresh_key: Key) -> None:
    key = fresh_key("P")

    @py_class(key, eq=True, order=True, frozen=True)
    class P(tvm_ffi.Object):
        x: int
        y: int = 0

    assert P.__tvm_ffi_type_info__.type_key == key
    assert P(1, 2) < P(1, 3) and P(2) > P(1, 9) and P(1, 2) == P(1, 2)
    assert hash(P(1, 2)) == hash(P(1, 2))
    assert repr(P(1, 2)) == f"{key}(x=1, y=2)"


def test_bad_decorator_arguments(fresh_key: Key) -> None:
    with pytest.raises(ValueError, match="eq must be true if order is true"):
        py_class(fresh_key("O"), order=True)
    with pytest.raises(TypeError, match="type key must be a str"):
        py_class(3)  # type: ignore[call-overload]

    class NotFFI:
        x: int

    with pytest.raises(TypeError, match="must inherit from tvm_ffi.Object"):
        py_class(fresh_key("N"))(NotFFI)


def test_field_parsing_classvar_and_kw_only(fresh_key: Key) -> None:
    @py_class(fresh_key("F"))
    class F(tvm_ffi.Object):
        counter: ClassVar[int] = 7
        a: int
        b: str = "b"
        _: KW_ONLY
        c: float
        d: bool = True

    assert [f.name for f in fields(F)] == ["a", "b", "c", "d"]
    assert F.counter == 7
    sig = inspect.signature(F)
    assert str(sig) == "(a, b='b', *, c, d=True)"
    assert str(inspect.signature(F.__init__)) == "(self, a, b='b', *, c, d=True)"
    obj = F(1, c=2.5)
    assert (obj.a, obj.b, obj.c, obj.d) == (1, "b", 2.5, True)
    with pytest.raises(TypeError):
        F(1, "b", 2.5)  # c is keyword-only


def test_field_options(fresh_key: Key) -> None:
    @py_class(fresh_key("G"), eq=True, unsafe_hash=True, kw_only=True)
    class G(tvm_ffi.Object):
        a: int = field(default=1, repr=False)
        b: int = field(default=2, compare=False)
        c: int = field(default=3, hash=False)
        d: int = field(default=4, init=False, metadata={"unit": "m"}, doc="the d")
        e: int = field(default=5, kw_only=False)

    assert str(inspect.signature(G)) == "(e=5, *, a=1, b=2, c=3)"
    g = G(a=10, b=20, c=30)
    assert g.d == 4 and "a=" not in repr(g) and "b=20" in repr(g)
    assert g == G(a=10, b=99, c=30)  # b does not compare
    assert g != G(a=10, b=20, c=31)
    assert hash(G(a=1, c=1)) == hash(G(a=1, c=2))  # c does not hash
    by_name = {f.name: f for f in fields(G)}
    assert by_name["d"].metadata["unit"] == "m" and by_name["d"].doc == "the d"
    assert by_name["c"].hash is False and by_name["b"].hash is False  # hash follows compare
    assert by_name["d"].init is False


def test_field_specifier_errors() -> None:
    with pytest.raises(ValueError, match="cannot specify both"):
        field(default=1, default_factory=list)
    with pytest.raises(TypeError, match="default_factory must be a callable"):
        field(default_factory=None)
    with pytest.raises(TypeError, match="default_factory must be a callable"):
        field(default_factory=3)


def test_signature_shows_real_defaults_and_factories(fresh_key: Key) -> None:
    @py_class(fresh_key("S"))
    class S(tvm_ffi.Object):
        a: int
        b: Any = None
        c: list[int] = field(default_factory=list)

    params = inspect.signature(S).parameters
    assert params["a"].default is inspect.Parameter.empty
    assert params["b"].default is None
    assert repr(params["c"].default) == "<factory>"
    assert S.__match_args__ == ("a", "b", "c")


def test_mutable_defaults_are_fresh_per_instance(fresh_key: Key) -> None:
    @py_class(fresh_key("M"))
    class M(tvm_ffi.Object):
        items: list[int] = []  # noqa: RUF012 - converted per instance, as the reference does
        table: dict[str, int] = {"a": 1}  # noqa: RUF012

    one, two = M(), M()
    one.items.append(5)
    one.table["b"] = 2
    assert list(two.items) == [] and dict(two.table) == {"a": 1}
    assert isinstance(one.items, tvm_ffi.List) and isinstance(one.table, tvm_ffi.Dict)


def test_argument_errors_name_class_and_argument(fresh_key: Key) -> None:
    key = fresh_key("A")

    @py_class(key)
    class A(tvm_ffi.Object):
        x: int
        y: int = 0

    with pytest.raises(TypeError, match="x"):
        A()
    with pytest.raises(TypeError, match=key):
        A(1, 2, 3)
    with pytest.raises(TypeError, match="z"):
        A(1, z=2)
    with pytest.raises(TypeError, match="x"):
        A(1, x=2)


def test_post_init_sees_final_values(fresh_key: Key) -> None:
    seen: list[Any] = []

    @py_class(fresh_key("PI"))
    class PI(tvm_ffi.Object):
        a: int
        b: int = 2

        def __post_init__(self) -> None:
            seen.append((self.a, self.b))
            self.b = self.a * 10

    obj = PI(3)
    assert seen == [(3, 2)] and obj.b == 30


def test_failing_post_init_propagates(fresh_key: Key) -> None:
    @py_class(fresh_key("PF"))
    class PF(tvm_ffi.Object):
        a: int

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError("a must be >= 0")

    with pytest.raises(ValueError, match="a must be"):
        PF(-1)
    assert PF(1).a == 1


def test_hash_rules_follow_dataclasses(fresh_key: Key) -> None:
    @py_class(fresh_key("H1"), eq=True)
    class EqOnly(tvm_ffi.Object):
        a: int

    @py_class(fresh_key("H2"), eq=True, frozen=True)
    class EqFrozen(tvm_ffi.Object):
        a: int

    @py_class(fresh_key("H3"))
    class Plain(tvm_ffi.Object):
        a: int

    assert EqOnly.__hash__ is None
    with pytest.raises(TypeError):
        hash(EqOnly(1))
    assert hash(EqFrozen(1)) == hash(EqFrozen(1))
    p = Plain(1)
    assert hash(p) == hash(p) and Plain(1) != Plain(1)  # identity semantics


def test_frozen_rejects_writes_with_escape_hatch(fresh_key: Key) -> None:
    @py_class(fresh_key("Fz"), frozen=True)
    class Fz(tvm_ffi.Object):
        a: int
        b: int = 0

        def __post_init__(self) -> None:
            set_unchecked(self, "b", self.a + 1)  # the documented escape hatch

    obj = Fz(1)
    assert obj.b == 2
    type(obj).b.set_unchecked(obj, 3)  # the descriptor's own form
    assert obj.b == 3
    with pytest.raises(TypeError, match="expects `int` but got `str`"):
        set_unchecked(obj, "b", "three")  # still checked
    assert obj.b == 3
    with pytest.raises(AttributeError, match="has no field `c`"):
        set_unchecked(obj, "c", 1)
    with pytest.raises(TypeError, match="dataclass instances"):
        set_unchecked(Fz, "b", 1)
    with pytest.raises(TypeError, match="dataclass instances"):
        set_unchecked(object(), "b", 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        obj.a = 5
    with pytest.raises(dataclasses.FrozenInstanceError):
        del obj.a
    assert obj.a == 1


def test_slots_default_and_slots_false(fresh_key: Key) -> None:
    @py_class(fresh_key("Sl"))
    class Sl(tvm_ffi.Object):
        a: int

    obj = Sl(1)
    assert not hasattr(obj, "__dict__")
    with pytest.raises(AttributeError):
        obj.other = 1  # type: ignore[attr-defined]

    @py_class(fresh_key("Nd"), slots=False)
    class Nd(tvm_ffi.Object):
        a: int

    nd = Nd(1)
    nd.note = "python-only"  # type: ignore[attr-defined]
    assert nd.__dict__ == {"note": "python-only"} and nd.a == 1


def test_slots_instances_skip_the_garbage_collector(fresh_key: Key) -> None:
    # A slots wrapper whose fields hold only scalars needs no GC header;
    # anything that can hold Python references (a __dict__, an object
    # field: test_gc_cycles.py) stays tracked.
    @py_class(fresh_key("Plain"))
    class Plain(tvm_ffi.Object):
        a: int
        name: Optional[str] = None

    @py_class(fresh_key("WithDict"), slots=False)
    class WithDict(tvm_ffi.Object):
        a: int

    class Sub(Plain):  # an ordinary subclass gets a __dict__ back
        pass

    plain, with_dict, sub = Plain(1), WithDict(2), Sub(3)
    assert not gc.is_tracked(plain)
    assert gc.is_tracked(with_dict) and gc.is_tracked(sub)
    ref = weakref.ref(plain)
    # A cycle through the Python-only state of a tracked subclass is collected.
    sub.me = sub  # type: ignore[attr-defined]
    sub.peer = plain  # type: ignore[attr-defined]
    sub_ref = weakref.ref(sub)
    del plain, sub
    gc.collect()
    assert ref() is None and sub_ref() is None
    holder = Plain(4, name="five")
    assert holder.name == "five"  # type: ignore[attr-defined]


def test_untracked_instances_run_del_and_reuse_memory_safely(fresh_key: Key) -> None:
    finalized: list[int] = []
    resurrected: list[Any] = []

    @py_class(fresh_key("Finalized"))
    class Finalized(tvm_ffi.Object):
        a: int

        def __del__(self) -> None:
            finalized.append(self.a)
            if self.a == 2:
                resurrected.append(self)  # kept alive from its own finalizer

    @py_class(fresh_key("Other"))
    class Other(tvm_ffi.Object):
        f: Optional[Finalized] = None

    Finalized(1)
    assert finalized == [1]
    Finalized(2)
    assert finalized == [1, 2] and resurrected[0].a == 2
    resurrected.clear()  # a non-GC object's __del__ runs at each death, as CPython does
    assert finalized == [1, 2, 2]
    # Wrappers made and dropped in turn, of two classes, share freed memory:
    # each read gets a wrapper of the right class over the right object.
    holders = [Other(f=Finalized(10 + i)) for i in range(600)]
    finalized.clear()
    for i, h in enumerate(holders):
        child = h.f
        assert type(child) is Finalized and child is not None and child.a == 10 + i
        assert type(h) is Other
    del child
    assert finalized == list(range(10, 610))  # each temporary wrapper was finalized


def test_instances_made_while_the_class_is_made_stay_tracked(fresh_key: Key) -> None:
    # A base's __init_subclass__ may build an instance before the decorator
    # finishes; such a class keeps GC instances (freeing them as plain objects
    # would corrupt the collector's lists).
    class Registering(tvm_ffi.Object):
        def __init_subclass__(cls, **kwargs: Any) -> None:
            super().__init_subclass__(**kwargs)
            cls.prototype = cls()  # type: ignore[attr-defined]

    @py_class(fresh_key("Early"))
    class Early(Registering):
        a: int = 0

    early = Early(3)
    assert gc.is_tracked(early) and early.a == 3
    del Early.prototype  # type: ignore[attr-defined]
    gc.collect()


def test_weakref_callbacks_never_get_the_dying_wrapper(fresh_key: Key) -> None:
    @py_class(fresh_key("Leaf"))
    class Leaf(tvm_ffi.Object):
        v: int

    @py_class(fresh_key("Holder"))
    class Holder(tvm_ffi.Object):
        leaf: Optional[Leaf] = None

    holder = Holder(leaf=Leaf(7))
    child = holder.leaf
    assert child is not None
    seen: list[Any] = []
    ref = weakref.ref(child, lambda _r: seen.append(holder.leaf))
    del child
    gc.collect()
    assert ref() is None and len(seen) == 1
    again = seen.pop()
    assert type(again) is Leaf and again.v == 7  # a fresh wrapper over the same object
    assert holder.leaf is again


def test_super_in_methods_survives_slots(fresh_key: Key) -> None:
    @py_class(fresh_key("Base"))
    class Base(tvm_ffi.Object):
        a: int

        def describe(self) -> str:
            return f"a={self.a}"

    @py_class(fresh_key("Child"))
    class Child(Base):
        b: int = 0

        def describe(self) -> str:
            return super().describe() + f" b={self.b}"

    assert Child(1, 2).describe() == "a=1 b=2"


def test_user_dunders_win_and_serve_the_engines(fresh_key: Key) -> None:
    @py_class(fresh_key("U"), eq=True)
    class U(tvm_ffi.Object):
        a: int

        def __repr__(self) -> str:
            return f"<U {self.a}>"

        def __eq__(self, other: object) -> bool:
            return isinstance(other, U) and self.a % 10 == other.a % 10

        def __hash__(self) -> int:
            return self.a % 10

    assert repr(U(1)) == "<U 1>"
    assert repr(tvm_ffi.List([U(1), U(2)])) == "[<U 1>, <U 2>]"
    assert U(1) == U(11)
    assert tvm_ffi.List([U(1)]) == tvm_ffi.List([U(21)])
    assert hash(U(3)) == 3


def test_copy_deepcopy_replace_and_helpers(fresh_key: Key) -> None:
    @py_class(fresh_key("Inner"), eq=True)
    class Inner(tvm_ffi.Object):
        v: int

    @py_class(fresh_key("Outer"), eq=True)
    class Outer(tvm_ffi.Object):
        inner: Inner
        items: list[int] = field(default_factory=list)
        name: str = "n"

    o = Outer(Inner(1), [1, 2])
    shallow = copy.copy(o)
    assert shallow == o and shallow is not o and shallow.inner is o.inner
    deep = copy.deepcopy(o)
    assert deep == o and deep.inner is not o.inner and type(deep) is Outer
    r = replace(o, name="m")
    assert r.name == "m" and o.name == "n" and r.inner is o.inner
    assert o.__replace__(name="k").name == "k"  # type: ignore[attr-defined]
    assert asdict(o) == {"inner": {"v": 1}, "items": [1, 2], "name": "n"}
    assert astuple(o) == ((1,), [1, 2], "n")
    assert is_dataclass(o) and is_dataclass(Outer)
    assert [f.default for f in fields(Outer)][2] == "n"
    assert fields(Outer)[0].default is MISSING


def test_user_hooks_that_raise_surface_as_errors(fresh_key: Key) -> None:
    @py_class(fresh_key("R"), eq=True)
    class R(tvm_ffi.Object):
        a: int

        def __repr__(self) -> str:
            raise ValueError(f"no repr for {self.a}")

        def __eq__(self, other: object) -> bool:
            raise KeyError("no eq")

        def __hash__(self) -> int:
            raise RuntimeError("no hash")

    with pytest.raises(ValueError, match="no repr for 1"):
        repr(tvm_ffi.List([R(1)]))
    with pytest.raises(KeyError, match="no eq"):
        _ = tvm_ffi.List([R(1)]) == tvm_ffi.List([R(1)])
    with pytest.raises(RuntimeError, match="no hash"):
        hash(tvm_ffi.Array([R(1)]))
    assert R(1).a == 1  # still usable
