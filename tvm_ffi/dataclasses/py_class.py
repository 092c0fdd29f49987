# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""``@py_class``: classes written in Python that are real native types.

The decorated class becomes a *dynamic type* of the core library: its fields
live in the object's native memory, laid out after the parent's (a C++ type
or another py_class), and are registered in the type registry with their
declared type, so C++ (the engines, a plugin) reads them through reflection
as it reads a C++ type's fields. Values are checked and converted natively
on construction and assignment, against a schema made from the annotation.

Registration has two phases. Phase one runs at once: the type key gets its
index, so annotations can name the class itself and classes defined later.
Phase two resolves the annotations, registers the fields and installs the
constructor, descriptors and dunders (the same ones ``@c_class`` uses). A
class whose annotations name something not defined yet stays *pending*; it
is completed when a later py_class completes, or at the latest when it is
first instantiated. A definition that fails is rolled back, in the registry
and in Python, so the key can be used again.
"""

# pyright: reportPrivateUsage=false, reportUnnecessaryIsInstance=false
# (core._* are this package's own native entry points; isinstance checks
# validate callers that ignore the annotations.)

from __future__ import annotations

import collections.abc
import contextlib
import sys
import threading
import types
import typing
import weakref
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar, overload

from typing_extensions import dataclass_transform

from .. import core
from ..container import Array, Dict, List, Map
from ..core import Function, Object
from ..sentinel import MISSING, Sentinel
from ..type_info import TypeInfo, type_info
from . import common
from .engines import install_engine_dunders
from .field import Field, field

__all__ = ["py_class"]

_T = TypeVar("_T", bound=type)

_FIELD_FLAGS: dict[str, int] = core._FIELD_FLAGS
_TYPE_FLAGS: dict[str, int] = core._TYPE_FLAGS

#: Serialises definitions: phase two reads and updates the pending list and
#: the registry, and concurrent class statements must not interleave there.
_LOCK = threading.RLock()


class _Pending:
    """A class between its two phases, with what it was declared with."""

    def __init__(self, cls: type, options: dict[str, bool], scope: dict[str, Any]) -> None:
        self.cls = cls
        self.options = options
        #: The names visible where the class statement ran (a function's
        #: locals, for a class defined inside one).
        self.scope = scope
        self.missing: list[str] = []


#: Pending classes by their Python class, in definition order.
_PENDING: dict[type, _Pending] = {}

#: Every py_class by module and name, for annotations that name a class
#: defined later (the module's globals only get it after its decorator ran).
_BY_MODULE: dict[str, weakref.WeakValueDictionary[str, type]] = {}

# ---------------------------------------------------------------------------
# Annotations -> native schemas
# ---------------------------------------------------------------------------

_NONE_TYPE = type(None)
_SCALARS: dict[Any, str] = {
    int: "int",
    float: "float",
    bool: "bool",
    str: "str",
    bytes: "bytes",
    Any: "Any",
    object: "Any",
    _NONE_TYPE: "None",
    None: "None",
}
_GENERIC_CONTAINERS: dict[Any, tuple[str, int]] = {
    list: ("List", 1),
    typing.List: ("List", 1),
    List: ("List", 1),
    dict: ("Dict", 2),
    typing.Dict: ("Dict", 2),
    Dict: ("Dict", 2),
    Array: ("Array", 1),
    Map: ("Map", 2),
    collections.abc.Sequence: ("Array", 1),
    collections.abc.Mapping: ("Map", 2),
}


#: What a Callable annotation may be (the field then holds a Function).
_CALLABLES: tuple[object, ...] = (
    # The two aliases are bare (no type arguments), which pyright calls unknown.
    collections.abc.Callable,  # pyright: ignore[reportUnknownMemberType]
    typing.Callable,  # pyright: ignore[reportUnknownMemberType]
    Function,
)


class _SchemaError(TypeError):
    """An annotation that does not name a type a field can hold."""


def _schema_of(annotation: Any, owner: type) -> str:
    """The native schema of a resolved annotation (see dynamic/type_schema.h)."""
    if isinstance(annotation, (str, typing.ForwardRef)):
        # A name left inside a generic (``list["Node"]`` on 3.10, which
        # get_type_hints does not descend into).
        annotation = _resolve_one(owner, annotation)
    if _hashable(annotation) and annotation in _SCALARS:
        return _SCALARS[annotation]
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Union or origin is types.UnionType:
        rest = [a for a in args if a is not _NONE_TYPE]
        inner = (
            _schema_of(rest[0], owner)
            if len(rest) == 1
            else ("Union[" + ", ".join(_schema_of(a, owner) for a in rest) + "]")
        )
        return f"Optional[{inner}]" if len(rest) < len(args) else inner
    if origin is tuple or annotation is tuple or annotation is typing.Tuple:
        if not args:
            return "Array[Any]"
        if len(args) == 2 and args[1] is Ellipsis:
            return f"Array[{_schema_of(args[0], owner)}]"
        raise _SchemaError(
            f"{annotation!r}: a fixed-length tuple cannot be checked; "
            "write tuple[T, ...] (stored as an Array)"
        )
    if any(origin is c or annotation is c for c in _CALLABLES):
        return "Callable"
    base = origin if origin is not None else annotation
    container = _GENERIC_CONTAINERS.get(base) if _hashable(base) else None
    if container is not None:
        name, arity = container
        if not args:
            return f"{name}[{', '.join(['Any'] * arity)}]"
        return f"{name}[{', '.join(_schema_of(a, owner) for a in args)}]"
    if isinstance(annotation, type) and issubclass(annotation, Object):
        if annotation is Object:
            return "Object"
        info = getattr(annotation, common.TYPE_INFO_ATTR, None)
        key = info.type_key if info is not None else _phase_one_key(annotation)
        if key is None:
            raise _SchemaError(
                f"{annotation.__qualname__} is not a registered type "
                "(decorate it with @py_class, @c_class or register_object)"
            )
        return key
    raise _SchemaError(
        f"{annotation!r} is not a type a field can hold (int, float, bool, str, "
        "bytes, Any, an Object subclass, Optional/Union of those, list, dict, "
        "tuple[T, ...], tvm_ffi containers, Callable)"
    )


def _hashable(x: Any) -> bool:
    try:
        hash(x)
    except TypeError:
        return False
    return True


def _phase_one_key(cls: type) -> str | None:
    """The key of a class that has passed phase one but not phase two."""
    key = cls.__dict__.get("__tvm_ffi_type_key__")
    return key if isinstance(key, str) else None


# ---------------------------------------------------------------------------
# Phase one: the type exists
# ---------------------------------------------------------------------------


def _parent_index(cls: type) -> int:
    """The index of the registered type the class derives from."""
    if not (isinstance(cls, type) and issubclass(cls, Object)):
        raise TypeError(
            f"py_class: {cls!r} must inherit from tvm_ffi.Object or from a registered "
            "class (a @py_class, @c_class or register_object class)"
        )
    for base in cls.__mro__[1:]:
        info = base.__dict__.get(common.TYPE_INFO_ATTR)
        if info is not None:
            return info.type_index  # type: ignore[no-any-return]
        key = _phase_one_key(base)
        if key is not None:
            raise TypeError(
                f"py_class: cannot derive `{cls.__qualname__}` from "
                f"`{base.__qualname__}` before that class is complete "
                f"(its annotations name undefined types: "
                f"{', '.join(_PENDING[base].missing) if base in _PENDING else '?'})"
            )
    index = core._object_type_key_to_index("ffi.Object")
    assert index is not None
    return index


#: Annotations of fields that cannot hold a Python object, as types or as
#: the names ``from __future__ import annotations`` leaves.
_PRIMITIVE_ANNOTATIONS = frozenset(
    {int, float, bool, str, bytes, _NONE_TYPE, None, "int", "float", "bool", "str", "bytes", "None"}
)
_HAVE_GC = 1 << 14  # Py_TPFLAGS_HAVE_GC


def _is_primitive_annotation(annotation: Any) -> bool:
    if _hashable(annotation) and annotation in _PRIMITIVE_ANNOTATIONS:
        return True
    if isinstance(annotation, str):  # "Optional[str]", "int | None", "Union[int, str]"
        text = annotation.strip()
        for prefix in ("Optional[", "typing.Optional[", "Union[", "typing.Union["):
            if text.startswith(prefix) and text.endswith("]"):
                return all(
                    _is_primitive_annotation(part) for part in text[len(prefix) : -1].split(",")
                )
        return "|" in text and all(_is_primitive_annotation(p) for p in text.split("|"))
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        return all(_is_primitive_annotation(a) for a in typing.get_args(annotation))
    return False


def _holds_no_python_objects(cls: type) -> bool:
    """Whether no field of ``cls``, its own or inherited, can hold a Python
    object, so its wrappers can skip the cycle collector (no cycle can pass
    through them; see ``core._drop_instance_gc``). Judged from the raw
    annotations, before names are resolved: anything that is not a scalar
    counts as able to (an ``Any`` field, a container, another class, whose
    subclasses may add such fields)."""
    for base in cls.__mro__[1:]:
        if isinstance(base, type) and issubclass(base, Object) and base.__flags__ & _HAVE_GC:
            return False  # a registered parent whose instances are tracked
    own = common.own_annotations(cls)
    return all(
        _is_primitive_annotation(a)
        for a in own.values()
        if not (common._is_classvar(a) or common._is_kw_only_marker(a))
    )


def _with_slots(cls: type) -> type:
    """The class again with ``__slots__ = ()`` (no instance dict), as
    ``dataclass(slots=True)`` does; zero-argument ``super()`` cells are
    pointed at the new class."""
    if "__slots__" in cls.__dict__:
        return cls
    body = {k: v for k, v in cls.__dict__.items() if k not in ("__dict__", "__weakref__")}
    body["__slots__"] = ()
    new_cls = type(cls)(cls.__name__, cls.__bases__, body)
    new_cls.__qualname__ = cls.__qualname__
    for value in body.values():
        func = getattr(value, "__func__", value)
        closure = getattr(func, "__closure__", None) or ()
        for cell in closure:
            try:
                if cell.cell_contents is cls:
                    cell.cell_contents = new_cls
            except ValueError:  # an empty cell
                pass
    return new_cls


# ---------------------------------------------------------------------------
# Phase two: fields, constructor, dunders
# ---------------------------------------------------------------------------


def _namespaces(cls: type, scope: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The globals and locals annotations of ``cls`` are evaluated in."""
    module = sys.modules.get(cls.__module__)
    globalns = dict(vars(module)) if module is not None else {}
    # Classes of this module that passed phase one, by name: the module's
    # globals do not hold a class until its statement (and decorator) ends.
    # items(), not dict(weak): dict() looks each key up after listing the keys,
    # and a class the collector frees in between raises KeyError (items()
    # skips entries that die while it iterates).
    known = _BY_MODULE.get(cls.__module__)
    localns: dict[str, Any] = dict(known.items()) if known is not None else {}
    localns.update(scope)
    localns[cls.__name__] = cls
    return globalns, localns


def _resolve_one(cls: type, annotation: Any) -> Any:
    """One annotation of ``cls`` (a str, a ForwardRef or a type), resolved."""
    pending = _PENDING.get(cls)
    globalns, localns = _namespaces(cls, pending.scope if pending is not None else {})
    if isinstance(annotation, typing.ForwardRef):
        annotation = annotation.__forward_arg__
    # Through a holder class with this one annotation: get_type_hints then
    # resolves nested forward references and allows ClassVar, without
    # evaluating the parents' annotations too.
    holder = type(
        "_Annotations", (), {"__annotations__": {"a": annotation}, "__module__": cls.__module__}
    )
    return typing.get_type_hints(holder, globalns, localns)["a"]


def _resolve_annotations(cls: type) -> dict[str, Any]:
    """The class's own annotations, resolved, in declaration order; raises
    NameError naming what is not defined yet."""
    own = common.own_annotations(cls)
    resolved: dict[str, Any] = {}
    for name, annotation in own.items():
        if common._is_kw_only_marker(annotation):
            resolved[name] = annotation
            continue
        try:
            resolved[name] = _resolve_one(cls, annotation)
        except TypeError as exc:  # typing refuses it (3.10: any non-type)
            raise TypeError(
                f"py_class `{cls.__qualname__}`: field `{name}`: {annotation!r} is "
                f"not a type a field can hold ({exc})"
            ) from None
    return resolved


def _is_classvar(annotation: Any) -> bool:
    return annotation is ClassVar or typing.get_origin(annotation) is ClassVar


def _field_flags(f: Field, kw_only: bool) -> int:
    flags = _FIELD_FLAGS["writable"]
    if f.default is not MISSING or f.default_factory is not MISSING:
        flags |= _FIELD_FLAGS["has_default"]
    if f.default_factory is not MISSING:
        flags |= _FIELD_FLAGS["default_from_factory"]
    if not f.repr:
        flags |= _FIELD_FLAGS["repr_off"]
    if not f.compare:
        flags |= _FIELD_FLAGS["compare_off"]
    if not (f.compare if f.hash is None else f.hash):
        flags |= _FIELD_FLAGS["hash_off"]
    if not f.init:
        flags |= _FIELD_FLAGS["init_off"]
    if kw_only if f.kw_only is MISSING else f.kw_only:
        flags |= _FIELD_FLAGS["kw_only"]
    return flags


def _fresh_container_factory(value: Any) -> Callable[[], Any]:
    """A plain list or dict default: each instance gets its own container."""
    if isinstance(value, list):
        items: list[Any] = list(value)  # pyright: ignore[reportUnknownArgumentType]
        return lambda: List(items)
    pairs: dict[Any, Any] = dict(value)
    return lambda: Dict(pairs)


def _collect_fields(
    cls: type, annotations: dict[str, Any], kw_only: bool
) -> list[tuple[Field, str, int]]:
    """(field, schema, flags) of the class's own fields, checked."""
    out: list[tuple[Field, str, int]] = []
    after_kw_only_marker = False
    for name, annotation in annotations.items():
        if _is_classvar(annotation):
            continue
        if common._is_kw_only_marker(annotation):
            after_kw_only_marker = True
            continue
        value = cls.__dict__.get(name, MISSING)
        f = value if isinstance(value, Field) else Field(default=value)
        f.name, f.type = name, annotation
        plain_default: Any = f.default
        if isinstance(plain_default, (list, dict)):
            f.default_factory = _fresh_container_factory(plain_default)
            f.default = MISSING
        try:
            schema = _schema_of(annotation, cls)
        except _SchemaError as exc:
            raise TypeError(f"py_class `{cls.__qualname__}`: field `{name}`: {exc}") from None
        out.append((f, schema, _field_flags(f, kw_only or after_kw_only_marker)))
    return out


def _register_fields(cls: type, index: int, collected: list[tuple[Field, str, int]]) -> None:
    for f, schema, flags in collected:
        default: Any = None
        if not isinstance(f.default_factory, Sentinel):  # MISSING: no factory
            default = core._function_from_callable(f.default_factory)
        elif f.default is not MISSING:
            default = f.default
        try:
            core._dynamic_type_add_field(
                index,
                f.name,
                schema,
                flags,
                default,
                dict(f.metadata) if f.metadata else None,
                f.doc or "",
            )
        except TypeError as exc:
            raise TypeError(f"py_class `{cls.__qualname__}`: {exc}") from None


def _install_post_init(cls: type) -> None:
    """With ``__post_init__``, ``__init__`` runs the native constructor, then it."""
    native_init = cls.__dict__["__init__"]

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        native_init(self, *args, **kwargs)
        self.__post_init__()

    __init__.__signature__ = native_init.__signature__  # type: ignore[attr-defined]
    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    __init__.__doc__ = native_init.__doc__
    cls.__init__ = __init__  # type: ignore[misc]


def _install_user_hooks(cls: type, index: int) -> None:
    """A ``__repr__``/``__eq__``/``__hash__`` of the class body also serves
    the engines wherever the object is nested (as a Python list would)."""
    body = cls.__dict__
    if "__repr__" in body:
        user_repr: Callable[[Any], str] = body["__repr__"]

        def repr_hook(obj: Any, fn_repr: Any) -> str:
            return user_repr(obj)

        core._register_type_attr(index, "__ffi_repr__", repr_hook)
    if "__eq__" in body:
        user_eq: Callable[[Any, Any], Any] = body["__eq__"]

        def eq_hook(lhs: Any, rhs: Any, fn_eq: Any) -> bool:
            return user_eq(lhs, rhs) is True

        core._register_type_attr(index, "__ffi_eq__", eq_hook)
    if body.get("__hash__") is not None:
        user_hash: Callable[[Any], int] = body["__hash__"]

        def hash_hook(obj: Any, fn_hash: Any) -> int:
            return user_hash(obj)

        core._register_type_attr(index, "__ffi_hash__", hash_hook)


def _complete(pending: _Pending) -> None:
    """Phase two; raises NameError when an annotation names nothing yet."""
    cls, options = pending.cls, pending.options
    index: int = cls.__dict__["__tvm_ffi_type_index__"]
    annotations = _resolve_annotations(cls)
    collected = _collect_fields(cls, annotations, options["kw_only"])
    _check_field_order(cls, index, collected)
    for f, _, _ in collected:  # the values in the body become native defaults
        if f.name in cls.__dict__:
            delattr(cls, f.name)
    _register_fields(cls, index, collected)
    mutable = 0 if options["frozen"] else _TYPE_FLAGS["mutable"]
    core._dynamic_type_finish(index, mutable)
    del _PENDING[cls]
    info = type_info(index)
    _user_init = "__init__" in cls.__dict__ and cls.__dict__["__init__"] is not _pending_init
    if not _user_init and "__init__" in cls.__dict__:
        delattr(cls, "__init__")
    setattr(cls, common.TYPE_INFO_ATTR, info)
    setattr(cls, common.FIELD_TYPES_ATTR, {f.name: f.type for f, _, _ in collected})
    common.install_fields(cls, info, options["frozen"])
    if options["init"] and not _user_init:
        common.install_init(cls, info)
        if "__post_init__" in dir(cls):
            _install_post_init(cls)
    common.install_copy(cls, dataclass=True)
    _install_user_hooks(cls, index)
    install_engine_dunders(
        cls,
        repr=options["repr"],
        eq=options["eq"],
        order=options["order"],
        unsafe_hash=options["unsafe_hash"],
        frozen=options["frozen"],
    )
    common.enable_fast_attributes(cls, info)
    setattr(cls, common.DATACLASS_ATTR, True)


def _check_field_order(cls: type, index: int, collected: list[tuple[Field, str, int]]) -> None:
    """No field may be declared twice along the inheritance chain."""
    parent = cls.__mro__[1]
    info: TypeInfo | None = getattr(parent, common.TYPE_INFO_ATTR, None)
    inherited = {f.name for f in info.all_fields()} if info is not None else set[str]()
    for f, _, _ in collected:
        if info is not None and f.name in inherited:
            raise TypeError(
                f"py_class `{cls.__qualname__}`: field `{f.name}` is already a field "
                f"of the parent `{info.type_key}`"
            )


def _rollback(cls: type) -> None:
    """Undo phase one of a class whose definition failed."""
    index = cls.__dict__.get("__tvm_ffi_type_index__")
    _PENDING.pop(cls, None)
    if index is None:
        return
    # A type finished before the failure (a Python-side step after phase
    # two) cannot be retracted: it stays, as objects may exist; the original
    # error is what the caller sees.
    with contextlib.suppress(RuntimeError):
        core._type_retract(index)


def _try_complete(pending: _Pending) -> bool:
    """Phase two if the names exist now; False (still pending) otherwise."""
    try:
        _complete(pending)
    except NameError as exc:
        pending.missing = [getattr(exc, "name", None) or str(exc)]
        return False
    except BaseException:
        _rollback(pending.cls)
        raise
    return True


def _flush_pending() -> None:
    """Retries every pending class until no more complete."""
    progress = True
    while progress:
        progress = False
        for pending in list(_PENDING.values()):
            if pending.cls in _PENDING and _try_complete(pending):
                progress = True


def _pending_init(self: Any, *args: Any, **kwargs: Any) -> None:
    """``__init__`` of a pending class: complete it (or say what is missing)."""
    cls: Any = self.__class__
    with _LOCK:
        for klass in reversed(cls.__mro__):
            if klass in _PENDING and not _try_complete(_PENDING[klass]):
                raise TypeError(
                    f"py_class `{klass.__qualname__}` cannot be instantiated: its "
                    f"annotations name undefined types: "
                    f"{', '.join(_PENDING[klass].missing)}"
                )
        _flush_pending()
    completed_init: Callable[..., None] = getattr(cls, "__init__")  # the one just installed
    completed_init(self, *args, **kwargs)


def _define(
    cls: type, type_key: str | None, options: dict[str, bool], scope: dict[str, Any]
) -> type:
    parent_index = _parent_index(cls)
    key = type_key if type_key is not None else f"{cls.__module__}.{cls.__qualname__}"
    if options["slots"]:
        allocations = core._gc_wrapper_allocations()
        slotted = _with_slots(cls)
        # Made here, so plain instances unless one exists already or a field
        # can close a reference cycle through Python objects.
        if slotted is not cls and _holds_no_python_objects(slotted):
            core._drop_instance_gc(slotted, allocations)
        cls = slotted
    existing = core._object_type_key_to_index(key)
    if existing is not None:
        raise ValueError(
            f"py_class `{cls.__qualname__}`: type key `{key}` is already registered"
            f" (by {_owner_of(existing)}); a key names one type per process"
        )
    index = core._dynamic_type_create(key, parent_index)
    try:
        core._register_object_class(index, cls)
        setattr(cls, "__tvm_ffi_type_key__", key)
        setattr(cls, "__tvm_ffi_type_index__", index)
        pending = _Pending(cls, options, scope)
        _PENDING[cls] = pending
        _BY_MODULE.setdefault(cls.__module__, weakref.WeakValueDictionary())[cls.__name__] = cls
        if "__init__" not in cls.__dict__:
            setattr(cls, "__init__", _pending_init)
    except BaseException:
        _rollback(cls)
        raise
    if _try_complete(pending):
        _flush_pending()
    return cls


def _owner_of(type_index: int) -> str:
    """Who holds a type key, for the redefinition message."""
    cls = core._registered_object_class(type_index)
    if cls is None:
        return "a C++ type"
    return f"class `{cls.__module__}.{cls.__qualname__}`"


_DEFAULT_OPTIONS: dict[str, bool] = dict(
    init=True,
    repr=True,
    eq=False,
    order=False,
    unsafe_hash=False,
    frozen=False,
    kw_only=False,
    slots=True,
)


def define_in_scope(cls: _T, type_key: str | None, scope: dict[str, Any], **options: bool) -> _T:
    """What ``@py_class(type_key, **options)`` does, for a class statement
    run elsewhere (``Enum``'s metaclass): its annotations are evaluated with
    ``scope``, the locals of the frame that ran the statement."""
    unknown = set(options) - set(_DEFAULT_OPTIONS)
    if unknown:
        raise TypeError(f"py_class: unknown options {sorted(unknown)}")
    with _LOCK:
        return _define(cls, type_key, {**_DEFAULT_OPTIONS, **options}, scope)  # type: ignore[return-value]


@overload
def py_class(type_key: _T, /) -> _T: ...


@overload
def py_class(
    type_key: str | None = None,
    /,
    *,
    init: bool = True,
    repr: bool = True,
    eq: bool = False,
    order: bool = False,
    unsafe_hash: bool = False,
    frozen: bool = False,
    kw_only: bool = False,
    slots: bool = True,
) -> Callable[[_T], _T]: ...


@dataclass_transform(field_specifiers=(Field, field))
def py_class(
    type_key: Any = None,
    /,
    *,
    init: bool = True,
    repr: bool = True,
    eq: bool = False,
    order: bool = False,
    unsafe_hash: bool = False,
    frozen: bool = False,
    kw_only: bool = False,
    slots: bool = True,
) -> Any:
    """Define an FFI type in Python, with dataclass behaviour and native fields.

    ``@py_class``, ``@py_class("my.Key")`` and ``@py_class(type_key=None,
    ...)`` all work; without a key the key is ``module.QualName``. The
    options mirror :func:`dataclasses.dataclass`. With ``slots=True`` (the
    default) instances have no ``__dict__``: everything they hold is in
    native memory and survives a trip through C++. With ``slots=False`` they
    get a ``__dict__`` for Python-only state, which lives only as long as the
    Python wrapper does.
    """
    if order and not eq:
        raise ValueError("py_class: eq must be true if order is true")
    options = dict(
        init=init,
        repr=repr,
        eq=eq,
        order=order,
        unsafe_hash=unsafe_hash,
        frozen=frozen,
        kw_only=kw_only,
        slots=slots,
    )

    def decorator(cls: _T, key: str | None, scope: dict[str, Any]) -> _T:
        with _LOCK:
            return _define(cls, key, options, scope)  # type: ignore[return-value]

    # The frame running the class statement: a local class's annotations may
    # name other locals of that function.
    if isinstance(type_key, type):  # bare @py_class
        return decorator(type_key, None, dict(sys._getframe(1).f_locals))
    if type_key is not None and not isinstance(type_key, str):
        raise TypeError(f"py_class: the type key must be a str, got {type(type_key).__name__}")

    def bind(cls: _T) -> _T:
        return decorator(cls, type_key, dict(sys._getframe(1).f_locals))

    return bind
