"""Native core of tvm_ffi: objects, conversion, functions, registry."""

from collections.abc import Callable, Iterable
from typing import Any


class Object:
    """
    Base class of every object shared with C++.

    A wrapper holds one reference to a native object. Objects returned
    from C++ come back as the same wrapper while it is alive.
    """

    @property
    def type_key(self) -> str:
        """The registered type key of the native object."""
    @property
    def _type_index(self) -> int:
        """The runtime type index of the native object."""
    @property
    def _handle_addr(self) -> int:
        """Address of the native object (0 if none)."""
    def same_as(self, other: object, /) -> bool:
        """Whether both refer to the same native object."""
    def __init_handle_by_constructor__(self, fconstructor: Function, /, *args: Any) -> None:
        """Calls a native constructor and binds the new object to this wrapper."""

class Function(Object):
    """A packed function callable from Python and C++."""

    def __call__(self, *args: Any) -> Any: ...

ABI_VERSION: tuple[int, int, int]

def convert(value: Any) -> Any:
    """
    Converts a Python value to its FFI form and back: list/tuple -> Array,
    dict -> Map, callable -> Function; int, float, str, bytes, bool and None
    stay as they are; other objects pass through as opaque handles.
    """

def _type_key_to_index(type_key: str) -> int:
    """The type index registered for `type_key`; KeyError when unknown."""

def _type_index_to_key(type_index: int) -> str: ...

def _type_ancestors(type_index: int) -> list[int]:
    """The ancestors of a type, root first."""

def _register_type(type_key: str, parent_type_index: int) -> int:
    """Registers (or finds) a type by key under a parent; returns its index."""

def _register_object_class(type_index: int, cls: type[Object]) -> None:
    """
    Makes `cls` the Python class of objects of `type_index` (and of unbound subtypes).
    """

def _registered_object_class(type_index: int) -> type[Object] | None: ...

def _get_global_func(name: str) -> Function | None:
    """The global Function `name`, or None."""

def _register_global_func(name: str, func: Callable[..., Any], override: bool = False) -> None:
    """Registers a Function or Python callable as global `name`."""

def _remove_global_func(name: str) -> bool:
    """Removes global `name`; returns whether it existed."""

def _list_global_func_names() -> list[str]:
    """The names of all global functions, sorted."""

def _function_from_callable(callable: Callable[..., Any]) -> Function:
    """Wraps a Python callable as a Function."""

def _register_error_kind(kind: str, cls: type[BaseException]) -> None:
    """Maps the error kind `kind` to the exception class `cls`."""

def _error_kind_of(cls: type[BaseException]) -> str: ...

def _object_use_count(obj: Object) -> int:
    """The native reference count of an object."""

def _seq_create(mutable: bool, items: Iterable[Any]) -> Any:
    """Makes an Array (or a List when `mutable`) of converted items."""

def _seq_len(self: Object, /) -> int: ...

def _seq_getitem(self: Object, index: int, /) -> Any:
    """Item `i` (negative counts from the end); IndexError when out of range."""

def _seq_items(self: Object, /) -> list[Any]:
    """All items as a Python list."""

def _seq_setitem(self: Object, index: int, value: Any, /) -> None: ...

def _seq_splice(self: Object, begin: int, end: int, values: Iterable[Any]) -> None:
    """Replaces items [begin, end) with `values`."""

def _seq_reverse(self: Object, /) -> None: ...

def _map_create(mutable: bool, pairs: Iterable[tuple[Any, Any]]) -> Any:
    """Makes a Map (or a Dict when `mutable`) from (key, value) pairs."""

def _map_len(self: Object, /) -> int: ...

def _map_find(self: Object, key: Any, missing: Any, /) -> Any:
    """The value of `key`, or `missing` when absent."""

def _map_keys(self: Object, /) -> list[Any]: ...

def _map_values(self: Object, /) -> list[Any]: ...

def _map_items(self: Object, /) -> list[tuple[Any, Any]]: ...

def _map_setitem(self: Object, key: Any, value: Any, /) -> None: ...

def _map_delitem(self: Object, key: Any, /) -> bool:
    """Removes `key`; returns whether it was present."""

def _map_clear(self: Object, /) -> None: ...
