# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Inline C++ extensions: compile source text into a plugin and load it.

A build is keyed by a hash of everything that changes its output: the
name, the sources, the exported functions and their docs, the flags, the
compiler, this package's version and the state of its headers and core
library (headers under ``extra_include_paths`` are not part of it: change
the name or a flag after editing one). Its artifacts live in
``<cache>/<name>_<hash>/``; ``<cache>`` is
``build_directory``, else ``$TVM_FFI_CACHE_DIR``, else ``~/.cache/tvm-ffi``.
A second call with the same input (from any process) finds the library
there and compiles nothing. Native tracebacks name the source ``<name>.cc``
and the headers ``tvm/ffi/...``, wherever the cache and the package are.

Concurrent builds of one key are serialised by a lock file in its folder,
and the library is written under a temporary name, then renamed into place,
so a reader sees either no library or a complete one.
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from .. import __version__, config
from ..module import Module, load_module

__all__ = ["build_inline", "load_inline"]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PRELUDE = "#include <tvm/ffi/tvm_ffi.h>\n"


def _as_list(value: Sequence[str] | str | None, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    items: list[object] = list(value)  # checked: callers need not be typed
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{what}: expected str items, got {type(item).__name__}")
    return [str(item) for item in items]


def _identifier(value: object, what: str) -> str:
    if not isinstance(value, str) or not _IDENTIFIER.fullmatch(value):
        raise ValueError(f"{what} `{value}` is not a C++ identifier")
    return value


def _exports(functions: Mapping[str, str] | Sequence[str] | str | None) -> dict[str, str]:
    """Exported name -> docstring ("" for none), names checked."""
    if functions is None:
        return {}
    if isinstance(functions, Mapping):
        named: dict[str, str] = {}
        entries: list[tuple[object, object]] = list(functions.items())
        for key, doc in entries:
            if not isinstance(doc, str):
                raise TypeError(
                    f"functions: the docstring of `{key}` must be a str, got {type(doc).__name__}"
                )
            named[_identifier(key, "functions:")] = doc
        return named
    return {_identifier(key, "functions:"): "" for key in _as_list(functions, "functions")}


def _cpp_string(text: str) -> str:
    """``text`` as a C++ string literal."""
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


def _source(cpp_sources: list[str], exports: dict[str, str]) -> str:
    lines = [_PRELUDE, *cpp_sources, ""]
    for name, doc in exports.items():
        lines.append(f"TVM_FFI_DLL_EXPORT_TYPED_FUNC({name}, {name});")
        if doc:
            lines.append(f"TVM_FFI_DLL_EXPORT_TYPED_FUNC_DOC({name}, {_cpp_string(doc)});")
    return "\n".join(lines) + "\n"


def _compiler() -> list[str]:
    """The compiler command: ``$CXX`` (which may carry a launcher, such as
    ``ccache g++``), else the first of c++, g++, clang++ on PATH."""
    env = os.environ.get("CXX", "").strip()
    if env:
        words = shlex.split(env)
        found = shutil.which(words[0])
        if found is None:
            raise RuntimeError(f"load_inline: the compiler named by CXX ({env!r}) is not found")
        return [found, *words[1:]]
    for candidate in ("c++", "g++", "clang++"):
        found = shutil.which(candidate)
        if found is not None:
            return [found]
    raise RuntimeError("load_inline: no C++ compiler found (set CXX, or install c++/g++)")


def _toolkit_stamp() -> str:
    """What of this installation a build depends on: a header or the core
    library changing (an editable install) must not reuse an old build."""
    parts = [__version__, sys.platform]
    include = config.get_include_dir()
    for path in sorted(include.rglob("*.h")):
        parts.append(f"{path.relative_to(include)}:{path.stat().st_mtime_ns}")
    library = config.find_library("tvm_ffi")
    parts.append(f"{library.name}:{library.stat().st_mtime_ns}")
    return "\n".join(parts)


def _cache_root(build_directory: str | None) -> Path:
    if build_directory is not None:
        return Path(build_directory)
    env = os.environ.get("TVM_FFI_CACHE_DIR")
    if env:
        return Path(env)
    return Path.home() / ".cache" / "tvm-ffi"


def _compile(compiler: list[str], source: Path, output: Path, flags: list[str]) -> None:
    command = [*compiler, "-shared", "-fPIC", "-O2", str(source), "-o", str(output), *flags]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(
            f"load_inline: compiling {source.name} failed (exit status "
            f"{proc.returncode})\ncommand: {' '.join(command)}\n"
            f"{proc.stdout}{proc.stderr}"
        )


class _BuildLock:
    """An exclusive lock on ``path`` across processes (flock, where there is one)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._fd = -1

    def __enter__(self) -> _BuildLock:
        self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            import fcntl
        except ImportError:  # no flock here: the atomic rename still keeps the cache whole
            return self
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self._fd)  # closing releases the lock


def build_inline(
    name: str,
    *,
    cpp_sources: Sequence[str] | str | None = None,
    functions: Mapping[str, str] | Sequence[str] | str | None = None,
    extra_cflags: Sequence[str] | None = None,
    extra_ldflags: Sequence[str] | None = None,
    extra_include_paths: Sequence[str] | None = None,
    build_directory: str | None = None,
) -> str:
    """Compile C++ source text into a plugin library and return its path,
    without loading it (see :func:`load_inline` for the arguments).

    ``RuntimeError`` carries the compiler's message when the source does
    not compile; ``OSError`` names the cache folder when it cannot be
    written.
    """
    _identifier(name, "load_inline: the module name")
    sources = _as_list(cpp_sources, "cpp_sources")
    if not sources:
        raise ValueError(f"load_inline: module `{name}` has no cpp_sources")
    exports = _exports(functions)
    cflags = _as_list(extra_cflags, "extra_cflags")
    ldflags = _as_list(extra_ldflags, "extra_ldflags")
    includes = [f"-I{p}" for p in _as_list(extra_include_paths, "extra_include_paths")]
    compiler = _compiler()
    text = _source(sources, exports)
    flags = [
        *config.get_cxxflags(),
        *includes,
        *cflags,
        *config.get_ldflags(),
        "-ltvm_ffi",
        *ldflags,
    ]
    key = hashlib.sha256("\0".join([name, text, *compiler, *flags, _toolkit_stamp()]).encode())
    folder = _cache_root(build_directory) / f"{name}_{key.hexdigest()[:16]}"
    library = folder / f"lib{name}.so"
    if library.is_file():
        return str(library)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with _BuildLock(folder / ".lock"):
            if library.is_file():  # another process built it while we waited
                return str(library)
            source = folder / f"{name}.cc"
            source.write_text(text, encoding="utf-8")
            partial = folder / f".lib{name}.so.{os.getpid()}"
            # The source's __FILE__ (in native tracebacks) is "<name>.cc",
            # not the cache folder (which the key names, so it is not hashed).
            folder_map = f"-fmacro-prefix-map={folder}/="
            try:
                _compile(compiler, source, partial, [*flags, folder_map])
                os.replace(partial, library)
            finally:
                partial.unlink(missing_ok=True)
    except OSError as exc:
        raise OSError(
            exc.errno, f"load_inline: cannot build in {folder}: {exc.strerror or exc}"
        ) from exc
    return str(library)


def load_inline(
    name: str,
    *,
    cpp_sources: Sequence[str] | str | None = None,
    functions: Mapping[str, str] | Sequence[str] | str | None = None,
    extra_cflags: Sequence[str] | None = None,
    extra_ldflags: Sequence[str] | None = None,
    extra_include_paths: Sequence[str] | None = None,
    build_directory: str | None = None,
) -> Module:
    """Compile C++ source text against the installed headers and load it.

    ``cpp_sources`` is the C++ code (one string or several, joined); all of
    ``<tvm/ffi/tvm_ffi.h>`` is included before it. ``functions`` names the
    C++ functions in it to export: one name, a sequence of names, or a
    mapping of name to docstring (see :meth:`Module.get_function_doc`).
    Each becomes ``module.<name>``, with its arguments checked and converted
    as for any typed C++ function. The flags and include paths are added to
    the compiler's command line. Builds are cached (see the module's
    docstring): an unchanged call, also from a new process, only loads.

    Raises what :func:`build_inline` and :func:`tvm_ffi.load_module` raise.
    """
    path = build_inline(
        name,
        cpp_sources=cpp_sources,
        functions=functions,
        extra_cflags=extra_cflags,
        extra_ldflags=extra_ldflags,
        extra_include_paths=extra_include_paths,
        build_directory=build_directory,
    )
    return load_module(path)
