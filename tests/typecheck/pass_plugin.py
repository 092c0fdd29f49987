# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""A user program over a generated typed module (``generated_testing_api``,
written by ``python -m tvm_ffi.stubgen`` from the ``testing.`` registry):
constructors, fields, methods, enums and global functions all type-check."""

from __future__ import annotations

from typing import Any

from generated_testing_api import (
    TestCxxAutoInitChild,
    TestEnumVariant,
    TestIntPair,
    TestObjectBase,
    TestObjectDerived,
    TestObjectPtrHolder,
    add_one,
    concat,
    make_object_ptr_holder,
    optional_int,
    sum_int_array,
)


def use() -> Any:
    pair = TestIntPair(1, 2)
    total: int = pair.a + pair.b + pair.sum()
    base = TestObjectBase(v_i64=3, v_str="x")
    base.v_i64 = 4
    ratio: float = base.v_f64 / 2
    derived = TestObjectDerived({"k": 1}, [1, "two"])
    child = TestCxxAutoInitChild(1, 2, child_kw_only=3)
    holder: TestObjectPtrHolder = make_object_ptr_holder(base)
    holder.optional_value = None
    maybe: TestObjectBase | None = holder.optional_value
    alpha: TestEnumVariant = TestEnumVariant.Alpha
    ordinal: int = alpha.value
    calls: tuple[int, str, int, int] = (
        add_one(total),
        concat("a", "b"),
        optional_int(None),
        sum_int_array([1, 2, 3]),
    )
    return ratio, derived.v_array, child.child_kw_only, maybe, ordinal, calls, base.add_i64(1)
