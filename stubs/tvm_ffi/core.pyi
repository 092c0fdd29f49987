"""Native core of tvm_ffi: objects, conversion, functions, registry."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, SupportsIndex

import tvm_ffi.sentinel


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
    def __copy__(self) -> Any:
        """A shallow copy through the type's __ffi_shallow_copy__."""
    def __deepcopy__(self, memo: Any, /) -> Any:
        """A deep copy through the native DeepCopy engine."""

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

def _list_type_keys() -> list[str]:
    """The keys of every registered type, in type-index order."""

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

def _function_type_schema(func: Function) -> str | None:
    """
    The declared types of a typed Function, `(int, Array<str>) -> float`, or None (a packed one).
    """

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

def _live_object_count() -> int:
    """
    Native objects created and not yet destroyed, process-wide (leak checks).
    """

def _seq_create(mutable: bool, items: Iterable[Any]) -> Any:
    """Makes an Array (or a List when `mutable`) of converted items."""

def _seq_len(self: Object, /) -> int: ...

def _seq_getitem(self: Object, index: SupportsIndex, /) -> Any:
    """Item `i` (negative counts from the end); IndexError when out of range."""

def _seq_items(self: Object, /) -> list[Any]:
    """All items as a Python list."""

def _seq_setitem(self: Object, index: SupportsIndex, value: Any, /) -> None: ...

def _seq_position(self: Object, index: SupportsIndex, who: str | None, /) -> int:
    """
    `index` as a position in [0, len); TypeError/IndexError starting with `who` (a subscript's messages for None) otherwise.
    """

def _seq_splice(self: Object, begin: int, end: int, values: Iterable[Any]) -> None:
    """Replaces items [begin, end) with `values`."""

def _seq_reverse(self: Object, /) -> None: ...

def _seq_concat(mutable: bool, first: Sequence[Any], second: Sequence[Any], /) -> Any:
    """
    A new Array (or List) of the items of `first` then `second` (our sequences, lists or tuples); the items of our own are copied without conversion.
    """

def _seq_repeat(mutable: bool, self: Object, count: SupportsIndex, /) -> Any:
    """
    A new Array (or List) of the items of `self` repeated `count` times (none for count <= 0).
    """

def _seq_extend(self: Object, values: Iterable[Any], who: str, /) -> None:
    """
    Appends every item of `values`; TypeError naming `who` when it is not iterable.
    """

def _seq_repeat_in_place(self: Object, count: SupportsIndex, /) -> None:
    """
    Repeats the items of the List `count` times in place (empties it for count <= 0).
    """

def _seq_take_all(self: Object, /) -> Any:
    """Moves every item of the List into a new Array, leaving the List empty."""

def _seq_put_back(self: Object, held: Object, order: Sequence[int] | None, /) -> None:
    """
    Ends a sort begun with _seq_take_all: refills the List from `held` (permuted by `order`, unless it is None); ValueError when the List was changed in between.
    """

def _map_create(mutable: bool, items: Mapping[Any, Any] | Iterable[tuple[Any, Any]]) -> Any:
    """
    Makes a Map (or a Dict when `mutable`) from a mapping or (key, value) pairs.
    """

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

def _map_merge(mutable: bool, first: Mapping[Any, Any], second: Mapping[Any, Any], /) -> Any:
    """
    A new Map (or Dict) of the items of `first` updated by those of `second`.
    """

def _map_update(self: Object, items: object, more: dict[str, Any], who: str, /) -> None:
    """
    Sets every item of a mapping or of (key, value) pairs, then of `more` (keyword arguments); errors name `who`.
    """

class FieldAccessor:
    """Descriptor of a reflected field stored in the native object."""

    name: str
    type_key: str
    type_str: str
    writable: bool
    def __get__(self, obj: Any, objtype: Any = None, /) -> Any: ...
    def __set__(self, obj: Any, value: Any, /) -> None: ...
    def __delete__(self, obj: Any, /) -> None: ...
    def set_unchecked(self, obj: Any, value: Any, /) -> None:
        """Stores the field ignoring the read-only guard."""

class MethodBinder:
    """A native method: a Function called with self first."""

    __signature__: Any
    def __call__(self, *args: Any, **kwargs: Any) -> Any: ...
    def __get__(self, obj: Any, objtype: Any = None, /) -> Any: ...

_FIELD_FLAGS: dict[str, int]

_TYPE_FLAGS: dict[str, int]

_METHOD_FLAG_STATIC: int = 1

_FAST_ATTRIBUTES: bool = True

def _field_accessor(type_index: int, name: str, frozen: bool = False) -> FieldAccessor:
    """A descriptor reading and writing field `name` of objects of the type."""

def _method_binder(func: Function, name: str, doc: str | None, is_init: bool = False) -> MethodBinder:
    """
    A method descriptor calling `func(self, *args)`; with is_init, a constructor bound to self.
    """

def _enable_fast_construct(cls: type[Object]) -> None:
    """
    Lets `cls(...)` construct natively in one step while its __init__ is the generated one.
    """

def _enable_fast_attributes(cls: type[Object]) -> bool:
    """
    Gives `cls` a cached attribute path for its reflected fields and methods.
    Returns whether anything was installed (a class's own __getattr__ etc. win).
    """

def _has_fast_attributes(cls: type) -> bool:
    """
    Whether `cls` reads and writes fields through the cached attribute path.
    """

def _may_have_instance_attributes(obj: object) -> bool:
    """
    What the cached path's reading of this interpreter's instance layout says
    (cpython_layout.h): False only when `obj` certainly has no attributes of its own.
    """

def _type_info(type_index: int) -> tuple[int, str, list[int], list[tuple[str, str, int, str, int, Any, Any, int]], list[tuple[str, str, int, Function]], int]:
    """
    The registry record of a type: (index, key, ancestors, fields, methods, flags).
    fields: (name, doc, flags, type_str, static_type_index, default, metadata, offset);
    methods: (name, doc, flags, function).
    """

def _object_type_key_to_index(type_key: str) -> int | None:
    """The type index of `type_key`, or None when it is not registered."""

def _lookup_type_attr(type_index: int, name: str) -> Any:
    """Attribute `name` of a type, or None when unset."""

def _register_type_attr(type_index: int, name: str, value: Any) -> None:
    """
    Registers attribute `name` of a type; RuntimeError when already registered.
    """

def _sentinel(kind: int) -> Object:
    """The MISSING (0) or KWARGS (1) sentinel object."""

def _set_engine_slots(cls: type[Object], eq: bool, order: bool, hash: bool) -> None:
    """
    Points the class's comparison and hash slots straight at the native engines.
    """

def _repr(value: object | None) -> str:
    """ReprPrint of a value (one native call for the whole graph)."""

def _eq(lhs: object | None, rhs: object | None) -> bool:
    """Structural equality (RecursiveEq)."""

def _hash(value: object | None) -> int:
    """
    hash() of a value: structural, consistent with _eq; TypeError for a List or Dict inside.
    """

def _compare(lhs: object | None, rhs: object | None) -> int:
    """Three-way structural comparison: -1, 0 or 1."""

def _deepcopy(value: Any) -> Any:
    """A deep copy preserving sharing and cycles (one native call)."""

def _from_json_graph_str(text: str) -> Any:
    """
    The value a JSON graph text describes (ffi.FromJSONGraphString without copying the text).
    """

def _dynamic_type_create(type_key: str, parent_index: int) -> int:
    """
    Allocates a dynamic type (phase one of @py_class); its fields come next.
    """

def _dynamic_type_add_field(type_index: int, name: str, schema: str, flags: int, default: Any, metadata: Any, doc: str) -> None:
    """
    Adds a field with a declared schema (`Optional[List[int]]`, a type key...) to a
    dynamic type; the default (a Function when flags say factory) is checked.
    """

def _dynamic_type_finish(type_index: int, type_flags: int) -> None:
    """
    Finishes a dynamic type: allocator, copy and generated __ffi_init__ are registered.
    """

def _gc_wrapper_allocations() -> int:
    """
    How many wrappers of GC-tracked classes were allocated so far: read it before
    making a class, and pass it to _drop_instance_gc.
    """

def _drop_instance_gc(cls: type, allocations_before: int) -> bool:
    """
    Makes a freshly made slots class's instances plain objects, untracked by the
    garbage collector (they hold no Python reference); returns whether it did.
    Refuses when a GC wrapper was allocated since `allocations_before`
    (_gc_wrapper_allocations() read before the class was made).
    """

def _type_retract(type_index: int) -> None:
    """
    Takes back an unfinished dynamic type and its Python class binding (a failed
    @py_class), so its key can be used again.
    """

_ENUM_ENTRIES: int = 0

_ENUM_ATTRS: int = 1

def _enum_table(type_index: int, table: int, create: bool) -> Any:
    """
    The live Dict of an enum type's variants (table _ENUM_ENTRIES) or extensible
    attributes (_ENUM_ATTRS), registered first when `create`; None when absent.
    TypeError for a type that does not derive from ffi.Enum.
    """

def _enum_add_entry(variant: Object, name: str) -> int:
    """
    Registers a new variant under `name`: the core assigns its ordinal and name
    atomically and returns the ordinal; RuntimeError for a name already taken.
    """

def _enum_get_attr(variant: Object, attr: str) -> Any:
    """
    The extensible attribute `attr` of a registered variant (None when unset).
    """

def _enum_set_attr(variant: Object, attr: str, value: Any) -> None:
    """
    Sets the extensible attribute `attr` of a registered variant (under the lock).
    """

def _detach_wrapper(obj: Object) -> None:
    """
    Stops `obj` being the wrapper its native object converts to (used when a C++
    enum is bound to a new Python class: its variants then come back as that class).
    """

def _plugin_take_load_error() -> str | None:
    """
    What the static initialisers of the library just loaded on this thread reported
    (an ABI the core cannot host, a block that threw), or None; cleared.
    """

def _plugin_load_begin() -> None:
    """
    Starts recording what this thread registers (a library is about to load).
    """

def _plugin_load_end(roll_back: bool) -> None:
    """
    Stops recording; with roll_back, takes back the recorded types and global
    functions (the library failed to load).
    """

def _function_from_symbol(address: int, typed: bool = False) -> Function:
    """
    A Function calling the exported safe-call symbol at `address` (from a loaded library);
    `typed`: the symbol was made by TVM_FFI_DLL_EXPORT_TYPED_FUNC (its Function is used).
    """

MISSING: tvm_ffi.sentinel.Sentinel = ...

KWARGS: tvm_ffi.sentinel.Sentinel = ...
