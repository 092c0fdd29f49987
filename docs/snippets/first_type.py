# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
# Builds first_type.cc, loads it, and uses its type and functions from Python.
from pathlib import Path

import tvm_ffi
from tvm_ffi import cpp
from tvm_ffi.dataclasses import c_class

source = Path("first_type.cc").read_text()
mod = cpp.load_inline("docs_first_type", cpp_sources=source)
assert mod.add(2, 3) == 5  # the exported function


@c_class("docs.Vec2", eq=True)  # binds the C++ type registered by the library
class Vec2(tvm_ffi.Object):
    x: float
    y: float
    label: str


v = Vec2(3.0, 4.0, label="a")  # the generated constructor: x, y=0.0, *, label="v"
assert repr(v) == 'docs.Vec2(x=3.0, y=4.0, label="a")'
assert v.norm2() == 25.0  # the reflected method
w = tvm_ffi.get_global_func("docs.vec2_sum")(v, Vec2(1.0))
assert isinstance(w, Vec2) and (w.x, w.y, w.label) == (4.0, 4.0, "a")
assert w == Vec2(4.0, 4.0, label="a")  # structural ==, from eq=True
v.x = 6.0  # written into the C++ member
assert v.norm2() == 52.0
