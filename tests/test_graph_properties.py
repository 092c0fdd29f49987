# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Stateful properties of the engines and conversion on random graphs with sharing and cycles."""

from __future__ import annotations

import copy
import math
from typing import Any, Optional

from conftest import DeepCopy, RecursiveEq, RecursiveHash, ReprPrint
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

import tvm_ffi
from tvm_ffi import Array, Dict, List, Map, Object
from tvm_ffi.dataclasses import fields, py_class
from tvm_ffi.testing import apply, echo

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "builds cycles of native objects alone, which reference counting never frees"


@py_class
class Box(Object):
    """Mutable, identity ``==``: cycles through an Any, an object and a list field."""

    value: Any = None
    next: Optional[Object] = None
    items: list[Any] = []  # noqa: RUF012 - a fresh List per instance


@py_class(eq=True)
class Pair(Object):
    """Mutable with structural ``==`` (so unhashable)."""

    left: Any = None
    right: Any = None


@py_class(eq=True, frozen=True)
class Frozen(Object):
    """Frozen with structural ``==`` and ``hash``."""

    a: Any = None
    b: Optional[Object] = None


@py_class(eq=True, unsafe_hash=True)
class Tag(Object):
    """Mutable but hashable (unsafe_hash)."""

    name: str = ""
    payload: Any = None


#: The node kinds the copy must never share with the original.
MUTABLE = (List, Dict, Box, Pair, Tag)

INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=8) | st.sampled_from(
    ["", "\x00", "a\x00b", "é", "日本", "\U0001f600"]
)
FLOATS = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(
    [math.nan, math.inf, -math.inf, -0.0, 0.0]
)
LEAVES = st.one_of(st.none(), st.booleans(), INT64, FLOATS, TEXT, st.binary(max_size=8))
KEYS = st.one_of(st.booleans(), INT64, TEXT, st.binary(max_size=4))
CONTAINERS = st.sampled_from([Array, List, Map, Dict])
CLASSES = st.sampled_from([Box, Pair, Frozen, Tag])


def equivalent_leaf(value: Any) -> Any:
    """A different value the engines must treat as equal to ``value``:
    bools as ints, exact ints as floats, zeros with the other sign."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return float(value) if abs(value) <= 2**53 else value
    if isinstance(value, float):
        return -value if value == 0 else value
    if isinstance(value, str):
        return "".join(list(value))  # a distinct str object
    return value


def strictly_same_leaf(a: Any, b: Any) -> bool:
    """Same type and value, with nan equal to nan and the sign of zero kept."""
    if type(a) is not type(b):
        return isinstance(a, str) and isinstance(b, str) and str(a) == str(b)
    if isinstance(a, float):
        if math.isnan(a):
            return math.isnan(b)
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    return bool(a == b)


def children(node: Object) -> list[Any]:
    """The values one step below ``node`` (map keys and values alternate)."""
    if isinstance(node, (Array, List)):
        return list(node)
    if isinstance(node, (Map, Dict)):
        return [part for item in node.items() for part in item]
    return [getattr(node, f.name) for f in fields(type(node))]


def reachable(root: Any) -> dict[int, Object]:
    """Every object reachable from ``root``, by wrapper identity (the wrappers
    are held in the result, so an id cannot be reused while it is alive)."""
    seen: dict[int, Object] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, Object) and id(node) not in seen:
            seen[id(node)] = node
            stack.extend(children(node))
    return seen


def assert_copy_shape(original: Any, copied: Any) -> None:
    """Walks both graphs in step: the same kinds and leaves everywhere, a
    one-to-one pairing of nodes (sharing and cycles kept, nothing merged),
    and no mutable node of the original inside the copy."""
    forward: dict[int, Any] = {}
    backward: dict[int, Any] = {}
    stack = [(original, copied)]
    while stack:
        a, b = stack.pop()
        if not isinstance(a, Object) or isinstance(a, tvm_ffi.Function):
            assert strictly_same_leaf(a, b), (a, b)
            continue
        assert type(a) is type(b), (type(a), type(b))
        if id(a) in forward:
            assert forward[id(a)] is b, "a shared node was copied twice"
            continue
        assert id(b) not in backward, "two nodes were merged into one"
        forward[id(a)], backward[id(b)] = b, a
        if isinstance(a, MUTABLE):
            assert a is not b and not a.same_as(b), f"the copy shares a {type(a).__name__}"
        kids_a, kids_b = children(a), children(b)
        assert len(kids_a) == len(kids_b)
        stack.extend(zip(kids_a, kids_b, strict=True))
    shared = {k for k, v in reachable(original).items() if isinstance(v, MUTABLE)}
    assert not shared & set(reachable(copied)), "a mutable node is reachable from both"


def python_hash_or_none(value: Any) -> Optional[int]:
    """``hash(value)``, or None where Python refuses (a List/Dict inside)."""
    try:
        return hash(value)
    except TypeError:
        return None


class GraphMachine(RuleBasedStateMachine):
    """Builds two graphs step by step with the same shape: ``a`` from the
    drawn leaves, ``b`` from engine-equal variants of them (1 -> 1.0, True ->
    1, 0.0 -> -0.0). Node i of ``a`` must equal node i of ``b`` and hash the
    same; every node survives deepcopy, repr, and conversion."""

    def __init__(self) -> None:
        super().__init__()
        self.a: list[Any] = []
        self.b: list[Any] = []

    def _add(self, a: Any, b: Any) -> None:
        self.a.append(a)
        self.b.append(b)

    def _pick(self, data: st.DataObject, kinds: tuple[type, ...] = ()) -> Optional[int]:
        choices = [i for i, v in enumerate(self.a) if not kinds or isinstance(v, kinds)]
        if not choices:
            return None
        return data.draw(st.sampled_from(choices))

    # ------------------------------------------------------------ building

    @initialize(value=LEAVES)
    def first_leaf(self, value: Any) -> None:
        self._add(value, equivalent_leaf(value))

    @rule(value=LEAVES)
    def leaf(self, value: Any) -> None:
        self._add(value, equivalent_leaf(value))

    @rule(kind=CONTAINERS, data=st.data())
    def container(self, kind: type, data: st.DataObject) -> None:
        picks = data.draw(st.lists(st.integers(0, len(self.a) - 1), max_size=4))
        if kind in (Array, List):
            self._add(kind([self.a[i] for i in picks]), kind([self.b[i] for i in picks]))
            return
        keys = data.draw(st.lists(KEYS, min_size=len(picks), max_size=len(picks)))
        self._add(
            kind([(k, self.a[i]) for k, i in zip(keys, picks, strict=True)]),
            kind([(equivalent_leaf(k), self.b[i]) for k, i in zip(keys, picks, strict=True)]),
        )

    @rule(cls=CLASSES, data=st.data())
    def instance(self, cls: type, data: st.DataObject) -> None:
        first = data.draw(st.integers(0, len(self.a) - 1))
        second = self._pick(data, (Object,))
        if cls is Box:
            self._add(Box(self.a[first]), Box(self.b[first]))
        elif cls is Pair:
            j = data.draw(st.integers(0, len(self.a) - 1))
            self._add(Pair(self.a[first], self.a[j]), Pair(self.b[first], self.b[j]))
        elif cls is Frozen:
            a_obj = None if second is None else self.a[second]
            b_obj = None if second is None else self.b[second]
            self._add(Frozen(self.a[first], a_obj), Frozen(self.b[first], b_obj))
        else:
            name = data.draw(TEXT)
            self._add(Tag(name, self.a[first]), Tag(name, self.b[first]))

    # ------------------------------------------------ mutation (cycles)

    @precondition(lambda self: any(isinstance(v, List) for v in self.a))
    @rule(data=st.data())
    def list_append(self, data: st.DataObject) -> None:
        target = self._pick(data, (List,))
        item = data.draw(st.integers(0, len(self.a) - 1))
        assert target is not None
        self.a[target].append(self.a[item])
        self.b[target].append(self.b[item])

    @precondition(lambda self: any(isinstance(v, Dict) for v in self.a))
    @rule(key=KEYS, data=st.data())
    def dict_set(self, key: Any, data: st.DataObject) -> None:
        target = self._pick(data, (Dict,))
        item = data.draw(st.integers(0, len(self.a) - 1))
        assert target is not None
        self.a[target][key] = self.a[item]
        self.b[target][equivalent_leaf(key)] = self.b[item]

    @precondition(lambda self: any(isinstance(v, (Box, Pair, Tag)) for v in self.a))
    @rule(data=st.data())
    def set_field(self, data: st.DataObject) -> None:
        target = self._pick(data, (Box, Pair, Tag))
        item = data.draw(st.integers(0, len(self.a) - 1))
        assert target is not None
        a, b = self.a[target], self.b[target]
        if isinstance(a, Box):
            where = data.draw(st.sampled_from(["value", "next", "items"]))
            if where == "next" and isinstance(self.a[item], Object):
                a.next, b.next = self.a[item], self.b[item]
            elif where == "items":
                a.items.append(self.a[item])
                b.items.append(self.b[item])
            else:
                a.value, b.value = self.a[item], self.b[item]
        elif isinstance(a, Pair):
            a.right, b.right = self.a[item], self.b[item]
        else:
            a.payload, b.payload = self.a[item], self.b[item]

    # ------------------------------------------------------------ checks

    def check_node(self, i: int) -> None:
        x, twin = self.a[i], self.b[i]
        # Equal graphs (same shape, engine-equal leaves) hash the same.
        assert RecursiveEq(x, x) and RecursiveEq(x, twin) and RecursiveEq(twin, x)
        assert RecursiveHash(x) == RecursiveHash(twin)
        if isinstance(x, Object):
            self.check_copy(x)
            self.check_repr(x, twin)
            self.check_python_dunders(x, twin)

    def check_copy(self, x: Object) -> None:
        for copied in (copy.deepcopy(x), DeepCopy(x)):
            assert RecursiveEq(copied, x)
            assert RecursiveHash(copied) == RecursiveHash(x)
            assert_copy_shape(x, copied)

    def check_repr(self, x: Object, twin: Any) -> None:
        text = repr(x)
        assert isinstance(text, str) and text == ReprPrint(x)
        assert repr(copy.deepcopy(x)) == text  # the cycle markers sit where they sat

    def check_python_dunders(self, x: Object, twin: Any) -> None:
        # Python's == (where the class compares by value) agrees with the
        # engine, and equal hashable values hash the same.
        if isinstance(x, (Array, List, Map, Dict, Pair, Frozen, Tag)):
            assert x == twin
            hx, ht = python_hash_or_none(x), python_hash_or_none(twin)
            assert (hx is None) == (ht is None)
            assert hx == ht
        else:  # Box: identity
            assert x == x and x != twin

    @rule(data=st.data())
    def check_one(self, data: st.DataObject) -> None:
        self.check_node(data.draw(st.integers(0, len(self.a) - 1)))

    @rule(data=st.data())
    def convert_round_trip(self, data: st.DataObject) -> None:
        """A Python value made of lists, tuples and dicts over graph nodes
        converts to Arrays and Maps equal to it; the nodes inside are kept
        as they are; calls into C++ give back the same value."""
        picks = data.draw(st.lists(st.integers(0, len(self.a) - 1), min_size=1, max_size=4))
        items = [self.a[i] for i in picks]
        keys = data.draw(st.lists(TEXT, min_size=len(items), max_size=len(items), unique=True))
        value = [items, tuple(items), dict(zip(keys, items, strict=True)), items[0]]
        out = tvm_ffi.convert(value)
        assert isinstance(out, Array) and not isinstance(out, List)
        assert isinstance(out[0], Array) and isinstance(out[1], Array)
        assert isinstance(out[2], Map) and not isinstance(out[2], Dict)
        assert out == value and out[0] == items and out[2] == dict(zip(keys, items, strict=True))
        for node, came_back in zip(items, out[0], strict=True):
            if isinstance(node, Object):
                assert came_back is node
            else:
                assert strictly_same_leaf(node, came_back)
        assert RecursiveEq(out, value)
        assert echo(value) == value
        assert apply(lambda v: v, value) == value
        for node in items:
            if isinstance(node, Object):
                assert tvm_ffi.convert(node) is node

    def teardown(self) -> None:
        for i in range(len(self.a)):
            self.check_node(i)


TestGraphProperties = GraphMachine.TestCase
TestGraphProperties.settings = settings(max_examples=60, stateful_step_count=20, deadline=None)
