/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file engines.cc
 * \brief Python entry points of the dataclass engines, and the hooks that
 *        let the engines handle Python objects held opaquely.
 *
 * Each entry point converts its arguments once and makes one call into the
 * core library for the whole graph.
 */
#include <nanobind/nanobind.h>

#include "module.h"

namespace nb = nanobind;

namespace tvm_ffi_py {
namespace {

/*! \brief A borrowed view of a Python value for the duration of a call. */
struct View {
  TempRefs temps;
  TVMFFIAny value;
  explicit View(nb::handle h) {
    if (!PyToAnyView(h.ptr(), &value, &temps)) throw nb::python_error();
  }
};

void Check(int rc) {
  if (rc != 0) {
    RaisePythonFromFFIError();
    throw nb::python_error();
  }
}

/*!
 * \brief Registers Python's repr/==/hash as the engine hooks of opaque Python
 * objects, so a Python value inside a native graph prints, compares and
 * hashes as it does in Python.
 */
void RegisterOpaqueHooks() {
  nb::module_ builtins = nb::module_::import_("builtins");
  // The trailing recursion callback is unused (Python recurses itself) and
  // arrives as None.
  nb::object repr_fn = nb::cpp_function(
      [](nb::handle obj, nb::handle) {
        PyObject* r = PyObject_Repr(obj.ptr());
        if (r == nullptr) throw nb::python_error();
        return nb::steal<nb::str>(r);
      },
      nb::arg("obj").none(), nb::arg("fn_repr").none());
  nb::object eq_fn = nb::cpp_function(
      [](nb::handle a, nb::handle b, nb::handle) {
        int r = PyObject_RichCompareBool(a.ptr(), b.ptr(), Py_EQ);
        if (r < 0) throw nb::python_error();
        return r == 1;
      },
      nb::arg("lhs").none(), nb::arg("rhs").none(), nb::arg("fn_eq").none());
  nb::object hash_fn = nb::cpp_function(
      [](nb::handle obj, nb::handle) {
        Py_hash_t h = PyObject_Hash(obj.ptr());
        if (h == -1 && PyErr_Occurred()) throw nb::python_error();
        return static_cast<int64_t>(h);
      },
      nb::arg("obj").none(), nb::arg("fn_hash").none());
  const std::pair<const char*, nb::object*> hooks[] = {
      {"__ffi_repr__", &repr_fn}, {"__ffi_eq__", &eq_fn}, {"__ffi_hash__", &hash_fn}};
  for (const auto& [name, fn] : hooks) {
    TVMFFIByteArray n{name, std::strlen(name)};
    const TVMFFITypeAttrColumn* column = TVMFFIGetTypeAttrColumn(&n);
    if (column != nullptr && column->size > kTVMFFIOpaquePyObject &&
        column->data[kTVMFFIOpaquePyObject].type_index != kTVMFFINone) {
      continue;  // registered by an earlier import of the module
    }
    TVMFFIObject* f = FunctionFromPyCallable(fn->ptr());
    if (f == nullptr) throw nb::python_error();
    TVMFFIAny value;
    value.type_index = kTVMFFIFunction;
    value.zero_padding = 0;
    value.v_obj = f;
    int rc = TVMFFITypeRegisterAttr(kTVMFFIOpaquePyObject, &n, &value);
    TVMFFIObjectDecRef(f);
    Check(rc);
  }
  (void)builtins;
}

}  // namespace

PyObject* ReprViaEngine(PyObject* obj) {
  TempRefs temps;
  TVMFFIAny view, out;
  if (!PyToAnyView(obj, &view, &temps)) return nullptr;
  if (TVMFFIReprPrint(&view, &out) != 0) return RaisePythonFromFFIError();
  return AnyOwnedToPy(out);
}

void BindEngines(nb::module_& m) {
  RegisterOpaqueHooks();
  m.def("_repr", [](nb::handle value) {
    PyObject* r = ReprViaEngine(value.ptr());
    if (r == nullptr) throw nb::python_error();
    return nb::steal<nb::str>(r);
  }, nb::arg("value").none(), "ReprPrint of a value (one native call for the whole graph).");
  m.def("_eq", [](nb::handle a, nb::handle b) {
    View x(a), y(b);
    int32_t out = 0;
    Check(TVMFFIRecursiveEq(&x.value, &y.value, &out));
    return out != 0;
  }, nb::arg("lhs").none(), nb::arg("rhs").none(), "Structural equality (RecursiveEq).");
  m.def("_hash", [](nb::handle value) {
    View v(value);
    int64_t out = 0;
    Check(TVMFFIRecursiveHash(&v.value, &out));
    // Python reserves -1 for errors in hash slots.
    return out == -1 ? int64_t{-2} : out;
  }, nb::arg("value").none(), "Structural hash (RecursiveHash), consistent with _eq.");
  m.def("_compare", [](nb::handle a, nb::handle b) {
    View x(a), y(b);
    int32_t out = 0;
    Check(TVMFFIRecursiveCompare(&x.value, &y.value, &out));
    return out;
  }, nb::arg("lhs").none(), nb::arg("rhs").none(), "Three-way structural comparison: -1, 0 or 1.");
  m.def("_deepcopy", [](nb::handle value) {
    View v(value);
    TVMFFIAny out;
    Check(TVMFFIDeepCopy(&v.value, &out));
    PyObject* r = AnyOwnedToPy(out);
    if (r == nullptr) throw nb::python_error();
    return nb::steal(r);
  }, nb::arg("value").none(), nb::sig("def _deepcopy(value: typing.Any) -> typing.Any"),
  "A deep copy preserving sharing and cycles (one native call).");
}

}  // namespace tvm_ffi_py
