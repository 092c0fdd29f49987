# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Map/Dict keys follow Python's rule: 1, 1.0 and True are one key, checked against dict."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from tvm_ffi import Array, Dict, Map


def exact(keys: Any) -> list[tuple[type, str]]:
    """Keys with their kind and sign (1 vs 1.0 vs True, 0.0 vs -0.0 stay apart)."""
    return [(type(k), repr(k)) for k in keys]


def assert_same_as(d: Map[Any, Any] | Dict[Any, Any], model: dict[Any, Any]) -> None:
    """`d` holds the model's keys (the same first-inserted ones), values and order."""
    assert len(d) == len(model)
    assert exact(d) == exact(model)
    assert list(d.values()) == list(model.values())
    assert d == model
    assert model == d


# ---------------------------------------------------------------------------
# Examples
# ---------------------------------------------------------------------------


def test_int_bool_float_insertions_are_one_entry() -> None:
    d: Dict[Any, str] = Dict()
    model: dict[Any, str] = {}
    for target in (d, model):
        target[1] = "a"
        target[True] = "b"
        target[1.0] = "c"
    assert_same_as(d, model)
    assert len(d) == 1
    assert type(next(iter(d))) is int  # the first key stays
    assert d[1] == d[True] == d[1.0] == "c"


def test_first_key_stays_when_replaced_by_an_equal_one() -> None:
    d: Dict[Any, int] = Dict({True: 1})
    d[1] = 2
    d[1.0] = 3
    assert exact(d) == [(bool, "True")]
    assert d[True] == 3
    d2: Dict[Any, int] = Dict({-0.0: 1})
    d2[0] = 2
    d2[False] = 3
    assert exact(d2) == [(float, "-0.0")]
    assert d2[0.0] == 3


@pytest.mark.parametrize("make", [Map, Dict])
def test_construction_merges_equal_keys(make: Any) -> None:
    pairs = [(1, "a"), (True, "b"), (1.0, "c"), (0, "z"), (-0.0, "y"), (False, "x")]
    assert_same_as(make(pairs), dict(pairs))
    assert_same_as(make(dict(pairs)), dict(pairs))
    assert len(make(pairs)) == 2


@pytest.mark.parametrize("make", [Map, Dict])
def test_lookup_finds_a_key_under_any_equal_number(make: Any) -> None:
    m = make({1: "one", 0: "zero", 2.5: "two and a half"})
    assert m.get(1.0) == "one"
    assert m[True] == "one"
    assert m[False] == m[-0.0] == m[0.0] == "zero"
    assert 1.0 in m and True in m and False in m
    assert 2.5 in m
    assert 2 not in m and 2.0 not in m and 1.5 not in m
    assert m.get(3.0, "absent") == "absent"
    with pytest.raises(KeyError):
        m[3.0]


def test_mutation_api_with_mixed_numeric_keys_matches_dict() -> None:
    d: Dict[Any, Any] = Dict()
    model: dict[Any, Any] = {}
    for target in (d, model):
        target[2] = "two"
        target[3.0] = "three"
        assert target.setdefault(2.0, "unused") == "two"
        assert target.setdefault(True, "one") == "one"
        target.update([(1, "uno"), (3, "tres")])
        assert target.pop(2.0) == "two"
        assert target.pop(2, "gone") == "gone"
        del target[1.0]
    assert_same_as(d, model)
    with pytest.raises(KeyError):
        del d[True]


def test_large_numbers_are_keys_by_exact_value() -> None:
    # 2**53 + 1 has no float of its own; 2**63 is beyond every int64.
    pairs = [
        (2**53, "a"),
        (float(2**53), "b"),
        (2**53 + 1, "c"),
        (2**63 - 1, "d"),
        (float(2**63), "e"),
        (-(2**63), "f"),
        (-float(2**63), "g"),
        (1e300, "h"),
    ]
    assert_same_as(Dict(pairs), dict(pairs))
    assert Map(pairs).get(float(2**53 + 1)) == "b"  # the float rounds to 2**53


def test_nan_keys_are_one_key() -> None:
    # A float value has no identity to tell NaNs apart, so every NaN is one
    # key (as NaN == NaN in the engines): it can be found, deleted and
    # round-tripped, unlike distinct float('nan') objects in a dict.
    d: Dict[Any, int] = Dict()
    d[float("nan")] = 1
    d[float("nan")] = 2
    assert len(d) == 1
    assert d[float("nan")] == 2
    assert float("nan") in Map(d.items())
    assert Dict(dict(d)) == d
    assert hash(Map(d.items())) == hash(Map({math.nan: 2}))
    del d[math.nan]
    assert len(d) == 0


def test_array_keys_follow_the_rule_inside() -> None:
    d: Dict[Any, str] = Dict()
    d[(1, "x")] = "tuple"
    assert d[(1.0, "x")] == d[Array([True, "x"])] == "tuple"
    d[Array([1.0, "x"])] = "again"
    assert len(d) == 1
    assert d[(1, "x")] == "again"


def test_equality_and_hash_agree_across_numeric_kinds() -> None:
    maps = [Map({1: "a", 2.5: "b"}), Map({1.0: "a", 2.5: "b"}), Map({True: "a", 2.5: "b"})]
    for m in maps:
        assert m == {1: "a", 2.5: "b"}
        assert m == maps[0]
        assert hash(m) == hash(maps[0])
    assert Map({1: "a"}) != {1.5: "a"}
    assert Dict({1: "a"}) != {2: "a"}


def test_dict_round_trip_keeps_every_entry() -> None:
    d: Dict[Any, str] = Dict()
    d[1] = "a"
    d[True] = "b"
    d[1.0] = "c"
    d["1"] = "s"
    as_dict = dict(d)
    assert as_dict == {1: "c", "1": "s"}
    assert len(as_dict) == len(d)
    assert Dict(as_dict) == d
    assert Map(as_dict) == as_dict


def test_a_key_comparison_that_changes_the_map_raises() -> None:
    # An Array key's items compare through Python's __eq__, which may change
    # the very Dict being searched: the lookup must notice, not read a freed entry.
    d: Dict[Any, Any] = Dict()

    class Rewrites:
        armed = False

        def __hash__(self) -> int:
            return 1

        def __eq__(self, other: object) -> bool:
            if Rewrites.armed:
                Rewrites.armed = False
                d.clear()
                d.update((i, i) for i in range(3))
            return True

    d.update((i, i) for i in range(40))
    d[(Rewrites(),)] = "x"
    assert d[(Rewrites(),)] == "x"  # a harmless __eq__ finds the key
    Rewrites.armed = True
    with pytest.raises(RuntimeError, match="the map changed while its keys were being compared"):
        d.get((Rewrites(),))
    assert d == {0: 0, 1: 1, 2: 2}


# ---------------------------------------------------------------------------
# Against a Python dict model
# ---------------------------------------------------------------------------

# Keys that collide across kinds often: small ints, their floats, bools, and
# signed zeros, mixed with strings and arbitrary (non-NaN) floats and int64s.
small_ints = st.integers(min_value=-3, max_value=3)
keys = st.one_of(
    small_ints,
    small_ints.map(float),
    st.booleans(),
    st.sampled_from([0.0, -0.0, 0.5, -1.5]),
    st.floats(allow_nan=False),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.text(max_size=2),
)
values = st.integers(min_value=0, max_value=9)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(keys, values), max_size=12))
def test_construction_matches_dict(pairs: list[tuple[Any, int]]) -> None:
    model = dict(pairs)
    for make in (Map, Dict):
        built = make(pairs)
        assert_same_as(built, model)
        for key, _ in pairs:
            assert built[key] == model[key]


class DictAgainstModel(RuleBasedStateMachine):
    """A Dict and a dict see the same operations and must stay the same."""

    def __init__(self) -> None:
        super().__init__()
        self.d: Dict[Any, int] = Dict()
        self.model: dict[Any, int] = {}

    @initialize(pairs=st.lists(st.tuples(keys, values), max_size=6))
    def start(self, pairs: list[tuple[Any, int]]) -> None:
        self.d = Dict(pairs)
        self.model = dict(pairs)

    @rule(key=keys, value=values)
    def setitem(self, key: Any, value: int) -> None:
        self.d[key] = value
        self.model[key] = value

    @rule(key=keys)
    def delitem(self, key: Any) -> None:
        present = key in self.model
        assert (key in self.d) == present
        if present:
            del self.d[key]
            del self.model[key]
        else:
            with pytest.raises(KeyError):
                del self.d[key]

    @rule(key=keys, default=values)
    def pop_and_get(self, key: Any, default: int) -> None:
        assert self.d.get(key, default) == self.model.get(key, default)
        assert self.d.pop(key, default) == self.model.pop(key, default)

    @rule(key=keys, value=values)
    def setdefault(self, key: Any, value: int) -> None:
        assert self.d.setdefault(key, value) == self.model.setdefault(key, value)

    @rule(pairs=st.lists(st.tuples(keys, values), max_size=4))
    def update(self, pairs: list[tuple[Any, int]]) -> None:
        self.d.update(pairs)
        self.model.update(pairs)

    @invariant()
    def same_as_model(self) -> None:
        assert_same_as(self.d, self.model)
        frozen = Map(self.d.items())
        assert hash(frozen) == hash(Map(self.model))
        assert Dict(dict(self.d)) == self.d


TestDictAgainstModel = DictAgainstModel.TestCase
TestDictAgainstModel.settings = settings(max_examples=60, stateful_step_count=20, deadline=None)
