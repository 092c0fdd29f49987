# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""``Field``, ``field()`` and ``KW_ONLY``: the field specifiers of the decorators.

For ``@c_class`` the reflected C++ fields are the source of truth and
:func:`fields` describes them with :class:`Field` records; ``field()`` is the
specifier ``dataclass_transform`` names, for class bodies.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, overload

from ..sentinel import MISSING, Sentinel

__all__ = ["KW_ONLY", "Field", "field"]

_T = TypeVar("_T")


#: Fields annotated after ``_: KW_ONLY`` are keyword-only. It is the
#: standard library's own marker, the one mypy and pyright recognise in a
#: ``dataclass_transform`` class body.
KW_ONLY = dataclasses.KW_ONLY


class Field:
    """Describes one field: its name, type and dataclass options.

    The same options as :class:`dataclasses.Field`: ``default``,
    ``default_factory``, ``init``, ``repr``, ``hash``, ``compare``,
    ``kw_only`` and ``metadata``. Unset defaults are :data:`MISSING`.
    """

    __slots__ = (
        "compare",
        "default",
        "default_factory",
        "doc",
        "hash",
        "init",
        "kw_only",
        "metadata",
        "name",
        "repr",
        "type",
    )

    name: str
    #: The annotation as written: a class, a typing form, or a string.
    type: Any
    #: The default value (any value), or MISSING.
    default: Any
    default_factory: Callable[[], Any] | Sentinel
    init: bool
    repr: bool
    #: None: hashed when compared (as dataclasses decide).
    hash: bool | None
    compare: bool
    #: MISSING: the class's ``kw_only`` decides.
    kw_only: bool | Sentinel
    metadata: Mapping[Any, Any]
    doc: str

    def __init__(
        self,
        *,
        name: str = "",
        type: Any = None,
        default: Any = MISSING,
        default_factory: Callable[[], Any] | Sentinel = MISSING,
        init: bool = True,
        repr: bool = True,
        hash: bool | None = None,
        compare: bool = True,
        kw_only: bool | Sentinel = MISSING,
        metadata: Mapping[Any, Any] | None = None,
        doc: str = "",
    ) -> None:
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        if default_factory is not MISSING and not callable(default_factory):
            raise TypeError(
                f"default_factory must be a callable, got {default_factory.__class__.__name__}"
            )
        self.name = name
        self.type = type
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.kw_only = kw_only
        self.metadata = metadata if metadata is not None else {}
        self.doc = doc

    def __repr__(self) -> str:
        return (
            f"Field(name={self.name!r}, type={self.type!r}, default={self.default!r}, "
            f"default_factory={self.default_factory!r}, init={self.init!r}, "
            f"repr={self.repr!r}, hash={self.hash!r}, compare={self.compare!r}, "
            f"kw_only={self.kw_only!r}, metadata={self.metadata!r})"
        )


# With a default, the checkers take the field's value type from it
# (``x: int = field(default="a")`` is an error), as typeshed's
# dataclasses.field does. A default_factory is not typed the same way:
# pyright infers ``field(default_factory=list)`` as ``list[Unknown]`` and
# strict mode reports it (stdlib dataclasses included), so that form, like
# one without a default, fits any annotation.
@overload
def field(
    *,
    default: _T,
    init: bool = True,
    repr: bool = True,
    hash: bool | None = None,
    compare: bool = True,
    kw_only: bool | Sentinel = MISSING,
    metadata: Mapping[Any, Any] | None = None,
    doc: str = "",
) -> _T: ...
@overload
def field(
    *,
    default_factory: Callable[[], Any] | Sentinel = MISSING,
    init: bool = True,
    repr: bool = True,
    hash: bool | None = None,
    compare: bool = True,
    kw_only: bool | Sentinel = MISSING,
    metadata: Mapping[Any, Any] | None = None,
    doc: str = "",
) -> Any: ...
def field(
    *,
    default: Any = MISSING,
    default_factory: Callable[[], Any] | Sentinel = MISSING,
    init: bool = True,
    repr: bool = True,
    hash: bool | None = None,
    compare: bool = True,
    kw_only: bool | Sentinel = MISSING,
    metadata: Mapping[Any, Any] | None = None,
    doc: str = "",
) -> Any:
    """Specify a field's options in a class body, like :func:`dataclasses.field`."""
    return Field(
        default=default,
        default_factory=default_factory,
        init=init,
        repr=repr,
        hash=hash,
        compare=compare,
        kw_only=kw_only,
        metadata=metadata,
        doc=doc,
    )
