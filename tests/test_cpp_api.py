# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Runs the C++ API tests compiled into libtvm_ffi_testing (testing.cpp_test.*,
written in native/testing/cpp_tests/, one file per header tested).

Each C++ test throws AssertionError on failure, which reaches pytest as an
AssertionError with the failed check and its file and line.
"""

from __future__ import annotations

import gc

import pytest

import tvm_ffi
import tvm_ffi.testing

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "the C++ API tests register global functions and types"

CPP_TESTS = tvm_ffi.testing.cpp_test_names()


def test_cpp_tests_are_registered() -> None:
    assert len(CPP_TESTS) >= 13


@pytest.mark.parametrize("name", CPP_TESTS)
def test_cpp(name: str) -> None:
    tvm_ffi.get_global_func(name)()


def test_cpp_calls_python_callback() -> None:
    tvm_ffi.get_global_func("testing.cpp_callback_from_cpp")(lambda a, b: a + b)


def test_cpp_object_freed_when_python_drops_it() -> None:
    live = tvm_ffi.get_global_func("testing.cpp_live_counted")
    make = tvm_ffi.get_global_func("testing.make_counted")
    before = live()
    obj = make()
    assert obj.type_key == "testing.CppTestCounted"
    assert live() == before + 1
    del obj
    gc.collect()
    assert live() == before
