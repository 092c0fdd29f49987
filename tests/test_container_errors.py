# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Bad arguments to container constructors and methods: clear errors, nothing changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tvm_ffi import Array, Dict, List, Map, core


class _NotIterable:
    pass


@pytest.mark.parametrize("cls", [Array, List])
@pytest.mark.parametrize(
    ("arg", "type_name"), [(None, "NoneType"), (5, "int"), (_NotIterable(), "_NotIterable")]
)
def test_sequence_constructor_needs_an_iterable(cls: type, arg: object, type_name: str) -> None:
    with pytest.raises(
        TypeError, match=rf"^{cls.__name__}\(\) expects an iterable, got {type_name}$"
    ):
        cls(arg)


@pytest.mark.parametrize("cls", [Map, Dict])
@pytest.mark.parametrize(
    ("arg", "type_name"), [(None, "NoneType"), (5, "int"), (_NotIterable(), "_NotIterable")]
)
def test_mapping_constructor_needs_a_mapping_or_pairs(
    cls: type, arg: object, type_name: str
) -> None:
    with pytest.raises(
        TypeError,
        match=rf"^{cls.__name__}\(\) expects a mapping or an iterable of "
        rf"\(key, value\) pairs, got {type_name}$",
    ):
        cls(arg)


@pytest.mark.parametrize("cls", [Map, Dict])
def test_mapping_constructor_names_the_bad_pair(cls: type) -> None:
    name = cls.__name__
    with pytest.raises(
        TypeError, match=rf"^{name}\(\) expects \(key, value\) pairs; item #1 is int, not a pair$"
    ):
        cls([("a", 1), 2])
    with pytest.raises(
        ValueError,
        match=rf"^{name}\(\) expects \(key, value\) pairs; item #0 has length 3; 2 is required$",
    ):
        cls([("a", 1, 2)])
    with pytest.raises(
        TypeError,
        match=rf"^{name}\(\): the key of item #0 is unhashable \(unhashable type: 'list'\)$",
    ):
        cls([([1], 2)])
    # What dict() takes, ours take: any two-item iterable is a pair.
    assert dict(cls(["ab", ("c", 1)]).items()) == {"a": "b", "c": 1}


def test_generator_errors_pass_through_constructors() -> None:
    def failing() -> Any:
        yield 1
        raise RuntimeError("from the generator")

    for cls in (Array, List):
        with pytest.raises(RuntimeError, match="from the generator"):
            cls(failing())
    for mcls in (Map, Dict):
        with pytest.raises(RuntimeError, match="from the generator"):
            mcls((k, k) for k in failing())


@pytest.mark.parametrize("cls", [Array, List])
def test_subscript_errors_name_the_class(cls: type) -> None:
    seq = cls([1, 2])
    name = cls.__name__
    with pytest.raises(TypeError, match=rf"^{name} index must be an integer or a slice, got str$"):
        seq["0"]
    with pytest.raises(IndexError, match=rf"^{name} index 2 out of range for length 2$"):
        seq[2]
    with pytest.raises(IndexError, match=rf"^{name} index -3 out of range for length 2$"):
        seq[-3]
    with pytest.raises(IndexError, match=rf"^{name} index {2**70} out of range for length 2$"):
        seq[2**70]
    with pytest.raises(ValueError, match=rf"^{name}.index\(\): 5 is not in the {name}$"):
        seq.index(5)
    with pytest.raises(TypeError, match=rf"^{name}.index\(\) start must be an integer, got str$"):
        seq.index(1, "0")


def _expect(error: type[Exception], pattern: str, action: Callable[[List[Any]], Any]) -> None:
    lst = List([1, 2])
    with pytest.raises(error, match=pattern):
        action(lst)
    assert list(lst) == [1, 2]  # nothing changed


def _assign(target: Any, index: Any, value: Any) -> None:
    target[index] = value


def _delete(target: Any, index: Any) -> None:
    del target[index]


@pytest.mark.parametrize(
    ("error", "pattern", "action"),
    [
        (
            TypeError,
            r"^List index must be an integer or a slice, got str$",
            lambda lst: _assign(lst, "0", 1),
        ),
        (IndexError, r"^List index 5 out of range for length 2$", lambda lst: _assign(lst, 5, 1)),
        (
            TypeError,
            r"^List slice assignment expects an iterable, got int$",
            lambda lst: _assign(lst, slice(0, 1), 5),
        ),
        (
            TypeError,
            r"^List index must be an integer or a slice, got NoneType$",
            lambda lst: _delete(lst, None),
        ),
        (IndexError, r"^List index -3 out of range for length 2$", lambda lst: _delete(lst, -3)),
        (
            TypeError,
            r"^List.insert\(\) index must be an integer, got float$",
            lambda lst: lst.insert(1.0, 5),
        ),
        (TypeError, r"^List.pop\(\) index must be an integer, got str$", lambda lst: lst.pop("0")),
        (IndexError, r"^List.pop\(\) index 2 out of range for length 2$", lambda lst: lst.pop(2)),
        (ValueError, r"^List.remove\(\): 3 is not in the List$", lambda lst: lst.remove(3)),
        (
            TypeError,
            r"^List.extend\(\) expects an iterable, got NoneType$",
            lambda lst: lst.extend(None),
        ),
        (TypeError, r"^List \+= expects an iterable, got int$", lambda lst: lst.__iadd__(5)),
        (
            TypeError,
            r"^List.sort\(\) key must be callable or None, got str$",
            lambda lst: lst.sort(key="x"),
        ),
    ],
)
def test_list_method_errors(
    error: type[Exception], pattern: str, action: Callable[[List[Any]], Any]
) -> None:
    _expect(error, pattern, action)


def test_pop_from_empty_list() -> None:
    with pytest.raises(IndexError, match=r"^List.pop\(\) from an empty List$"):
        List().pop()


@pytest.mark.parametrize(
    ("error", "pattern", "action"),
    [
        (
            TypeError,
            r"^Dict.update\(\) expects a mapping or an iterable of \(key, value\) pairs, got int$",
            lambda d: d.update(5),
        ),
        (
            TypeError,
            r"^Dict.update\(\) expects \(key, value\) pairs; item #0 is int, not a pair$",
            lambda d: d.update([1]),
        ),
        (OverflowError, "too large", lambda d: d.update({"b": 2}, c=2**64)),
        (
            TypeError,
            r"^Dict \|= expects a mapping or an iterable of \(key, value\) pairs, got NoneType$",
            lambda d: d.__ior__(None),
        ),
        (
            ValueError,
            r"^Dict \|= expects \(key, value\) pairs; item #0 has length 1; 2 is required$",
            lambda d: d.__ior__([("b",)]),
        ),
    ],
)
def test_dict_method_errors(
    error: type[Exception], pattern: str, action: Callable[[Dict[Any, Any]], Any]
) -> None:
    d = Dict({"a": 1})
    with pytest.raises(error, match=pattern):
        action(d)
    assert list(d.items()) == [("a", 1)]  # nothing changed


def test_dict_update_takes_keywords_like_dict() -> None:
    d: Dict[str, int] = Dict({"a": 1})
    d.update([("b", 2)], a=3, c=4)
    assert list(d.items()) == [("a", 3), ("b", 2), ("c", 4)]
    d.update()
    assert len(d) == 3


def test_popitem_from_empty_dict() -> None:
    with pytest.raises(KeyError, match="Dict.popitem\\(\\): the Dict is empty"):
        Dict().popitem()


def test_sort_helpers_reject_misuse_without_crashing() -> None:
    # The native halves of List.sort check what they are given: a wrong
    # order, or the List standing in for its own held items, is an error.
    lst = List([List([1]), "x" * 100, 3])
    with pytest.raises(ValueError, match="List modified during sort"):
        core._seq_put_back(lst, lst, [2, 1, 0])
    assert list(lst) == [[1], "x" * 100, 3]
    for order in ([0, 0], [0, 5], [0]):
        emptied: List[int] = List()
        with pytest.raises(ValueError, match="order"):
            core._seq_put_back(emptied, Array([1, 2]), order)
        assert list(emptied) == [1, 2]  # the items came back, as they were
    with pytest.raises(TypeError, match="immutable"):
        core._seq_take_all(Array([1]))
