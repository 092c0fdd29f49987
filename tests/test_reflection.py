# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Reflection records (TypeInfo), the native field descriptors and method
binders, objects of types with no Python class, ffi.MakeObjectFromPackedArgs,
and bad input to all of them."""

# pyright: reportPrivateUsage=false

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from typing import Any

import pytest

import tvm_ffi
import tvm_ffi.testing as T
from tvm_ffi import Function, core
from tvm_ffi.type_info import TypeField, TypeInfo, TypeMethod

# ---------------------------------------------------------------------------
# TypeInfo
# ---------------------------------------------------------------------------


def _field(info: TypeInfo, name: str) -> TypeField:
    (found,) = [f for f in info.fields if f.name == name]
    return found


def test_type_info_by_key_and_index() -> None:
    info = tvm_ffi.type_info("testing.TestObjectBase")
    assert isinstance(info, TypeInfo)
    assert info.type_key == "testing.TestObjectBase"
    assert info.type_index == core._type_key_to_index("testing.TestObjectBase")
    assert tvm_ffi.type_info(info.type_index) == info
    assert T.TestObjectBase.__tvm_ffi_type_info__ == info  # type: ignore[attr-defined]


def test_type_info_fields() -> None:
    info = tvm_ffi.type_info("testing.TestObjectBase")
    assert [f.name for f in info.fields] == ["v_i64", "v_f64", "v_str"]
    v_i64, v_f64, v_str = info.fields
    assert v_i64.doc == "i64 field"
    assert v_f64.doc == ""
    assert (v_i64.type_str, v_f64.type_str, v_str.type_str) == ("int", "float", "str")
    assert v_i64.static_type_index == 1  # kTVMFFIInt
    assert v_f64.static_type_index == 3  # kTVMFFIFloat
    assert v_str.static_type_index == core._type_key_to_index("ffi.String")
    assert (v_i64.writable, v_f64.writable, v_str.writable) == (True, False, True)
    assert all(f.has_default for f in info.fields)
    assert (v_i64.default, v_f64.default, v_str.default) == (10, 10.0, "hello")
    assert not any(f.default_is_factory for f in info.fields)
    assert all(f.init and f.repr and f.hash and f.compare and not f.kw_only for f in info.fields)
    assert v_i64.offset < v_f64.offset < v_str.offset


def test_type_info_field_flags() -> None:
    info = tvm_ffi.type_info("testing.TestCxxAutoInit")
    a, b, c, d = (_field(info, n) for n in "abcd")
    assert (a.has_default, b.has_default, c.has_default, d.has_default) == (
        False,
        True,
        False,
        True,
    )
    assert (a.init, b.init, c.init, d.init) == (True, False, True, True)
    assert (a.kw_only, b.kw_only, c.kw_only, d.kw_only) == (False, False, True, False)
    assert (b.default, d.default) == (42, 99)
    assert a.default is None  # no default: None in the record
    info = tvm_ffi.type_info("testing.TestCxxClassBase")
    assert not _field(info, "v_i64").repr and not _field(info, "v_i32").repr
    assert _field(tvm_ffi.type_info("testing.TestCompare"), "ignored_field").compare is False
    assert _field(tvm_ffi.type_info("testing.TestCompare"), "key").compare is True
    assert _field(tvm_ffi.type_info("testing.TestHash"), "hash_ignored").hash is False
    assert _field(tvm_ffi.type_info("testing.TestCompare"), "key").writable is False


def test_type_info_object_field_types() -> None:
    info = tvm_ffi.type_info("testing.TestObjectDerived")
    assert _field(info, "v_map").type_str == "Map"
    assert _field(info, "v_map").static_type_index == core._type_key_to_index("ffi.Map")
    assert _field(info, "v_array").static_type_index == core._type_key_to_index("ffi.Array")
    holder = tvm_ffi.type_info("testing.TestObjectPtrHolder")
    assert _field(holder, "value").type_str == "testing.TestObjectBase"
    assert _field(holder, "optional_value").default is None
    assert _field(holder, "optional_value").has_default


def test_type_info_methods() -> None:
    (method,) = tvm_ffi.type_info("testing.TestIntPair").methods
    assert isinstance(method, TypeMethod)
    assert method.name == "sum"
    assert method.doc == "Method to compute sum of a and b"
    assert method.is_static is False
    assert isinstance(method.func, Function)
    assert method.func(T.TestIntPair(2, 5)) == 7
    (add,) = tvm_ffi.type_info("testing.TestObjectBase").methods
    assert (add.name, add.doc, add.is_static) == ("add_i64", "add_i64 method", False)
    assert tvm_ffi.type_info("testing.TestCxxAutoInitSimple").methods == ()


def test_type_info_ancestors_and_parent() -> None:
    root = core._type_key_to_index("ffi.Object")
    base = core._type_key_to_index("testing.TestObjectBase")
    info = tvm_ffi.type_info("testing.TestObjectDerived")
    assert info.ancestors == (root, base)
    assert info.parent is not None and info.parent.type_key == "testing.TestObjectBase"
    dd = tvm_ffi.type_info("testing.TestCxxClassDerivedDerived")
    assert [tvm_ffi.type_info(i).type_key for i in dd.ancestors] == [
        "ffi.Object",
        "testing.TestCxxClassBase",
        "testing.TestCxxClassDerived",
    ]
    assert [f.name for f in dd.all_fields()] == [
        "v_i64",
        "v_i32",
        "v_f64",
        "v_f32",
        "v_str",
        "v_bool",
    ]
    assert [f.name for f in dd.fields] == ["v_str", "v_bool"]
    obj = tvm_ffi.type_info("ffi.Object")
    assert obj.ancestors == () and obj.parent is None


def test_type_info_type_flags() -> None:
    assert tvm_ffi.type_info("testing.TestObjectBase").mutable
    assert not tvm_ffi.type_info("testing.TestIntPair").mutable
    assert tvm_ffi.type_info("testing.TestCxxAutoInit").auto_init
    assert not tvm_ffi.type_info("testing.TestIntPair").auto_init  # explicit ctor
    assert not tvm_ffi.type_info("testing.TestCxxNoAutoInit").auto_init


def test_type_info_records_are_immutable() -> None:
    info = tvm_ffi.type_info("testing.TestObjectBase")
    with pytest.raises(AttributeError):
        info.type_key = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        info.fields[0].name = "x"  # type: ignore[misc]


def test_type_info_bad_input() -> None:
    with pytest.raises(KeyError, match=r"nope\.NotAType"):
        tvm_ffi.type_info("nope.NotAType")
    for index in (99999, -1, -(2**31)):
        with pytest.raises(KeyError):
            tvm_ffi.type_info(index)
    for bad in (None, 1.5, [1], b"testing.TestIntPair", 2**40):
        with pytest.raises(TypeError):
            tvm_ffi.type_info(bad)  # type: ignore[arg-type]


def test_object_type_key_to_index() -> None:
    assert core._object_type_key_to_index("testing.TestIntPair") == core._type_key_to_index(
        "testing.TestIntPair"
    )
    assert core._object_type_key_to_index("nope.NotAType") is None
    assert core._object_type_key_to_index("") is None
    with pytest.raises(TypeError):
        core._object_type_key_to_index(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        core._object_type_key_to_index(None)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# Field descriptors and method binders
# ---------------------------------------------------------------------------


def test_field_accessor_attributes() -> None:
    acc = T.TestObjectBase.v_i64
    assert acc.name == "v_i64"
    assert acc.__name__ == "v_i64"  # type: ignore[attr-defined]
    assert acc.type_key == "testing.TestObjectBase"
    assert acc.type_str == "int"
    assert acc.writable is True
    assert T.TestObjectBase.v_f64.writable is False
    assert T.TestIntPair.a.writable is False
    assert repr(acc) == "<field 'v_i64' of 'testing.TestObjectBase': int>"


def test_field_accessor_doc() -> None:
    # the C++ doc of the field, as for a property (help() shows it)
    assert T.TestObjectBase.v_i64.__doc__ == "i64 field"
    assert T.TestIntPair.a.__doc__ == "Field `a`"


def test_method_doc_and_name() -> None:
    assert T.TestIntPair.sum.__name__ == "sum"
    assert T.TestIntPair.sum.__doc__ == "Method to compute sum of a and b"
    assert T.TestObjectBase.add_i64.__doc__ == "add_i64 method"


def test_field_accessor_bad_objects() -> None:
    acc = T.TestObjectBase.v_i64
    with pytest.raises(TypeError, match="v_i64"):
        acc.__get__(5, int)
    with pytest.raises(TypeError, match="v_i64"):
        acc.__set__(5, 1)
    with pytest.raises(TypeError):
        acc.set_unchecked(1)
    with pytest.raises(TypeError):
        acc.set_unchecked()
    with pytest.raises(ValueError, match="not initialized"):
        acc.__get__(T.TestObjectBase.__new__(T.TestObjectBase), None)


def test_field_accessor_rejects_object_of_other_type() -> None:
    """A descriptor of one type applied to an object of an unrelated type must not
    read or write that object's memory at the field's offset."""
    pair = T.TestIntPair(1, 2)
    with pytest.raises(TypeError, match=r"v_i64.*testing\.TestObjectBase.*testing\.TestIntPair"):
        T.TestObjectBase.v_i64.__get__(pair, None)
    with pytest.raises(TypeError, match=r"v_i64.*testing\.TestIntPair"):
        T.TestObjectBase.v_i64.__set__(pair, 99)
    assert (pair.a, pair.b) == (1, 2)
    # a subtype's object is fine through its parent's descriptor
    derived = T.TestObjectDerived(v_map={}, v_array=[], v_i64=4)
    assert T.TestObjectBase.v_i64.__get__(derived, None) == 4


def test_field_accessor_factory_errors() -> None:
    index = core._type_key_to_index("testing.TestObjectBase")
    acc = core._field_accessor(index, "v_i64")
    assert acc.name == "v_i64" and acc.writable
    assert core._field_accessor(index, "v_i64", True).writable is False
    with pytest.raises(AttributeError, match="nope"):
        core._field_accessor(index, "nope")
    with pytest.raises(KeyError):
        core._field_accessor(99999, "v_i64")
    with pytest.raises(TypeError):
        core._field_accessor("x", "v_i64")  # type: ignore[arg-type]


def test_method_binder_errors() -> None:
    with pytest.raises(TypeError, match="Function"):
        core._method_binder(5, "x", None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        core._method_binder(T.echo, 5, None)  # type: ignore[arg-type]
    binder = core._method_binder(T.echo, "echo_m", "doc")
    with pytest.raises(TypeError, match="echo_m"):
        binder()


# ---------------------------------------------------------------------------
# ffi.MakeObjectFromPackedArgs
# ---------------------------------------------------------------------------


def test_make_object_from_packed_args() -> None:
    make = tvm_ffi.get_global_func("ffi.MakeObjectFromPackedArgs")
    obj = make("testing.TestCxxAutoInitSimple", "x", 1, "y", 2)
    assert type(obj) is T.TestCxxAutoInitSimple  # bound by tvm_ffi.testing
    assert (obj.x, obj.y) == (1, 2)
    assert repr(obj) == "testing.TestCxxAutoInitSimple(x=1, y=2)"
    derived = make("testing.TestObjectDerived", "v_i64", 3, "v_array", [1])
    assert type(derived) is T.TestObjectDerived
    assert derived.v_i64 == 3  # a parent's field
    assert list(derived.v_array) == [1]


def test_make_object_from_packed_args_errors() -> None:
    make = tvm_ffi.get_global_func("ffi.MakeObjectFromPackedArgs")
    with pytest.raises(TypeError, match=r"testing\.TestCxxAutoInitSimple.*zz"):
        make("testing.TestCxxAutoInitSimple", "zz", 1)
    with pytest.raises(KeyError, match=r"nope\.Key"):
        make("nope.Key")
    with pytest.raises(TypeError, match=r"testing\.TestCxxAutoInitSimple.*x.*`int`"):
        make("testing.TestCxxAutoInitSimple", "x", "s")
    with pytest.raises(TypeError):
        make("testing.TestCxxAutoInitSimple", "x")  # name without value
    with pytest.raises(TypeError):
        make()
    with pytest.raises(TypeError):
        make(1)
    with pytest.raises(TypeError):
        make("testing.TestCxxAutoInitSimple", 1, 2)
    with pytest.raises(TypeError, match=r"testing\.TestNonCopyable"):
        make("testing.TestNonCopyable", "value", 1)  # no blank allocator


# ---------------------------------------------------------------------------
# Objects of types with no Python class (a separate process: in this one
# tvm_ffi.testing binds a class to every testing type).
# ---------------------------------------------------------------------------

_UNBOUND_SCRIPT = textwrap.dedent(
    """
    import json
    import tvm_ffi
    from tvm_ffi import core
    from tvm_ffi.config import find_library
    from tvm_ffi.module import load_library
    from tvm_ffi.sentinel import KWARGS

    load_library(find_library("tvm_ffi_testing"))
    out = {}
    keys = ["testing.TestCxxAutoInitSimple", "testing.TestObjectBase",
            "testing.TestObjectDerived", "testing.TestObjectPtrHolder"]
    out["unbound"] = [core._registered_object_class(core._type_key_to_index(k)) is None
                      for k in keys]
    make = tvm_ffi.get_global_func("ffi.MakeObjectFromPackedArgs")
    obj = make("testing.TestCxxAutoInitSimple", "x", 1, "y", 2)
    out["is_object"] = isinstance(obj, tvm_ffi.Object)
    out["type_key"] = obj.type_key
    out["xy"] = [obj.x, obj.y]
    out["repr"] = repr(obj)
    try:
        obj.no_such_field
    except AttributeError:
        out["missing_attr"] = "AttributeError"
    derived = make("testing.TestObjectDerived", "v_i64", 3, "v_str", "s")
    out["derived"] = [derived.v_i64, derived.v_str]
    base = make("testing.TestObjectBase", "v_i64", 4)
    holder = tvm_ffi.get_global_func("testing.make_object_ptr_holder")(base)
    out["holder_value"] = holder.value.v_i64
    out["holder_same"] = holder.value.same_as(base)
    out["holder_repr"] = repr(holder)
    def error_of(action):
        try:
            action()
        except Exception as exc:
            return [type(exc).__name__, str(exc)]
        return None
    base.v_i64 = 9
    writes = {"set": base.v_i64}
    writes["read_only"] = error_of(lambda: setattr(base, "v_f64", 2.0))
    writes["delete"] = error_of(lambda: delattr(base, "v_i64"))
    writes["wrong_type"] = error_of(lambda: setattr(base, "v_i64", "x"))
    writes["overflow"] = error_of(lambda: setattr(base, "v_i64", 2**70))
    writes["unchanged"] = base.v_i64
    out["writes"] = writes
    init = core._lookup_type_attr(core._type_key_to_index("testing.TestCxxAutoInit"),
                                  "__ffi_init__")
    auto = init(1, KWARGS, "c", 3)
    out["auto_init"] = [auto.a, auto.b, auto.c, auto.d]
    print("RESULTS " + json.dumps(out), flush=True)

    # Last, as it may take the process down: a string field read through the
    # descriptor of an unrelated type.
    import tvm_ffi.testing as T
    pair = T.TestIntPair(1, 2)
    try:
        T.TestObjectBase.v_str.__get__(pair, None)
        print("WRONG_DESCRIPTOR no error", flush=True)
    except TypeError:
        print("WRONG_DESCRIPTOR TypeError", flush=True)
    """
)


@pytest.fixture(scope="module")
def separate_process() -> subprocess.CompletedProcess[str]:
    """Runs the script above in a fresh interpreter (one process for all these tests)."""
    return subprocess.run(
        [sys.executable, "-c", _UNBOUND_SCRIPT],
        capture_output=True,
        text=True,
        timeout=900,
        env=dict(os.environ),
        cwd=os.path.dirname(__file__),
    )


def _marked_line(proc: subprocess.CompletedProcess[str], marker: str) -> str | None:
    for line in proc.stdout.splitlines():
        if line.startswith(marker + " "):
            return line[len(marker) + 1 :]
    return None


@pytest.fixture(scope="module")
def unbound_results(separate_process: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    line = _marked_line(separate_process, "RESULTS")
    assert line is not None, separate_process.stderr[-3000:]
    return json.loads(line)  # type: ignore[no-any-return]


def test_unbound_types_have_no_class(unbound_results: dict[str, Any]) -> None:
    assert unbound_results["unbound"] == [True, True, True, True]


def test_unbound_object_fields_and_repr(unbound_results: dict[str, Any]) -> None:
    assert unbound_results["is_object"] is True
    assert unbound_results["type_key"] == "testing.TestCxxAutoInitSimple"
    assert unbound_results["xy"] == [1, 2]
    assert unbound_results["repr"] == "testing.TestCxxAutoInitSimple(x=1, y=2)"
    assert unbound_results["missing_attr"] == "AttributeError"
    assert unbound_results["derived"] == [3, "s"]


def test_unbound_nested_objects(unbound_results: dict[str, Any]) -> None:
    assert unbound_results["holder_value"] == 4
    assert unbound_results["holder_same"] is True
    assert str(unbound_results["holder_repr"]).startswith(
        "testing.TestObjectPtrHolder(value=testing.TestObjectBase(v_i64=4"
    )


def test_unbound_object_writes_check_like_bound_ones(unbound_results: dict[str, Any]) -> None:
    """The same store, checks and messages as a bound class's fields."""
    writes = unbound_results["writes"]
    assert writes["set"] == 9 and writes["unchanged"] == 9
    assert writes["read_only"] == [
        "AttributeError",
        "cannot assign to field 'v_f64' of 'testing.TestObjectBase': it is read-only",
    ]
    assert writes["delete"] == [
        "AttributeError",
        "cannot delete field 'v_i64' of 'testing.TestObjectBase'",
    ]
    assert writes["wrong_type"] == [
        "TypeError",
        "field 'v_i64' of 'testing.TestObjectBase' expects `int` but got `str`",
    ]
    assert writes["overflow"][0] == "OverflowError"
    assert "field 'v_i64' of 'testing.TestObjectBase'" in writes["overflow"][1]


def test_unbound_generated_constructor(unbound_results: dict[str, Any]) -> None:
    assert unbound_results["auto_init"] == [1, 42, 3, 99]


def test_wrong_descriptor_never_crashes(
    separate_process: subprocess.CompletedProcess[str],
) -> None:
    """Reading a string field through another type's descriptor must raise, not crash."""
    assert separate_process.returncode == 0, (
        f"process died with {separate_process.returncode}: {separate_process.stderr[-2000:]}"
    )
    assert _marked_line(separate_process, "WRONG_DESCRIPTOR") == "TypeError"
