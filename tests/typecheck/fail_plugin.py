# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Known mistakes against a generated typed module: each `# E` line must be rejected."""

from __future__ import annotations

from generated_testing_api import (
    TestCxxAutoInitChild,
    TestCxxNoAutoInit,
    TestIntPair,
    TestObjectBase,
    add_one,
    sum_int_array,
)

add_one("one")  # E
sum_int_array(["a"])  # E
label: str = add_one(1)  # E
TestObjectBase(v_i64="ten")  # E
TestCxxAutoInitChild(1, 2)  # E
TestCxxAutoInitChild(1, 2, 3, 4)  # E
TestCxxNoAutoInit()  # E
pair = TestIntPair(1, 2)
pair.a = 3  # E
base = TestObjectBase()
base.v_f64 = 1.0  # E
base.v_str = 5  # E
