# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The fuzz target: one input is a program of conversions, container
operations, engine calls and ``tvm_ffi.testing`` calls on a small pool of
values.

Errors a caller may legitimately get from bad arguments are expected
(:data:`EXPECTED`); any other exception, a failed invariant
(``AssertionError``) or a crash is a finding. :func:`run_one` is the whole
target; ``fuzz_convert.py`` runs it under atheris, and the test suite
replays the committed corpus through it.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable
from typing import Any, Optional

from byte_reader import ByteReader

import tvm_ffi
import tvm_ffi.testing
from tvm_ffi import Array, Dict, List, Map, Object
from tvm_ffi.dataclasses import py_class

#: What misuse may raise. UnicodeEncodeError (a lone surrogate) is a
#: ValueError; FrozenInstanceError is an AttributeError.
EXPECTED: tuple[type[BaseException], ...] = (
    TypeError,
    ValueError,
    IndexError,
    KeyError,
    OverflowError,
    RecursionError,
    AttributeError,
)
MAX_OPS = 48
MAX_POOL = 12
MAX_DEPTH = 3
#: The length past which sequences are not grown further.
MAX_GROWN = 64

_ENGINES = {
    name: tvm_ffi.get_global_func(f"ffi.{name}")
    for name in (
        "ReprPrint",
        "RecursiveHash",
        "RecursiveEq",
        "RecursiveCompare",
        "RecursiveLt",
        "RecursiveLe",
        "RecursiveGt",
        "RecursiveGe",
        "DeepCopy",
    )
}
_EQ = _ENGINES["RecursiveEq"]
_HASH = _ENGINES["RecursiveHash"]
#: The fixtures called with fuzzed arguments: all but the C++ API tests (no
#: arguments to fuzz), the enum registration (it changes the process-wide
#: registry, so inputs would stop replaying alike) and make_list (its size
#: argument is bounded below).
_FIXTURES = sorted(
    name
    for name in tvm_ffi.list_global_func_names()
    if name.startswith("testing.")
    and not name.startswith("testing.cpp_test.")
    and name not in ("testing.enum_variant_register", "testing.make_list")
)


def is_null_function_call(exc: BaseException) -> bool:
    """A None passed where C++ takes a Function casts to a null Function,
    and calling that raises this RuntimeError (the reference crashes)."""
    return isinstance(exc, RuntimeError) and str(exc).startswith("calling a null Function")


def converts_to_equal(value: Any) -> bool:
    """Whether ``convert(value)`` must compare equal to ``value``: no Python
    callable inside (those become ``Function`` objects, equal only to themselves)."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, (list, tuple)):
            stack.extend(v)
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif callable(v) and not isinstance(v, Object):
            return False
    return True


def has_object_keys(root: Any) -> bool:
    """Whether a Map or Dict reachable from ``root`` has an object as a key."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        v = stack.pop()
        if not isinstance(v, Object) or id(v) in seen:
            continue
        seen.add(id(v))
        if isinstance(v, (Map, Dict)):
            if any(isinstance(k, Object) for k in v):
                return True
            stack.extend(v.values())
        elif isinstance(v, (Array, List)):
            stack.extend(v)
        elif isinstance(v, (FuzzRecord, FuzzPoint)):
            stack.extend(
                getattr(v, f)
                for f in ("count", "label", "items", "extra", "x", "tag")
                if hasattr(v, f)
            )
    return False


class CallbackError(Exception):
    """Raised by fuzzed callbacks; must come back through C++ unchanged."""


@py_class
class FuzzRecord(Object):
    """Typed fields, so assignment and construction meet every conversion check."""

    count: int = 0
    label: Optional[str] = None
    items: list[int] = []  # noqa: RUF012 - a fresh List per instance
    extra: Any = None


@py_class(eq=True, frozen=True)
class FuzzPoint(Object):
    """Frozen and hashable: assignment must raise, hashing must work."""

    x: float = 0.0
    tag: Any = None


class Program:
    """The state of one input's run: the reader and the value pool."""

    def __init__(self, data: bytes) -> None:
        self.r = ByteReader(data)
        self.pool: list[Any] = [None]

    def any_value(self) -> Any:
        return self.r.pick(self.pool)

    def keep(self, value: Any) -> None:
        if len(self.pool) >= MAX_POOL:
            self.pool[self.r.below(MAX_POOL)] = value
        else:
            self.pool.append(value)

    # ------------------------------------------------------------ values

    def scalar(self) -> Any:
        kind = self.r.below(8)
        if kind == 0:
            return None
        if kind == 1:
            return self.r.flag()
        if kind == 2:
            return self.r.integer()
        if kind == 3:
            return self.r.real()
        if kind == 4:
            return self.r.text()
        if kind == 5:
            return self.r.blob()
        if kind == 6:
            return self.any_value()
        return self.callback()

    def value(self, depth: int = 0) -> Any:
        if depth >= MAX_DEPTH or self.r.below(3) == 0:
            return self.scalar()
        size = self.r.below(4)
        kind = self.r.below(9)
        items = [self.value(depth + 1) for _ in range(size)]
        if kind == 0:
            return items
        if kind == 1:
            return tuple(items)
        if kind == 2:
            return {self.scalar(): v for v in items}
        if kind == 3:
            return Array(items)
        if kind == 4:
            return List(items)
        if kind == 5:
            return Map({self.scalar(): v for v in items})
        if kind == 6:
            return Dict({self.scalar(): v for v in items})
        if kind == 7:
            return FuzzRecord(*items[:4])
        return {1, 2} if size == 0 else FuzzPoint(*items[:2])

    def callback(self) -> Callable[..., Any]:
        """A Python callable for C++ to call: it returns a pooled value,
        echoes its arguments, or raises."""
        mode = self.r.below(4)
        kept = self.any_value()
        if mode == 0:
            return lambda *args: kept
        if mode == 1:
            return lambda *args: args
        if mode == 2:
            error = CallbackError("fuzz")

            def boom(*args: Any) -> Any:
                raise error

            return boom
        return lambda *args: len(args)

    # ------------------------------------------------------------ operations

    def op_make(self) -> None:
        self.keep(self.value())

    def op_convert(self) -> None:
        v = self.value()
        out = tvm_ffi.convert(v)
        if isinstance(v, Object):
            assert out is v
        elif isinstance(v, (list, tuple)):
            assert isinstance(out, Array) and len(out) == len(v)
            assert out == list(v) or not converts_to_equal(v), (v, out)
        elif isinstance(v, dict):
            assert isinstance(out, Map)
            assert out == v or not converts_to_equal(v), (v, out)
        back = tvm_ffi.testing.echo(out)
        assert _EQ(back, out)
        self.keep(out)

    def op_python_cycle(self) -> None:
        cyclic: list[Any] = [self.scalar()]
        cyclic.append(cyclic)
        try:
            tvm_ffi.convert(cyclic)
        except RecursionError:
            return
        raise AssertionError("a cyclic Python list converted")

    def op_native_cycle(self) -> None:
        target = self.any_value()
        if isinstance(target, List):
            target.append(target)
        elif isinstance(target, Dict):
            target[self.scalar()] = target
        elif isinstance(target, FuzzRecord):
            target.extra = target

    def op_construct(self) -> None:
        kind = self.r.pick((Array, List, Map, Dict, FuzzRecord, FuzzPoint))
        if kind in (FuzzRecord, FuzzPoint):
            args = [self.scalar() for _ in range(self.r.below(5))]
            kwargs = {
                self.r.pick(("count", "label", "items", "extra", "x", "tag", "nope")): self.scalar()
                for _ in range(self.r.below(3))
            }
            self.keep(kind(*args, **kwargs))
        else:
            self.keep(kind(self.any_value()))

    def op_setattr(self) -> None:
        target = self.any_value()
        name = self.r.pick(("count", "label", "items", "extra", "x", "tag", "other"))
        setattr(target, name, self.scalar())

    def op_container(self) -> None:
        target = self.any_value()
        if isinstance(target, (Array, List)):
            self.sequence_op(target)
        elif isinstance(target, (Map, Dict)):
            self.mapping_op(target)
        else:
            self.keep(List([target, self.scalar()]))

    def index(self) -> Any:
        mode = self.r.below(5)
        if mode == 0:
            return slice(self.small_or_none(), self.small_or_none(), self.small_or_none())
        if mode == 1:
            return self.r.integer()
        if mode == 2:
            return self.scalar()
        return self.r.below(8) - 4

    def small_or_none(self) -> Optional[int]:
        return None if self.r.flag() else self.r.below(12) - 6

    def sequence_op(self, seq: Any) -> None:
        op = self.r.below(16)
        if op in (6, 12, 13) and len(seq) > MAX_GROWN:
            return  # extend/+/* repeated would grow exponentially (out of memory)
        if op == 0:
            self.keep(seq[self.index()])
        elif op == 1:
            seq[self.index()] = self.value(1) if self.r.flag() else self.scalar()
        elif op == 2:
            del seq[self.index()]
        elif op == 3:
            seq.insert(self.index(), self.scalar())
        elif op == 4:
            self.keep(seq.pop(self.index()) if self.r.flag() else seq.pop())
        elif op == 5:
            seq.append(self.scalar())
        elif op == 6:
            seq.extend(self.any_value())
        elif op == 7:
            seq.remove(self.scalar())
        elif op == 8:
            seq.index(self.scalar())
        elif op == 9:
            seq.count(self.scalar())
        elif op == 10:
            seq.reverse()
        elif op == 11:
            seq.clear()
        elif op == 12:
            self.keep(seq + self.any_value())
        elif op == 13:
            self.keep(seq * self.r.below(4))
        elif op == 14:
            assert (self.scalar() in seq) in (True, False)
        else:
            assert len(list(seq)) == len(seq)

    def mapping_op(self, m: Any) -> None:
        op = self.r.below(14)
        if op == 0:
            self.keep(m[self.scalar()])
        elif op == 1:
            m[self.scalar()] = self.scalar()
        elif op == 2:
            del m[self.scalar()]
        elif op == 3:
            self.keep(m.get(self.scalar(), self.scalar()))
        elif op == 4:
            self.keep(m.setdefault(self.scalar(), self.scalar()))
        elif op == 5:
            m.update(self.any_value())
        elif op == 6:
            self.keep(m.pop(self.scalar()) if self.r.flag() else m.pop(self.scalar(), None))
        elif op == 7:
            keys = list(m.keys())
            assert len(keys) == len(m) == len(list(m.items())) == len(list(m.values()))
        elif op == 8:
            m.clear()
        elif op == 9:
            self.keep(m | self.any_value())
        elif op == 10:
            m |= self.any_value()
        elif op == 11:
            self.keep(m.popitem())
        elif op == 12:
            assert (self.scalar() in m) in (True, False)
        else:
            self.keep(copy.copy(m))

    def op_engine(self) -> None:
        name = self.r.pick(sorted(_ENGINES))
        a = self.any_value()
        if name in ("ReprPrint", "RecursiveHash", "DeepCopy"):
            out = _ENGINES[name](a)
        else:
            out = _ENGINES[name](a, self.any_value())
        if name == "DeepCopy":
            # Only for native values: a Python callable converts to a new
            # Function on each call, and Functions compare by identity.
            # Nor with objects as map keys: keys compare by identity, as in
            # Python's deepcopy({obj: 1}) != {obj: 1}.
            if isinstance(a, Object) and not has_object_keys(a):
                assert _EQ(out, a) and _HASH(out) == _HASH(a), (a, out)
            self.keep(out)
        elif name == "ReprPrint":
            assert isinstance(out, str)
            assert out == repr(a) or not isinstance(a, Object), (out, repr(a))

    def op_python_dunders(self) -> None:
        a, b = self.any_value(), self.any_value()
        assert isinstance(repr(a), str)
        if a == b:
            try:
                ha = hash(a)
                hb = hash(b)
            except TypeError:
                return
            if isinstance(a, Object) and isinstance(b, Object):
                assert ha == hb, (a, b)
        self.keep(copy.deepcopy(a))

    def op_fixture(self) -> None:
        name = self.r.pick(_FIXTURES)
        f = tvm_ffi.get_global_func(name)
        args = [self.scalar() for _ in range(self.r.below(4))]
        if name == "testing.test_raise_error":
            try:
                f(*args)
            except Exception:  # noqa: BLE001 - raising is what it is for
                return
            raise AssertionError("testing.test_raise_error returned")
        try:
            out = f(*args)
        except CallbackError:
            return  # a fuzzed callback raised on purpose
        except RuntimeError as exc:
            if is_null_function_call(exc):
                return
            # An unknown variant name is a RuntimeError here (reported: a
            # KeyError would match what Python lookups raise).
            if name == "testing.enum_variant_get" and "has no instance named" in str(exc):
                return
            raise
        except AssertionError as exc:
            # This fixture checks what its callback returns (a C++ CHECK).
            if name == "testing.cpp_callback_from_cpp" and str(exc).startswith("check failed"):
                return
            raise
        self.keep(out)

    def op_make_list(self) -> None:
        n = self.scalar()
        if isinstance(n, int) and n > 64:
            n %= 64  # the fixture loops n times; any other value is fair game
        self.keep(tvm_ffi.get_global_func("testing.make_list")(n))

    def op_apply(self) -> None:
        fn = self.callback() if self.r.flag() else self.any_value()
        try:
            self.keep(tvm_ffi.testing.apply(fn, *[self.scalar() for _ in range(self.r.below(3))]))
        except CallbackError:
            pass
        except RuntimeError as exc:
            if not is_null_function_call(exc):
                raise


OPERATIONS: tuple[Callable[[Program], None], ...] = (
    Program.op_make,
    Program.op_convert,
    Program.op_python_cycle,
    Program.op_native_cycle,
    Program.op_construct,
    Program.op_setattr,
    Program.op_container,
    Program.op_container,
    Program.op_engine,
    Program.op_python_dunders,
    Program.op_fixture,
    Program.op_make_list,
    Program.op_apply,
)


def run_one(data: bytes) -> None:
    """Run the program ``data`` encodes; raise on a finding."""
    program = Program(data)
    for _ in range(MAX_OPS):
        if program.r.remaining() == 0:
            break
        op = program.r.pick(OPERATIONS)
        with contextlib.suppress(*EXPECTED):
            op(program)
