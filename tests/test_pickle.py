# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""pickle, copy and multiprocessing of every object kind (through the JSON graph)."""

from __future__ import annotations

import copy
import multiprocessing
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import RecursiveEq
from picklable_classes import Node, Point, Shade, moved

import tvm_ffi
import tvm_ffi.testing
from tvm_ffi import KWARGS, MISSING, Array, Dict, List, Map

PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)


def _round_trip(value: Any, protocol: int) -> Any:
    return pickle.loads(pickle.dumps(value, protocol))


def _kinds() -> list[Any]:
    """One object of every picklable kind, nested where a kind holds others."""
    return [
        Array([1, -(2**63), 2**63 - 1, 2.5, float("-inf"), True, None, "text", b"\x00b"]),
        List([List([1]), "é\x00", -0.0]),
        Map({"a": 1, 2: Array([3])}),
        Dict({"k": List([1, 2]), 3.5: None}),
        tvm_ffi.testing.TestIntPair(3, 4),
        Point(1, 2.5, "origin"),
        Dict({"points": List([Point(i, i / 2) for i in range(3)])}),
    ]


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_every_kind_round_trips_equal(protocol: int) -> None:
    for value in _kinds():
        out = _round_trip(value, protocol)
        assert type(out) is type(value)
        assert not out.same_as(value)
        assert RecursiveEq(out, value), (value, out)


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_py_class_fields_come_back(protocol: int) -> None:
    out = _round_trip(Point(7, -0.0, "a\x00b"), protocol)
    assert (out.x, out.label) == (7, "a\x00b")
    assert str(out.y) == "-0.0"
    assert out == Point(7, -0.0, "a\x00b")  # eq=True: the engines compare fields


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_sharing_and_cycles_survive(protocol: int) -> None:
    shared = List([1])
    out = _round_trip(List([shared, shared]), protocol)
    assert out[0].same_as(out[1])
    loop = List([0])
    loop.append(loop)
    out_loop = _round_trip(loop, protocol)
    assert out_loop[1].same_as(out_loop) and out_loop[0] == 0
    loop.pop()  # break the cycle so refcounting frees it
    out_loop.pop()
    a = Node(1)
    b = Node(2, a)
    a.next = b
    out_node = _round_trip(a, protocol)
    assert out_node.next.value == 2 and out_node.next.next.same_as(out_node)
    a.next = out_node.next.next = None


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_singletons_come_back_as_themselves(protocol: int) -> None:
    assert _round_trip(Shade.dark, protocol) is Shade.dark
    assert _round_trip(MISSING, protocol) is MISSING
    assert _round_trip(KWARGS, protocol) is KWARGS
    out = _round_trip(List([Shade.light, Shade.dark, Shade.light]), protocol)
    assert out[0] is Shade.light and out[1] is Shade.dark and out[2] is Shade.light


def test_copy_deepcopy_and_pickle_agree() -> None:
    for value in _kinds():
        through_pickle = _round_trip(value, pickle.HIGHEST_PROTOCOL)
        assert RecursiveEq(copy.deepcopy(value), through_pickle)
        assert RecursiveEq(copy.copy(value), through_pickle)
    assert copy.deepcopy(Shade.light) is Shade.light is _round_trip(Shade.light, 2)


def test_functions_and_opaque_objects_refuse_with_the_path() -> None:
    fn = tvm_ffi.get_global_func("testing.add_one")
    with pytest.raises(TypeError, match=r"ffi\.Function"):
        pickle.dumps(fn)
    with pytest.raises(TypeError, match=r"root\[1\]"):
        pickle.dumps(List([1, fn]))
    with pytest.raises(TypeError, match=r"root\.items\[0\]"):
        pickle.dumps(Node(1, None, [object()]))


def _tests_dir_env() -> dict[str, str]:
    env = dict(os.environ)
    here = str(Path(__file__).resolve().parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (here, env.get("PYTHONPATH")) if p)
    return env


def test_a_fresh_process_imports_the_classes_it_needs() -> None:
    # The child imports neither picklable_classes nor tvm_ffi.testing itself:
    # pickle does, from the classes named in the pickled form.
    payload = pickle.dumps(
        List([Point(5, 1.5, "far"), tvm_ffi.testing.TestIntPair(8, 9), Shade.dark])
    )
    child = (
        "import pickle, sys\n"
        "lst = pickle.loads(sys.stdin.buffer.read())\n"
        "p, pair, shade = lst\n"
        "print(type(p).__module__, p.x, p.y, p.label, pair.a, pair.b, shade.name,\n"
        "      shade is type(shade).dark)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", child],
        input=payload,
        capture_output=True,
        env=_tests_dir_env(),
        cwd="/",
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().split() == [
        "picklable_classes",
        "5",
        "1.5",
        "far",
        "8",
        "9",
        "dark",
        "True",
    ]


def test_a_multiprocessing_pool_takes_and_returns_py_class_objects() -> None:
    context = multiprocessing.get_context("spawn")  # a fresh interpreter per worker
    with context.Pool(2) as pool:
        results = pool.starmap(moved, [(Point(i, 0.5, "q"), 10) for i in range(4)])
    assert results == [Point(i + 10, 0.5, "q'") for i in range(4)]
