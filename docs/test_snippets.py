# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The C++ examples of the documentation (docs/snippets/*.cc), compiled
against the installed headers and run: each has a Python script beside it
that builds it with ``tvm_ffi.cpp.load_inline`` and asserts what the pages
say it does. The pages include both files as they are.

Run by ``nox -s docs`` (once, on the newest Python) rather than by the
test suite on every Python: each case is a C++ build."""

from __future__ import annotations

import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SNIPPETS = Path(__file__).resolve().parent / "snippets"
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


def _shell_block_after(page: Path, heading: str) -> str:
    """The first ```sh block after ``heading`` in a documentation page."""
    text = page.read_text()
    start = text.index("```sh\n", text.index(heading)) + len("```sh\n")
    return text[start : text.index("```", start)]


@pytest.mark.skipif(shutil.which("g++") is None, reason="the page's command uses g++")
def test_the_plugin_build_command_of_getting_started_works(tmp_path: Path) -> None:
    # The page's shell lines, run as written (with `python` being this
    # interpreter), build a plugin from first_type.cc that a fresh process
    # loads with load_module.
    commands = _shell_block_after(SNIPPETS.parent / "getting-started.md", "## A first plugin")
    assert "g++" in commands
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # A script, not a symlink: a venv's interpreter found through a link in
    # another folder would not see its venv.
    shim = bin_dir / "python"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    shim.chmod(0o755)
    shutil.copy(SNIPPETS / "first_type.cc", tmp_path)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    built = subprocess.run(
        ["bash", "-e", "-c", commands],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    check = (
        "import tvm_ffi; mod = tvm_ffi.load_module('libfirst.so'); "
        "assert mod.add(2, 3) == 5; "
        "assert tvm_ffi.get_global_func('docs.vec2_sum') is not None"
    )
    subprocess.run([sys.executable, "-c", check], cwd=tmp_path, check=True)
