# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""``@c_class``: dataclass behaviour for types defined in C++.

The C++ registration (``refl::ObjectDef``) is the source of truth: fields,
defaults, keyword-only and init flags, methods. The decorator binds the
Python class to the type key, checks the annotations against the reflected
fields, and installs the native field descriptors, the constructor (with its
real ``inspect.signature``), the methods and the dunders, which run on the
native engines (one native call per repr/==/hash/copy of a whole graph).
A dunder defined in the class body always wins.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, cast

from typing_extensions import dataclass_transform

from . import common
from .engines import install_engine_dunders
from .field import Field, field

__all__ = ["c_class"]

_T = TypeVar("_T", bound=type)


@dataclass_transform(field_specifiers=(Field, field))
def c_class(
    type_key: str,
    *,
    init: bool = True,
    repr: bool = True,
    eq: bool = False,
    order: bool = False,
    unsafe_hash: bool = False,
    frozen: bool = False,
) -> Callable[[_T], _T]:
    """Bind the decorated class to the C++ type ``type_key`` with dataclass behaviour.

    Parameters mirror :func:`dataclasses.dataclass`: ``init`` installs the
    constructor, ``repr`` the repr, ``eq`` structural ``==``, ``order`` the
    orderings (needs ``eq``), ``unsafe_hash`` a structural hash, ``frozen``
    rejects every assignment.
    """
    given = cast(object, type_key)  # checked at run time: the annotation is no guarantee
    if not isinstance(given, str):
        hint = ' (write @c_class("type.key"), with the key)' if isinstance(given, type) else ""
        raise TypeError(f"c_class: the type key must be a str, got {type(given).__name__}{hint}")
    if order and not eq:
        raise ValueError("c_class: eq must be true if order is true")

    def decorator(cls: _T) -> _T:
        info = common.lookup_type(cls, type_key, "c_class")
        common.check_annotations(cls, info, "c_class")  # raises before anything is bound
        common.bind_class(cls, info)
        common.install_fields(cls, info, frozen)
        common.install_methods(cls, info)
        if init:
            common.install_init(cls, info)
        common.install_copy(cls, dataclass=True)
        install_engine_dunders(
            cls, repr=repr, eq=eq, order=order, unsafe_hash=unsafe_hash, frozen=frozen
        )
        common.enable_fast_attributes(cls, info)
        setattr(cls, common.DATACLASS_ATTR, True)
        return cls

    return decorator


def bind_registered(cls: _T, type_key: str) -> _T:
    """What ``register_object`` does: bind, and install the reflected members
    (fields, methods, constructor, copy, repr) without dataclass equality."""
    info = common.lookup_type(cls, type_key, "register_object")
    common.bind_class(cls, info)
    common.install_fields(cls, info, False)
    common.install_methods(cls, info)
    common.install_init(cls, info)
    common.install_copy(cls, dataclass=False)
    install_engine_dunders(cls, repr=True, eq=False, order=False, unsafe_hash=False, frozen=False)
    common.enable_fast_attributes(cls, info)
    return cls
