# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Reading declared types and writing them as Python annotations.

The registry spells a declared type the way C++ ``TypeStr`` prints it
(``Array<str>``, ``Optional<int>``, ``Map<str, Any>``, a type key such as
``testing.TestIntPair``) or, for fields of Python-defined types, the way a
schema is written (``Optional[List[int]]``). Both spellings parse to the
same :class:`TypeNode`. A Function's schema is ``(int, Array<str>) -> float``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

__all__ = ["Annotation", "TypeNode", "annotate", "parse_function_schema", "parse_type"]

_TOKEN = re.compile(r"\s*([<>\[\],]|[^<>\[\],]+)")


@dataclasses.dataclass(frozen=True)
class TypeNode:
    """One parsed declared type: a name and its type arguments."""

    name: str
    args: tuple[TypeNode, ...] = ()

    def __str__(self) -> str:
        if not self.args:
            return self.name
        return f"{self.name}<{', '.join(str(a) for a in self.args)}>"


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:  # only trailing blanks are left
            break
        token = match.group(1).strip()
        if token:
            out.append(token)
        pos = match.end()
    return out


def parse_type(text: str) -> TypeNode:
    """The :class:`TypeNode` of a declared type; ``ValueError`` if malformed."""
    tokens = _tokens(text)
    node, end = _parse_at(tokens, 0, text)
    if end != len(tokens):
        raise ValueError(f"unexpected `{tokens[end]}` in the type `{text}`")
    return node


def _parse_at(tokens: list[str], i: int, text: str) -> tuple[TypeNode, int]:
    if i >= len(tokens) or tokens[i] in "<>[],":
        raise ValueError(f"a type name is missing in `{text}`")
    name = tokens[i]
    i += 1
    if i < len(tokens) and tokens[i] in ("<", "["):
        closer = ">" if tokens[i] == "<" else "]"
        args: list[TypeNode] = []
        while True:
            arg, i = _parse_at(tokens, i + 1, text)
            args.append(arg)
            if i < len(tokens) and tokens[i] == ",":
                continue
            if i < len(tokens) and tokens[i] == closer:
                return TypeNode(name, tuple(args)), i + 1
            raise ValueError(f"`{closer}` is missing in the type `{text}`")
    return TypeNode(name), i


def parse_function_schema(text: str) -> tuple[list[TypeNode], TypeNode]:
    """The parameter types and result type of ``(A, B) -> R``; ``ValueError`` if malformed."""
    head, arrow, result = text.rpartition("->")
    head = head.strip()
    if not arrow or not head.startswith("(") or not head.endswith(")"):
        raise ValueError(f"a function schema reads `(A, B) -> R`, got `{text}`")
    inner = head[1:-1].strip()
    params: list[TypeNode] = []
    if inner:
        tokens = _tokens(inner)
        i = 0
        while True:
            node, i = _parse_at(tokens, i, text)
            params.append(node)
            if i == len(tokens):
                break
            if tokens[i] != ",":
                raise ValueError(f"unexpected `{tokens[i]}` in the function schema `{text}`")
            i += 1
    return params, parse_type(result)


@dataclasses.dataclass
class Annotation:
    """A Python annotation being written, with what it needs.

    ``needs`` holds the plain names it uses (``Any``, ``Array``...), to be
    imported; ``unsupported`` names the declared types that became ``Any``
    (they have no Python type the generator knows), for a comment next to it.
    """

    text: str
    needs: set[str] = dataclasses.field(default_factory=set[str])
    unsupported: list[str] = dataclasses.field(default_factory=list[str])


#: Declared names with a fixed Python spelling (read and passed alike).
_SCALARS = {
    "int": "int",
    "float": "float",
    "bool": "bool",
    "str": "str",
    "bytes": "bytes",
    "None": "None",
    "Any": "Any",
    "ffi.String": "str",
    "ffi.Bytes": "bytes",
    "Object": "Object",
    "ffi.Object": "Object",
    "Callable": "Function",
    "ffi.Function": "Function",
    "ffi.Enum": "Enum",
}

_BUILTINS = {"int", "float", "bool", "str", "bytes", "None"}

#: Container names: (their Python class when read, what a parameter accepts, arity).
_CONTAINERS = {
    "Array": ("Array", "Sequence", 1),
    "ffi.Array": ("Array", "Sequence", 1),
    "List": ("List", "Sequence", 1),
    "ffi.List": ("List", "Sequence", 1),
    "Map": ("Map", "Mapping", 2),
    "ffi.Map": ("Map", "Mapping", 2),
    "Dict": ("Dict", "Mapping", 2),
    "ffi.Dict": ("Dict", "Mapping", 2),
}


def annotate(
    node: TypeNode, name_object: Callable[[str], str | None], *, accepting: bool
) -> Annotation:
    """The annotation of ``node``.

    ``name_object(type_key)`` gives the Python name of an object type (None
    when the key is not a registered type). ``accepting`` is for parameters:
    containers are then the abstract ``Sequence``/``Mapping`` the call
    converts from (a ``list`` passes for an ``Array<int>``).
    """
    out = Annotation("")
    out.text = _annotate(node, name_object, accepting, out)
    return out


def _annotate(
    node: TypeNode, name_object: Callable[[str], str | None], accepting: bool, out: Annotation
) -> str:
    def sub(child: TypeNode) -> str:
        return _annotate(child, name_object, accepting, out)

    def unsupported() -> str:
        out.unsupported.append(str(node))
        out.needs.add("Any")
        return "Any"

    if node.name in _SCALARS and not node.args:
        text = _SCALARS[node.name]
        if text not in _BUILTINS:
            out.needs.add(text)
        return text
    if node.name in _CONTAINERS:
        read_as, accepted_as, arity = _CONTAINERS[node.name]
        if node.args and len(node.args) != arity:
            return unsupported()
        if not node.args:
            out.needs.add("Any")
        args = [sub(a) for a in node.args] if node.args else ["Any"] * arity
        container = accepted_as if accepting else read_as
        out.needs.add(container)
        return f"{container}[{', '.join(args)}]"
    if node.name == "Optional" and len(node.args) == 1:
        inner = sub(node.args[0])
        return inner if inner in ("Any", "None") else f"{inner} | None"
    if node.name == "Union" and node.args:
        members: list[str] = []
        for arg in node.args:
            text = sub(arg)
            if text not in members:
                members.append(text)
        return "Any" if "Any" in members else " | ".join(members)
    if not node.args:
        named = name_object(node.name)
        if named is not None:
            return named
    return unsupported()
