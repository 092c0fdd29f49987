# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Hooks that change the graph being walked.

The engines walk with borrowed pointers, so a hook that drops the last
reference to an object still on the engine's stack (a Python ``__repr__``,
``__eq__`` or ``__hash__`` of an object inside a List, a Python
``__ffi_compare__``) must not leave a dangling frame: the engines pin their
stack before each hook call (``HookPins`` in graph.h). The results are
whatever the graph held when each part was read; the point is that every
call returns (the sanitizer session would report any use after free).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conftest import RecursiveCompare, RecursiveEq, RecursiveHash, register_hook_once

import tvm_ffi
from tvm_ffi import List
from tvm_ffi import testing as T

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "registers engine hooks on fixture types, once per process"


class Runs:
    """A Python value whose repr, ==, and hash run ``action`` first."""

    def __init__(self, action: Callable[[], None]) -> None:
        self.action = action

    def __repr__(self) -> str:
        self.action()
        return "runs"

    def __eq__(self, other: object) -> bool:
        self.action()
        return isinstance(other, Runs)

    def __hash__(self) -> int:
        self.action()
        return 1


def _holder(first: Any) -> Any:
    """An object whose first field is `first`, and whose second holds a pair."""
    return T.TestDeepCopyEdges(first, List([T.TestIntPair(1, 2), T.TestIntPair(3, 4)]))


def test_repr_survives_a_hook_freeing_the_frames_above_it() -> None:
    outer: Any = List()
    outer.append(_holder(Runs(lambda: outer.clear())))
    text = repr(outer)
    assert text.startswith("[testing.TestDeepCopyEdges(v_any=runs, v_obj=[testing.TestIntPair(a=1")
    assert len(outer) == 0


def test_repr_survives_a_hook_emptying_a_map_mid_entry() -> None:
    table: Any = tvm_ffi.Dict()
    table["a"] = Runs(lambda: table.clear())
    table["b"] = T.TestIntPair(5, 6)
    assert repr(table) == '{"a": runs}'  # the entries after the hook are gone
    assert len(table) == 0


def test_eq_survives_a_hook_freeing_pending_items() -> None:
    left: Any = List()
    right: Any = List()

    def clear_both() -> None:
        left.clear()
        right.clear()

    left.extend([Runs(clear_both), _holder(0)])
    right.extend([Runs(lambda: None), _holder(0)])
    assert RecursiveEq(left, right)
    assert len(left) == 0 and len(right) == 0


def test_hash_survives_a_hook_freeing_the_frames_above_it() -> None:
    outer: Any = List()
    outer.append(_holder(Runs(lambda: outer.clear())))
    outer.append(T.TestIntPair(7, 8))
    assert isinstance(RecursiveHash(outer), int)
    assert len(outer) == 0


#: What the Python __ffi_compare__ of testing.TestCopyByHook does first; set per test.
_compare_side_effect: list[Callable[[], None] | None] = [None]


def _compare_by_value(lhs: Any, rhs: Any, fn_cmp: Any) -> int:
    effect = _compare_side_effect[0]
    if effect is not None:
        effect()
    return (lhs.value > rhs.value) - (lhs.value < rhs.value)


@pytest.fixture
def compare_side_effect() -> Iterator[list[Callable[[], None] | None]]:
    register_hook_once("testing.TestCopyByHook", "__ffi_compare__", _compare_by_value)
    yield _compare_side_effect
    _compare_side_effect[0] = None


def test_compare_survives_a_hook_freeing_the_frames_above_it(
    compare_side_effect: list[Callable[[], None] | None],
) -> None:
    left: Any = List()
    right: Any = List()

    def clear_both() -> None:
        left.clear()
        right.clear()

    left.extend([T.TestCopyByHook(1), T.TestIntPair(1, 2)])
    right.extend([T.TestCopyByHook(1), T.TestIntPair(1, 3)])
    compare_side_effect[0] = clear_both
    # The first items compare equal; the lists were emptied meanwhile, so the
    # walk ends there, and the (now equal-length) lists compare equal.
    assert RecursiveCompare(left, right) == 0
    assert len(left) == 0
