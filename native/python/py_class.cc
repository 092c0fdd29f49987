/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file py_class.cc
 * \brief The native half of @py_class: Python's entry points to the core
 *        library's dynamic types (allocate, add fields, finish, retract).
 *
 * Layout, allocation and the schema checks live in the core library
 * (native/src/dynamic), so C++ sees a py_class type exactly as a C++ one;
 * this file only converts the Python arguments.
 */
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include "nb_helpers.h"

#include <tvm/ffi/any.h>

#include <string>

namespace nb = nanobind;

namespace tvm_ffi_py {
namespace {

TVMFFIByteArray Bytes(const std::string& s) { return TVMFFIByteArray{s.data(), s.size()}; }

}  // namespace

void BindPyClass(nb::module_& m) {
  m.def(
      "_dynamic_type_create",
      [](const std::string& key, int32_t parent_index) {
        int32_t index = -1;
        TVMFFIByteArray k = Bytes(key);
        ThrowIfFailed(TVMFFIDynamicTypeCreate(&k, parent_index, &index));
        return index;
      },
      nb::arg("type_key"), nb::arg("parent_index"),
      nb::sig("def _dynamic_type_create(type_key: str, parent_index: int) -> int"),
      "Allocates a dynamic type (phase one of @py_class); its fields come next.");

  m.def(
      "_dynamic_type_add_field",
      [](int32_t index, const std::string& name, const std::string& schema, int64_t flags,
         nb::handle default_value, nb::handle metadata, const std::string& doc) {
        OwnedAny def(default_value), meta(metadata);
        TVMFFIFieldInfo info{};
        info.name = Bytes(name);
        info.doc = Bytes(doc);
        info.type_str = Bytes(schema);
        info.flags = flags;
        info.default_value = def.get();
        info.metadata = meta.get();
        ThrowIfFailed(TVMFFIDynamicTypeAddField(index, &info));
      },
      nb::arg("type_index"), nb::arg("name"), nb::arg("schema"), nb::arg("flags"),
      nb::arg("default").none(), nb::arg("metadata").none(), nb::arg("doc"),
      nb::sig("def _dynamic_type_add_field(type_index: int, name: str, schema: str, flags: int, "
              "default: typing.Any, metadata: typing.Any, doc: str) -> None"),
      "Adds a field with a declared schema (`Optional[List[int]]`, a type key...) to a\n"
      "dynamic type; the default (a Function when flags say factory) is checked.");

  m.def(
      "_dynamic_type_finish",
      [](int32_t index, int64_t flags) { ThrowIfFailed(TVMFFIDynamicTypeFinish(index, flags)); },
      nb::arg("type_index"), nb::arg("type_flags"),
      nb::sig("def _dynamic_type_finish(type_index: int, type_flags: int) -> None"),
      "Finishes a dynamic type: allocator, copy and generated __ffi_init__ are registered.");

  m.def(
      "_gc_wrapper_allocations", []() { return g_gc_wrapper_allocations; },
      nb::sig("def _gc_wrapper_allocations() -> int"),
      "How many wrappers of GC-tracked classes were allocated so far: read it before\n"
      "making a class, and pass it to _drop_instance_gc.");

  m.def(
      "_drop_instance_gc",
      [](nb::type_object cls, uint64_t allocations_before) {
        return DropInstanceGC(reinterpret_cast<PyTypeObject*>(cls.ptr()), allocations_before);
      },
      nb::arg("cls"), nb::arg("allocations_before"),
      nb::sig("def _drop_instance_gc(cls: type, allocations_before: int) -> bool"),
      "Makes a freshly made slots class's instances plain objects, untracked by the\n"
      "garbage collector (they hold no Python reference); returns whether it did.\n"
      "Refuses when a GC wrapper was allocated since `allocations_before`\n"
      "(_gc_wrapper_allocations() read before the class was made).");

  m.def(
      "_type_retract",
      [](int32_t index) {
        ThrowIfFailed(TVMFFITypeRetract(index));
        ForgetObjectClass(index);
      },
      nb::arg("type_index"), nb::sig("def _type_retract(type_index: int) -> None"),
      "Takes back an unfinished dynamic type and its Python class binding (a failed\n"
      "@py_class), so its key can be used again.");
}

}  // namespace tvm_ffi_py
