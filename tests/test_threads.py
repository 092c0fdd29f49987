# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Calls, callbacks and registry use from several Python threads at once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import tvm_ffi
from tvm_ffi import Dict, List
from tvm_ffi.testing import add_one, apply, echo

N_THREADS = 8


def _run_in_threads(work: Callable[[int], Any], n: int = N_THREADS) -> list[Any]:
    barrier = threading.Barrier(n)

    def start(i: int) -> Any:
        barrier.wait()
        return work(i)

    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(start, range(n)))


def test_apply_with_python_callback_from_threads() -> None:
    def work(tid: int) -> int:
        total = 0
        for i in range(300):
            total += apply(lambda a, b: a * b + tid, i, 2)
        return total

    results = _run_in_threads(work)
    for tid, total in enumerate(results):
        assert total == sum(i * 2 + tid for i in range(300))


def test_nested_callbacks_from_threads() -> None:
    def work(tid: int) -> list[int]:
        out = []
        for i in range(100):
            out.append(apply(lambda x: apply(lambda y: apply(add_one, y), x), tid * 1000 + i))
        return out

    results = _run_in_threads(work)
    for tid, out in enumerate(results):
        assert out == [tid * 1000 + i + 1 for i in range(100)]


def test_errors_stay_with_their_thread() -> None:
    def work(tid: int) -> bool:
        for i in range(200):
            exc = ValueError(f"thread {tid} call {i}")

            def cb(e: BaseException = exc) -> None:
                raise e

            try:
                apply(cb)
            except ValueError as caught:
                if caught is not exc:
                    return False
            else:
                return False
            try:
                tvm_ffi.testing.test_raise_error("KeyError", f"{tid}-{i}")
            except KeyError as caught2:
                if caught2.args[0] != f"{tid}-{i}":
                    return False
        return True

    assert all(_run_in_threads(work))


def test_callbacks_run_on_the_calling_thread() -> None:
    def work(tid: int) -> bool:
        me = threading.get_ident()
        return all(apply(threading.get_ident) == me for _ in range(50))

    assert all(_run_in_threads(work))


def test_register_and_get_global_funcs_from_threads(unique_name: Callable[[str], str]) -> None:
    names = [[unique_name(f"thread{t}") for _ in range(20)] for t in range(N_THREADS)]

    def work(tid: int) -> bool:
        for k, name in enumerate(names[tid]):
            tvm_ffi.register_global_func(name, lambda x, k=k, tid=tid: (tid, k, x))
        for k, name in enumerate(names[tid]):
            f = tvm_ffi.get_global_func(name)
            if list(f("x")) != [tid, k, "x"]:
                return False
            if list(apply(f, 1)) != [tid, k, 1]:
                return False
        for name in names[tid][::2]:
            tvm_ffi.remove_global_func(name)
        return True

    assert all(_run_in_threads(work))
    all_names = set(tvm_ffi.list_global_func_names())
    for per_thread in names:
        for k, name in enumerate(per_thread):
            assert (name in all_names) == (k % 2 == 1)


def test_override_same_name_from_threads(unique_name: Callable[[str], str]) -> None:
    name = unique_name("contended")
    tvm_ffi.register_global_func(name, lambda: -1)

    def work(tid: int) -> bool:
        for _ in range(50):
            tvm_ffi.register_global_func(name, lambda tid=tid: tid, override=True)
            v = tvm_ffi.get_global_func(name)()
            if not (0 <= v < N_THREADS):
                return False
        return True

    assert all(_run_in_threads(work))
    assert 0 <= tvm_ffi.get_global_func(name)() < N_THREADS


def test_shared_list_and_dict_from_threads() -> None:
    lst: List[int] = List()
    d: Dict[str, int] = Dict()
    list_append = tvm_ffi.get_global_func("testing.list_append")
    dict_set = tvm_ffi.get_global_func("testing.dict_set")

    def work(tid: int) -> None:
        for i in range(200):
            if i % 2:
                lst.append(tid)
                d[f"{tid}-{i}"] = i
            else:
                list_append(lst, tid)
                dict_set(d, f"{tid}-{i}", i)
            echo(lst)

    _run_in_threads(work)
    assert len(lst) == N_THREADS * 200
    assert sorted(lst) == sorted(t for t in range(N_THREADS) for _ in range(200))
    assert len(d) == N_THREADS * 200
    assert d["3-7"] == 7
