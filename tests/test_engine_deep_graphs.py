# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The engines on very deep graphs: 1,000,000-deep chains through reflected
objects and through Array / List / Map / Dict nesting. Every engine (repr,
hash, ==, ordering, deepcopy) and freeing must finish without overflowing
the native stack.

Each chain is built once per class (class-scoped fixture) and dropped when
the class is done, so at most two chains are alive at a time.
"""

from __future__ import annotations

import copy
import gc
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from conftest import (
    DeepCopy,
    RecursiveCompare,
    RecursiveEq,
    RecursiveHash,
    RecursiveLt,
    ReprPrint,
    use_count,
)

import tvm_ffi
from tvm_ffi import Array, Dict, List, Map
from tvm_ffi import testing as T

DEPTH = 1_000_000

#: A native leaf at the bottom of every chain. A Function is an identity
#: object: deepcopy shares it, so its use count tells when copies are freed.
LEAF = tvm_ffi.get_global_func("testing.nop")
LEAF_REPR = ReprPrint(LEAF)


class Chain:
    """A deep chain, its mutable bottom node and the expected repr pieces."""

    def __init__(self, top: Any, bottom: Any) -> None:
        self.top = top
        self.bottom = bottom


# ---------------------------------------------------------------------------
# Builders: each returns (top, bottom); the bottom can be mutated to make an
# otherwise equal chain differ at the deepest level.
# ---------------------------------------------------------------------------


def build_object_chain() -> Chain:
    bottom = T.TestDeepCopyEdges(1, LEAF)
    node = bottom
    for _ in range(DEPTH):
        node = T.TestDeepCopyEdges(None, node)
    return Chain(node, bottom)


def build_list_chain() -> Chain:
    bottom = List([LEAF])
    node: Any = bottom
    for _ in range(DEPTH):
        node = List([node])
    return Chain(node, bottom)


def build_array_chain() -> Chain:
    bottom = List([LEAF])
    node: Any = bottom
    for _ in range(DEPTH):
        node = Array([node])
    return Chain(node, bottom)


def build_map_chain() -> Chain:
    bottom = Dict({"leaf": LEAF})
    node: Any = bottom
    for _ in range(DEPTH):
        node = Map({"k": node})
    return Chain(node, bottom)


def build_dict_chain() -> Chain:
    bottom = Dict({"leaf": LEAF})
    node: Any = bottom
    for _ in range(DEPTH):
        node = Dict({"k": node})
    return Chain(node, bottom)


OBJ_PREFIX = "testing.TestDeepCopyEdges(v_any=None, v_obj="
OBJ_BOTTOM = f"testing.TestDeepCopyEdges(v_any=1, v_obj={LEAF_REPR})"


def expected_repr(kind: str) -> Callable[[int], str]:
    """The repr of a chain of ``kind`` with ``n`` wrapping levels."""
    if kind == "object":
        return lambda n: OBJ_PREFIX * n + OBJ_BOTTOM + ")" * n
    if kind == "list":
        return lambda n: "[" * n + f"[{LEAF_REPR}]" + "]" * n
    if kind == "array":
        return lambda n: "(" * n + f"[{LEAF_REPR}]" + ",)" * n
    return lambda n: '{"k": ' * n + f'{{"leaf": {LEAF_REPR}}}' + "}" * n


def mutate_bottom(kind: str, bottom: Any) -> None:
    """Makes a chain differ from its twin at the deepest level only."""
    if kind == "object":
        bottom.v_any = 2
    elif kind in ("list", "array"):
        bottom.append(1)
    else:
        bottom["extra"] = 1


# ---------------------------------------------------------------------------
# The checks, shared by every kind of chain
# ---------------------------------------------------------------------------


class _DeepChainChecks:
    kind: str = ""
    build: Callable[[], Chain]
    ordered: bool = True

    @pytest.fixture(scope="class")
    @classmethod
    def chain(cls) -> Iterator[Chain]:
        built = cls.build()
        yield built
        del built
        gc.collect()

    def test_repr(self, chain: Chain) -> None:
        expected = expected_repr(self.kind)(DEPTH)
        text = repr(chain.top)
        assert len(text) == len(expected)
        assert text[:1000] == expected[:1000]
        assert text == expected

    def test_hash_and_deepcopy(self, chain: Chain) -> None:
        h = RecursiveHash(chain.top)
        assert isinstance(h, int)
        before = use_count(LEAF)
        out = copy.deepcopy(chain.top)
        assert type(out) is type(chain.top)
        assert not out.same_as(chain.top)
        assert use_count(LEAF) == before + 1  # the leaf is shared, not copied
        assert RecursiveEq(out, chain.top)
        assert RecursiveHash(out) == h
        del out
        gc.collect()
        assert use_count(LEAF) == before  # the 1,000,000-deep copy was freed

    def test_eq_and_order_against_equal_chain(self, chain: Chain) -> None:
        twin = type(self).build()
        assert tvm_ffi.core._eq(twin.top, chain.top)
        if self.ordered:
            assert RecursiveCompare(chain.top, twin.top) == 0
        else:
            with pytest.raises(TypeError):
                RecursiveLt(chain.top, twin.top)
        # Differing only at the bottom: the walk reaches it.
        mutate_bottom(self.kind, twin.bottom)
        assert not RecursiveEq(chain.top, twin.top)
        if self.ordered:
            assert RecursiveCompare(chain.top, twin.top) == -1
            assert RecursiveLt(chain.top, twin.top)
        del twin
        gc.collect()

    def test_free_original(self, chain: Chain) -> None:
        # Drops the fixture's own references (the last test of the class).
        before = use_count(LEAF)
        chain.top = None
        chain.bottom = None
        gc.collect()
        assert use_count(LEAF) == before - 1


class TestObjectChain(_DeepChainChecks):
    kind = "object"
    build = staticmethod(build_object_chain)


class TestListChain(_DeepChainChecks):
    kind = "list"
    build = staticmethod(build_list_chain)


class TestArrayChain(_DeepChainChecks):
    kind = "array"
    build = staticmethod(build_array_chain)


class TestMapChain(_DeepChainChecks):
    kind = "map"
    build = staticmethod(build_map_chain)
    ordered = False


class TestDictChain(_DeepChainChecks):
    kind = "dict"
    build = staticmethod(build_dict_chain)
    ordered = False


# ---------------------------------------------------------------------------
# Mixed nesting, long linked lists, DAGs
# ---------------------------------------------------------------------------


def test_mixed_nesting_deep_chain() -> None:
    n = 40_000  # x 5 kinds of levels = 200,000 levels
    node: Any = LEAF
    for _ in range(n):
        node = List([node])
        node = Array([node])
        node = Map({"m": node})
        node = Dict({"d": node})
        node = T.TestDeepCopyEdges(node, None)
    text = repr(node)
    assert text.startswith('testing.TestDeepCopyEdges(v_any={"d": {"m": ([')
    assert text.count("testing.TestDeepCopyEdges(") == n
    h = RecursiveHash(node)
    out = copy.deepcopy(node)
    assert RecursiveEq(out, node)
    assert RecursiveHash(out) == h
    del out, node
    gc.collect()


def test_linked_list_10000_nodes() -> None:
    n = 10_000
    node: Any = None
    for i in range(n):
        node = T.TestDeepCopyEdges(i, node)
    text = repr(node)
    assert text.count("testing.TestDeepCopyEdges(") == n
    assert text.startswith(f"testing.TestDeepCopyEdges(v_any={n - 1}, v_obj=")
    assert text.endswith("testing.TestDeepCopyEdges(v_any=0, v_obj=None)" + ")" * (n - 1))
    out = copy.deepcopy(node)
    assert repr(out) == text
    assert RecursiveEq(out, node)
    assert RecursiveHash(out) == RecursiveHash(node)
    assert RecursiveCompare(out, node) == 0


def test_deep_cycle() -> None:
    # A 1,000,000-node ring: every engine must notice it comes back.
    head = T.TestDeepCopyEdges(0, None)
    node = head
    for _ in range(DEPTH - 1):
        node = T.TestDeepCopyEdges(None, node)
    head.v_obj = node
    text = ReprPrint(node)
    assert text.endswith("v_obj=..." + ")" * DEPTH)
    RecursiveHash(node)
    out = DeepCopy(node)
    assert RecursiveEq(out, node)
    # Break both rings so they can be freed.
    head.v_obj = None
    cur = out
    for _ in range(DEPTH - 1):
        cur = cur.v_obj
    assert cur.v_any == 0
    cur.v_obj = None
    del out, cur, node, head
    gc.collect()


def test_wide_dag_of_lists_equal_and_hash() -> None:
    def dag(depth: int) -> Any:
        node: Any = List([LEAF, 1])
        for _ in range(depth):
            node = List([node, node, node])
        return node

    # 3**300 paths: only sharing-aware engines can finish.
    a, b = dag(300), dag(300)
    assert RecursiveEq(a, b)
    assert RecursiveHash(a) == RecursiveHash(b)
    out = DeepCopy(a)
    assert out[0].same_as(out[1]) and out[1].same_as(out[2])
    assert RecursiveEq(out, a)
    assert repr(dag(4)) == repr(DeepCopy(dag(4)))
