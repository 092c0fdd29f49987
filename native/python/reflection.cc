/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file reflection.cc
 * \brief The bound functions of reflection: field descriptors and method
 *        binders for @c_class/@py_class (made by field_accessor.cc and
 *        method_binder.cc), the cached attribute path (fast_attributes.cc),
 *        type information, type attributes and the sentinels.
 */
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include "nb_helpers.h"
#include "reflection_types.h"

#include <tvm/ffi/reflection/registry.h>

#include <cstring>
#include <string>
#include <string_view>

namespace nb = nanobind;

namespace tvm_ffi_py {
namespace {

namespace ffi = tvm::ffi;

TVMFFIObject* FunctionHandleOf(nb::handle func) {
  if (!PyObject_TypeCheck(func.ptr(), g_function_type)) {
    throw nb::type_error("expected a tvm_ffi.Function");
  }
  TVMFFIObject* h = HandleOf(func.ptr());
  if (h == nullptr) throw nb::python_error();
  return h;
}

}  // namespace

const TVMFFIFieldInfo* FindField(int32_t type_index, std::string_view name, int32_t* owner_index) {
  const TVMFFITypeInfo* info = TVMFFIGetTypeInfo(type_index);
  if (info == nullptr) return nullptr;
  for (int32_t d = info->type_depth; d >= 0; --d) {
    const TVMFFITypeInfo* t =
        d == info->type_depth ? info : TVMFFIGetTypeInfo(info->type_ancestors[d]);
    for (int32_t i = 0; i < t->num_fields; ++i) {
      if (name.size() == t->fields[i].name.size &&
          std::memcmp(name.data(), t->fields[i].name.data, name.size()) == 0) {
        if (owner_index != nullptr) *owner_index = t->type_index;
        return &t->fields[i];
      }
    }
  }
  return nullptr;
}

void BindReflection(nb::module_& m) {
  if (!InitFieldAccessorType(m.ptr()) || !InitMethodBinderType(m.ptr())) throw nb::python_error();
  m.attr("FieldAccessor") = nb::handle(reinterpret_cast<PyObject*>(g_field_accessor_type));
  m.attr("MethodBinder") = nb::handle(reinterpret_cast<PyObject*>(g_method_binder_type));

  // Flag values, so Python reads them from the C ABI rather than restating them.
  nb::dict field_flags, type_flags;
  field_flags["writable"] = int(kTVMFFIFieldFlagWritable);
  field_flags["has_default"] = int(kTVMFFIFieldFlagHasDefault);
  field_flags["default_from_factory"] = int(kTVMFFIFieldFlagDefaultFromFactory);
  field_flags["repr_off"] = int(kTVMFFIFieldFlagReprOff);
  field_flags["hash_off"] = int(kTVMFFIFieldFlagHashOff);
  field_flags["compare_off"] = int(kTVMFFIFieldFlagCompareOff);
  field_flags["init_off"] = int(kTVMFFIFieldFlagInitOff);
  field_flags["kw_only"] = int(kTVMFFIFieldFlagKwOnly);
  type_flags["mutable"] = int(kTVMFFITypeFlagMutable);
  type_flags["final"] = int(kTVMFFITypeFlagFinal);
  type_flags["auto_init"] = int(kTVMFFITypeFlagAutoInit);
  m.attr("_FIELD_FLAGS") = field_flags;
  m.attr("_TYPE_FLAGS") = type_flags;
  m.attr("_METHOD_FLAG_STATIC") = int(kTVMFFIMethodFlagStatic);
  // Whether classes with fields get the cached attribute path on this
  // interpreter (cpython_layout.h); the benchmark prints it when not.
  m.attr("_FAST_ATTRIBUTES") = kKnownLayout;

  m.def(
      "_field_accessor", &NewFieldAccessor, nb::arg("type_index"), nb::arg("name"),
      nb::arg("frozen") = false,
      nb::sig(
          "def _field_accessor(type_index: int, name: str, frozen: bool = False) -> FieldAccessor"),
      "A descriptor reading and writing field `name` of objects of the type.");

  m.def(
      "_method_binder",
      [](nb::handle func, const std::string& name, nb::handle doc, bool is_init) {
        return NewMethodBinder(FunctionHandleOf(func), name, doc, is_init);
      },
      nb::arg("func"), nb::arg("name"), nb::arg("doc").none(), nb::arg("is_init") = false,
      nb::sig("def _method_binder(func: Function, name: str, doc: str | None, is_init: bool = "
              "False) -> MethodBinder"),
      "A method descriptor calling `func(self, *args)`; with is_init, a constructor bound to "
      "self.");

  m.def(
      "_enable_fast_construct",
      [](nb::handle cls) { RequireObjectSubclass(cls)->tp_vectorcall = FastConstruct; },
      nb::arg("cls"), nb::sig("def _enable_fast_construct(cls: type[Object]) -> None"),
      "Lets `cls(...)` construct natively in one step while its __init__ is the generated one.");

  m.def(
      "_enable_fast_attributes",
      [](nb::handle cls) { return EnableFastAttributes(RequireObjectSubclass(cls)); },
      nb::arg("cls"), nb::sig("def _enable_fast_attributes(cls: type[Object]) -> bool"),
      "Gives `cls` a cached attribute path for its reflected fields and methods.\n"
      "Returns whether anything was installed (a class's own __getattr__ etc. win).");

  m.def(
      "_has_fast_attributes",
      [](nb::handle cls) {
        return PyType_Check(cls.ptr()) &&
               HasFastAttributes(reinterpret_cast<PyTypeObject*>(cls.ptr()));
      },
      nb::arg("cls"), nb::sig("def _has_fast_attributes(cls: type) -> bool"),
      "Whether `cls` reads and writes fields through the cached attribute path.");

  m.def(
      "_may_have_instance_attributes",
      [](nb::handle obj) { return MayHaveInstanceAttributes(obj.ptr()); }, nb::arg("obj"),
      nb::sig("def _may_have_instance_attributes(obj: object) -> bool"),
      "What the cached path's reading of this interpreter's instance layout says\n"
      "(cpython_layout.h): False only when `obj` certainly has no attributes of its own.");

  m.def(
      "_type_info",
      [](int32_t type_index) {
        const TVMFFITypeInfo* info = RequireType(type_index);
        nb::list fields, methods;
        for (int32_t i = 0; i < info->num_fields; ++i) {
          const TVMFFIFieldInfo& f = info->fields[i];
          nb::object default_value =
              (f.flags & kTVMFFIFieldFlagHasDefault) ? ViewToObject(f.default_value) : nb::none();
          fields.append(nb::make_tuple(nb::steal(ByteArrayToStr(f.name)),
                                       nb::steal(ByteArrayToStr(f.doc)), f.flags,
                                       nb::steal(ByteArrayToStr(f.type_str)), f.static_type_index,
                                       default_value, ViewToObject(f.metadata), f.offset));
        }
        for (int32_t i = 0; i < info->num_methods; ++i) {
          const TVMFFIMethodInfo& mth = info->methods[i];
          methods.append(nb::make_tuple(nb::steal(ByteArrayToStr(mth.name)),
                                        nb::steal(ByteArrayToStr(mth.doc)), mth.flags,
                                        ViewToObject(mth.method)));
        }
        nb::list ancestors;
        for (int32_t d = 0; d < info->type_depth; ++d) ancestors.append(info->type_ancestors[d]);
        int64_t flags = info->metadata ? info->metadata->flags : 0;
        return nb::make_tuple(info->type_index, nb::steal(ByteArrayToStr(info->type_key)),
                              ancestors, fields, methods, flags);
      },
      nb::arg("type_index"),
      nb::sig("def _type_info(type_index: int) -> tuple[int, str, list[int], "
              "list[tuple[str, str, int, str, int, typing.Any, typing.Any, int]], "
              "list[tuple[str, str, int, Function]], int]"),
      "The registry record of a type: (index, key, ancestors, fields, methods, flags).\n"
      "fields: (name, doc, flags, type_str, static_type_index, default, metadata, offset);\n"
      "methods: (name, doc, flags, function).");

  m.def(
      "_object_type_key_to_index",
      [](const std::string& key) -> nb::object {
        int32_t index = -1;
        TVMFFIByteArray k{key.data(), key.size()};
        if (TVMFFITypeKeyToIndex(&k, &index) != 0) {
          TVMFFIObject* err = nullptr;
          TVMFFIErrorMoveFromRaised(&err);
          if (err != nullptr) ffi::details::DecRef(err);
          return nb::none();
        }
        return nb::int_(index);
      },
      nb::arg("type_key"), nb::sig("def _object_type_key_to_index(type_key: str) -> int | None"),
      "The type index of `type_key`, or None when it is not registered.");

  m.def(
      "_lookup_type_attr",
      [](int32_t type_index, const std::string& name) -> nb::object {
        RequireType(type_index);
        TVMFFIByteArray n{name.data(), name.size()};
        const TVMFFITypeAttrColumn* column = TVMFFIGetTypeAttrColumn(&n);
        if (column == nullptr || type_index >= column->size) return nb::none();
        return ViewToObject(column->data[type_index]);
      },
      nb::arg("type_index"), nb::arg("name"),
      nb::sig("def _lookup_type_attr(type_index: int, name: str) -> typing.Any"),
      "Attribute `name` of a type, or None when unset.");

  m.def(
      "_register_type_attr",
      [](int32_t type_index, const std::string& name, nb::handle value) {
        RequireType(type_index);
        TVMFFIAny owned;
        if (!PyToAnyOwned(value.ptr(), &owned)) throw nb::python_error();
        TVMFFIByteArray n{name.data(), name.size()};
        int rc = TVMFFITypeRegisterAttr(type_index, &n, &owned);
        ffi::details::DecRefAny(owned);
        if (rc != 0) {
          RaisePythonFromFFIError();
          throw nb::python_error();
        }
      },
      nb::arg("type_index"), nb::arg("name"), nb::arg("value").none(),
      nb::sig("def _register_type_attr(type_index: int, name: str, value: typing.Any) -> None"),
      "Registers attribute `name` of a type; RuntimeError when already registered.");

  m.def(
      "_sentinel",
      [](int32_t kind) {
        TVMFFIObject* s = TVMFFIGetSentinel(kind);
        if (s == nullptr) throw nb::value_error("no such sentinel");
        ffi::details::IncRef(s);
        PyObject* w = WrapOwnedObject(s);
        if (w == nullptr) throw nb::python_error();
        return nb::steal(w);
      },
      nb::arg("kind"), nb::sig("def _sentinel(kind: int) -> Object"),
      "The MISSING (0) or KWARGS (1) sentinel object.");
}

}  // namespace tvm_ffi_py
