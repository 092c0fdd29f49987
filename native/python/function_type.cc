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
 * allocation up to PackedBuffer::kStackArgs arguments), calls the cell's safe_call
 * directly, and converts the owned result back. The GIL stays held: most
 * calls are short, and callbacks into Python would need it again anyway.
 */
#include <tvm/ffi/any.h>

#include <vector>

#include "module.h"
#include "stack_guard.h"

namespace tvm_ffi_py {

namespace ffi = tvm::ffi;

namespace {

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
    TVMFFIErrorSetRaisedFromCStr("RuntimeError",
                                 "Python callback called after interpreter shutdown");
    return -1;
  }
  PyGILState_STATE gil = PyGILState_Ensure();
  PyObject* stack[PackedBuffer::kStackArgs];
  std::vector<PyObject*> heap;
  PyObject** argv = stack;
  if (num_args > PackedBuffer::kStackArgs) {
    heap.resize(static_cast<size_t>(num_args));
    argv = heap.data();
  }
  int rc = 0;
  int32_t made = 0;
  // Keyword arguments arrive as KWARGS, then name, value pairs: the names go
  // to a kwnames tuple and the values stay in argv, as vectorcall wants them.
  TVMFFIObject* kwargs_marker = TVMFFIGetSentinel(kTVMFFISentinelKwargs);
  int32_t num_pos = 0;
  while (num_pos < num_args &&
         !(args[num_pos].type_index == kTVMFFISentinel && args[num_pos].v_obj == kwargs_marker)) {
    ++num_pos;
  }
  int32_t num_kw = num_pos < num_args ? (num_args - num_pos - 1) / 2 : 0;
  PyObject* kwnames = nullptr;
  if (StackExhausted(" in a callback from C++")) {
    rc = -1;
  } else if (num_pos < num_args && (num_args - num_pos - 1) % 2 != 0) {
    PyErr_SetString(PyExc_TypeError, "keyword arguments after KWARGS must be name, value pairs");
    rc = -1;
  } else if (num_kw > 0) {
    kwnames = PyTuple_New(num_kw);
    if (kwnames == nullptr) rc = -1;
  }
  for (; rc == 0 && made < num_pos + num_kw; ++made) {
    const TVMFFIAny& value = made < num_pos ? args[made] : args[num_pos + 2 + 2 * (made - num_pos)];
    argv[made] = AnyViewToPy(value);
    if (argv[made] == nullptr) {
      rc = -1;
      break;
    }
    if (made >= num_pos) {
      PyObject* name = AnyViewToPy(args[num_pos + 1 + 2 * (made - num_pos)]);
      if (name == nullptr || !PyUnicode_Check(name)) {
        Py_XDECREF(name);
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "keyword names must be str");
        Py_DECREF(argv[made]);
        rc = -1;
        break;
      }
      PyTuple_SET_ITEM(kwnames, made - num_pos, name);
    }
  }
  if (rc == 0) {
    PyObject* r = PyObject_Vectorcall(static_cast<PyObject*>(self), argv,
                                      static_cast<size_t>(num_pos), kwnames);
    if (r == nullptr || !PyToAnyOwned(r, result)) rc = -1;
    Py_XDECREF(r);
  }
  Py_XDECREF(kwnames);
  for (int32_t i = 0; i < made; ++i) Py_DECREF(argv[i]);
  if (rc != 0) SetFFIErrorFromPython();
  PyGILState_Release(gil);
  return rc;
}

PyObject* FunctionVectorcallImpl(PyObject* self, PyObject* const* args, size_t nargsf,
                                 PyObject* kwnames) {
  TVMFFIObject* h = reinterpret_cast<PyFFIObject*>(self)->handle;
  if (h == nullptr) return RaiseTypeError("calling an uninitialized Function");
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (nargs == 0 && kwnames == nullptr) {
    // No arguments: nothing to convert, so no buffer and no temporaries.
    const auto* cell = reinterpret_cast<const TVMFFIFunctionCell*>(h + 1);
    TVMFFIAny result;
    result.type_index = kTVMFFINone;
    result.zero_padding = 0;
    result.v_int64 = 0;
    if (cell->safe_call(cell->self, nullptr, 0, &result) != 0) return RaisePythonFromFFIError();
    return AnyOwnedToPy(result);
  }
  return CallFunctionHandle(h, args, nargs, kwnames);
}

}  // namespace

vectorcallfunc FunctionVectorcall() { return FunctionVectorcallImpl; }

PyObject* WrappedPyCallable(const TVMFFIObject* func) {
  if (func->type_index != kTVMFFIFunction) return nullptr;
  const auto* cell = reinterpret_cast<const TVMFFIFunctionCell*>(func + 1);
  return cell->safe_call == PyCallableSafeCall ? static_cast<PyObject*>(cell->self) : nullptr;
}

namespace {

/*!
 * \brief Says which argument a conversion overflowed on (a Python int, or
 * what an __index__ returned, too large for 64 bits): the message alone
 * cannot tell the caller. `name` is the keyword, or NULL for position `i`.
 */
bool NameOverflowingArgument(Py_ssize_t i, PyObject* name) {
  if (!PyErr_ExceptionMatches(PyExc_OverflowError)) return false;
  PyObject *type, *value, *traceback;
  PyErr_Fetch(&type, &value, &traceback);
  PyErr_NormalizeException(&type, &value, &traceback);
  if (name != nullptr) {
    PyErr_Format(PyExc_OverflowError, "argument '%U': %S", name, value);
  } else {
    PyErr_Format(PyExc_OverflowError, "argument #%zd: %S", i, value);
  }
  Py_XDECREF(type);
  Py_XDECREF(value);
  Py_XDECREF(traceback);
  return false;
}

}  // namespace

bool PackArgs(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, PackedBuffer* out) {
  Py_ssize_t nkw = kwnames == nullptr ? 0 : PyTuple_GET_SIZE(kwnames);
  // Keyword arguments travel as KWARGS, then name, value, name, value...
  Py_ssize_t total = nargs + (nkw == 0 ? 0 : 1 + 2 * nkw);
  if (total > static_cast<Py_ssize_t>(INT32_MAX)) {
    PyErr_SetString(PyExc_OverflowError, "too many arguments");
    return false;
  }
  out->values = out->stack;
  if (total > PackedBuffer::kStackArgs) {
    out->heap.resize(static_cast<size_t>(total));
    out->values = out->heap.data();
  }
  out->size = static_cast<int32_t>(total);
  for (Py_ssize_t i = 0; i < nargs; ++i) {
    if (!PyToAnyView(args[i], &out->values[i], &out->temps))
      return NameOverflowingArgument(i, nullptr);
  }
  if (nkw != 0) {
    TVMFFIAny* kw = out->values + nargs;
    kw->type_index = kTVMFFISentinel;
    kw->zero_padding = 0;
    kw->v_obj = TVMFFIGetSentinel(kTVMFFISentinelKwargs);
    for (Py_ssize_t k = 0; k < nkw; ++k) {
      PyObject* name = PyTuple_GET_ITEM(kwnames, k);
      if (!PyToAnyView(name, &kw[1 + 2 * k], &out->temps)) return false;
      if (!PyToAnyView(args[nargs + k], &kw[2 + 2 * k], &out->temps)) {
        return NameOverflowingArgument(nargs + k, name);
      }
    }
  }
  return true;
}

bool CallFunctionRaw(TVMFFIObject* func, const PackedBuffer& packed, TVMFFIAny* result) {
  const auto* cell = reinterpret_cast<const TVMFFIFunctionCell*>(func + 1);
  result->type_index = kTVMFFINone;
  result->zero_padding = 0;
  result->v_int64 = 0;
  if (cell->safe_call(cell->self, packed.values, packed.size, result) != 0) {
    RaisePythonFromFFIError();
    return false;
  }
  return true;
}

PyObject* CallFunctionHandle(TVMFFIObject* func, PyObject* const* args, Py_ssize_t nargs,
                             PyObject* kwnames) {
  PackedBuffer packed;
  if (!PackArgs(args, nargs, kwnames, &packed)) return nullptr;
  TVMFFIAny result;
  if (!CallFunctionRaw(func, packed, &result)) return nullptr;
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
