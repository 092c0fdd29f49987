# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""A typed Python API over the example plugin's C++ library.

``_api`` is generated from the library by ``python -m tvm_ffi.stubgen`` (see
its header for the command; ``nox -s plugin`` checks it is current).
Importing it loads ``libmy_plugin.so``, whose static init blocks register the
types, the enum and the global functions, and binds Python classes to them.
"""

from __future__ import annotations

from ._api import Unit, Vec2, count_chars, scale, unit

__all__ = ["Unit", "Vec2", "count_chars", "scale", "unit"]
