# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""A tour of what works: a class written in Python that C++ reads, an enum
shared with C++, then containers, calls both ways, errors both ways."""

from __future__ import annotations

import copy
from typing import ClassVar, Optional

import tvm_ffi
import tvm_ffi.testing  # loads the C++ fixtures registered under "testing."
from tvm_ffi.dataclasses import Enum, auto, entry, field, py_class


@py_class("demo.Point", eq=True)
class Point(tvm_ffi.Object):
    """A point; its fields live in native memory, typed."""

    x: int
    y: int = 0
    label: str = "p"


@py_class("demo.Path", eq=True)
class Path(tvm_ffi.Object):
    """A path of points, possibly continued by another path."""

    points: list[Point] = field(default_factory=list)
    next: Optional[Path] = None


def tour_py_class() -> None:
    # Built, printed and compared like a dataclass.
    a = Point(1, 2, label="a")
    path = Path([a, Point(3)])
    print("py_class:", path)
    print("Point(1, 2, label='a') == a:", Point(1, 2, label="a") == a)
    try:
        a.x = "one"
    except TypeError as err:  # checked natively, on every write
        print("TypeError:", err)

    # Handed to C++, which reads the fields by name through reflection.
    get_field = tvm_ffi.get_global_func("testing.get_field")
    sum_ints = tvm_ffi.get_global_func("testing.sum_int_fields")
    print("C++ get_field(a, 'label'):", get_field(a, "label"), "sum_int_fields(a):", sum_ints(a))

    # Deep-copied by the native engine, the whole graph in one call.
    twin = copy.deepcopy(path)
    print("deepcopy equal:", twin == path, "shares points:", twin.points[0] is path.points[0])


class Shape(Enum, type_key="demo.Shape"):
    """A Python-defined enum: variants are native singletons."""

    sides: int = 0
    circle = auto()
    triangle: ClassVar[Shape] = entry(sides=3)
    square: ClassVar[Shape] = entry(sides=4)


class Variant(Enum, type_key="testing.TestEnumVariant"):
    """An enum registered in C++ (refl::EnumDef), bound from Python."""

    Alpha: ClassVar[Variant]
    Beta: ClassVar[Variant]


def tour_enum() -> None:
    """Variants, their registry, and attributes shared with C++."""
    print("enum:", list(Shape), "square:", Shape.square.value, Shape.square.sides)
    print("Shape.get('triangle') is Shape.triangle:", Shape.get("triangle") is Shape.triangle)
    print(
        "C++ EnumObj::Get('Beta') is Variant.Beta:",
        tvm_ffi.get_global_func("testing.enum_variant_get")("Beta") is Variant.Beta,
    )
    code = Variant.def_attr("code")  # set in C++ with EnumDef<...>("Alpha").set_attr("code", 10)
    print("code set in C++:", code[Variant.Alpha], code[Variant.Beta])


def main() -> None:
    tour_py_class()
    tour_enum()

    # Containers shared with C++.
    arr = tvm_ffi.Array([1, 2, 3])
    lst = tvm_ffi.List(["a", "b"])
    mp = tvm_ffi.Map({"x": 1, "y": 2})
    print("Array:", arr, "List:", lst, "Map:", mp)
    append = tvm_ffi.get_global_func("testing.list_append")
    append(lst, "c")  # C++ appends; Python sees it
    print("after C++ append:", lst)

    # A C++ function called from Python, with checked argument types.
    add_one = tvm_ffi.get_global_func("testing.add_one")
    print("testing.add_one(41) =", add_one(41))
    try:
        add_one("forty-one")
    except TypeError as err:
        print("TypeError:", err)

    # A Python callback called from C++.
    apply = tvm_ffi.get_global_func("testing.apply")
    print("testing.apply(lambda a, b: a * b, 6, 7) =", apply(lambda a, b: a * b, 6, 7))

    # Errors keep their kind both ways.
    raise_error = tvm_ffi.get_global_func("testing.test_raise_error")
    try:
        raise_error("ValueError", "raised in C++")
    except ValueError as err:
        print("C++ -> Python ValueError:", err)

    def callback() -> None:
        raise KeyError("raised in Python")

    try:
        apply(callback)
    except KeyError as err:
        print("Python -> C++ -> Python KeyError:", err)

    # Identity survives the round trip.
    echo = tvm_ffi.get_global_func("testing.echo")
    print("echo(arr) is arr:", echo(arr) is arr)


if __name__ == "__main__":
    main()
