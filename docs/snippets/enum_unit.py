# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
# Builds enum_unit.cc and binds its enum type in Python.
from pathlib import Path
from typing import ClassVar

from tvm_ffi import cpp, get_global_func
from tvm_ffi.dataclasses import Enum

cpp.load_inline("docs_enum", cpp_sources=Path("enum_unit.cc").read_text())


class Unit(Enum, type_key="docs.Unit"):  # a registered key: bind the C++ variants
    per_metre: float
    metre: ClassVar["Unit"]
    inch: ClassVar["Unit"]


assert [u.name for u in Unit] == ["metre", "inch"]
assert (Unit.inch.value, Unit.inch.per_metre) == (1, 1.0)
assert get_global_func("docs.unit")("inch") is Unit.inch  # one object per variant
symbol = Unit.def_attr("symbol")  # the attribute C++ set
assert symbol[Unit.metre] == "m"
symbol[Unit.inch] = '"'  # written here, read by C++ too
assert symbol[Unit.inch] == '"'
