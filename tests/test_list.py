# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The mutation API of tvm_ffi.List, checked against Python's list."""

from __future__ import annotations

from typing import Any

import pytest

import tvm_ffi
from tvm_ffi import Array, List
from tvm_ffi.testing import echo


def _check(lst: List[Any], expected: list[Any]) -> None:
    assert len(lst) == len(expected)
    assert list(lst) == expected
    assert lst == expected


def test_append() -> None:
    lst: List[Any] = List()
    lst.append(1)
    lst.append("two")
    lst.append([3])
    lst.append(b"four")
    _check(lst, [1, "two", [3], b"four"])
    assert isinstance(lst[2], Array)


def test_append_none() -> None:
    lst: List[Any] = List([1])
    lst.append(None)
    _check(lst, [1, None])


def test_extend() -> None:
    lst = List([1])
    lst.extend([2, 3])
    lst.extend((4,))
    lst.extend(range(5, 7))
    lst.extend(x for x in [7, 8])
    lst.extend([])
    lst.extend(Array([9]))
    _check(lst, list(range(1, 10)))


def test_extend_with_itself() -> None:
    lst = List([1, 2, 3])
    lst.extend(lst)
    _check(lst, [1, 2, 3, 1, 2, 3])
    other = echo(lst)
    lst.extend(other)
    assert len(lst) == 12


def test_iadd() -> None:
    lst = List([1])
    alias = lst
    lst += [2, 3]
    assert lst is alias
    lst += lst
    _check(lst, [1, 2, 3, 1, 2, 3])


@pytest.mark.parametrize("index", [0, 1, 2, 3, -1, -2, -3, -4, 100, -100])
def test_insert(index: int) -> None:
    lst = List([1, 2, 3])
    model = [1, 2, 3]
    lst.insert(index, 99)
    model.insert(index, 99)
    _check(lst, model)


def test_insert_huge_index_clamps() -> None:
    lst = List([1, 2])
    lst.insert(2**70, 3)
    lst.insert(-(2**70), 0)
    _check(lst, [0, 1, 2, 3])


def test_insert_into_empty() -> None:
    lst: List[int] = List()
    lst.insert(5, 1)
    lst.insert(-5, 0)
    _check(lst, [0, 1])


def test_pop() -> None:
    lst = List([1, 2, 3, 4, 5])
    assert lst.pop() == 5
    assert lst.pop(0) == 1
    assert lst.pop(-2) == 3
    assert lst.pop(1) == 4
    _check(lst, [2])
    assert lst.pop() == 2
    _check(lst, [])
    with pytest.raises(IndexError):
        lst.pop()
    with pytest.raises(IndexError):
        List([1]).pop(5)
    with pytest.raises(IndexError):
        List([1]).pop(-2)


def test_pop_returns_container_items() -> None:
    inner = List([1])
    lst = List([inner, [2]])
    assert lst.pop(0) is inner
    popped = lst.pop()
    assert isinstance(popped, Array) and popped == [2]


def test_remove() -> None:
    lst = List([1, 2, 3, 2])
    lst.remove(2)
    _check(lst, [1, 3, 2])
    lst.remove(2)
    _check(lst, [1, 3])
    with pytest.raises(ValueError):
        lst.remove(42)
    _check(lst, [1, 3])


def test_clear() -> None:
    lst = List([1, 2, 3])
    lst.clear()
    _check(lst, [])
    lst.clear()
    _check(lst, [])
    lst.append(1)
    _check(lst, [1])


@pytest.mark.parametrize("items", [[], [1], [1, 2], [1, 2, 3], list(range(10))])
def test_reverse(items: list[int]) -> None:
    lst = List(items)
    lst.reverse()
    _check(lst, items[::-1])


def test_setitem() -> None:
    lst: List[Any] = List([1, 2, 3])
    lst[0] = "a"
    lst[-1] = [1]
    lst[1] = 2.5
    _check(lst, ["a", 2.5, [1]])
    with pytest.raises(IndexError):
        lst[3] = 0
    with pytest.raises(IndexError):
        lst[-4] = 0
    _check(lst, ["a", 2.5, [1]])


def test_setitem_none() -> None:
    lst: List[Any] = List([1, 2])
    lst[0] = None
    _check(lst, [None, 2])


def test_setitem_unconvertible_leaves_list_unchanged() -> None:
    lst = List([1, 2])
    with pytest.raises(OverflowError):
        lst[0] = 2**64
    _check(lst, [1, 2])


@pytest.mark.parametrize(
    ("sl", "values"),
    [
        (slice(1, 3), [9]),
        (slice(1, 3), [7, 8, 9, 10]),
        (slice(0, 0), [5, 6]),
        (slice(None), []),
        (slice(None), [1]),
        (slice(10, 20), [7]),
        (slice(-2, None), (4, 4)),
        (slice(None, None, 2), ["a", "b", "c"]),
        (slice(None, None, -1), [0, 1, 2, 3, 4]),
        (slice(1, None, 2), range(2)),
        (slice(4, 0, -2), ["x", "y"]),
    ],
)
def test_slice_assignment(sl: slice, values: Any) -> None:
    lst = List([0, 1, 2, 3, 4])
    model: list[Any] = [0, 1, 2, 3, 4]
    lst[sl] = values
    model[sl] = values
    _check(lst, model)


@pytest.mark.parametrize(
    ("sl", "values"),
    [(slice(None, None, 2), [1]), (slice(None, None, -1), [1, 2]), (slice(0, 4, 2), [1, 2, 3])],
)
def test_extended_slice_assignment_wrong_length(sl: slice, values: list[int]) -> None:
    lst = List([0, 1, 2, 3, 4])
    with pytest.raises(ValueError):
        lst[sl] = values
    _check(lst, [0, 1, 2, 3, 4])


def test_slice_assignment_from_itself() -> None:
    lst = List([1, 2, 3])
    lst[1:2] = lst
    _check(lst, [1, 1, 2, 3, 3])


def test_slice_assignment_unconvertible_leaves_list_unchanged() -> None:
    lst = List([1, 2, 3])
    with pytest.raises(OverflowError):
        lst[0:2] = [5, 2**64]
    _check(lst, [1, 2, 3])


@pytest.mark.parametrize("index", [0, 2, 4, -1, -5])
def test_del_index(index: int) -> None:
    lst = List([0, 1, 2, 3, 4])
    model = [0, 1, 2, 3, 4]
    del lst[index]
    del model[index]
    _check(lst, model)


@pytest.mark.parametrize("index", [5, -6, 100])
def test_del_index_out_of_range(index: int) -> None:
    lst = List([0, 1, 2, 3, 4])
    with pytest.raises(IndexError):
        del lst[index]
    _check(lst, [0, 1, 2, 3, 4])


@pytest.mark.parametrize(
    "sl",
    [
        slice(1, 3),
        slice(None),
        slice(None, None, 2),
        slice(None, None, -1),
        slice(1, None, 3),
        slice(10, 20),
        slice(3, 1),
        slice(-2, None),
    ],
)
def test_del_slice(sl: slice) -> None:
    lst = List([0, 1, 2, 3, 4, 5])
    model = [0, 1, 2, 3, 4, 5]
    del lst[sl]
    del model[sl]
    _check(lst, model)


def test_mutation_visible_through_every_reference() -> None:
    lst = List([1])
    holder = tvm_ffi.Dict({"k": lst})
    arr = Array([lst])
    lst.append(2)
    assert holder["k"] == [1, 2]
    assert arr[0] == [1, 2]
    holder["k"].insert(0, 0)
    arr[0].reverse()
    assert lst == [2, 1, 0]


def test_list_holding_itself() -> None:
    lst: List[Any] = List([1])
    lst.append(lst)
    assert lst[1] is lst
    assert len(lst) == 2
    lst.pop()  # break the cycle
    _check(lst, [1])


def test_sort_via_slice_assignment() -> None:
    lst = List([3, 1, 2])
    lst[:] = sorted(lst)
    _check(lst, [1, 2, 3])
