# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""tvm_ffi: one object system shared by Python and C++.

Objects registered by a type key from either language, a 16-byte ``Any``
value that crosses every boundary, containers (:class:`Array`, :class:`List`,
:class:`Map`, :class:`Dict`) and packed :class:`Function` objects usable from
both sides, and errors that keep their kind across languages.
"""

from __future__ import annotations

from . import core, dataclasses, serialization
from .container import Array, Dict, List, Map
from .core import Function, Object, convert
from .error import register_error
from .module import Module, load_module
from .registry import (
    get_global_func,
    list_global_func_names,
    register_global_func,
    register_object,
    remove_global_func,
)
from .sentinel import KWARGS, MISSING
from .string import Bytes, String
from .type_info import TypeInfo, type_info

__version__ = "0.1.0"

__all__ = [
    "KWARGS",
    "MISSING",
    "Array",
    "Bytes",
    "Dict",
    "Function",
    "List",
    "Map",
    "Module",
    "Object",
    "String",
    "TypeInfo",
    "convert",
    "core",
    "dataclasses",
    "get_global_func",
    "list_global_func_names",
    "load_module",
    "register_error",
    "register_global_func",
    "register_object",
    "remove_global_func",
    "serialization",
    "type_info",
]
