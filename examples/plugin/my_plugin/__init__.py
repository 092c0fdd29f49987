# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""A typed Python API over the example plugin's C++ library.

Importing the package loads ``libmy_plugin.so`` (its static init blocks
register the types, the enum and the global functions) and binds Python
classes to the C++ types.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import tvm_ffi
from tvm_ffi.dataclasses import Enum, c_class

__all__ = ["Unit", "Vec2", "count_chars", "scale", "unit"]

_LIB = tvm_ffi.load_module(Path(__file__).with_name("libmy_plugin.so"))


@c_class("my_plugin.Vec2", eq=True)
class Vec2(tvm_ffi.Object):
    """A 2-D vector (C++ ``Vec2Obj``): ``Vec2(x, y, *, label="v")``."""

    x: float
    y: float
    label: str

    if TYPE_CHECKING:  # the reflected C++ method is bound at run time

        def norm2(self) -> float: ...


class Unit(Enum, type_key="my_plugin.Unit"):
    """Length units registered in C++ with ``refl::EnumDef``."""

    per_metre: float
    metre: ClassVar[Unit]
    inch: ClassVar[Unit]


def scale(v: Vec2, k: float) -> Vec2:
    """A new vector ``k`` times ``v`` (made in C++)."""
    result: Vec2 = tvm_ffi.get_global_func("my_plugin.scale")(v, k)
    return result


def unit(name: str) -> Unit:
    """The unit ``name``, looked up in C++ (``EnumObj::Get``)."""
    result: Unit = tvm_ffi.get_global_func("my_plugin.unit")(name)
    return result


def count_chars(text: str) -> int:
    """Exported with TVM_FFI_DLL_EXPORT_TYPED_FUNC, reached through the Module."""
    result: int = _LIB.count_chars(text)
    return result
