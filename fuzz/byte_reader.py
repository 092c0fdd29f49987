# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Turns fuzzer bytes into choices, the same way under atheris and in pytest.

The fuzz target reads its input only through :class:`ByteReader`, a plain
Python reader, rather than ``atheris.FuzzedDataProvider``: then an input
the fuzzer reports replays to the same operations in the ordinary test
suite, where atheris may not be installed. Past the end of the input every
read gives zero, so any input is a complete program.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

#: Integers where conversion changes behaviour: the int64 limits and just
#: past them, the float-exact limit, and some far beyond any native width.
INTERESTING_INTS = (
    0,
    1,
    -1,
    2,
    255,
    2**31 - 1,
    -(2**31),
    2**53,
    2**53 + 1,
    2**63 - 1,
    -(2**63),
    2**63,
    -(2**63) - 1,
    2**64,
    2**100,
    -(2**200),
)
INTERESTING_FLOATS = (
    0.0,
    -0.0,
    1.0,
    -1.5,
    math.nan,
    -math.nan,
    math.inf,
    -math.inf,
    5e-324,
    1.7976931348623157e308,
    2.0**53,
    2.0**63,
)
#: Code points for text: ASCII, NUL, Latin-1, BMP, astral, a lone surrogate.
CODE_POINTS = (0x61, 0x7A, 0x20, 0x00, 0xE9, 0xFF, 0x65E5, 0xFFFF, 0x1F600, 0x10FFFF, 0xD800)


class ByteReader:
    """Reads small integers, picks and scalars from a byte string."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pos = 0

    def remaining(self) -> int:
        """How many input bytes are left."""
        return len(self._data) - self._pos

    def byte(self) -> int:
        """The next byte, or 0 past the end."""
        if self._pos >= len(self._data):
            return 0
        value = self._data[self._pos]
        self._pos += 1
        return value

    def raw(self, n: int) -> bytes:
        """The next ``n`` bytes (zero bytes past the end)."""
        chunk = self._data[self._pos : self._pos + n]
        self._pos += len(chunk)
        return chunk + bytes(n - len(chunk))

    def below(self, n: int) -> int:
        """An integer in ``[0, n)``; ``n`` must be positive."""
        if n <= 256:
            return self.byte() % n
        return int.from_bytes(self.raw(4), "little") % n

    def flag(self) -> bool:
        """A bool."""
        return bool(self.byte() & 1)

    def pick(self, items: Sequence[T]) -> T:
        """One of ``items`` (which must not be empty)."""
        return items[self.below(len(items))]

    def integer(self) -> int:
        """An int: an interesting one, a small one, or any int64."""
        mode = self.below(4)
        if mode == 0:
            return self.pick(INTERESTING_INTS)
        if mode == 1:
            return self.below(256) - 128
        return int(struct.unpack("<q", self.raw(8))[0])

    def real(self) -> float:
        """A float: a special one or any 64-bit pattern (nan payloads too)."""
        if self.flag():
            return self.pick(INTERESTING_FLOATS)
        return float(struct.unpack("<d", self.raw(8))[0])

    def text(self, max_len: int = 8) -> str:
        """A str of up to ``max_len`` code points (may hold a lone surrogate)."""
        return "".join(chr(self.pick(CODE_POINTS)) for _ in range(self.below(max_len + 1)))

    def blob(self, max_len: int = 8) -> bytes:
        """A bytes of up to ``max_len`` bytes."""
        return self.raw(self.below(max_len + 1))
