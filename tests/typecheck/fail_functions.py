# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Mistakes with global functions: each `# E` line must be rejected."""

from __future__ import annotations

import tvm_ffi


@tvm_ffi.register_global_func("typing.fail.scale")
def scale(x: float, factor: int = 2) -> float:
    return x * factor


scale("1.5")  # E
scale(1.5, factor="2")  # E
scale(1.5, power=2)  # E
text: str = scale(1.5)  # E
count: int = tvm_ffi.get_global_func("typing.fail.scale")  # E
tvm_ffi.get_global_func("typing.fail.scale").missing  # E
tvm_ffi.register_global_func(42, scale)  # E
