# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Global functions as users write them: lookups give Function, the
registering decorator keeps the decorated function's own signature. Also
run as a program (tests/test_typecheck_programs.py)."""

from __future__ import annotations

from typing import Any

from typing_extensions import assert_type

import tvm_ffi
from tvm_ffi import Function


@tvm_ffi.register_global_func("typing.pass.scale", override=True)
def scale(x: float, factor: int = 2) -> float:
    return x * factor


def pair(a: str, b: str) -> tuple[str, str]:
    return a, b


registered = tvm_ffi.register_global_func("typing.pass.pair", pair, override=True)

assert_type(scale(1.5), float)
assert_type(scale(1.5, factor=3), float)
assert_type(registered("a", "b"), tuple[str, str])  # given back as it was
assert_type(tvm_ffi.get_global_func("typing.pass.scale"), Function)
assert_type(tvm_ffi.get_global_func("typing.pass.nope", allow_missing=True), Function | None)
looked_up = tvm_ffi.get_global_func("typing.pass.scale")
assert_type(looked_up(2.0, 4), Any)
assert_type(tvm_ffi.list_global_func_names(), list[str])
assert looked_up(2.0, 4) == 8.0 and isinstance(looked_up, Function)
assert registered is pair
tvm_ffi.remove_global_func("typing.pass.scale")
tvm_ffi.remove_global_func("typing.pass.pair")
