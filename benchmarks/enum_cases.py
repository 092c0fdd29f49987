# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The ``enum.*`` cases of ``run.py``: ``tvm_ffi.dataclasses.Enum`` lookups,
extensible-attribute reads and declared-field reads, beside the standard
library's ``enum.Enum`` where it has the same operation.

Each spec is ``(name, baseline, make)`` as in ``py_class_cases.py``. The
enum is defined once per process with the declaration forms both packages
accept (``ClassVar`` entries with field values, ``def_attr``).
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

Made = tuple[str, dict[str, object]]
_MADE: dict[str, Any] = {}


def _activation(ffi: ModuleType) -> Any:
    """An attribute-carrying enum with an extensible attribute ``cost`` set on ``relu``."""
    if "Activation" in _MADE:
        return _MADE["Activation"]
    dc = importlib.import_module(f"{ffi.__name__}.dataclasses")
    namespace: dict[str, Any] = {"__annotations__": {"output_zero": bool}}
    for name, output_zero in (("relu", True), ("gelu", False), ("silu", False)):
        namespace[name] = dc.entry(output_zero=output_zero)
    # The class statement, spelled as a call so the key can be given by keyword.
    cls = type(dc.Enum)("Activation", (dc.Enum,), namespace, type_key="bench.Activation")
    cost = cls.def_attr("cost", default=0)
    cost[cls.get("relu")] = 3
    _MADE.update(Activation=cls, cost=cost)
    return cls


class _StdActivation(enum.Enum):
    relu = 0
    gelu = 1
    silu = 2


def _ns(ffi: ModuleType) -> dict[str, object]:
    cls = _activation(ffi)
    return {"A": cls, "r": cls.get("relu"), "cost": _MADE["cost"]}


SPECS: list[tuple[str, str | None, Callable[[ModuleType], Made]]] = [
    ("enum.get", "py.enum.getitem", lambda ffi: ("A.get('relu')", _ns(ffi))),
    ("py.enum.getitem", None, lambda ffi: ("A['relu']", {"A": _StdActivation})),
    ("enum.attr_read", None, lambda ffi: ("cost[r]", _ns(ffi))),
    # The floor here is CPython's own attribute access: see the slots dataclass read.
    ("enum.field_read", "py.dataclass.read.b", lambda ffi: ("r.output_zero", _ns(ffi))),
    ("enum.value_read", "py.enum.value_read", lambda ffi: ("r.value", _ns(ffi))),
    ("py.enum.value_read", None, lambda ffi: ("r.value", {"r": _StdActivation.relu})),
]
