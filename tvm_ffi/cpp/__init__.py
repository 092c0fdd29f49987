# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""C++ extensions built at run time: :func:`load_inline` compiles C++ source
text against the installed headers, caches the library and loads it as a
:class:`tvm_ffi.Module`; :func:`build_inline` only builds it."""

from __future__ import annotations

from .inline import build_inline, load_inline

__all__ = ["build_inline", "load_inline"]
