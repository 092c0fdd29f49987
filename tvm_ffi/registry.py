# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The global function registry, shared by every language in the process.

A function registered here from Python can be fetched and called from C++
(``Function::GetGlobal``), and a C++ function registered with
``refl::GlobalDef().def(...)`` is fetched here by the same name.
"""
# pyright: reportPrivateUsage=false
# (core._* are this package's own native entry points.)
# pyright: reportUnnecessaryIsInstance=false
# (isinstance checks validate callers that ignore the annotations.)

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar, overload

from . import core
from ._fixtures import load_testing_fixtures_for
from .core import Function
from .dataclasses.c_class import bind_registered

_F = TypeVar("_F", bound=Callable[..., Any])


@overload
def get_global_func(name: str, allow_missing: Literal[False] = False) -> Function: ...
@overload
def get_global_func(name: str, allow_missing: bool) -> Function | None: ...
def get_global_func(name: str, allow_missing: bool = False) -> Function | None:
    """Return the global function ``name``.

    Raises :class:`ValueError` when no function has that name, unless
    ``allow_missing`` is true, in which case ``None`` is returned.
    """
    if not isinstance(name, str):
        raise TypeError(f"get_global_func: name must be a str, got {type(name).__name__}")
    func = core._get_global_func(name)
    if func is None and load_testing_fixtures_for(name):
        func = core._get_global_func(name)
    if func is None and not allow_missing:
        raise ValueError(f"Cannot find global function `{name}`")
    return func


@overload
def register_global_func(name: str, f: _F, override: bool = False) -> _F: ...
@overload
def register_global_func(
    name: str, f: None = None, override: bool = False
) -> Callable[[_F], _F]: ...
def register_global_func(
    name: str, f: _F | None = None, override: bool = False
) -> _F | Callable[[_F], _F]:
    """Register ``f`` (a Python callable or a :class:`Function`) as global ``name``.

    Used directly (``register_global_func("my.f", f)``) or as a decorator
    (``@register_global_func("my.f")``); either way the callable is returned
    unchanged. Registering a name that exists raises :class:`RuntimeError`
    unless ``override`` is true.
    """
    if not isinstance(name, str):
        raise TypeError(f"register_global_func: name must be a str, got {type(name).__name__}")
    if not name:
        raise ValueError("register_global_func: name must not be empty")
    if not isinstance(override, bool):
        raise TypeError(
            f"register_global_func: override must be a bool, got {type(override).__name__}"
        )

    def register(func: _F) -> _F:
        if not callable(func):
            raise TypeError(
                f"register_global_func({name!r}): expected a callable, got {type(func).__name__}"
            )
        core._register_global_func(name, func, override)
        return func

    if f is None:
        return register
    return register(f)


def remove_global_func(name: str) -> None:
    """Remove the global function ``name``; :class:`KeyError` when there is none."""
    if not isinstance(name, str):
        raise TypeError(f"remove_global_func: name must be a str, got {type(name).__name__}")
    if not core._remove_global_func(name):
        raise KeyError(f"no global function named `{name}`")


def list_global_func_names() -> list[str]:
    """Return the names of all registered global functions, sorted."""
    return core._list_global_func_names()


_C = TypeVar("_C", bound=type)


@overload
def register_object(type_key: str | None = None) -> Callable[[_C], _C]: ...
@overload
def register_object(type_key: _C) -> _C: ...
def register_object(type_key: str | type | None = None) -> Any:
    """Bind a Python class to a registered type: ``@register_object("my_ext.Point")``.

    Objects of that type (and of its subtypes with no class of their own)
    come back from C++ as instances of the class. Reflected fields become
    native descriptors, reflected methods become methods, and the type's
    ``__ffi_init__`` becomes ``__init__``. With no key the class name is used.
    Raises :class:`ValueError` when the key is not registered.
    """
    if isinstance(type_key, type):
        return bind_registered(type_key, type_key.__name__)

    def decorator(cls: _C) -> _C:
        return bind_registered(cls, type_key if type_key is not None else cls.__name__)

    return decorator
