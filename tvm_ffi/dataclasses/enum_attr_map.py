# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""``EnumAttrMap``: per-variant data attached to an enum from outside its class.

An *extensible attribute* of an enum type is one ``List`` in the type's
``__ffi_enum_attrs__`` Dict, indexed by the variants' ordinals, with ``None``
marking "not set" (C++ ``EnumDef::set_attr`` pads with ``None`` too). Any
module, in either language, may read and write it at any time; an
``EnumAttrMap`` is a Python view of one such list with a default of its own.
"""

# pyright: reportPrivateUsage=false, reportUnnecessaryIsInstance=false
# (core._* are this package's own native entry points; isinstance checks
# validate callers that ignore the annotations.)

from __future__ import annotations

import threading
from typing import Any

from .. import core
from ..container import List
from ..sentinel import MISSING

__all__ = ["EnumAttrMap", "enum_table"]

_seq_getitem = core._seq_getitem

#: Serialises the writers that pad an attribute's list (the list itself is
#: safe to share; two writers growing it at once would race on its length).
_WRITE_LOCK = threading.Lock()


def enum_table(cls: type, table: int, *, create: bool) -> Any:
    """The live entries (``core._ENUM_ENTRIES``) or attributes
    (``core._ENUM_ATTRS``) Dict of an enum class, or None."""
    info = cls.__dict__.get("__tvm_ffi_type_info__") or getattr(cls, "__tvm_ffi_type_info__")
    return core._enum_table(info.type_index, table, create)


class EnumAttrMap:
    """A view of the extensible attribute ``name`` of the enum class ``enum_cls``.

    ``attr[variant]`` reads the value set for the variant (the view's default
    when nothing is, or ``KeyError`` without one), ``attr[variant] = value``
    sets it for every reader, C++ included, ``variant in attr`` says whether
    a value is set, ``attr.get(variant, default)`` never raises. Variants of
    another enum are refused with ``TypeError``. ``None`` cannot be written:
    it is how the shared list marks "not set". Two views of one attribute
    share every value written and differ only in their defaults.
    """

    __slots__ = ("_column", "_default", "_enum_cls", "_name")

    def __init__(self, enum_cls: type, name: str, *, default: Any = MISSING) -> None:
        if not isinstance(name, str):
            raise TypeError(f"{enum_cls.__name__}.def_attr: the attribute name must be a str, "
                            f"got {type(name).__name__}")
        self._enum_cls = enum_cls
        self._name = name
        self._default = default
        #: The attribute's List once it exists; it is registered once and
        #: only mutated afterwards, so holding it stays correct.
        self._column: Any = None

    @property
    def name(self) -> str:
        """The attribute's name, as given to ``def_attr``."""
        return self._name

    @property
    def default(self) -> Any:
        """What reading an unset variant returns (``MISSING``: raise KeyError)."""
        return self._default

    def _refuse(self, variant: object) -> TypeError:
        cls = self._enum_cls
        return TypeError(f"{cls.__name__}.def_attr({self._name!r}): expected a variant of "
                         f"{cls.__name__}, got {type(variant).__name__} {variant!r}")

    def _find_column(self, create: bool) -> Any:
        column = self._column
        if column is not None:
            return column
        attrs = enum_table(self._enum_cls, core._ENUM_ATTRS, create=create)
        if attrs is None:
            return None
        column = attrs.get(self._name)
        if column is None and create:
            attrs[self._name] = List()
            column = attrs[self._name]  # the List the Dict holds
        self._column = column
        return column

    def _lookup(self, variant: Any) -> Any:
        """The value set for a variant of the class (None when unset).

        The hot path of reads: the column is held once found, and read
        natively (the List's own ``__getitem__`` adds a Python frame).
        """
        column = self._column
        if column is None:
            column = self._find_column(False)
            if column is None:
                return None
        try:
            return _seq_getitem(column, variant.value)
        except IndexError:
            return None

    def __getitem__(self, variant: object) -> Any:
        cls = self._enum_cls
        if type(variant) is not cls and not isinstance(variant, cls):
            raise self._refuse(variant)
        value = self._lookup(variant)
        if value is not None:
            return value
        if self._default is MISSING:
            raise KeyError(f"{cls.__name__}.{variant.name}: extensible attribute "  # type: ignore[attr-defined]
                           f"{self._name!r} is not set and has no default")
        return self._default

    def __setitem__(self, variant: object, value: Any) -> None:
        if value is None:
            raise TypeError(f"{self._enum_cls.__name__}.def_attr({self._name!r}): None cannot be "
                            "written: it is reserved as the 'unset' sentinel of the shared list")
        if not isinstance(variant, self._enum_cls):
            raise self._refuse(variant)
        ordinal = int(getattr(variant, "value"))
        with _WRITE_LOCK:
            column: Any = self._find_column(True)
            missing = ordinal + 1 - int(len(column))
            if missing > 0:
                column.extend([None] * missing)
            column[ordinal] = value

    def __contains__(self, variant: object) -> bool:
        if not isinstance(variant, self._enum_cls):
            return False
        return self._lookup(variant) is not None

    def get(self, variant: object, default: Any = None) -> Any:
        """``attr[variant]``, or ``default`` where that raises (an unset
        variant of a view without a default, or a variant of another enum)."""
        if not isinstance(variant, self._enum_cls):
            return default
        value = self._lookup(variant)
        if value is not None:
            return value
        return default if self._default is MISSING else self._default

    def __repr__(self) -> str:
        shown = "" if self._default is MISSING else f", default={self._default!r}"
        return f"EnumAttrMap({self._enum_cls.__name__}, {self._name!r}{shown})"
