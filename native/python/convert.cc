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
 * Python's own kinds are tried first, exact types before subtypes; foreign
 * values come after them (numpy scalars and other numbers, the
 * __tvm_ffi_object__/__tvm_ffi_opaque_ptr__/__tvm_ffi_value__ protocols),
 * so they add nothing to the common paths.
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

PyObject* ImportedOnce(PyObject** slot, const char* module, const char* name) {
  if (*slot == nullptr) {
    PyObject* mod = PyImport_ImportModule(module);
    if (mod == nullptr) return nullptr;
    *slot = PyObject_GetAttrString(mod, name);
    Py_DECREF(mod);
  }
  return *slot;
}

namespace {

PyObject* CVoidP() {
  static PyObject* c_void_p = nullptr;
  return ImportedOnce(&c_void_p, "ctypes", "c_void_p");
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

namespace {

/*! \brief A pointer as an opaque-pointer Any; NULL travels as None (as c_void_p(None) does). */
inline void SetPointer(TVMFFIAny* out, void* p) {
  out->type_index = p ? kTVMFFIOpaquePtr : kTVMFFINone;
  out->zero_padding = 0;
  out->v_ptr = p;
}

/*! \brief What a conversion step did with a value it may not apply to. */
enum class Step { kNotMine, kDone, kFailed };

/*! \brief The conversion protocols a class may define, by their method names. */
struct ProtocolNames {
  PyObject* ffi_object = nullptr;      // __tvm_ffi_object__
  PyObject* ffi_value = nullptr;       // __tvm_ffi_value__
  PyObject* ffi_opaque_ptr = nullptr;  // __tvm_ffi_opaque_ptr__
};
ProtocolNames g_protocol_names;

/*!
 * \brief The interned protocol name in `*slot`, made on first use; NULL when
 * it could not be made (no error is left set: the protocol is then unseen).
 */
PyObject* ProtocolName(PyObject** slot, const char* name) {
  if (*slot == nullptr) {
    *slot = PyUnicode_InternFromString(name);
    if (*slot == nullptr) PyErr_Clear();
  }
  return *slot;
}

/*!
 * \brief Whether the value's class defines the protocol method `name`.
 * Looked up on the class, as Python looks up special methods, so an
 * instance attribute of that name changes nothing; sets no error.
 */
bool HasProtocol(PyObject* value, PyObject** slot, const char* name) {
  PyObject* interned = ProtocolName(slot, name);
  return interned != nullptr && _PyType_Lookup(Py_TYPE(value), interned) != nullptr;
}

/*!
 * \brief `__tvm_ffi_object__()`: the value travels as the Object it returns,
 * which must be a tvm_ffi.Object (held in `temps`: it may be a temporary).
 */
Step FfiObjectProtocolToAny(PyObject* value, TVMFFIAny* out, TempRefs* temps) {
  if (!HasProtocol(value, &g_protocol_names.ffi_object, "__tvm_ffi_object__")) {
    return Step::kNotMine;
  }
  PyObject* result = PyObject_CallMethodNoArgs(value, g_protocol_names.ffi_object);
  if (result == nullptr) return Step::kFailed;
  if (!IsObjectWrapper(result)) {
    PyErr_Format(PyExc_TypeError, "%s.__tvm_ffi_object__() must return a tvm_ffi.Object, got %s",
                 Py_TYPE(value)->tp_name, Py_TYPE(result)->tp_name);
    Py_DECREF(result);
    return Step::kFailed;
  }
  TVMFFIObject* h = HandleOf(result);
  if (h != nullptr) {
    ffi::details::IncRef(h);
    temps->Add(h);
    SetObject(out, h);
  }
  Py_DECREF(result);
  return h == nullptr ? Step::kFailed : Step::kDone;
}

/*!
 * \brief `__tvm_ffi_value__()`: the value travels as whatever the result
 * converts to (the result may use the protocol again; a chain that never
 * ends is a RecursionError). The result is copied into an owned Any held in
 * `temps`: the returned Python value dies here, and a view could point into it.
 */
Step FfiValueProtocolToAny(PyObject* value, TVMFFIAny* out, TempRefs* temps) {
  if (!HasProtocol(value, &g_protocol_names.ffi_value, "__tvm_ffi_value__")) {
    return Step::kNotMine;
  }
  ConversionDepth depth(" while converting what __tvm_ffi_value__() returned");
  if (!depth.ok()) return Step::kFailed;
  PyObject* result = PyObject_CallMethodNoArgs(value, g_protocol_names.ffi_value);
  if (result == nullptr) return Step::kFailed;
  TVMFFIAny owned;
  bool ok = PyToAnyOwned(result, &owned);
  Py_DECREF(result);
  if (!ok) return Step::kFailed;
  if (owned.type_index >= kTVMFFIStaticObjectBegin) temps->Add(owned.v_obj);  // takes the reference
  *out = owned;
  return Step::kDone;
}

/*!
 * \brief `__tvm_ffi_opaque_ptr__()`: the value travels as the opaque pointer
 * at the address it returns (an int, or anything with __index__).
 */
Step OpaquePtrProtocolToAny(PyObject* value, TVMFFIAny* out) {
  if (!HasProtocol(value, &g_protocol_names.ffi_opaque_ptr, "__tvm_ffi_opaque_ptr__")) {
    return Step::kNotMine;
  }
  PyObject* result = PyObject_CallMethodNoArgs(value, g_protocol_names.ffi_opaque_ptr);
  if (result == nullptr) return Step::kFailed;
  PyObject* address = PyNumber_Index(result);
  if (address == nullptr && PyErr_ExceptionMatches(PyExc_TypeError)) {
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError, "%s.__tvm_ffi_opaque_ptr__() must return an int address, got %s",
                 Py_TYPE(value)->tp_name, Py_TYPE(result)->tp_name);
  }
  Py_DECREF(result);
  if (address == nullptr) return Step::kFailed;
  unsigned long long bits = PyLong_AsUnsignedLongLong(address);  // negative or too big: an error
  if ((bits == static_cast<unsigned long long>(-1) && PyErr_Occurred() != nullptr) ||
      bits > UINTPTR_MAX) {
    PyErr_Clear();
    PyErr_Format(PyExc_OverflowError,
                 "%s.__tvm_ffi_opaque_ptr__() returned %R, which is not an address "
                 "(an int from 0 to 2**%d - 1)",
                 Py_TYPE(value)->tp_name, address, static_cast<int>(8 * sizeof(void*)));
    Py_DECREF(address);
    return Step::kFailed;
  }
  Py_DECREF(address);
  SetPointer(out, reinterpret_cast<void*>(static_cast<uintptr_t>(bits)));
  return Step::kDone;
}

/*!
 * \brief Whether `tp` is numpy's bool scalar type. Found through the loaded
 * numpy module, never by importing it: a numpy value exists only once numpy
 * is loaded. The name check first keeps every other type off that lookup.
 */
bool IsNumpyBool(PyTypeObject* tp) {
  static PyObject* numpy_bool = nullptr;  // a strong reference, kept for the process
  if (numpy_bool != nullptr) return tp == reinterpret_cast<PyTypeObject*>(numpy_bool);
  if (std::strncmp(tp->tp_name, "numpy.bool", 10) != 0) return false;  // numpy 1 says "bool_"
  PyObject* name = PyUnicode_FromString("numpy");
  PyObject* numpy = name == nullptr ? nullptr : PyImport_GetModule(name);  // loaded, or NULL
  Py_XDECREF(name);
  PyObject* found = numpy == nullptr ? nullptr : PyObject_GetAttrString(numpy, "bool_");
  Py_XDECREF(numpy);
  if (found == nullptr) {
    PyErr_Clear();
    return false;
  }
  numpy_bool = found;
  return tp == reinterpret_cast<PyTypeObject*>(numpy_bool);
}

/*! \brief numbers.Real, imported on first use; NULL with an error set. */
PyObject* NumbersReal() {
  static PyObject* real = nullptr;
  return ImportedOnce(&real, "numbers", "Real");
}

/*!
 * \brief Numbers that are not Python's own (numpy scalars, Fraction, user
 * types): numpy bools as bool; anything whose __index__ gives an int as
 * int; other numbers.Real as float (what __float__ gives). An __index__
 * raising TypeError says "not an integer" (numpy floats and arrays do), so
 * the value goes on to the next kind; any other error is the caller's.
 */
Step ForeignNumberToAny(PyObject* value, TVMFFIAny* out) {
  PyTypeObject* tp = Py_TYPE(value);
  PyNumberMethods* nb = tp->tp_as_number;
  if (nb == nullptr) return Step::kNotMine;
  if (IsNumpyBool(tp)) {
    int truth = PyObject_IsTrue(value);
    if (truth < 0) return Step::kFailed;
    SetPOD(out, kTVMFFIBool, truth);
    return Step::kDone;
  }
  if (nb->nb_index != nullptr) {
    PyObject* index = PyNumber_Index(value);
    if (index != nullptr) {
      int overflow = 0;
      long long v = PyLong_AsLongLongAndOverflow(index, &overflow);
      if (overflow != 0) {
        PyErr_Format(PyExc_OverflowError, "%s %R too large to convert to a 64-bit integer",
                     tp->tp_name, index);
      }
      Py_DECREF(index);
      if (overflow != 0) return Step::kFailed;
      if (v == -1 && PyErr_Occurred()) return Step::kFailed;
      SetPOD(out, kTVMFFIInt, v);
      return Step::kDone;
    }
    if (!PyErr_ExceptionMatches(PyExc_TypeError)) return Step::kFailed;
    PyErr_Clear();
  }
  if (nb->nb_float == nullptr) return Step::kNotMine;
  PyObject* real = NumbersReal();
  int is_real = real == nullptr ? -1 : PyObject_IsInstance(value, real);
  if (is_real <= 0) return is_real < 0 ? Step::kFailed : Step::kNotMine;
  double d = PyFloat_AsDouble(value);
  if (d == -1.0 && PyErr_Occurred()) return Step::kFailed;
  out->type_index = kTVMFFIFloat;
  out->zero_padding = 0;
  out->v_float64 = d;
  return Step::kDone;
}

/*! \brief Runs one conversion step; true when it settled the value (`*ok` says how). */
inline bool Settled(Step step, bool* ok) {
  if (step == Step::kNotMine) return false;
  *ok = step == Step::kDone;
  return true;
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
  // Foreign kinds, in the reference's order: the object protocol, then
  // numbers, pointers, callables, and last the value protocol.
  bool ok = false;
  if (Settled(FfiObjectProtocolToAny(value, out, temps), &ok)) return ok;
  if (Settled(ForeignNumberToAny(value, out), &ok)) return ok;
  if (PyObject* c_void_p = CVoidP();
      c_void_p != nullptr && PyObject_TypeCheck(value, reinterpret_cast<PyTypeObject*>(c_void_p))) {
    PyObject* addr = PyObject_GetAttrString(value, "value");
    if (addr == nullptr) return false;
    void* p = addr == Py_None ? nullptr : PyLong_AsVoidPtr(addr);
    Py_DECREF(addr);
    if (PyErr_Occurred()) return false;
    SetPointer(out, p);
    return true;
  }
  PyErr_Clear();  // CVoidP() may have failed to import; opaque handles still work
  if (Settled(OpaquePtrProtocolToAny(value, out), &ok)) return ok;
  if (PyCallable_Check(value) && !PyType_Check(value)) {
    TVMFFIObject* h = FunctionFromPyCallable(value);
    if (h == nullptr) return false;
    temps->Add(h);
    SetObject(out, h);
    return true;
  }
  if (Settled(FfiValueProtocolToAny(value, out, temps), &ok)) return ok;
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
FloatBox g_float_boxes[kFloatBoxes];

PyObject* BoxFloat64Miss(double v, uint64_t bits, FloatBox* entry) {
  PyObject* box = PyFloat_FromDouble(v);
  // NaN stays unshared: containers compare by identity first, so one box
  // would make `nan in [nan]` true where two are not equal.
  if (box == nullptr || v != v) return box;
  Py_INCREF(box);
  PyObject* old = entry->box;
  entry->bits = bits;
  entry->box = box;
  Py_XDECREF(old);  // a float: frees without running code
  return box;
}

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
  if (v.v_obj != nullptr &&
      (v.type_index < kTVMFFIStaticObjectEnd || TVMFFIGetTypeInfo(v.type_index) != nullptr)) {
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
      return BoxFloat64(v.v_float64);
    case kTVMFFISmallStr:
      return SmallStrToPy(v);
    case kTVMFFIRawStr:
      return DecodeStr(v.v_c_str, std::strlen(v.v_c_str));
    case kTVMFFISmallBytes:
      return PyBytes_FromStringAndSize(v.v_bytes, v.small_len);
    case kTVMFFIOpaquePtr: {
      PyObject* c_void_p = CVoidP();
      if (c_void_p == nullptr) return nullptr;
      return PyObject_CallFunction(
          c_void_p, "K", static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(v.v_ptr)));
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
      return PyBytes_FromStringAndSize(cell->bytes.data, static_cast<Py_ssize_t>(cell->bytes.size));
    }
    case kTVMFFIOpaquePyObject: {
      auto* obj =
          static_cast<PyObject*>(reinterpret_cast<const TVMFFIOpaqueObjectCell*>(h + 1)->handle);
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
