/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file module.h
 * \brief Internal interface between the parts of the module tvm_ffi.core.
 *
 * The module is split by concern:
 *   object_type.cc   the Object wrapper type, wrapper identity, class table
 *   convert.cc       Python value <-> TVMFFIAny, written once
 *   function_type.cc the Function type (vectorcall) and Python callbacks
 *   error_bridge.cc  errors crossing between Python and the C ABI
 *   containers.cc    the native half of Array/List/Map/Dict
 *   reflection.cc    the bound functions of reflection: type information,
 *                    attributes, sentinels (reflection_types.h lists the rest:
 *                    field_accessor.cc, method_binder.cc, fast_attributes.cc)
 *   cpython_layout.h every read of CPython internals, per version
 *   engines.cc       the engine-backed dunders and hooks for Python objects
 *   py_class.cc      the native half of @py_class: dynamic types from Python
 *   module.cc        NB_MODULE: what Python sees
 *   nb_helpers.h     checks and conversions shared by the bound functions
 *
 * Object and Function are plain CPython heap types rather than nanobind
 * classes: a wrapper is just {PyObject_HEAD, handle}, found again through the
 * object's binding_slot, with no instance map and no per-call dispatch.
 */
#ifndef TVM_FFI_PYTHON_MODULE_H_
#define TVM_FFI_PYTHON_MODULE_H_

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <tvm/ffi/c_api.h>

#include "cpython_layout.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace tvm_ffi_py {

// ---------------------------------------------------------------------------
// object_type.cc
// ---------------------------------------------------------------------------

/*! \brief Layout of every wrapper: the base of all Python Object classes. */
struct PyFFIObject {
  PyObject_HEAD
      /*! \brief One strong reference to the native object, or NULL before init. */
      TVMFFIObject* handle;
  PyObject* weakrefs;
};

/*! \brief Layout of Function wrappers: adds the per-instance vectorcall slot. */
struct PyFFIFunction {
  PyFFIObject base;
  vectorcallfunc vectorcall;
};

extern PyTypeObject* g_object_type;
extern PyTypeObject* g_function_type;

/*! \brief Creates the Object and Function types; returns false with an error set. */
bool InitObjectTypes(PyObject* module);

/*!
 * \brief `module.name`, imported on first use into `*slot` (a strong
 * reference kept for the process); NULL with an error set when it fails.
 * For Python helpers the native code needs rarely (pickling, numpy's ABCs):
 * importing them at module load would cost every process that never asks.
 */
PyObject* ImportedOnce(PyObject** slot, const char* module, const char* name);

/*!
 * \brief The Python wrapper of `handle`, taking over one reference to it.
 * Returns the live wrapper when there is one, so identity is preserved.
 */
PyObject* WrapOwnedObject(TVMFFIObject* handle);

/*!
 * \brief The parked wrapper: the last plain wrapper (see DropInstanceGC)
 * that died while others held its native object too, resurrected in its
 * dealloc with one reference, owned by the park. It stays bound to the
 * object through binding_slot, holding its native reference and its class,
 * but nothing reaches it except through here: every reader of binding_slot
 * compares with g_parked. Reading the object again (`k.o` in a loop, whose
 * wrapper dies each time) takes it out of the park (g_parked = NULL) with
 * the park's reference: no allocation, no initialisation, and no atomic
 * reference-count update on either side. One wrapper at most, released when
 * another is parked, when a class is registered or forgotten (a new wrapper
 * might then be of another class), by ReleaseParked, or at exit. GIL only.
 * NULL when none.
 */
extern PyObject* g_parked;

/*!
 * \brief A new reference to `w`, the wrapper an object's binding_slot
 * names: the park's own when `w` is the parked one (taken out of the park),
 * else an increment. Every reader of binding_slot goes through here.
 */
inline PyObject* NewRefToBoundWrapper(PyObject* w) {
  if (w == g_parked) {
    g_parked = nullptr;
  } else {
    Py_INCREF(w);
  }
  return w;
}

/*! \brief Releases the parked wrapper, if any (reference and memory). */
void ReleaseParked();

/*! \brief Releases `block`, no longer g_parked: unbinds it, frees it, drops its reference. */
void ReleaseParkedBlock(PyObject* block);

/*! \brief Registers the Python class used to wrap objects of `type_index`. */
void RegisterObjectClass(int32_t type_index, PyObject* cls);

/*! \brief Undoes RegisterObjectClass (a rolled-back @py_class). */
void ForgetObjectClass(int32_t type_index);

/*! \brief The class registered for `type_index` exactly, or NULL. */
PyObject* RegisteredClass(int32_t type_index);

/*! \brief Whether a class still allocates with Object's own tp_new. */
bool UsesDefaultNew(PyTypeObject* tp);

/*!
 * \brief Makes a fresh class's instances plain (non-GC) objects when they
 * can hold no Python reference: no `__dict__`, no slots beyond `Object`'s.
 * Returns whether it did. `allocations_before` is g_gc_wrapper_allocations
 * read before the class was made: if any GC wrapper was allocated since, it
 * may be an instance of the class (a base's `__init_subclass__` can make
 * one), and the class stays as it is.
 */
bool DropInstanceGC(PyTypeObject* tp, uint64_t allocations_before);

/*! \brief How many wrappers of GC classes were allocated so far (see DropInstanceGC). */
extern uint64_t g_gc_wrapper_allocations;

/*!
 * \brief A short ASCII str as an inline small-str Any (owned and borrowed
 * alike: it holds no reference). An ASCII str's characters are its UTF-8,
 * stored right after the header, so this skips the UTF-8 lookup. Returns
 * false, touching nothing, for any other str.
 */
inline bool SmallAsciiToAny(PyObject* str, TVMFFIAny* out) {
  if (!PyUnicode_IS_COMPACT_ASCII(str)) return false;
  Py_ssize_t size = PyUnicode_GET_LENGTH(str);
  if (size > TVM_FFI_SMALL_STR_MAX) return false;
  out->type_index = kTVMFFISmallStr;
  out->small_len = static_cast<uint32_t>(size);
  out->v_int64 = 0;
  std::memcpy(out->v_bytes, PyUnicode_DATA(str), static_cast<size_t>(size));
  return true;
}

/*!
 * \brief Registers `ffi.ErrorPayloadBacktrace`, which renders the traceback
 * of a Python exception carried by an Error when C++ asks for it.
 */
bool RegisterPayloadBacktraceRenderer();

/*! \brief A new, unbound wrapper of class `tp` (reusing a dead plain wrapper's memory). */
PyObject* AllocWrapper(PyTypeObject* tp);

/*! \brief Binds a fresh wrapper to an owned handle (for __init__ paths). */
bool BindHandle(PyObject* self, TVMFFIObject* handle);

/*! \brief The handle of a wrapper; raises ValueError when not initialised. */
TVMFFIObject* HandleOf(PyObject* obj);

inline bool IsObjectWrapper(PyObject* o) { return PyObject_TypeCheck(o, g_object_type); }

// ---------------------------------------------------------------------------
// convert.cc
// ---------------------------------------------------------------------------

/*!
 * \brief References made while converting Python values into borrowed Anys
 * (temporary Arrays, Strings, Functions...), dropped when the call is over.
 * The first few live inline so common calls do not touch the heap.
 */
class TempRefs {
 public:
  TempRefs() = default;
  TempRefs(const TempRefs&) = delete;
  TempRefs& operator=(const TempRefs&) = delete;
  ~TempRefs() { Clear(); }
  void Add(TVMFFIObject* obj) {
    if (n_ < kInline) {
      inline_[n_++] = obj;
    } else {
      spill_.push_back(obj);
    }
  }
  void Clear();

 private:
  static constexpr int kInline = 8;
  TVMFFIObject* inline_[kInline];
  int n_ = 0;
  std::vector<TVMFFIObject*> spill_;
};

/*!
 * \brief Converts a Python value into a borrowed Any valid while `temps` and
 * `value` live. Returns false with a Python exception set.
 */
bool PyToAnyView(PyObject* value, TVMFFIAny* out, TempRefs* temps);

/*! \brief A list or tuple as a new Array or List (`type_index`), in `temps`. */
bool SequenceToSeq(PyObject* value, int32_t type_index, TVMFFIAny* out, TempRefs* temps);

/*! \brief A dict as a new Map or Dict (`type_index`), in `temps`. */
bool DictToMapKind(PyObject* value, int32_t type_index, TVMFFIAny* out, TempRefs* temps);

/*! \brief Converts a Python value into an owned Any (caller releases it). */
bool PyToAnyOwned(PyObject* value, TVMFFIAny* out);

/*!
 * \brief CPython's cached small ints (-5..256), held here so boxing one is
 * an increment, not a call through PyLong_FromLongLong (which field reads
 * would otherwise pay on every access).
 */
extern PyObject* g_small_ints[262];

/*! \brief Fills g_small_ints; false with an error set. */
bool InitSmallInts();

/*! \brief A new reference to the Python int `v`. */
inline PyObject* BoxInt64(int64_t v) {
  if (static_cast<uint64_t>(v) + 5u < 262u) {  // unsigned: no overflow at INT64_MAX
    PyObject* o = g_small_ints[v + 5];
    Py_INCREF(o);
    return o;
  }
  return PyLong_FromLongLong(v);
}

/*!
 * \brief Boxed floats by bit pattern, direct-mapped: a float read from
 * native memory that was read before (a field read in a loop, a constant
 * passed back and forth) is an increment instead of an allocation and,
 * when the caller drops it, a free. Floats are immutable, so sharing a box
 * is unobservable but for `is`, as with CPython's own small ints (NaN
 * excepted, so it is never shared). Each entry holds one reference; GIL only.
 */
struct FloatBox {
  uint64_t bits;
  PyObject* box;  // NULL: empty
};
constexpr size_t kFloatBoxes = 64;
extern FloatBox g_float_boxes[kFloatBoxes];

/*!
 * \brief BoxFloat64 past a cache hit: a new box, kept in `entry` unless `v`
 * is NaN. Out of line, so the inline hit stays small in the field reads.
 */
PyObject* BoxFloat64Miss(double v, uint64_t bits, FloatBox* entry);

/*! \brief A new reference to the Python float `v`; NULL with an error set. */
inline PyObject* BoxFloat64(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, sizeof(bits));
  FloatBox& e = g_float_boxes[(bits * 0x9E3779B97F4A7C15ull) >> 58];
  if (e.box != nullptr && e.bits == bits) {  // never a NaN (see BoxFloat64Miss)
    Py_INCREF(e.box);
    return e.box;
  }
  return BoxFloat64Miss(v, bits, &e);
}

/*! \brief A new Python reference for a borrowed Any; NULL with an error set. */
PyObject* AnyViewToPy(const TVMFFIAny& value);

/*! \brief A new Python reference for an owned Any, consuming it. */
PyObject* AnyOwnedToPy(TVMFFIAny value);

/*!
 * \brief Drops a Python reference held by native code; safe from any thread
 * (takes the GIL) and a no-op once the interpreter is gone, where leaking
 * beats touching a dead interpreter.
 */
void ReleasePyReference(void* obj);

/*!
 * \brief A new opaque object holding a reference to `value` (owned by the
 * caller), or NULL with a Python error set.
 */
TVMFFIObject* NewOpaqueObject(PyObject* value);

/*! \brief Python name of what a value holds ("int", "str", a type key...). */
std::string AnyTypeName(const TVMFFIAny& value);

// ---------------------------------------------------------------------------
// function_type.cc
// ---------------------------------------------------------------------------

/*! \brief The Python callable of a Function made from one (borrowed), else NULL. */
PyObject* WrappedPyCallable(const TVMFFIObject* func);

/*!
 * \brief Packed arguments converted from Python: a stack buffer for common
 * arities, the temporaries the conversion made, released with the buffer.
 */
struct PackedBuffer {
  static constexpr Py_ssize_t kStackArgs = 8;
  TVMFFIAny stack[kStackArgs];
  std::vector<TVMFFIAny> heap;
  TVMFFIAny* values = stack;
  int32_t size = 0;
  TempRefs temps;
};

/*!
 * \brief Converts positional and keyword arguments (vectorcall layout) into
 * a packed buffer: keywords follow the KWARGS sentinel as name, value pairs.
 */
bool PackArgs(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, PackedBuffer* out);

/*! \brief Calls a Function with packed arguments; false with a Python error set. */
bool CallFunctionRaw(TVMFFIObject* func, const PackedBuffer& packed, TVMFFIAny* result);

/*! \brief Calls a native Function handle with Python arguments (vectorcall layout). */
PyObject* CallFunctionHandle(TVMFFIObject* func, PyObject* const* args, Py_ssize_t nargs,
                             PyObject* kwnames = nullptr);

/*! \brief Wraps a Python callable as a new Function handle (owned). */
TVMFFIObject* FunctionFromPyCallable(PyObject* callable);

vectorcallfunc FunctionVectorcall();

// ---------------------------------------------------------------------------
// error_bridge.cc
// ---------------------------------------------------------------------------

/*!
 * \brief Turns this thread's raised FFI error into the matching Python
 * exception (the original one when it came from Python). Returns NULL.
 */
PyObject* RaisePythonFromFFIError();

/*! \brief Moves the current Python exception into the FFI raised slot. */
void SetFFIErrorFromPython();

/*! \brief Maps an error kind to a Python exception class (new registration wins). */
void RegisterErrorKind(const std::string& kind, PyObject* cls);

/*! \brief The error kind a Python exception class travels as. */
std::string ErrorKindOf(PyObject* exc_type);

// ---------------------------------------------------------------------------
// engines.cc
// ---------------------------------------------------------------------------

/*! \brief repr() through the native ReprPrint engine; NULL with an error set. */
PyObject* ReprViaEngine(PyObject* obj);

// ---------------------------------------------------------------------------
// reflection.cc
// ---------------------------------------------------------------------------

/*!
 * \brief The reflected field `name` of a type or its ancestors, or NULL; the
 * declaring type's index goes to `*owner_index` when given.
 */
const TVMFFIFieldInfo* FindField(int32_t type_index, std::string_view name,
                                 int32_t* owner_index = nullptr);

/*!
 * \brief The Python value of the field at `offset` of `h` (inline storage
 * kinds read directly, others through the getter); NULL with an error set.
 */
PyObject* ReadFieldValue(TVMFFIObject* h, int32_t storage, TVMFFIFieldGetter getter,
                         int64_t offset);

/*!
 * \brief Stores a Python value into the field at `addr` (no writability or
 * owner check: the caller's). Errors name the field, the type key and the
 * declared type (all Python strs); returns -1 with the error set.
 */
int WriteFieldValue(char* addr, int32_t storage, const TVMFFIFieldInfo* field, PyObject* value,
                    PyObject* name, PyObject* type_key, PyObject* type_str);

/*! \brief Helper: raise `TypeError(msg)` and return NULL/false. */
inline PyObject* RaiseTypeError(const std::string& msg) {
  PyErr_SetString(PyExc_TypeError, msg.c_str());
  return nullptr;
}

}  // namespace tvm_ffi_py

#endif  // TVM_FFI_PYTHON_MODULE_H_
