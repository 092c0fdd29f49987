# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Random sequences of mutations keep List equal to a list and Dict equal to a dict."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from tvm_ffi import Array, Dict, List, Map

# Items that round-trip exactly and order among themselves (ints with ints,
# strs with strs: a sort of a mixed list raises for both, which is checked too).
items = st.one_of(st.integers(min_value=-5, max_value=5), st.sampled_from(["a", "b", "c"]))
item_lists = st.lists(items, max_size=6)
indices = st.integers(min_value=-9, max_value=9)
slices = st.builds(
    slice,
    st.none() | indices,
    st.none() | indices,
    st.none() | st.integers(min_value=-3, max_value=3).filter(lambda s: s != 0),
)
# Int and str keys only: how 1, 1.0 and True mix as keys is decided elsewhere.
keys = st.one_of(st.integers(min_value=-6, max_value=6), st.sampled_from(["", "k", "key", "q"]))
values = st.integers(min_value=-(2**63), max_value=2**63 - 1)
pair_lists = st.lists(st.tuples(keys, values), max_size=5)


def _same_outcome(ours: Callable[[], Any], theirs: Callable[[], Any]) -> None:
    """Both calls return equal values, or both raise the same exception type."""
    try:
        expected = theirs()
    except Exception as error:  # noqa: BLE001  (any exception must be mirrored)
        try:
            ours()
        except type(error):
            return
        raise AssertionError(f"expected {type(error).__name__}, got no error") from None
    assert ours() == expected


def _as(kind: str, values: list[Any]) -> Any:
    """`values` as the kind of iterable a rule passes on."""
    makers: dict[str, Callable[[list[Any]], Any]] = {
        "list": list,
        "tuple": tuple,
        "iter": iter,
        "Array": Array,
        "List": List,
    }
    return makers[kind](values)


iterable_kinds = st.sampled_from(["list", "tuple", "iter", "Array", "List"])


class ListMachine(RuleBasedStateMachine):
    """A List and a list, changed by the same random operations."""

    def __init__(self) -> None:
        super().__init__()
        self.ours: List[Any] = List()
        self.model: list[Any] = []

    @invariant()
    def same_items(self) -> None:
        assert len(self.ours) == len(self.model)
        assert list(self.ours) == self.model

    @rule(value=items)
    def append(self, value: Any) -> None:
        self.ours.append(value)
        self.model.append(value)

    @rule(values=item_lists, kind=iterable_kinds)
    def extend(self, values: list[Any], kind: str) -> None:
        self.ours.extend(_as(kind, values))
        self.model.extend(_as(kind, values))

    @rule(values=item_lists, kind=iterable_kinds)
    def inplace_add(self, values: list[Any], kind: str) -> None:
        alias = self.ours
        self.ours += _as(kind, values)
        # (Not `model += ...`: with an Array or List on the right, a list's
        # `+=` becomes our `__radd__` and makes one of ours, as in the reference.)
        self.model.extend(_as(kind, values))
        assert self.ours is alias

    @rule()
    def inplace_add_itself(self) -> None:
        self.ours += self.ours
        self.model += self.model

    @rule(count=st.integers(min_value=-1, max_value=3))
    def inplace_multiply(self, count: int) -> None:
        if len(self.model) * count > 40:
            count = 1  # keep the lists small
        alias = self.ours
        self.ours *= count
        self.model *= count
        assert self.ours is alias

    @rule(index=indices, value=items)
    def insert(self, index: int, value: Any) -> None:
        self.ours.insert(index, value)
        self.model.insert(index, value)

    @rule(index=st.none() | indices)
    def pop(self, index: int | None) -> None:
        if index is None:
            _same_outcome(self.ours.pop, self.model.pop)
        else:
            _same_outcome(lambda: self.ours.pop(index), lambda: self.model.pop(index))

    @rule(value=items)
    def remove(self, value: Any) -> None:
        _same_outcome(lambda: self.ours.remove(value), lambda: self.model.remove(value))

    @rule(value=items, start=indices, stop=st.none() | indices)
    def index(self, value: Any, start: int, stop: int | None) -> None:
        if stop is None:
            _same_outcome(
                lambda: self.ours.index(value, start), lambda: self.model.index(value, start)
            )
        else:
            _same_outcome(
                lambda: self.ours.index(value, start, stop),
                lambda: self.model.index(value, start, stop),
            )

    @rule(value=items)
    def count(self, value: Any) -> None:
        assert self.ours.count(value) == self.model.count(value)

    @rule(value=items)
    def contains(self, value: Any) -> None:
        assert (value in self.ours) == (value in self.model)

    @rule()
    def reverse(self) -> None:
        self.ours.reverse()
        self.model.reverse()

    @rule(reverse=st.booleans(), by_key=st.booleans())
    def sort(self, reverse: bool, by_key: bool) -> None:
        # A raising sort leaves the List unchanged; list.sort may leave any
        # permutation, so the model takes the List's (unchanged) order then.
        before = list(self.model)
        key = (lambda v: str(v)[:1]) if by_key else None
        try:
            self.model.sort(key=key, reverse=reverse)
        except TypeError:
            self.model[:] = before
            try:
                self.ours.sort(key=key, reverse=reverse)
            except TypeError:
                return
            raise AssertionError("list.sort raised TypeError, List.sort did not") from None
        self.ours.sort(key=key, reverse=reverse)

    @rule(index=indices, value=items)
    def set_index(self, index: int, value: Any) -> None:
        def assign(target: Any) -> None:
            target[index] = value

        _same_outcome(lambda: assign(self.ours), lambda: assign(self.model))

    @rule(where=slices, values=item_lists)
    def set_slice(self, where: slice, values: list[Any]) -> None:
        def assign(target: Any) -> None:
            target[where] = values

        _same_outcome(lambda: assign(self.ours), lambda: assign(self.model))

    @rule(index=indices)
    def delete_index(self, index: int) -> None:
        def delete(target: Any) -> None:
            del target[index]

        _same_outcome(lambda: delete(self.ours), lambda: delete(self.model))

    @rule(where=slices)
    def delete_slice(self, where: slice) -> None:
        del self.ours[where]
        del self.model[where]

    @rule(where=slices)
    def read_slice(self, where: slice) -> None:
        part = self.ours[where]
        assert isinstance(part, List) and list(part) == self.model[where]

    @rule(values=item_lists, count=st.integers(min_value=-1, max_value=3))
    def new_lists(self, values: list[Any], count: int) -> None:
        # The non-mutating operators: new Lists, the operands untouched.
        assert list(self.ours + values) == self.model + values
        assert list(values + self.ours) == values + self.model
        assert list(self.ours * count) == self.model * count
        copied = self.ours.copy()
        assert copied is not self.ours and list(copied) == self.model

    @rule()
    def clear(self) -> None:
        self.ours.clear()
        self.model.clear()


class DictMachine(RuleBasedStateMachine):
    """A Dict and a dict, changed by the same random operations (order included)."""

    def __init__(self) -> None:
        super().__init__()
        self.ours: Dict[Any, int] = Dict()
        self.model: dict[Any, int] = {}

    @invariant()
    def same_items(self) -> None:
        assert len(self.ours) == len(self.model)
        assert list(self.ours.items()) == list(self.model.items())

    @rule(key=keys, value=values)
    def set_item(self, key: Any, value: int) -> None:
        self.ours[key] = value
        self.model[key] = value

    @rule(key=keys)
    def delete_item(self, key: Any) -> None:
        def delete(target: Any) -> None:
            del target[key]

        _same_outcome(lambda: delete(self.ours), lambda: delete(self.model))

    @rule(key=keys)
    def get_item(self, key: Any) -> None:
        _same_outcome(lambda: self.ours[key], lambda: self.model[key])
        assert self.ours.get(key) == self.model.get(key)
        assert (key in self.ours) == (key in self.model)

    @rule(key=keys, default=st.none() | values)
    def pop(self, key: Any, default: int | None) -> None:
        if default is None:
            _same_outcome(lambda: self.ours.pop(key), lambda: self.model.pop(key))
        else:
            assert self.ours.pop(key, default) == self.model.pop(key, default)

    @rule()
    def popitem(self) -> None:
        # As the reference (and MutableMapping), the oldest item goes first;
        # dict.popitem takes the newest.
        if not self.model:
            _same_outcome(self.ours.popitem, self.model.popitem)
            return
        oldest = next(iter(self.model))
        assert self.ours.popitem() == (oldest, self.model.pop(oldest))

    @rule(key=keys, value=values)
    def setdefault(self, key: Any, value: int) -> None:
        assert self.ours.setdefault(key, value) == self.model.setdefault(key, value)

    @rule(pairs=pair_lists, as_mapping=st.booleans())
    def update(self, pairs: list[tuple[Any, int]], as_mapping: bool) -> None:
        other: Any = dict(pairs) if as_mapping else pairs
        self.ours.update(other)
        self.model.update(other)

    @rule(pairs=pair_lists, kind=st.sampled_from(["dict", "pairs", "Map", "Dict"]))
    def inplace_union(self, pairs: list[tuple[Any, int]], kind: str) -> None:
        other: Any = {"dict": dict, "pairs": list, "Map": Map, "Dict": Dict}[kind](pairs)
        alias = self.ours
        self.ours |= other
        self.model |= dict(pairs)
        assert self.ours is alias

    @rule(pairs=pair_lists)
    def union(self, pairs: list[tuple[Any, int]]) -> None:
        other = dict(pairs)
        assert list((self.ours | other).items()) == list((self.model | other).items())
        assert list((other | self.ours).items()) == list((other | self.model).items())
        copied = self.ours.__copy__()
        assert copied is not self.ours and list(copied.items()) == list(self.model.items())

    @rule()
    def clear(self) -> None:
        self.ours.clear()
        self.model.clear()


_machine_settings = settings(max_examples=60, stateful_step_count=40, deadline=None)
TestListMachine = _machine_settings(ListMachine).TestCase
TestDictMachine = _machine_settings(DictMachine).TestCase
