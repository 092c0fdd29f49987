# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""``python -m tvm_ffi.stubgen [LIBRARY] [selection...] -o OUT.py [--check]``."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from . import CLASS_OPTIONS, Selection, generate


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tvm_ffi.stubgen",
        description="Write a typed Python module for the types, enums and functions a "
        "library (or the core) registered.",
    )
    parser.add_argument(
        "library",
        nargs="?",
        help="a library to load with tvm_ffi.load_module; "
        "what it registers is selected (the module loads it from its folder)",
    )
    parser.add_argument(
        "--type-prefix",
        action="append",
        default=[],
        metavar="PREFIX",
        help="select the types whose key starts with PREFIX (repeatable)",
    )
    parser.add_argument(
        "--func-prefix",
        action="append",
        default=[],
        metavar="PREFIX",
        help="select the global functions whose name starts with PREFIX",
    )
    parser.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="PREFIX",
        help="leave out the types and functions whose name starts with PREFIX",
    )
    parser.add_argument(
        "--export",
        action="append",
        default=[],
        metavar="NAME",
        help="a function the library exports (TVM_FFI_DLL_EXPORT_TYPED_FUNC)",
    )
    parser.add_argument(
        "--import",
        dest="imports",
        action="append",
        default=[],
        metavar="MODULE",
        help="import MODULE first (in the generated module "
        "too), e.g. the one that loads the library defining the types",
    )
    for flag, name, gives in CLASS_OPTIONS:
        parser.add_argument(
            flag,
            dest=name,
            action="append",
            default=[],
            metavar="PREFIX",
            help=f"give the classes of the types whose key starts with PREFIX {gives} "
            f"(@c_class's {name}=True)",
        )
    parser.add_argument(
        "--header",
        action="append",
        default=[],
        metavar="LINE",
        help="a line to start the file with (a copyright comment, say)",
    )
    parser.add_argument("-o", "--output", required=True, type=Path, help="the module to write")
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 with a diff if OUTPUT is not current",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    selection = Selection(
        library=args.library,
        type_prefixes=args.type_prefix,
        func_prefixes=args.func_prefix,
        exclude=args.exclude,
        exports=args.export,
        imports=args.imports,
        header=args.header,
        **{name: getattr(args, name) for _, name, _ in CLASS_OPTIONS},
    )
    try:
        source = generate(selection)
    except (ValueError, OSError, AttributeError, ImportError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    output: Path = args.output
    if args.check:
        current = output.read_text() if output.exists() else ""
        if current == source:
            return 0
        sys.stdout.writelines(
            difflib.unified_diff(
                current.splitlines(keepends=True),
                source.splitlines(keepends=True),
                f"{output} (committed)",
                f"{output} (generated)",
            )
        )
        print(f"{output} is not current: rerun without --check to regenerate it", file=sys.stderr)
        return 1
    output.write_text(source)
    return 0


if __name__ == "__main__":
    sys.exit(main())
