# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The native repr engine (``ffi.ReprPrint`` / ``core._repr``).

``type_key(field=value, ...)`` for reflected objects (fields in reflection
order, parents first, ``repr(false)`` fields left out), Python-style leaves,
``(...)`` / ``[...]`` / ``{k: v}`` for the containers, ``...`` for a cycle,
a shared node printed in full at each reference, and hooks
(``__ffi_repr__``) replacing the default per type.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from conftest import ReprPrint, register_hook_once
from hypothesis import given, settings
from hypothesis import strategies as st

import tvm_ffi
from tvm_ffi import KWARGS, MISSING, Array, Dict, List, Map
from tvm_ffi import testing as T

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "registers engine hooks on fixture types, once per process"


def rp(value: Any) -> str:
    """The engine's repr of ``value`` (through the global function)."""
    out = ReprPrint(value)
    assert isinstance(out, str)
    return out


# ---------------------------------------------------------------------------
# Leaves
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "None"),
        (True, "True"),
        (False, "False"),
        (0, "0"),
        (-7, "-7"),
        (2**63 - 1, "9223372036854775807"),
        (-(2**63), "-9223372036854775808"),
    ],
)
def test_repr_scalars(value: Any, expected: str) -> None:
    assert rp(value) == expected
    assert tvm_ffi.core._repr(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        0.0,
        -0.0,
        1.0,
        -1.5,
        0.1,
        2.5,
        100.0,
        1200000.0,
        123456789.0,
        3.14159,
        1e-05,
        0.00012,
        1e16,
        1e22,
        1.5e300,
        5e-324,
        # Python switches to exponent notation only below 1e-4 and from 1e16 on.
        0.0001,
        1e15,
        2.0**60,
    ],
)
def test_repr_float_is_python_style(value: float) -> None:
    assert rp(value) == repr(value)


def test_repr_float_specials() -> None:
    assert rp(1.0) == "1.0"
    assert rp(float("nan")) == "nan"
    assert rp(float("inf")) == "inf"
    assert rp(float("-inf")) == "-inf"


@settings(max_examples=100, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_repr_float_matches_python_property(value: float) -> None:
    assert rp(value) == repr(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", '""'),
        ("abc", '"abc"'),
        ("a" * 40, '"' + "a" * 40 + '"'),  # a long (object) string
        ('say "hi"', '"say \\"hi\\""'),
        ("back\\slash", '"back\\\\slash"'),
        ("line\nnext\ttab\rcr", '"line\\nnext\\ttab\\rcr"'),
        ("\x01", '"\\x01"'),
        ("'single'", "\"'single'\""),
        ("é日本", '"é日本"'),
    ],
)
def test_repr_strings_are_double_quoted_with_escapes(value: str, expected: str) -> None:
    assert rp(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (b"", 'b""'),
        (b"abc", 'b"abc"'),
        (b"x" * 40, 'b"' + "x" * 40 + '"'),
        (b"\x00\xff", 'b"\\x00\\xff"'),
        (b'q"\\', 'b"q\\"\\\\"'),
        (b"\n", 'b"\\n"'),
    ],
)
def test_repr_bytes(value: bytes, expected: str) -> None:
    assert rp(value) == expected


def test_repr_sentinels() -> None:
    assert rp(MISSING) == "<MISSING>"
    assert rp(KWARGS) == "<KWARGS>"
    assert repr(MISSING) == "<MISSING>"
    assert repr(KWARGS) == "<KWARGS>"
    assert repr(List([MISSING, KWARGS])) == "[<MISSING>, <KWARGS>]"
    obj = T.TestDeepCopyEdges(MISSING, None)
    assert repr(obj) == "testing.TestDeepCopyEdges(v_any=<MISSING>, v_obj=None)"


# ---------------------------------------------------------------------------
# Containers
# ---------------------------------------------------------------------------


def test_repr_array() -> None:
    assert repr(Array([])) == "()"
    assert repr(Array([1])) == "(1,)"
    assert repr(Array([1, 2])) == "(1, 2)"
    assert repr(Array(["a", None, 1.0, True])) == '("a", None, 1.0, True)'
    assert repr(Array([Array([1])])) == "((1,),)"


def test_repr_list() -> None:
    assert repr(List([])) == "[]"
    assert repr(List([1])) == "[1]"
    assert repr(List([1, "x", b"y"])) == '[1, "x", b"y"]'
    assert repr(List([List([]), Array([2])])) == "[[], (2,)]"


def test_repr_map_and_dict() -> None:
    assert repr(Map({})) == "{}"
    assert repr(Dict({})) == "{}"
    assert repr(Map({"k": 1})) == '{"k": 1}'
    assert repr(Dict({"k": 1})) == '{"k": 1}'
    assert repr(Map({"a": 1, "b": [1, 2]})) == '{"a": 1, "b": (1, 2)}'
    assert repr(Dict({1: "one", "two": 2.0})) == '{1: "one", "two": 2.0}'


def test_repr_matches_global_function() -> None:
    value = List([1, Map({"a": Array([None])}), "s"])
    assert repr(value) == rp(value) == tvm_ffi.core._repr(value)


def test_repr_of_converted_nested_value() -> None:
    value = tvm_ffi.convert([1, {"a": [2.5, None]}, "x"])
    assert repr(value) == '(1, {"a": (2.5, None)}, "x")'


# ---------------------------------------------------------------------------
# Reflected objects
# ---------------------------------------------------------------------------


def test_repr_reflected_object() -> None:
    assert repr(T.TestIntPair(1, 2)) == "testing.TestIntPair(a=1, b=2)"
    assert rp(T.TestIntPair(-3, 4)) == "testing.TestIntPair(a=-3, b=4)"


def test_repr_fields_parent_first() -> None:
    base = T.TestObjectBase()
    assert repr(base) == 'testing.TestObjectBase(v_i64=10, v_f64=10.0, v_str="hello")'
    derived = T.TestObjectDerived(v_map={"a": 1}, v_array=[1, 2])
    assert repr(derived) == (
        'testing.TestObjectDerived(v_i64=10, v_f64=10.0, v_str="hello", '
        'v_map={"a": 1}, v_array=(1, 2))'
    )


def test_repr_omits_repr_false_fields() -> None:
    obj = T.TestCxxClassDerived(v_i64=1, v_i32=2, v_f64=3.0)
    assert repr(obj) == "testing.TestCxxClassDerived(v_f64=3.0, v_f32=8.0)"
    obj2 = T.TestCxxClassDerivedDerived(v_i64=1, v_i32=2, v_f64=0.5, v_bool=True)
    text = repr(obj2)
    assert text == (
        'testing.TestCxxClassDerivedDerived(v_f64=0.5, v_f32=8.0, v_str="default", v_bool=True)'
    )
    assert "v_i64" not in text and "v_i32" not in text


def test_repr_object_fields_holding_containers_and_objects() -> None:
    inner = T.TestIntPair(5, 6)
    obj = T.TestDeepCopyEdges(List([1, "two"]), inner)
    assert repr(obj) == (
        'testing.TestDeepCopyEdges(v_any=[1, "two"], v_obj=testing.TestIntPair(a=5, b=6))'
    )
    assert repr(List([inner])) == "[testing.TestIntPair(a=5, b=6)]"


def test_repr_string_field_escaped() -> None:
    obj = T.TestObjectBase()
    obj.v_str = 'a"b\\c\n'
    assert repr(obj) == 'testing.TestObjectBase(v_i64=10, v_f64=10.0, v_str="a\\"b\\\\c\\n")'


# ---------------------------------------------------------------------------
# Cycles and DAGs
# ---------------------------------------------------------------------------


def test_repr_self_cycle_through_object() -> None:
    obj = T.TestDeepCopyEdges(None, None)
    obj.v_obj = obj
    assert repr(obj) == "testing.TestDeepCopyEdges(v_any=None, v_obj=...)"
    obj.v_obj = None  # break the cycle so the object can be freed


def test_repr_self_cycle_through_any_field() -> None:
    obj = T.TestDeepCopyEdges(None, None)
    obj.v_any = obj
    assert repr(obj) == "testing.TestDeepCopyEdges(v_any=..., v_obj=None)"
    obj.v_any = None


def test_repr_two_node_cycle() -> None:
    a = T.TestDeepCopyEdges(1, None)
    b = T.TestDeepCopyEdges(2, a)
    a.v_obj = b
    assert repr(a) == (
        "testing.TestDeepCopyEdges(v_any=1, v_obj=testing.TestDeepCopyEdges(v_any=2, v_obj=...))"
    )
    a.v_obj = None


def test_repr_list_inside_itself() -> None:
    lst = List([1])
    lst.append(lst)
    assert repr(lst) == "[1, ...]"
    lst.clear()


def test_repr_dict_inside_itself() -> None:
    d = Dict({"a": 1})
    d["self"] = d
    assert repr(d) == '{"a": 1, "self": ...}'
    d.clear()


def test_repr_cycle_through_list_and_object() -> None:
    obj = T.TestDeepCopyEdges(None, None)
    obj.v_any = List([obj, 3])
    assert repr(obj) == "testing.TestDeepCopyEdges(v_any=[..., 3], v_obj=None)"
    obj.v_any = None


def test_repr_shared_node_printed_in_full_each_time() -> None:
    shared = T.TestIntPair(3, 4)
    pair = "testing.TestIntPair(a=3, b=4)"
    assert repr(Array([shared, shared])) == f"({pair}, {pair})"
    obj = T.TestDeepCopyEdges(shared, shared)
    assert repr(obj) == f"testing.TestDeepCopyEdges(v_any={pair}, v_obj={pair})"
    inner = List([1])
    assert repr(Map({"a": inner, "b": inner})) == '{"a": [1], "b": [1]}'


def _dag(depth: int) -> Any:
    node: Any = Array([1])
    for _ in range(depth):
        node = Array([node, node])
    return node


def _expected_dag_repr(depth: int) -> str:
    text = "(1,)"
    for _ in range(depth):
        text = f"({text}, {text})"
    return text


def test_repr_dag_expands_every_path() -> None:
    for depth in (0, 1, 2, 8):
        assert repr(_dag(depth)) == _expected_dag_repr(depth)


def test_repr_sibling_not_mistaken_for_cycle() -> None:
    # The same node under two siblings is a DAG, not a cycle: no "...".
    leaf = List([0])
    value = List([List([leaf]), List([leaf])])
    assert repr(value) == "[[[0]], [[0]]]"


# ---------------------------------------------------------------------------
# Python objects held opaquely
# ---------------------------------------------------------------------------


class _Shown:
    def __repr__(self) -> str:
        return "<shown 42>"


class _ReprRaises:
    def __repr__(self) -> str:
        raise KeyError("repr exploded")


def test_repr_opaque_python_object_uses_python_repr() -> None:
    value = _Shown()
    assert rp(value) == "<shown 42>"
    assert repr(List([value, 1])) == "[<shown 42>, 1]"
    obj = T.TestDeepCopyEdges(value, None)
    assert repr(obj) == "testing.TestDeepCopyEdges(v_any=<shown 42>, v_obj=None)"


def test_repr_opaque_python_object_whose_repr_raises() -> None:
    with pytest.raises(KeyError, match="repr exploded"):
        repr(List([_ReprRaises()]))
    obj = T.TestDeepCopyEdges(_ReprRaises(), None)
    with pytest.raises(KeyError, match="repr exploded"):
        repr(obj)


# ---------------------------------------------------------------------------
# __ffi_repr__ hooks written in Python
# ---------------------------------------------------------------------------

_SIMPLE_KEY = "testing.TestCxxAutoInitSimple"


def _simple_repr_hook(self: Any, fn_repr: Any) -> Any:
    # Formats as the default would (other suites may print this type), except
    # for marker values that exercise the hook paths.
    if self.x == -1:
        raise ValueError("hook refused to print")
    if self.x == -2:
        return 12345  # not a str
    if self.x == 777:
        return f"<self={fn_repr(self)} y={fn_repr(self.y)}>"
    if self.x == 4242:
        return f"<custom y={fn_repr(self.y)} list={fn_repr(List([self.y, 'z']))}>"
    return f"{_SIMPLE_KEY}(x={fn_repr(self.x)}, y={fn_repr(self.y)})"


@pytest.fixture(scope="module")
def simple_repr_hook() -> None:
    register_hook_once(_SIMPLE_KEY, "__ffi_repr__", _simple_repr_hook)


def test_repr_hook_replaces_default(simple_repr_hook: None) -> None:
    obj = T.TestCxxAutoInitSimple(4242, 7)
    assert repr(obj) == '<custom y=7 list=[7, "z"]>'
    assert rp(obj) == '<custom y=7 list=[7, "z"]>'


def test_repr_hook_inside_containers_and_objects(simple_repr_hook: None) -> None:
    obj = T.TestCxxAutoInitSimple(4242, 1)
    custom = '<custom y=1 list=[1, "z"]>'
    assert repr(List([obj, 2.0])) == f"[{custom}, 2.0]"
    holder = T.TestDeepCopyEdges("s", obj)
    assert repr(holder) == f'testing.TestDeepCopyEdges(v_any="s", v_obj={custom})'
    plain = T.TestCxxAutoInitSimple(1, 2)
    assert repr(Array([plain])) == f"({_SIMPLE_KEY}(x=1, y=2),)"


def test_repr_hook_recursing_into_itself_prints_cycle(simple_repr_hook: None) -> None:
    obj = T.TestCxxAutoInitSimple(777, 3)
    assert repr(obj) == "<self=... y=3>"
    assert repr(List([obj])) == "[<self=... y=3>]"


def test_repr_hook_that_raises_propagates(simple_repr_hook: None) -> None:
    bad = T.TestCxxAutoInitSimple(-1, 0)
    with pytest.raises(ValueError, match="hook refused to print"):
        repr(bad)
    with pytest.raises(ValueError, match="hook refused to print"):
        repr(List([1, Map({"k": bad})]))
    # The engine is usable afterwards.
    assert repr(List([1])) == "[1]"


def test_repr_hook_returning_wrong_type(simple_repr_hook: None) -> None:
    bad = T.TestCxxAutoInitSimple(-2, 0)
    with pytest.raises(TypeError, match="__ffi_repr__"):
        repr(bad)
    with pytest.raises(TypeError, match="TestCxxAutoInitSimple"):
        rp(List([bad]))


def test_repr_hook_registered_once(simple_repr_hook: None) -> None:
    index = tvm_ffi.core._object_type_key_to_index(_SIMPLE_KEY)
    assert index is not None
    with pytest.raises(RuntimeError):
        tvm_ffi.core._register_type_attr(index, "__ffi_repr__", _simple_repr_hook)


# ---------------------------------------------------------------------------
# Size
# ---------------------------------------------------------------------------


def test_repr_wide_list() -> None:
    values = list(range(100_000))
    text = repr(List(values))
    assert text == "[" + ", ".join(map(str, values)) + "]"


def test_repr_nan_and_inf_inside_containers() -> None:
    assert repr(List([math.nan, -math.inf, math.inf, -0.0])) == "[nan, -inf, inf, -0.0]"


_kept_fn_repr: list[Any] = []


def _repr_keeping_fn(self: Any, fn_repr: Any) -> str:
    _kept_fn_repr.append(fn_repr)
    return f"CopyByHook({fn_repr(self.value)})"


def test_fn_repr_kept_by_a_hook_works_after_the_run() -> None:
    """fn_repr carries the run's cycle guard; called once the run is over it
    must neither touch that (gone) guard nor fail."""
    register_hook_once("testing.TestCopyByHook", "__ffi_repr__", _repr_keeping_fn)
    assert repr(List([T.TestCopyByHook(7)])) == "[CopyByHook(7)]"
    kept = _kept_fn_repr[-1]
    assert kept(List([1, "a"])) == '[1, "a"]'
    node = List([1])
    node.append(node)
    assert kept(node) == "[1, ...]"  # a guard of its own
