# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""A user program over the foundation API that mypy --strict and pyright accept."""

from __future__ import annotations

from typing import Any

import tvm_ffi
from tvm_ffi import Array, Dict, Function, List, Map


def containers() -> int:
    arr: Array[int] = Array([1, 2, 3])
    first: int = arr[0]
    tail: Array[int] = arr[1:]
    lst: List[str] = List(["a"])
    lst.append("b")
    lst.extend(["c", "d"])
    lst[0] = "z"
    popped: str = lst.pop()
    mp: Map[str, int] = Map({"x": 1})
    value: int = mp["x"]
    d: Dict[str, float] = Dict()
    d["k"] = 1.5
    for key, item in d.items():
        assert isinstance(key, str) and isinstance(item, float)
    return first + len(tail) + len(popped) + value + len(lst)


def functions() -> Any:
    echo: Function = tvm_ffi.get_global_func("testing.echo")
    maybe: Function | None = tvm_ffi.get_global_func("nope", allow_missing=True)
    assert maybe is None

    @tvm_ffi.register_global_func("typecheck.twice", override=True)
    def twice(x: int) -> int:
        return 2 * x

    doubled: int = twice(2)  # the decorator keeps the function's type

    def inc(x: int) -> int:
        return x + 1

    tvm_ffi.register_global_func("typecheck.inc", inc, override=True)
    names: list[str] = tvm_ffi.list_global_func_names()
    return echo(doubled), names, tvm_ffi.convert([1, 2])


@tvm_ffi.register_error
class MyError(RuntimeError):
    pass


@tvm_ffi.register_error("typecheck.Other")
class OtherError(ValueError):
    pass


def objects(x: tvm_ffi.Object) -> str:
    assert x.same_as(x)
    return x.type_key


containers()
functions()
objects(tvm_ffi.Array([1]))
