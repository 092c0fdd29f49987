/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file containers.cc
 * \brief The native half of tvm_ffi.Array / List / Map / Dict.
 *
 * The Python classes (tvm_ffi/container.py) supply the collections.abc
 * protocols; these functions do the element work: bounds-checked access,
 * conversion of items, and mutation through the C ABI. Immutability of
 * Array and Map is enforced here too, so no caller can bypass it.
 */
#include <nanobind/nanobind.h>
#include <tvm/ffi/any.h>

#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>

#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "module.h"
#include "nb_helpers.h"

namespace nb = nanobind;

namespace tvm_ffi_py {
namespace {

namespace ffi = tvm::ffi;

TVMFFIObject* ContainerHandle(nb::handle self, int32_t a, int32_t b, const char* what) {
  if (!IsObjectWrapper(self.ptr())) {
    throw nb::type_error((std::string("expected ") + what).c_str());
  }
  TVMFFIObject* h = HandleOf(self.ptr());
  if (h == nullptr) throw nb::python_error();
  if (h->type_index != a && h->type_index != b) {
    throw nb::type_error(
        (std::string("expected ") + what + ", got " + ffi::details::TypeIndexToKey(h->type_index))
            .c_str());
  }
  return h;
}

TVMFFIObject* SeqHandle(nb::handle self) {
  return ContainerHandle(self, kTVMFFIArray, kTVMFFIList, "an Array or List");
}
TVMFFIObject* MutableSeqHandle(nb::handle self) {
  TVMFFIObject* h = SeqHandle(self);
  if (h->type_index != kTVMFFIList) throw nb::type_error("Array is immutable; use List to mutate");
  return h;
}
TVMFFIObject* MapHandle(nb::handle self) {
  return ContainerHandle(self, kTVMFFIMap, kTVMFFIDict, "a Map or Dict");
}
TVMFFIObject* MutableMapHandle(nb::handle self) {
  TVMFFIObject* h = MapHandle(self);
  if (h->type_index != kTVMFFIDict) throw nb::type_error("Map is immutable; use Dict to mutate");
  return h;
}

const TVMFFISeqCell& SeqCell(TVMFFIObject* h) {
  return *reinterpret_cast<const TVMFFISeqCell*>(h + 1);
}
const TVMFFIMapCell& MapCell(TVMFFIObject* h) {
  return *reinterpret_cast<const TVMFFIMapCell*>(h + 1);
}

nb::object MakeObject(TVMFFIObject* h) {
  PyObject* r = WrapOwnedObject(h);
  if (r == nullptr) throw nb::python_error();
  return nb::steal(r);
}

/*!
 * \brief Borrowed views of Python values, valid as long as this object: it
 * keeps the values alive too, since a view of a long str points into the
 * str's own UTF-8 buffer (and a generator's items die as it advances).
 */
struct Views {
  TempRefs temps;
  std::vector<nb::object> keep;
  std::vector<TVMFFIAny> values;
  void Add(nb::handle v) {
    keep.push_back(nb::borrow(v));
    values.emplace_back();
    if (!PyToAnyView(v.ptr(), &values.back(), &temps)) throw nb::python_error();
  }
  /*!
   * \brief A value already native (an item of one of our containers), held
   * by a reference of our own: converting a later value may run Python code
   * that changes the container it came from.
   */
  void AddHeld(const TVMFFIAny& v) {
    if (ffi::details::IsObjectIndex(v.type_index)) {
      ffi::details::IncRef(v.v_obj);
      temps.Add(v.v_obj);
    }
    values.push_back(v);
  }
};

/*! \brief The handle of an Array or List wrapper, or nullptr for any other value. */
TVMFFIObject* SeqHandleOrNull(nb::handle value) {
  if (!IsObjectWrapper(value.ptr())) return nullptr;
  TVMFFIObject* h = HandleOf(value.ptr());
  if (h == nullptr) throw nb::python_error();
  return (h->type_index == kTVMFFIArray || h->type_index == kTVMFFIList) ? h : nullptr;
}

/*! \brief The handle of a Map or Dict wrapper, or nullptr for any other value. */
TVMFFIObject* MapHandleOrNull(nb::handle value) {
  if (!IsObjectWrapper(value.ptr())) return nullptr;
  TVMFFIObject* h = HandleOf(value.ptr());
  if (h == nullptr) throw nb::python_error();
  return (h->type_index == kTVMFFIMap || h->type_index == kTVMFFIDict) ? h : nullptr;
}

/*!
 * \brief Appends the items of `seq` to `v`: raw items of our Array/List (no
 * conversion round trip), converted items of a list or tuple. False, with
 * nothing appended, for any other type.
 */
bool AddSeqItems(nb::handle seq, Views* v) {
  if (TVMFFIObject* h = SeqHandleOrNull(seq)) {
    const TVMFFISeqCell& c = SeqCell(h);
    v->values.reserve(v->values.size() + static_cast<size_t>(c.size));
    for (int64_t i = 0; i < c.size; ++i) v->AddHeld(c.data[i]);
    return true;
  }
  if (!PyList_Check(seq.ptr()) && !PyTuple_Check(seq.ptr())) return false;
  // A tuple snapshot: converting an item may run code that resizes a list.
  nb::object items = StealOrThrow(PySequence_Tuple(seq.ptr()));
  Py_ssize_t n = PyTuple_GET_SIZE(items.ptr());
  v->values.reserve(v->values.size() + static_cast<size_t>(n));
  for (Py_ssize_t i = 0; i < n; ++i) v->Add(PyTuple_GET_ITEM(items.ptr(), i));
  return true;
}

/*! \brief Appends every item of any iterable; TypeError naming `who` when it is not one. */
void AddIterableItems(nb::handle items, Views* v, const char* who) {
  if (AddSeqItems(items, v)) return;
  nb::object it = nb::steal(PyObject_GetIter(items.ptr()));
  if (!it.is_valid()) {
    if (!PyErr_ExceptionMatches(PyExc_TypeError)) throw nb::python_error();
    PyErr_Clear();
    throw nb::type_error(
        (std::string(who) + " expects an iterable, got " + Py_TYPE(items.ptr())->tp_name).c_str());
  }
  while (PyObject* item = PyIter_Next(it.ptr())) v->Add(nb::steal(item));
  if (PyErr_Occurred()) throw nb::python_error();
}

/*! \brief `count` as a repeat count, as list's `*` takes it (OverflowError when huge). */
Py_ssize_t RepeatCount(nb::handle count) {
  Py_ssize_t n = PyNumber_AsSsize_t(count.ptr(), PyExc_OverflowError);
  if (n == -1 && PyErr_Occurred()) throw nb::python_error();
  return n < 0 ? 0 : n;
}

/*! \brief Appends `times` more copies of the `size` views already at the end of `v`. */
void RepeatTail(Views* v, size_t size, Py_ssize_t times) {
  if (size == 0 || times <= 0) return;
  // More items than any allocation can hold is MemoryError, as for list.
  constexpr size_t kMaxItems = static_cast<size_t>(PY_SSIZE_T_MAX) / sizeof(TVMFFIAny);
  if (static_cast<size_t>(times) > kMaxItems / size - 1) {
    PyErr_NoMemory();
    throw nb::python_error();
  }
  size_t begin = v->values.size() - size;
  v->values.reserve(v->values.size() + size * static_cast<size_t>(times));
  for (Py_ssize_t t = 0; t < times; ++t) {
    for (size_t i = 0; i < size; ++i) v->values.push_back(v->values[begin + i]);
  }
}

/*! \brief A new Array (or List) holding copies of the views. */
nb::object MakeSeq(bool mutable_, const Views& v) {
  TVMFFIObject* h = nullptr;
  ThrowIfFailed(TVMFFISeqCreate(mutable_ ? kTVMFFIList : kTVMFFIArray, v.values.data(),
                                static_cast<int64_t>(v.values.size()), &h));
  return MakeObject(h);
}

/*! \brief Borrowed views of keys and values, kept valid as Views keeps its values. */
struct PairViews {
  Views keys;
  Views values;
};

/*!
 * \brief A mapping or an iterable of (key, value) pairs as a Python dict, with
 * errors naming `who` and the item at fault. Going through a dict gives
 * Python's key rules (and its unhashable-key check) before anything native.
 */
nb::object PairsAsDict(nb::handle items, const char* who) {
  if (PyDict_CheckExact(items.ptr())) return nb::borrow(items);
  PyObject* dict_type = reinterpret_cast<PyObject*>(&PyDict_Type);
  if (PyObject_HasAttrString(items.ptr(), "keys")) {
    return StealOrThrow(
        PyObject_CallOneArg(dict_type, items.ptr()));  // a mapping, as dict() reads it
  }
  nb::object it = nb::steal(PyObject_GetIter(items.ptr()));
  if (!it.is_valid()) {
    if (!PyErr_ExceptionMatches(PyExc_TypeError)) throw nb::python_error();
    PyErr_Clear();
    throw nb::type_error((std::string(who) +
                          " expects a mapping or an iterable of (key, value) "
                          "pairs, got " +
                          Py_TYPE(items.ptr())->tp_name)
                             .c_str());
  }
  nb::dict out;
  for (Py_ssize_t i = 0;; ++i) {
    nb::object item = nb::steal(PyIter_Next(it.ptr()));
    if (!item.is_valid()) break;
    nb::object pair = nb::steal(PySequence_Fast(item.ptr(), ""));
    if (!pair.is_valid()) {
      if (!PyErr_ExceptionMatches(PyExc_TypeError)) throw nb::python_error();
      PyErr_Clear();
      PyErr_Format(PyExc_TypeError, "%s expects (key, value) pairs; item #%zd is %s, not a pair",
                   who, i, Py_TYPE(item.ptr())->tp_name);
      throw nb::python_error();
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(pair.ptr());
    if (n != 2) {
      PyErr_Format(PyExc_ValueError,
                   "%s expects (key, value) pairs; item #%zd has length %zd; 2 is required", who, i,
                   n);
      throw nb::python_error();
    }
    PyObject** kv = PySequence_Fast_ITEMS(pair.ptr());
    if (PyDict_SetItem(out.ptr(), kv[0], kv[1]) != 0) {
      if (!PyErr_ExceptionMatches(PyExc_TypeError)) throw nb::python_error();
      // Keeps the hash's own reason: for an Array key it names the List inside.
      PyObject *type = nullptr, *reason = nullptr, *tb = nullptr;
      PyErr_Fetch(&type, &reason, &tb);
      PyErr_NormalizeException(&type, &reason, &tb);
      PyErr_Format(PyExc_TypeError, "%s: the key of item #%zd is unhashable (%S)", who, i,
                   reason != nullptr ? reason : Py_None);
      Py_XDECREF(type);
      Py_XDECREF(reason);
      Py_XDECREF(tb);
      throw nb::python_error();
    }
  }
  if (PyErr_Occurred()) throw nb::python_error();
  return std::move(out);
}

/*! \brief Appends the entries of our Map/Dict (raw) or of any mapping or pairs (converted). */
void AddMapItems(nb::handle items, PairViews* v, const char* who) {
  if (TVMFFIObject* h = MapHandleOrNull(items)) {
    const TVMFFIMapCell& c = MapCell(h);
    for (int64_t i = 0; i < c.size; ++i) {
      v->keys.AddHeld(c.entries[i].key);
      v->values.AddHeld(c.entries[i].value);
    }
    return;
  }
  nb::object dict = PairsAsDict(items, who);
  v->keys.keep.push_back(dict);  // keeps every key and value alive
  Py_ssize_t pos = 0;
  PyObject *key, *value;
  while (PyDict_Next(dict.ptr(), &pos, &key, &value)) {
    v->keys.Add(key);
    v->values.Add(value);
  }
}

/*! \brief "Array" or "List", for messages. */
const char* SeqKindName(TVMFFIObject* h) { return h->type_index == kTVMFFIList ? "List" : "Array"; }

/*!
 * \brief A Python index object as a position in `h` (negative counts from
 * the end): TypeError for a non-integer, IndexError out of range (and, as
 * for list, for an int too big for an index). Messages start with `who`;
 * without one they are a subscript's ("List index ...").
 */
int64_t NormalizeIndex(nb::handle index, TVMFFIObject* h, const char* who = nullptr) {
  std::string prefix = who != nullptr ? who : std::string(SeqKindName(h)) + " index";
  if (!PyIndex_Check(index.ptr())) {
    // A subscript (no `who`) also takes slices; the Python class handles those.
    PyErr_Format(PyExc_TypeError, "%s must be an integer%s, got %s", prefix.c_str(),
                 who != nullptr ? "" : " or a slice", Py_TYPE(index.ptr())->tp_name);
    throw nb::python_error();
  }
  int64_t size = SeqCell(h).size;
  Py_ssize_t i = PyNumber_AsSsize_t(index.ptr(), PyExc_IndexError);
  if (i == -1 && PyErr_Occurred()) {
    if (!PyErr_ExceptionMatches(PyExc_IndexError)) throw nb::python_error();
    PyErr_Clear();  // too big for any index: out of range, as list says
    PyErr_Format(PyExc_IndexError, "%s %R out of range for length %lld", prefix.c_str(),
                 index.ptr(), static_cast<long long>(size));
    throw nb::python_error();
  }
  int64_t pos = i < 0 ? i + size : i;
  if (pos < 0 || pos >= size) {
    PyErr_Format(PyExc_IndexError, "%s %zd out of range for length %lld", prefix.c_str(), i,
                 static_cast<long long>(size));
    throw nb::python_error();
  }
  return pos;
}

/*! \brief `order` as positions, checked to be a permutation of [0, n) (else raises). */
std::vector<int64_t> PermutationOf(nb::handle order, int64_t n) {
  nb::object fast = StealOrThrow(PySequence_Fast(order.ptr(), "order must be a sequence"));
  if (PySequence_Fast_GET_SIZE(fast.ptr()) != n) {
    throw nb::value_error("_seq_put_back: order has the wrong length");
  }
  std::vector<bool> seen(static_cast<size_t>(n), false);
  std::vector<int64_t> positions(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    Py_ssize_t j = PyNumber_AsSsize_t(PySequence_Fast_ITEMS(fast.ptr())[i], PyExc_IndexError);
    if (j == -1 && PyErr_Occurred()) throw nb::python_error();
    if (j < 0 || j >= n || seen[j])
      throw nb::value_error("_seq_put_back: order is not a permutation");
    seen[j] = true;
    positions[i] = j;
  }
  return positions;
}

}  // namespace

void BindContainers(nb::module_& m) {
  // ----------------------------------------------------------------- sequences
  m.def(
      "_seq_create",
      [](bool mutable_, nb::handle items) {
        Views v;
        AddIterableItems(items, &v, mutable_ ? "List()" : "Array()");
        return MakeSeq(mutable_, v);
      },
      nb::arg("mutable"), nb::arg("items").none(),
      nb::sig("def _seq_create(mutable: bool, items: typing.Iterable[typing.Any]) -> typing.Any"),
      "Makes an Array (or a List when `mutable`) of converted items.");
  m.def(
      "_seq_len", [](nb::handle self) { return SeqCell(SeqHandle(self)).size; },
      nb::sig("def _seq_len(self: Object, /) -> int"));
  m.def(
      "_seq_getitem",
      [](nb::handle self, nb::handle i) {
        TVMFFIObject* h = SeqHandle(self);
        int64_t pos = NormalizeIndex(i, h);
        return ViewToObject(SeqCell(h).data[pos]);
      },
      nb::arg("self"), nb::arg("index").none(),
      nb::sig("def _seq_getitem(self: Object, index: typing.SupportsIndex, /) -> typing.Any"),
      "Item `i` (negative counts from the end); IndexError when out of range.");
  m.def(
      "_seq_items",
      [](nb::handle self) {
        const TVMFFISeqCell& c = SeqCell(SeqHandle(self));
        nb::list out;
        for (int64_t i = 0; i < c.size; ++i) out.append(ViewToObject(c.data[i]));
        return out;
      },
      nb::sig("def _seq_items(self: Object, /) -> list[typing.Any]"),
      "All items as a Python list.");
  m.def(
      "_seq_setitem",
      [](nb::handle self, nb::handle i, nb::handle value) {
        TVMFFIObject* h = MutableSeqHandle(self);
        Views v;
        v.Add(value);
        ThrowIfFailed(TVMFFISeqSetItem(h, NormalizeIndex(i, h), v.values.data()));
      },
      nb::arg("self"), nb::arg("index").none(), nb::arg("value").none(),
      nb::sig("def _seq_setitem(self: Object, index: typing.SupportsIndex, value: typing.Any, /) "
              "-> None"));
  m.def(
      "_seq_position",
      [](nb::handle self, nb::handle i, std::optional<std::string> who) {
        return NormalizeIndex(i, SeqHandle(self), who ? who->c_str() : nullptr);
      },
      nb::arg("self"), nb::arg("index").none(), nb::arg("who").none(),
      nb::sig("def _seq_position(self: Object, index: typing.SupportsIndex, who: str | None, /) -> "
              "int"),
      "`index` as a position in [0, len); TypeError/IndexError starting with `who` (a "
      "subscript's messages for None) otherwise.");
  m.def(
      "_seq_splice",
      [](nb::handle self, int64_t begin, int64_t end, nb::iterable values) {
        TVMFFIObject* h = MutableSeqHandle(self);
        // Convert everything first: a value that fails to convert leaves the
        // list untouched.
        Views v;
        for (nb::handle item : values) v.Add(item);
        int64_t size = SeqCell(h).size;
        if (begin < 0 || end > size || begin > end)
          throw nb::index_error("splice range out of range");
        ThrowIfFailed(TVMFFISeqErase(h, begin, end));
        ThrowIfFailed(
            TVMFFISeqInsert(h, begin, v.values.data(), static_cast<int64_t>(v.values.size())));
      },
      nb::sig("def _seq_splice(self: Object, begin: int, end: int, values: "
              "typing.Iterable[typing.Any]) -> None"),
      nb::arg("self"), nb::arg("begin"), nb::arg("end"), nb::arg("values"),
      "Replaces items [begin, end) with `values`.");
  m.def(
      "_seq_reverse",
      [](nb::handle self) { ThrowIfFailed(TVMFFISeqReverse(MutableSeqHandle(self))); },
      nb::sig("def _seq_reverse(self: Object, /) -> None"));

  m.def(
      "_seq_concat",
      [](bool mutable_, nb::handle first, nb::handle second) {
        Views v;
        if (!AddSeqItems(first, &v) || !AddSeqItems(second, &v)) {
          throw nb::type_error("_seq_concat: expected Arrays, Lists, lists or tuples");
        }
        return MakeSeq(mutable_, v);
      },
      nb::arg("mutable"), nb::arg("first"), nb::arg("second"),
      nb::sig("def _seq_concat(mutable: bool, first: typing.Sequence[typing.Any], "
              "second: typing.Sequence[typing.Any], /) -> typing.Any"),
      "A new Array (or List) of the items of `first` then `second` (our sequences, lists or "
      "tuples); the items of our own are copied without conversion.");
  m.def(
      "_seq_repeat",
      [](bool mutable_, nb::handle self, nb::handle count) {
        Py_ssize_t times = RepeatCount(count);
        SeqHandle(self);  // TypeError for anything but an Array or List
        Views v;
        if (times > 0) {
          AddSeqItems(self, &v);
          RepeatTail(&v, v.values.size(), times - 1);
        }
        return MakeSeq(mutable_, v);
      },
      nb::arg("mutable"), nb::arg("self"), nb::arg("count").none(),
      nb::sig("def _seq_repeat(mutable: bool, self: Object, count: typing.SupportsIndex, /) -> "
              "typing.Any"),
      "A new Array (or List) of the items of `self` repeated `count` times (none for count <= 0).");
  m.def(
      "_seq_extend",
      [](nb::handle self, nb::handle values, const char* who) {
        TVMFFIObject* h = MutableSeqHandle(self);
        // Everything is converted before the list changes: a value that fails
        // leaves it untouched, and `values` may be this very list.
        Views v;
        AddIterableItems(values, &v, who);
        ThrowIfFailed(TVMFFISeqInsert(h, SeqCell(h).size, v.values.data(),
                                      static_cast<int64_t>(v.values.size())));
      },
      nb::arg("self"), nb::arg("values").none(), nb::arg("who"),
      nb::sig("def _seq_extend(self: Object, values: typing.Iterable[typing.Any], who: str, /) -> "
              "None"),
      "Appends every item of `values`; TypeError naming `who` when it is not iterable.");
  m.def(
      "_seq_repeat_in_place",
      [](nb::handle self, nb::handle count) {
        TVMFFIObject* h = MutableSeqHandle(self);
        Py_ssize_t times = RepeatCount(count);
        int64_t size = SeqCell(h).size;
        if (times == 0) {
          ThrowIfFailed(TVMFFISeqErase(h, 0, size));
          return;
        }
        if (times == 1) return;
        Views v;
        AddSeqItems(self, &v);
        RepeatTail(&v, v.values.size(), times - 2);
        // One insert: it either adds every copy or (out of memory) none.
        ThrowIfFailed(
            TVMFFISeqInsert(h, size, v.values.data(), static_cast<int64_t>(v.values.size())));
      },
      nb::arg("self"), nb::arg("count").none(),
      nb::sig("def _seq_repeat_in_place(self: Object, count: typing.SupportsIndex, /) -> None"),
      "Repeats the items of the List `count` times in place (empties it for count <= 0).");
  m.def(
      "_seq_take_all",
      [](nb::handle self) {
        TVMFFIObject* h = MutableSeqHandle(self);
        Views v;
        AddSeqItems(self, &v);
        nb::object held = MakeSeq(false, v);
        ThrowIfFailed(TVMFFISeqErase(h, 0, SeqCell(h).size));
        return held;
      },
      nb::sig("def _seq_take_all(self: Object, /) -> typing.Any"),
      "Moves every item of the List into a new Array, leaving the List empty.");
  m.def(
      "_seq_put_back",
      [](nb::handle self, nb::handle held, nb::handle order) {
        TVMFFIObject* h = MutableSeqHandle(self);
        const TVMFFISeqCell& from = SeqCell(SeqHandle(held));
        bool modified = SeqCell(h).size != 0;
        // Held references: erasing this List below must not free what goes back
        // in, even when `held` is this very List.
        Views items;
        std::vector<int64_t> positions;
        std::exception_ptr bad_order;  // raised after the items are back, as they were
        if (!order.is_none() && !modified) {
          try {
            positions = PermutationOf(order, from.size);
          } catch (...) {
            bad_order = std::current_exception();
          }
        }
        if (!bad_order && !positions.empty()) {
          for (int64_t j : positions) items.AddHeld(from.data[j]);
        } else {
          for (int64_t j = 0; j < from.size; ++j) items.AddHeld(from.data[j]);
        }
        // Whatever was added meanwhile goes; the held items come back, in order
        // when the sort finished undisturbed, as they were otherwise.
        ThrowIfFailed(TVMFFISeqErase(h, 0, SeqCell(h).size));
        ThrowIfFailed(
            TVMFFISeqInsert(h, 0, items.values.data(), static_cast<int64_t>(items.values.size())));
        if (bad_order) std::rethrow_exception(bad_order);
        if (modified && !order.is_none()) throw nb::value_error("List modified during sort");
      },
      nb::arg("self"), nb::arg("held"), nb::arg("order").none(),
      nb::sig("def _seq_put_back(self: Object, held: Object, order: typing.Sequence[int] | None, "
              "/) -> None"),
      "Ends a sort begun with _seq_take_all: refills the List from `held` (permuted by `order`, "
      "unless it is None); ValueError when the List was changed in between.");

  // ---------------------------------------------------------------------- maps
  m.def(
      "_map_create",
      [](bool mutable_, nb::handle items) {
        PairViews v;
        AddMapItems(items, &v, mutable_ ? "Dict()" : "Map()");
        TVMFFIObject* h = nullptr;
        ThrowIfFailed(TVMFFIMapCreate(mutable_ ? kTVMFFIDict : kTVMFFIMap, v.keys.values.data(),
                                      v.values.values.data(),
                                      static_cast<int64_t>(v.keys.values.size()), &h));
        return MakeObject(h);
      },
      nb::arg("mutable"), nb::arg("items").none(),
      nb::sig("def _map_create(mutable: bool, items: typing.Mapping[typing.Any, typing.Any] | "
              "typing.Iterable[tuple[typing.Any, typing.Any]]) -> typing.Any"),
      "Makes a Map (or a Dict when `mutable`) from a mapping or (key, value) pairs.");
  m.def(
      "_map_len", [](nb::handle self) { return MapCell(MapHandle(self)).size; },
      nb::sig("def _map_len(self: Object, /) -> int"));
  m.def(
      "_map_find",
      [](nb::handle self, nb::handle key, nb::handle missing) -> nb::object {
        TVMFFIObject* h = MapHandle(self);
        Views k;
        k.Add(key);
        TVMFFIAny value;
        int found = 0;
        ThrowIfFailed(TVMFFIMapFind(h, k.values.data(), &value, &found));
        if (!found) return nb::borrow(missing);
        return ViewToObject(value);
      },
      nb::arg("self"), nb::arg("key").none(), nb::arg("missing").none(),
      nb::sig("def _map_find(self: Object, key: typing.Any, missing: typing.Any, /) -> typing.Any"),
      "The value of `key`, or `missing` when absent.");
  m.def(
      "_map_keys",
      [](nb::handle self) {
        const TVMFFIMapCell& c = MapCell(MapHandle(self));
        nb::list out;
        for (int64_t i = 0; i < c.size; ++i) out.append(ViewToObject(c.entries[i].key));
        return out;
      },
      nb::sig("def _map_keys(self: Object, /) -> list[typing.Any]"));
  m.def(
      "_map_values",
      [](nb::handle self) {
        const TVMFFIMapCell& c = MapCell(MapHandle(self));
        nb::list out;
        for (int64_t i = 0; i < c.size; ++i) out.append(ViewToObject(c.entries[i].value));
        return out;
      },
      nb::sig("def _map_values(self: Object, /) -> list[typing.Any]"));
  m.def(
      "_map_items",
      [](nb::handle self) {
        const TVMFFIMapCell& c = MapCell(MapHandle(self));
        nb::list out;
        for (int64_t i = 0; i < c.size; ++i) {
          out.append(
              nb::make_tuple(ViewToObject(c.entries[i].key), ViewToObject(c.entries[i].value)));
        }
        return out;
      },
      nb::sig("def _map_items(self: Object, /) -> list[tuple[typing.Any, typing.Any]]"));
  m.def(
      "_map_setitem",
      [](nb::handle self, nb::handle key, nb::handle value) {
        TVMFFIObject* h = MutableMapHandle(self);
        Views v;
        v.Add(key);
        v.Add(value);
        ThrowIfFailed(TVMFFIMapSetItem(h, &v.values[0], &v.values[1]));
      },
      nb::arg("self"), nb::arg("key").none(), nb::arg("value").none(),
      nb::sig("def _map_setitem(self: Object, key: typing.Any, value: typing.Any, /) -> None"));
  m.def(
      "_map_delitem",
      [](nb::handle self, nb::handle key) {
        TVMFFIObject* h = MutableMapHandle(self);
        Views k;
        k.Add(key);
        int found = 0;
        ThrowIfFailed(TVMFFIMapErase(h, k.values.data(), &found));
        return found != 0;
      },
      nb::arg("self"), nb::arg("key").none(),
      nb::sig("def _map_delitem(self: Object, key: typing.Any, /) -> bool"),
      "Removes `key`; returns whether it was present.");
  m.def(
      "_map_clear", [](nb::handle self) { ThrowIfFailed(TVMFFIMapClear(MutableMapHandle(self))); },
      nb::sig("def _map_clear(self: Object, /) -> None"));
  m.def(
      "_map_merge",
      [](bool mutable_, nb::handle first, nb::handle second) {
        PairViews v;
        const char* who = mutable_ ? "Dict |" : "Map |";
        AddMapItems(first, &v, who);
        AddMapItems(second, &v, who);
        TVMFFIObject* h = nullptr;
        // A key of `second` already in `first` keeps its place and takes the new value.
        ThrowIfFailed(TVMFFIMapCreate(mutable_ ? kTVMFFIDict : kTVMFFIMap, v.keys.values.data(),
                                      v.values.values.data(),
                                      static_cast<int64_t>(v.keys.values.size()), &h));
        return MakeObject(h);
      },
      nb::arg("mutable"), nb::arg("first"), nb::arg("second"),
      nb::sig("def _map_merge(mutable: bool, first: typing.Mapping[typing.Any, typing.Any], "
              "second: typing.Mapping[typing.Any, typing.Any], /) -> typing.Any"),
      "A new Map (or Dict) of the items of `first` updated by those of `second`.");
  m.def(
      "_map_update",
      [](nb::handle self, nb::handle items, nb::handle more, const char* who) {
        TVMFFIObject* h = MutableMapHandle(self);
        // Everything is converted before the dict changes: nothing half-updated.
        PairViews v;
        AddMapItems(items, &v, who);
        AddMapItems(more, &v, who);
        for (size_t i = 0; i < v.keys.values.size(); ++i) {
          ThrowIfFailed(TVMFFIMapSetItem(h, &v.keys.values[i], &v.values.values[i]));
        }
      },
      nb::arg("self"), nb::arg("items").none(), nb::arg("more"), nb::arg("who"),
      nb::sig("def _map_update(self: Object, items: object, more: dict[str, typing.Any], who: str, "
              "/) -> None"),
      "Sets every item of a mapping or of (key, value) pairs, then of `more` (keyword "
      "arguments); errors name `who`.");
}

}  // namespace tvm_ffi_py
