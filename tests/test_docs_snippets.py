# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The C++ examples of the documentation (docs/snippets/*.cc), compiled
against the installed headers and run: each has a Python script beside it
that builds it with ``tvm_ffi.cpp.load_inline`` and asserts what the pages
say it does. The pages include both files as they are."""

from __future__ import annotations

import runpy
import shutil
from pathlib import Path

import pytest

SNIPPETS = Path(__file__).resolve().parent.parent / "docs" / "snippets"
SCRIPTS = sorted(SNIPPETS.glob("*.py"))

pytestmark = pytest.mark.skipif(
    shutil.which("c++") is None and shutil.which("g++") is None, reason="needs a C++ compiler"
)


def test_every_cpp_snippet_has_its_script() -> None:
    sources = {p.stem for p in SNIPPETS.glob("*.cc")}
    assert sources, f"no C++ snippets under {SNIPPETS}"
    assert sources == {p.stem for p in SCRIPTS}


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_snippet_builds_and_behaves_as_documented(
    script: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The scripts read their .cc from the working directory, as a reader's would.
    monkeypatch.chdir(SNIPPETS)
    monkeypatch.setenv("TVM_FFI_CACHE_DIR", str(tmp_path_factory.mktemp("docs-snippets")))
    runpy.run_path(str(script), run_name="__main__")
