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
    throw nb::type_error((std::string("expected ") + what + ", got " +
                          ffi::details::TypeIndexToKey(h->type_index))
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
};

/*! \brief A Python index object as a position; IndexError/TypeError as list does. */
int64_t NormalizeIndex(nb::handle index, int64_t size) {
  Py_ssize_t i = PyNumber_AsSsize_t(index.ptr(), PyExc_IndexError);
  if (i == -1 && PyErr_Occurred()) throw nb::python_error();
  if (i < 0) i += size;
  if (i < 0 || i >= size) throw nb::index_error("index out of range");
  return i;
}

nb::object MakeObject(TVMFFIObject* h) {
  PyObject* r = WrapOwnedObject(h);
  if (r == nullptr) throw nb::python_error();
  return nb::steal(r);
}

}  // namespace

void BindContainers(nb::module_& m) {
  // ----------------------------------------------------------------- sequences
  m.def("_seq_create", [](bool mutable_, nb::handle items) {
    // Any iterable becomes a list first; the conversion is convert.cc's.
    nb::object seq = (PyList_Check(items.ptr()) || PyTuple_Check(items.ptr()))
                         ? nb::borrow(items)
                         : nb::steal(PySequence_List(items.ptr()));
    if (!seq.is_valid()) throw nb::python_error();
    TempRefs temps;
    TVMFFIAny view;
    if (!SequenceToSeq(seq.ptr(), mutable_ ? kTVMFFIList : kTVMFFIArray, &view, &temps)) {
      throw nb::python_error();
    }
    ffi::details::IncRef(view.v_obj);  // ours; the temporary reference goes with temps
    return MakeObject(view.v_obj);
  }, nb::arg("mutable"), nb::arg("items"),
  nb::sig("def _seq_create(mutable: bool, items: typing.Iterable[typing.Any]) -> typing.Any"),
  "Makes an Array (or a List when `mutable`) of converted items.");
  m.def("_seq_len", [](nb::handle self) { return SeqCell(SeqHandle(self)).size; }, nb::sig("def _seq_len(self: Object, /) -> int"));
  m.def("_seq_getitem", [](nb::handle self, nb::handle i) {
    const TVMFFISeqCell& c = SeqCell(SeqHandle(self));
    return ViewToObject(c.data[NormalizeIndex(i, c.size)]);
  }, nb::arg("self"), nb::arg("index").none(), nb::sig("def _seq_getitem(self: Object, index: typing.SupportsIndex, /) -> typing.Any"), "Item `i` (negative counts from the end); IndexError when out of range.");
  m.def("_seq_items", [](nb::handle self) {
    const TVMFFISeqCell& c = SeqCell(SeqHandle(self));
    nb::list out;
    for (int64_t i = 0; i < c.size; ++i) out.append(ViewToObject(c.data[i]));
    return out;
  }, nb::sig("def _seq_items(self: Object, /) -> list[typing.Any]"), "All items as a Python list.");
  m.def("_seq_setitem", [](nb::handle self, nb::handle i, nb::handle value) {
    TVMFFIObject* h = MutableSeqHandle(self);
    Views v;
    v.Add(value);
    ThrowIfFailed(TVMFFISeqSetItem(h, NormalizeIndex(i, SeqCell(h).size), v.values.data()));
  }, nb::arg("self"), nb::arg("index").none(), nb::arg("value").none(), nb::sig("def _seq_setitem(self: Object, index: typing.SupportsIndex, value: typing.Any, /) -> None"));
  m.def("_seq_splice", [](nb::handle self, int64_t begin, int64_t end, nb::iterable values) {
    TVMFFIObject* h = MutableSeqHandle(self);
    // Convert everything first: a value that fails to convert leaves the
    // list untouched.
    Views v;
    for (nb::handle item : values) v.Add(item);
    int64_t size = SeqCell(h).size;
    if (begin < 0 || end > size || begin > end) throw nb::index_error("splice range out of range");
    ThrowIfFailed(TVMFFISeqErase(h, begin, end));
    ThrowIfFailed(TVMFFISeqInsert(h, begin, v.values.data(),
                                  static_cast<int64_t>(v.values.size())));
  }, nb::sig("def _seq_splice(self: Object, begin: int, end: int, values: typing.Iterable[typing.Any]) -> None"), nb::arg("self"), nb::arg("begin"), nb::arg("end"), nb::arg("values"),
  "Replaces items [begin, end) with `values`.");
  m.def("_seq_reverse", [](nb::handle self) { ThrowIfFailed(TVMFFISeqReverse(MutableSeqHandle(self))); }, nb::sig("def _seq_reverse(self: Object, /) -> None"));

  // ---------------------------------------------------------------------- maps
  m.def("_map_create", [](bool mutable_, nb::handle items) {
    // A dict as it is; any other mapping or iterable of pairs through dict(),
    // which also gives Python's errors for bad pairs and unhashable keys.
    nb::object dict = PyDict_CheckExact(items.ptr())
                          ? nb::borrow(items)
                          : nb::steal(PyObject_CallOneArg(reinterpret_cast<PyObject*>(&PyDict_Type),
                                                          items.ptr()));
    if (!dict.is_valid()) throw nb::python_error();
    TempRefs temps;
    TVMFFIAny view;
    if (!DictToMapKind(dict.ptr(), mutable_ ? kTVMFFIDict : kTVMFFIMap, &view, &temps)) {
      throw nb::python_error();
    }
    ffi::details::IncRef(view.v_obj);
    return MakeObject(view.v_obj);
  }, nb::arg("mutable"), nb::arg("items"),
  nb::sig("def _map_create(mutable: bool, items: typing.Mapping[typing.Any, typing.Any] | "
          "typing.Iterable[tuple[typing.Any, typing.Any]]) -> typing.Any"),
  "Makes a Map (or a Dict when `mutable`) from a mapping or (key, value) pairs.");
  m.def("_map_len", [](nb::handle self) { return MapCell(MapHandle(self)).size; }, nb::sig("def _map_len(self: Object, /) -> int"));
  m.def("_map_find", [](nb::handle self, nb::handle key, nb::handle missing) -> nb::object {
    TVMFFIObject* h = MapHandle(self);
    Views k;
    k.Add(key);
    TVMFFIAny value;
    int found = 0;
    ThrowIfFailed(TVMFFIMapFind(h, k.values.data(), &value, &found));
    if (!found) return nb::borrow(missing);
    return ViewToObject(value);
  }, nb::arg("self"), nb::arg("key").none(), nb::arg("missing").none(), nb::sig("def _map_find(self: Object, key: typing.Any, missing: typing.Any, /) -> typing.Any"), "The value of `key`, or `missing` when absent.");
  m.def("_map_keys", [](nb::handle self) {
    const TVMFFIMapCell& c = MapCell(MapHandle(self));
    nb::list out;
    for (int64_t i = 0; i < c.size; ++i) out.append(ViewToObject(c.entries[i].key));
    return out;
  }, nb::sig("def _map_keys(self: Object, /) -> list[typing.Any]"));
  m.def("_map_values", [](nb::handle self) {
    const TVMFFIMapCell& c = MapCell(MapHandle(self));
    nb::list out;
    for (int64_t i = 0; i < c.size; ++i) out.append(ViewToObject(c.entries[i].value));
    return out;
  }, nb::sig("def _map_values(self: Object, /) -> list[typing.Any]"));
  m.def("_map_items", [](nb::handle self) {
    const TVMFFIMapCell& c = MapCell(MapHandle(self));
    nb::list out;
    for (int64_t i = 0; i < c.size; ++i) {
      out.append(nb::make_tuple(ViewToObject(c.entries[i].key), ViewToObject(c.entries[i].value)));
    }
    return out;
  }, nb::sig("def _map_items(self: Object, /) -> list[tuple[typing.Any, typing.Any]]"));
  m.def("_map_setitem", [](nb::handle self, nb::handle key, nb::handle value) {
    TVMFFIObject* h = MutableMapHandle(self);
    Views v;
    v.Add(key);
    v.Add(value);
    ThrowIfFailed(TVMFFIMapSetItem(h, &v.values[0], &v.values[1]));
  }, nb::arg("self"), nb::arg("key").none(), nb::arg("value").none(), nb::sig("def _map_setitem(self: Object, key: typing.Any, value: typing.Any, /) -> None"));
  m.def("_map_delitem", [](nb::handle self, nb::handle key) {
    TVMFFIObject* h = MutableMapHandle(self);
    Views k;
    k.Add(key);
    int found = 0;
    ThrowIfFailed(TVMFFIMapErase(h, k.values.data(), &found));
    return found != 0;
  }, nb::arg("self"), nb::arg("key").none(), nb::sig("def _map_delitem(self: Object, key: typing.Any, /) -> bool"), "Removes `key`; returns whether it was present.");
  m.def("_map_clear", [](nb::handle self) { ThrowIfFailed(TVMFFIMapClear(MutableMapHandle(self))); }, nb::sig("def _map_clear(self: Object, /) -> None"));
}

}  // namespace tvm_ffi_py
