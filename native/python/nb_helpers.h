/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file nb_helpers.h
 * \brief The checks and conversions the nanobind-bound functions of the
 *        module share: a failed C ABI call or Python API call becomes the
 *        pending Python exception, thrown through nanobind.
 */
#ifndef TVM_FFI_PYTHON_NB_HELPERS_H_
#define TVM_FFI_PYTHON_NB_HELPERS_H_

#include <nanobind/nanobind.h>

#include <string>

#include "module.h"

#include <tvm/ffi/any.h>

namespace tvm_ffi_py {

namespace nb = nanobind;

/*! \brief Raises the pending FFI error of a failed C ABI call (rc != 0) as its Python exception. */
inline void ThrowIfFailed(int rc) {
  if (rc != 0) {
    RaisePythonFromFFIError();
    throw nb::python_error();
  }
}

/*! \brief Takes over a new reference, or throws the pending Python error for NULL. */
inline nb::object StealOrThrow(PyObject* o) {
  if (o == nullptr) throw nb::python_error();
  return nb::steal(o);
}

/*! \brief The Python value of a borrowed Any. */
inline nb::object ViewToObject(const TVMFFIAny& v) { return StealOrThrow(AnyViewToPy(v)); }

/*! \brief The registry record of a type index; KeyError naming the index when there is none. */
inline const TVMFFITypeInfo* RequireType(int32_t type_index) {
  const TVMFFITypeInfo* info = TVMFFIGetTypeInfo(type_index);
  if (info == nullptr) {
    throw nb::key_error(("no type with index " + std::to_string(type_index)).c_str());
  }
  return info;
}

/*! \brief `cls` as a Python-defined (heap) subclass of tvm_ffi.Object; TypeError otherwise. */
inline PyTypeObject* RequireObjectSubclass(nb::handle cls) {
  if (!PyType_Check(cls.ptr()) ||
      !PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(cls.ptr()), g_object_type) ||
      !(reinterpret_cast<PyTypeObject*>(cls.ptr())->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
    throw nb::type_error("expected a Python subclass of tvm_ffi.Object");
  }
  return reinterpret_cast<PyTypeObject*>(cls.ptr());
}

/*! \brief An owned Any of a Python value (converted once), released at scope exit. */
class OwnedAny {
 public:
  explicit OwnedAny(nb::handle value) {
    if (!PyToAnyOwned(value.ptr(), &any_)) throw nb::python_error();
  }
  ~OwnedAny() { tvm::ffi::details::DecRefAny(any_); }
  OwnedAny(const OwnedAny&) = delete;
  OwnedAny& operator=(const OwnedAny&) = delete;
  const TVMFFIAny& get() const { return any_; }

 private:
  TVMFFIAny any_;
};

/*! \brief The native handle of a tvm_ffi.Object; TypeError (naming `what`) otherwise. */
inline TVMFFIObject* RequireHandle(nb::handle obj, const char* what) {
  if (!IsObjectWrapper(obj.ptr())) {
    throw nb::type_error(
        (std::string("expected ") + what + ", got " + Py_TYPE(obj.ptr())->tp_name).c_str());
  }
  TVMFFIObject* h = HandleOf(obj.ptr());
  if (h == nullptr) throw nb::python_error();
  return h;
}

}  // namespace tvm_ffi_py

#endif  // TVM_FFI_PYTHON_NB_HELPERS_H_
