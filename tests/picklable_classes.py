# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Classes at module level, so pickle can name them: what tests/test_pickle.py
sends through pickle, fresh processes and a multiprocessing pool."""

from __future__ import annotations

from typing import ClassVar, Optional

from tvm_ffi import Object
from tvm_ffi.dataclasses import Enum, entry, py_class


@py_class("tests.pickle.Point", eq=True)
class Point(Object):
    """Two coordinates and a label: scalar fields and one object field."""

    x: int
    y: float
    label: str = "p"


@py_class("tests.pickle.Node")
class Node(Object):
    """A linked node (identity equality): sharing and cycles go through it."""

    value: int
    next: Optional[Node] = None
    items: list[object] = []  # noqa: RUF012 - a new List for every instance


class Shade(Enum, type_key="tests.pickle.Shade"):
    """Variants come back as the same singletons."""

    light: ClassVar[Shade] = entry()
    dark: ClassVar[Shade] = entry()


def moved(point: Point, dx: int) -> Point:
    """A pool task: a new point built from the one that crossed the process boundary."""
    return Point(point.x + dx, point.y, point.label + "'")
