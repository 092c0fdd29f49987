# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
# Builds functions_any.cc and calls its global functions from Python.
from pathlib import Path

import tvm_ffi
from tvm_ffi import cpp

cpp.load_inline("docs_functions_any", cpp_sources=Path("functions_any.cc").read_text())
describe = tvm_ffi.get_global_func("docs.describe")
assert describe(7) == "int 7"
assert describe("seven") == "str seven"
assert describe([1, 2, 3]) == "array of 3"  # a list crosses as an Array
assert describe(1.5) == "something else"

total = tvm_ffi.get_global_func("docs.total")
assert total([1, 2.5]) == 3.5  # ints are valid doubles
try:
    total(["one"])
except TypeError:
    pass  # each element is checked as the argument is converted
else:
    raise AssertionError("expected TypeError")

counts = tvm_ffi.Dict({"a": 1})
count = tvm_ffi.get_global_func("docs.count")
count(counts, "a")
count(counts, "b")
assert counts == {"a": 2, "b": 1}  # mutated in C++, seen here

call_twice = tvm_ffi.get_global_func("docs.call_twice")
assert call_twice(lambda x: x * 10, 3) == "300"


def fails(x: int) -> int:
    raise KeyError(x)


assert call_twice(fails, 3) == "caught KeyError"

checked_sqrt = tvm_ffi.get_global_func("docs.checked_sqrt")
assert checked_sqrt(9.0) == 3.0
try:
    checked_sqrt(-1.0)
except ValueError as err:
    assert "is negative" in str(err)
else:
    raise AssertionError("expected ValueError")
