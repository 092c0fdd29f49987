# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Rewrites reference/*.json: the cases of cases.py as apache-tvm-ffi writes them.

Run with an interpreter that has apache-tvm-ffi installed (the bench
session's reference venv), from a folder that is not a checkout of this
package:

    cd /tmp && /path/to/reference/bin/python /path/to/tests/serialization_fixtures/regenerate.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from cases import CASES, NAN_CASE  # noqa: E402

import tvm_ffi  # noqa: E402
from tvm_ffi.serialization import to_json_graph_str  # noqa: E402


def main() -> None:
    """Write one file per case, with the package's version as metadata."""
    out = HERE / "reference"
    out.mkdir(exist_ok=True)
    meta = {"writer": "apache-tvm-ffi", "version": tvm_ffi.__version__}
    values = {name: build() for name, build in CASES.items()}
    values[NAN_CASE] = float("nan")
    for name, value in values.items():
        (out / f"{name}.json").write_text(to_json_graph_str(value, meta) + "\n")
    print(f"wrote {len(values)} files to {out}")


if __name__ == "__main__":
    main()
