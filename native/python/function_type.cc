/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file function_type.cc
 * \brief Calling native Functions from Python (vectorcall) and Python
 *        callables from native code (a packed trampoline).
 *
 * A call converts its arguments into a stack buffer of borrowed Anys (no heap
 * allocation up to kStackArgs arguments), calls the cell's safe_call
 * directly, and converts the owned result back. The GIL stays held: most
 * calls are short, and callbacks into Python would need it again anyway.
 */
#include <tvm/ffi/any.h>

#include <vector>

#include "module.h"

namespace tvm_ffi_py {

namespace ffi = tvm::ffi;

namespace {

constexpr Py_ssize_t kStackArgs = 8;

bool InterpreterFinalizing() {
#if PY_VERSION_HEX >= 0x030D0000
  return Py_IsFinalizing();
#else
  return _Py_IsFinalizing();
#endif
}

/*! \brief Trampoline: a packed call into a Python callable. */
int PyCallableSafeCall(void* self, const TVMFFIAny* args, int32_t num_args, TVMFFIAny* result) {
  if (!Py_IsInitialized() || InterpreterFinalizing()) {
    TVMFFIErrorSetRaisedFromCStr("RuntimeError", "Python callback called after interpreter shutdown");
    return -1;
  }
  PyGILState_STATE gil = PyGILState_Ensure();
  PyObject* stack[kStackArgs];
  std::vector<PyObject*> heap;
  PyObject** argv = stack;
  if (num_args > kStackArgs) {
    heap.resize(static_cast<size_t>(num_args));
    argv = heap.data();
  }
  int rc = 0;
  int32_t made = 0;
  for (; made < num_args; ++made) {
    argv[made] = AnyViewToPy(args[made]);
    if (argv[made] == nullptr) break;
  }
  if (made == num_args) {
    PyObject* r = PyObject_Vectorcall(static_cast<PyObject*>(self), argv,
                                      static_cast<size_t>(num_args), nullptr);
    if (r == nullptr || !PyToAnyOwned(r, result)) rc = -1;
    Py_XDECREF(r);
  } else {
    rc = -1;
  }
  for (int32_t i = 0; i < made; ++i) Py_DECREF(argv[i]);
  if (rc != 0) SetFFIErrorFromPython();
  PyGILState_Release(gil);
  return rc;
}

PyObject* FunctionVectorcallImpl(PyObject* self, PyObject* const* args, size_t nargsf,
                                 PyObject* kwnames) {
  if (kwnames != nullptr && PyTuple_GET_SIZE(kwnames) != 0) {
    return RaiseTypeError("tvm_ffi Function does not accept keyword arguments");
  }
  TVMFFIObject* h = reinterpret_cast<PyFFIObject*>(self)->handle;
  if (h == nullptr) return RaiseTypeError("calling an uninitialized Function");
  return CallFunctionHandle(h, args, PyVectorcall_NARGS(nargsf));
}

}  // namespace

vectorcallfunc FunctionVectorcall() { return FunctionVectorcallImpl; }

PyObject* CallFunctionHandle(TVMFFIObject* func, PyObject* const* args, Py_ssize_t nargs) {
  TVMFFIAny stack[kStackArgs];
  std::vector<TVMFFIAny> heap;
  TVMFFIAny* packed = stack;
  if (nargs > kStackArgs) {
    heap.resize(static_cast<size_t>(nargs));
    packed = heap.data();
  }
  TempRefs temps;
  for (Py_ssize_t i = 0; i < nargs; ++i) {
    if (!PyToAnyView(args[i], &packed[i], &temps)) return nullptr;
  }
  const auto* cell = reinterpret_cast<const TVMFFIFunctionCell*>(func + 1);
  TVMFFIAny result;
  result.type_index = kTVMFFINone;
  result.zero_padding = 0;
  result.v_int64 = 0;
  if (cell->safe_call(cell->self, packed, static_cast<int32_t>(nargs), &result) != 0) {
    return RaisePythonFromFFIError();
  }
  return AnyOwnedToPy(result);
}

TVMFFIObject* FunctionFromPyCallable(PyObject* callable) {
  TVMFFIObject* out = nullptr;
  Py_INCREF(callable);
  if (TVMFFIFunctionCreate(callable, PyCallableSafeCall, ReleasePyReference, &out) != 0) {
    Py_DECREF(callable);
    RaisePythonFromFFIError();
    return nullptr;
  }
  return out;
}

}  // namespace tvm_ffi_py
