# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Laying a :class:`~.model.ModuleModel` out as a Python module.

The layout keeps the run-time behaviour native and gives type checkers the
declarations: members the decorators install at run time (the constructor,
methods, read-only fields as properties, the functions' typed signatures)
are written under ``if TYPE_CHECKING:``, so the running module binds the
reflected ones and the checkers read the typed ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from .model import ClassModel, FunctionModel, ModuleModel, Param, Signature
from .schema import Annotation

__all__ = ["render"]

_LINE = 100
_INDENT = "    "

#: Where each plain name the generated code may use comes from.
_SOURCES = {
    "TYPE_CHECKING": "typing",
    "Any": "typing",
    "ClassVar": "typing",
    "Never": "typing_extensions",
    "Path": "pathlib",
    "Mapping": "collections.abc",
    "Sequence": "collections.abc",
    "Array": "tvm_ffi",
    "Dict": "tvm_ffi",
    "Function": "tvm_ffi",
    "List": "tvm_ffi",
    "Map": "tvm_ffi",
    "Object": "tvm_ffi",
    "get_global_func": "tvm_ffi",
    "load_module": "tvm_ffi",
    "Enum": "tvm_ffi.dataclasses",
    "c_class": "tvm_ffi.dataclasses",
}


class _Writer:
    """Lines of the module, and the names they need imported."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.needs: set[str] = set()

    def emit(self, text: str = "", depth: int = 0) -> None:
        self.lines.append(_INDENT * depth + text if text else "")

    def use(self, annotation: Annotation) -> str:
        self.needs |= annotation.needs
        return annotation.text


def _notes(w: _Writer, params: Iterable[Param], result: Annotation | None, depth: int) -> None:
    """A comment for each declared type the annotations could only write as Any."""
    for p in params:
        for cxx in p.annotation.unsupported:
            w.emit(f"# {p.name}: `{_in_text(cxx)}` has no Python type here; typed Any", depth)
    if result is not None:
        for cxx in result.unsupported:
            w.emit(f"# result: `{cxx}` has no Python type here; typed Any", depth)


def _param_texts(w: _Writer, sig: Signature) -> list[str]:
    if not sig.typed:
        w.needs.add("Any")
        return ["*args: Any"]
    texts: list[str] = []
    star_written = False
    for p in sig.params:
        if p.keyword_only and not star_written:
            texts.append("*")
            star_written = True
        text = f"{p.name}: {w.use(p.annotation)}"
        texts.append(text if p.default is None else f"{text} = {p.default}")
    if sig.positional_only and sig.params:
        texts.append("/")
    return texts


def _def(w: _Writer, name: str, params: list[str], result: str, depth: int) -> None:
    """``def name(params) -> result: ...``, one parameter a line when too long."""
    one_line = f"def {name}({', '.join(params)}) -> {result}: ..."
    if len(_INDENT * depth + one_line) <= _LINE:
        w.emit(one_line, depth)
        return
    w.emit(f"def {name}(", depth)
    for p in params:
        w.emit(f"{p},", depth + 1)
    w.emit(f") -> {result}: ...", depth)


def _literal(text: str) -> str:
    """``text`` as a Python string literal: a registered name may hold any
    character, and must neither end the literal early nor inject code."""
    return json.dumps(text)


def _in_text(text: str) -> str:
    """``text`` for a comment or a docstring: one line, and no backslash or
    quote run that would start an escape or end the docstring."""
    return " ".join(text.split()).replace("\\", "/").replace('"""', "'''")


def _signature_def(w: _Writer, name: str, sig: Signature, depth: int, *, self_param: bool) -> None:
    _notes(w, sig.params, sig.result if sig.typed else None, depth)
    params = (["self"] if self_param else []) + _param_texts(w, sig)
    _def(w, name, params, w.use(sig.result), depth)


def _class(w: _Writer, cls: ClassModel) -> None:
    if cls.is_enum:
        w.emit(f"class {cls.name}(Enum, type_key={_literal(cls.type_key)}):")
        w.needs.add("Enum")
    else:
        options = "".join(f", {name}=True" for name in cls.options)
        w.emit(f"@c_class({_literal(cls.type_key)}{options})")
        w.emit(f"class {cls.name}({cls.base}):")
        w.needs.add("c_class")
    kind = "enum" if cls.is_enum else "type"
    w.emit(f'"""The C++ {kind} ``{_in_text(cls.type_key)}``."""', 1)
    for note in cls.skipped:
        w.emit(f"# left out: {_in_text(note)}", 1)
    read_only = [f for f in cls.fields if not f.writable and not cls.is_enum]
    body: list[str] = []
    for f in cls.fields:
        annotation = w.use(f.annotation)
        for cxx in f.annotation.unsupported:
            body.append(f"# `{cxx}` has no Python type here; typed Any")
        if f in read_only:
            continue
        body.append(f"{f.name}: {annotation}")
    for variant in cls.variants:
        w.needs.add("ClassVar")
        body.append(f"{variant}: ClassVar[{cls.name}]")
    if body:
        w.emit()
    for line in body:
        w.emit(line, 1)
    if read_only:
        # Read-only for the checkers; at run time the annotation is the field's.
        w.needs.add("TYPE_CHECKING")
        w.emit()
        w.emit("if TYPE_CHECKING:", 1)
        for f in read_only:
            w.emit()
            w.emit("@property", 2)
            w.emit(f"def {f.name}(self) -> {w.use(f.annotation)}: ...", 2)
        w.emit()
        w.emit("else:", 1)
        for f in read_only:
            w.emit(f"{f.name}: {w.use(f.annotation)}", 2)
    if cls.is_enum and not cls.methods:
        return
    w.needs.add("TYPE_CHECKING")
    w.emit()
    w.emit("if TYPE_CHECKING:  # bound at run time from the reflected registration", 1)
    if not cls.is_enum:
        w.emit()
        if cls.init is None:
            w.needs.add("Never")
            w.emit("# The type registers no constructor: calling the class raises TypeError.", 2)
            w.emit("def __init__(self, no_constructor: Never, /) -> None: ...", 2)
        else:
            _signature_def(w, "__init__", cls.init, 2, self_param=True)
    for m in cls.methods:
        w.emit()
        if m.is_static:
            w.emit("@staticmethod", 2)
        _signature_def(w, m.name, m.signature, 2, self_param=not m.is_static)


def _functions(w: _Writer, functions: list[FunctionModel]) -> None:
    w.needs.add("TYPE_CHECKING")
    w.emit("if TYPE_CHECKING:")
    for f in functions:
        w.emit()
        _signature_def(w, f.name, f.signature, 1, self_param=False)
    w.emit()
    w.emit("else:")
    for f in functions:
        if f.exported:
            w.emit(f"{f.name} = _LIBRARY.get_function({_literal(f.ffi_name)})", 1)
        else:
            w.needs.add("get_global_func")
            w.emit(f"{f.name} = get_global_func({_literal(f.ffi_name)})", 1)


def _imports(needs: set[str], modules: list[str], model: ModuleModel) -> list[str]:
    by_source: dict[str, list[str]] = {}
    for name in needs:
        by_source.setdefault(_SOURCES[name], []).append(name)
    stdlib = ["importlib"] if modules else []
    lines = [f"import {m}" for m in stdlib]
    for source in ("collections.abc", "pathlib", "typing"):
        names = by_source.get(source, [])
        if names:
            lines.append(f"from {source} import {', '.join(sorted(names, key=_import_order))}")
    third = [
        f"from {s} import {', '.join(sorted(by_source[s]))}"
        for s in ("typing_extensions",)
        if s in by_source
    ]
    ours = [
        f"from {s} import {', '.join(sorted(by_source[s], key=_import_order))}"
        for s in ("tvm_ffi", "tvm_ffi.dataclasses")
        if s in by_source
    ]
    # Modules defining base classes, in their section as isort puts them
    # (``import x`` lines before ``from x import`` ones).
    first_party = {m for m in model.runtime_imports if m.split(".")[0] == "tvm_ffi"}
    ours = [*(f"import {m}" for m in sorted(first_party)), *ours]
    third = [*(f"import {m}" for m in sorted(model.runtime_imports - first_party)), *third]
    blocks = [lines, third, ours]
    out: list[str] = []
    for block in blocks:
        if block:
            out.extend([*block, ""])
    if model.type_imports:
        out.append("if TYPE_CHECKING:")
        out.extend(f"    import {m}" for m in sorted(model.type_imports))
        out.append("")
    return out


def _import_order(name: str) -> tuple[int, str]:
    """isort's order within one `from` import: constants, classes, then functions."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


def _formatted(lines: list[str]) -> list[str]:
    """As the formatter leaves them: no blank line between a block's opener
    (``if TYPE_CHECKING:``) and a comment opening the block."""
    out: list[str] = []
    for i, line in enumerate(lines):
        follows = lines[i + 1].lstrip() if i + 1 < len(lines) else ""
        if not line and out and out[-1].split("  #")[0].endswith(":") and follows.startswith("#"):
            continue
        out.append(line)
    return out


def render(
    model: ModuleModel,
    *,
    header: list[str],
    docstring: str,
    modules: list[str],
    library: str | None,
) -> str:
    """The module's source. ``modules`` are imported first (they register the
    types); ``library`` is a library file loaded from next to the module."""
    w = _Writer()
    w.needs |= model.needs
    for cls in model.classes:
        w.emit()
        w.emit()
        _class(w, cls)
    if model.functions:
        w.emit()
        w.emit()
        _functions(w, model.functions)
    if model.type_imports:
        w.needs.add("TYPE_CHECKING")
    preamble: list[str] = []
    for m in modules:
        preamble.append(
            f"importlib.import_module({_literal(m)})  # registers the types and functions"
        )
    if library is not None:
        w.needs |= {"load_module", "Path"}
        preamble.append(f"_LIBRARY = load_module(Path(__file__).with_name({_literal(library)}))")
    out = [*header, f'"""{_in_text(docstring)}"""', "", "from __future__ import annotations", ""]
    out.extend(_imports(w.needs, modules, model))
    out.extend(preamble)
    # The imports end with a blank line; the body starts with two.
    body = _formatted(w.lines if preamble else w.lines[1:])
    return "\n".join([*out, *body]).rstrip("\n") + "\n"
