# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""``Field``, ``field()`` and ``KW_ONLY``: the field specifiers of the decorators.

For ``@c_class`` the reflected C++ fields are the source of truth and
:func:`fields` describes them with :class:`Field` records; ``field()`` is the
specifier ``dataclass_transform`` names, for class bodies.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable

from ..sentinel import MISSING

__all__ = ["KW_ONLY", "Field", "field"]


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
        "compare", "default", "default_factory", "doc", "hash", "init", "kw_only",
        "metadata", "name", "repr", "type",
    )

    def __init__(
        self,
        *,
        name: str = "",
        type: Any = None,
        default: Any = MISSING,
        default_factory: Callable[[], Any] | Any = MISSING,
        init: bool = True,
        repr: bool = True,
        hash: bool | None = None,
        compare: bool = True,
        kw_only: bool | Any = MISSING,
        metadata: Any = None,
        doc: str = "",
    ) -> None:
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        if default_factory is not MISSING and not callable(default_factory):
            raise TypeError(
                f"default_factory must be a callable, got {default_factory.__class__.__name__}")
        self.name = name
        self.type = type
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.kw_only = kw_only
        self.metadata: Any = metadata if metadata is not None else {}
        self.doc = doc

    def __repr__(self) -> str:
        return (
            f"Field(name={self.name!r}, type={self.type!r}, default={self.default!r}, "
            f"default_factory={self.default_factory!r}, init={self.init!r}, "
            f"repr={self.repr!r}, hash={self.hash!r}, compare={self.compare!r}, "
            f"kw_only={self.kw_only!r}, metadata={self.metadata!r})"
        )


def field(
    *,
    default: Any = MISSING,
    default_factory: Callable[[], Any] | Any = MISSING,
    init: bool = True,
    repr: bool = True,
    hash: bool | None = None,
    compare: bool = True,
    kw_only: bool | Any = MISSING,
    metadata: Any = None,
    doc: str = "",
) -> Any:
    """Specify a field's options in a class body, like :func:`dataclasses.field`."""
    return Field(
        default=default, default_factory=default_factory, init=init, repr=repr, hash=hash,
        compare=compare, kw_only=kw_only, metadata=metadata, doc=doc,
    )
