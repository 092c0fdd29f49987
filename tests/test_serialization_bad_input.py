# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Malformed JSON and malformed graphs: each a ValueError that names the
node (or the place in the text) and the fault; nothing built is leaked."""

from __future__ import annotations

import gc
import json
from typing import Any, Optional

import pytest

import tvm_ffi
from tvm_ffi.dataclasses import py_class
from tvm_ffi.serialization import from_json_graph_str, to_json_graph_str

KEEPS_NATIVE_OBJECTS = "defines a py_class type (checked per case with the live count instead)"


@py_class("test_ser_bad.Cell")
class Cell(tvm_ffi.Object):
    val: int
    next: Optional[Cell] = None
    tag: str = "t"
    extra: Any = None


def graph(*nodes: Any, root: int | None = None) -> str:
    return json.dumps(
        {"root_index": len(nodes) - 1 if root is None else root, "nodes": list(nodes)}
    )


def assert_refused(text: str, pattern: str) -> None:
    gc.collect()
    before = tvm_ffi.core._live_object_count()
    with pytest.raises(ValueError, match=pattern):
        from_json_graph_str(text)
    gc.collect()
    assert tvm_ffi.core._live_object_count() == before, "a refused load leaked objects"


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("", r"line 1, column 1: unexpected end of input"),
        ("{", r"expected a string key"),
        ('{"a":1,}', r"expected a string key"),
        ("[1 2]", r"expected ',' or '\]'"),
        ('{"a" 1}', r"expected ':'"),
        ("nul", r"unexpected character"),
        ("01", r"leading zero"),
        ("1.", r"digit after '.'"),
        ("1e", r"digit in the exponent"),
        ("-", r"expected a digit"),
        ("1e999", r"out of the float64 range"),
        ('"abc', r"unterminated string"),
        ('"a\x01"', r"control character"),
        ('"\\x"', r"invalid escape"),
        ('"\\u12"', r"truncated \\u escape|invalid \\u escape"),
        ('"\\ud800"', r"unpaired surrogate"),
        ('"\\udc00"', r"unpaired surrogate"),
        ('"\\ud800\\u0041"', r"unpaired surrogate"),
        ("{} x", r"unexpected text after"),
        ('{"a":1,"a":2}', r'duplicate key "a"'),
        ("[" * 5000 + "]" * 5000, r"nesting deeper than 1000"),
        ("[" * 1_000_000, r"nesting deeper than 1000"),
        ('\n\n  {"a": tru}', r"line 3, column 9"),
    ],
)
def test_malformed_json(text: str, pattern: str) -> None:
    assert_refused(text, "invalid JSON.*" + pattern)


def test_a_str_that_is_not_unicode_text_is_refused() -> None:
    # A lone surrogate has no UTF-8 form: refused before any parsing.
    with pytest.raises(UnicodeEncodeError):
        from_json_graph_str('"\ud800"')


def test_many_duplicate_keys_found_in_big_objects() -> None:
    members = ",".join(f'"k{i}":{i}' for i in range(100)) + ',"k50":0'
    assert_refused("{" + members + "}", r'duplicate key "k50"')


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("[]", r"expected a JSON object at the top, got an array"),
        ('{"nodes":[]}', r"missing `root_index`"),
        ('{"root_index":0}', r"missing `nodes`"),
        ('{"root_index":0,"nodes":{}}', r"`nodes` must be an array, got an object"),
        ('{"root_index":"0","nodes":[{"type":"None"}]}', r"`root_index` must be an integer"),
        ('{"root_index":0,"nodes":[]}', r"`root_index` 0 is not a node \(there are 0\)"),
        ('{"root_index":-1,"nodes":[{"type":"None"}]}', r"`root_index` -1 is not a node"),
        (
            '{"root_index":0,"nodes":[{"type":"None"}],"extra":1}',
            r'unexpected top-level key "extra"',
        ),
        ('{"root_index":0,"nodes":[{"type":"None"}],"nodes":[{"type":"None"}]}', r"duplicate key"),
    ],
)
def test_malformed_documents(text: str, pattern: str) -> None:
    assert_refused(text, "invalid JSON graph: " + pattern)


LIST_OF_SELF = {"type": "ffi.List", "data": [0]}


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        (graph(1), r"node 0: expected an object, got an integer"),
        (graph({"data": 1}), r"node 0: missing `type`"),
        (graph({"type": 3}), r"node 0: `type` must be a string"),
        (graph({"type": "int", "data": 1, "x": 2}), r'node 0: unexpected key "x"'),
        (graph({"type": "no.such.Type"}), r'node 0: unknown type key "no.such.Type"'),
        (
            graph({"type": "int", "data": "1"}),
            r"node 0: `int` data must be an integer, got a string",
        ),
        (graph({"type": "int"}), r"node 0: `int` data must be an integer, but it is missing"),
        (
            graph({"type": "int", "data": 1.5}),
            r"node 0: `int` data must be an integer, got a float",
        ),
        (graph({"type": "int", "data": 2**63}), r"node 0: int out of the int64 range"),
        (graph({"type": "int", "data": -(2**63) - 1}), r"node 0: int out of the int64 range"),
        (graph({"type": "float", "data": None}), r"node 0: `float` data must be a number"),
        (graph({"type": "bool", "data": 1}), r"node 0: `bool` data must be a bool"),
        (graph({"type": "None", "data": 1}), r"node 0: `None` has no data"),
        (graph({"type": "ffi.String", "data": 1}), r"node 0: `ffi.String` data must be a string"),
        (
            graph({"type": "ffi.Bytes", "data": "A"}),
            r"node 0: `ffi.Bytes` data is not valid base64",
        ),
        (
            graph({"type": "ffi.Bytes", "data": "AP9="}),
            r"node 0: `ffi.Bytes` data is not valid base64",
        ),
        (
            graph({"type": "ffi.Bytes", "data": "A*=="}),
            r"node 0: `ffi.Bytes` data is not valid base64",
        ),
        (graph({"type": "ffi.Array", "data": {}}), r"node 0: `ffi.Array` data must be an array"),
        (graph({"type": "ffi.Array", "data": ["0"]}), r"node 0: an item must be a node number"),
        (graph({"type": "ffi.List", "data": [-1]}), r"node 0: an item refers to node -1"),
        (
            graph({"type": "ffi.List", "data": [5]}),
            r"node 0: refers to node 5, but there are 1 nodes",
        ),
        (graph({"type": "ffi.Map", "data": [0]}), r"node 0: a map's data must have an even length"),
        (
            graph({"type": "int", "data": 1}, {"type": "ffi.Map", "data": [0, 0, 0, 0]}),
            r"node 1: key node 0 is a key already in the map",
        ),
        (
            graph(
                {"type": "ffi.List", "data": []},
                {"type": "ffi.Array", "data": [0]},
                {"type": "ffi.Map", "data": [1, 1]},
            ),
            r"node 2: key node 1: TypeError: .*unhashable",
        ),
        (
            graph({"type": "ffi.Function", "data": None}),
            r"node 0: `ffi.Function` values cannot be loaded",
        ),
        (
            graph({"type": "ffi.OpaquePyObject"}),
            r"node 0: `ffi.OpaquePyObject` values cannot be loaded",
        ),
        (
            graph({"type": "ffi.Object", "data": {}}),
            r"node 0: `ffi.Object` values cannot be loaded",
        ),
        (graph({"type": "ffi.Sentinel", "data": "OTHER"}), r'node 0: unknown sentinel "OTHER"'),
        (
            graph({"type": "testing.TestNonCopyable", "data": {"value": 1}}),
            r"node 0: `testing.TestNonCopyable` cannot be loaded: it registers no __ffi_new__",
        ),
        (
            graph({"type": "test_ser_bad.Cell", "data": 1}),
            r"node 0: `test_ser_bad.Cell` data must be an object",
        ),
        (
            graph({"type": "test_ser_bad.Cell", "data": {}}),
            r"node 0: `test_ser_bad.Cell` is missing its field `val`",
        ),
        (
            graph({"type": "test_ser_bad.Cell", "data": {"val": 1, "zz": 0}}),
            r"node 0: `test_ser_bad.Cell` has no field `zz`",
        ),
        (
            graph({"type": "test_ser_bad.Cell", "data": {"val": "1"}}),
            r"node 0: field `val` of `test_ser_bad.Cell` must be an inline number",
        ),
        (
            graph({"type": "test_ser_bad.Cell", "data": {"val": 1.5}}),
            r"node 0: field `val` of `test_ser_bad.Cell`: expected `int` but got `float`",
        ),
        (
            graph({"type": "test_ser_bad.Cell", "data": {"val": 1, "tag": "s"}}),
            r"node 0: field `tag` must be a node number, got a string",
        ),
        (
            graph(
                {"type": "int", "data": 3},
                {"type": "test_ser_bad.Cell", "data": {"val": 1, "tag": 0}},
            ),
            r"node 1: field `tag` of `test_ser_bad.Cell`: expected `str` but got `int`",
        ),
    ],
)
def test_malformed_nodes(text: str, pattern: str) -> None:
    assert_refused(text, "invalid JSON graph: " + pattern)


def test_a_fault_after_a_cycle_is_built_leaks_nothing() -> None:
    # Node 0 is a List holding itself (filled first), then node 1 fails.
    text = graph(
        LIST_OF_SELF,
        {"type": "test_ser_bad.Cell", "data": {"val": 1, "next": 0}},
        {"type": "ffi.Array", "data": [0, 1]},
    )
    assert_refused(text, r"node 1: field `next` of `test_ser_bad.Cell`")


def test_a_fault_after_object_cycles_leaks_nothing() -> None:
    text = graph(
        {"type": "test_ser_bad.Cell", "data": {"val": 1, "next": 1}},
        {"type": "test_ser_bad.Cell", "data": {"val": 2, "next": 0}},
        {"type": "ffi.List", "data": []},
        {"type": "ffi.Array", "data": [2]},
        {"type": "ffi.Map", "data": [0, 1, 3, 0]},
    )
    assert_refused(text, r"node 4: key node 3: TypeError")


def test_cycles_load_and_free() -> None:
    gc.collect()
    before = tvm_ffi.core._live_object_count()
    out = from_json_graph_str(graph(LIST_OF_SELF))
    assert out[0].same_as(out)
    out.pop()
    del out
    a = from_json_graph_str(
        graph(
            {"type": "test_ser_bad.Cell", "data": {"val": 1, "next": 1}},
            {"type": "test_ser_bad.Cell", "data": {"val": 2, "next": 0}},
        )
    )
    assert a.next.next.same_as(a)
    a.next = None
    del a
    gc.collect()
    assert tvm_ffi.core._live_object_count() == before


def test_unreachable_nodes_are_checked_and_dropped() -> None:
    assert_refused(graph({"type": "nope"}, {"type": "None"}), r"node 0: unknown type key")
    gc.collect()
    before = tvm_ffi.core._live_object_count()
    out = from_json_graph_str(
        graph({"type": "test_ser_bad.Cell", "data": {"val": 1}}, {"type": "int", "data": 4})
    )
    assert out == 4
    gc.collect()
    assert tvm_ffi.core._live_object_count() == before


def test_forward_references_are_a_valid_graph() -> None:
    text = graph({"type": "ffi.Array", "data": [1, 1]}, {"type": "ffi.String", "data": "s"}, root=0)
    assert list(from_json_graph_str(text)) == ["s", "s"]


def test_an_unserializable_part_leaves_nothing_behind() -> None:
    gc.collect()
    before = tvm_ffi.core._live_object_count()
    with pytest.raises(TypeError, match=r'`ffi.Function` at root\[1\]\.next\.extra\[0\]\["f"\]'):
        to_json_graph_str(tvm_ffi.List([Cell(1), Cell(2, next=Cell(3, extra=[{"f": len}]))]))
    with pytest.raises(TypeError, match=r'`ffi.Function` at root\[1\]\["next"\]'):
        to_json_graph_str([1, {"next": lambda: 0}])
    gc.collect()
    assert tvm_ffi.core._live_object_count() == before


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        (
            graph({"type": "ffi.Array", "data": [0]}),
            r"node 0: refers back to node 0 through Arrays",
        ),
        (
            graph(
                {"type": "ffi.Map", "data": [2, 1]},
                {"type": "ffi.Array", "data": [0]},
                {"type": "ffi.String", "data": "k"},
                root=1,
            ),
            r"node 0: refers back to node 1 through Arrays and Maps only",
        ),
    ],
)
def test_cycles_of_immutable_containers_are_refused(text: str, pattern: str) -> None:
    assert_refused(text, "invalid JSON graph: " + pattern)


def test_a_cycle_closed_by_a_list_through_an_array_loads() -> None:
    gc.collect()
    before = tvm_ffi.core._live_object_count()
    text = graph({"type": "ffi.Array", "data": [1]}, {"type": "ffi.List", "data": [0]}, root=1)
    out = from_json_graph_str(text)
    assert out[0][0].same_as(out)
    out.clear()
    del out
    gc.collect()
    assert tvm_ffi.core._live_object_count() == before


@pytest.mark.parametrize(
    "text",
    [
        # Dict 2's key is the root Array, still being filled when the Dict is.
        graph(
            {"type": "ffi.Array", "data": [1]},
            {"type": "ffi.List", "data": [2]},
            {"type": "ffi.Dict", "data": [0, 3]},
            {"type": "int", "data": 7},
            root=0,
        ),
        # The key (Array 3) is filled, but reaches the List 1 that holds
        # the Dict, which is not yet.
        graph(
            {"type": "ffi.Dict", "data": [3, 4]},
            {"type": "ffi.List", "data": [0]},
            {"type": "ffi.Array", "data": [1]},
            {"type": "ffi.Array", "data": [2]},
            {"type": "int", "data": 7},
            root=1,
        ),
    ],
)
def test_a_map_key_inside_a_cycle_through_its_map_is_refused(text: str) -> None:
    assert_refused(text, r"invalid JSON graph: node \d+: key node \d+ is part of a cycle")


def test_an_identity_key_inside_a_cycle_through_its_map_loads() -> None:
    # Keys other than Arrays match by identity, so one still being filled
    # is a fine key: here the List root is the key of the Dict it holds.
    text = graph(
        {"type": "ffi.List", "data": [1]},
        {"type": "ffi.Dict", "data": [0, 2]},
        {"type": "int", "data": 7},
        root=0,
    )
    out = from_json_graph_str(text)
    ((key, value),) = out[0].items()
    assert key.same_as(out) and value == 7
    out[0] = key = None  # break the cycle
