# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Reflection records of registered types, as Python values.

A :class:`TypeInfo` is read from the core registry: the type's key and
index, its ancestors, its own fields (each with doc, flags, declared type,
default and metadata) and its methods. Types registered from C++ with
``refl::ObjectDef`` and from plugins look the same here.
"""

# pyright: reportPrivateUsage=false
# (core._* are this package's own native entry points.)

from __future__ import annotations

import dataclasses
from typing import Any

from . import core
from .core import Function

__all__ = [
    "TypeField",
    "TypeInfo",
    "TypeMethod",
    "function_type_schema",
    "registered_type_keys",
    "type_info",
]

_FF = core._FIELD_FLAGS
_TF = core._TYPE_FLAGS


@dataclasses.dataclass(frozen=True)
class TypeField:
    """One reflected field of a type."""

    name: str
    doc: str
    flags: int
    type_str: str
    static_type_index: int
    default: Any
    metadata: Any
    offset: int

    @property
    def writable(self) -> bool:
        """Registered with ``def_rw``."""
        return bool(self.flags & _FF["writable"])

    @property
    def has_default(self) -> bool:
        """Has a default value or factory."""
        return bool(self.flags & _FF["has_default"])

    @property
    def default_is_factory(self) -> bool:
        """``default`` is a Function called for each default."""
        return bool(self.flags & _FF["default_from_factory"])

    @property
    def init(self) -> bool:
        """A parameter of the generated constructor."""
        return not self.flags & _FF["init_off"]

    @property
    def kw_only(self) -> bool:
        """Keyword-only in the generated constructor."""
        return bool(self.flags & _FF["kw_only"])

    @property
    def repr(self) -> bool:
        """Shown by repr."""
        return not self.flags & _FF["repr_off"]

    @property
    def hash(self) -> bool:
        """Part of the hash."""
        return not self.flags & _FF["hash_off"]

    @property
    def compare(self) -> bool:
        """Part of == and ordering."""
        return not self.flags & _FF["compare_off"]


@dataclasses.dataclass(frozen=True)
class TypeMethod:
    """One reflected method; instance methods take self first."""

    name: str
    doc: str
    is_static: bool
    func: Function


@dataclasses.dataclass(frozen=True)
class TypeInfo:
    """The registry record of one type."""

    type_index: int
    type_key: str
    ancestors: tuple[int, ...]
    fields: tuple[TypeField, ...]
    methods: tuple[TypeMethod, ...]
    flags: int

    @property
    def parent(self) -> TypeInfo | None:
        """The parent type's record (None for the root Object)."""
        return type_info(self.ancestors[-1]) if self.ancestors else None

    @property
    def mutable(self) -> bool:
        """Declared ``_type_mutable`` in C++."""
        return bool(self.flags & _TF["mutable"])

    @property
    def auto_init(self) -> bool:
        """``__ffi_init__`` is the constructor generated from the fields."""
        return bool(self.flags & _TF["auto_init"])

    def all_fields(self) -> tuple[TypeField, ...]:
        """The fields of this type and its ancestors, ancestors' first.

        Worked out once per record (a snapshot, like ``fields``): ``fields()``,
        ``asdict()`` and ``replace()`` ask on every call.
        """
        cached: tuple[TypeField, ...] | None = self.__dict__.get("_all_fields")
        if cached is None:
            out: list[TypeField] = []
            for index in self.ancestors:
                out.extend(type_info(index).fields)
            out.extend(self.fields)
            cached = tuple(out)
            self.__dict__["_all_fields"] = cached  # frozen: set past __setattr__
        return cached


def type_info(type_index_or_key: int | str) -> TypeInfo:
    """The :class:`TypeInfo` of a registered type, by index or key.

    Raises :class:`KeyError` when no such type is registered.
    """
    if isinstance(type_index_or_key, str):
        index = core._object_type_key_to_index(type_index_or_key)
        if index is None:
            raise KeyError(f"type key `{type_index_or_key}` is not registered")
    else:
        index = type_index_or_key
    raw_index, key, ancestors, fields, methods, flags = core._type_info(index)
    return TypeInfo(
        type_index=raw_index,
        type_key=key,
        ancestors=tuple(ancestors),
        fields=tuple(TypeField(*f) for f in fields),
        methods=tuple(
            TypeMethod(name, doc, bool(mflags & core._METHOD_FLAG_STATIC), func)
            for name, doc, mflags, func in methods
        ),
        flags=flags,
    )


def registered_type_keys() -> list[str]:
    """The keys of every registered type, in type-index order."""
    return core._list_type_keys()


def function_type_schema(func: Function) -> str | None:
    """The declared types of a typed Function, ``(int, Array<str>) -> float``
    (a type key for object types), or None for a packed one, which declares
    none. C++ ``Function::FromTyped`` records them (so do ``GlobalDef().def``,
    ``ObjectDef::def`` and ``TVM_FFI_DLL_EXPORT_TYPED_FUNC``).
    """
    return core._function_type_schema(func)
