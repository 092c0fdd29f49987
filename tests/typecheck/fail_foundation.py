# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Known mistakes: each line marked `# E` must be rejected by both checkers."""

from __future__ import annotations

import tvm_ffi
from tvm_ffi import Array, List, Map

arr: Array[int] = Array([1, 2])
arr[0] = 5  # E
arr.append(3)  # E
lst: List[int] = List([1])
lst.append("x")  # E
mp: Map[str, int] = Map({"a": 1})
mp["b"] = 2  # E
wrong: int = arr  # E
tvm_ffi.get_global_func(42)  # E
tvm_ffi.register_error(3)  # E
key: int = tvm_ffi.Object().type_key  # E
