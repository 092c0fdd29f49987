/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file error_bridge.cc
 * \brief Errors crossing between Python exceptions and FFI Error objects.
 *
 * An error keeps its kind across the boundary: the kind string names the
 * exception class ("ValueError"), looked up in a table that register_error
 * extends. A Python exception that travels through C++ also carries the
 * original exception object as the Error's payload, so when it surfaces in
 * Python again it is re-raised as the very same object, with its traceback.
 */
#include <tvm/ffi/any.h>

#include <string>
#include <unordered_map>

#include "module.h"

namespace tvm_ffi_py {

namespace ffi = tvm::ffi;

namespace {

struct ErrorTables {
  std::unordered_map<std::string, PyObject*> kind_to_class;  // strong refs
  std::unordered_map<PyObject*, std::string> class_to_kind;

  ErrorTables() {
    const std::pair<const char*, PyObject*> builtin[] = {
        {"RuntimeError", PyExc_RuntimeError},
        {"ValueError", PyExc_ValueError},
        {"TypeError", PyExc_TypeError},
        {"AttributeError", PyExc_AttributeError},
        {"KeyError", PyExc_KeyError},
        {"IndexError", PyExc_IndexError},
        {"AssertionError", PyExc_AssertionError},
        {"MemoryError", PyExc_MemoryError},
        {"NotImplementedError", PyExc_NotImplementedError},
        {"OverflowError", PyExc_OverflowError},
        {"ZeroDivisionError", PyExc_ZeroDivisionError},
        {"RecursionError", PyExc_RecursionError},
        {"KeyboardInterrupt", PyExc_KeyboardInterrupt},
        {"SystemExit", PyExc_SystemExit},
    };
    for (const auto& [kind, cls] : builtin) Register(kind, cls);
  }

  void Register(const std::string& kind, PyObject* cls) {
    Py_INCREF(cls);
    auto it = kind_to_class.find(kind);
    if (it != kind_to_class.end()) Py_DECREF(it->second);
    kind_to_class[kind] = cls;
    class_to_kind[cls] = kind;
  }
};

ErrorTables& Tables() {
  static ErrorTables* t = new ErrorTables();  // never destroyed: holds Python refs
  return *t;
}

std::string ToStdString(PyObject* s) {
  Py_ssize_t n = 0;
  const char* data = s ? PyUnicode_AsUTF8AndSize(s, &n) : nullptr;
  if (data == nullptr) {
    PyErr_Clear();
    return "<unprintable>";
  }
  return std::string(data, static_cast<size_t>(n));
}

/*! \brief The formatted Python traceback frames of `tb` ("" when none). */
std::string FormatTraceback(PyObject* tb) {
  if (tb == nullptr) return "";
  PyObject* mod = PyImport_ImportModule("traceback");
  if (mod == nullptr) {
    PyErr_Clear();
    return "";
  }
  PyObject* lines = PyObject_CallMethod(mod, "format_tb", "O", tb);
  Py_DECREF(mod);
  if (lines == nullptr) {
    PyErr_Clear();
    return "";
  }
  std::string out;
  PyObject* sep = PyUnicode_FromString("");
  PyObject* joined = sep ? PyUnicode_Join(sep, lines) : nullptr;
  Py_XDECREF(sep);
  Py_DECREF(lines);
  out = ToStdString(joined);
  Py_XDECREF(joined);
  return out;
}

void AddNote(PyObject* exc, const std::string& note) {
  PyObject* text =
      PyUnicode_DecodeUTF8(note.data(), static_cast<Py_ssize_t>(note.size()), "replace");
  PyObject* r = text != nullptr ? PyObject_CallMethod(exc, "add_note", "O", text) : nullptr;
  if (r == nullptr) PyErr_Clear();  // Python < 3.11 has no notes
  Py_XDECREF(r);
  Py_XDECREF(text);
}

}  // namespace

void RegisterErrorKind(const std::string& kind, PyObject* cls) { Tables().Register(kind, cls); }

std::string ErrorKindOf(PyObject* exc_type) {
  ErrorTables& t = Tables();
  auto it = t.class_to_kind.find(exc_type);
  if (it != t.class_to_kind.end()) return it->second;
  return reinterpret_cast<PyTypeObject*>(exc_type)->tp_name;
}

PyObject* RaisePythonFromFFIError() {
  TVMFFIObject* err = nullptr;
  TVMFFIErrorMoveFromRaised(&err);
  if (err == nullptr) {
    PyErr_SetString(PyExc_RuntimeError, "a native call failed without raising an error");
    return nullptr;
  }
  const auto* cell = reinterpret_cast<const TVMFFIErrorCell*>(err + 1);
  // Came from Python: re-raise the very same exception object.
  if (cell->payload.type_index == kTVMFFIOpaquePyObject) {
    auto* exc = static_cast<PyObject*>(
        reinterpret_cast<const TVMFFIOpaqueObjectCell*>(cell->payload.v_obj + 1)->handle);
    if (PyExceptionInstance_Check(exc)) {
      PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc)), exc);
      ffi::details::DecRef(err);
      return nullptr;
    }
  }
  std::string kind(cell->kind.data, cell->kind.size);
  std::string message(cell->message.data, cell->message.size);
  std::string backtrace(cell->backtrace.data, cell->backtrace.size);
  ffi::details::DecRef(err);

  ErrorTables& t = Tables();
  auto it = t.kind_to_class.find(kind);
  PyObject* cls = it != t.kind_to_class.end() ? it->second : PyExc_RuntimeError;
  if (it == t.kind_to_class.end()) message = kind + ": " + message;
  // C++ may put any bytes in a message: undecodable ones are replaced, so
  // the kind and message survive (a UnicodeDecodeError here would lose both).
  PyObject* text =
      PyUnicode_DecodeUTF8(message.data(), static_cast<Py_ssize_t>(message.size()), "replace");
  if (text == nullptr) return nullptr;
  PyObject* exc = PyObject_CallOneArg(cls, text);
  Py_DECREF(text);
  if (exc == nullptr) return nullptr;
  if (!backtrace.empty()) AddNote(exc, "Native traceback (most recent call last):\n" + backtrace);
  PyErr_SetObject(cls, exc);
  Py_DECREF(exc);
  return nullptr;
}

namespace {

/*! \brief `ffi.ErrorPayloadBacktrace(payload)`: the traceback of a Python exception payload. */
int RenderPayloadBacktrace(void*, const TVMFFIAny* args, int32_t num_args, TVMFFIAny* result) {
  if (num_args != 1 || args[0].type_index != kTVMFFIOpaquePyObject || !Py_IsInitialized()) {
    result->type_index = kTVMFFINone;  // not ours to render: no text
    result->zero_padding = 0;
    result->v_int64 = 0;
    return 0;
  }
  PyGILState_STATE gil = PyGILState_Ensure();
  // C++ may ask while a Python error is pending on this thread: keep it.
  PyObject *pending_type = nullptr, *pending_value = nullptr, *pending_tb = nullptr;
  PyErr_Fetch(&pending_type, &pending_value, &pending_tb);
  auto* exc = static_cast<PyObject*>(
      reinterpret_cast<const TVMFFIOpaqueObjectCell*>(args[0].v_obj + 1)->handle);
  PyObject* tb = PyExceptionInstance_Check(exc) ? PyException_GetTraceback(exc) : nullptr;
  std::string text = FormatTraceback(tb);
  Py_XDECREF(tb);
  PyErr_Restore(pending_type, pending_value, pending_tb);
  TVMFFIByteArray bytes{text.data(), text.size()};
  TVMFFIObject* str = nullptr;
  int rc = TVMFFIStringFromByteArray(&bytes, &str);
  if (rc == 0) {
    result->type_index = kTVMFFIStr;
    result->zero_padding = 0;
    result->v_obj = str;
  }
  PyGILState_Release(gil);
  return rc;
}

}  // namespace

bool RegisterPayloadBacktraceRenderer() {
  TVMFFIObject* fn = nullptr;
  if (TVMFFIFunctionCreate(nullptr, RenderPayloadBacktrace, nullptr, &fn) != 0) return false;
  static const char kName[] = "ffi.ErrorPayloadBacktrace";
  TVMFFIByteArray name{kName, sizeof(kName) - 1};
  int rc = TVMFFIFunctionSetGlobal(&name, fn, 1);
  ffi::details::DecRef(fn);
  return rc == 0;
}

void SetFFIErrorFromPython() {
  PyObject *type = nullptr, *value = nullptr, *tb = nullptr;
  PyErr_Fetch(&type, &value, &tb);
  if (type == nullptr) {
    TVMFFIErrorSetRaisedFromCStr("RuntimeError", "unknown Python error");
    return;
  }
  PyErr_NormalizeException(&type, &value, &tb);
  if (tb != nullptr && value != nullptr) PyException_SetTraceback(value, tb);
  std::string kind = ErrorKindOf(type);
  PyObject* str = value ? PyObject_Str(value) : nullptr;
  if (str == nullptr) PyErr_Clear();
  std::string message = ToStdString(str);
  Py_XDECREF(str);
  TVMFFIObject* payload_obj = nullptr;
  TVMFFIAny payload;
  payload.type_index = kTVMFFINone;
  payload.zero_padding = 0;
  payload.v_int64 = 0;
  if (value != nullptr) {
    payload_obj = NewOpaqueObject(value);
    if (payload_obj != nullptr) {
      payload.type_index = kTVMFFIOpaquePyObject;
      payload.v_obj = payload_obj;
    } else {
      PyErr_Clear();  // the error still travels, without its Python object
    }
  }
  // The exception object keeps its own traceback, which grows as it travels;
  // formatting it at every crossing cost O(depth^2). With the object aboard,
  // the text is rendered only when C++ asks (Error::backtrace).
  std::string backtrace = payload_obj != nullptr ? std::string() : FormatTraceback(tb);
  TVMFFIByteArray k{kind.data(), kind.size()}, m{message.data(), message.size()},
      b{backtrace.data(), backtrace.size()};
  TVMFFIObject* err = nullptr;
  if (TVMFFIErrorCreate(&k, &m, &b, &payload, &err) == 0) {
    TVMFFIErrorSetRaised(err);
    ffi::details::DecRef(err);
  }
  if (payload_obj != nullptr) ffi::details::DecRef(payload_obj);
  Py_XDECREF(type);
  Py_XDECREF(value);
  Py_XDECREF(tb);
}

}  // namespace tvm_ffi_py
