# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Cross-language enums: named, frozen singletons in one registry per type key.

``class Color(Enum, type_key="my.Color")`` declares an enum type. Its
variants are objects of that type, one per name for the life of the
process, each with a dense ordinal ``value`` (0, 1, ... in declaration
order) and its ``name``. The registry of variants is the type's
``__ffi_enum_entries__`` attribute (``Dict[str, Enum]``) and the extensible
attributes are in ``__ffi_enum_attrs__`` (``Dict[str, List[Any]]``), both
kept by the core library, so C++ (``refl::EnumDef``) and Python modules that
bind the same key read and extend the same variants.

A fresh key makes a Python-defined type (through ``@py_class``, frozen); a
key registered already (by C++, or by another Python module) binds the class
to that type (through ``@c_class``). A class body declares variants as

* ``name = auto()`` or ``name: ClassVar[Color] = auto()``: a variant with
  its fields' defaults;
* ``name = entry(**fields)`` or ``name: ClassVar[Color] = entry(...)``: a
  variant with these field values (positional values fill the class's own
  fields in constructor order);
* a bare ``name: ClassVar[Color]``: the variant of that name registered
  already (C++), or for a fresh key a new one, as ``auto()``.

Bare binders are taken first, in annotation order, then ``auto()`` /
``entry()`` in body order; ordinals follow that order and continue after
the variants the type has already.
"""

# pyright: reportPrivateUsage=false, reportUnnecessaryIsInstance=false
# (core._* are this package's own native entry points; isinstance checks
# validate callers that ignore the annotations.)

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeVar, overload

from typing_extensions import dataclass_transform

from .. import core
from .._fixtures import load_testing_fixtures_for
from ..container import Dict, List
from ..core import Object
from ..type_info import type_info
from . import common
from .c_class import c_class
from .enum_attr_map import EnumAttrMap, enum_table
from .field import Field, field
from .py_class import _LOCK, define_in_scope

__all__ = ["ENUM_ATTRS_ATTR", "ENUM_ENTRIES_ATTR", "Enum", "EnumAttrMap", "auto", "entry"]

#: The type attribute holding an enum type's variants, ``Dict[str, Enum]``.
ENUM_ENTRIES_ATTR = "__ffi_enum_entries__"
#: The type attribute holding its extensible attributes, ``Dict[str, List[Any]]``.
ENUM_ATTRS_ATTR = "__ffi_enum_attrs__"

#: Class attribute: the variants by name this class has handed out, so
#: ``get`` is a dict lookup (and keeps their wrappers, hence their identity).
_CACHE_ATTR = "__tvm_ffi_enum_variants__"

_E = TypeVar("_E", bound="Enum")
_V = TypeVar("_V")
_A = TypeVar("_A")


class _EnumEntry:
    """What ``entry(...)`` and ``auto()`` return: the arguments of a variant
    to be made when the class statement ends. Never an instance itself."""

    __slots__ = ("args", "kwargs")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args: tuple[Any, ...] = args
        self.kwargs: dict[str, Any] = kwargs

    def __repr__(self) -> str:
        shown = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        return f"entry({', '.join(shown)})"


def entry(*args: Any, **kwargs: Any) -> Any:
    """Declare a variant whose fields take these values (in an Enum class body).

    ``value`` and ``name`` are assigned, so passing them is a ``TypeError``.
    Positional values fill the class's own fields in constructor order; a
    variant added to a C++ enum takes keyword values only. Typed ``Any`` so
    that ``red: ClassVar[Color] = entry(...)`` type-checks.
    """
    return _EnumEntry(*args, **kwargs)


def auto() -> Any:
    """Declare a variant with its fields' defaults (in an Enum class body).

    It always makes a new variant: to bind one registered in C++, write a
    bare ``name: ClassVar[Cls]`` annotation instead.
    """
    return _EnumEntry()


class _Declarations:
    """The variants a class body declares, taken out of its namespace."""

    def __init__(self, cls_name: str, namespace: dict[str, Any]) -> None:
        annotations: dict[str, Any] = namespace.get("__annotations__", {})
        #: Bare ``name: ClassVar[...]`` annotations, in annotation order.
        self.binders = [
            n
            for n, a in annotations.items()
            if not n.startswith("_") and common._is_classvar(a) and n not in namespace
        ]
        #: ``name = entry(...)`` / ``auto()``, in body order.
        self.entries: dict[str, _EnumEntry] = {}
        for name, value in list(namespace.items()):
            if isinstance(value, _EnumEntry):
                if "value" in value.kwargs or "name" in value.kwargs:
                    raise TypeError(
                        f"{cls_name}.{name}: `value` and `name` of a variant are "
                        f"assigned (its ordinal and `{name}`), not passed to entry()"
                    )
                self.entries[name] = value
                del namespace[name]
            elif (
                type(value) in (int, bool) and not name.startswith("_") and name not in annotations
            ):
                # As enum.Enum would read it: a variant with a chosen value.
                # An annotated constant (`MAX: ClassVar[int] = 5`) is no variant.
                raise TypeError(
                    f"{cls_name}.{name} = {value!r}: an enum variant's value is its "
                    f"ordinal, assigned in declaration order; write "
                    f"`{name} = auto()` (or entry(...) with field values)"
                )

    def names(self) -> list[str]:
        return self.binders + list(self.entries)


class _EnumMeta(type):
    """The metaclass of ``Enum``: runs the declarations when a class
    statement with a ``type_key`` ends, and makes the class a collection of
    its variants (``list(Color)``, ``len(Color)``, ``Color.red in Color``)."""

    def __new__(
        mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any
    ) -> _EnumMeta:
        if not any(isinstance(b, _EnumMeta) for b in bases):  # Enum itself
            return super().__new__(mcs, name, bases, namespace, **kwargs)
        type_key = kwargs.get("type_key")
        for base in bases:
            for klass in base.__mro__:
                if common.TYPE_INFO_ATTR in klass.__dict__ and klass is not Enum:
                    raise TypeError(
                        f"{name}: cannot derive from the enum `{klass.__name__}`: an "
                        f"enum's variants are its own; to add variants to its type, "
                        f"bind the same type_key in a new class"
                    )
        namespace = dict(namespace)
        # Everything a variant holds is native. Copying is decided here, as
        # if in the class body, so the dataclass copy methods do not replace
        # it: a singleton copies as itself.
        namespace.setdefault("__slots__", ())
        namespace.setdefault("__copy__", Enum.__copy__)
        namespace.setdefault("__deepcopy__", Enum.__deepcopy__)
        declared = _Declarations(name, namespace)
        if type_key is None and declared.names():
            raise TypeError(
                f"{name} declares variants ({', '.join(declared.names())}) but no "
                f'type_key: write class {name}(Enum, type_key="...")'
            )
        allocations = core._gc_wrapper_allocations()
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        if type_key is not None:
            core._drop_instance_gc(cls, allocations)  # variants hold no Python reference
            options = {k: bool(kwargs.get(k, True)) for k in ("frozen", "init", "repr")}
            # The frame that ran the class statement: annotations may name its locals.
            _define(cls, type_key, declared, dict(sys._getframe(1).f_locals), options)
        return cls

    def __call__(cls: type[_V], value: int) -> _V:
        """``Color(1)``: the variant of ordinal 1, as with ``enum.Enum``
        (variants are never made by calling the class)."""
        ordered = _ordered(cls)
        if type(value) is int and 0 <= value < len(ordered):
            found: _V = ordered[value]
            return found
        raise ValueError(f"{value!r} is not an ordinal of {cls.__name__} (0 to {len(ordered) - 1})")

    def __getitem__(cls: type[_V], name: str) -> _V:
        """``Color["red"]``: the variant named red (``KeyError`` if none), as with ``enum.Enum``."""
        lookup: Any = getattr(cls, "get")
        got: _V = lookup(name)
        return got

    # The self types are unbound TypeVars, as typeshed's EnumMeta has them:
    # a metaclass method's self must be a supertype of the metaclass.
    def __iter__(cls: type[_V]) -> Iterator[_V]:
        return iter(_ordered(cls))

    def __len__(cls) -> int:
        entries = enum_table(cls, core._ENUM_ENTRIES, create=False)
        return 0 if entries is None else len(entries)

    def __contains__(cls, variant: object) -> bool:
        if not isinstance(variant, cls):
            return False
        name: Any = getattr(variant, "name")
        return cls.by_name.get(name) is variant

    @property
    def by_name(cls: type[_V]) -> Dict[str, _V]:
        """The live ``Dict`` of the variants by name (C++ ones included)."""
        variants: Dict[str, _V] = enum_table(cls, core._ENUM_ENTRIES, create=True)
        return variants

    @property
    def by_value(cls: type[_V]) -> list[_V]:
        """The variants as a list indexed by ordinal."""
        return _ordered(cls)

    @property
    def attr_dict(cls) -> Dict[str, List[Any]]:
        """The live ``Dict`` of every extensible attribute's list (indexed by ordinal)."""
        attrs: Dict[str, List[Any]] = enum_table(cls, core._ENUM_ATTRS, create=True)
        return attrs


# entry and auto are not listed as field specifiers (the reference lists
# them): pyright 1.1.414 then reports every unannotated `red = auto()` as "a
# dataclass field without type annotation", and reads even an annotated
# `green: ClassVar[Color] = auto()` (and the fields of an entry's class) as
# Unknown. They declare no fields anyway: a variant is a ClassVar or an
# unannotated class attribute.
@dataclass_transform(
    eq_default=False, order_default=False, frozen_default=True, field_specifiers=(Field, field)
)
class Enum(Object, metaclass=_EnumMeta):
    """Base of enum types: frozen, named singletons shared with C++.

    ``class Color(Enum, type_key="my.Color")`` with ``red = auto()``,
    ``relu: ClassVar[Act] = entry(output_zero=True)`` or a bare
    ``Alpha: ClassVar[Variant]`` (see the module's documentation). Each
    variant has ``value`` (its dense ordinal) and ``name``, compares and
    hashes by identity, and copies and pickles as itself. The class gives
    ``get(name)``, ``entries()``, ``by_name``, ``by_value``, ``attr_dict``
    and ``def_attr(name, default=...)`` for extensible attributes, and is
    iterable in ordinal order.
    """

    __slots__ = ()

    if TYPE_CHECKING:
        # Read-only to type checkers too (the class statement is not a
        # dataclass of its own, so declared fields would look writable).
        @property
        def value(self) -> int:  # the dense ordinal: 0, 1, ... in declaration order
            ...

        @property
        def name(self) -> str:  # the variant's name
            ...

    else:
        value: int
        name: str

    def __init_subclass__(
        cls,
        *,
        type_key: str | None = None,
        frozen: bool = True,
        init: bool = True,
        repr: bool = True,
        **kwargs: Any,
    ) -> None:
        # The metaclass does the work; accepting the keywords here is what
        # tells type checkers that `class X(Enum, type_key=...)` is valid.
        super().__init_subclass__(**kwargs)

    @classmethod
    def get(cls: type[_E], name: str) -> _E:
        """The variant ``name``; ``KeyError`` when the enum has none."""
        try:
            return cls.__tvm_ffi_enum_variants__[name]  # type: ignore[attr-defined, no-any-return]
        except (KeyError, AttributeError, TypeError):
            pass
        cache: dict[str, Any] | None = cls.__dict__.get(_CACHE_ATTR)
        if cache is None:
            cache = _new_cache(cls)
        entries = enum_table(cls, core._ENUM_ENTRIES, create=False)
        variant = entries.get(name) if entries is not None and isinstance(name, str) else None
        if variant is None:
            raise KeyError(f"{cls.__name__} has no variant named {name!r}") from None
        cache[name] = variant  # registered later (in C++, say): kept from now on
        return variant  # type: ignore[no-any-return]

    @classmethod
    def entries(cls: type[_E]) -> Iterator[_E]:
        """The variants in ordinal order."""
        return iter(_ordered(cls))

    @overload
    @classmethod
    def def_attr(cls: type[_E], name: str) -> EnumAttrMap[_E, Any]: ...
    @overload
    @classmethod
    def def_attr(cls: type[_E], name: str, *, default: _A) -> EnumAttrMap[_E, _A]: ...
    @classmethod
    def def_attr(cls: type[_E], name: str, *, default: Any = core.MISSING) -> EnumAttrMap[_E, Any]:
        """A view of the extensible attribute ``name``: per-variant data kept
        outside the variants, shared with every module and with C++
        (``EnumDef::set_attr``). ``default`` is what unset variants read as
        (without it they raise ``KeyError``); it belongs to this view only,
        so two views of one attribute may differ there and share the rest."""
        if common.TYPE_INFO_ATTR not in cls.__dict__ or cls is Enum:
            raise TypeError(f"{cls.__name__}.def_attr: call it on an enum class with a type_key")
        return EnumAttrMap(cls, name, default=default)

    def __copy__(self: _E) -> _E:
        """A variant is a singleton: its copy is itself."""
        return self

    def __deepcopy__(self: _E, memo: Any) -> _E:
        """A variant is a singleton: its deep copy is itself."""
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_variant_by_key, (self.type_key, self.name))


# Bound to ffi.Enum after the class statement rather than by decorating it:
# type checkers would then take Enum for a (mutable) dataclass, and refuse
# the frozen subclasses dataclass_transform makes of the user's enums.
c_class("ffi.Enum", init=False)(Enum)


def _ordered(cls: type) -> list[Any]:
    """The variants of ``cls``, indexed by ordinal."""
    entries = enum_table(cls, core._ENUM_ENTRIES, create=False)
    if entries is None:
        return []
    ordered: list[Any] = [None] * len(entries)
    for variant in entries.values():
        ordered[variant.value] = variant
    return ordered


def _variant_by_key(type_key: str, name: str) -> Any:
    """Unpickling: the registered variant (its type must exist in this process)."""
    index = core._object_type_key_to_index(type_key)
    if index is None:
        raise KeyError(f"enum type `{type_key}` is not registered in this process")
    entries = core._enum_table(index, core._ENUM_ENTRIES, False)
    if entries is None or name not in entries:
        raise KeyError(f"enum `{type_key}` has no variant named {name!r}")
    return entries[name]


def _new_cache(cls: type) -> dict[str, Any]:
    cache: dict[str, Any] = {}
    setattr(cls, _CACHE_ATTR, cache)
    return cache


# ---------------------------------------------------------------------------
# Defining a class: the type, then its variants
# ---------------------------------------------------------------------------


def _define(
    cls: type,
    type_key: str,
    declared: _Declarations,
    scope: dict[str, Any],
    options: dict[str, bool],
) -> None:
    if not isinstance(type_key, str):
        raise TypeError(f"{cls.__name__}: type_key must be a str, got {type(type_key).__name__}")
    with _LOCK:
        load_testing_fixtures_for(type_key)
        index = core._object_type_key_to_index(type_key)
        if index is None:
            define_in_scope(cls, type_key, scope, **options)
            new = _make_variants(cls, declared, from_cxx=False)
        else:
            _check_binding(cls, index, type_key, declared)
            previous = core._registered_object_class(index)
            c_class(type_key, **options)(cls)
            try:
                new = _make_variants(cls, declared, from_cxx=True)
            except BaseException:
                # The variants of the type stay with the class bound before.
                if previous is not None:
                    core._register_object_class(index, previous)
                raise
            _adopt_existing_variants(cls)
        _register_variants(cls, declared, new)


def _check_binding(cls: type, index: int, type_key: str, declared: _Declarations) -> None:
    """Everything that can be refused is, before the class is bound."""
    if not _is_enum_type(index):
        raise TypeError(
            f"{cls.__name__}: type key `{type_key}` is registered as a type that is "
            f"not an enum (it does not derive from ffi.Enum)"
        )
    entries: Any = core._enum_table(index, core._ENUM_ENTRIES, False)
    ordinals: dict[str, int] = (
        {} if entries is None else {str(k): int(v.value) for k, v in entries.items()}
    )
    known = list(ordinals)
    for name in declared.binders:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=3)
            hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            raise RuntimeError(
                f"{cls.__name__}.{name}: a bare `{name}: ClassVar[{cls.__name__}]` binds a variant "
                f"registered already, and the existing type {type_key!r} (C++ or another module) "
                f"has no variant {name!r} (it has: {', '.join(repr(k) for k in known) or 'none'})"
                f"{hint}. To add a variant from Python, write `{name} = auto()` or "
                f"`{name} = entry(...)`."
            )
    fields = {f.name for f in type_info(index).all_fields()} - {"value", "name"}
    for name, declaration in declared.entries.items():
        if name in known:
            raise RuntimeError(
                f"{cls.__name__}.{name}: enum {type_key!r} already has a variant "
                f"{name!r} (ordinal {ordinals[name]}); bind it with a bare "
                f"`{name}: ClassVar[{cls.__name__}]` instead"
            )
        if declaration.args:
            raise TypeError(
                f"{cls.__name__}.{name}: a variant added to an existing type takes "
                f"its field values by keyword (entry(field=...)), not by position"
            )
        for key in declaration.kwargs:
            if key not in fields:
                raise TypeError(
                    f"{cls.__name__}.{name}: entry() got an unexpected field {key!r} "
                    f"(fields of {type_key!r}: {', '.join(sorted(fields)) or 'none'})"
                )


def _is_enum_type(index: int) -> bool:
    """A type strictly below ffi.Enum (ffi.Enum itself has no variants)."""
    enum_index = core._type_key_to_index("ffi.Enum")
    return index != enum_index and enum_index in core._type_ancestors(index)


def _adopt_existing_variants(cls: type) -> None:
    """After binding ``cls`` to an existing type, its variants come back as ``cls``.

    A variant still wrapped by a class bound earlier (the same key bound
    twice) stops being returned as that wrapper; the old class keeps it.
    """
    entries = enum_table(cls, core._ENUM_ENTRIES, create=True)
    for variant in entries.values():
        if type(variant) is not cls:
            core._detach_wrapper(variant)


def _make_variants(cls: type, declared: _Declarations, *, from_cxx: bool) -> dict[str, Any]:
    """The new variants the class declares (a bare binder of a registered
    name makes none), made but not registered yet, so a variant that fails
    to build (a field of the wrong type) leaves the registry as it was."""
    entries = enum_table(cls, core._ENUM_ENTRIES, create=True)
    todo = [(n, _EnumEntry()) for n in declared.binders if n not in entries]
    for name in declared.entries:
        if name in declared.binders or name in entries:
            raise RuntimeError(f"{cls.__name__}.{name}: declared twice")
    todo += list(declared.entries.items())
    return {name: _make_variant(cls, name, declaration, from_cxx) for name, declaration in todo}


def _register_variants(cls: type, declared: _Declarations, new: dict[str, Any]) -> None:
    """Adds the new variants to the registry (the core assigns each ordinal,
    atomically: binders first, then body order) and binds every declared
    name as a class attribute."""
    entries = enum_table(cls, core._ENUM_ENTRIES, create=True)
    cache = _new_cache(cls)
    for name in declared.names():
        variant = new.get(name)
        if variant is not None:
            core._enum_add_entry(variant, name)
        else:
            variant = entries[name]  # after adoption: a wrapper of this class
        cache[name] = variant
        setattr(cls, name, variant)


def _make_variant(cls: type, name: str, declaration: _EnumEntry, from_cxx: bool) -> Any:
    """A new, unregistered variant; its ordinal is set when it is registered."""
    if not from_cxx:
        # value and name come first in the generated constructor (they are
        # the parent's required fields), so positional values fill the
        # class's own. type.__call__: the class's own call looks variants up.
        return type.__call__(cls, -1, name, *declaration.args, **declaration.kwargs)
    info = getattr(cls, common.TYPE_INFO_ATTR)
    new = core._lookup_type_attr(info.type_index, "__ffi_new__")
    if new is None:
        raise TypeError(
            f"{cls.__name__}.{name}: `{info.type_key}` registers no allocator "
            "(__ffi_new__), so variants cannot be added from Python"
        )
    variant = new()
    for key, value in declaration.kwargs.items():
        core._field_accessor(info.type_index, key, False).set_unchecked(variant, value)
    return variant
