# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Eight threads mixing every kind of operation on shared state: no crash, lost update, deadlock."""

from __future__ import annotations

import copy
import itertools
import threading
import time
from collections.abc import Callable
from typing import Any, Optional

import pytest
from conftest import DeepCopy, RecursiveEq, RecursiveHash, ReprPrint

import tvm_ffi
from tvm_ffi import Dict, List, Object, testing
from tvm_ffi.dataclasses import py_class
from tvm_ffi.testing import apply

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "threads define py_class types, which the registry keeps"

N_THREADS = 8
#: How long the threads run together (a budget for the loop, not an assertion).
BUDGET_SECONDS = 2.0
#: How long joining may take before the run counts as a deadlock.
JOIN_TIMEOUT_SECONDS = 120.0

list_append = tvm_ffi.get_global_func("testing.list_append")
dict_set = tvm_ffi.get_global_func("testing.dict_set")
_keys = itertools.count()


@py_class
class SharedNode(Object):
    """A mutable node the threads point at each other's data through."""

    value: Any = None
    next: Optional[Object] = None


class Shared:
    """The state every thread mutates, and the records that let the test
    check afterwards that no update was lost."""

    def __init__(self) -> None:
        self.log: List[Any] = List()
        self.table: Dict[Any, Any] = Dict()
        self.node = SharedNode(List())
        self.node.next = self.node  # a cycle the engines walk while it changes
        self.lock = threading.Lock()
        self.callback_count = [0] * N_THREADS
        self.table_expected: list[dict[str, int]] = [{} for _ in range(N_THREADS)]
        self.appended = [0] * N_THREADS
        self.ops: list[dict[str, int]] = [{} for _ in range(N_THREADS)]


class MarkerError(Exception):
    """Raised by callbacks so the test can check the very object comes back."""


def op_append(s: Shared, tid: int, step: int) -> None:
    seq = s.appended[tid]
    item = List([tid, seq])
    if step % 2:
        s.log.append(item)
    else:
        list_append(s.log, item)
    s.appended[tid] = seq + 1


def op_table(s: Shared, tid: int, step: int) -> None:
    key = f"{tid}-{step % 17}"
    mine = s.table_expected[tid]
    if step % 5 == 0 and key in mine:
        del s.table[key]
        del mine[key]
    elif step % 2:
        s.table[key] = step
        mine[key] = step
    else:
        dict_set(s.table, key, step)
        mine[key] = step


def op_callback(s: Shared, tid: int, step: int) -> None:
    def bump(k: int) -> int:
        # Each thread has its own slot; the lock makes the read-modify-write
        # atomic even if the interpreter switches threads in between.
        with s.lock:
            s.callback_count[tid] += k
        return k

    got = apply(apply, bump, 1)  # C++ calls C++ calls Python
    assert got == 1


def op_errors(s: Shared, tid: int, step: int) -> None:
    marker = MarkerError(f"{tid}:{step}")

    def boom() -> None:
        raise marker

    with pytest.raises(MarkerError) as caught:
        apply(boom)
    assert caught.value is marker
    kind = ("ValueError", "KeyError", "TypeError", "IndexError")[step % 4]
    with pytest.raises((ValueError, KeyError, TypeError, IndexError)) as caught2:
        testing.test_raise_error(kind, f"{tid}/{step}")
    assert type(caught2.value).__name__ == kind
    assert f"{tid}/{step}" in str(caught2.value)


def op_global_func(s: Shared, tid: int, step: int) -> None:
    name = f"pytest.thread_stress.{tid}.{step}"
    tvm_ffi.register_global_func(name, lambda x: (tid, x))
    f = tvm_ffi.get_global_func(name)
    assert list(f(step)) == [tid, step]
    assert list(apply(f, "x")) == [tid, "x"]
    tvm_ffi.remove_global_func(name)
    assert tvm_ffi.get_global_func(name, allow_missing=True) is None


#: How many classes each thread defines; later calls reuse them (every
#: class stays registered for the rest of the process).
CLASSES_PER_THREAD = 16
_classes: list[list[type]] = [[] for _ in range(N_THREADS)]


def op_py_class(s: Shared, tid: int, step: int) -> None:
    mine = _classes[tid]
    if len(mine) < CLASSES_PER_THREAD:

        @py_class(f"pytest.thread_stress.T{next(_keys)}", eq=True)
        class Local(Object):
            a: int
            b: Any = None

        mine.append(Local)
    cls = mine[step % len(mine)]
    obj = cls(step, s.node)
    assert obj.a == step and obj.b is s.node
    assert obj == cls(step, s.node)
    # Put it where the engines of other threads will meet it.
    s.node.value.append(obj)


def op_engines(s: Shared, tid: int, step: int) -> None:
    target = (s.log, s.table, s.node)[step % 3]
    text = repr(target)
    assert isinstance(text, str) and isinstance(ReprPrint(target), str)
    assert RecursiveEq(target, target)
    RecursiveHash(target)
    copied = DeepCopy(target) if step % 2 else copy.deepcopy(target)
    assert type(copied) is type(target)
    if target is s.log:
        # A snapshot of an append-only list keeps each thread's order.
        seen: dict[int, int] = {}
        for entry in copied:
            t, seq = entry[0], entry[1]
            assert seq == seen.get(t, -1) + 1
            seen[t] = seq


OPERATIONS: tuple[Callable[[Shared, int, int], None], ...] = (
    op_append,
    op_table,
    op_callback,
    op_errors,
    op_global_func,
    op_py_class,
    op_engines,
)


def test_mixed_operations_from_eight_threads() -> None:
    s = Shared()
    errors: list[BaseException] = []
    barrier = threading.Barrier(N_THREADS)
    deadline: list[float] = []

    def work(tid: int) -> None:
        try:
            if barrier.wait() == 0:
                deadline.append(time.monotonic() + BUDGET_SECONDS)
            barrier.wait()
            step = 0
            while time.monotonic() < deadline[0]:
                # Each thread walks the operations in its own order, so
                # different kinds of operation overlap.
                op = OPERATIONS[(step + tid) % len(OPERATIONS)]
                op(s, tid, step)
                s.ops[tid][op.__name__] = s.ops[tid].get(op.__name__, 0) + 1
                step += 1
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,), daemon=True) for t in range(N_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(JOIN_TIMEOUT_SECONDS)
    stuck = [t.name for t in threads if t.is_alive()]
    assert not stuck, f"threads still running (deadlock?): {stuck}"
    assert not errors, errors[0]

    # Every operation ran on every thread.
    for per_thread in s.ops:
        assert set(per_thread) == {op.__name__ for op in OPERATIONS}
    # No lost append, and each thread's appends in the order it made them.
    per_thread_seqs: dict[int, list[int]] = {t: [] for t in range(N_THREADS)}
    for entry in s.log:
        per_thread_seqs[entry[0]].append(entry[1])
    for t in range(N_THREADS):
        assert per_thread_seqs[t] == list(range(s.appended[t]))
    # The table holds exactly what each thread last wrote and did not delete.
    expected = {k: v for mine in s.table_expected for k, v in mine.items()}
    assert dict(s.table.items()) == expected
    # Callback counters add up to the number of callback operations.
    for t in range(N_THREADS):
        assert s.callback_count[t] == s.ops[t]["op_callback"]
    # Every py_class object made is in the shared node's list.
    assert len(s.node.value) == sum(per_thread["op_py_class"] for per_thread in s.ops)
    # No function registered by the threads is left behind.
    names = tvm_ffi.list_global_func_names()
    assert not [n for n in names if n.startswith("pytest.thread_stress.")]
    s.node.next = None
    s.node.value.clear()
