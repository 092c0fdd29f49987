# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The fuzz target of the JSON graph loader: `run_one(data)`.

The first byte picks how the rest is used: even, as JSON text as it is
(malformed JSON of every kind); odd, as choices that assemble a
well-formed document of random nodes (types, data, node numbers, fields),
which reaches the graph checks past the parser.

Invariants: `from_json_graph_str` either returns or raises ValueError, and
never anything else; what it returns can be written again, and writing,
loading and writing that again gives the same text (a fixed point).
"""

from __future__ import annotations

import json
from typing import Any, Optional

import tvm_ffi
import tvm_ffi.testing
from tvm_ffi.dataclasses import py_class
from tvm_ffi.serialization import from_json_graph_str, to_json_graph_str


@py_class("fuzz_json.Cell")
class Cell(tvm_ffi.Object):
    """A py_class with a field of each storage, so random graphs can fill it."""

    val: int
    ratio: float = 0.0
    on: bool = False
    tag: str = ""
    next: Optional[Cell] = None
    extra: Any = None


TYPE_KEYS = (
    "None",
    "bool",
    "int",
    "float",
    "ffi.String",
    "ffi.Bytes",
    "ffi.Array",
    "ffi.List",
    "ffi.Map",
    "ffi.Dict",
    "ffi.Sentinel",
    "fuzz_json.Cell",
    "testing.TestIntPair",
    "testing.TestObjectDerived",
    "ffi.Function",
    "no.such.Type",
)
FIELD_NAMES = ("val", "ratio", "on", "tag", "next", "extra", "a", "b", "v_i64", "v_map", "zz")


class Choices:
    """Reads small decisions from the fuzzer's bytes (zeros once they run out)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def byte(self) -> int:
        if self.pos >= len(self.data):
            return 0
        self.pos += 1
        return self.data[self.pos - 1]

    def pick(self, options: tuple[Any, ...]) -> Any:
        return options[self.byte() % len(options)]


def _scalar(c: Choices, num_nodes: int) -> Any:
    kind = c.byte() % 8
    if kind == 0:
        return c.byte() % (num_nodes + 2) - 1  # mostly a node number, sometimes out of range
    if kind == 1:
        return None
    if kind == 2:
        return bool(c.byte() & 1)
    if kind == 3:
        return (c.byte() - 128) * 1.5
    if kind == 4:
        return "AP8=" if c.byte() & 1 else "s\u00e9"
    if kind == 5:
        return 2**63 if c.byte() & 1 else -(2**63)
    if kind == 6:
        return [c.byte() % (num_nodes + 1) for _ in range(c.byte() % 5)]
    return {c.pick(FIELD_NAMES): c.byte() % (num_nodes + 1) for _ in range(c.byte() % 4)}


def assemble(c: Choices) -> str:
    """A JSON graph document from the choices."""
    num_nodes = 1 + c.byte() % 12
    nodes = []
    for _ in range(num_nodes):
        node: dict[str, Any] = {"type": c.pick(TYPE_KEYS)}
        shape = c.byte() % 4
        if shape == 1:
            node["data"] = _scalar(c, num_nodes)
        elif shape == 2:
            node["data"] = [c.byte() % (num_nodes + 1) for _ in range(c.byte() % 6)]
        elif shape == 3:
            node["data"] = {
                name: (_scalar(c, num_nodes) if c.byte() & 1 else c.byte() % num_nodes)
                for name in FIELD_NAMES
                if c.byte() & 1
            }
        nodes.append(node)
    return json.dumps({"root_index": c.byte() % (num_nodes + 1), "nodes": nodes})


def run_one(data: bytes) -> None:
    """One fuzz input; any exception out of here is a finding."""
    if not data:
        return
    if data[0] % 2 == 0:
        text = data[1:].decode("utf-8", errors="replace")
    else:
        text = assemble(Choices(data[1:]))
    try:
        value = from_json_graph_str(text)
    except ValueError:
        return
    first = to_json_graph_str(value)
    again = to_json_graph_str(from_json_graph_str(first))
    if again != first:
        raise AssertionError(f"not a fixed point:\n{first}\n{again}")
    _break_cycles(value)


def _break_cycles(value: Any) -> None:
    """Empty what was loaded, so self-holding containers and cells are freed."""
    seen: set[int] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if not isinstance(item, tvm_ffi.Object) or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, (tvm_ffi.List, tvm_ffi.Dict)):
            stack.extend(item.values() if isinstance(item, tvm_ffi.Dict) else item)
            item.clear()
        elif isinstance(item, Cell):
            stack.extend([item.next, item.extra])
            item.next = None
            item.extra = None
