# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Array / List / Map / Dict: the read protocols, equality, repr, immutability
of Array and Map, and sharing with C++."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping, MutableSequence, Sequence

import pytest

import tvm_ffi
from tvm_ffi import Array, Dict, List, Map
from tvm_ffi.testing import echo

list_append = tvm_ffi.get_global_func("testing.list_append")
dict_set = tvm_ffi.get_global_func("testing.dict_set")
make_list = tvm_ffi.get_global_func("testing.make_list")
sum_int_array = tvm_ffi.get_global_func("testing.sum_int_array")
map_get = tvm_ffi.get_global_func("testing.map_get")


# --------------------------------------------------------------- protocols


def test_abc_protocols() -> None:
    assert isinstance(Array(), Sequence) and not isinstance(Array(), MutableSequence)
    assert isinstance(List(), MutableSequence)
    assert isinstance(Map(), Mapping) and not isinstance(Map(), MutableMapping)
    assert isinstance(Dict(), MutableMapping)


@pytest.mark.parametrize("cls", [Array, List])
def test_sequence_read(cls: type[Array[int]] | type[List[int]]) -> None:
    seq = cls([10, 20, 30, 40])
    assert len(seq) == 4
    assert seq[0] == 10 and seq[3] == 40
    assert seq[-1] == 40 and seq[-4] == 10
    assert list(seq) == [10, 20, 30, 40]
    assert list(reversed(seq)) == [40, 30, 20, 10]
    assert 20 in seq and 25 not in seq
    assert seq.index(30) == 2
    assert seq.count(20) == 1
    with pytest.raises(ValueError):
        seq.index(99)
    assert len(cls()) == 0 and list(cls()) == []


@pytest.mark.parametrize("cls", [Array, List])
def test_sequence_constructors_take_iterables(cls: type[Array[int]] | type[List[int]]) -> None:
    assert list(cls(range(5))) == [0, 1, 2, 3, 4]
    assert list(cls(x * x for x in range(4))) == [0, 1, 4, 9]
    assert list(cls((1, 2))) == [1, 2]
    assert list(cls(cls([7, 8]))) == [7, 8]


@pytest.mark.parametrize("cls", [Array, List])
@pytest.mark.parametrize("index", [4, -5, 100, -100])
def test_sequence_index_out_of_range(cls: type[Array[int]] | type[List[int]], index: int) -> None:
    seq = cls([1, 2, 3, 4])
    with pytest.raises(IndexError):
        seq[index]


@pytest.mark.parametrize("cls", [Array, List])
def test_empty_sequence_index(cls: type[Array[int]] | type[List[int]]) -> None:
    with pytest.raises(IndexError):
        cls()[0]
    with pytest.raises(IndexError):
        cls()[-1]


@pytest.mark.parametrize("cls", [Array, List])
def test_sequence_huge_index_is_index_error(cls: type[Array[int]] | type[List[int]]) -> None:
    # Python's list raises IndexError for an index that cannot fit a machine int.
    seq = cls([1])
    with pytest.raises(IndexError):
        seq[2**70]
    with pytest.raises(IndexError):
        seq[-(2**70)]


@pytest.mark.parametrize("cls", [Array, List])
@pytest.mark.parametrize("index", ["0", 1.0, None, [0]])
def test_sequence_bad_index_type_is_type_error(
    cls: type[Array[int]] | type[List[int]], index: object
) -> None:
    # As for Python's list: "indices must be integers or slices".
    seq = cls([1, 2])
    with pytest.raises(TypeError):
        seq[index]  # type: ignore[index]


@pytest.mark.parametrize("cls", [Array, List])
def test_sequence_index_accepts_index_protocol(cls: type[Array[int]] | type[List[int]]) -> None:
    class Idx:
        def __index__(self) -> int:
            return 1

    seq = cls([5, 6])
    assert seq[Idx()] == 6  # type: ignore[index]


@pytest.mark.parametrize("cls", [Array, List])
@pytest.mark.parametrize(
    "sl",
    [
        slice(None),
        slice(1, 3),
        slice(None, None, -1),
        slice(None, None, 2),
        slice(-2, None),
        slice(5, 1, -2),
        slice(10, 20),
        slice(3, 1),
    ],
)
def test_sequence_slices(cls: type[Array[int]] | type[List[int]], sl: slice) -> None:
    items = [0, 1, 2, 3, 4, 5]
    seq = cls(items)
    out = seq[sl]
    assert type(out) is cls
    assert list(out) == items[sl]
    assert not out.same_as(seq)


def test_list_slice_is_a_copy() -> None:
    lst = List([1, 2, 3])
    part = lst[:]
    part.append(4)
    assert list(lst) == [1, 2, 3]
    assert list(part) == [1, 2, 3, 4]


def test_mapping_read() -> None:
    for cls in (Map, Dict):
        m = cls({"a": 1, "b": [2], 3: "c"})
        assert len(m) == 3
        assert m["a"] == 1
        assert m[3] == "c"
        assert m["b"] == [2]
        assert "a" in m and 3 in m and "z" not in m and "1" not in m
        assert list(m) == ["a", "b", 3]
        assert list(m.keys()) == ["a", "b", 3]
        assert list(m.values())[0] == 1
        assert list(m.items())[2] == (3, "c")
        assert m.get("z", 5) == 5
        assert m.get("a", 5) == 1
        with pytest.raises(KeyError):
            m["z"]


def test_mapping_get_default_none() -> None:
    m = Map({"a": 1})
    assert m.get("a") == 1
    assert m.get("missing") is None
    d = Dict({"a": 1})
    assert d.get("a") == 1
    assert d.get("missing") is None


def test_mapping_constructors() -> None:
    assert dict(Map([("a", 1), ("b", 2)]).items()) == {"a": 1, "b": 2}
    assert dict(Dict(Map({"x": 1})).items()) == {"x": 1}
    assert len(Map()) == 0 and len(Dict()) == 0
    # Malformed pairs fail exactly as dict() fails on them.
    with pytest.raises(ValueError, match="length 3; 2 is required"):
        Map([("a", 1, 2)])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        Dict([1, 2])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="unhashable"):
        Map([([1], 2)])


def test_mapping_keys_by_value_for_numbers_strings_bytes() -> None:
    m = Map({1: "int", "1": "str", b"1": "bytes", 1.5: "float"})
    assert len(m) == 4
    assert m[1] == "int" and m["1"] == "str" and m[b"1"] == "bytes" and m[1.5] == "float"
    long_key = "k" * 40
    m2 = Map({long_key: 1})
    assert m2["".join(["k"] * 40)] == 1  # an equal but distinct str object


def test_mapping_negative_zero_key() -> None:
    m = Map({0.0: "zero"})
    assert m[-0.0] == "zero"


def test_mapping_none_key() -> None:
    m = Map({None: 1, "a": 2})
    assert m[None] == 1
    assert None in m


def test_mapping_object_keys_by_identity() -> None:
    f1, f2 = tvm_ffi.convert(len), tvm_ffi.convert(len)
    o1, o2 = object(), object()
    m = Map([(f1, "f1"), (f2, "f2"), (o1, "o1"), (o2, "o2")])
    assert len(m) == 4
    assert m[f1] == "f1" and m[f2] == "f2"
    assert m[o1] == "o1" and m[o2] == "o2"
    assert object() not in m
    assert list(m) == [f1, f2, o1, o2]
    assert list(m)[2] is o1


def test_mutable_containers_are_rejected_as_keys() -> None:
    with pytest.raises(TypeError):
        Map([(List([1]), 1)])
    with pytest.raises(TypeError):
        Dict([(Dict({1: 2}), 1)])


def test_mapping_later_duplicate_key_wins() -> None:
    m = Map([("a", 1), ("b", 2), ("a", 3)])
    assert len(m) == 2
    assert m["a"] == 3
    assert list(m) == ["a", "b"]  # as dict(): the first position is kept


# ---------------------------------------------------------------- equality


def test_sequence_equality() -> None:
    assert Array([1, 2]) == [1, 2]
    assert Array([1, 2]) == [1, 2]
    assert Array([1, 2]) == (1, 2)
    assert Array([1, 2]) == (1, 2)
    assert List([1, 2]) == [1, 2]
    assert List([1, 2]) == Array([1, 2])
    assert Array([1, 2]) == List([1, 2])
    assert Array([1, 2]) != [2, 1]
    assert Array([1, 2]) != [1, 2, 3]
    assert List([1]) != [1, 2]
    assert Array([]) == []
    assert not (Array([1, 2]) != [1, 2])
    assert Array(["a", "b"]) != "ab"
    assert Array([97]) != b"a"
    assert Array([1]) != 1
    assert Array([1]) != {1: 1}
    assert Array([[1, 2], [3]]) == [[1, 2], (3,)]


def test_mapping_equality() -> None:
    assert Map({"a": 1}) == {"a": 1}
    assert Map({"a": 1}) == {"a": 1}
    assert Dict({"a": 1}) == {"a": 1}
    assert Map({"a": 1}) == Dict({"a": 1})
    assert Dict({"a": 1}) == Map({"a": 1})
    assert Map({"a": 1, "b": 2}) == {"b": 2, "a": 1}
    assert Map({"a": 1}) != {"a": 2}
    assert Map({"a": 1}) != {"b": 1}
    assert Map({"a": 1}) != {"a": 1, "b": 2}
    assert Map({"a": 1}) != [("a", 1)]
    assert Map({"a": [1, 2], "b": {"c": 3}}) == {"a": [1, 2], "b": {"c": 3}}


# -------------------------------------------------------------------- repr


def _quotes(text: str) -> str:
    # The repr may quote strings with either quote character.
    return text.replace('"', "'")


def test_list_repr_shows_a_list() -> None:
    assert repr(List([])) == "[]"
    assert _quotes(repr(List([1, "a", b"b", None, True, 1.5]))) == "[1, 'a', b'b', None, True, 1.5]"
    assert _quotes(repr(List([List([1]), "x"]))) == "[[1], 'x']"


def test_map_and_dict_repr_show_a_dict() -> None:
    assert repr(Map({})) == "{}"
    assert repr(Dict({})) == "{}"
    assert _quotes(repr(Dict({"a": 1, 2: "b"}))) == "{'a': 1, 2: 'b'}"
    assert _quotes(repr(Map({"a": None, "b": b"x"}))) == "{'a': None, 'b': b'x'}"


def test_array_repr_shows_items() -> None:
    text = _quotes(repr(Array([1, "a", None, 2.5])))
    assert text in ("(1, 'a', None, 2.5)", "[1, 'a', None, 2.5]")
    assert repr(Array([])) in ("()", "[]")


# ---------------------------------------------------------- immutability


def test_array_is_immutable() -> None:
    arr = Array([1, 2, 3])
    with pytest.raises(TypeError):
        arr[0] = 5  # type: ignore[index]
    with pytest.raises(TypeError):
        del arr[0]  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        arr[0:1] = [5]  # type: ignore[index]
    for name in ("append", "extend", "insert", "pop", "remove", "clear", "reverse"):
        assert not hasattr(arr, name), name
    # As for a tuple, `+=` makes a new Array; the old one is unchanged.
    alias = arr
    arr += [4]
    assert list(arr) == [1, 2, 3, 4] and arr is not alias
    assert list(alias) == [1, 2, 3]


def test_array_immutability_cannot_be_bypassed() -> None:
    arr = Array([1, 2, 3])
    with pytest.raises(TypeError, match="immutable"):
        List.append(arr, 4)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="immutable"):
        List.__setitem__(arr, 0, 4)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="immutable"):
        List.reverse(arr)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="immutable"):
        tvm_ffi.core._seq_splice(arr, 0, 0, [1])
    with pytest.raises(TypeError):
        list_append(arr, 4)
    assert list(arr) == [1, 2, 3]


def test_map_is_immutable() -> None:
    m = Map({"a": 1})
    with pytest.raises(TypeError):
        m["b"] = 2  # type: ignore[index]
    with pytest.raises(TypeError):
        del m["a"]  # type: ignore[attr-defined]
    for name in ("pop", "popitem", "setdefault", "update", "clear"):
        assert not hasattr(m, name), name
    with pytest.raises(TypeError, match="immutable"):
        Dict.__setitem__(m, "b", 2)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="immutable"):
        Dict.clear(m)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        dict_set(m, "b", 2)
    assert dict(m.items()) == {"a": 1}


def test_container_wrappers_have_no_instance_dict() -> None:
    for obj in (Array([1]), List([1]), Map({1: 2}), Dict({1: 2})):
        with pytest.raises(AttributeError):
            obj.extra = 1  # type: ignore[union-attr]


def test_native_helpers_reject_wrong_container_kind() -> None:
    with pytest.raises(TypeError):
        tvm_ffi.core._seq_len(Map({1: 2}))
    with pytest.raises(TypeError):
        tvm_ffi.core._map_len(Array([1]))
    with pytest.raises(TypeError):
        tvm_ffi.core._seq_len([1, 2])
    with pytest.raises(TypeError):
        tvm_ffi.core._map_len(tvm_ffi.testing.nop)


# ------------------------------------------------------ sharing with C++


def test_two_python_references_share_one_list() -> None:
    a = List([1])
    b = echo(a)
    assert b is a
    b.append(2)
    assert list(a) == [1, 2]
    c = Dict({"k": a})["k"]
    c.extend([3])
    assert list(a) == [1, 2, 3]


def test_list_mutated_from_cpp() -> None:
    lst = List([1, 2])
    list_append(lst, 3)
    list_append(lst, "four")
    list_append(lst, [5])
    assert len(lst) == 5
    assert lst[2] == 3 and lst[3] == "four"
    assert isinstance(lst[4], Array) and lst[4] == [5]


def test_list_inside_container_mutated_from_cpp() -> None:
    inner = List()
    outer = Map({"inner": inner})
    list_append(outer["inner"], 1)
    assert list(inner) == [1]


def test_dict_mutated_from_cpp() -> None:
    d = Dict({"a": 1})
    dict_set(d, "b", 2)
    dict_set(d, "a", 10)
    dict_set(d, 3, [1, 2])
    assert d["a"] == 10 and d["b"] == 2 and d[3] == [1, 2]
    assert list(d) == ["a", "b", 3]
    assert len(d) == 3


def test_make_list_builds_a_list_in_cpp() -> None:
    lst = make_list(5)
    assert isinstance(lst, List)
    assert lst == [0, 1, 2, 3, 4]
    lst.append(5)
    assert lst[-1] == 5
    assert make_list(0) == []
    assert echo(lst) is lst


def test_sum_int_array() -> None:
    assert sum_int_array([1, 2, 3]) == 6
    assert sum_int_array((4, 5)) == 9
    assert sum_int_array(Array([10, -3])) == 7
    assert sum_int_array([]) == 0
    with pytest.raises(TypeError, match="Array<int>"):
        sum_int_array([1, "a"])
    with pytest.raises(TypeError, match="Array<int>"):
        sum_int_array([1, 2.5])
    with pytest.raises(TypeError):
        sum_int_array(5)


def test_map_get() -> None:
    m = Map({"a": 1, "b": [1, 2]})
    assert map_get(m, "a") == 1
    assert map_get({"x": "y"}, "x") == "y"
    assert map_get(m, "b") == [1, 2]
    with pytest.raises(KeyError):
        map_get(m, "missing")
    with pytest.raises(TypeError):
        map_get({1: 2}, "a")  # keys must be strings
    with pytest.raises(TypeError):
        map_get(m, 1)


def test_items_values_reversed_index_match_python() -> None:
    """The native-backed views and helpers behave as their Python counterparts."""
    plain = {"a": 1, "b": [2], "c": None}
    for m in (Map(plain), Dict(plain)):
        assert list(m.items()) == [("a", 1), ("b", [2]), ("c", None)]
        assert list(m.values()) == [1, [2], None]
        assert len(m.items()) == 3 and ("a", 1) in m.items() and ("a", 2) not in m.items()
        assert 1 in m.values() and m.items() == plain.items()
    items = [1, 2, 3, 2, "x"]
    for seq in (Array(items), List(items)):
        assert list(reversed(seq)) == list(reversed(items))
        for args in ((2,), (2, 2), (2, -3), ("x", 0, 5)):
            assert seq.index(*args) == items.index(*args)
        with pytest.raises(ValueError):
            seq.index(2, 4)
        with pytest.raises(ValueError):
            seq.index(9)
