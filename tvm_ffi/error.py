# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Error kinds: which Python exception class an FFI error kind becomes.

An error crossing from C++ carries a kind string (``TVM_FFI_THROW(ValueError)``
gives ``"ValueError"``). Built-in kinds map to the built-in exceptions;
:func:`register_error` adds custom ones, in both directions: a registered
exception raised in a Python callback reaches C++ with the registered kind.
"""
# pyright: reportPrivateUsage=false
# (core._* are this package's own native entry points.)
# pyright: reportUnnecessaryIsInstance=false
# (isinstance checks validate callers that ignore the annotations.)

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import TypeVar, overload

from . import core

_E = TypeVar("_E", bound=type[BaseException])


@overload
def register_error(name_or_cls: _E, cls: None = None, *, override: bool = False) -> _E: ...
@overload
def register_error(
    name_or_cls: str | None = None, cls: None = None, *, override: bool = False
) -> Callable[[_E], _E]: ...
@overload
def register_error(name_or_cls: str, cls: _E, *, override: bool = False) -> _E: ...
def register_error(
    name_or_cls: str | type[BaseException] | None = None,
    cls: type[BaseException] | None = None,
    *,
    override: bool = False,
) -> type[BaseException] | Callable[[_E], _E]:
    """Map an error kind to an exception class.

    Forms::

        @register_error              # kind is the class name
        class MyError(RuntimeError): ...

        @register_error("my.Error")  # explicit kind
        class MyError(RuntimeError): ...

        register_error("my.Error", MyError)

    The class must be constructible from one message (a C++ error of the
    kind becomes ``cls(message)``). A kind named after a Python built-in
    exception (``"ValueError"``, ``"KeyboardInterrupt"``) keeps meaning that
    exception process-wide: it can be mapped to a subclass of it, and to
    anything else only with ``override=True``.
    """

    def register(kind: str | None, exc: type[BaseException]) -> type[BaseException]:
        if not (isinstance(exc, type) and issubclass(exc, BaseException)):
            raise TypeError(f"register_error: expected an exception class, got {exc!r}")
        name = kind if kind is not None else exc.__name__
        if not isinstance(override, bool):
            raise TypeError(
                f"register_error: override must be a bool, got {type(override).__name__}"
            )
        if not name:
            raise ValueError("register_error: the kind must not be empty")
        builtin = getattr(builtins, name, None)
        if (
            isinstance(builtin, type)
            and issubclass(builtin, BaseException)
            and not issubclass(exc, builtin)
            and not override
        ):
            raise ValueError(
                f"register_error: {name!r} is a built-in error kind; mapping it to "
                f"{exc.__qualname__} (not a subclass of {name}) would change every "
                f"such error process-wide; pass override=True to do it anyway"
            )
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"register_error: the kind {name!r} is not valid text") from None
        # A C++ error of this kind becomes exc(message): a class that cannot be
        # built so would turn every such error into an unrelated TypeError.
        try:
            exc("message")
        except Exception as err:  # noqa: BLE001 - any failure means the class does not fit
            raise TypeError(
                f"register_error({name!r}): {exc.__qualname__} cannot be built from "
                f"one message ({type(err).__name__}: {err})"
            ) from None
        core._register_error_kind(name, exc)
        return exc

    if isinstance(name_or_cls, type):
        if cls is not None:
            raise TypeError("register_error: pass either a class or a (name, class) pair")
        return register(None, name_or_cls)
    if name_or_cls is not None and not isinstance(name_or_cls, str):
        raise TypeError(f"register_error: the kind must be a str, got {type(name_or_cls).__name__}")
    if cls is not None:
        return register(name_or_cls, cls)

    def decorator(exc: _E) -> _E:
        register(name_or_cls, exc)
        return exc

    return decorator
