# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Dataclass semantics for FFI objects.

``@py_class`` defines a new native type in Python (fields stored in the
object's native memory, readable from C++ through reflection); ``@c_class``
gives C++ types registered with ``refl::ObjectDef`` a generated constructor,
field descriptors, methods, repr, equality, hashing, ordering and copying;
``Enum`` declares cross-language enums (named singletons with extensible
attributes); the module-level functions mirror :mod:`dataclasses`.
"""

from __future__ import annotations

from ..sentinel import KWARGS, MISSING
from .c_class import c_class
from .common import asdict, astuple, fields, is_dataclass, replace, set_unchecked
from .enum import Enum, EnumAttrMap, auto, entry
from .field import KW_ONLY, Field, field
from .py_class import py_class

__all__ = [
    "KWARGS",
    "KW_ONLY",
    "MISSING",
    "Enum",
    "EnumAttrMap",
    "Field",
    "asdict",
    "astuple",
    "auto",
    "c_class",
    "entry",
    "field",
    "fields",
    "is_dataclass",
    "py_class",
    "replace",
    "set_unchecked",
]
