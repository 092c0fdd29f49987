# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The fast paths of object fields: a dropped wrapper of a plain py_class
is parked and revived on the next read (object_type.cc, g_parked), and a
store of a value of the class last accepted skips the type checks
(fast_attributes.cc), and a float read again reuses its box (BoxFloat64,
module.h). None may change what Python or C++ can observe."""

from __future__ import annotations

import gc
import math
import sys
import weakref
from typing import Any, Optional

import pytest
from conftest import use_count

import tvm_ffi
from tvm_ffi import core
from tvm_ffi.dataclasses import py_class
from tvm_ffi.testing import echo, object_use_count


@py_class("pytest.reuse.Leaf")
class Leaf(tvm_ffi.Object):
    a: int
    s: str = "x"


@py_class("pytest.reuse.SubLeaf")
class SubLeaf(Leaf):
    b: float = 0.0


@py_class("pytest.reuse.Other")
class Other(tvm_ffi.Object):
    a: int


@py_class("pytest.reuse.Holder")
class Holder(tvm_ffi.Object):
    o: Optional[Leaf] = None
    p: Optional[Leaf] = None


@py_class("pytest.reuse.FrozenHolder", frozen=True)
class FrozenHolder(tvm_ffi.Object):
    o: Optional[Leaf] = None


def test_a_dropped_field_wrapper_comes_back_as_a_working_wrapper() -> None:
    h = Holder(o=Leaf(1, "one"))
    for _ in range(3):
        assert h.o.a == 1 and h.o.s == "one"
        assert type(h.o) is Leaf
    first = h.o
    assert h.o is first and h.o is h.o


def test_reads_alternating_between_two_objects_keep_each_identity() -> None:
    h = Holder(o=Leaf(1), p=Leaf(2))
    for _ in range(5):
        assert (h.o.a, h.p.a) == (1, 2)
    o, p = h.o, h.p
    assert h.o is o and h.p is p and o is not p


def test_use_counts_are_those_of_a_fresh_wrapper() -> None:
    h = Holder(o=Leaf(1))
    h.o
    assert use_count(h.o) == 2  # the holder's field and the wrapper
    assert object_use_count(h.o) == 2
    leaf = h.o
    h.o = None
    assert use_count(leaf) == 1


def test_weakref_to_a_dropped_wrapper_dies_and_callbacks_run() -> None:
    h = Holder(o=Leaf(1))
    called: list[bool] = []
    ref = weakref.ref(h.o, lambda _: called.append(True))
    gc.collect()
    assert ref() is None and called == [True]
    again = h.o
    assert again.a == 1
    assert weakref.ref(again)() is again


def test_weakref_callback_reading_the_field_gets_a_live_wrapper() -> None:
    h = Holder(o=Leaf(8))
    seen: list[Any] = []
    ref = weakref.ref(h.o, lambda _: seen.append(h.o))  # the wrapper dies right away
    assert ref() is None
    assert len(seen) == 1 and seen[0].a == 8
    assert h.o is seen[0]  # the one the callback made, not the dead one


def test_parked_object_is_freed_once_its_holder_goes() -> None:
    before = tvm_ffi.core._live_object_count()
    h = Holder(o=Leaf(1))
    h.o
    del h
    gc.collect()
    assert tvm_ffi.core._live_object_count() == before


def test_parked_wrapper_survives_a_cpp_round_trip() -> None:
    h = Holder(o=Leaf(3))
    h.o
    back = echo(h.o)
    assert back is h.o and back.a == 3


def test_parked_wrapper_revived_through_a_container() -> None:
    h = Holder(o=Leaf(4))
    h.o
    lst = tvm_ffi.List([h.o])
    assert lst[0] is h.o and type(lst[0]) is Leaf


def test_a_wrapper_whose_class_was_assigned_is_not_reused() -> None:
    h = Holder(o=Leaf(4))
    w = h.o
    w.__class__ = Other  # same layout: Python allows it
    assert type(w) is Other
    del w
    assert type(h.o) is Leaf  # a new wrapper is of the registered class
    assert h.o.a == 4


def test_a_del_assigned_to_the_class_later_runs_for_a_parked_wrapper() -> None:
    h = Holder(o=Leaf(6))
    h.o  # parked: the next drop would take the fast path
    finalized: list[int] = []
    Leaf.__del__ = lambda self: finalized.append(self.a)  # type: ignore[attr-defined]
    try:
        h.o
        assert finalized == [6]
        assert h.o.a == 6  # finalized, but the object and its field are intact
    finally:
        del Leaf.__del__  # type: ignore[attr-defined]
    h.o
    assert finalized == [6, 6]  # the last read before the deletion
    h.o
    assert finalized == [6, 6]


def test_a_del_that_assigns_the_class_frees_the_wrapper_as_that_class() -> None:
    h = Holder(o=Leaf(9))
    h.o  # parked, holding Leaf
    counts = sys.getrefcount(Leaf), sys.getrefcount(Other)
    Leaf.__del__ = lambda self: setattr(self, "__class__", Other)  # type: ignore[attr-defined]
    try:
        h.o  # its __del__ turns it into an Other: released as one, not parked
    finally:
        del Leaf.__del__  # type: ignore[attr-defined]
    assert type(h.o) is Leaf  # a new wrapper, parked again
    assert (sys.getrefcount(Leaf), sys.getrefcount(Other)) == counts


def test_registering_a_class_releases_the_parked_wrapper() -> None:
    h = Holder(o=Leaf(7))
    h.o
    # Registering a class for any type (here Other's own again) releases the
    # park; the next read makes a working wrapper with the right counts.
    core._register_object_class(core._type_key_to_index("pytest.reuse.Other"), Other)
    leaf = h.o
    assert type(leaf) is Leaf and leaf.a == 7
    h.o = None
    assert use_count(leaf) == 1
    del leaf
    # What a registration can change: the class a new wrapper gets. A parked
    # wrapper of the old class must not be handed out after it.
    h.o = Leaf(8)
    h.o
    core._register_object_class(core._type_key_to_index("pytest.reuse.Leaf"), Other)
    try:
        assert type(h.o) is Other  # not the parked wrapper of the old class
    finally:
        core._register_object_class(core._type_key_to_index("pytest.reuse.Leaf"), Leaf)
    assert type(h.o) is Leaf


def test_store_same_object_again_keeps_counts() -> None:
    v = Leaf(1)
    h = Holder()
    for _ in range(3):
        h.o = v
    assert use_count(v) == 2
    assert h.o is v
    h.o = None
    assert use_count(v) == 1


def test_store_checks_type_after_a_value_was_accepted() -> None:
    h = Holder()
    h.o = Leaf(1)
    h.o = Leaf(2)  # the accepted class now cached
    with pytest.raises(TypeError, match=r"field 'o' of 'pytest.reuse.Holder' expects"):
        h.o = Other(3)  # type: ignore[assignment]
    assert h.o.a == 2
    with pytest.raises(TypeError, match=r"field 'o'"):
        h.o = 5  # type: ignore[assignment]
    assert h.o.a == 2


def test_store_accepts_a_subclass_then_the_base_again() -> None:
    h = Holder()
    h.o = Leaf(1)
    h.o = SubLeaf(2, b=1.5)
    assert type(h.o) is SubLeaf and h.o.b == 1.5
    h.o = Leaf(3)
    assert type(h.o) is Leaf and h.o.a == 3


def test_store_into_a_frozen_field_is_refused_after_reads() -> None:
    f = FrozenHolder(o=Leaf(1))
    assert f.o.a == 1
    with pytest.raises(AttributeError, match=r"cannot assign to field 'o'"):
        f.o = Leaf(2)  # type: ignore[misc]
    assert f.o.a == 1


def test_store_of_an_uninitialised_wrapper_of_the_accepted_class_raises() -> None:
    h = Holder()
    h.o = Leaf(1)
    h.o = Leaf(2)
    blank = Leaf.__new__(Leaf)
    with pytest.raises((TypeError, ValueError)):
        h.o = blank
    assert h.o.a == 2


@py_class("pytest.reuse.Floats")
class Floats(tvm_ffi.Object):
    f: float = 0.0
    g: float = 0.0


def test_float_reads_give_the_stored_value_whatever_was_read_before() -> None:
    k = Floats()
    for i in range(1000):  # many more values than cached boxes: every slot collides
        k.f = i * 0.37
        k.g = -i * 1e300
        assert (k.f, k.g) == (i * 0.37, -i * 1e300)
        assert k.f == k.f and type(k.f) is float
    k.f = -0.0
    assert math.copysign(1.0, k.f) == -1.0  # not the box of 0.0
    k.g = 0.0
    assert math.copysign(1.0, k.g) == 1.0
    k.f = math.nan
    assert math.isnan(k.f)
    assert k.f not in [k.f] and k.f is not k.f  # NaN boxes are never shared
    k.f = math.inf
    assert k.f == math.inf and k.f > 0


def test_float_boxes_are_shared_only_between_equal_values() -> None:
    k = Floats(f=2.5, g=2.5)
    values = tvm_ffi.List([2.5, 3.5])
    assert k.f == k.g == values[0] == 2.5 and values[1] == 3.5
    first = k.f
    k.f = 4.5
    assert first == 2.5 and k.f == 4.5  # a box held by the caller is never rewritten
