# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Dataclass semantics for FFI objects.

``@c_class`` gives C++ types registered with ``refl::ObjectDef`` a generated
constructor, field descriptors, methods, repr, equality, hashing, ordering
and copying; the module-level functions mirror :mod:`dataclasses`.
"""

from __future__ import annotations

from ..sentinel import KWARGS, MISSING
from .c_class import c_class
from .common import asdict, astuple, fields, is_dataclass, replace
from .field import KW_ONLY, Field, field

__all__ = [
    "KWARGS",
    "KW_ONLY",
    "MISSING",
    "Field",
    "asdict",
    "astuple",
    "c_class",
    "field",
    "fields",
    "is_dataclass",
    "replace",
]
