# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Bytes per object by RSS growth: a million two-int objects, each case in
a fresh interpreter (``python memory.py``; ``nox -s bench`` runs it).

Cases: a slots dataclass; a py_class with its Python objects alive (in a
list); the same held only by a native ``List`` (wrappers gone); a c_class
``TestIntPair`` with wrappers alive. The layout line says where the bytes of
one py_class object go.
"""

from __future__ import annotations

import subprocess
import sys

N = 1_000_000

_CASE = r"""
import dataclasses, gc, resource, sys
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()
import tvm_ffi, tvm_ffi.testing
from tvm_ffi.dataclasses import py_class
@py_class("memory.Pair")
class Pair(tvm_ffi.Object):
    a: int
    b: int
@dataclasses.dataclass(slots=True)
class Slots:
    a: int
    b: int
case, n = sys.argv[1], int(sys.argv[2])
warm = [Pair(i, i) for i in range(1000)] + [Slots(i, i) for i in range(1000)]
gc.collect(); before = rss()
if case == "dataclass":
    keep = [Slots(i, i) for i in range(n)]
elif case == "py_class":
    keep = [Pair(i, i) for i in range(n)]
elif case == "py_class_native_list":
    keep = tvm_ffi.List([Pair(i, i) for i in range(n)])
elif case == "c_class":
    keep = [tvm_ffi.testing.TestIntPair(i, i) for i in range(n)]
gc.collect()
print((rss() - before) / n)
"""


def measure(case: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", _CASE, case, str(N)], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip())


def main() -> int:
    """Print bytes per object for each case."""
    import tvm_ffi
    from tvm_ffi import core

    print(f"bytes per two-int object (RSS growth over {N:,} objects, a list of them included):")
    for case in ("dataclass", "py_class", "py_class_native_list", "c_class"):
        try:
            print(f"  {case:24s} {measure(case):7.1f}")
        except subprocess.CalledProcessError as exc:
            print(f"  {case:24s}     n/a ({exc.stderr.strip().splitlines()[-1]})")
    if hasattr(core, "_dynamic_type_create"):
        wrapper = tvm_ffi.Object.__basicsize__
        print(
            f"  one py_class Pair: native 24-byte header + 2 x 8 = 40 bytes (malloc: 48); "
            f"Python wrapper {wrapper} bytes (slots classes are not GC-tracked, so no "
            f"16-byte GC header); list slot 8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
