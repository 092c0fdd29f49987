# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The typed claims that are run-time claims too.

The clean programs of ``typecheck/`` (what mypy and pyright accept, with
``assert_type``) are run, each in a fresh interpreter: the subscripted
containers, field annotations, constructors and lookups they state types
for must work as written. ``run_checks.py`` runs the checkers themselves.
"""

from __future__ import annotations

import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest

import tvm_ffi
from tvm_ffi import Array, Dict, List, Map
from tvm_ffi.dataclasses import EnumAttrMap

PROGRAMS = sorted((Path(__file__).parent / "typecheck").glob("pass_*.py"))


@pytest.mark.parametrize("program", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_clean_program_runs(program: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(program)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=program.parent,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]


@pytest.mark.parametrize(
    ("alias", "origin", "args"),
    [
        (List[int], List, (int,)),
        (Array[str], Array, (str,)),
        (Map[str, float], Map, (str, float)),
        (Dict[str, List[int]], Dict, (str, List[int])),
        (EnumAttrMap[Any, int], EnumAttrMap, (Any, int)),
    ],
)
def test_generic_classes_subscript_at_run_time(
    alias: Any, origin: type, args: tuple[Any, ...]
) -> None:
    assert typing.get_origin(alias) is origin
    assert typing.get_args(alias) == args


def test_subscripted_container_constructs_its_class() -> None:
    made = tvm_ffi.List[int]([1, 2])
    assert type(made) is List and list(made) == [1, 2]


def test_map_get_keeps_the_keyword_default() -> None:
    # The typed overloads are positional (as Mapping's); the method is not.
    m = Map({"a": 1})
    assert m.get("b", default=5) == 5 and m.get("a") == 1 and m.get("b") is None
