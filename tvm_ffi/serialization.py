# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Object graphs to and from JSON text, in apache-tvm-ffi's JSON graph format.

The text is ``{"root_index": i, "nodes": [{"type": key, "data": ...}, ...],
"metadata": {...}}``: one node per distinct value, so shared objects stay
shared and cycles survive. Files move between this package and
``apache-tvm-ffi`` in both directions (for acyclic graphs; the reference
cannot write or read a cycle).

Loading is safe on untrusted text: a malformed document raises
``ValueError`` naming the node and the fault, and builds nothing. A type is
found by its key, so the module that defines a ``@py_class`` (or the
library that registers a C++ type) must be imported before its objects are
loaded.
"""

# pyright: reportPrivateUsage=false
# (core._* are this package's own native entry points.)
# pyright: reportUnnecessaryIsInstance=false
# (the isinstance check serves callers that ignore the annotations.)

from __future__ import annotations

from typing import Any

from . import core
from .core import Function
from .registry import get_global_func

__all__ = ["from_json_graph_str", "to_json_graph_str"]

_TO_JSON_GRAPH_STRING: Function = get_global_func("ffi.ToJSONGraphString")


def to_json_graph_str(obj: Any, metadata: dict[str, Any] | None = None) -> str:
    """Write ``obj`` and everything it reaches as a JSON graph string.

    ``obj`` may be None, a bool, int, float, str or bytes, a container, a
    reflected object (``@c_class``, ``@py_class``), an enum variant or
    ``MISSING`` / ``KWARGS``; Python lists, tuples and dicts are converted
    first (to ``Array`` and ``Map``). ``metadata``, JSON-compatible values, is
    stored under ``"metadata"`` (:func:`from_json_graph_str` does not return
    it).

    Raises :class:`TypeError` when the graph holds something with no JSON
    form (a ``Function``, an opaque Python object, a type that cannot be
    created blank); the message names the type and its path from the root,
    such as ``root[3].next.fn``.
    """
    result: str = _TO_JSON_GRAPH_STRING(obj, metadata)
    return result


def from_json_graph_str(json_str: str) -> Any:
    """Load the value a JSON graph string describes.

    Enum variants come back as the registered singletons; other objects are
    new, with the sharing and cycles the text states.

    Raises :class:`ValueError` when the text is not valid JSON or not a valid
    graph (an unknown type key, a missing or extra field, a wrong JSON type,
    a node number out of range, ...), naming the node, and
    :class:`TypeError` when ``json_str`` is not a ``str``.
    """
    if not isinstance(json_str, str):  # None too, which nanobind's check names badly
        raise TypeError(f"from_json_graph_str() expects a str, got {type(json_str).__name__}")
    # ffi.FromJSONGraphString, reading the str in place rather than a copy of it.
    return core._from_json_graph_str(json_str)
