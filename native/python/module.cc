/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file module.cc
 * \brief NB_MODULE(core): what Python sees of the native side.
 *
 * Names with a leading underscore are the package's internal entry points;
 * the public Python API (tvm_ffi.registry, tvm_ffi.container, ...) wraps them.
 */
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>
#include <tvm/ffi/container/seq.h>

#include <string>
#include <vector>

#include "module.h"
#include "nb_helpers.h"

namespace nb = nanobind;

namespace tvm_ffi_py {

void BindContainers(nb::module_& m);
void BindReflection(nb::module_& m);
void BindPyClass(nb::module_& m);
void BindEnum(nb::module_& m);
void BindLibraries(nb::module_& m);
void BindEngines(nb::module_& m);
void BindSerialization(nb::module_& m);

namespace {

namespace ffi = tvm::ffi;

TVMFFIByteArray Bytes(const std::string& s) { return TVMFFIByteArray{s.data(), s.size()}; }

}  // namespace
}  // namespace tvm_ffi_py

using namespace tvm_ffi_py;

NB_MODULE(core, m) {
  m.doc() = "Native core of tvm_ffi: objects, conversion, functions, registry.";
  if (!InitSmallInts() || !InitObjectTypes(m.ptr())) throw nb::python_error();
  if (!RegisterPayloadBacktraceRenderer()) {
    throw std::runtime_error("tvm_ffi.core: cannot register ffi.ErrorPayloadBacktrace");
  }
  m.attr("Object") = nb::handle(reinterpret_cast<PyObject*>(g_object_type));
  m.attr("Function") = nb::handle(reinterpret_cast<PyObject*>(g_function_type));

  int32_t major = 0, minor = 0, patch = 0;
  TVMFFIGetVersion(&major, &minor, &patch);
  m.attr("ABI_VERSION") = nb::make_tuple(major, minor, patch);

  // --------------------------------------------------------------- conversion
  m.def(
      "convert",
      [](nb::handle value) {
        TVMFFIAny owned;
        if (!PyToAnyOwned(value.ptr(), &owned)) throw nb::python_error();
        return StealOrThrow(AnyOwnedToPy(owned));
      },
      nb::sig("def convert(value: typing.Any) -> typing.Any"), nb::arg("value").none(),
      "Converts a Python value to its FFI form and back: list/tuple -> Array,\n"
      "dict -> Map, callable -> Function; int, float, str, bytes, bool and None\n"
      "stay as they are; other objects pass through as opaque handles.");

  // ------------------------------------------------------------------ registry
  m.def(
      "_type_key_to_index",
      [](const std::string& key) {
        int32_t index = -1;
        TVMFFIByteArray k = Bytes(key);
        ThrowIfFailed(TVMFFITypeKeyToIndex(&k, &index));
        return index;
      },
      nb::arg("type_key"), "The type index registered for `type_key`; KeyError when unknown.");
  m.def(
      "_list_type_keys",
      []() {
        std::vector<std::string> keys;
        int32_t count = TVMFFIGetNumTypeIndices();
        for (int32_t index = 0; index < count; ++index) {
          const TVMFFITypeInfo* info = TVMFFIGetTypeInfo(index);
          if (info != nullptr) keys.emplace_back(info->type_key.data, info->type_key.size);
        }
        return keys;
      },
      "The keys of every registered type, in type-index order.");
  m.def(
      "_type_index_to_key",
      [](int32_t index) {
        const TVMFFITypeInfo* info = RequireType(index);
        return std::string(info->type_key.data, info->type_key.size);
      },
      nb::arg("type_index"));
  m.def(
      "_type_ancestors",
      [](int32_t index) {
        const TVMFFITypeInfo* info = RequireType(index);
        return std::vector<int32_t>(info->type_ancestors, info->type_ancestors + info->type_depth);
      },
      nb::arg("type_index"), "The ancestors of a type, root first.");
  m.def(
      "_register_type",
      [](const std::string& key, int32_t parent_index) {
        int32_t index = -1;
        TVMFFIByteArray k = Bytes(key);
        ThrowIfFailed(TVMFFITypeGetOrAllocIndex(&k, -1, parent_index, &index));
        return index;
      },
      nb::arg("type_key"), nb::arg("parent_type_index"),
      "Registers (or finds) a type by key under a parent; returns its index.");
  m.def(
      "_register_object_class",
      [](int32_t index, nb::handle cls) {
        if (!PyType_Check(cls.ptr()) ||
            !PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(cls.ptr()), g_object_type)) {
          throw nb::type_error("the class must be a subclass of tvm_ffi.Object");
        }
        if (TVMFFIGetTypeInfo(index) == nullptr) {
          throw nb::value_error(("no type with index " + std::to_string(index)).c_str());
        }
        RegisterObjectClass(index, cls.ptr());
      },
      nb::sig("def _register_object_class(type_index: int, cls: type[Object]) -> None"),
      nb::arg("type_index"), nb::arg("cls"),
      "Makes `cls` the Python class of objects of `type_index` (and of unbound subtypes).");
  m.def(
      "_registered_object_class",
      [](int32_t index) -> nb::object {
        PyObject* c = RegisteredClass(index);
        return c ? nb::borrow(c) : nb::none();
      },
      nb::sig("def _registered_object_class(type_index: int) -> type[Object] | None"),
      nb::arg("type_index"));

  // ----------------------------------------------------------------- functions
  m.def(
      "_get_global_func",
      [](const std::string& name) -> nb::object {
        TVMFFIObject* out = nullptr;
        TVMFFIByteArray n = Bytes(name);
        ThrowIfFailed(TVMFFIFunctionGetGlobal(&n, &out));
        if (out == nullptr) return nb::none();
        return StealOrThrow(WrapOwnedObject(out));
      },
      nb::sig("def _get_global_func(name: str) -> Function | None"), nb::arg("name"),
      "The global Function `name`, or None.");
  m.def(
      "_function_type_schema",
      [](nb::handle func) -> nb::object {
        if (!PyObject_TypeCheck(func.ptr(), g_function_type)) {
          throw nb::type_error((std::string("_function_type_schema: expected a Function, got ") +
                                Py_TYPE(func.ptr())->tp_name)
                                   .c_str());
        }
        TVMFFIObject* h = HandleOf(func.ptr());
        if (h == nullptr) throw nb::python_error();
        TVMFFIByteArray schema{nullptr, 0};
        ThrowIfFailed(TVMFFIFunctionGetTypeSchema(h, &schema));
        if (schema.size == 0) return nb::none();
        return nb::str(schema.data, schema.size);
      },
      nb::sig("def _function_type_schema(func: Function) -> str | None"), nb::arg("func"),
      "The declared types of a typed Function, `(int, Array<str>) -> float`, or None (a packed "
      "one).");
  m.def(
      "_register_global_func",
      [](const std::string& name, nb::handle func, bool override_) {
        TVMFFIObject* h = nullptr;
        if (PyObject_TypeCheck(func.ptr(), g_function_type)) {
          h = HandleOf(func.ptr());
          if (h == nullptr) throw nb::python_error();
          ffi::details::IncRef(h);
        } else if (PyCallable_Check(func.ptr())) {
          h = FunctionFromPyCallable(func.ptr());
          if (h == nullptr) throw nb::python_error();
        } else {
          throw nb::type_error(("register_global_func: `" + name + "` must be callable, got " +
                                Py_TYPE(func.ptr())->tp_name)
                                   .c_str());
        }
        TVMFFIByteArray n = Bytes(name);
        int rc = TVMFFIFunctionSetGlobal(&n, h, override_ ? 1 : 0);
        ffi::details::DecRef(h);
        ThrowIfFailed(rc);
      },
      nb::sig("def _register_global_func(name: str, func: typing.Callable[..., typing.Any], "
              "override: bool = False) -> None"),
      nb::arg("name"), nb::arg("func"), nb::arg("override") = false,
      "Registers a Function or Python callable as global `name`.");
  m.def(
      "_remove_global_func",
      [](const std::string& name) {
        int removed = 0;
        TVMFFIByteArray n = Bytes(name);
        ThrowIfFailed(TVMFFIFunctionRemoveGlobal(&n, &removed));
        return removed != 0;
      },
      nb::arg("name"), "Removes global `name`; returns whether it existed.");
  m.def(
      "_list_global_func_names",
      []() {
        TVMFFIObject* out = nullptr;
        ThrowIfFailed(TVMFFIFunctionListGlobalNames(&out));
        TVMFFIAny any;
        any.type_index = out->type_index;
        any.zero_padding = 0;
        any.v_obj = out;
        std::vector<std::string> names;
        for (const ffi::Any& item : ffi::AnyView::FromRaw(any).cast<ffi::Array<ffi::Any>>()) {
          names.push_back(item.cast<std::string>());
        }
        ffi::details::DecRef(out);
        return names;
      },
      "The names of all global functions, sorted.");
  m.def(
      "_function_from_callable",
      [](nb::handle callable) {
        if (!PyCallable_Check(callable.ptr())) throw nb::type_error("expected a callable");
        TVMFFIObject* h = FunctionFromPyCallable(callable.ptr());
        if (h == nullptr) throw nb::python_error();
        return StealOrThrow(WrapOwnedObject(h));
      },
      nb::sig(
          "def _function_from_callable(callable: typing.Callable[..., typing.Any]) -> Function"),
      nb::arg("callable"), "Wraps a Python callable as a Function.");

  // -------------------------------------------------------------------- errors
  m.def(
      "_register_error_kind",
      [](const std::string& kind, nb::handle cls) {
        if (!PyExceptionClass_Check(cls.ptr())) throw nb::type_error("expected an exception class");
        RegisterErrorKind(kind, cls.ptr());
      },
      nb::sig("def _register_error_kind(kind: str, cls: type[BaseException]) -> None"),
      nb::arg("kind"), nb::arg("cls"), "Maps the error kind `kind` to the exception class `cls`.");
  m.def(
      "_error_kind_of",
      [](nb::handle cls) {
        if (!PyExceptionClass_Check(cls.ptr())) throw nb::type_error("expected an exception class");
        return ErrorKindOf(cls.ptr());
      },
      nb::sig("def _error_kind_of(cls: type[BaseException]) -> str"), nb::arg("cls"));

  // ------------------------------------------------------------- diagnostics
  m.def(
      "_object_use_count",
      [](nb::handle obj) {
        if (!IsObjectWrapper(obj.ptr())) throw nb::type_error("expected a tvm_ffi.Object");
        TVMFFIObject* h = HandleOf(obj.ptr());
        if (h == nullptr) throw nb::python_error();
        return __atomic_load_n(&h->ref_count, __ATOMIC_RELAXED);
      },
      nb::sig("def _object_use_count(obj: Object) -> int"), nb::arg("obj"),
      "The native reference count of an object.");
  m.def(
      "_live_object_count",
      []() {
        ReleaseParked();  // a parked wrapper may be all that still holds an object
        return TVMFFIObjectLiveCount();
      },
      "Native objects created and not yet destroyed, process-wide (leak checks).");

  BindContainers(m);
  BindReflection(m);
  BindEngines(m);
  BindSerialization(m);
  BindPyClass(m);
  BindEnum(m);
  BindLibraries(m);
}
