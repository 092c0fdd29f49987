# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""A tour of what works: containers, calls both ways, errors both ways."""

from __future__ import annotations

import tvm_ffi
import tvm_ffi.testing  # loads the C++ fixtures registered under "testing."


def main() -> None:
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
