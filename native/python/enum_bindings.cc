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

#include "nb_helpers.h"

namespace nb = nanobind;

namespace tvm_ffi_py {

void BindEnum(nb::module_& m) {
  m.attr("_ENUM_ENTRIES") = static_cast<int>(kTVMFFIEnumEntries);
  m.attr("_ENUM_ATTRS") = static_cast<int>(kTVMFFIEnumAttrs);

  m.def("_enum_table", [](int32_t index, int32_t table, bool create) -> nb::object {
    TVMFFIObjectHandle out = nullptr;
    ThrowIfFailed(TVMFFIEnumGetTable(index, table, create ? 1 : 0, &out));
    if (out == nullptr) return nb::none();
    return StealOrThrow(WrapOwnedObject(static_cast<TVMFFIObject*>(out)));
  }, nb::arg("type_index"), nb::arg("table"), nb::arg("create"),
  nb::sig("def _enum_table(type_index: int, table: int, create: bool) -> typing.Any"),
  "The live Dict of an enum type's variants (table _ENUM_ENTRIES) or extensible\n"
  "attributes (_ENUM_ATTRS), registered first when `create`; None when absent.\n"
  "TypeError for a type that does not derive from ffi.Enum.");

  m.def("_detach_wrapper", [](nb::handle obj) {
    if (!IsObjectWrapper(obj.ptr())) throw nb::type_error("expected a tvm_ffi.Object");
    TVMFFIObject* h = HandleOf(obj.ptr());
    if (h == nullptr) throw nb::python_error();
    // The wrapper keeps its reference; the object just stops coming back as
    // it, so the next conversion makes a wrapper of the currently bound class.
    if (h->binding_slot == obj.ptr()) h->binding_slot = nullptr;
  }, nb::arg("obj"), nb::sig("def _detach_wrapper(obj: Object) -> None"),
  "Stops `obj` being the wrapper its native object converts to (used when a C++\n"
  "enum is bound to a new Python class: its variants then come back as that class).");
}

}  // namespace tvm_ffi_py
