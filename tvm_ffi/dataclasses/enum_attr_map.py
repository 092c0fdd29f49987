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

from typing import Any, Generic, TypeVar, cast, overload

from .. import core
from ..core import Object
from ..sentinel import MISSING, Sentinel

__all__ = ["EnumAttrMap", "enum_table"]

_get_attr = core._enum_get_attr

#: The enum class whose variants key the view.
_E = TypeVar("_E", bound=Object)
#: The attribute's value type (what ``def_attr``'s default is, or ``Any``).
_A = TypeVar("_A")
_D = TypeVar("_D")


def enum_table(cls: type, table: int, *, create: bool) -> Any:
    """The live entries (``core._ENUM_ENTRIES``) or attributes
    (``core._ENUM_ATTRS``) Dict of an enum class, or None."""
    info = cls.__dict__.get("__tvm_ffi_type_info__") or getattr(cls, "__tvm_ffi_type_info__")
    return core._enum_table(info.type_index, table, create)


class EnumAttrMap(Generic[_E, _A]):
    """A view of the extensible attribute ``name`` of the enum class ``enum_cls``.

    ``attr[variant]`` reads the value set for the variant (the view's default
    when nothing is, or ``KeyError`` without one), ``attr[variant] = value``
    sets it for every reader, C++ included, ``variant in attr`` says whether
    a value is set, ``attr.get(variant, default)`` never raises. Variants of
    another enum are refused with ``TypeError``. ``None`` cannot be written:
    it is how the shared list marks "not set". Two views of one attribute
    share every value written and differ only in their defaults.

    To type checkers ``EnumAttrMap[Color, int]`` is keyed by ``Color``
    variants and holds ``int`` values: ``Color.def_attr("cost", default=0)``
    infers that, and an annotation states it where there is no default.
    """

    __slots__ = ("_default", "_enum_cls", "_name", "_type_index")

    def __init__(self, enum_cls: type[_E], name: str, *, default: _A | Sentinel = MISSING) -> None:
        if not isinstance(name, str):
            raise TypeError(
                f"{enum_cls.__name__}.def_attr: the attribute name must be a str, "
                f"got {type(name).__name__}"
            )
        self._enum_cls = enum_cls
        self._name = name
        self._default = default
        self._type_index: int = getattr(enum_cls, "__tvm_ffi_type_info__").type_index

    @property
    def name(self) -> str:
        """The attribute's name, as given to ``def_attr``."""
        return self._name

    @property
    def default(self) -> _A | Sentinel:
        """What reading an unset variant returns (``MISSING``: raise KeyError)."""
        return self._default

    def _refuse(self, variant: object) -> TypeError:
        cls = self._enum_cls
        return TypeError(
            f"{cls.__name__}.def_attr({self._name!r}): expected a variant of "
            f"{cls.__name__}, got {type(variant).__name__} {variant!r}"
        )

    def _check(self, variant: object) -> Object:
        """``variant``, if of this enum's type (any class bound to its key)."""
        if isinstance(variant, Object) and (
            type(variant) is self._enum_cls or variant._type_index == self._type_index
        ):
            return variant
        raise self._refuse(variant)

    def __getitem__(self, variant: _E) -> _A:
        checked: Any = variant if type(variant) is self._enum_cls else self._check(variant)
        # One native call: checks the variant is registered, reads under the lock.
        value = _get_attr(checked, self._name)
        if value is not None:
            return value  # type: ignore[no-any-return]
        if self._default is MISSING:
            raise KeyError(
                f"{self._enum_cls.__name__}.{variant.name}: extensible attribute "  # type: ignore[attr-defined]
                f"{self._name!r} is not set and has no default"
            )
        return cast(_A, self._default)  # MISSING (the one Sentinel it may be) raised above

    def __setitem__(self, variant: _E, value: _A) -> None:
        if value is None:
            raise TypeError(
                f"{self._enum_cls.__name__}.def_attr({self._name!r}): None cannot be "
                "written: it is reserved as the 'unset' sentinel of the shared list"
            )
        core._enum_set_attr(self._check(variant), self._name, value)

    def __contains__(self, variant: object) -> bool:
        try:
            checked = self._check(variant)
        except TypeError:
            return False
        return _get_attr(checked, self._name) is not None

    @overload
    def get(self, variant: object) -> _A | None: ...
    @overload
    def get(self, variant: object, default: _D) -> _A | _D: ...
    def get(self, variant: object, default: Any = None) -> Any:
        """``attr[variant]``, or ``default`` where that raises (an unset
        variant of a view without a default, or a variant of another enum)."""
        try:
            checked = self._check(variant)
        except TypeError:
            return default
        value = _get_attr(checked, self._name)
        if value is not None:
            return value
        return default if self._default is MISSING else self._default

    def __repr__(self) -> str:
        shown = "" if self._default is MISSING else f", default={self._default!r}"
        return f"EnumAttrMap({self._enum_cls.__name__}, {self._name!r}{shown})"
