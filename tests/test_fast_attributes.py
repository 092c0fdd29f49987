# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The cached attribute path of bound classes (native/python/fast_attributes.cc
and cpython_layout.h): it must answer exactly as CPython's generic lookup would, through
every way a class, a subclass or an instance can change what a name means.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tvm_ffi
from tvm_ffi import core
from tvm_ffi.dataclasses import c_class


@pytest.fixture(autouse=True)
def _restore_bindings(rebind: Callable[[str], int]) -> None:
    """The classes made here become what the keys' objects come back as; the
    ``tvm_ffi.testing`` classes are put back after each test."""
    rebind("testing.TestIntPair")
    rebind("testing.TestObjectBase")


def make_pair_class(**body: Any) -> type:
    """A fresh class bound to ``testing.TestIntPair`` (ro ``a``, ``b``; method ``sum``)."""
    ns: dict[str, Any] = {"__annotations__": {"a": int, "b": int}, **body}
    return c_class("testing.TestIntPair")(type("Pair", (tvm_ffi.Object,), ns))


def make_base_class(**body: Any) -> type:
    """A fresh class bound to ``testing.TestObjectBase`` (rw ``v_i64``, ``v_str``; ro ``v_f64``)."""
    ns: dict[str, Any] = {
        "__annotations__": {"v_i64": int, "v_f64": float, "v_str": str},
        **body,
    }
    return c_class("testing.TestObjectBase")(type("Base", (tvm_ffi.Object,), ns))


def test_bound_classes_use_the_cached_path() -> None:
    assert core._has_fast_attributes(make_pair_class())
    assert core._has_fast_attributes(tvm_ffi.testing.TestObjectBase)
    assert not core._has_fast_attributes(tvm_ffi.Object)
    assert not core._has_fast_attributes(tvm_ffi.Array)


def test_reads_and_writes_every_storage_kind() -> None:
    Base = make_base_class()
    obj = Base(v_i64=-7, v_f64=2.5, v_str="s")
    for _ in range(3):  # the first access fills the cache; the later ones hit it
        assert (obj.v_i64, obj.v_f64, obj.v_str) == (-7, 2.5, "s")
    for value in (0, 1, -1, 256, 257, -5, -6, 2**40, -(2**62), 2**63 - 1, -(2**63), True):
        obj.v_i64 = value
        assert obj.v_i64 == value and type(obj.v_i64) is int
    obj.v_str = "t"
    assert obj.v_str == "t"
    Derived = tvm_ffi.testing.TestObjectDerived
    d = Derived(v_map={"k": 1}, v_array=[1, 2], v_i64=3)
    d.v_array = (4, 5)
    assert list(d.v_array) == [4, 5] and d.v_map["k"] == 1 and d.v_i64 == 3


def test_bad_writes_raise_and_leave_the_field_unchanged() -> None:
    Base = make_base_class()
    obj = Base(v_i64=1)
    obj.v_i64 = 2  # warm the cache
    with pytest.raises(TypeError, match=r"field 'v_i64' of 'testing.TestObjectBase' expects"):
        obj.v_i64 = "x"
    with pytest.raises(OverflowError, match=r"field 'v_i64' of .* out of range"):
        obj.v_i64 = 2**64
    with pytest.raises(TypeError, match="v_i64"):
        obj.v_i64 = 1.5
    with pytest.raises(AttributeError, match="read-only"):
        obj.v_f64 = 1.0
    with pytest.raises(AttributeError, match="cannot delete field 'v_i64'"):
        del obj.v_i64
    assert obj.v_i64 == 2 and obj.v_f64 == 10.0


def test_frozen_class_rejects_writes_on_the_cached_path() -> None:
    ns: dict[str, Any] = {"__annotations__": {"v_i64": int, "v_f64": float, "v_str": str}}
    Frozen = c_class("testing.TestObjectBase", frozen=True)(type("Frozen", (tvm_ffi.Object,), ns))
    obj = Frozen(v_i64=1)
    for _ in range(2):
        with pytest.raises(AttributeError, match="cannot assign to field 'v_i64'"):
            obj.v_i64 = 5
    assert obj.v_i64 == 1


def test_methods_bind_and_instance_attributes_shadow_them() -> None:
    Pair = make_pair_class(twice=lambda self: 2 * self.a)
    p = Pair(1, 2)
    assert (p.sum(), p.twice()) == (3, 2)
    bound = p.sum
    assert bound.__self__ is p and bound() == 3
    p.sum = 5  # an instance attribute hides a method, as for any class
    p.twice = 6
    assert (p.sum, p.twice) == (5, 6)
    del p.sum
    assert p.sum() == 3
    q = Pair(3, 4)
    q.__dict__["twice"] = "from dict"  # written behind the setattr slot's back
    assert q.twice == "from dict"
    assert Pair(5, 6).sum() == 11  # other instances are unaffected


def test_class_changes_are_seen_at_once() -> None:
    Pair = make_pair_class(twice=lambda self: 2 * self.a)
    p = Pair(1, 2)
    assert p.twice() == 2 and p.a == 1
    Pair.twice = lambda self: "patched"
    assert p.twice() == "patched"
    del Pair.twice
    with pytest.raises(AttributeError, match="twice"):
        p.twice()
    Pair.a = property(lambda self: "shadowed")  # replaces the field descriptor
    assert p.a == "shadowed"
    del Pair.a  # no field descriptor left anywhere in the MRO
    with pytest.raises(AttributeError):
        p.a


def test_python_subclasses_keep_the_path_and_may_override() -> None:
    Pair = make_pair_class()

    class Sub(Pair):  # type: ignore[valid-type,misc]
        def extra(self) -> int:
            return int(self.b) * 10

    class Shadow(Pair):  # type: ignore[valid-type,misc]
        @property
        def a(self) -> str:
            return "shadowed"

    class Fallback(Pair):  # type: ignore[valid-type,misc]
        def __getattr__(self, name: str) -> str:
            return "fallback:" + name

    class Guarded(Pair):  # type: ignore[valid-type,misc]
        def __setattr__(self, name: str, value: Any) -> None:
            raise AttributeError(f"guarded: {name}")

    assert core._has_fast_attributes(Sub)
    s = Sub(3, 4)
    assert (s.a, s.b, s.sum(), s.extra()) == (3, 4, 7, 40)
    assert (Shadow(1, 2).a, Shadow(1, 2).b) == ("shadowed", 2)
    f = Fallback(5, 6)
    assert (f.a, f.missing, f.sum()) == (5, "fallback:missing", 11)
    with pytest.raises(AttributeError, match="guarded: x"):
        Guarded(1, 2).x = 1


def test_init_subclass_cooperates() -> None:
    Pair = make_pair_class()
    seen: list[dict[str, Any]] = []

    class Mixin:
        def __init_subclass__(cls, **kwargs: Any) -> None:
            seen.append(kwargs)

    class Sub(Pair, Mixin, tag="x"):  # type: ignore[valid-type,misc,call-arg]
        pass

    assert seen == [{"tag": "x"}]
    with pytest.raises(TypeError):

        class Bad(Pair, tag="y"):  # type: ignore[valid-type,misc,call-arg]
            pass


def test_fields_checked_against_the_native_type() -> None:
    """A wrapper whose class was switched to an unrelated bound class must not
    read the other type's memory: the owner check still runs on a cache hit."""
    Pair = make_pair_class()
    Base = make_base_class()
    p = Pair(1, 2)
    assert p.a == 1  # warm the cache for Pair.a
    obj = Base(v_i64=1)
    obj.__class__ = Pair
    with pytest.raises(
        TypeError, match=r"field 'a' of 'testing.TestIntPair' used on a `testing.TestObjectBase`"
    ):
        obj.a
    with pytest.raises(AttributeError, match="read-only"):
        obj.a = 3
    obj.__class__ = Base
    assert obj.v_i64 == 1 and p.a == 1
    obj.v_i64 = 4  # warm the cache for Base.v_i64, a writable field
    p.__class__ = Base
    with pytest.raises(TypeError, match=r"field 'v_i64' of 'testing.TestObjectBase' used on"):
        p.v_i64 = 5
    p.__class__ = Pair
    assert (p.a, p.b, obj.v_i64) == (1, 2, 4)


def test_many_names_and_classes_share_the_cache() -> None:
    classes = [make_base_class() for _ in range(50)]
    objs = [cls(v_i64=i, v_str=str(i)) for i, cls in enumerate(classes)]
    for _ in range(2):
        for i, obj in enumerate(objs):
            assert (obj.v_i64, obj.v_str, obj.v_f64) == (i, str(i), 10.0)
            obj.v_i64 = i + 1
            assert obj.v_i64 == i + 1
            obj.v_i64 = i


def test_class_without_fields_keeps_the_generic_path() -> None:
    """The cached path only pays off for fields; without any, CPython's own
    (method-call specialising) lookup stays."""
    make = tvm_ffi.get_global_func("testing.make_counted")
    make()  # registers the type

    @c_class("testing.CppTestCounted")
    class Counted(tvm_ffi.Object):
        def hello(self) -> str:
            return "hi"

    assert not core._has_fast_attributes(Counted)
    obj = make()
    assert type(obj) is Counted and obj.hello() == "hi"


# ---------------------------------------------------------------------------
# Python code running inside a field access (a conversion, a finalizer) may
# change the class or the object's class; the cached path must not trust
# what it looked up before the access.
# ---------------------------------------------------------------------------


class _RunsOnConversion(ctypes.c_void_p):
    """Converted to an opaque pointer through its ``value``, which runs ``hook``."""

    hook: Callable[[], None] = staticmethod(lambda: None)

    @property  # type: ignore[override]
    def value(self) -> None:
        type(self).hook()
        return None


def test_descriptor_deleted_during_a_write_is_kept_alive(rebind: Callable[[str], int]) -> None:
    rebind("testing.TestDeepCopyEdges")
    ns: dict[str, Any] = {"__annotations__": {"v_any": Any, "v_obj": Any}}
    Edges = c_class("testing.TestDeepCopyEdges")(type("Edges", (tvm_ffi.Object,), ns))
    obj = Edges(None, None)
    obj.v_any = 1  # warm the cache

    class DeletesField(_RunsOnConversion):
        hook = staticmethod(lambda: delattr(Edges, "v_any"))

    obj.v_any = DeletesField()  # the write finishes on the accessor it started with
    assert "v_any" not in Edges.__dict__
    with pytest.raises(AttributeError):
        obj.v_any


def test_class_switched_during_a_write_is_not_cached_as_checked() -> None:
    holder_cls, other_cls = tvm_ffi.testing.TestObjectPtrHolder, tvm_ffi.testing.TestNonCopyable
    other_cls(5).value
    holder = tvm_ffi.get_global_func("testing.make_object_ptr_holder")(
        tvm_ffi.testing.TestObjectBase()
    )
    holder.value

    class SwitchesClass(_RunsOnConversion):
        hook = staticmethod(lambda: setattr(holder, "__class__", other_cls))

    holder.value = SwitchesClass()  # a NULL pointer: stored as None
    assert type(holder) is other_cls
    with pytest.raises(TypeError, match=r"field 'value' of 'testing.TestNonCopyable' used on"):
        holder.value
    holder.__class__ = holder_cls


def test_set_unchecked_leaves_a_read_only_field_read_only() -> None:
    obj = tvm_ffi.testing.TestObjectBase()
    accessor = tvm_ffi.testing.TestObjectBase.__dict__["v_f64"]

    class ReadsField(_RunsOnConversion):
        hook = staticmethod(lambda: obj.v_f64)  # fills the cache mid set_unchecked

    with pytest.raises(TypeError):
        accessor.set_unchecked(obj, ReadsField())
    assert not accessor.writable
    with pytest.raises(AttributeError, match="read-only"):
        obj.v_f64 = 3.5
    accessor.set_unchecked(obj, 2.5)
    assert obj.v_f64 == 2.5


# ---------------------------------------------------------------------------
# Differential: the cached path against CPython's generic one, through
# random class and instance changes. The twin class has the same descriptors
# but its fast dunders removed (so CPython's generic slots); reads are also
# checked against object.__getattribute__ (PyObject_GenericGetAttr).
# ---------------------------------------------------------------------------

_NAMES = ["v_i64", "v_f64", "v_str", "add_i64", "helper", "extra"]
_VALUES = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=3),
    st.none(),
    st.booleans(),
)
_OPS = st.one_of(
    st.tuples(st.just("read"), st.sampled_from(_NAMES)),
    st.tuples(st.just("write"), st.sampled_from(_NAMES), _VALUES),
    st.tuples(st.just("delete"), st.sampled_from(_NAMES)),
    st.tuples(
        st.just("class_set"),
        st.sampled_from(_NAMES),
        st.sampled_from(["function", "property", "value"]),
    ),
    st.tuples(st.just("class_del"), st.sampled_from(_NAMES)),
    st.tuples(st.just("dict_set"), st.sampled_from(_NAMES), st.integers(0, 9)),
)


def _outcome(obj: Any, fn: Callable[[], Any]) -> Any:
    """What a call gives, comparable across the two classes."""
    try:
        value = fn()
    except Exception as exc:  # noqa: BLE001 - the exception type is the outcome
        return ("raises", type(exc))
    if hasattr(value, "__self__") and hasattr(value, "__func__"):
        return ("bound", getattr(value.__func__, "__name__", None), value.__self__ is obj)
    return ("value", value)


def _helper(self: Any) -> str:
    return "helper"


@settings(max_examples=60, deadline=None)
@given(ops=st.lists(_OPS, max_size=25))
def test_cached_path_matches_the_generic_one(ops: list[tuple[Any, ...]]) -> None:
    Fast = make_base_class(helper=_helper)
    Generic = make_base_class(helper=_helper)
    for name in ("__getattribute__", "__setattr__", "__delattr__"):
        delattr(Generic, name)
    assert core._has_fast_attributes(Fast) and not core._has_fast_attributes(Generic)

    class FastSub(Fast):  # type: ignore[valid-type,misc]
        pass

    class GenericSub(Generic):  # type: ignore[valid-type,misc]
        pass

    a, b = FastSub(v_i64=1), GenericSub(v_i64=1)
    for op in ops:
        kind, name = op[0], op[1]
        if kind == "write":
            got = [
                _outcome(o, lambda o=o, name=name, op=op: setattr(o, name, op[2])) for o in (a, b)
            ]
            assert got[0] == got[1], (op, got)
        elif kind == "delete":
            got = [_outcome(o, lambda o=o, name=name: delattr(o, name)) for o in (a, b)]
            assert got[0] == got[1], (op, got)
        elif kind == "class_set":
            made = {
                "function": lambda self, name=name: name,
                "property": property(lambda self, name=name: name),
                "value": name,
            }[op[2]]
            setattr(Fast, name, made)
            setattr(Generic, name, made)
        elif kind == "class_del":
            for cls in (Fast, Generic):
                if name in cls.__dict__:
                    delattr(cls, name)
        elif kind == "dict_set":
            a.__dict__[name] = op[2]
            b.__dict__[name] = op[2]
        for n in _NAMES:
            via_cache = _outcome(a, lambda n=n: getattr(a, n))
            assert via_cache == _outcome(a, lambda n=n: object.__getattribute__(a, n)), (op, n)
            assert via_cache == _outcome(b, lambda n=n: getattr(b, n)), (op, n)


def test_super_setattr_reaches_the_cached_path() -> None:
    """A subclass's own __setattr__ may hand over to super(); CPython only lets
    a C-level __setattr__ be reached that way when the class dict names it."""
    Base = make_base_class()
    seen: list[str] = []

    class Logged(Base):  # type: ignore[valid-type,misc]
        def __setattr__(self, name: str, value: Any) -> None:
            seen.append(name)
            super().__setattr__(name, value)

    obj = Logged(v_i64=1)
    obj.v_i64 = 2
    obj.note = "n"
    assert (obj.v_i64, obj.note, seen) == (2, "n", ["v_i64", "note"])
    with pytest.raises(AttributeError, match="read-only"):
        obj.v_f64 = 1.0
    assert type(Base.__dict__["__setattr__"]).__name__ == "wrapper_descriptor"


# ---------------------------------------------------------------------------
# The per-version layout readers (cpython_layout.h)
# ---------------------------------------------------------------------------


def test_every_supported_python_gets_the_cached_path() -> None:
    """3.10-3.13 are the layouts cpython_layout.h was written for; a newer
    interpreter falls back to the generic path (and the bench says so)."""
    import sys

    assert core._FAST_ATTRIBUTES is (sys.version_info[:2] <= (3, 13))


def test_instance_layout_reader_sees_own_attributes() -> None:
    """The method shortcut trusts this reading; it must never say False for an
    instance that has attributes of its own, on any version's dict layout."""
    Pair = make_pair_class()

    class WithDict(Pair):  # type: ignore[valid-type,misc]
        pass

    class Slotted(Pair):  # type: ignore[valid-type,misc]
        __slots__ = ()

    assert not core._may_have_instance_attributes(Pair(1, 2))
    assert not core._may_have_instance_attributes(Slotted(1, 2))
    fresh = WithDict(1, 2)
    # A fresh instance of a dict-bearing subclass has nothing of its own yet:
    # the reader must see that, or methods would always take the slow path.
    assert not core._may_have_instance_attributes(fresh)
    fresh.note = "n"
    assert core._may_have_instance_attributes(fresh)
    viewed = WithDict(1, 2)
    viewed.__dict__["sum"] = "shadow"  # materialises the dict on 3.11+
    assert core._may_have_instance_attributes(viewed) and viewed.sum == "shadow"
    many = [WithDict(i, i) for i in range(3)]
    for i, obj in enumerate(many):
        for k in range(i):
            setattr(obj, f"attr{k}", k)
    assert [core._may_have_instance_attributes(o) for o in many] == [False, True, True]
    assert many[2].sum() == 4
