# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Checks that apache-tvm-ffi loads the JSON graphs this package writes.

    python serialization_interchange.py write DIR        # with tvm-ffi-nb
    /ref/bin/python serialization_interchange.py check DIR   # with apache-tvm-ffi

`write` saves each case of tests/serialization_fixtures/cases.py as this
package writes it; `check` loads every file with the package installed in
its interpreter and compares it (``ffi.RecursiveEq``) with the same case
built there, exiting non-zero on any difference. `nox -s bench` runs both.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "serialization_fixtures"))

from cases import CASES, NAN_CASE, point_class

import tvm_ffi
from tvm_ffi.serialization import from_json_graph_str, to_json_graph_str

# Cases the reference cannot read whoever wrote them, with the reason.
REFERENCE_CANNOT_READ = {
    "float_tiny": "its JSON parser refuses subnormal floats, even those it writes itself",
}


def write(out: Path) -> None:
    """Write every case (and NaN) into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    values = {name: build() for name, build in CASES.items()}
    values[NAN_CASE] = float("nan")
    for name, value in values.items():
        (out / f"{name}.json").write_text(to_json_graph_str(value, {"writer": "tvm-ffi-nb"}))
    print(f"wrote {len(values)} graphs to {out}")


def check(folder: Path) -> int:
    """Load every file in `folder`; the number of cases that do not match."""
    point_class()
    eq = tvm_ffi.get_global_func("ffi.RecursiveEq")
    failures = 0
    for path in sorted(folder.glob("*.json")):
        name = path.stem
        if name in REFERENCE_CANNOT_READ and tvm_ffi.__version__ != "0.1.0":
            print(f"skip {name}: {REFERENCE_CANNOT_READ[name]}")
            continue
        try:
            loaded = from_json_graph_str(path.read_text())
            ok = math.isnan(loaded) if name == NAN_CASE else bool(eq(loaded, CASES[name]()))
        except Exception as exc:  # noqa: BLE001 - report every case, then fail
            ok = False
            print(f"  {name}: {type(exc).__name__}: {exc}")
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    print(f"{tvm_ffi.__name__} {tvm_ffi.__version__}: {failures} of {len(CASES) + 1} differ")
    return failures


def main() -> None:
    """Dispatch on the mode argument."""
    if len(sys.argv) != 3 or sys.argv[1] not in ("write", "check"):
        sys.exit(__doc__)
    folder = Path(sys.argv[2])
    if sys.argv[1] == "write":
        write(folder)
    else:
        sys.exit(1 if check(folder) else 0)


if __name__ == "__main__":
    main()
