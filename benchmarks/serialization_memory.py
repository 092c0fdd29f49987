# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Peak memory of loading a JSON graph against the memory of what it loads.

    python serialization_memory.py [N]

For a List of N py_class pairs and a List of N ``testing.TestIntPair``
(default N = 1,000,000), a fresh interpreter first writes the graph's text
to a file; a second one reads the text, resets the kernel's peak-RSS mark
(``/proc/self/clear_refs``), loads it, and reports the peak growth over the
RSS before the load beside the growth that stays once the allocator has
returned what the load freed (``malloc_trim``): the loaded objects. The
target is a ratio of at most 2. ``nox -s bench`` runs it.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

_SETUP = r"""
import gc, resource, sys
import tvm_ffi, tvm_ffi.testing
from tvm_ffi.dataclasses import py_class
from tvm_ffi.serialization import from_json_graph_str, to_json_graph_str
@py_class("memory.JsonPair")
class Pair(tvm_ffi.Object):
    a: int
    b: int
case, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
"""

_WRITE = (
    _SETUP
    + r"""
make = Pair if case == "py_class" else tvm_ffi.testing.TestIntPair
with open(path, "w") as f:
    f.write(to_json_graph_str(tvm_ffi.List([make(i, i) for i in range(n)])))
"""
)

_LOAD = (
    _SETUP
    + r"""
def status(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1]) * 1024
with open(path) as f:
    text = f.read()
gc.collect()
before = status("VmRSS:")
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # the peak (VmHWM) starts again from the current RSS
graph = from_json_graph_str(text)
peak = status("VmHWM:")
gc.collect()
import ctypes
ctypes.CDLL("libc.so.6").malloc_trim(0)  # give back what the load freed: count what it keeps
after = status("VmRSS:")
print(peak - before, after - before, len(text))
"""
)


def measure(case: str, n: int) -> tuple[int, int, int]:
    """(peak growth, kept growth, text length) in bytes, for one case."""
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "graph.json")
        subprocess.run([sys.executable, "-c", _WRITE, case, str(n), path], check=True)
        out = subprocess.run(
            [sys.executable, "-c", _LOAD, case, str(n), path],
            check=True,
            capture_output=True,
            text=True,
        )
    peak, kept, size = (int(x) for x in out.stdout.split())
    return peak, kept, size


def main() -> int:
    """Print the peak / kept ratio of each case."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print(f"loading a JSON graph of {n:,} objects: peak RSS growth / RSS the loaded graph keeps")
    for case in ("py_class", "c_class"):
        peak, kept, size = measure(case, n)
        print(
            f"  {case:9s} text {size / 1e6:6.1f} MB  peak +{peak / 1e6:6.1f} MB"
            f"  kept +{kept / 1e6:6.1f} MB  ratio {peak / kept:4.2f} (target <= 2)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
