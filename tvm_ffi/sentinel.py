# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The built-in sentinels ``MISSING`` and ``KWARGS``.

Both are native objects shared by every language: ``MISSING`` stands for "no
value given" (a field without a default), ``KWARGS`` starts the keyword
arguments of a packed call (``f(1, KWARGS, "name", value)``).
"""

# pyright: reportPrivateUsage=false
# (core._* are this package's own native entry points.)

from __future__ import annotations

from . import core
from .core import Object

__all__ = ["KWARGS", "MISSING", "Sentinel"]


class Sentinel(Object):
    """The class of the built-in sentinels; they repr as ``<MISSING>`` and ``<KWARGS>``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<MISSING>" if self.same_as(MISSING) else "<KWARGS>"

    def __reduce__(self) -> str:
        """Pickled by name: unpickling gives back the singleton itself."""
        return "MISSING" if self.same_as(MISSING) else "KWARGS"


core._register_object_class(core._type_key_to_index("ffi.Sentinel"), Sentinel)
MISSING: Sentinel = core._sentinel(0)  # type: ignore[assignment]
KWARGS: Sentinel = core._sentinel(1)  # type: ignore[assignment]
# Also reachable as tvm_ffi.core.MISSING / KWARGS, as in the reference package.
core.MISSING = MISSING
core.KWARGS = KWARGS
