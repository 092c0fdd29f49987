# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Container operators as a user program writes them; mypy --strict and pyright accept it."""

from __future__ import annotations

from tvm_ffi import Array, Dict, List, Map


def sequences() -> int:
    arr: Array[int] = Array([1, 2])
    joined: Array[int] = arr + [3] + (4,)
    prefixed: Array[int] = [0] + arr
    mixed: Array[int | str] = arr + ["x"]
    repeated: Array[int] = 2 * (arr * 2)
    lst: List[str] = List(["b", "a"])
    grown: List[str] = lst + ["c"]
    lst += ("d",)
    lst *= 2
    copied: List[str] = lst.copy()
    copied.sort()
    copied.sort(key=len, reverse=True)
    return len(joined) + len(prefixed) + len(mixed) + len(repeated) + len(grown)


def mappings() -> int:
    d: Dict[str, int] = Dict({"a": 1})
    merged: Dict[str, int] = d | {"b": 2}
    widened: Dict[str, int | float] = d | Map({"c": 1.5})
    from_dict: Dict[str, int] = {"z": 0} | d
    frozen: Map[str, int] = Map({"a": 1}) | d
    d |= [("e", 5)]
    d |= {"f": 6}
    d.update({"g": 7}, h=8)
    return len(merged) + len(widened) + len(from_dict) + len(frozen)


sequences()
mappings()
