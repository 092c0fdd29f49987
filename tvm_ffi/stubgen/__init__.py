# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Typed Python modules for what C++ registered: ``python -m tvm_ffi.stubgen``.

Given a library (a plugin) and/or type-key and function-name prefixes, the
generator reads the registry through the reflection API and writes a module
with

* a ``@c_class`` class per object type: fields annotated from their declared
  types (read-only ones as properties for the checkers), the constructor's
  signature as the reflected ``__init__`` takes it, the methods;
* an ``Enum`` class per enum type, with its variants;
* a typed declaration per global function (and per library export named
  with ``--export``), bound at run time to the registered Function.

Declared types without a Python spelling (``void*``, an unregistered type
key) are written ``Any`` with a comment naming them. The output is
deterministic, so ``--check`` can tell whether a committed module is current.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import shlex
from collections.abc import Sequence
from pathlib import Path

from ..core import Function
from ..module import load_module
from ..registry import get_global_func, list_global_func_names
from ..type_info import registered_type_keys
from .model import collect
from .render import render

__all__ = ["CLASS_OPTIONS", "Selection", "generate"]

#: The ``@c_class`` options a selection can give generated classes:
#: (command-line flag, ``Selection`` field and decorator keyword, what it gives).
CLASS_OPTIONS = (
    ("--eq", "eq", "structural =="),
    ("--order", "order", "structural <, <=, >, >= (and ==)"),
    ("--unsafe-hash", "unsafe_hash", "a structural hash"),
    ("--frozen", "frozen", "no assignment to any field"),
)


@dataclasses.dataclass(frozen=True)
class Selection:
    """What a generated module covers.

    ``library`` is loaded first: the types and global functions it registers
    are selected, and the module loads it from its own folder (the library
    file must sit next to it). Types and global functions whose names start
    with a ``type_prefixes`` / ``func_prefixes`` entry are selected too,
    minus those starting with an ``exclude`` entry. ``exports`` names
    functions the library exports with ``TVM_FFI_DLL_EXPORT_TYPED_FUNC``.
    ``imports`` are modules imported first, in the generator and in the
    generated module (to load the libraries that register the types).

    ``eq``, ``order``, ``unsafe_hash`` and ``frozen`` are type-key prefixes:
    the generated ``@c_class`` of a type matching one gets that option
    (``order`` implies ``eq``). C++ records no such choice, so the module's
    author makes it here, as they would writing the class by hand; enums
    ignore them (variants compare by identity). ``frozen`` also covers the
    generated subclasses of a frozen class, which dataclass rules (and so
    the checkers) require.
    """

    library: str | os.PathLike[str] | None = None
    type_prefixes: Sequence[str] = ()
    func_prefixes: Sequence[str] = ()
    exclude: Sequence[str] = ()
    exports: Sequence[str] = ()
    imports: Sequence[str] = ()
    header: Sequence[str] = ()
    eq: Sequence[str] = ()
    order: Sequence[str] = ()
    unsafe_hash: Sequence[str] = ()
    frozen: Sequence[str] = ()

    def class_options(self, type_key: str) -> dict[str, bool]:
        """The ``@c_class`` options (those set to True) for ``type_key``."""

        chosen = {
            name: any(type_key.startswith(p) for p in self.option_prefixes(name))
            for _, name, _ in CLASS_OPTIONS
        }
        chosen["eq"] = chosen["eq"] or chosen["order"]
        return {name: True for name, on in chosen.items() if on}

    def option_prefixes(self, name: str) -> Sequence[str]:
        """The type-key prefixes given for the class option ``name`` (``"eq"``...)."""
        prefixes: Sequence[str] = getattr(self, name)
        return prefixes

    def describe(self) -> str:
        """The selection as command-line arguments (the library by file name)."""
        return " ".join(self.arguments())

    def arguments(self) -> list[str]:
        """The selection as command-line arguments, one option and its value an item."""
        parts = [Path(self.library).name] if self.library is not None else []
        for flag, values in (
            ("--import", self.imports),
            ("--type-prefix", self.type_prefixes),
            ("--func-prefix", self.func_prefixes),
            ("--exclude", self.exclude),
            ("--export", self.exports),
            *((flag, self.option_prefixes(name)) for flag, name, _ in CLASS_OPTIONS),
            ("--header", self.header),
        ):
            parts.extend(f"{flag} {shlex.quote(v)}" for v in values)
        return parts


def _function_name(ffi_name: str, prefixes: Sequence[str]) -> str:
    """The Python name of a global: what follows the namespace (up to the
    last dot) of its longest matching prefix, else its last part:
    ``testing.cpp_test.x`` is ``cpp_test_x`` for the prefix ``testing.``,
    ``testing.add_one`` is ``add_one`` for ``testing.add_``."""
    matching = [p for p in prefixes if ffi_name.startswith(p)]
    if matching:
        longest = max(matching, key=len)
        return ffi_name[longest.rfind(".") + 1 :]
    return ffi_name.rsplit(".", 1)[-1]


def _wrapped(words: list[str]) -> list[str]:
    """A command as comment lines of about 100 characters at most, continued
    with ``\\`` between arguments (so it pastes into a shell)."""
    lines: list[str] = []
    line = "#  "
    for word in words:
        if len(line) + len(word) + 3 > 100 and line.strip("# "):
            lines.append(line + " \\")
            line = "#     "
        line += " " + word
    return [*lines, line]


def generate(selection: Selection) -> str:
    """The source of the typed module for ``selection``.

    Raises ``ValueError`` for a selection that selects nothing or names a
    missing export, and whatever ``load_module`` raises for a bad library.
    """
    if selection.exports and selection.library is None:
        raise ValueError("stubgen: --export names functions of a library; give its path")
    for module in selection.imports:
        importlib.import_module(module)
    types_before = set(registered_type_keys())
    funcs_before = set(list_global_func_names())
    library = load_module(selection.library) if selection.library is not None else None
    from_library_types: set[str] = set()
    from_library_funcs: set[str] = set()
    if library is not None:
        from_library_types = set(registered_type_keys()) - types_before
        from_library_funcs = set(list_global_func_names()) - funcs_before

    def chosen(name: str, found_in_library: set[str], prefixes: Sequence[str]) -> bool:
        if any(name.startswith(p) for p in selection.exclude):
            return False
        return name in found_in_library or any(name.startswith(p) for p in prefixes)

    type_keys = [
        k for k in registered_type_keys() if chosen(k, from_library_types, selection.type_prefixes)
    ]
    functions: list[tuple[str, str, Function, bool]] = []
    for name in list_global_func_names():
        if chosen(name, from_library_funcs, selection.func_prefixes):
            functions.append(
                (_function_name(name, selection.func_prefixes), name, get_global_func(name), False)
            )
    for name in selection.exports:
        assert library is not None
        func = library.get_function(name)  # AttributeError names the missing export
        assert func is not None
        functions.append((name, name, func, True))
    if not type_keys and not functions:
        hint = (
            " (a library loaded before in this process registers nothing new; select by "
            "prefix, or run in a fresh process)"
            if library is not None
            else ""
        )
        raise ValueError(
            f"stubgen: the selection ({selection.describe() or 'empty'}) "
            f"matches no registered type or function{hint}"
        )
    for flag, name, _ in CLASS_OPTIONS:
        for prefix in selection.option_prefixes(name):
            if not any(k.startswith(prefix) for k in type_keys):
                raise ValueError(f"stubgen: {flag} {prefix!r} matches no selected type")
    model = collect(type_keys, functions, selection.class_options)
    header = [
        *selection.header,
        "# Generated by `python -m tvm_ffi.stubgen`: do not edit; regenerate with",
        *_wrapped(["python -m tvm_ffi.stubgen", *selection.arguments(), "-o <this file>"]),
    ]
    what = (
        f"the library ``{Path(selection.library).name}``"
        if selection.library is not None
        else "the registered types and functions"
    )
    return render(
        model,
        header=header,
        docstring=f"Typed Python API of {what}.",
        modules=list(selection.imports),
        library=Path(selection.library).name if selection.library is not None else None,
    )
