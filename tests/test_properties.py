# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Property-based tests (hypothesis): conversion round trips, and List / Dict
mutation sequences against Python list / dict models."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import tvm_ffi
from tvm_ffi import Array, Dict, List, Map
from tvm_ffi.testing import apply, echo

INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=20)

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    INT64,
    st.floats(allow_nan=False),
    TEXT,
    st.binary(max_size=20),
)

VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.tuples(children, children),
        st.dictionaries(TEXT, children, max_size=5),
    ),
    max_leaves=25,
)

# Values without None, for the mutation models (None handling has its own
# unit tests, so a failure there does not hide everything else here).
ITEMS = st.one_of(
    st.booleans(),
    st.integers(-1000, 1000),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=10),
    st.binary(max_size=10),
)

SETTINGS = settings(max_examples=150, deadline=None)


def assert_converted(original: Any, out: Any) -> None:
    """``out`` is what ``original`` becomes after crossing: same value, FFI kind."""
    if original is None:
        assert out is None
    elif isinstance(original, bool):
        assert out is original
    elif isinstance(original, int):
        assert type(out) is int and out == original
    elif isinstance(original, float):
        assert type(out) is float
        assert out == original and math.copysign(1.0, out) == math.copysign(1.0, original)
    elif isinstance(original, str):
        assert type(out) is str and out == original
    elif isinstance(original, bytes):
        assert type(out) is bytes and out == original
    elif isinstance(original, (list, tuple)):
        assert isinstance(out, Array) and not isinstance(out, List)
        assert len(out) == len(original)
        for a, b in zip(original, out, strict=True):
            assert_converted(a, b)
    elif isinstance(original, dict):
        assert isinstance(out, Map) and not isinstance(out, Dict)
        assert list(out.keys()) == list(original.keys())
        for k, v in original.items():
            assert_converted(v, out[k])
    else:  # pragma: no cover
        raise AssertionError(f"unexpected {original!r}")


@SETTINGS
@given(VALUES)
def test_echo_round_trip(value: Any) -> None:
    out = echo(value)
    assert_converted(value, out)
    if isinstance(value, (list, tuple, dict)):
        assert out == value


@SETTINGS
@given(VALUES)
def test_convert_round_trip(value: Any) -> None:
    assert_converted(value, tvm_ffi.convert(value))


@SETTINGS
@given(VALUES)
def test_callback_round_trip(value: Any) -> None:
    seen: list[Any] = []

    def cb(x: Any) -> Any:
        seen.append(x)
        return x

    out = apply(cb, value)
    assert_converted(value, seen[0])
    assert_converted(value, out)
    if isinstance(value, (list, tuple, dict)):
        # The container made for the call comes back as the very same wrapper.
        assert out is seen[0]


@SETTINGS
@given(st.lists(VALUES, max_size=8))
def test_containers_built_from_python_items(items: list[Any]) -> None:
    arr = Array(items)
    lst = List(items)
    for src, a, b in zip(items, arr, lst, strict=True):
        assert_converted(src, a)
        assert_converted(src, b)
    assert arr == lst
    assert len(arr) == len(items)


@SETTINGS
@given(st.dictionaries(TEXT, VALUES, max_size=8))
def test_maps_built_from_python_dicts(d: dict[str, Any]) -> None:
    for m in (Map(d), Dict(d)):
        assert list(m.keys()) == list(d.keys())
        for k, v in d.items():
            assert k in m
            assert_converted(v, m[k])
        assert m == d


# ------------------------------------------------------------ List model

INDEX = st.integers(min_value=-12, max_value=12)
SLICES = st.builds(
    slice, st.none() | INDEX, st.none() | INDEX, st.none() | st.integers(-3, 3).filter(bool)
)

LIST_OPS = st.one_of(
    st.tuples(st.just("append"), ITEMS),
    st.tuples(st.just("extend"), st.lists(ITEMS, max_size=4)),
    st.tuples(st.just("self_extend")),
    st.tuples(st.just("insert"), INDEX, ITEMS),
    st.tuples(st.just("pop"), INDEX),
    st.tuples(st.just("pop_last")),
    st.tuples(st.just("remove"), ITEMS),
    st.tuples(st.just("clear")),
    st.tuples(st.just("reverse")),
    st.tuples(st.just("setitem"), INDEX, ITEMS),
    st.tuples(st.just("setslice"), SLICES, st.lists(ITEMS, max_size=4)),
    st.tuples(st.just("delitem"), INDEX),
    st.tuples(st.just("delslice"), SLICES),
    st.tuples(st.just("iadd"), st.lists(ITEMS, max_size=3)),
    st.tuples(st.just("cpp_append"), ITEMS),
)


def _apply_list_op(target: Any, op: tuple[Any, ...]) -> Any:
    name = op[0]
    if name == "append":
        return target.append(op[1])
    if name == "extend":
        return target.extend(op[1])
    if name == "self_extend":
        return target.extend(target)
    if name == "insert":
        return target.insert(op[1], op[2])
    if name == "pop":
        return target.pop(op[1])
    if name == "pop_last":
        return target.pop()
    if name == "remove":
        return target.remove(op[1])
    if name == "clear":
        return target.clear()
    if name == "reverse":
        return target.reverse()
    if name == "setitem":
        target[op[1]] = op[2]
        return None
    if name == "setslice":
        target[op[1]] = op[2]
        return None
    if name == "delitem":
        del target[op[1]]
        return None
    if name == "delslice":
        del target[op[1]]
        return None
    if name == "iadd":
        target += op[1]
        return None
    if name == "cpp_append":
        if isinstance(target, List):
            return tvm_ffi.get_global_func("testing.list_append")(target, op[1])
        return target.append(op[1])
    raise AssertionError(name)


def _strict_equal(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    return bool(a == b)


@SETTINGS
@given(st.lists(ITEMS, max_size=6), st.lists(LIST_OPS, max_size=25))
def test_list_mutations_match_python_list(initial: list[Any], ops: list[tuple[Any, ...]]) -> None:
    model = list(initial)
    lst = List(initial)
    alias = echo(lst)
    for op in ops:
        try:
            expected = _apply_list_op(model, op)
        except (IndexError, ValueError) as exc:
            expected_exc: type[BaseException] | None = type(exc)
        else:
            expected_exc = None
        if expected_exc is not None:
            try:
                _apply_list_op(lst, op)
            except expected_exc:
                pass
            else:
                raise AssertionError(f"{op!r} should raise {expected_exc.__name__}")
        else:
            got = _apply_list_op(lst, op)
            assert _strict_equal(got, expected), (op, got, expected)
        assert len(lst) == len(model), op
        assert all(_strict_equal(a, b) for a, b in zip(lst, model, strict=True)), (
            op,
            list(lst),
            model,
        )
    assert alias is lst
    assert lst == model


# ------------------------------------------------------------ Dict model

KEYS = st.one_of(st.text(max_size=3), st.integers(-5, 5), st.binary(max_size=2))

DICT_OPS = st.one_of(
    st.tuples(st.just("set"), KEYS, ITEMS),
    st.tuples(st.just("del"), KEYS),
    st.tuples(st.just("pop"), KEYS),
    st.tuples(st.just("pop_default"), KEYS, ITEMS),
    st.tuples(st.just("popitem")),
    st.tuples(st.just("setdefault"), KEYS, ITEMS),
    st.tuples(st.just("update"), st.dictionaries(KEYS, ITEMS, max_size=3)),
    st.tuples(st.just("clear")),
    st.tuples(st.just("get"), KEYS, ITEMS),
    st.tuples(st.just("getitem"), KEYS),
    st.tuples(st.just("contains"), KEYS),
    st.tuples(st.just("cpp_set"), KEYS, ITEMS),
)


def _apply_dict_op(target: Any, op: tuple[Any, ...]) -> Any:
    name = op[0]
    if name in ("set", "cpp_set"):
        if name == "cpp_set" and isinstance(target, Dict):
            return tvm_ffi.get_global_func("testing.dict_set")(target, op[1], op[2])
        target[op[1]] = op[2]
        return None
    if name == "del":
        del target[op[1]]
        return None
    if name == "pop":
        return target.pop(op[1])
    if name == "pop_default":
        return target.pop(op[1], op[2])
    if name == "setdefault":
        return target.setdefault(op[1], op[2])
    if name == "update":
        return target.update(op[1])
    if name == "clear":
        return target.clear()
    if name == "get":
        return target.get(op[1], op[2])
    if name == "getitem":
        return target[op[1]]
    if name == "contains":
        return op[1] in target
    raise AssertionError(name)


@SETTINGS
@given(st.dictionaries(KEYS, ITEMS, max_size=6), st.lists(DICT_OPS, max_size=25))
def test_dict_mutations_match_python_dict(
    initial: dict[Any, Any], ops: list[tuple[Any, ...]]
) -> None:
    model = dict(initial)
    d = Dict(initial)
    for op in ops:
        if op[0] == "popitem":
            # MutableMapping.popitem may pick any item; check it came from the model.
            if not model:
                try:
                    d.popitem()
                except KeyError:
                    continue
                raise AssertionError("popitem on an empty Dict should raise KeyError")
            k, v = d.popitem()
            assert k in model and _strict_equal(model.pop(k), v)
        else:
            try:
                expected = _apply_dict_op(model, op)
            except KeyError:
                try:
                    _apply_dict_op(d, op)
                except KeyError:
                    pass
                else:
                    raise AssertionError(f"{op!r} should raise KeyError")
            else:
                got = _apply_dict_op(d, op)
                assert _strict_equal(got, expected), (op, got, expected)
        assert len(d) == len(model)
        assert list(d.keys()) == list(model.keys()), op
        for k, v in model.items():
            assert _strict_equal(d[k], v)
    assert d == model
