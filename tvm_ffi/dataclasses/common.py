# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""What ``register_object``, ``@c_class`` (and later ``@py_class``) share:
binding a Python class to a registered type, installing field descriptors,
methods and the constructor, and the module-level dataclass functions
(``fields``, ``asdict``, ``astuple``, ``replace``, ``is_dataclass``).
"""

# pyright: reportPrivateUsage=false, reportUnnecessaryIsInstance=false
# (core._* are this package's own native entry points; isinstance checks
# validate callers that ignore the annotations.)

from __future__ import annotations

import copy
import inspect
import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar, cast, overload

from .. import core
from ..container import Array, Dict, List, Map
from ..core import Object
from ..sentinel import MISSING
from ..type_info import TypeField, TypeInfo, type_info
from .field import KW_ONLY, Field

__all__ = ["asdict", "astuple", "fields", "is_dataclass", "replace", "set_unchecked"]

_O = TypeVar("_O")  # the instance replace() copies
_R = TypeVar("_R")  # what an asdict/astuple factory makes

#: Class attribute holding the TypeInfo of a bound class.
TYPE_INFO_ATTR = "__tvm_ffi_type_info__"
#: Class attribute marking dataclass behaviour (set by c_class / py_class).
DATACLASS_ATTR = "__tvm_ffi_dataclass__"
#: Class attribute holding a py_class's own field types, resolved (its
#: ``__annotations__`` may be strings, under ``from __future__ import annotations``).
FIELD_TYPES_ATTR = "__tvm_ffi_field_types__"


class _Factory:
    """Shown as the default of a parameter whose default comes from a factory."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def lookup_type(cls: type, type_key: str, decorator: str) -> TypeInfo:
    """Validate the decorator's arguments and return the record of ``type_key``."""
    if not isinstance(type_key, str):
        raise TypeError(f"{decorator}: the type key must be a str, got {type(type_key).__name__}")
    if not (isinstance(cls, type) and issubclass(cls, Object)):
        raise TypeError(f"{decorator}({type_key!r}): {cls!r} must be a subclass of tvm_ffi.Object")
    index = core._object_type_key_to_index(type_key)
    if index is None:
        raise ValueError(
            f"{decorator}({type_key!r}): type key `{type_key}` is not registered "
            f"(is the library that defines it loaded?)"
        )
    # The built-in types' classes are the package's: rebinding `ffi.List` to
    # an unrelated class would change every List in the process, also those
    # C++ returns. Specialising one (a subclass) is allowed.
    bound = core._registered_object_class(index)
    if type_key.startswith("ffi.") and bound is not None and not issubclass(cls, bound):
        raise TypeError(
            f"{decorator}({type_key!r}): `{type_key}` is a built-in type bound to "
            f"{bound.__module__}.{bound.__qualname__}; a class for it must subclass that one"
        )
    return type_info(index)


def bind_class(cls: type, info: TypeInfo) -> None:
    """Make ``cls`` the Python class of the type (after every check passed)."""
    core._register_object_class(info.type_index, cls)
    setattr(cls, TYPE_INFO_ATTR, info)


def _is_classvar(annotation: Any) -> bool:
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar", "t.ClassVar"))
    origin = getattr(annotation, "__origin__", None)
    from typing import ClassVar

    return annotation is ClassVar or origin is ClassVar


def _is_kw_only_marker(annotation: Any) -> bool:
    """``_: KW_ONLY`` (also as a string, under ``from __future__ import annotations``)."""
    if isinstance(annotation, str):
        return annotation in ("KW_ONLY", "dataclasses.KW_ONLY")
    return annotation is KW_ONLY


def own_annotations(cls: type) -> dict[str, Any]:
    """The annotations ``cls`` itself declares, in order, unevaluated (a
    parent's are not included, unlike ``typing.get_type_hints``)."""
    return inspect.get_annotations(cls)


def check_annotations(cls: type, info: TypeInfo, decorator: str) -> None:
    """Annotations must name reflected fields; unannotated own fields warn."""
    annotations = own_annotations(cls)
    known = {f.name for f in info.all_fields()}
    for name, annotation in annotations.items():
        if _is_classvar(annotation) or _is_kw_only_marker(annotation):
            continue
        if name not in known:
            raise TypeError(
                f"{decorator}({info.type_key!r}): annotation `{cls.__name__}.{name}` names no "
                f"reflected field of `{info.type_key}` "
                f"(fields: {', '.join(sorted(known)) or 'none'})"
            )
        value = cls.__dict__.get(name, None)
        if isinstance(value, Field) or (name in cls.__dict__ and not hasattr(value, "__get__")):
            # It would hide the reflected field; C++ owns the field's options.
            raise TypeError(
                f"{decorator}({info.type_key!r}): field `{cls.__name__}.{name}` has a value in "
                f"the class body; its default and options come from the C++ registration "
                f"(refl::default_, refl::kw_only, ...)"
            )
    for f in info.fields:
        if f.name not in annotations:
            warnings.warn(
                f"{decorator}({info.type_key!r}): reflected field `{f.name}` has no annotation "
                f"in class `{cls.__name__}`",
                stacklevel=3,
            )


def install_fields(cls: type, info: TypeInfo, frozen: bool) -> None:
    """A FieldAccessor per reflected field not already reachable through the MRO."""
    own = {f.name for f in info.fields}
    for f in info.all_fields():
        if f.name in cls.__dict__ and not isinstance(cls.__dict__[f.name], core.FieldAccessor):
            continue  # something the user defined in the class body wins
        inherited = getattr(cls, f.name, None)
        if frozen or f.name in own or not isinstance(inherited, core.FieldAccessor):
            setattr(cls, f.name, core._field_accessor(info.type_index, f.name, frozen))


def enable_fast_attributes(cls: type, info: TypeInfo) -> None:
    """The cached attribute path for the reflected fields ("Attribute fast
    path" in reflection.cc). Done last: it adds ``__getattribute__``,
    ``__setattr__`` and ``__delattr__`` to the class, and only where nothing
    (the class body, a base, a frozen ``__setattr__``) defines them. A class
    without fields keeps CPython's lookup, which specialises method calls."""
    if info.all_fields():
        core._enable_fast_attributes(cls)


def install_methods(cls: type, info: TypeInfo) -> None:
    """Reflected methods (instance and static), unless the class body defines the name."""
    for m in info.methods:
        if m.name in cls.__dict__:
            continue
        if m.is_static:
            setattr(cls, m.name, staticmethod(m.func))
        else:
            setattr(cls, m.name, core._method_binder(m.func, m.name, m.doc or None))


def init_signature(info: TypeInfo) -> inspect.Signature:
    """The constructor's signature: from the fields for a generated one, else ``*args``."""
    self_param = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
    if not info.auto_init:
        return inspect.Signature(
            [self_param, inspect.Parameter("args", inspect.Parameter.VAR_POSITIONAL)]
        )
    rows = core._get_global_func("ffi.AutoInitSignature")(info.type_index)  # type: ignore[misc]
    params = [self_param]
    for name, kind, default, is_factory in rows:
        p_kind = (
            inspect.Parameter.KEYWORD_ONLY if kind == 2 else inspect.Parameter.POSITIONAL_OR_KEYWORD
        )
        if default is MISSING:
            p_default: Any = inspect.Parameter.empty
        else:
            p_default = _FACTORY if is_factory else default
        params.append(inspect.Parameter(name, p_kind, default=p_default))
    return inspect.Signature(params)


def install_init(cls: type, info: TypeInfo) -> None:
    """``__init__`` calling the type's ``__ffi_init__`` natively, with its real signature."""
    if "__init__" in cls.__dict__:
        return
    ffi_init = core._lookup_type_attr(info.type_index, "__ffi_init__")
    if ffi_init is None:

        def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
            raise TypeError(
                f"`{info.type_key}` cannot be constructed from Python: it registers no constructor"
            )

        setattr(cls, "__init__", __init__)
        return
    binder = core._method_binder(ffi_init, "__init__", f"Construct a `{info.type_key}`.", True)
    binder.__signature__ = init_signature(info)
    setattr(cls, "__init__", binder)
    if "__new__" not in cls.__dict__:
        core._enable_fast_construct(cls)
    if "__match_args__" not in cls.__dict__:
        names = [
            p.name
            for p in binder.__signature__.parameters.values()
            if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and p.name != "self"
        ]
        if not info.auto_init:
            names = [f.name for f in info.all_fields() if f.init]
        setattr(cls, "__match_args__", tuple(names))


def install_copy(cls: type, *, dataclass: bool) -> None:
    """``__copy__`` (Object's native one, over ``__ffi_shallow_copy__``), and for
    dataclasses ``__replace__`` (``replace`` only takes dataclass instances)."""
    if "__copy__" not in cls.__dict__:
        setattr(cls, "__copy__", Object.__copy__)
    if dataclass and "__replace__" not in cls.__dict__:
        cls.__replace__ = replace  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------
# Module-level functions, with the standard library's semantics.
# ---------------------------------------------------------------------------


def _info_of(obj_or_cls: Any, func: str) -> TypeInfo:
    cls = obj_or_cls if isinstance(obj_or_cls, type) else type(obj_or_cls)
    info = getattr(cls, TYPE_INFO_ATTR, None)
    if info is None or not getattr(cls, DATACLASS_ATTR, False):
        raise TypeError(f"{func}() should be called on dataclass instances or classes")
    return info  # type: ignore[no-any-return]


def _to_field(f: TypeField, annotations: dict[str, Any]) -> Field:
    default: Any = MISSING
    factory: Any = MISSING
    if f.has_default:
        if f.default_is_factory:
            factory = f.default
        else:
            default = f.default
    return Field(
        name=f.name,
        type=annotations.get(f.name, f.type_str),
        default=default,
        default_factory=factory,
        init=f.init,
        repr=f.repr,
        hash=f.hash,
        compare=f.compare,
        kw_only=f.kw_only,
        metadata=f.metadata,
        doc=f.doc,
    )


def fields(class_or_instance: object) -> tuple[Field, ...]:
    """The fields of a dataclass type or instance, parents' first."""
    info = _info_of(class_or_instance, "fields")
    cls = class_or_instance if isinstance(class_or_instance, type) else type(class_or_instance)
    annotations: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        own = klass.__dict__
        annotations.update(own.get(FIELD_TYPES_ATTR) or own.get("__annotations__", {}))
    return tuple(_to_field(f, annotations) for f in info.all_fields())


def is_dataclass(obj: object) -> bool:
    """Whether ``obj`` is a class decorated with c_class/py_class, or an instance of one."""
    cls = obj if isinstance(obj, type) else type(obj)
    return bool(getattr(cls, DATACLASS_ATTR, False))


def _convert_value(value: Any, to_tuple: bool, factory: Any, memo: dict[int, Any]) -> Any:
    """Recursive copy used by asdict/astuple (into our containers too);
    ``factory`` is the dict_factory (asdict) or tuple_factory (astuple)."""
    dict_factory = factory
    if is_dataclass(value) and not isinstance(value, type):
        # Names only: fields() would build a Field per field on every node.
        names = [f.name for f in _info_of(value, "asdict").all_fields()]
        if to_tuple:
            return factory([_convert_value(getattr(value, n), True, factory, memo) for n in names])
        return dict_factory(
            [(n, _convert_value(getattr(value, n), False, dict_factory, memo)) for n in names]
        )
    if isinstance(value, (Array, List, list)):
        seq = cast("Iterable[Any]", value)
        items = [_convert_value(v, to_tuple, factory, memo) for v in seq]
        return items if isinstance(value, (List, list)) else tuple(items)
    if isinstance(value, tuple):
        elems = cast("Iterable[Any]", value)
        tuple_type: Any = type(value)  # pyright: ignore[reportUnknownArgumentType, reportUnknownVariableType]
        return tuple_type(_convert_value(v, to_tuple, factory, memo) for v in elems)
    if isinstance(value, (Map, Dict, dict)):
        mapping = cast("Mapping[Any, Any]", value)
        return {
            _convert_value(k, to_tuple, factory, memo): _convert_value(v, to_tuple, factory, memo)
            for k, v in mapping.items()
        }
    return copy.deepcopy(value, memo)


@overload
def asdict(obj: object) -> dict[str, Any]: ...
@overload
def asdict(obj: object, *, dict_factory: Callable[[list[tuple[str, Any]]], _R]) -> _R: ...
def asdict(obj: object, *, dict_factory: Any = dict) -> Any:
    """The fields of a dataclass instance as a dict, recursively (containers too)."""
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("asdict() should be called on dataclass instances")
    return _convert_value(obj, False, dict_factory, {})


@overload
def astuple(obj: object) -> tuple[Any, ...]: ...
@overload
def astuple(obj: object, *, tuple_factory: Callable[[list[Any]], _R]) -> _R: ...
def astuple(obj: object, *, tuple_factory: Any = tuple) -> Any:
    """The fields of a dataclass instance as a tuple, recursively (containers too)."""
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("astuple() should be called on dataclass instances")
    return _convert_value(obj, True, tuple_factory, {})


def replace(obj: _O, /, **changes: Any) -> _O:
    """A copy of ``obj`` with the given fields replaced (init=False fields cannot be)."""
    if isinstance(obj, type):
        raise TypeError("replace() should be called on dataclass instances")
    info = _info_of(obj, "replace")
    by_name = {f.name: f for f in info.all_fields()}
    for name in changes:
        f = by_name.get(name)
        if f is None:
            raise TypeError(f"replace(): `{info.type_key}` has no field `{name}`")
        if not f.init:
            raise ValueError(
                f"field `{name}` is declared with init=False, it cannot be specified with replace()"
            )
    new: _O = Object.__copy__(cast(Object, obj))  # the type's __ffi_shallow_copy__
    for name, value in changes.items():
        core._field_accessor(info.type_index, name, False).set_unchecked(new, value)
    return new


def set_unchecked(obj: object, name: str, value: object, /) -> None:
    """Sets field ``name`` of ``obj`` even if the class is frozen or the field
    read-only: the escape hatch for ``__post_init__`` of a frozen class (what
    ``object.__setattr__`` is for a frozen :mod:`dataclasses` class). The
    value is still checked and converted like any assignment."""
    if isinstance(obj, type):
        raise TypeError("set_unchecked() should be called on dataclass instances")
    info = _info_of(obj, "set_unchecked")
    if not any(f.name == name for f in info.all_fields()):
        raise AttributeError(f"set_unchecked(): `{info.type_key}` has no field `{name}`")
    core._field_accessor(info.type_index, name, False).set_unchecked(obj, value)
