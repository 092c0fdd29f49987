# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Sphinx configuration: MyST pages, autodoc of the installed package, and
sphinx.ext.doctest for the examples (``nox -s docs`` builds both with -W)."""

from __future__ import annotations

import doctest

import tvm_ffi

project = "tvm-ffi-nb"
author = "The tvm-ffi-nb authors"
copyright = "2026, The tvm-ffi-nb authors"
release = tvm_ffi.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build"]

myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3

# The API pages document the installed package (the nox session installs the
# wheel; a local build imports the editable install).
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "show-inheritance": True}

# Every example page starts from the same imports; the testing fixtures are
# loaded because a few examples use the C++ types they register.
doctest_global_setup = """
import tvm_ffi
import tvm_ffi.testing
"""
doctest_test_doctest_blocks = "default"
# Sphinx ignores exception messages by default; the pages quote messages,
# so they are compared (only the traceback body is elided).
doctest_default_flags = doctest.ELLIPSIS | doctest.DONT_ACCEPT_TRUE_FOR_1

html_theme = "alabaster"
html_static_path: list[str] = []
