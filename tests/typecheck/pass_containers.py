# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Generic containers as users write them: constructors infer the element
types, and indexing, iteration, views and lookups give them back. Also run
as a program (tests/test_typecheck_programs.py): the subscripted aliases
and field annotations below are real at run time."""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, Mapping, MutableMapping, MutableSequence, Sequence

from typing_extensions import assert_type

import tvm_ffi
from tvm_ffi import Array, Dict, List, Map, Object
from tvm_ffi.dataclasses import field, py_class

# Subscripted at run time, as a type alias would be.
IntList = tvm_ffi.List[int]
Scores = tvm_ffi.Dict[str, tvm_ffi.Array[float]]


@py_class("typing.pass.Inventory")
class Inventory(Object):
    counts: List[int]
    names: Array[str]
    prices: Map[str, float]
    scores: Scores = field(default_factory=Dict)


def elements() -> None:
    lst = List([1, 2])
    assert_type(lst, List[int])
    assert_type(lst[0], int)
    assert_type(lst[0:1], List[int])
    for item in lst:
        assert_type(item, int)
    assert_type(Array(["a", "b"]), Array[str])
    assert_type(Array(["a"])[-1], str)
    mp = Map({"a": 1.5})
    assert_type(mp, Map[str, float])
    assert_type(mp["a"], float)
    assert_type(mp.get("a"), float | None)
    assert_type(mp.get("a", 0.0), float)
    assert_type(mp.get("a", "none"), float | str)
    assert_type(mp.items(), ItemsView[str, float])
    for key, value in mp.items():
        assert_type(key, str)
        assert_type(value, float)
    for key in mp:
        assert_type(key, str)
    d = Dict({1: List(["x"])})
    assert_type(d, Dict[int, List[str]])
    assert_type(d[1][0], str)
    assert_type(d.popitem(), tuple[int, List[str]])
    assert_type(iter(lst), Iterator[int])


def as_protocols(
    seq: Sequence[int],
    mseq: MutableSequence[int],
    m: Mapping[str, int],
    mm: MutableMapping[str, int],
) -> int:
    """Our containers are the collections.abc types they claim to be."""
    return len(seq) + len(mseq) + len(m) + len(mm)


def fields_of_containers() -> None:
    inv = Inventory(List([1]), Array(["bolt"]), Map({"bolt": 0.5}))
    assert_type(inv.counts, List[int])
    assert_type(inv.counts[0], int)
    assert_type(inv.prices["bolt"], float)
    assert_type(inv.scores, Dict[str, Array[float]])
    inv.counts.append(2)
    ints: IntList = IntList([3])
    as_protocols(Array([1]), ints, Map({"a": 1}), Dict({"b": 2}))
    assert list(inv.counts) == [1, 2] and isinstance(inv.counts, List)


elements()
fields_of_containers()
