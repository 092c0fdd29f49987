# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The ``py_class.*`` cases of ``run.py``: classes defined in Python with
``tvm_ffi.dataclasses.py_class``, beside slots / frozen dataclasses.

Each spec is ``(name, baseline, make)``; ``make(ffi)`` returns the timed
statement and its namespace (``run.py`` wraps them into a ``Bench``). A
package without ``py_class`` (the reference's releases so far) reports
them as ``n/a``.
"""

from __future__ import annotations

import copy
import dataclasses
import importlib
import pickle
from collections.abc import Callable
from types import ModuleType
from typing import Any, Optional

#: Objects in the big graph cases (the same size as run.py's engine cases).
GRAPH_SIZE = 100_000

Made = tuple[str, dict[str, object]]
_CLASSES: dict[str, Any] = {}


def _classes(ffi: ModuleType) -> dict[str, Any]:
    """The benchmark's py_classes, defined once per process."""
    if _CLASSES:
        return _CLASSES
    py_class = importlib.import_module(f"{ffi.__name__}.dataclasses").py_class

    @py_class("bench.Triple")
    class Triple(ffi.Object):  # type: ignore[misc, name-defined]
        a: int
        b: float
        c: str

    @py_class("bench.Kinds")
    class Kinds(ffi.Object):  # type: ignore[misc, name-defined]
        i: int = 0
        f: float = 0.0
        b: bool = False
        s: str = "name"
        o: Optional[Triple] = None

    @py_class("bench.Pair", eq=True, frozen=True)
    class Pair(ffi.Object):  # type: ignore[misc, name-defined]
        a: int
        b: int

    _CLASSES.update(Triple=Triple, Kinds=Kinds, Pair=Pair)
    return _CLASSES


def _kinds(ffi: ModuleType) -> Any:
    cls = _classes(ffi)
    return cls["Kinds"](o=cls["Triple"](1, 2.0, "x"))


def _serialization(ffi: ModuleType) -> Any:
    return importlib.import_module(f"{ffi.__name__}.serialization")


def _graph(ffi: ModuleType, key: str) -> Any:
    """A List of GRAPH_SIZE py_class Pairs (memoised per key)."""
    memo = f"graph:{key}"
    if memo not in _CLASSES:
        pair = _classes(ffi)["Pair"]
        _CLASSES[memo] = ffi.List([pair(i, i) for i in range(GRAPH_SIZE)])
    return _CLASSES[memo]


@dataclasses.dataclass(slots=True)
class _SlotsTriple:
    a: int
    b: float
    c: str


@dataclasses.dataclass(slots=True)
class _SlotsKinds:
    i: int = 0
    f: float = 0.0
    b: bool = False
    s: str = "name"
    o: Optional[_SlotsTriple] = None


SPECS: list[tuple[str, str | None, Callable[[ModuleType], Made]]] = [
    (
        "py_class.construct",
        "py.dataclass.construct3",
        lambda ffi: ("T(1, 2.0, 'x')", {"T": _classes(ffi)["Triple"]}),
    ),
    ("py.dataclass.construct3", None, lambda ffi: ("T(1, 2.0, 'x')", {"T": _SlotsTriple})),
    (
        "py_class.construct_kw",
        "py.dataclass.construct3_kw",
        lambda ffi: ("T(a=1, b=2.0, c='x')", {"T": _classes(ffi)["Triple"]}),
    ),
    ("py.dataclass.construct3_kw", None, lambda ffi: ("T(a=1, b=2.0, c='x')", {"T": _SlotsTriple})),
]

for _name in ("i", "f", "b", "o", "s"):
    SPECS += [
        (
            f"py_class.read.{_name}",
            f"py.dataclass.read.{_name}",
            lambda ffi, n=_name: (f"k.{n}", {"k": _kinds(ffi)}),
        ),
        (
            f"py.dataclass.read.{_name}",
            None,
            lambda ffi, n=_name: (f"k.{n}", {"k": _SlotsKinds(o=_SlotsTriple(1, 2.0, "x"))}),
        ),
    ]

_WRITES = {"i": "5", "f": "2.5", "b": "True", "o": "v", "s": "'other'"}
for _name, _value in _WRITES.items():
    SPECS += [
        (
            f"py_class.write.{_name}",
            f"py.dataclass.write.{_name}",
            lambda ffi, n=_name, v=_value: (f"k.{n} = {v}", {"k": _kinds(ffi), "v": _kinds(ffi).o}),
        ),
        (
            f"py.dataclass.write.{_name}",
            None,
            lambda ffi, n=_name, v=_value: (
                f"k.{n} = {v}",
                {"k": _SlotsKinds(), "v": _SlotsTriple(1, 2.0, "x")},
            ),
        ),
    ]


@dataclasses.dataclass(frozen=True)
class _FrozenPair:
    a: int
    b: int


@dataclasses.dataclass(slots=True)
class _SlotsPair:
    a: int
    b: int


def _pickle_round_trip(value: object) -> object:
    return pickle.loads(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))


SPECS += [
    (
        "py_class.eq",
        "py.frozen_dataclass.eq2",
        lambda ffi: (
            "p == q",
            {"p": _classes(ffi)["Pair"](1, 2), "q": _classes(ffi)["Pair"](1, 2)},
        ),
    ),
    (
        "py.frozen_dataclass.eq2",
        None,
        lambda ffi: ("p == q", {"p": _FrozenPair(1, 2), "q": _FrozenPair(1, 2)}),
    ),
    (
        "py_class.hash",
        "py.frozen_dataclass.hash2",
        lambda ffi: ("hash(p)", {"p": _classes(ffi)["Pair"](1, 2)}),
    ),
    ("py.frozen_dataclass.hash2", None, lambda ffi: ("hash(p)", {"p": _FrozenPair(1, 2)})),
    (
        "py_class.graph.build_100k",
        None,
        lambda ffi: (
            "L([P(i, i) for i in r])",
            {"L": ffi.List, "P": _classes(ffi)["Pair"], "r": range(GRAPH_SIZE)},
        ),
    ),
    ("py_class.graph.repr_100k", None, lambda ffi: ("repr(g)", {"g": _graph(ffi, "a")})),
    (
        "py_class.graph.eq_100k",
        None,
        lambda ffi: ("g == h", {"g": _graph(ffi, "a"), "h": _graph(ffi, "b")}),
    ),
    (
        "py_class.graph.deepcopy_100k",
        None,
        lambda ffi: ("deepcopy(g)", {"deepcopy": copy.deepcopy, "g": _graph(ffi, "a")}),
    ),
    (
        "py_class.graph.to_json_100k",
        None,
        lambda ffi: (
            "dump(g)",
            {"dump": _serialization(ffi).to_json_graph_str, "g": _graph(ffi, "a")},
        ),
    ),
    # pickle goes through the JSON graph: one __reduce__ for the whole List.
    (
        "py_class.graph.pickle_100k",
        "py.dataclass.pickle_100k",
        lambda ffi: ("round_trip(g)", {"round_trip": _pickle_round_trip, "g": _graph(ffi, "a")}),
    ),
    (
        "py.dataclass.pickle_100k",
        None,
        lambda ffi: (
            "round_trip(g)",
            {"round_trip": _pickle_round_trip, "g": [_SlotsPair(i, i) for i in range(GRAPH_SIZE)]},
        ),
    ),
    (
        "py_class.graph.from_json_100k",
        None,
        lambda ffi: (
            "load(text)",
            {
                "load": _serialization(ffi).from_json_graph_str,
                "text": _serialization(ffi).to_json_graph_str(_graph(ffi, "a")),
            },
        ),
    ),
]

#: The big cases, repeated less.
SLOW = {
    "py_class.graph.build_100k",
    "py_class.graph.repr_100k",
    "py_class.graph.eq_100k",
    "py_class.graph.deepcopy_100k",
    "py_class.graph.to_json_100k",
    "py_class.graph.from_json_100k",
    "py_class.graph.pickle_100k",
    "py.dataclass.pickle_100k",
}
