/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file enum_bindings.cc
 * \brief The native half of `tvm_ffi.dataclasses.Enum`: the registries of an
 *        enum type (kept by the core library, see tvm/ffi/enum.h) and the
 *        rebinding of a C++ enum's variants to a new Python class.
 */
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include "nb_helpers.h"

namespace nb = nanobind;

namespace tvm_ffi_py {

void BindEnum(nb::module_& m) {
  m.attr("_ENUM_ENTRIES") = static_cast<int>(kTVMFFIEnumEntries);
  m.attr("_ENUM_ATTRS") = static_cast<int>(kTVMFFIEnumAttrs);

  m.def(
      "_enum_table",
      [](int32_t index, int32_t table, bool create) -> nb::object {
        TVMFFIObjectHandle out = nullptr;
        ThrowIfFailed(TVMFFIEnumGetTable(index, table, create ? 1 : 0, &out));
        if (out == nullptr) return nb::none();
        return StealOrThrow(WrapOwnedObject(static_cast<TVMFFIObject*>(out)));
      },
      nb::arg("type_index"), nb::arg("table"), nb::arg("create"),
      nb::sig("def _enum_table(type_index: int, table: int, create: bool) -> typing.Any"),
      "The live Dict of an enum type's variants (table _ENUM_ENTRIES) or extensible\n"
      "attributes (_ENUM_ATTRS), registered first when `create`; None when absent.\n"
      "TypeError for a type that does not derive from ffi.Enum.");

  m.def(
      "_enum_add_entry",
      [](nb::handle variant, const std::string& name) {
        TVMFFIByteArray key{name.data(), name.size()};
        int64_t ordinal = -1;
        ThrowIfFailed(
            TVMFFIEnumAddEntry(RequireHandle(variant, "an enum variant"), &key, &ordinal));
        return ordinal;
      },
      nb::arg("variant"), nb::arg("name"),
      nb::sig("def _enum_add_entry(variant: Object, name: str) -> int"),
      "Registers a new variant under `name`: the core assigns its ordinal and name\n"
      "atomically and returns the ordinal; RuntimeError for a name already taken.");

  m.def(
      "_enum_get_attr",
      [](nb::handle variant, nb::handle attr) {
        // The hot path of EnumAttrMap reads: the name's UTF-8 is borrowed, not copied.
        Py_ssize_t size = 0;
        const char* data =
            PyUnicode_Check(attr.ptr()) ? PyUnicode_AsUTF8AndSize(attr.ptr(), &size) : nullptr;
        if (data == nullptr) {
          if (!PyErr_Occurred())
            throw nb::type_error("_enum_get_attr: the attribute name must be a str");
          throw nb::python_error();
        }
        TVMFFIByteArray key{data, static_cast<size_t>(size)};
        TVMFFIAny out;
        ThrowIfFailed(TVMFFIEnumGetAttr(RequireHandle(variant, "an enum variant"), &key, &out));
        PyObject* value = AnyViewToPy(out);
        tvm::ffi::details::DecRefAny(out);
        return StealOrThrow(value);
      },
      nb::arg("variant"), nb::arg("attr"),
      nb::sig("def _enum_get_attr(variant: Object, attr: str) -> typing.Any"),
      "The extensible attribute `attr` of a registered variant (None when unset).");

  m.def(
      "_enum_set_attr",
      [](nb::handle variant, const std::string& attr, nb::handle value) {
        TVMFFIObject* h = RequireHandle(variant, "an enum variant");
        OwnedAny held(value);
        TVMFFIByteArray key{attr.data(), attr.size()};
        ThrowIfFailed(TVMFFIEnumSetAttr(h, &key, &held.get()));
      },
      nb::arg("variant"), nb::arg("attr"), nb::arg("value").none(),
      nb::sig("def _enum_set_attr(variant: Object, attr: str, value: typing.Any) -> None"),
      "Sets the extensible attribute `attr` of a registered variant (under the lock).");

  m.def(
      "_detach_wrapper",
      [](nb::handle obj) {
        TVMFFIObject* h = RequireHandle(obj, "a tvm_ffi.Object");
        // The wrapper keeps its reference; the object just stops coming back as
        // it, so the next conversion makes a wrapper of the currently bound class.
        if (h->binding_slot == obj.ptr()) h->binding_slot = nullptr;
      },
      nb::arg("obj"), nb::sig("def _detach_wrapper(obj: Object) -> None"),
      "Stops `obj` being the wrapper its native object converts to (used when a C++\n"
      "enum is bound to a new Python class: its variants then come back as that class).");
}

}  // namespace tvm_ffi_py
