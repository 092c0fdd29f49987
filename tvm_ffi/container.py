# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Containers shared with C++: ``Array``, ``List``, ``Map`` and ``Dict``.

``Array`` and ``Map`` are immutable (a C++ holder may rely on that);
``List`` and ``Dict`` are mutable and shared: every holder, in Python or C++,
sees a change at once. They implement the ``collections.abc`` protocols
(``Sequence``, ``MutableSequence``, ``Mapping``, ``MutableMapping``) and
compare equal to plain lists and dicts with the same items.

The element work (bounds checks, conversion, mutation) is native
(``core._seq_*`` / ``core._map_*``); this module only adds the protocols.
"""
# pyright: reportPrivateUsage=false
# (core._* are this package's own native entry points.)


from __future__ import annotations

import operator
from collections.abc import (
    ItemsView,
    Iterable,
    Iterator,
    Mapping,
    MutableMapping,
    MutableSequence,
    Sequence,
    ValuesView,
)
from typing import Any, SupportsIndex, TypeVar, overload

from . import core
from .core import Object

__all__ = ["Array", "Dict", "List", "Map"]

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")

_MISSING: Any = object()


def _seq_eq(self: Object, other: object) -> bool:
    """Structural equality (the native engine) with any of our sequences or a
    plain list or tuple; never equal to str/bytes or non-sequences."""
    if self is other:
        return True
    if isinstance(other, (str, bytes)) or not isinstance(other, (list, tuple, _SeqBase)):
        return False
    return core._eq(self, other)  # pyright: ignore[reportUnknownArgumentType]


def _check_key(key: object) -> None:
    # A list or dict key would become a fresh container each time and never
    # be found again; reject what Python's dict rejects.
    hash(key)


class _SeqBase(Object, Sequence[T]):
    """The read half shared by Array and List."""

    __slots__ = ()

    def __len__(self) -> int:
        return core._seq_len(self)

    @overload
    def __getitem__(self, index: SupportsIndex) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: SupportsIndex | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return type(self)(core._seq_items(self)[index])  # type: ignore[call-arg]
        return core._seq_getitem(self, index)  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[T]:
        return iter(core._seq_items(self))

    def __reversed__(self) -> Iterator[T]:
        items: list[T] = core._seq_items(self)
        return reversed(items)

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        """The first index of ``value`` in ``[start, stop)``; ValueError when absent."""
        items = core._seq_items(self)
        return items.index(value, start, len(items) if stop is None else stop)

    def __eq__(self, other: object) -> bool:
        return _seq_eq(self, other)

    def __ne__(self, other: object) -> bool:
        return not _seq_eq(self, other)

    __hash__ = None  # type: ignore[assignment]



class Array(_SeqBase[T]):
    """An immutable sequence shared with C++ (``ffi::Array<T>``).

    ``Array(iterable)`` converts each item; lists and tuples passed to native
    functions become Arrays automatically. Slicing gives a new Array.
    """

    __slots__ = ()

    def __new__(cls, items: Iterable[T] = ()) -> Array[T]:
        return core._seq_create(False, items)  # type: ignore[no-any-return]

    @overload
    def __getitem__(self, index: SupportsIndex) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Array[T]: ...
    def __getitem__(self, index: SupportsIndex | slice) -> T | Array[T]:
        return super().__getitem__(index)  # type: ignore[return-value]

    def __hash__(self) -> int:  # type: ignore[override]
        # Structural, like a tuple's: equal Arrays hash equal, and one
        # holding a List or Dict is unhashable (TypeError).
        return core._hash(self)

    def __copy__(self) -> Array[T]:
        return self  # immutable: a copy is the same value


class List(_SeqBase[T], MutableSequence[T]):
    """A mutable sequence shared with C++ (``ffi::List<T>``).

    Every holder sees changes: a ``List`` passed to C++ and appended to there
    shows the new item here. Slicing gives a new List (a copy).
    """

    __slots__ = ()

    def __new__(cls, items: Iterable[T] = ()) -> List[T]:
        return core._seq_create(True, items)  # type: ignore[no-any-return]

    @overload
    def __getitem__(self, index: SupportsIndex) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> List[T]: ...
    def __getitem__(self, index: SupportsIndex | slice) -> T | List[T]:
        return super().__getitem__(index)  # type: ignore[return-value]

    @overload
    def __setitem__(self, index: SupportsIndex, value: T) -> None: ...
    @overload
    def __setitem__(self, index: slice, value: Iterable[T]) -> None: ...
    def __setitem__(self, index: SupportsIndex | slice, value: Any) -> None:
        if isinstance(index, slice):
            # Python's list decides the result (and raises on a bad extended
            # slice) before anything native changes.
            items = core._seq_items(self)
            items[index] = value
            core._seq_splice(self, 0, len(self), items)
        else:
            core._seq_setitem(self, index, value)

    def __delitem__(self, index: SupportsIndex | slice) -> None:
        if isinstance(index, slice):
            items = core._seq_items(self)
            del items[index]
            core._seq_splice(self, 0, len(self), items)
            return
        n = len(self)
        i = operator.index(index)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("List index out of range")
        core._seq_splice(self, i, i + 1, ())

    def insert(self, index: SupportsIndex, value: T) -> None:
        """Insert ``value`` before ``index`` (clamped, as ``list.insert``)."""
        n = len(self)
        i = operator.index(index)
        if i < 0:
            i = max(i + n, 0)
        i = min(i, n)
        core._seq_splice(self, i, i, (value,))

    def append(self, value: T) -> None:
        """Append ``value`` at the end."""
        n = len(self)
        core._seq_splice(self, n, n, (value,))

    def extend(self, values: Iterable[T]) -> None:
        """Append every item of ``values`` (which may be this list)."""
        n = len(self)
        core._seq_splice(self, n, n, list(values))

    def pop(self, index: int = -1) -> T:
        """Remove and return the item at ``index``; IndexError when out of range."""
        item: T = self[index]
        del self[index]
        return item

    def clear(self) -> None:
        """Remove every item."""
        core._seq_splice(self, 0, len(self), ())

    def reverse(self) -> None:
        """Reverse the items in place."""
        core._seq_reverse(self)

    def __copy__(self) -> List[T]:
        return List(self)


class _ItemsView(ItemsView[K, V]):
    """``Mapping.items()`` without a lookup per key."""

    def __init__(self, mapping: _MapBase[K, V]) -> None:
        super().__init__(mapping)
        self._native = mapping

    def __iter__(self) -> Iterator[tuple[K, V]]:
        return iter(core._map_items(self._native))


class _ValuesView(ValuesView[V]):
    """``Mapping.values()`` without a lookup per key."""

    def __init__(self, mapping: _MapBase[Any, V]) -> None:
        super().__init__(mapping)
        self._native = mapping

    def __iter__(self) -> Iterator[V]:
        return iter(core._map_values(self._native))


class _MapBase(Object, Mapping[K, V]):
    """The read half shared by Map and Dict."""

    __slots__ = ()

    def __len__(self) -> int:
        return core._map_len(self)

    def __getitem__(self, key: K) -> V:
        _check_key(key)
        value = core._map_find(self, key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value  # type: ignore[no-any-return]

    def get(self, key: K, default: Any = None) -> Any:
        """The value of ``key``, or ``default`` when absent."""
        _check_key(key)
        return core._map_find(self, key, default)

    def __contains__(self, key: object) -> bool:
        _check_key(key)
        return core._map_find(self, key, _MISSING) is not _MISSING

    def __iter__(self) -> Iterator[K]:
        return iter(core._map_keys(self))

    def items(self) -> ItemsView[K, V]:
        """A view of the (key, value) pairs, read in one native call per iteration."""
        return _ItemsView(self)

    def values(self) -> ValuesView[V]:
        """A view of the values, read in one native call per iteration."""
        return _ValuesView(self)

    def __eq__(self, other: object) -> bool:
        # Structural (the native engine), with any of our maps or a plain dict.
        if self is other:
            return True
        if not isinstance(other, (dict, _MapBase)):
            return False
        return core._eq(self, other)  # pyright: ignore[reportUnknownArgumentType]

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = None  # type: ignore[assignment]



class Map(_MapBase[K, V]):
    """An immutable mapping shared with C++ (``ffi::Map<K, V>``).

    Keys follow ``dict``'s rule: numbers by value across kinds (``1``,
    ``1.0`` and ``True`` are one key; the first inserted stays), strings and
    bytes by content, Arrays (tuples) by value, other objects by identity;
    every NaN is one key. Items keep insertion order. ``dict`` values passed
    to native functions become Maps automatically. ``hash()`` refuses a Map
    holding a List or Dict, as Python refuses a tuple holding a list.
    """

    __slots__ = ()

    def __new__(cls, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> Map[K, V]:
        return core._map_create(False, items)  # type: ignore[no-any-return]

    def __hash__(self) -> int:  # type: ignore[override]
        # Structural and order-independent: equal Maps hash equal.
        return core._hash(self)

    def __copy__(self) -> Map[K, V]:
        return self  # immutable: a copy is the same value


class Dict(_MapBase[K, V], MutableMapping[K, V]):
    """A mutable mapping shared with C++ (``ffi::Dict<K, V>``)."""

    __slots__ = ()

    def __new__(cls, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> Dict[K, V]:
        return core._map_create(True, items)  # type: ignore[no-any-return]

    def __copy__(self) -> Dict[K, V]:
        return Dict(core._map_items(self))

    def __setitem__(self, key: K, value: V) -> None:
        _check_key(key)
        core._map_setitem(self, key, value)

    def __delitem__(self, key: K) -> None:
        _check_key(key)
        if not core._map_delitem(self, key):
            raise KeyError(key)

    def clear(self) -> None:
        """Remove every item."""
        core._map_clear(self)


for _cls, _key in ((Array, "ffi.Array"), (List, "ffi.List"), (Map, "ffi.Map"), (Dict, "ffi.Dict")):
    core._register_object_class(core._type_key_to_index(_key), _cls)
del _cls, _key
