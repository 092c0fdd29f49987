# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The mutation API of tvm_ffi.Dict, checked against Python's dict."""

from __future__ import annotations

from typing import Any

import pytest

import tvm_ffi
from tvm_ffi import Array, Dict, List, Map
from tvm_ffi.testing import echo


def _check(d: Dict[Any, Any], expected: dict[Any, Any]) -> None:
    assert len(d) == len(expected)
    assert list(d.keys()) == list(expected.keys())
    assert dict(d.items()) == expected
    assert d == expected


def test_setitem_and_overwrite() -> None:
    d: Dict[Any, Any] = Dict()
    d["a"] = 1
    d[2] = "two"
    d[b"b"] = [3]
    d["a"] = 10  # keeps its position
    _check(d, {"a": 10, 2: "two", b"b": [3]})


def test_setitem_none_value_and_key() -> None:
    d: Dict[Any, Any] = Dict()
    d["a"] = None
    d[None] = 1
    _check(d, {"a": None, None: 1})
    del d[None]
    _check(d, {"a": None})


def test_delitem() -> None:
    d = Dict({"a": 1, "b": 2, "c": 3})
    del d["b"]
    _check(d, {"a": 1, "c": 3})
    with pytest.raises(KeyError):
        del d["b"]
    d["b"] = 4  # re-added at the end
    _check(d, {"a": 1, "c": 3, "b": 4})


def test_pop() -> None:
    d = Dict({"a": 1, "b": 2})
    assert d.pop("a") == 1
    _check(d, {"b": 2})
    assert d.pop("zzz", "default") == "default"
    assert d.pop("zzz", None) is None
    with pytest.raises(KeyError):
        d.pop("zzz")
    _check(d, {"b": 2})


def test_popitem() -> None:
    d = Dict({"a": 1, "b": 2})
    seen = {}
    k, v = d.popitem()
    seen[k] = v
    k, v = d.popitem()
    seen[k] = v
    assert seen == {"a": 1, "b": 2}
    _check(d, {})
    with pytest.raises(KeyError):
        d.popitem()


def test_setdefault() -> None:
    d: Dict[str, Any] = Dict({"a": 1})
    assert d.setdefault("a", 5) == 1
    assert d.setdefault("b", 5) == 5
    _check(d, {"a": 1, "b": 5})


def test_setdefault_without_default() -> None:
    d: Dict[str, Any] = Dict()
    assert d.setdefault("x") is None
    _check(d, {"x": None})


def test_update() -> None:
    d: Dict[Any, Any] = Dict({"a": 1})
    d.update({"b": 2, "a": 0})
    d.update([("c", 3)])
    d.update(Map({"d": 4}))
    d.update(e=5)
    _check(d, {"a": 0, "b": 2, "c": 3, "d": 4, "e": 5})


def test_clear() -> None:
    d = Dict({"a": 1, "b": 2})
    d.clear()
    _check(d, {})
    d["c"] = 3
    _check(d, {"c": 3})


def test_get() -> None:
    d = Dict({"a": 1, "n": None})
    assert d.get("a", 0) == 1
    assert d.get("z", 0) == 0
    assert d.get("z", "fallback") == "fallback"
    assert d.get("n", 0) is None


def test_get_without_default() -> None:
    d = Dict({"a": 1})
    assert d.get("a") == 1
    assert d.get("z") is None


def test_values_convert_on_insert() -> None:
    d: Dict[str, Any] = Dict()
    d["l"] = [1, 2]
    d["m"] = {"x": 1}
    d["f"] = lambda x: x * 2
    assert isinstance(d["l"], tvm_ffi.Array)
    assert isinstance(d["m"], Map)
    assert isinstance(d["f"], tvm_ffi.Function)
    assert d["f"](21) == 42


def test_unhashable_key_raises_type_error() -> None:
    d: Dict[Any, Any] = Dict()
    with pytest.raises(TypeError):
        d[[1, 2]] = 1
    with pytest.raises(TypeError):
        d[{"a": 1}] = 1
    with pytest.raises(TypeError):
        d.setdefault([1], 1)
    with pytest.raises(TypeError):
        d.update([([1], 2)])
    with pytest.raises(TypeError):
        Dict([([1], 2)])
    with pytest.raises(TypeError):
        Map([([1], 2)])
    _check(d, {})


def test_unhashable_key_lookup_raises_type_error() -> None:
    # As Python's dict: an unhashable key is an error, not just "absent".
    d: Dict[Any, Any] = Dict({"a": 1})
    with pytest.raises(TypeError):
        d[[1]]
    with pytest.raises(TypeError):
        [1] in d  # noqa: B015


@pytest.mark.parametrize(
    "make_key",
    [lambda: (1, 2), lambda: ("a", (b"b", 3)), lambda: Array([1, 2])],
    ids=["tuple", "nested-tuple", "Array"],
)
def test_accepted_hashable_key_can_be_found_again(make_key: Any) -> None:
    # A hashable key that Dict accepts must then be found again by an equal
    # (not identical) key, as in Python's dict -- or be rejected up front
    # with TypeError.
    d: Dict[Any, Any] = Dict()
    try:
        d[make_key()] = "value"
    except TypeError:
        assert len(d) == 0
        return
    assert make_key() in d
    assert d[make_key()] == "value"
    d[make_key()] = "again"
    assert len(d) == 1
    del d[make_key()]
    assert len(d) == 0


def test_unconvertible_value_leaves_dict_unchanged() -> None:
    d = Dict({"a": 1})
    with pytest.raises(OverflowError):
        d["b"] = 2**64
    with pytest.raises(OverflowError):
        d[2**64] = 1
    _check(d, {"a": 1})


def test_mutation_visible_through_every_reference() -> None:
    d = Dict({"a": 1})
    alias = echo(d)
    assert alias is d
    holder = List([d])
    alias["b"] = 2
    holder[0]["c"] = 3
    _check(d, {"a": 1, "b": 2, "c": 3})


def test_many_inserts_and_deletes() -> None:
    d: Dict[int, int] = Dict()
    model: dict[int, int] = {}
    for i in range(2000):
        d[i] = i * i
        model[i] = i * i
    for i in range(0, 2000, 3):
        del d[i]
        del model[i]
    for i in range(0, 2000, 7):
        d[i] = -i
        model[i] = -i
    _check(d, model)
    for k in (0, 1, 3, 1999, 1998):
        assert d.get(k, "missing") == model.get(k, "missing")
