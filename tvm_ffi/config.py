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


def main(argv: list[str] | None = None) -> int:
    """Print the requested paths, one per line."""
    parser = argparse.ArgumentParser(prog="python -m tvm_ffi.config", description=__doc__)
    parser.add_argument("--includedir", action="store_true", help="the C++ include directory")
    parser.add_argument("--libdir", action="store_true", help="the native library directory")
    parser.add_argument("--cmakedir", action="store_true", help="the CMake package directory")
    args = parser.parse_args(argv)
    if not (args.includedir or args.libdir or args.cmakedir):
        parser.print_help()
        return 1
    if args.includedir:
        print(get_include_dir())
    if args.libdir:
        print(get_lib_dir())
    if args.cmakedir:
        print(get_cmake_dir())
    return 0


if __name__ == "__main__":
    sys.exit(main())
