# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Runs the JSON graph loader fuzz target (json_graph_ops.run_one) under atheris.

    python fuzz/fuzz_json_graph.py [libFuzzer flags] [corpus dirs]

``nox -s fuzz`` runs it for a bounded time on fuzz/corpus_json.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import atheris  # type: ignore[import-untyped]

with atheris.instrument_imports():
    import json_graph_ops

    import tvm_ffi  # noqa: F401


def main() -> None:
    atheris.Setup(sys.argv, json_graph_ops.run_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
