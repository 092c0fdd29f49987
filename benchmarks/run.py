# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Micro-benchmarks of ``tvm_ffi``, runnable unchanged against this package
(``tvm-ffi-nb``) and the reference package (``apache-tvm-ffi``).

    python run.py [--json OUT] [-k SUBSTRING ...] [--repeat N] [--min-time S] [--list]

Every case is timed with :mod:`timeit`: the loop count is calibrated (like
``Timer.autorange``) until one repeat takes at least ``--min-time`` seconds,
then the best (minimum) of ``--repeat`` repeats is reported in ns/op. The
raw figure includes ``timeit``'s own loop overhead (about 5-10 ns; see the
``overhead.loop`` case).

Cases whose names start with ``py.`` are plain-Python baselines measured in
the same run (DESIGN.md section 6); the others use the ``tvm_ffi`` package
that is installed. A case that fails on the installed package (a missing
API, a different behaviour) is reported as ``n/a`` and stored as ``null``.

Adding a case: write a function that takes the loaded :class:`Env` and
returns a :class:`Bench`, decorated with ``@case("group.name")`` (and, for a
case with a Python equivalent, ``baseline="py.group.name"``)::

    @case("array.getitem", baseline="py.tuple.getitem")
    def _array_getitem(env: Env) -> Bench:
        return Bench("arr[5]", {"arr": env.ffi.Array(range(10))})

Only names that exist in both packages may be used: ``tvm_ffi`` is typed as
a plain module here so the script does not depend on either package's
annotations.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import importlib
import json
import platform
import sys
import time
import timeit
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar, cast

#: The distribution names recorded in the JSON output.
OURS = "tvm-ffi-nb"
REFERENCE = "apache-tvm-ffi"

#: The name through which a case's namespace reaches the timed code.
_NS = "_bench_ns"

_T = TypeVar("_T")


@dataclasses.dataclass(frozen=True)
class Env:
    """What a case may use: the imported ``tvm_ffi`` package and its name."""

    ffi: ModuleType
    package: str

    def func(self, name: str) -> Callable[..., object]:
        """A global function by name (``tvm_ffi.get_global_func``)."""
        fn: Callable[..., object] = self.ffi.get_global_func(name)
        return fn


@dataclasses.dataclass(frozen=True)
class Bench:
    """One timed statement.

    ``stmt`` is either ``timeit`` source text or a zero-argument callable.
    Each entry of ``namespace`` is bound to a local variable of the same name
    before the timing loop (so source text such as ``"nop()"`` loads it with
    one fast local lookup); ``setup`` is extra ``timeit`` setup source.
    ``repeat``, when set, caps the number of repeats for a slow case (one
    that takes seconds on one of the packages).
    """

    stmt: str | Callable[[], object]
    namespace: Mapping[str, object] = dataclasses.field(default_factory=dict)
    setup: str = ""
    repeat: int | None = None


CaseFn = Callable[[Env], Bench]


@dataclasses.dataclass(frozen=True)
class Case:
    """A registered benchmark case."""

    name: str
    fn: CaseFn
    baseline: str | None = None

    @property
    def is_baseline(self) -> bool:
        """Whether this is a plain-Python baseline (``py.*`` or ``overhead.*``)."""
        return self.name.startswith(("py.", "overhead."))


#: Every case, in registration (= report) order.
CASES: dict[str, Case] = {}


def case(name: str, *, baseline: str | None = None) -> Callable[[CaseFn], CaseFn]:
    """Register ``fn`` as the case ``name``; ``baseline`` names its Python twin."""

    def register(fn: CaseFn) -> CaseFn:
        if name in CASES:
            raise ValueError(f"duplicate benchmark case {name!r}")
        CASES[name] = Case(name, fn, baseline)
        return fn

    return register


# --------------------------------------------------------------------------
# Shared inputs
# --------------------------------------------------------------------------

RANGE_LIST: list[int] = list(range(1000))
TEN_INTS: list[int] = list(range(10))
STR_INT_DICT: dict[str, int] = {f"key{i}": i for i in range(10)}


def _py_nop() -> None:
    """A no-op Python function: the baseline of a no-op native call."""


def _py_echo(x: object) -> object:
    """An identity Python function: the baseline of ``testing.echo``."""
    return x


def _py_apply(f: Callable[[int], object], x: int) -> object:
    """``f(x)`` in Python: the baseline of ``testing.apply``."""
    return f(x)


# --------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------


@case("overhead.loop")
def _overhead_loop(env: Env) -> Bench:
    """The timing loop alone: what every other figure includes."""
    return Bench("pass")


@case("call.nop", baseline="py.call.nop")
def _call_nop(env: Env) -> Bench:
    """A no-op native function call with no arguments."""
    return Bench("nop()", {"nop": env.func("testing.nop")})


@case("py.call.nop")
def _py_call_nop(env: Env) -> Bench:
    """A no-op Python function call."""
    return Bench("nop()", {"nop": _py_nop})


@case("call.echo.int", baseline="py.call.echo.int")
def _call_echo_int(env: Env) -> Bench:
    """``testing.echo(1)``: an int through and back."""
    return Bench("echo(1)", {"echo": env.func("testing.echo")})


@case("py.call.echo.int")
def _py_call_echo_int(env: Env) -> Bench:
    """An identity Python function called with an int."""
    return Bench("echo(1)", {"echo": _py_echo})


@case("call.echo.str")
def _call_echo_str(env: Env) -> Bench:
    """``testing.echo("hello")``: a short str through and back."""
    return Bench("echo(s)", {"echo": env.func("testing.echo"), "s": "hello"})


@case("call.echo.object")
def _call_echo_object(env: Env) -> Bench:
    """``testing.echo(arr)``: an existing object (an Array) through and back."""
    return Bench("echo(arr)", {"echo": env.func("testing.echo"), "arr": env.ffi.Array([1, 2, 3])})


@case("callback.apply", baseline="py.callback.apply")
def _callback_apply(env: Env) -> Bench:
    """``testing.apply(f, 1)``: C++ calls back into a trivial Python lambda."""
    return Bench("apply(f, 1)", {"apply": env.func("testing.apply"), "f": lambda x: x})


@case("py.callback.apply")
def _py_callback_apply(env: Env) -> Bench:
    """A Python function calling a trivial Python lambda."""
    return Bench("apply(f, 1)", {"apply": _py_apply, "f": lambda x: x})


@case("list.from_range_1000", baseline="py.list.from_range_1000")
def _list_from_range(env: Env) -> Bench:
    """``tvm_ffi.List(xs)`` from a Python list of 1,000 ints."""
    return Bench("List(xs)", {"List": env.ffi.List, "xs": RANGE_LIST})


@case("py.list.from_range_1000")
def _py_list_from_range(env: Env) -> Bench:
    """``list(xs)`` from a Python list of 1,000 ints."""
    return Bench("list(xs)", {"xs": RANGE_LIST})


@case("array.from_10_ints", baseline="py.tuple.from_10_ints")
def _array_from_ints(env: Env) -> Bench:
    """``tvm_ffi.Array(xs)`` from a Python list of 10 ints."""
    return Bench("Array(xs)", {"Array": env.ffi.Array, "xs": TEN_INTS})


@case("py.tuple.from_10_ints")
def _py_tuple_from_ints(env: Env) -> Bench:
    """``tuple(xs)`` from a Python list of 10 ints."""
    return Bench("tuple(xs)", {"xs": TEN_INTS})


@case("map.from_dict_10", baseline="py.dict.from_dict_10")
def _map_from_dict(env: Env) -> Bench:
    """``tvm_ffi.Map(d)`` from a 10-item str -> int dict."""
    return Bench("Map(d)", {"Map": env.ffi.Map, "d": STR_INT_DICT})


@case("py.dict.from_dict_10")
def _py_dict_from_dict(env: Env) -> Bench:
    """``dict(d)`` from a 10-item str -> int dict."""
    return Bench("dict(d)", {"d": STR_INT_DICT})


@case("list.getitem", baseline="py.list.getitem")
def _list_getitem(env: Env) -> Bench:
    """``lst[5]`` on a ``tvm_ffi.List`` of 1,000 ints."""
    return Bench("lst[5]", {"lst": env.ffi.List(RANGE_LIST)})


@case("py.list.getitem")
def _py_list_getitem(env: Env) -> Bench:
    """``lst[5]`` on a Python list of 1,000 ints."""
    return Bench("lst[5]", {"lst": list(RANGE_LIST)})


# --------------------------------------------------------------------------
# Reflected classes (c_class) beside a slots dataclass
# --------------------------------------------------------------------------

#: Objects in the big engine cases, and nodes in the linked list.
GRAPH_SIZE = 100_000
CHAIN_LENGTH = 10_000

#: Repeats of the big engine cases (each call takes up to seconds on the reference).
GRAPH_REPEAT = 3
CHAIN_REPEAT = 2

#: Fixtures built once per process, shared by the cases that use them.
_MEMO: dict[str, object] = {}


def _memo(key: str, make: Callable[[], _T]) -> _T:
    """``make()``, computed once per process under ``key``."""
    if key not in _MEMO:
        _MEMO[key] = make()
    return cast(_T, _MEMO[key])


def _testing(env: Env) -> ModuleType:
    """The package's ``tvm_ffi.testing`` module (loaded by :func:`load_env`)."""
    return importlib.import_module(f"{env.ffi.__name__}.testing")


def _bind_class(env: Env, type_key: str, fields: Mapping[str, type], **options: bool) -> type:
    """A fresh Python class bound to the registered C++ type ``type_key``.

    Tries ``tvm_ffi.register_object(type_key)`` (when no ``options`` are
    asked for), then ``tvm_ffi.dataclasses.c_class(type_key, **options)``
    on a class annotated with ``fields``, each on a class of its own; raises
    ``RuntimeError`` listing why each failed. Binding is done once per
    process and key: it makes the new class the one the type's objects come
    back as.
    """

    def bind() -> type:
        name = "Bench" + type_key.rpartition(".")[2]
        attempts: list[tuple[str, Callable[[type], object]]] = []
        if not options:
            attempts.append(("register_object", env.ffi.register_object(type_key)))
        c_class = importlib.import_module(f"{env.ffi.__name__}.dataclasses").c_class
        attempts.append(("dataclasses.c_class", c_class(type_key, **options)))
        errors: list[str] = []
        for how, decorator in attempts:
            ns: dict[str, object] = {
                "__module__": __name__,
                "__qualname__": name,
                "__annotations__": dict(fields),
            }
            try:
                bound = decorator(type(name, (env.ffi.Object,), ns))
            except Exception as exc:  # noqa: BLE001 - try the next way of binding
                errors.append(f"{how}: {type(exc).__name__}: {exc}")
                continue
            if isinstance(bound, type):
                return bound
            errors.append(f"{how}: returned {bound!r}, not a class")
        raise RuntimeError(f"cannot bind {type_key}: " + "; ".join(errors))

    key = f"bind:{type_key}:{sorted(options.items())}"
    return _memo(key, bind)


def _fixture_class(env: Env, type_key: str, fields: Mapping[str, type]) -> type:
    """The Python class of ``testing.X``: ``tvm_ffi.testing.X`` when the package
    exposes it, else one bound here (see :func:`_bind_class`)."""
    found = getattr(_testing(env), type_key.rpartition(".")[2], None)
    if isinstance(found, type):
        return found
    return _bind_class(env, type_key, fields)


def _int_pair(env: Env) -> type:
    """``testing.TestIntPair``: ``(a, b)``, read-only ``a``, ``b``, method ``sum``."""
    return _fixture_class(env, "testing.TestIntPair", {"a": int, "b": int})


def _object_base(env: Env) -> type:
    """``testing.TestObjectBase``: rw ``v_i64``, ro ``v_f64``, rw ``v_str``."""
    return _fixture_class(
        env, "testing.TestObjectBase", {"v_i64": int, "v_f64": float, "v_str": str}
    )


def _hashable_int_pair(env: Env) -> type:
    """``testing.TestIntPair`` with structural ``==`` and ``hash``.

    The exposed class when it already compares by value (ours binds it with
    ``c_class(eq=True, unsafe_hash=True)``), else a class bound here with
    ``c_class(..., eq=True, unsafe_hash=True)``.
    """
    cls = _int_pair(env)
    try:
        x, y = cls(1, 2), cls(1, 2)
        if x == y and hash(x) == hash(y):
            return cls
    except TypeError:  # not hashable
        pass
    cls = _bind_class(env, "testing.TestIntPair", {"a": int, "b": int}, eq=True, unsafe_hash=True)
    x, y = cls(1, 2), cls(1, 2)
    if not (x == y and hash(x) == hash(y)):
        raise RuntimeError("c_class(eq=True, unsafe_hash=True) did not give value equality")
    return cls


@dataclasses.dataclass(slots=True)
class _SlotsPair:
    """The Python baseline of a reflected class: a slots dataclass with two ints."""

    a: int
    b: int

    def sum(self) -> int:
        """``a + b``, the twin of ``TestIntPair.sum``."""
        return self.a + self.b


@dataclasses.dataclass(frozen=True)
class _FrozenPair:
    """The Python baseline of repr / == / hash: a frozen dataclass with two ints."""

    a: int
    b: int


@case("c_class.construct", baseline="py.dataclass.construct")
def _c_class_construct(env: Env) -> Bench:
    """``TestIntPair(1, 2)``: construct a reflected object from two ints."""
    return Bench("Pair(1, 2)", {"Pair": _int_pair(env)})


@case("py.dataclass.construct")
def _py_dataclass_construct(env: Env) -> Bench:
    """``Pair(1, 2)`` on a slots dataclass with two int fields."""
    return Bench("Pair(1, 2)", {"Pair": _SlotsPair})


@case("c_class.field_read", baseline="py.dataclass.field_read")
def _c_class_field_read(env: Env) -> Bench:
    """``p.a`` on a ``TestIntPair``."""
    return Bench("p.a", {"p": _int_pair(env)(1, 2)})


@case("py.dataclass.field_read")
def _py_dataclass_field_read(env: Env) -> Bench:
    """``p.a`` on a slots dataclass."""
    return Bench("p.a", {"p": _SlotsPair(1, 2)})


@case("c_class.field_write", baseline="py.dataclass.field_write")
def _c_class_field_write(env: Env) -> Bench:
    """``obj.v_i64 = 5`` on a ``TestObjectBase`` (a read-write int64 field)."""
    obj = _object_base(env)(v_i64=1, v_f64=2.0, v_str="x")
    return Bench("obj.v_i64 = 5", {"obj": obj})


@case("py.dataclass.field_write")
def _py_dataclass_field_write(env: Env) -> Bench:
    """``obj.a = 5`` on a slots dataclass."""
    return Bench("obj.a = 5", {"obj": _SlotsPair(1, 2)})


@case("c_class.method_call", baseline="py.dataclass.method_call")
def _c_class_method_call(env: Env) -> Bench:
    """``p.sum()``: a reflected C++ method on a ``TestIntPair``."""
    return Bench("p.sum()", {"p": _int_pair(env)(1, 2)})


@case("c_class.py_method_call", baseline="py.dataclass.method_call")
def _c_class_py_method_call(env: Env) -> Bench:
    """``p.total()``: a Python method of a Python subclass of ``TestIntPair``."""

    def make() -> type:
        class PyMethodPair(_int_pair(env)):  # type: ignore[misc]
            def total(self) -> Any:
                return self.a + self.b

        return PyMethodPair

    cls = _memo("py_method_pair", make)
    return Bench("p.total()", {"p": cls(1, 2)})


@case("c_class.object_field_read")
def _c_class_object_field_read(env: Env) -> Bench:
    """``obj.v_obj`` on a ``TestDeepCopyEdges``: a field holding an object."""
    edges = _fixture_class(env, "testing.TestDeepCopyEdges", {"v_any": object, "v_obj": object})
    return Bench("obj.v_obj", {"obj": edges(v_any=1, v_obj=env.ffi.Array([1]))})


@case("py.dataclass.method_call")
def _py_dataclass_method_call(env: Env) -> Bench:
    """``p.sum()``: a Python method on a slots dataclass."""
    return Bench("p.sum()", {"p": _SlotsPair(1, 2)})


# --------------------------------------------------------------------------
# Engines: repr, ==, deepcopy of whole graphs
# --------------------------------------------------------------------------


def _pair_list(env: Env, key: str) -> object:
    """A ``tvm_ffi.List`` of GRAPH_SIZE ``TestIntPair(i, i)``; ``key`` names
    the copy (two keys give two lists of distinct, equal objects)."""

    def make() -> object:
        pair = _int_pair(env)
        return env.ffi.List([pair(i, i) for i in range(GRAPH_SIZE)])

    return _memo(f"pair_list:{key}", make)


def _edges_chain(env: Env) -> object:
    """The head of a CHAIN_LENGTH-node linked list of ``testing.TestDeepCopyEdges``
    (``v_any`` = the node's index, ``v_obj`` = the next node, None at the end)."""

    def make() -> object:
        edges = _fixture_class(env, "testing.TestDeepCopyEdges", {"v_any": object, "v_obj": object})
        node: object = None
        for i in range(CHAIN_LENGTH):
            node = edges(v_any=i, v_obj=node)
        return node

    return _memo("edges_chain", make)


@case("engine.repr.list_100k")
def _engine_repr_list(env: Env) -> Bench:
    """``repr(lst)``: a ``List`` of 100,000 ``TestIntPair``."""
    return Bench("repr(lst)", {"lst": _pair_list(env, "a")}, repeat=GRAPH_REPEAT)


@case("engine.eq.list_100k")
def _engine_eq_list(env: Env) -> Bench:
    """``lst == other``: two ``List``s of 100,000 distinct, equal ``TestIntPair``."""
    lst, other = _pair_list(env, "a"), _pair_list(env, "b")
    if not (lst == other):
        raise RuntimeError("the two lists compare unequal: == would stop at the first item")
    return Bench("lst == other", {"lst": lst, "other": other}, repeat=GRAPH_REPEAT)


@case("engine.deepcopy.list_100k")
def _engine_deepcopy_list(env: Env) -> Bench:
    """``copy.deepcopy(lst)``: a ``List`` of 100,000 ``TestIntPair``."""
    return Bench(
        "deepcopy(lst)",
        {"deepcopy": copy.deepcopy, "lst": _pair_list(env, "a")},
        repeat=GRAPH_REPEAT,
    )


# --------------------------------------------------------------------------
# Serialization: the JSON graph format of a whole graph
# --------------------------------------------------------------------------


def _serialization(env: Env) -> Any:
    return importlib.import_module(f"{env.ffi.__name__}.serialization")


@case("serialization.to_json.list_100k")
def _serialization_to_json_list(env: Env) -> Bench:
    """``to_json_graph_str(lst)``: a ``List`` of 100,000 ``TestIntPair``."""
    dump = _serialization(env).to_json_graph_str
    return Bench("dump(lst)", {"dump": dump, "lst": _pair_list(env, "a")}, repeat=GRAPH_REPEAT)


@case("serialization.from_json.list_100k")
def _serialization_from_json_list(env: Env) -> Bench:
    """``from_json_graph_str(text)``: the text of a ``List`` of 100,000 ``TestIntPair``."""
    ser = _serialization(env)
    text = ser.to_json_graph_str(_pair_list(env, "a"))
    return Bench("load(text)", {"load": ser.from_json_graph_str, "text": text}, repeat=GRAPH_REPEAT)


@case("engine.repr.chain_10k")
def _engine_repr_chain(env: Env) -> Bench:
    """``repr(head)``: a 10,000-node linked list of ``TestDeepCopyEdges`` (via ``v_obj``)."""
    return Bench("repr(head)", {"head": _edges_chain(env)}, repeat=CHAIN_REPEAT)


# --------------------------------------------------------------------------
# Engines on one small object, beside a frozen dataclass
# --------------------------------------------------------------------------


@case("c_class.repr", baseline="py.frozen_dataclass.repr")
def _c_class_repr(env: Env) -> Bench:
    """``repr(p)``: a ``TestIntPair`` bound with ``eq=True, unsafe_hash=True``."""
    return Bench("repr(p)", {"p": _hashable_int_pair(env)(1, 2)})


@case("py.frozen_dataclass.repr")
def _py_frozen_dataclass_repr(env: Env) -> Bench:
    """``repr(p)`` on a frozen dataclass with two ints."""
    return Bench("repr(p)", {"p": _FrozenPair(1, 2)})


@case("c_class.eq", baseline="py.frozen_dataclass.eq")
def _c_class_eq(env: Env) -> Bench:
    """``p == q``: two distinct, equal ``TestIntPair`` (``eq=True``)."""
    cls = _hashable_int_pair(env)
    return Bench("p == q", {"p": cls(1, 2), "q": cls(1, 2)})


@case("py.frozen_dataclass.eq")
def _py_frozen_dataclass_eq(env: Env) -> Bench:
    """``p == q``: two distinct, equal frozen dataclass instances."""
    return Bench("p == q", {"p": _FrozenPair(1, 2), "q": _FrozenPair(1, 2)})


@case("c_class.hash", baseline="py.frozen_dataclass.hash")
def _c_class_hash(env: Env) -> Bench:
    """``hash(p)``: a ``TestIntPair`` bound with ``unsafe_hash=True``."""
    return Bench("hash(p)", {"p": _hashable_int_pair(env)(1, 2)})


@case("py.frozen_dataclass.hash")
def _py_frozen_dataclass_hash(env: Env) -> Bench:
    """``hash(p)`` on a frozen dataclass with two ints."""
    return Bench("hash(p)", {"p": _FrozenPair(1, 2)})


# --------------------------------------------------------------------------
# Classes defined in Python (py_class, Enum), from py_class_cases.py and enum_cases.py
# --------------------------------------------------------------------------


def _register_py_class_cases() -> None:
    import enum_cases as ec  # the benchmark folder is the script's
    import py_class_cases as pc

    for name, baseline, make in [*pc.SPECS, *ec.SPECS]:

        def fn(
            env: Env,
            make: Callable[[ModuleType], tuple[str, dict[str, object]]] = make,
            slow: bool = name in pc.SLOW,
        ) -> Bench:
            stmt, namespace = make(env.ffi)
            return Bench(stmt, namespace, repeat=GRAPH_REPEAT if slow else None)

        fn.__doc__ = f"see py_class_cases.py ({name})"
        case(name, baseline=baseline)(fn)


_register_py_class_cases()


# --------------------------------------------------------------------------
# Runner
# --------------------------------------------------------------------------


def load_env() -> Env:
    """Import ``tvm_ffi`` (and its ``testing`` fixtures) and identify the package."""
    ffi = importlib.import_module("tvm_ffi")
    importlib.import_module("tvm_ffi.testing")
    core = importlib.import_module("tvm_ffi.core")
    ours = getattr(ffi, "__version__", None) == "0.1.0" and hasattr(core, "ABI_VERSION")
    return Env(ffi=ffi, package=OURS if ours else REFERENCE)


def make_timer(bench: Bench) -> timeit.Timer:
    """A :class:`timeit.Timer` that runs ``bench`` with its namespace as locals."""
    bindings = [f"{key} = {_NS}[{key!r}]" for key in bench.namespace]
    for key in bench.namespace:
        if not key.isidentifier():
            raise ValueError(f"namespace key {key!r} is not an identifier")
    setup = "\n".join([*bindings, bench.setup]) or "pass"
    return timeit.Timer(bench.stmt, setup=setup, globals={_NS: dict(bench.namespace)})


def measure(
    timer: timeit.Timer, *, repeat: int, min_time: float, first: float | None = None
) -> float:
    """The best time per loop in ns, over ``repeat`` repeats of a calibrated loop.

    The loop count grows (1, 2, 5, 10, ... like ``Timer.autorange``) until one
    loop takes at least a tenth of ``min_time``, then is scaled so a repeat
    takes about ``min_time`` seconds. ``first`` is the time of one call made
    beforehand: when it already took ``min_time`` or more, the statement is
    slow enough to be timed one call per repeat, and that call is the first
    of the ``repeat`` samples (so a statement taking seconds runs ``repeat``
    times in all, not ``repeat`` + 2).
    """
    if first is not None and first >= min_time:
        samples = [first, *timer.repeat(repeat=repeat - 1, number=1)] if repeat > 1 else [first]
        return min(samples) * 1e9
    number = 1
    while True:
        for factor in (1, 2, 5):
            n = number * factor
            elapsed = timer.timeit(n)
            if elapsed >= min_time / 10:
                number = max(n, int(n * min_time / elapsed))
                best = min(timer.repeat(repeat=repeat, number=number))
                return best / number * 1e9
        number *= 10


def run_case(env: Env, c: Case, *, repeat: int, min_time: float) -> tuple[float | None, str]:
    """Time one case: (ns/op, "") or (None, why it is not available)."""
    try:
        bench = c.fn(env)
        timer = make_timer(bench)
        first = timer.timeit(1)  # fails here, not mid-calibration, if the API is missing
        if bench.repeat is not None:
            repeat = max(1, min(repeat, bench.repeat))
        return measure(timer, repeat=repeat, min_time=min_time, first=first), ""
    except Exception as exc:  # noqa: BLE001 - a case missing on one package is "n/a"
        return None, f"{type(exc).__name__}: {exc}".splitlines()[0][:120]


def select(names: Iterable[str], patterns: Sequence[str]) -> list[str]:
    """The case names containing any of ``patterns`` (all when none are given)."""
    return [n for n in names if not patterns or any(p in n for p in patterns)]


def format_ns(value: float | None) -> str:
    """A ns/op figure for the table, or ``n/a``."""
    return "n/a" if value is None else f"{value:,.1f}"


def print_table(env: Env, results: Mapping[str, float | None], errors: Mapping[str, str]) -> None:
    """Print the results, each case's Python baseline beside it (not on its own row)."""
    version = getattr(env.ffi, "__version__", "?")
    print(f"\n{env.package} {version} on Python {platform.python_version()}")
    header = f"{'case':<28} {'ns/op':>17} {'python baseline':<26} {'ns/op':>10} {'x py':>7}"
    print(header)
    print("-" * len(header))
    shown_beside = {CASES[n].baseline for n in results if CASES[n].baseline in results}
    for name, value in results.items():
        if name in shown_beside:
            continue  # printed beside the case it is the baseline of
        base = CASES[name].baseline
        base_value = results.get(base) if base else None
        ratio = f"{value / base_value:.2f}" if value is not None and base_value else ""
        line = f"{name:<28} {format_ns(value):>17} {base or '':<26} "
        line += f"{format_ns(base_value) if base else '':>10} {ratio:>7}"
        print(line.rstrip())
        if name in errors:
            print(f"{'':<4}n/a: {errors[name]}")


def fallback_notes(env: Env) -> list[str]:
    """Lines saying where this interpreter runs a slower path than the others.

    The cached attribute path reads CPython internals and is only installed
    on the versions it was written for (``tvm_ffi.core._FAST_ATTRIBUTES``);
    elsewhere field access takes CPython's generic descriptor path.
    """
    if env.package != OURS:
        return []
    core = importlib.import_module("tvm_ffi.core")
    if getattr(core, "_FAST_ATTRIBUTES", True):
        return []
    return [
        f"Python {platform.python_version()}: the cached attribute path is off (untested "
        "interpreter layout); field reads and writes take CPython's generic path"
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the selected cases, print a table and optionally write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
    parser.add_argument(
        "-k",
        action="append",
        default=[],
        metavar="SUBSTRING",
        help="run only the cases whose name contains SUBSTRING (repeatable)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="repeats per case (best is kept)")
    parser.add_argument(
        "--min-time", type=float, default=0.2, help="seconds one repeat should take at least"
    )
    parser.add_argument("--list", action="store_true", help="list the case names and exit")
    args = parser.parse_args(argv)

    names = select(CASES, args.k)
    if args.list:
        print("\n".join(names))
        return 0

    env = load_env()
    results: dict[str, float | None] = {}
    errors: dict[str, str] = {}
    start = time.perf_counter()
    for name in names:
        value, error = run_case(env, CASES[name], repeat=args.repeat, min_time=args.min_time)
        results[name] = value
        if error:
            errors[name] = error
    elapsed = time.perf_counter() - start

    print_table(env, results, errors)
    notes = fallback_notes(env)
    for note in notes:
        print(f"note: {note}")
    print(
        f"\n{len(results)} cases in {elapsed:.1f} s (best of {args.repeat}, "
        f">= {args.min_time} s per repeat)"
    )

    if args.json is not None:
        payload: dict[str, object] = {
            "package": env.package,
            "version": getattr(env.ffi, "__version__", None),
            "python": platform.python_version(),
            "results": results,
            "baselines": {n: CASES[n].baseline for n in results if CASES[n].baseline},
            "errors": errors,
            "notes": notes,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2) + "\n")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
