# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Operator mistakes: each line marked `# E` must be rejected by both checkers."""

from __future__ import annotations

from tvm_ffi import Array, Dict, List

arr: Array[int] = Array([1])
lst: List[int] = List([1])
d: Dict[str, int] = Dict({"a": 1})

bad_join: Array[int] = arr + ["x"]  # E
bad_operand = lst + "ab"  # E
bad_count = lst * 1.5  # E
lst += ["x"]  # E
lst.sort(reverse="yes")  # E
bad_key = lst.sort(key=5)  # E
bad_merge: Dict[str, int] = d | {"b": "x"}  # E
d |= {1: 2}  # E
