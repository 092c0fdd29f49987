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
    Callable,
    ItemsView,
    Iterable,
    Iterator,
    Mapping,
    MutableMapping,
    MutableSequence,
    Sequence,
    ValuesView,
)
from typing import TYPE_CHECKING, Any, ClassVar, SupportsIndex, TypeVar, overload

if TYPE_CHECKING:
    from _typeshed import SupportsKeysAndGetItem, SupportsRichComparison, SupportsRichComparisonT

from . import core
from .core import Object

__all__ = ["Array", "Dict", "List", "Map"]

T = TypeVar("T")
S = TypeVar("S")
K = TypeVar("K")
V = TypeVar("V")
K2 = TypeVar("K2")
V2 = TypeVar("V2")

_MISSING: Any = object()


def _seq_eq(self: Object, other: object) -> bool:
    """Structural equality (the native engine) with any of our sequences or a
    plain list or tuple; never equal to str/bytes or non-sequences."""
    if self is other:
        return True
    if isinstance(other, (str, bytes)) or not isinstance(other, (list, tuple, _SeqBase)):
        return False
    return core._eq(self, other)  # pyright: ignore[reportUnknownArgumentType]


def _concat(mutable: bool, first: object, second: object) -> Any:
    """``first + second`` as a new List (or Array), or NotImplemented unless
    both are our sequences, lists or tuples: like list, ``+`` never iterates
    an arbitrary iterable (a str would silently split into characters)."""
    if not isinstance(first, _CONCAT_OPERANDS) or not isinstance(second, _CONCAT_OPERANDS):
        return NotImplemented
    return core._seq_concat(mutable, first, second)  # pyright: ignore[reportUnknownArgumentType]


def _repeat(mutable: bool, seq: _SeqBase[Any], count: SupportsIndex) -> Any:
    """``seq * count`` as a new List (or Array); NotImplemented for a non-integer count."""
    if not hasattr(type(count), "__index__"):
        return NotImplemented
    return core._seq_repeat(mutable, seq, count)


def _merge(mutable: bool, first: object, second: object) -> Any:
    """``first | second`` as a new Dict (or Map), or NotImplemented unless both
    are our mappings or dicts (as dict's ``|`` takes only dicts)."""
    if not isinstance(first, _MERGE_OPERANDS) or not isinstance(second, _MERGE_OPERANDS):
        return NotImplemented
    return core._map_merge(mutable, first, second)  # pyright: ignore[reportUnknownArgumentType]


def _position_of(seq: _SeqBase[Any], value: object, start: object, stop: object, who: str) -> int:
    """The first position of ``value`` in ``seq[start:stop]`` (``list.index``'s
    rules); errors start with ``who``."""
    for name, bound in (("start", start), ("stop", stop)):
        if bound is not None and not hasattr(type(bound), "__index__"):
            raise TypeError(f"{who} {name} must be an integer, got {type(bound).__name__}")
    items: list[Any] = core._seq_items(seq)
    try:
        return items.index(value, start, len(items) if stop is None else stop)  # type: ignore[arg-type]
    except ValueError:
        kind = "List" if isinstance(seq, List) else "Array"
        raise ValueError(f"{who}: {value!r} is not in the {kind}") from None


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

    def index(self, value: Any, start: SupportsIndex = 0, stop: SupportsIndex | None = None) -> int:
        """The first index of ``value`` in ``[start, stop)``; ValueError when absent."""
        return _position_of(self, value, start, stop, f"{type(self).__name__}.index()")

    def __eq__(self, other: object) -> bool:
        return _seq_eq(self, other)

    def __ne__(self, other: object) -> bool:
        return not _seq_eq(self, other)

    # Mutable ones are unhashable; Array and Map define a structural hash.
    __hash__: ClassVar[None] = None  # type: ignore[assignment]


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

    def __add__(self, other: list[S] | tuple[S, ...] | _SeqBase[S]) -> Array[T | S]:
        """A new Array of these items then ``other``'s (an Array, List, list or tuple)."""
        return _concat(False, self, other)  # type: ignore[no-any-return]

    def __radd__(self, other: list[S] | tuple[S, ...]) -> Array[S | T]:
        """A new Array of ``other``'s items (a list or tuple) then these."""
        return _concat(False, other, self)  # type: ignore[no-any-return]

    def __mul__(self, count: SupportsIndex) -> Array[T]:
        """A new Array of these items repeated ``count`` times (empty for ``count <= 0``)."""
        return _repeat(False, self, count)  # type: ignore[no-any-return]

    def __rmul__(self, count: SupportsIndex) -> Array[T]:
        """``count * array``: the same as ``array * count``."""
        return _repeat(False, self, count)  # type: ignore[no-any-return]

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
            try:
                values = iter(value)
            except TypeError:
                raise TypeError(
                    f"List slice assignment expects an iterable, got {type(value).__name__}"
                ) from None
            # Python's list decides the result (and raises on a bad extended
            # slice) before anything native changes.
            items = core._seq_items(self)
            items[index] = values
            core._seq_splice(self, 0, len(self), items)
        else:
            core._seq_setitem(self, index, value)

    def __delitem__(self, index: SupportsIndex | slice) -> None:
        if isinstance(index, slice):
            items = core._seq_items(self)
            del items[index]
            core._seq_splice(self, 0, len(self), items)
            return
        i = core._seq_position(self, index, None)
        core._seq_splice(self, i, i + 1, ())

    def insert(self, index: SupportsIndex, value: T) -> None:
        """Insert ``value`` before ``index`` (clamped, as ``list.insert``)."""
        if not hasattr(type(index), "__index__"):
            raise TypeError(f"List.insert() index must be an integer, got {type(index).__name__}")
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
        core._seq_extend(self, values, "List.extend()")

    def pop(self, index: SupportsIndex = -1) -> T:
        """Remove and return the item at ``index``; IndexError when out of range."""
        if len(self) == 0:
            raise IndexError("List.pop() from an empty List")
        i = core._seq_position(self, index, "List.pop() index")
        item: T = core._seq_getitem(self, i)
        core._seq_splice(self, i, i + 1, ())
        return item

    def remove(self, value: T) -> None:
        """Remove the first item equal to ``value``; ValueError when there is none."""
        i = _position_of(self, value, 0, None, "List.remove()")
        core._seq_splice(self, i, i + 1, ())

    def clear(self) -> None:
        """Remove every item."""
        core._seq_splice(self, 0, len(self), ())

    def reverse(self) -> None:
        """Reverse the items in place."""
        core._seq_reverse(self)

    def __add__(self, other: list[S] | tuple[S, ...] | _SeqBase[S]) -> List[T | S]:
        """A new List of these items then ``other``'s (a List, Array, list or tuple)."""
        return _concat(True, self, other)  # type: ignore[no-any-return]

    def __radd__(self, other: list[S] | tuple[S, ...]) -> List[S | T]:
        """A new List of ``other``'s items (a list or tuple) then these."""
        return _concat(True, other, self)  # type: ignore[no-any-return]

    # `+=` takes any iterable but `+` only sequences, exactly as list (whose
    # typeshed stub silences the same check).
    def __iadd__(self, values: Iterable[T]) -> List[T]:  # type: ignore[misc]
        """Append every item of ``values`` (any iterable, as ``list +=``), in place."""
        core._seq_extend(self, values, "List +=")
        return self

    def __mul__(self, count: SupportsIndex) -> List[T]:
        """A new List of these items repeated ``count`` times (empty for ``count <= 0``)."""
        return _repeat(True, self, count)  # type: ignore[no-any-return]

    def __rmul__(self, count: SupportsIndex) -> List[T]:
        """``count * lst``: the same as ``lst * count``."""
        return _repeat(True, self, count)  # type: ignore[no-any-return]

    def __imul__(self, count: SupportsIndex) -> List[T]:
        """Repeat the items ``count`` times in place (empty the List for ``count <= 0``)."""
        if not hasattr(type(count), "__index__"):
            return NotImplemented
        core._seq_repeat_in_place(self, count)
        return self

    def copy(self) -> List[T]:
        """A new List of the same items (a shallow copy)."""
        return core._seq_concat(True, self, ())  # type: ignore[no-any-return]

    @overload
    def sort(
        self: List[SupportsRichComparisonT], *, key: None = None, reverse: bool = False
    ) -> None: ...
    @overload
    def sort(
        self, *, key: Callable[[T], SupportsRichComparison], reverse: bool = False
    ) -> None: ...
    def sort(self, *, key: Callable[[T], Any] | None = None, reverse: bool = False) -> None:
        """Sort the items in place, stably, by ``key(item)`` (the items themselves
        when ``key`` is None), largest first when ``reverse``; as ``list.sort``.

        Unlike ``list.sort``, a key function or comparison that raises leaves the
        List exactly as it was. While sorting, the List looks empty (to Python
        and C++ alike); if it is changed meanwhile, the change is dropped, the
        List keeps its old order and ValueError("List modified during sort") is
        raised.
        """
        if key is not None and not callable(key):
            raise TypeError(f"List.sort() key must be callable or None, got {type(key).__name__}")
        if not isinstance(reverse, int):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise TypeError(f"List.sort() reverse must be a bool, got {type(reverse).__name__}")
        items: list[Any] = core._seq_items(self)
        held = core._seq_take_all(self)
        order: list[int] | None = None
        try:
            keys = items if key is None else [key(item) for item in items]
            # Sorting positions by key is list.sort's own algorithm on the same
            # keys: the same comparisons, the same (stable) result.
            order = sorted(range(len(keys)), key=keys.__getitem__, reverse=bool(reverse))
        finally:
            # The sorted order, or the old one when the sort raised.
            core._seq_put_back(self, held, order)

    def __copy__(self) -> List[T]:
        return self.copy()


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

    @overload
    def get(self, key: K, /) -> V | None: ...
    @overload
    def get(self, key: K, default: V, /) -> V: ...
    @overload
    def get(self, key: K, default: T, /) -> V | T: ...
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

    # Mutable ones are unhashable; Array and Map define a structural hash.
    __hash__: ClassVar[None] = None  # type: ignore[assignment]


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

    def __or__(self, other: Mapping[K2, V2]) -> Map[K | K2, V | V2]:
        """A new Map of these items updated by ``other``'s (a Map, Dict or dict)."""
        return _merge(False, self, other)  # type: ignore[no-any-return]

    def __ror__(self, other: dict[K2, V2]) -> Map[K2 | K, V2 | V]:
        """A new Map of ``other``'s items (a dict) updated by these."""
        return _merge(False, other, self)  # type: ignore[no-any-return]

    def __copy__(self) -> Map[K, V]:
        return self  # immutable: a copy is the same value


class Dict(_MapBase[K, V], MutableMapping[K, V]):
    """A mutable mapping shared with C++ (``ffi::Dict<K, V>``)."""

    __slots__ = ()

    def __new__(cls, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> Dict[K, V]:
        return core._map_create(True, items)  # type: ignore[no-any-return]

    def __copy__(self) -> Dict[K, V]:
        return Dict(self)

    def __or__(self, other: Mapping[K2, V2]) -> Dict[K | K2, V | V2]:
        """A new Dict of these items updated by ``other``'s (a Dict, Map or dict)."""
        return _merge(True, self, other)  # type: ignore[no-any-return]

    def __ror__(self, other: dict[K2, V2]) -> Dict[K2 | K, V2 | V]:
        """A new Dict of ``other``'s items (a dict) updated by these."""
        return _merge(True, other, self)  # type: ignore[no-any-return]

    # `|=` takes any mapping or pairs but `|` only mappings, exactly as dict.
    def __ior__(  # type: ignore[misc]
        self, other: SupportsKeysAndGetItem[K, V] | Iterable[tuple[K, V]]
    ) -> Dict[K, V]:
        """Set every item of ``other`` (a mapping or (key, value) pairs, as ``dict |=``),
        in place. Every item is converted first, so one that cannot be leaves
        the Dict unchanged (a key whose ``__eq__`` hook raises while inserting
        stops the update there, as in ``dict``)."""
        core._map_update(self, other, {}, "Dict |=")
        return self

    def update(
        self, other: SupportsKeysAndGetItem[K, V] | Iterable[tuple[K, V]] = (), /, **more: V
    ) -> None:
        """Set every item of ``other`` (a mapping or (key, value) pairs), then the
        keyword arguments, as ``dict.update``. Every item is converted first, so
        one that cannot be leaves the Dict unchanged (a key whose ``__eq__``
        hook raises while inserting stops the update there, as in ``dict``)."""
        core._map_update(self, other, more, "Dict.update()")

    def popitem(self) -> tuple[K, V]:
        """Remove and return the oldest (key, value) pair (as the reference does;
        ``dict.popitem`` takes the newest); KeyError when empty."""
        if len(self) == 0:
            raise KeyError("Dict.popitem(): the Dict is empty")
        key: K = core._map_keys(self)[0]
        value: V = self[key]
        del self[key]
        return key, value

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


_CONCAT_OPERANDS = (list, tuple, _SeqBase)
_MERGE_OPERANDS = (dict, _MapBase)

for _cls, _key in ((Array, "ffi.Array"), (List, "ffi.List"), (Map, "ffi.Map"), (Dict, "ffi.Dict")):
    core._register_object_class(core._type_key_to_index(_key), _cls)
del _cls, _key
