# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Runs the conversion and container fuzz target (convert_ops.run_one) under atheris.

    python fuzz/fuzz_convert.py [libFuzzer flags] [corpus dirs]

``nox -s fuzz`` runs it for a bounded time on the committed seed corpus.
tvm_ffi is imported inside ``atheris.instrument_imports()`` so Python-level
coverage of the package (not only of the target) guides the mutation.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import atheris  # type: ignore[import-untyped]

with atheris.instrument_imports():
    import convert_ops

    import tvm_ffi
    import tvm_ffi.testing  # noqa: F401


def main() -> None:
    atheris.Setup(sys.argv, convert_ops.run_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
