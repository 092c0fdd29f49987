/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file convert.cc
 * \brief Python value <-> TVMFFIAny. The only place this conversion is written.
 *
 * Python -> Any produces a *view*: objects are borrowed from their wrappers,
 * long strings are passed as borrowed UTF-8 pointers, and anything that had
 * to be created (an Array from a list, a Function from a callable, an opaque
 * handle) is recorded in TempRefs and released after the call. An owned
 * value is the view copied (CopyViewToOwned) before the temporaries go.
 *
 * Any -> Python makes plain Python values for value kinds (int, float, str,
 * bytes, None, bool) and wrappers for objects (the live one if there is one).
 */
#include <tvm/ffi/any.h>

#include <string>
#include <vector>

#include "module.h"
#include "stack_guard.h"

namespace tvm_ffi_py {

namespace ffi = tvm::ffi;

void TempRefs::Clear() {
  for (int i = 0; i < n_; ++i) ffi::details::DecRef(inline_[i]);
  n_ = 0;
  for (TVMFFIObject* o : spill_) ffi::details::DecRef(o);
  spill_.clear();
}

namespace {

PyObject* g_c_void_p = nullptr;  // ctypes.c_void_p, imported lazily

PyObject* CVoidP() {
  if (g_c_void_p == nullptr) {
    PyObject* ctypes = PyImport_ImportModule("ctypes");
    if (ctypes == nullptr) return nullptr;
    g_c_void_p = PyObject_GetAttrString(ctypes, "c_void_p");
    Py_DECREF(ctypes);
  }
  return g_c_void_p;
}

inline void SetPOD(TVMFFIAny* out, int32_t index, int64_t v) {
  out->type_index = index;
  out->zero_padding = 0;
  out->v_int64 = v;
}

inline void SetObject(TVMFFIAny* out, TVMFFIObject* h) {
  out->type_index = h->type_index;
  out->zero_padding = 0;
  out->v_obj = h;
}

/*! \brief Takes the FFI error from a failed C call and raises it in Python. */
bool FailFromFFI() {
  RaisePythonFromFFIError();
  return false;
}

bool MakeOpaque(PyObject* value, TVMFFIAny* out, TempRefs* temps) {
  TVMFFIObject* h = NewOpaqueObject(value);
  if (h == nullptr) return false;
  temps->Add(h);
  SetObject(out, h);
  return true;
}

bool StrToAny(PyObject* value, TVMFFIAny* out, TempRefs* temps) {
  if (SmallAsciiToAny(value, out)) return true;
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(value, &size);
  if (data == nullptr) return false;
  if (size <= TVM_FFI_SMALL_STR_MAX) {
    out->type_index = kTVMFFISmallStr;
    out->small_len = static_cast<uint32_t>(size);
    out->v_int64 = 0;
    std::memcpy(out->v_bytes, data, static_cast<size_t>(size));
    return true;
  }
  // The UTF-8 buffer is cached in the str object and NUL-terminated, so it can
  // travel as a borrowed C string unless it has an embedded NUL.
  if (std::memchr(data, 0, static_cast<size_t>(size)) == nullptr) {
    out->type_index = kTVMFFIRawStr;
    out->zero_padding = 0;
    out->v_c_str = data;
    return true;
  }
  TVMFFIByteArray bytes{data, static_cast<size_t>(size)};
  TVMFFIObject* h = nullptr;
  if (TVMFFIStringFromByteArray(&bytes, &h) != 0) return FailFromFFI();
  temps->Add(h);
  SetObject(out, h);
  return true;
}

bool BytesToAny(PyObject* value, TVMFFIAny* out, TempRefs* temps) {
  char* data = nullptr;
  Py_ssize_t size = 0;
  if (PyBytes_AsStringAndSize(value, &data, &size) != 0) return false;
  if (size <= TVM_FFI_SMALL_STR_MAX) {
    out->type_index = kTVMFFISmallBytes;
    out->small_len = static_cast<uint32_t>(size);
    out->v_int64 = 0;
    std::memcpy(out->v_bytes, data, static_cast<size_t>(size));
    return true;
  }
  TVMFFIByteArray bytes{data, static_cast<size_t>(size)};
  TVMFFIObject* h = nullptr;
  if (TVMFFIBytesFromByteArray(&bytes, &h) != 0) return FailFromFFI();
  temps->Add(h);
  SetObject(out, h);
  return true;
}

}  // namespace

namespace {

/*!
 * \brief Counts the nesting of container conversions on this thread.
 *
 * Our own depth, capped at the interpreter's recursion limit, rather than
 * Py_EnterRecursiveCall: from 3.12 that counts against the C recursion
 * limit (10,000 on 3.13), deeper than these frames fit in the stack of an
 * instrumented (ASan) build. A RecursionError either way.
 */
class ConversionDepth {
 public:
  explicit ConversionDepth(const char* where) {
    if (++depth_ > Py_GetRecursionLimit()) {
      PyErr_Format(PyExc_RecursionError, "maximum recursion depth exceeded%s", where);
      ok_ = false;
    } else if (StackExhausted(where)) {  // a raised limit is no licence to overflow
      ok_ = false;
    }
  }
  ~ConversionDepth() { --depth_; }
  ConversionDepth(const ConversionDepth&) = delete;
  ConversionDepth& operator=(const ConversionDepth&) = delete;
  bool ok() const { return ok_; }

 private:
  static thread_local int depth_;
  bool ok_ = true;
};

thread_local int ConversionDepth::depth_ = 0;

}  // namespace

/*! \brief list/tuple -> a new Array or List. Elements convert recursively. */
bool SequenceToSeq(PyObject* value, int32_t type_index, TVMFFIAny* out, TempRefs* temps) {
  PyObject* fast = PySequence_Fast(value, "expected a sequence");
  if (fast == nullptr) return false;
  Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
  PyObject** items = PySequence_Fast_ITEMS(fast);
  std::vector<TVMFFIAny> views(static_cast<size_t>(n));
  TempRefs item_temps;
  bool ok = true;
  {
    ConversionDepth depth(" while converting a sequence");
    ok = depth.ok();
    for (Py_ssize_t i = 0; ok && i < n; ++i) ok = PyToAnyView(items[i], &views[i], &item_temps);
  }
  TVMFFIObject* h = nullptr;
  // `fast` keeps the items (and the str buffers the views point into) alive.
  int rc = ok ? TVMFFISeqCreate(type_index, views.data(), n, &h) : 0;
  Py_DECREF(fast);
  if (!ok) return false;
  if (rc != 0) return FailFromFFI();
  temps->Add(h);
  SetObject(out, h);
  return true;
}

/*! \brief dict -> a new Map or Dict. */
bool DictToMapKind(PyObject* value, int32_t type_index, TVMFFIAny* out, TempRefs* temps) {
  Py_ssize_t n = PyDict_GET_SIZE(value);
  std::vector<TVMFFIAny> keys(static_cast<size_t>(n)), values(static_cast<size_t>(n));
  TempRefs item_temps;
  Py_ssize_t pos = 0, i = 0;
  PyObject *k, *v;
  bool ok = true;
  {
    ConversionDepth depth(" while converting a dict");
    ok = depth.ok();
    while (ok && PyDict_Next(value, &pos, &k, &v)) {
      ok = PyToAnyView(k, &keys[i], &item_temps) && PyToAnyView(v, &values[i], &item_temps);
      ++i;
    }
  }
  if (!ok) return false;
  TVMFFIObject* h = nullptr;
  if (TVMFFIMapCreate(type_index, keys.data(), values.data(), i, &h) != 0) return FailFromFFI();
  temps->Add(h);
  SetObject(out, h);
  return true;
}

namespace {

PyObject* DecodeStr(const char* data, size_t n) {
  return PyUnicode_DecodeUTF8(data, static_cast<Py_ssize_t>(n), "surrogateescape");
}

/*!
 * \brief Recently made Python strs of small strings (at most 7 bytes, held
 * inline in an Any), by their bytes: a str field read, or a name coming
 * back from C++, is then an increment instead of a decode and an
 * allocation. Python strs are immutable, so sharing one is safe (CPython
 * caches its one-character strs the same way). Direct-mapped; a miss
 * replaces the entry.
 */
struct SmallStrCacheEntry {
  uint64_t bytes;
  uint32_t len;
  PyObject* str;  // a strong reference, or NULL
};
SmallStrCacheEntry g_small_str_cache[256];

PyObject* SmallStrToPy(const TVMFFIAny& v) {
  if (v.small_len > TVM_FFI_SMALL_STR_MAX) {  // not made by us: decode what is there, no more
    return DecodeStr(v.v_bytes, TVM_FFI_SMALL_STR_MAX);
  }
  uint64_t bytes = 0;
  std::memcpy(&bytes, v.v_bytes, v.small_len);  // the bytes past len are not part of the key
  uint64_t h = (bytes ^ (bytes >> 29) ^ v.small_len) * 0x9E3779B97F4A7C15ull;
  SmallStrCacheEntry& e = g_small_str_cache[h >> 56];
  if (e.str != nullptr && e.bytes == bytes && e.len == v.small_len) {
    Py_INCREF(e.str);
    return e.str;
  }
  PyObject* str = DecodeStr(v.v_bytes, v.small_len);
  if (str == nullptr) return nullptr;
  Py_INCREF(str);
  Py_XSETREF(e.str, str);
  e.bytes = bytes;
  e.len = v.small_len;
  return str;
}

}  // namespace

void ReleasePyReference(void* obj) {
  if (!Py_IsInitialized()) return;
  PyGILState_STATE gil = PyGILState_Ensure();
  Py_DECREF(static_cast<PyObject*>(obj));
  PyGILState_Release(gil);
}

TVMFFIObject* NewOpaqueObject(PyObject* value) {
  const char* name = Py_TYPE(value)->tp_name;
  TVMFFIByteArray type_name{name, std::strlen(name)};
  TVMFFIObject* h = nullptr;
  Py_INCREF(value);
  if (TVMFFIOpaqueObjectCreate(value, ReleasePyReference, &type_name, &h) != 0) {
    Py_DECREF(value);
    RaisePythonFromFFIError();
    return nullptr;
  }
  return h;
}

bool PyToAnyView(PyObject* value, TVMFFIAny* out, TempRefs* temps) {
  PyTypeObject* tp = Py_TYPE(value);
  // Most frequent kinds first; exact type checks are a pointer compare.
  if (tp == &PyLong_Type) {
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (overflow == 0) {
      SetPOD(out, kTVMFFIInt, v);
      return true;
    }
  }
  // Exact floats and strs before the subtype walk below, which costs a scan
  // of the type's MRO (they are the next most common arguments).
  if (tp == &PyFloat_Type) {
    out->type_index = kTVMFFIFloat;
    out->zero_padding = 0;
    out->v_float64 = PyFloat_AS_DOUBLE(value);
    return true;
  }
  if (tp == &PyUnicode_Type) return StrToAny(value, out, temps);
  if (PyType_IsSubtype(tp, g_object_type)) {
    TVMFFIObject* h = HandleOf(value);
    if (h == nullptr) return false;
    SetObject(out, h);
    return true;
  }
  if (value == Py_None) {
    SetPOD(out, kTVMFFINone, 0);
    return true;
  }
  if (tp == &PyBool_Type) {
    SetPOD(out, kTVMFFIBool, value == Py_True ? 1 : 0);
    return true;
  }
  if (PyLong_Check(value)) {
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (overflow != 0) {
      PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to a 64-bit integer");
      return false;
    }
    if (v == -1 && PyErr_Occurred()) return false;
    SetPOD(out, kTVMFFIInt, v);
    return true;
  }
  if (PyFloat_Check(value)) {
    out->type_index = kTVMFFIFloat;
    out->zero_padding = 0;
    out->v_float64 = PyFloat_AS_DOUBLE(value);
    return true;
  }
  if (PyUnicode_Check(value)) return StrToAny(value, out, temps);
  if (PyBytes_Check(value)) return BytesToAny(value, out, temps);
  if (PyList_Check(value) || PyTuple_Check(value)) {
    return SequenceToSeq(value, kTVMFFIArray, out, temps);
  }
  if (PyDict_Check(value)) return DictToMapKind(value, kTVMFFIMap, out, temps);
  if (PyCallable_Check(value) && !PyType_Check(value)) {
    TVMFFIObject* h = FunctionFromPyCallable(value);
    if (h == nullptr) return false;
    temps->Add(h);
    SetObject(out, h);
    return true;
  }
  if (PyObject* c_void_p = CVoidP(); c_void_p != nullptr && PyObject_TypeCheck(value, reinterpret_cast<PyTypeObject*>(c_void_p))) {
    PyObject* addr = PyObject_GetAttrString(value, "value");
    if (addr == nullptr) return false;
    void* p = addr == Py_None ? nullptr : PyLong_AsVoidPtr(addr);
    Py_DECREF(addr);
    if (PyErr_Occurred()) return false;
    out->type_index = p ? kTVMFFIOpaquePtr : kTVMFFINone;
    out->zero_padding = 0;
    out->v_ptr = p;
    return true;
  }
  PyErr_Clear();  // CVoidP() may have failed to import; opaque handles still work
  return MakeOpaque(value, out, temps);
}

bool PyToAnyOwned(PyObject* value, TVMFFIAny* out) {
  TempRefs temps;
  TVMFFIAny view;
  if (!PyToAnyView(value, &view, &temps)) return false;
  try {
    *out = ffi::details::CopyViewToOwned(view);
  } catch (const ffi::Error& e) {
    ffi::details::SetRaised(e);
    return FailFromFFI();
  }
  return true;
}

PyObject* g_small_ints[262];

bool InitSmallInts() {
  for (int64_t v = -5; v <= 256; ++v) {
    g_small_ints[v + 5] = PyLong_FromLongLong(v);  // the interpreter's own cached objects
    if (g_small_ints[v + 5] == nullptr) return false;
  }
  return true;
}

namespace {

/*!
 * \brief An object index that no type has, or no object: a broken value from
 * a foreign C function. Sets TypeError, before anything reads through the
 * pointer.
 */
bool IsBrokenObject(const TVMFFIAny& v) {
  if (v.v_obj != nullptr && (v.type_index < kTVMFFIStaticObjectEnd ||
                             TVMFFIGetTypeInfo(v.type_index) != nullptr)) {
    return false;
  }
  PyErr_Format(PyExc_TypeError, "cannot convert a value of type index %d to Python: %s",
               v.type_index,
               v.v_obj == nullptr ? "it carries no object" : "no type is registered with it");
  return true;
}

}  // namespace

PyObject* AnyViewToPy(const TVMFFIAny& v) {
  switch (v.type_index) {
    case kTVMFFINone:
      Py_RETURN_NONE;
    case kTVMFFIInt:
      return BoxInt64(v.v_int64);
    case kTVMFFIBool:
      return PyBool_FromLong(v.v_int64 != 0);
    case kTVMFFIFloat:
      return PyFloat_FromDouble(v.v_float64);
    case kTVMFFISmallStr:
      return SmallStrToPy(v);
    case kTVMFFIRawStr:
      return DecodeStr(v.v_c_str, std::strlen(v.v_c_str));
    case kTVMFFISmallBytes:
      return PyBytes_FromStringAndSize(v.v_bytes, v.small_len);
    case kTVMFFIOpaquePtr: {
      PyObject* c_void_p = CVoidP();
      if (c_void_p == nullptr) return nullptr;
      return PyObject_CallFunction(c_void_p, "K", static_cast<unsigned long long>(
                                                      reinterpret_cast<uintptr_t>(v.v_ptr)));
    }
    default:
      break;
  }
  if (v.type_index < kTVMFFIStaticObjectBegin) {
    PyErr_Format(PyExc_TypeError, "cannot convert a value of type index %d to Python",
                 v.type_index);
    return nullptr;
  }
  if (IsBrokenObject(v)) return nullptr;
  TVMFFIObject* h = v.v_obj;
  switch (h->type_index) {
    case kTVMFFIStr: {
      const auto* cell = reinterpret_cast<const TVMFFIBytesCell*>(h + 1);
      return DecodeStr(cell->bytes.data, cell->bytes.size);
    }
    case kTVMFFIBytes: {
      const auto* cell = reinterpret_cast<const TVMFFIBytesCell*>(h + 1);
      return PyBytes_FromStringAndSize(cell->bytes.data,
                                       static_cast<Py_ssize_t>(cell->bytes.size));
    }
    case kTVMFFIOpaquePyObject: {
      auto* obj = static_cast<PyObject*>(reinterpret_cast<const TVMFFIOpaqueObjectCell*>(h + 1)->handle);
      Py_INCREF(obj);
      return obj;
    }
    default:
      ffi::details::IncRef(h);
      return WrapOwnedObject(h);
  }
}

PyObject* AnyOwnedToPy(TVMFFIAny v) {
  if (v.type_index >= kTVMFFIStaticObjectBegin) {
    if (IsBrokenObject(v)) return nullptr;  // leaked: releasing it would read through it
    TVMFFIObject* h = v.v_obj;
    switch (h->type_index) {
      case kTVMFFIStr:
      case kTVMFFIBytes:
      case kTVMFFIOpaquePyObject: {
        PyObject* r = AnyViewToPy(v);
        ffi::details::DecRef(h);
        return r;
      }
      default:
        return WrapOwnedObject(h);  // takes over the reference
    }
  }
  return AnyViewToPy(v);
}

std::string AnyTypeName(const TVMFFIAny& v) { return ffi::details::AnyTypeName(v); }

}  // namespace tvm_ffi_py
