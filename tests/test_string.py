# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""String and Bytes crossing the boundary: short (inline), long, unicode, NUL."""

from __future__ import annotations

import pytest

import tvm_ffi
from tvm_ffi import Bytes, String
from tvm_ffi.testing import echo

str_len = tvm_ffi.get_global_func("testing.str_len")
bytes_len = tvm_ffi.get_global_func("testing.bytes_len")
concat = tvm_ffi.get_global_func("testing.concat")

STRINGS = [
    "",
    "a",
    "abcdefg",  # 7 bytes: the longest inline string
    "abcdefgh",  # 8 bytes: the shortest heap string
    "hello world, a longer string that is stored on the heap",
    "x" * 100_000,
    "héllo",
    "日本語",  # 9 UTF-8 bytes from 3 characters
    "🎉",
    "mixed 日本 and emoji 🎉 and accents é",
    "\0",
    "a\0b",
    "abc\0def\0ghi",  # long, with embedded NULs
    "\0" * 20,
    "trailing nul\0",
]

BYTES = [
    b"",
    b"a",
    b"1234567",
    b"12345678",
    b"\0",
    b"\0\0\0",
    b"a\0b",
    b"\xff\xfe\x00\x01 binary data that is long enough for the heap",
    bytes(range(256)),
    b"\x80",  # not valid UTF-8
]


@pytest.mark.parametrize("value", STRINGS)
def test_str_round_trip(value: str) -> None:
    out = echo(value)
    assert type(out) is str
    assert out == value


@pytest.mark.parametrize("value", BYTES)
def test_bytes_round_trip(value: bytes) -> None:
    out = echo(value)
    assert type(out) is bytes
    assert out == value


@pytest.mark.parametrize("value", STRINGS)
def test_str_round_trip_via_convert_and_containers(value: str) -> None:
    out = tvm_ffi.convert(value)
    assert type(out) is str and out == value
    arr = tvm_ffi.Array([value])
    assert type(arr[0]) is str and arr[0] == value
    m = tvm_ffi.Map({value: value})
    assert m[value] == value


@pytest.mark.parametrize("value", BYTES)
def test_bytes_in_containers(value: bytes) -> None:
    arr = echo([value, value])
    assert type(arr[1]) is bytes and arr[1] == value
    d = tvm_ffi.Dict({value: 1})
    assert d[value] == 1


@pytest.mark.parametrize("value", STRINGS)
def test_str_len_counts_utf8_bytes(value: str) -> None:
    assert str_len(value) == len(value.encode("utf-8"))


@pytest.mark.parametrize("value", BYTES)
def test_bytes_len(value: bytes) -> None:
    assert bytes_len(value) == len(value)


def test_concat() -> None:
    assert concat("ab", "cd") == "abcd"
    assert concat("", "") == ""
    assert concat("a\0", "\0b") == "a\0\0b"
    long = "y" * 50
    out = concat(long, "日本")
    assert type(out) is str and out == long + "日本"


def test_string_and_bytes_subclasses_convert_like_str_and_bytes() -> None:
    s = String("a long enough FFI string")
    b = Bytes(b"short")
    assert isinstance(s, str) and isinstance(b, bytes)
    out_s, out_b = echo(s), echo(b)
    assert type(out_s) is str and out_s == s
    assert type(out_b) is bytes and out_b == b
    assert str_len(String("abc")) == 3
    assert bytes_len(Bytes(b"abcd")) == 4


def test_str_and_bytes_are_distinct_types() -> None:
    with pytest.raises(TypeError, match="Expected `str` but got `bytes`"):
        str_len(b"abc")
    with pytest.raises(TypeError, match="Expected `bytes` but got `str`"):
        bytes_len("abc")


def test_str_and_bytes_keys_differ() -> None:
    m = tvm_ffi.Map({"ab": 1, b"ab": 2})
    assert len(m) == 2
    assert m["ab"] == 1
    assert m[b"ab"] == 2


@pytest.mark.parametrize("value", ["\ud800", "long string with a lone surrogate \udc80 inside"])
def test_unencodable_str_raises(value: str) -> None:
    with pytest.raises(UnicodeEncodeError):
        echo(value)
    with pytest.raises(UnicodeEncodeError):
        tvm_ffi.List([value])
