# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Where the installed native pieces are: headers, libraries, CMake package.

Used by plugin builds::

    cmake -Dtvm_ffi_DIR=$(python -m tvm_ffi.config --cmakedir) ...

and by :mod:`tvm_ffi.module` to find libraries shipped with the package.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from . import core


def get_package_dir() -> Path:
    """The directory of the installed native module (holds ``lib/``, ``include/``)."""
    return Path(core.__file__).resolve().parent


def get_lib_dir() -> Path:
    """The directory holding ``libtvm_ffi`` and ``libtvm_ffi_testing``."""
    return get_package_dir() / "lib"


def get_include_dir() -> Path:
    """The directory to add to the include path for ``<tvm/ffi/...>``."""
    return get_package_dir() / "include"


def get_cmake_dir() -> Path:
    """The directory holding ``tvm_ffi-config.cmake`` (for ``find_package``)."""
    return get_package_dir() / "share" / "cmake" / "tvm_ffi"


def find_library(name: str) -> Path:
    """The path of ``lib<name>.so`` shipped with the package; FileNotFoundError if absent."""
    suffix = ".dylib" if sys.platform == "darwin" else ".so"
    path = get_lib_dir() / f"lib{name}{suffix}"
    if not path.exists():
        raise FileNotFoundError(f"cannot find {path.name} in {get_lib_dir()}")
    return path


def get_ldflags() -> list[str]:
    """Linker flags for a plugin: the library directory, and a run path to it
    (for use outside Python; inside, the loaded core library is reused)."""
    return [f"-L{get_lib_dir()}", f"-Wl,-rpath,{get_lib_dir()}"]


def get_cxxflags() -> list[str]:
    """Compiler flags for a plugin: the include directory, C++17, and a
    prefix map for our headers.

    An error thrown in one of the headers records the header's ``__FILE__``
    in its native traceback; ``-fmacro-prefix-map`` (GCC 8, Clang 10 and
    later) makes that ``tvm/ffi/function.h`` rather than wherever this
    package is installed, as ``find_package(tvm_ffi)`` does for CMake
    builds. The plugin's own sources keep the paths its build gives them
    (add ``-fmacro-prefix-map=$PWD/=`` for paths relative to the folder
    it is built in).
    """
    include = get_include_dir()
    return [f"-I{include}", "-std=c++17", f"-fmacro-prefix-map={include}/="]


#: The flags of ``python -m tvm_ffi.config``, each with its help and what it prints.
_QUERIES: dict[str, tuple[str, Callable[[], str]]] = {
    "includedir": ("the C++ include directory", lambda: str(get_include_dir())),
    "libdir": ("the native library directory", lambda: str(get_lib_dir())),
    "libfiles": ("the core library's path", lambda: str(find_library("tvm_ffi"))),
    "libs": ("the libraries to link, as -l flags", lambda: "-ltvm_ffi"),
    "cmakedir": ("the CMake package directory (tvm_ffi_DIR)", lambda: str(get_cmake_dir())),
    "cxxflags": (
        "compiler flags (include path, C++ standard, header prefix map)",
        lambda: " ".join(get_cxxflags()),
    ),
    "ldflags": ("linker flags (library path, run path)", lambda: " ".join(get_ldflags())),
}


def main(argv: list[str] | None = None) -> int:
    """Print what each requested flag asks for, one line each, in the order given."""
    parser = argparse.ArgumentParser(prog="python -m tvm_ffi.config", description=__doc__)
    for name, (help_text, _) in _QUERIES.items():
        parser.add_argument(
            f"--{name}", action="append_const", const=name, dest="order", help=help_text
        )
    order: list[str] | None = parser.parse_args(argv).order
    if not order:
        parser.print_help()
        return 1
    for name in order:
        print(_QUERIES[name][1]())
    return 0


if __name__ == "__main__":
    sys.exit(main())
