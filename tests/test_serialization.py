# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Round trips through the JSON graph format: every kind of value, sharing,
cycles, hooks, and the errors for what has no JSON form."""

from __future__ import annotations

import json
import math
from typing import Any, Optional

import pytest

import tvm_ffi
import tvm_ffi.testing as T
from tvm_ffi import Array, Dict, List, Map
from tvm_ffi.dataclasses import Enum, auto, py_class
from tvm_ffi.serialization import from_json_graph_str, to_json_graph_str

KEEPS_NATIVE_OBJECTS = "defines py_class and enum types, which live as long as the process"

recursive_eq = tvm_ffi.get_global_func("ffi.RecursiveEq")


@py_class("test_ser.Node")
class Node(tvm_ffi.Object):
    val: int
    weight: float = 0.5
    name: str = "n"
    on: bool = False
    next: Optional[Node] = None
    extra: Any = None
    items: Optional[list[int]] = None


class Shade(Enum, type_key="test_ser.Shade"):
    light = auto()
    dark = auto()


def roundtrip(value: Any) -> Any:
    return from_json_graph_str(to_json_graph_str(value))


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        False,
        0,
        -1,
        2**63 - 1,
        -(2**63),
        1.5,
        1e300,
        5e-324,
        -2.5e-10,
        float("inf"),
        float("-inf"),
        "",
        "plain",
        "a\x00b",
        "\u00e9\U0001f600",
        '"\\/\b\f\n\r\t\x01',
        b"",
        b"\x00\xff",
        b"abc",
        b"abcd",
    ],
)
def test_primitives_round_trip_exactly(value: Any) -> None:
    out = roundtrip(value)
    assert type(out) is type(value) or isinstance(out, type(value))
    assert out == value


def test_float_specials_keep_their_bits() -> None:
    assert math.isnan(roundtrip(float("nan")))
    neg_zero = roundtrip(-0.0)
    assert neg_zero == 0.0 and math.copysign(1.0, neg_zero) == -1.0
    assert roundtrip(0.1) == 0.1
    assert roundtrip(1.0) == 1.0 and isinstance(roundtrip(1.0), float)


def test_text_is_the_reference_format() -> None:
    doc = json.loads(to_json_graph_str(List([1, "a", None]), {"k": [1, "x"]}))
    assert doc == {
        "root_index": 3,
        "nodes": [
            {"type": "int", "data": 1},
            {"type": "ffi.String", "data": "a"},
            {"type": "None"},
            {"type": "ffi.List", "data": [0, 1, 2]},
        ],
        "metadata": {"k": [1, "x"]},
    }
    assert "metadata" not in json.loads(to_json_graph_str(1))


def test_bytes_are_base64() -> None:
    doc = json.loads(to_json_graph_str(b"\x00\xff"))
    assert doc["nodes"] == [{"type": "ffi.Bytes", "data": "AP8="}]


@pytest.mark.parametrize(
    "make",
    [
        lambda: Array([1, 2.5, "s", None, b"b", Array([])]),
        lambda: List([List([1]), Dict({"a": List([])})]),
        lambda: Map({"a": 1, 2: "b", b"k": None}),
        lambda: Dict({"x": Map({"y": Array([1])})}),
        lambda: List([]),
    ],
)
def test_containers_round_trip(make: Any) -> None:
    value = make()
    out = roundtrip(value)
    assert type(out) is type(value)
    assert recursive_eq(out, value)


def test_python_values_are_converted_first() -> None:
    assert list(roundtrip([1, "a"])) == [1, "a"]
    assert dict(roundtrip({"a": 1})) == {"a": 1}


def test_equal_primitives_become_one_node() -> None:
    doc = json.loads(to_json_graph_str(Array([7, 7, "s", "s", 1, True, 1.0])))
    types = [n["type"] for n in doc["nodes"]]
    assert types == ["int", "ffi.String", "int", "bool", "float", "ffi.Array"]
    assert doc["nodes"][-1]["data"] == [0, 0, 1, 1, 2, 3, 4]


def test_sharing_is_kept() -> None:
    pair = T.TestIntPair(1, 2)
    out = roundtrip(List([pair, pair, Map({"p": pair})]))
    assert out[0].same_as(out[1]) and out[0].same_as(out[2]["p"])
    assert not out[0].same_as(pair)
    assert (out[0].a, out[0].b) == (1, 2)


def test_a_list_containing_itself_round_trips() -> None:
    lst = List([1])
    lst.append(lst)
    out = roundtrip(lst)
    assert out[0] == 1 and out[1].same_as(out)
    lst.pop()  # break the cycles so the objects are freed
    out.pop()


def test_cycles_through_objects_and_dicts() -> None:
    a = Node(1)
    b = Node(2, next=a)
    a.next = b
    d = Dict({"self": None})
    d["self"] = d
    a.extra = d
    out = roundtrip(a)
    assert out.next.next.same_as(out)
    assert out.extra["self"].same_as(out.extra)
    assert (out.val, out.next.val) == (1, 2)
    for obj in (a, out):
        obj.extra["self"] = None
        obj.next.next = None


def test_py_class_fields_all_kinds() -> None:
    node = Node(3, weight=-0.0, name="é", on=True, next=Node(4), extra=List([b"x"]), items=[1, 2])
    out = roundtrip(node)
    assert isinstance(out, Node)
    assert recursive_eq(out, node)
    assert math.copysign(1.0, out.weight) == -1.0
    assert list(out.items) == [1, 2]


def test_primitive_fields_are_inline() -> None:
    doc = json.loads(to_json_graph_str(Node(3, on=True)))
    data = doc["nodes"][doc["root_index"]]["data"]
    assert (data["val"], data["weight"], data["on"]) == (3, 0.5, True)
    assert doc["nodes"][data["name"]] == {"type": "ffi.String", "data": "n"}


def test_cxx_types_round_trip() -> None:
    derived = T.TestObjectDerived(v_i64=5, v_f64=2.5, v_str="s", v_map={"a": 1}, v_array=[1, "x"])
    out = roundtrip(derived)
    assert isinstance(out, T.TestObjectDerived)
    assert (out.v_i64, out.v_f64, out.v_str) == (5, 2.5, "s")
    assert dict(out.v_map) == {"a": 1} and list(out.v_array) == [1, "x"]


def test_missing_fields_take_their_defaults() -> None:
    text = '{"root_index":0,"nodes":[{"type":"test_ser.Node","data":{"val":9}}]}'
    out = from_json_graph_str(text)
    assert (out.val, out.weight, out.name, out.next) == (9, 0.5, "n", None)


def test_enum_variants_load_as_the_singleton() -> None:
    assert roundtrip(Shade.dark) is Shade.dark
    out = roundtrip(List([Shade.light, Shade.dark, Shade.light]))
    assert out[0] is Shade.light and out[1] is Shade.dark and out[2] is Shade.light
    doc = json.loads(to_json_graph_str(Shade.dark))
    assert doc["nodes"] == [{"type": "test_ser.Shade", "data": "dark"}]
    by_ordinal = '{"root_index":0,"nodes":[{"type":"test_ser.Shade","data":1}]}'
    assert from_json_graph_str(by_ordinal) is Shade.dark


def test_sentinels_load_as_themselves() -> None:
    assert roundtrip(tvm_ffi.MISSING) is tvm_ffi.MISSING
    assert roundtrip(tvm_ffi.KWARGS) is tvm_ffi.KWARGS


def test_million_deep_chain_round_trips() -> None:
    head = None
    for i in range(200_000):
        head = Node(i, next=head)
    out = roundtrip(head)
    count = 0
    while out is not None:
        out = out.next
        count += 1
    assert count == 200_000


def test_functions_are_not_serializable_and_the_path_says_where() -> None:
    graph = List([1, 2, 3, Node(1, next=Node(2, extra=Map({"fn": lambda: 1})))])
    with pytest.raises(TypeError, match=r"`ffi.Function` at root\[3\].next.extra\[\"fn\"\]"):
        to_json_graph_str(graph)


def test_opaque_python_objects_are_not_serializable() -> None:
    with pytest.raises(TypeError, match=r"cannot serialize `object` at root\[0\]\.keys\(\)\[0\]"):
        to_json_graph_str(Array([Map({object(): 1})]))
    with pytest.raises(TypeError, match=r"at root: "):
        to_json_graph_str(object())


def test_a_type_with_no_blank_allocator_is_refused_when_written() -> None:
    with pytest.raises(TypeError, match="TestNonCopyable.*no __ffi_new__"):
        to_json_graph_str(List([T.TestNonCopyable(1)]))


def test_metadata_must_be_json() -> None:
    with pytest.raises(TypeError, match="metadata must hold only JSON values"):
        to_json_graph_str(1, {"f": object()})
    with pytest.raises(TypeError, match="keys must be str"):
        to_json_graph_str(1, {"a": {1: 2}})
    loop = List([])
    loop.append(loop)
    with pytest.raises(ValueError, match="nested deeper"):
        to_json_graph_str(1, {"a": loop})
    loop.pop()


def test_cpp_json_graph_value_forms() -> None:
    to_graph = tvm_ffi.get_global_func("ffi.ToJSONGraph")
    from_graph = tvm_ffi.get_global_func("ffi.FromJSONGraph")
    graph = to_graph(List([1, "a"]), None)
    assert graph["root_index"] == 2 and len(graph["nodes"]) == 3
    assert list(from_graph(graph)) == [1, "a"]


def test_from_json_graph_str_takes_a_str() -> None:
    with pytest.raises(TypeError, match="expects a str, got bytes"):
        from_json_graph_str(b"{}")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expects a str, got NoneType"):
        from_json_graph_str(None)  # type: ignore[arg-type]


@py_class("test_ser.Celsius")
class Celsius(tvm_ffi.Object):
    degrees: float
    note: str = ""


def _celsius_to_json(obj: Any) -> Any:
    return {"deg_text": str(obj.degrees)}


def _celsius_from_json(data: Any) -> Any:
    return Celsius(float(data["deg_text"]), note="loaded")


def test_data_json_hooks_replace_the_fields() -> None:
    from conftest import register_hook_once

    register_hook_once("test_ser.Celsius", "__data_to_json__", _celsius_to_json)
    register_hook_once("test_ser.Celsius", "__data_from_json__", _celsius_from_json)
    text = to_json_graph_str(List([Celsius(21.5)]))
    assert json.loads(text)["nodes"][0] == {
        "type": "test_ser.Celsius",
        "data": {"deg_text": "21.5"},
    }
    out = from_json_graph_str(text)
    assert (out[0].degrees, out[0].note) == (21.5, "loaded")


@py_class("test_ser.BadHooks")
class BadHooks(tvm_ffi.Object):
    x: int


def test_a_hook_returning_the_wrong_thing_is_reported() -> None:
    from conftest import register_hook_once

    register_hook_once("test_ser.BadHooks", "__data_to_json__", lambda obj: object())
    register_hook_once("test_ser.BadHooks", "__data_from_json__", lambda data: 1)
    with pytest.raises(
        TypeError, match="__data_to_json__ of `test_ser.BadHooks` must hold only JSON"
    ):
        to_json_graph_str(BadHooks(1))
    text = '{"root_index":0,"nodes":[{"type":"test_ser.BadHooks","data":{}}]}'
    with pytest.raises(
        ValueError, match=r"node 0: __data_from_json__ of `test_ser.BadHooks` returned a `int`"
    ):
        from_json_graph_str(text)
