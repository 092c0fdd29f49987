# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""What a generated module declares, read from the registry.

:func:`collect` turns a selection of type keys and function names into
:class:`ClassModel` and :class:`FunctionModel` records whose annotations are
already Python text; the renderer only lays them out.
"""

# pyright: reportPrivateUsage=false
# (core._* are this package's own native entry points.)

from __future__ import annotations

import builtins
import dataclasses
import keyword
import math
import sys
from collections.abc import Callable, Iterable
from typing import Any

from .. import core
from ..core import Function
from ..type_info import TypeField, TypeInfo, function_type_schema, type_info
from .schema import Annotation, TypeNode, annotate, parse_function_schema, parse_type

__all__ = [
    "ClassModel",
    "FieldModel",
    "FunctionModel",
    "MethodModel",
    "ModuleModel",
    "Param",
    "Signature",
    "collect",
    "python_name",
]

_ENUM_KEY = "ffi.Enum"

#: Names a generated module uses itself: no class or function may take them.
RESERVED_NAMES = frozenset(
    {
        *dir(builtins),
        "annotations",
        "importlib",
        "Path",
        "TYPE_CHECKING",
        "Any",
        "ClassVar",
        "Never",
        "Mapping",
        "Sequence",
        "Array",
        "Dict",
        "Function",
        "List",
        "Map",
        "Object",
        "get_global_func",
        "load_module",
        "Enum",
        "c_class",
        "_LIBRARY",
    }
)


@dataclasses.dataclass
class Param:
    """One parameter: ``default`` is Python source (``...`` when not literal), None if required."""

    name: str
    annotation: Annotation
    keyword_only: bool = False
    default: str | None = None


@dataclasses.dataclass
class Signature:
    """Parameters and result; ``positional_only`` when the names are made up (``arg0``)."""

    params: list[Param]
    result: Annotation
    positional_only: bool = True
    #: False for a packed Function: it declares no types (``*args: Any``).
    typed: bool = True


@dataclasses.dataclass
class FieldModel:
    """One own field of a class."""

    name: str
    annotation: Annotation
    writable: bool


@dataclasses.dataclass
class MethodModel:
    """One reflected method."""

    name: str
    doc: str
    is_static: bool
    signature: Signature


@dataclasses.dataclass
class ClassModel:
    """A ``@c_class`` class, or an ``Enum`` class (``variants`` then lists its names)."""

    type_key: str
    name: str
    base: str
    fields: list[FieldModel]
    methods: list[MethodModel]
    #: None: the type registers no constructor.
    init: Signature | None
    is_enum: bool = False
    variants: list[str] = dataclasses.field(default_factory=list[str])
    #: Comments for members left out (a name Python cannot spell).
    skipped: list[str] = dataclasses.field(default_factory=list[str])
    #: The ``@c_class`` keyword options set to True (``eq``, ``order``...).
    options: dict[str, bool] = dataclasses.field(default_factory=dict[str, bool])


@dataclasses.dataclass
class FunctionModel:
    """A function: a global (``get_global_func(ffi_name)``) or a library export."""

    name: str
    ffi_name: str
    signature: Signature
    exported: bool = False


def python_name(text: str) -> str:
    """``text`` made a Python identifier: other characters become ``_``,
    a keyword or a leading digit gets an extra ``_``."""
    name = "".join(c if (c.isascii() and c.isalnum()) or c == "_" else "_" for c in text) or "_"
    if name[0].isdigit():
        name = "_" + name
    return name + "_" if keyword.iskeyword(name) else name


class _Namer:
    """Python names of object types: a selected type's generated class, else
    the class a loaded module bound to it (imported), else its nearest such
    ancestor (ultimately ``Object``)."""

    def __init__(self, selected: dict[str, str]) -> None:
        self.selected = selected
        #: Modules whose classes annotations name (imported for type checking only).
        self.type_imports: set[str] = set()
        #: Modules whose classes are base classes (imported at run time).
        self.runtime_imports: set[str] = set()
        #: Package names (``Object``, ``Enum``) that object types were spelled with.
        self.needs: set[str] = set()
        self.first_object_index = core._type_key_to_index("ffi.Object")

    def bound_class_path(self, key: str) -> tuple[str, str] | None:
        """(module, qualified name) of the importable class bound to ``key``."""
        index = core._object_type_key_to_index(key)
        cls = None if index is None else core._registered_object_class(index)
        info = getattr(cls, "__tvm_ffi_type_info__", None)
        if cls is None or info is None or info.type_key != key:
            return None
        module, qualname = cls.__module__, cls.__qualname__
        if module == "__main__" or "<" in qualname:
            return None
        found: Any = sys.modules.get(module)
        for part in qualname.split("."):
            found = getattr(found, part, None)
        return (module, qualname) if found is cls else None

    def spelled_as(self, key: str) -> str | None:
        """The key whose class spells ``key``: itself or its nearest ancestor
        that is selected or bound to an importable class; None for
        ``Object`` / ``Enum`` or a type with no class."""
        index = core._object_type_key_to_index(key)
        if key in self.selected:
            return key
        if index is None or index < self.first_object_index or key == _ENUM_KEY:
            return None
        chain = [key, *(core._type_index_to_key(i) for i in reversed(core._type_ancestors(index)))]
        for candidate in chain:
            if candidate in self.selected:
                return candidate
            if candidate.startswith("ffi."):
                break
            if self.bound_class_path(candidate) is not None:
                return candidate
        return None

    def name_of(self, key: str, *, runtime: bool = False) -> str | None:
        """The Python spelling of ``key`` in annotations (``runtime``: as a base class)."""
        index = core._object_type_key_to_index(key)
        if key not in self.selected and (index is None or index < self.first_object_index):
            return None  # unregistered, or a plain value (void*, DLDevice...) with no class
        if key == _ENUM_KEY:
            self.needs.add("Enum")
            return "Enum"
        origin = self.spelled_as(key)
        if origin is None:
            self.needs.add("Object")
            return "Object"
        if origin in self.selected:
            return self.selected[origin]
        path = self.bound_class_path(origin)
        assert path is not None
        (self.runtime_imports if runtime else self.type_imports).add(path[0])
        return f"{path[0]}.{path[1]}"

    def annotate(self, text: str, *, accepting: bool) -> Annotation:
        """The annotation of a declared type; unparsable text becomes ``Any`` with a note."""
        try:
            node = parse_type(text)
        except ValueError:
            return Annotation("Any", {"Any"}, [text])
        return self.annotate_node(node, accepting=accepting)

    def annotate_node(self, node: TypeNode, *, accepting: bool) -> Annotation:
        """The annotation of a parsed declared type."""
        return annotate(node, self.name_of, accepting=accepting)


def _untyped() -> Signature:
    return Signature([], Annotation("Any", {"Any"}), typed=False)


def _function_signature(namer: _Namer, func: Function, *, drop_self: bool) -> Signature:
    schema = function_type_schema(func)
    if schema is None:
        return _untyped()
    try:
        params, result = parse_function_schema(schema)
    except ValueError:
        return _untyped()
    if drop_self:
        params = params[1:]
    return Signature(
        [Param(f"arg{i}", namer.annotate_node(p, accepting=True)) for i, p in enumerate(params)],
        namer.annotate_node(result, accepting=False),
    )


def _literal(value: Any) -> str:
    """Python source for a default: the literal when it is one, else ``...``."""
    if value is None or type(value) is bool:
        return repr(value)
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        return repr(value)
    if isinstance(value, str):
        text = repr(str(value))
        if text[0] == "'" and '"' not in value:  # the double quotes the formatter writes
            text = '"' + text[1:-1].replace("\\'", "'") + '"'
        return text
    return "..."


def _allow_none(annotation: Annotation) -> None:
    """Widen to ``| None``: a nullable object field (declared as its type,
    defaulting to None) holds None too."""
    if annotation.text != "Any" and "None" not in annotation.text.split(" | "):
        annotation.text += " | None"


def _init_signature(namer: _Namer, info: TypeInfo) -> Signature | None:
    if info.auto_init:
        by_name = {f.name: f for f in info.all_fields()}
        rows = core._get_global_func("ffi.AutoInitSignature")(info.type_index)  # type: ignore[misc]
        params: list[Param] = []
        for name, kind, default, is_factory in rows:
            field: TypeField = by_name[name]
            if python_name(name) != name:
                return _untyped()  # no keyword argument can spell it
            has_default = kind == 1 or (kind == 2 and field.has_default)
            annotation = namer.annotate(field.type_str, accepting=True)
            if has_default and not is_factory and default is None:
                _allow_none(annotation)
            params.append(
                Param(
                    name,
                    annotation,
                    keyword_only=kind == 2,
                    default=("..." if is_factory else _literal(default)) if has_default else None,
                )
            )
        return Signature(params, Annotation("None"), positional_only=False)
    ctor = core._lookup_type_attr(info.type_index, "__ffi_init__")
    if ctor is None:
        return None
    signature = _function_signature(namer, ctor, drop_self=False)
    signature.result = Annotation("None")
    return signature


def _class_model(
    namer: _Namer, info: TypeInfo, enum_index: int | None, options: dict[str, bool]
) -> ClassModel:
    name = namer.selected[info.type_key]
    is_enum = enum_index is not None and enum_index in info.ancestors
    skipped: list[str] = []
    fields: list[FieldModel] = []
    for f in info.fields:
        if python_name(f.name) != f.name:
            skipped.append(f"field `{f.name}`: not a Python identifier")
            continue
        annotation = namer.annotate(f.type_str, accepting=False)
        if f.has_default and not f.default_is_factory and f.default is None:
            _allow_none(annotation)
        fields.append(FieldModel(f.name, annotation, f.writable))
    methods: list[MethodModel] = []
    for m in sorted(info.methods, key=lambda m: m.name):
        if m.name.startswith("__"):
            continue  # protocol hooks (__ffi_eq__...) are no Python methods
        if python_name(m.name) != m.name:
            skipped.append(f"method `{m.name}`: not a Python identifier")
            continue
        methods.append(
            MethodModel(
                m.name,
                m.doc,
                m.is_static,
                _function_signature(namer, m.func, drop_self=not m.is_static),
            )
        )
    variants: list[str] = []
    if is_enum:
        entries = core._enum_table(info.type_index, core._ENUM_ENTRIES, False)
        for variant in sorted(
            entries.values() if entries is not None else (), key=lambda v: v.value
        ):
            if python_name(variant.name) == variant.name:
                variants.append(variant.name)
            else:
                skipped.append(
                    f"variant `{variant.name}`: not a Python identifier "
                    f"(reach it with {name}.get({variant.name!r}))"
                )
        base = "Enum"
    else:
        base = namer.name_of(_parent_key(info), runtime=True) or "Object"
    init = None if is_enum else _init_signature(namer, info)
    return ClassModel(
        info.type_key,
        name,
        base,
        fields,
        methods,
        init,
        is_enum,
        variants,
        skipped,
        {} if is_enum else options,
    )


def _parent_key(info: TypeInfo) -> str:
    return core._type_index_to_key(info.ancestors[-1]) if info.ancestors else "ffi.Object"


def _inherited_options(
    namer: _Namer, info: TypeInfo, options: dict[str, bool], frozen: set[str]
) -> dict[str, bool]:
    """``options`` with ``frozen`` as the class's base makes it: set when the
    base (the generated or imported class it derives from) is frozen, and a
    ValueError when ``frozen`` is asked for over any other base but Object.
    ``frozen`` holds the keys of the frozen classes made so far."""
    base = namer.spelled_as(_parent_key(info))
    if base in frozen:
        return {**options, "frozen": True}  # a frozen class's subclasses are frozen too
    if options.get("frozen") and base is not None:
        why = (
            "is not frozen"
            if base in namer.selected
            else "is outside the selection (whether it is frozen is not known)"
        )
        raise ValueError(
            f"stubgen: --frozen covers {info.type_key!r}, but its base {base!r} {why}; "
            "a frozen class cannot derive from a mutable one"
        )
    return options


def _class_names(keys: Iterable[str]) -> dict[str, str]:
    """A class name per key: its last part, with more parts where two would clash."""
    keys = sorted(keys)
    names: dict[str, str] = {}
    depth = 1
    pending = keys
    while pending:
        chosen = {k: _unreserved(python_name("_".join(k.split(".")[-depth:]))) for k in pending}
        counts: dict[str, int] = {}
        for n in chosen.values():
            counts[n] = counts.get(n, 0) + 1
        pending = [k for k in pending if counts[chosen[k]] > 1 and depth < k.count(".") + 1]
        for k, n in chosen.items():
            if k not in pending:
                names[k] = n
        depth += 1
    return names


def _unreserved(name: str) -> str:
    while name in RESERVED_NAMES:
        name += "_"
    return name


def _parents_first(infos: dict[str, TypeInfo]) -> list[TypeInfo]:
    order: list[TypeInfo] = []
    done: set[str] = set()

    def visit(info: TypeInfo) -> None:
        if info.type_key in done:
            return
        done.add(info.type_key)
        for index in info.ancestors:
            key = core._type_index_to_key(index)
            if key in infos:
                visit(infos[key])
        order.append(info)

    for key in sorted(infos):
        visit(infos[key])
    return order


@dataclasses.dataclass
class ModuleModel:
    """Everything one generated module declares."""

    classes: list[ClassModel]
    functions: list[FunctionModel]
    #: Modules whose classes the annotations name.
    type_imports: set[str]
    #: Modules whose classes are base classes of generated ones.
    runtime_imports: set[str]
    #: Package names the annotations use besides the annotations' own ``needs``.
    needs: set[str]


def collect(
    type_keys: Iterable[str],
    functions: Iterable[tuple[str, str, Function, bool]],
    class_options: Callable[[str], dict[str, bool]] = lambda _key: {},
) -> ModuleModel:
    """The model of a module for the selected types and the functions given
    as (wanted Python name, registered name, Function, is a library export).
    ``class_options`` gives a type's ``@c_class`` options by its key.
    Classes come parents first, functions globals first, each by name."""
    infos = {key: type_info(key) for key in type_keys}
    namer = _Namer(_class_names(infos))
    enum_index = core._object_type_key_to_index(_ENUM_KEY)
    classes: list[ClassModel] = []
    frozen: set[str] = set()
    for info in _parents_first(infos):
        options = _inherited_options(namer, info, class_options(info.type_key), frozen)
        if options.get("frozen"):
            frozen.add(info.type_key)
        classes.append(_class_model(namer, info, enum_index, options))
    taken = set(namer.selected.values()) | RESERVED_NAMES
    models: list[FunctionModel] = []
    for wanted, ffi_name, func, exported in sorted(functions, key=lambda row: (row[3], row[1])):
        name = python_name(wanted)
        while name in taken:
            name += "_"
        taken.add(name)
        models.append(
            FunctionModel(
                name, ffi_name, _function_signature(namer, func, drop_self=False), exported
            )
        )
    return ModuleModel(
        classes,
        models,
        namer.type_imports - namer.runtime_imports,
        namer.runtime_imports,
        namer.needs,
    )
