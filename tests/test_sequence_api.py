# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Container operators (`+`, `*`, `+=`, `*=`, `|`, `|=`) and List.copy/sort, beside list/dict."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tvm_ffi
from tvm_ffi import Array, Dict, List, Map
from tvm_ffi.testing import echo, object_use_count

list_append = tvm_ffi.get_global_func("testing.list_append")

# Values that round-trip exactly and compare among themselves.
ints = st.integers(min_value=-(2**63), max_value=2**63 - 1)
int_lists = st.lists(ints, max_size=12)
str_lists = st.lists(st.text(max_size=10), max_size=12)
counts = st.integers(min_value=-3, max_value=5)
keys = st.one_of(st.integers(min_value=-50, max_value=50), st.text(max_size=4))
small_dicts = st.dictionaries(keys, ints, max_size=8)


def _same(result: Any, cls: type, expected: list[Any]) -> None:
    assert type(result) is cls
    assert list(result) == expected


# ---------------------------------------------------------------- result types


@pytest.mark.parametrize(
    ("make", "cls"),
    [
        (lambda: Array([1, 2]) + [3], Array),
        (lambda: [1, 2] + Array([3]), Array),
        (lambda: Array([1, 2]) + (3,), Array),
        (lambda: (1, 2) + Array([3]), Array),
        (lambda: Array([1, 2]) + Array([3]), Array),
        (lambda: Array([1, 2]) + List([3]), Array),
        (lambda: List([1, 2]) + Array([3]), List),
        (lambda: List([1, 2]) + [3], List),
        (lambda: [1, 2] + List([3]), List),
        (lambda: List([1, 2]) + (3,), List),
        (lambda: (1, 2) + List([3]), List),
        (lambda: List([1, 2]) + List([3]), List),
    ],
)
def test_concatenation_result_type(make: Callable[[], Any], cls: type) -> None:
    # The left operand's kind wins; a list or tuple takes ours.
    _same(make(), cls, [1, 2, 3])


@pytest.mark.parametrize(
    ("make", "cls"),
    [
        (lambda: Array([1, 2]) * 2, Array),
        (lambda: 2 * Array([1, 2]), Array),
        (lambda: List([1, 2]) * 2, List),
        (lambda: 2 * List([1, 2]), List),
    ],
)
def test_repetition_result_type(make: Callable[[], Any], cls: type) -> None:
    _same(make(), cls, [1, 2, 1, 2])


@pytest.mark.parametrize("cls", [Array, List])
@pytest.mark.parametrize("other", ["ab", b"ab", 5, None, {1, 2}, {1: 2}, range(2), iter([1])])
def test_concatenation_rejects_non_sequences(cls: type, other: object) -> None:
    # As list: `+` takes sequences only (a str would split into characters).
    seq = cls([1])
    with pytest.raises(TypeError, match=f"unsupported operand type.*'{cls.__name__}'"):
        seq + other
    with pytest.raises(TypeError, match=cls.__name__):  # str words its own error
        other + seq


@pytest.mark.parametrize("cls", [Array, List])
@pytest.mark.parametrize("count", [2.0, "2", None, [2]])
def test_repetition_rejects_non_integers(cls: type, count: object) -> None:
    seq = cls([1])
    # (A str or list count words its own error, naming our class too.)
    with pytest.raises(TypeError, match=cls.__name__):
        seq * count
    with pytest.raises(TypeError, match=cls.__name__):
        count * seq


@pytest.mark.parametrize("cls", [Array, List])
def test_repetition_too_big_fails_like_list(cls: type) -> None:
    with pytest.raises(MemoryError):
        cls([1, 2]) * (2**62)
    with pytest.raises(OverflowError):
        cls([1]) * (2**70)
    assert cls() * (2**62) == []  # nothing to repeat: no allocation


def test_inplace_repetition_too_big_leaves_list_unchanged() -> None:
    lst = List([1, 2])
    with pytest.raises(MemoryError):
        lst *= 2**62
    with pytest.raises(OverflowError):
        lst *= -(2**70)  # as list: a count must fit an index
    _same(lst, List, [1, 2])


def test_array_augmented_assignment_makes_new_arrays() -> None:
    arr = Array([1])
    alias = arr
    arr += (2,)
    arr *= 2
    _same(arr, Array, [1, 2, 1, 2])
    _same(alias, Array, [1])


# --------------------------------------------------------- differential checks


@settings(max_examples=150, deadline=None)
@given(a=st.one_of(int_lists, str_lists), b=st.one_of(int_lists, str_lists))
def test_concatenation_matches_list(a: list[Any], b: list[Any]) -> None:
    expected = a + b
    for cls in (Array, List):
        for left, right in ((cls(a), b), (cls(a), tuple(b)), (cls(a), Array(b)), (cls(a), List(b))):
            _same(left + right, cls, expected)
        _same(a + cls(b), cls, expected)
        _same(tuple(a) + cls(b), cls, expected)


@settings(max_examples=150, deadline=None)
@given(a=st.one_of(int_lists, str_lists), n=counts)
def test_repetition_matches_list(a: list[Any], n: int) -> None:
    for cls in (Array, List):
        _same(cls(a) * n, cls, a * n)
        _same(n * cls(a), cls, n * a)
    lst = List(a)
    alias = lst
    lst *= n
    assert lst is alias
    _same(lst, List, a * n)


@settings(max_examples=150, deadline=None)
@given(a=int_lists, b=int_lists, kind=st.sampled_from(["list", "tuple", "iter", "Array", "List"]))
def test_inplace_concatenation_matches_list(a: list[int], b: list[int], kind: str) -> None:
    makers: dict[str, Callable[[list[int]], Any]] = {
        "list": list,
        "tuple": tuple,
        "iter": iter,
        "Array": Array,
        "List": List,
    }
    lst = List(a)
    alias = lst
    lst += makers[kind](b)
    assert lst is alias
    _same(lst, List, a + list(b))


@pytest.mark.parametrize("cls", [Array, List])
def test_python_list_inplace_add_of_ours_makes_ours(cls: type) -> None:
    # Python tries our __radd__ before list's in-place concatenation, so (as
    # in the reference) `pylist += ours` rebinds to a new container of ours
    # and leaves the list alone; pylist.extend(ours) extends in place.
    py: list[int] = [1]
    alias = py
    py += cls([2])
    _same(py, cls, [1, 2])
    assert alias == [1]
    alias.extend(cls([2]))
    assert alias == [1, 2]


def test_inplace_concatenation_with_itself() -> None:
    lst = List([1, 2])
    lst += lst
    _same(lst, List, [1, 2, 1, 2])
    lst *= 2
    _same(lst, List, [1, 2, 1, 2] * 2)


@pytest.mark.parametrize("count", [0, -1, -(2**62)])
def test_inplace_repetition_by_nothing_empties(count: int) -> None:
    lst = List([1, 2])
    lst *= count
    _same(lst, List, [])


def test_inplace_repetition_is_seen_by_every_holder() -> None:
    lst = List([1])
    held_by_cpp = echo(lst)
    lst *= 3
    lst += [2]
    assert held_by_cpp is lst and list(held_by_cpp) == [1, 1, 1, 2]


def test_failed_inplace_concatenation_leaves_list_unchanged() -> None:
    lst = List([1, 2])
    with pytest.raises(OverflowError):
        lst += [3, 2**64]
    _same(lst, List, [1, 2])

    def items() -> Any:
        yield 3
        raise RuntimeError("generator failed")

    with pytest.raises(RuntimeError, match="generator failed"):
        lst += items()
    _same(lst, List, [1, 2])


def test_concatenation_converts_like_the_constructor() -> None:
    inner = List([0])
    result = List([inner]) + [[1], {"k": 2}]
    assert result[0] is inner  # our objects are shared, not converted
    assert isinstance(result[1], Array) and result[1] == [1]
    assert isinstance(result[2], Map) and result[2] == {"k": 2}
    assert (Array([1]) * 2)[0] == 1


def test_results_are_new_containers() -> None:
    a = List([1])
    for result in (a + [], [] + a, a * 1, 1 * a, a.copy()):
        assert result is not a and result == a
        result.append(2)
        assert a == [1]


def test_large_concatenation_and_repetition() -> None:
    # Native work: these sizes must not go through Python element by element.
    big = List(range(1_000_000))
    other = Array(range(1_000_000))
    joined = big + other
    assert len(joined) == 2_000_000 and joined[999_999] == 999_999 and joined[-1] == 999_999
    repeated = other * 3
    assert len(repeated) == 3_000_000 and repeated[2_000_000] == 0
    big += other
    assert len(big) == 2_000_000


# ------------------------------------------------------------------------ copy


def test_copy_is_shallow_and_independent() -> None:
    inner = List([1])
    lst = List([inner, "s"])
    dup = lst.copy()
    _same(dup, List, [inner, "s"])
    assert dup[0] is inner
    dup.append(3)
    assert len(lst) == 2
    import copy

    assert copy.copy(lst) == lst and copy.copy(lst) is not lst


# ------------------------------------------------------------------------ sort


sortable = st.one_of(int_lists, str_lists, st.lists(st.floats(allow_nan=False), max_size=12))


@settings(max_examples=200, deadline=None)
@given(items=sortable, reverse=st.booleans(), use_key=st.booleans())
def test_sort_matches_list_sort(items: list[Any], reverse: bool, use_key: bool) -> None:
    # A key that ties many items shows stability (also under reverse).
    def key(v: Any) -> Any:
        return str(v)[:1]

    lst = List(items)
    expected = list(items)
    if use_key:
        lst.sort(key=key, reverse=reverse)
        expected.sort(key=key, reverse=reverse)
    else:
        lst.sort(reverse=reverse)
        expected.sort(reverse=reverse)
    _same(lst, List, expected)


@settings(max_examples=100, deadline=None)
@given(items=st.lists(st.floats(), max_size=10))
def test_sort_matches_list_sort_with_nans(items: list[float]) -> None:
    # An inconsistent order (NaN) still gives list.sort's exact permutation.
    lst = List(items)
    lst.sort()
    expected = sorted(items)
    assert [repr(v) for v in lst] == [repr(v) for v in expected]


def test_sort_is_stable() -> None:
    lst = List([(1, "b"), (0, "x"), (1, "a"), (0, "y")])
    lst.sort(key=lambda p: p[0])
    assert list(lst) == [(0, "x"), (0, "y"), (1, "b"), (1, "a")]
    lst.sort(key=lambda p: p[0], reverse=True)
    assert list(lst) == [(1, "b"), (1, "a"), (0, "x"), (0, "y")]


def test_sort_keeps_objects_and_is_seen_by_cpp() -> None:
    a, b = List([2]), List([1])
    lst = List([a, b])
    held_by_cpp = echo(lst)
    lst.sort(key=lambda inner: inner[0])
    assert held_by_cpp[0] is b and held_by_cpp[1] is a


def test_failed_comparison_leaves_list_unchanged() -> None:
    lst = List([3, "a", 1, 2])
    with pytest.raises(TypeError, match="not supported"):
        lst.sort()
    _same(lst, List, [3, "a", 1, 2])


def test_failed_key_leaves_list_unchanged() -> None:
    lst = List([3, 1, 2])

    def key(v: int) -> int:
        if v == 2:
            raise KeyError("no key for 2")
        return v

    with pytest.raises(KeyError, match="no key for 2"):
        lst.sort(key=key)
    _same(lst, List, [3, 1, 2])


def test_list_looks_empty_while_sorting() -> None:
    lst = List([3, 1, 2])
    seen: list[int] = []
    lst.sort(key=lambda v: seen.append(len(lst)) or v)
    assert seen == [0, 0, 0]
    _same(lst, List, [1, 2, 3])


@pytest.mark.parametrize(
    "mutate",
    [
        lambda lst: lst.append(9),
        lambda lst: lst.extend([7, 8]),
        lambda lst: list_append(lst, 9),  # from C++
    ],
)
def test_key_mutating_the_list_raises(mutate: Callable[[List[int]], None]) -> None:
    lst = List([3, 1, 2])

    def key(v: int) -> int:
        mutate(lst)
        return v

    with pytest.raises(ValueError, match="List modified during sort"):
        lst.sort(key=key)
    _same(lst, List, [3, 1, 2])  # the additions are dropped, the order kept


def test_comparison_mutating_the_list_raises() -> None:
    lst: List[Any] = List()

    class Meddler:
        def __init__(self, v: int) -> None:
            self.v = v

        def __lt__(self, other: Meddler) -> bool:
            lst.append(0)
            return self.v < other.v

    items = [Meddler(2), Meddler(1)]
    lst.extend(items)
    with pytest.raises(ValueError, match="List modified during sort"):
        lst.sort()
    assert list(lst) == items


def test_sort_bad_arguments() -> None:
    lst = List([2, 1])
    with pytest.raises(TypeError, match=r"List.sort\(\) key must be callable or None, got int"):
        lst.sort(key=5)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match=r"List.sort\(\) reverse must be a bool, got str"):
        lst.sort(reverse="yes")  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        lst.sort(lambda v: v)  # type: ignore[call-overload]  # keyword-only, as list.sort
    _same(lst, List, [2, 1])


# ------------------------------------------------------------------- Dict | |=


@pytest.mark.parametrize(
    ("make", "cls"),
    [
        (lambda: Dict({"a": 1}) | {"b": 2}, Dict),
        (lambda: {"a": 1} | Dict({"b": 2}), Dict),
        (lambda: Dict({"a": 1}) | Map({"b": 2}), Dict),
        (lambda: Dict({"a": 1}) | Dict({"b": 2}), Dict),
        (lambda: Map({"a": 1}) | {"b": 2}, Map),
        (lambda: {"a": 1} | Map({"b": 2}), Map),
        (lambda: Map({"a": 1}) | Dict({"b": 2}), Map),
        (lambda: Map({"a": 1}) | Map({"b": 2}), Map),
    ],
)
def test_union_result_type(make: Callable[[], Any], cls: type) -> None:
    result = make()
    assert type(result) is cls
    assert list(result.items()) == [("a", 1), ("b", 2)]


@settings(max_examples=150, deadline=None)
@given(a=small_dicts, b=small_dicts)
def test_union_matches_dict(a: dict[Any, int], b: dict[Any, int]) -> None:
    expected = a | b
    for cls in (Dict, Map):
        for left, right in ((cls(a), b), (cls(a), Dict(b)), (cls(a), Map(b))):
            result = left | right
            assert type(result) is cls and list(result.items()) == list(expected.items())
        result = a | cls(b)
        assert type(result) is cls and list(result.items()) == list(expected.items())


@settings(max_examples=150, deadline=None)
@given(a=small_dicts, b=small_dicts, kind=st.sampled_from(["dict", "pairs", "iter", "Map", "Dict"]))
def test_inplace_union_matches_dict(a: dict[Any, int], b: dict[Any, int], kind: str) -> None:
    makers: dict[str, Callable[[dict[Any, int]], Any]] = {
        "dict": dict,
        "pairs": lambda d: list(d.items()),
        "iter": lambda d: iter(d.items()),
        "Map": Map,
        "Dict": Dict,
    }
    d = Dict(a)
    alias = d
    d |= makers[kind](b)
    assert d is alias
    expected = dict(a)
    expected |= makers[kind](b)
    assert list(d.items()) == list(expected.items())


@pytest.mark.parametrize("cls", [Dict, Map])
@pytest.mark.parametrize("other", [5, None, [("a", 1)], {"a"}, "ab"])
def test_union_rejects_non_mappings(cls: type, other: object) -> None:
    # As dict: `|` takes mappings only (`|=` also takes pairs).
    m = cls({"a": 1})
    with pytest.raises(TypeError, match=f"unsupported operand type.*'{cls.__name__}'"):
        m | other
    with pytest.raises(TypeError, match=f"unsupported operand type.*'{cls.__name__}'"):
        other | m


def test_inplace_union_with_itself_and_map_stays_immutable() -> None:
    d = Dict({"a": 1})
    d |= d
    assert d == {"a": 1}
    m = Map({"a": 1})
    alias = m
    m |= {"b": 2}  # a new Map, as for a frozen value
    assert m == {"a": 1, "b": 2} and alias == {"a": 1}


def test_failed_inplace_union_leaves_dict_unchanged() -> None:
    d = Dict({"a": 1})
    with pytest.raises(OverflowError):
        d |= {"b": 2, "c": 2**64}
    with pytest.raises(
        ValueError, match=r"Dict \|= expects \(key, value\) pairs; item #1 has length 3"
    ):
        d |= [("b", 2), ("c", 3, 4)]  # type: ignore[list-item]
    with pytest.raises(
        TypeError,
        match=r"Dict \|= expects a mapping or an iterable of \(key, value\) pairs, got int",
    ):
        d |= 5  # type: ignore[arg-type]
    assert list(d.items()) == [("a", 1)]


def _use_every_operator(inner: List[Any]) -> None:
    """Every container operator, succeeding and failing, on a List holding ``inner``."""
    lst = List([inner, "s" * 40, 1])
    made = [lst + [inner], [inner] + lst, lst * 3, 3 * Array([inner]), lst.copy()]
    lst += (inner,)
    lst *= 2
    lst.sort(key=lambda v: 0)
    with pytest.raises(TypeError):
        lst.sort()
    with pytest.raises(ValueError):
        lst.sort(key=lambda v: lst.append(inner) or 0)
    with pytest.raises(OverflowError):
        lst += [inner, 2**64]
    d = Dict({"a": inner})
    made += [d | {"b": inner}, {"c": inner} | Map({"d": inner})]
    d |= [("e", inner)]
    d.update(f=inner)
    with pytest.raises(OverflowError):
        d |= [("g", inner), ("h", 2**64)]


def test_operators_release_their_references() -> None:
    # Every path, including the failing ones, gives back what it took.
    inner = List([1])
    before = object_use_count(inner)
    for _ in range(20):
        _use_every_operator(inner)
    assert object_use_count(inner) == before
