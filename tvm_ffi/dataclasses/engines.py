# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Dunders backed by the native dataclass engines.

Each is one native call over the whole object graph (``ffi.ReprPrint``,
``ffi.RecursiveEq``, ``ffi.RecursiveHash``, the ordering family and
``ffi.DeepCopy`` run in C++); Python is re-entered only for hooks written in
Python.
"""

# pyright: reportPrivateUsage=false
# (core._* are this package's own native entry points.)

from __future__ import annotations

import dataclasses
from typing import Any

from .. import core

__all__ = ["install_engine_dunders"]


def _eq(self: Any, other: Any) -> Any:
    if not isinstance(other, core.Object):
        return NotImplemented
    return core._eq(self, other)


def _ne(self: Any, other: Any) -> Any:
    if not isinstance(other, core.Object):
        return NotImplemented
    return not core._eq(self, other)


def _hash(self: Any) -> int:
    return core._hash(self)


def _lt(self: Any, other: Any) -> Any:
    if not isinstance(other, core.Object):
        return NotImplemented
    return core._compare(self, other) < 0


def _le(self: Any, other: Any) -> Any:
    if not isinstance(other, core.Object):
        return NotImplemented
    return core._compare(self, other) <= 0


def _gt(self: Any, other: Any) -> Any:
    if not isinstance(other, core.Object):
        return NotImplemented
    return core._compare(self, other) > 0


def _ge(self: Any, other: Any) -> Any:
    if not isinstance(other, core.Object):
        return NotImplemented
    return core._compare(self, other) >= 0


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field '{name}'")


def _frozen_delattr(self: Any, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field '{name}'")


def _set(cls: type, name: str, value: Any) -> None:
    if name not in cls.__dict__:
        setattr(cls, name, value)


def install_engine_dunders(
    cls: type, *, repr: bool, eq: bool, order: bool, unsafe_hash: bool, frozen: bool
) -> None:
    """Install the engine-backed dunders the options ask for (class body wins)."""
    own = set(cls.__dict__)
    # Object's own (native) slots: CPython then calls the C functions directly.
    if repr:
        _set(cls, "__repr__", core.Object.__repr__)
    _set(cls, "__deepcopy__", core.Object.__deepcopy__)
    if eq:
        _set(cls, "__eq__", _eq)
        _set(cls, "__ne__", _ne)
    if order:
        for name, fn in (("__lt__", _lt), ("__le__", _le), ("__gt__", _gt), ("__ge__", _ge)):
            _set(cls, name, fn)
    # Hash, as dataclasses decides it: explicit unsafe_hash, or eq+frozen
    # gives a structural hash; eq alone makes instances unhashable.
    if "__hash__" not in cls.__dict__ or (eq and cls.__dict__.get("__hash__") is None):
        if unsafe_hash or (eq and frozen):
            cls.__hash__ = _hash  # type: ignore[assignment]
        elif eq:
            cls.__hash__ = None  # type: ignore[assignment]
    if frozen:
        _set(cls, "__setattr__", _frozen_setattr)
        _set(cls, "__delattr__", _frozen_delattr)
    # Where ours are in place, the C slots call the engines directly.
    native_eq = eq and not ({"__eq__", "__ne__"} & own)
    native_order = order and not ({"__lt__", "__le__", "__gt__", "__ge__"} & own)
    native_hash = cls.__dict__.get("__hash__") is _hash and "__hash__" not in own
    core._set_engine_slots(cls, native_eq, native_eq and native_order, native_hash)
