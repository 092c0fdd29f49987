# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Testing fixtures: loads ``libtvm_ffi_testing``, whose C++ functions are
registered under ``testing.`` with the reference system's names
(``testing.nop``, ``testing.echo``, ``testing.add_one``, ``testing.apply``,
``testing.test_raise_error``, ``testing.object_use_count``) plus the
C++ API tests under ``testing.cpp_test.``.
"""

from __future__ import annotations

from .config import find_library
from .module import load_library
from .registry import get_global_func, list_global_func_names

load_library(find_library("tvm_ffi_testing"))

nop = get_global_func("testing.nop")
echo = get_global_func("testing.echo")
add_one = get_global_func("testing.add_one")
apply = get_global_func("testing.apply")
test_raise_error = get_global_func("testing.test_raise_error")
object_use_count = get_global_func("testing.object_use_count")


def cpp_test_names() -> list[str]:
    """The names of the C++ API tests compiled into the testing library."""
    return [n for n in list_global_func_names() if n.startswith("testing.cpp_test.")]
