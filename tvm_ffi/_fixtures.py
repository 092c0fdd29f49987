# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""On-demand loading of the testing fixtures library.

Kept apart from :mod:`tvm_ffi.registry` because both the registry and the
enum machinery in :mod:`tvm_ffi.dataclasses` need it, and the registry binds
classes through :mod:`tvm_ffi.dataclasses`; a module of its own keeps the
imports one-way.
"""

from __future__ import annotations

import importlib
import sys


def load_testing_fixtures_for(name: str) -> bool:
    """Load the testing library (``tvm_ffi.testing``) when ``name`` (a
    function or type key) is under ``testing.`` and it is not loaded yet;
    True when it was loaded now. The reference package keeps its fixtures in
    its core library, so its tests expect them without an import; ours are
    a separate library that user processes never load unless asked."""
    if not name.startswith("testing.") or "tvm_ffi.testing" in sys.modules:
        return False
    importlib.import_module("tvm_ffi.testing")  # registers the fixtures
    return True
