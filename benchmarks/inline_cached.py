# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The cost of a cached ``tvm_ffi.cpp.load_inline`` call (target: under 50 ms),
and of calling a plugin's function against a built-in one (target: the same).

Builds one small module into a scratch cache, then times ``load_inline``
with the same input in fresh interpreters (the import of tvm_ffi is not
counted: only the call, which hashes the input, finds the library and
loads it), and again within one process. ``nox -s bench`` runs it; the
reference package is not compared (its inline builds need ninja).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import timeit

SOURCE = "int64_t add_one(int64_t x) { return x + 1; }"

_CALL = r"""
import sys, time
import tvm_ffi.cpp as cpp
start = time.perf_counter()
mod = cpp.load_inline("bench_inline", cpp_sources=sys.argv[1], functions="add_one",
                      build_directory=sys.argv[2])
took = time.perf_counter() - start
assert mod.add_one(1) == 2
print(took)
"""


def main() -> int:
    """Print the cached-call times, in milliseconds."""
    import tvm_ffi.cpp as cpp

    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        cpp.load_inline(
            "bench_inline", cpp_sources=SOURCE, functions="add_one", build_directory=cache
        )
        first = time.perf_counter() - start
        fresh = [
            float(
                subprocess.run(
                    [sys.executable, "-c", _CALL, SOURCE, cache],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            for _ in range(5)
        ]
        start = time.perf_counter()
        for _ in range(20):
            cpp.load_inline(
                "bench_inline", cpp_sources=SOURCE, functions="add_one", build_directory=cache
            )
        same = (time.perf_counter() - start) / 20
        plugin_ns, builtin_ns = _call_costs(
            cpp.load_inline(
                "bench_inline", cpp_sources=SOURCE, functions="add_one", build_directory=cache
            )
        )
    print(
        "load_inline (ms): "
        f"first build {first * 1e3:.0f}; cached, new process {min(fresh) * 1e3:.1f} "
        f"(best of 5, target < 50); cached, same process {same * 1e3:.2f}"
    )
    print(
        f"call add_one(1) (ns): plugin {plugin_ns:.1f}, built-in testing.add_one "
        f"{builtin_ns:.1f}: {plugin_ns / builtin_ns:.2f}x (target 1x)"
    )
    return 0


def _call_costs(mod: object) -> tuple[float, float]:
    """Best-of-7 ns per call of the plugin's and the built-in add_one, interleaved."""
    import tvm_ffi
    import tvm_ffi.testing

    calls = {
        "plugin": getattr(mod, "add_one"),
        "builtin": tvm_ffi.get_global_func("testing.add_one"),
    }
    best = {name: float("inf") for name in calls}
    for _ in range(7):
        for name, fn in calls.items():
            seconds = timeit.timeit("f(1)", globals={"f": fn}, number=200_000)
            best[name] = min(best[name], seconds / 200_000 * 1e9)
    return best["plugin"], best["builtin"]


if __name__ == "__main__":
    sys.exit(main())
