# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Loading native libraries built against tvm_ffi into this process.

A library's ``TVM_FFI_STATIC_INIT_BLOCK``s run when it is loaded: its global
functions and types join the one registry and are usable from Python at once.
"""

from __future__ import annotations

import ctypes
import os
import threading
from pathlib import Path

__all__ = ["load_library"]

_loaded: dict[str, ctypes.CDLL] = {}
_lock = threading.Lock()


def load_library(path: str | os.PathLike[str]) -> ctypes.CDLL:
    """Load the shared library at ``path`` once per process and return it.

    Raises :class:`FileNotFoundError` when there is no such file and
    :class:`OSError` when the dynamic loader rejects it.
    """
    resolved = Path(path).resolve()
    if not resolved.is_file():
        raise FileNotFoundError(f"no library at {path}")
    key = str(resolved)
    with _lock:
        lib = _loaded.get(key)
        if lib is None:
            lib = ctypes.CDLL(key)
            _loaded[key] = lib
        return lib
