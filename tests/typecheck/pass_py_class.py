# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""A user program over @py_class that mypy --strict and pyright accept:
every decorator form, defaults, field(), KW_ONLY, self-references."""

from __future__ import annotations

from typing import Any, ClassVar, Optional

from tvm_ffi import Object
from tvm_ffi.dataclasses import KW_ONLY, field, fields, py_class, replace, set_unchecked


@py_class
class Bare(Object):
    x: int


@py_class("typing.Point", eq=True, order=True)
class Point(Object):
    x: int
    y: float = 0.0
    label: str = "p"
    tags: list[str] = field(default_factory=list)
    count: ClassVar[int] = 0


@py_class(kw_only=True, frozen=True)
class Node(Object):
    value: int
    next: Optional[Node] = None


@py_class(frozen=True)
class Scaled(Object):
    base: int
    doubled: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        set_unchecked(self, "doubled", self.base * 2)  # the frozen escape hatch


@py_class("typing.Options")
class Options(Object):
    name: str
    _: KW_ONLY
    verbose: bool = False


def use() -> Any:
    p = Point(1, 2.5, label="a")
    p.x = 3
    total: float = p.x + p.y
    ordered: bool = p < Point(2)
    n = Node(value=1, next=Node(value=2))
    first: int = n.value
    o = Options("o", verbose=True)
    return (
        Bare(1).x,
        total,
        ordered,
        first,
        o.verbose,
        [f.name for f in fields(Point)],
        replace(p, y=1.0),
        Point.count,
        Scaled(2).doubled,
    )


use()
