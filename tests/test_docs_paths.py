# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The architecture guide names files; every one it names must exist, so
the guide cannot silently describe a layout the code no longer has."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDES = [ROOT / "docs" / "architecture.md", ROOT / "CONTRIBUTING.md"]

#: Inline code that looks like a repository path: starts with a top-level
#: folder of the repository, or is a file name with a known extension.
_CODE = re.compile(r"`([^`\s]+)`")
_TOP = ("native/", "tvm_ffi/", "tests/", "docs/", "examples/", "benchmarks/", "stubs/", ".ci/")
_SHORT_NAMES = re.compile(r"^[\w.-]+\.(cc|h|py|md|toml|txt|in)$")


def _named_paths(text: str) -> set[str]:
    return {m for m in _CODE.findall(text) if m.startswith(_TOP)}


def _short_names(text: str) -> set[str]:
    return {m for m in _CODE.findall(text) if _SHORT_NAMES.match(m)}


def test_the_guides_name_paths() -> None:
    # The check below must have something to check.
    assert len(_named_paths((ROOT / "docs" / "architecture.md").read_text())) > 30


def test_every_named_path_exists() -> None:
    missing = []
    for guide in GUIDES:
        for name in sorted(_named_paths(guide.read_text())):
            if not (ROOT / name.rstrip("/")).exists():
                missing.append(f"{guide.relative_to(ROOT)}: {name}")
    assert not missing, "paths named in the guides that do not exist:\n" + "\n".join(missing)


def test_every_short_file_name_is_a_file_of_the_repository() -> None:
    # `repr.cc` and the like, written without their folder.
    skip = {".git", ".nox", "build", "_build", "__pycache__"}
    files = {
        p.name
        for folder in ("native", "tvm_ffi", "tests", "docs", "examples", "benchmarks")
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and not skip & set(p.parts)
    }
    missing = [
        f"{guide.relative_to(ROOT)}: {name}"
        for guide in GUIDES
        for name in sorted(_short_names(guide.read_text()))
        if name not in files
    ]
    assert not missing, "file names in the guides that match no file:\n" + "\n".join(missing)


def test_the_check_catches_a_missing_path() -> None:
    assert _named_paths("see `native/src/nowhere.cc` and `tvm_ffi/`") == {
        "native/src/nowhere.cc",
        "tvm_ffi/",
    }
    assert not (ROOT / "native/src/nowhere.cc").exists()
