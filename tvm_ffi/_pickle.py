# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""``pickle`` for every object, through the JSON graph format.

``Object.__reduce__`` (native) calls :func:`reduce_object`: the pickled
form is the object's JSON graph (:func:`tvm_ffi.serialization.to_json_graph_str`)
plus the Python classes of the types in it that pickle can name by module
and qualified name. Unpickling loads those classes first, and a class's
module registers its type when imported (a ``@py_class``, an enum, a
plugin's bindings), so a fresh process can rebuild the graph as long as
the modules import. Enum variants and the sentinels pickle by name, as
the singletons they are (their classes define ``__reduce__`` of their own).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

from . import core
from .core import Object
from .serialization import from_json_graph_str, to_json_graph_str

# A node's type key as the serializer writes it. Inside a JSON string a
# quote is escaped, so this cannot match text in a node's data.
_TYPE_KEY = re.compile(r'"type":\s*"([^"\\]*)"')


def reduce_object(
    obj: Object,
) -> tuple[Callable[[str, tuple[type, ...]], Any], tuple[str, tuple[type, ...]]]:
    """The ``__reduce__`` of every object: ``(restore_object, (graph, classes))``."""
    graph = to_json_graph_str(obj)
    return restore_object, (graph, _importable_classes(graph))


def restore_object(graph: str, classes: tuple[type, ...]) -> Any:
    """The inverse of :func:`reduce_object`. ``classes`` is not used here: pickle
    has already imported their modules (registering their types) to pass it."""
    del classes
    return from_json_graph_str(graph)


def _importable_classes(graph: str) -> tuple[type, ...]:
    """The bound Python classes of the graph's types that pickle can name."""
    found: list[type] = []
    for key in set(_TYPE_KEY.findall(graph)):
        try:
            index = core._type_key_to_index(key)  # pyright: ignore[reportPrivateUsage]
        except KeyError:
            continue  # custom node data that happens to have a "type" key
        cls = core._registered_object_class(index)  # pyright: ignore[reportPrivateUsage]
        if isinstance(cls, type) and _names_itself(cls):
            found.append(cls)
    found.sort(key=lambda c: (c.__module__, c.__qualname__))  # the same bytes every time
    return tuple(found)


def _names_itself(cls: type) -> bool:
    """Whether ``module.qualname`` finds ``cls`` (not a class made in a function)."""
    target: object = sys.modules.get(cls.__module__)
    for part in cls.__qualname__.split("."):
        target = getattr(target, part, None)
    return target is cls
