# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""``String`` and ``Bytes``: the Python faces of the FFI string objects.

Strings cross the boundary as plain :class:`str` and :class:`bytes`: a value
coming back from C++ is an ordinary ``str`` (short ones travel inline in the
``Any`` without an allocation). ``String`` and ``Bytes`` are the names the
API uses for the FFI types; they are ``str``/``bytes`` subclasses, so
``isinstance(tvm_ffi.String("a"), str)`` holds and either converts the same.
"""

from __future__ import annotations


class String(str):
    """An FFI string; converts exactly like :class:`str`."""

    __slots__ = ()


class Bytes(bytes):
    """An FFI byte string; converts exactly like :class:`bytes`."""

    __slots__ = ()
