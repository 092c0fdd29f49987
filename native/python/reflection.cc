/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file reflection.cc
 * \brief The native half of @c_class: field descriptors, method binders,
 *        type information and type attributes.
 *
 * FieldAccessor is a purpose-built descriptor (tp_descr_get/tp_descr_set)
 * holding a field's offset and storage kind, precomputed at registration:
 * reading an int64, double, bool, object or Any field is a load and a box,
 * with no name lookup, no Any round trip and no Python frame. Other field
 * types go through the field's registered getter/setter.
 *
 * MethodBinder wraps a Function that takes `self` first. It is a method
 * descriptor (Py_TPFLAGS_METHOD_DESCRIPTOR), so `obj.method(...)` and the
 * `__init__` call made by type.__call__ pass self straight through, without
 * allocating a bound method.
 */
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include "module.h"
#include "nb_helpers.h"  // Python.h first, as structmember.h needs it

#include <structmember.h>
#include <tvm/ffi/reflection/registry.h>

#include <string>
#include <string_view>
#include <vector>

namespace nb = nanobind;

namespace tvm_ffi_py {
namespace {

namespace ffi = tvm::ffi;

// ---------------------------------------------------------------------------
// FieldAccessor
// ---------------------------------------------------------------------------

struct FieldAccessor {
  PyObject_HEAD
  int64_t offset;
  int32_t storage;
  bool writable;
  TVMFFIFieldGetter getter;
  TVMFFIFieldSetter setter;
  /*!
   * \brief The last class the descriptor was used on whose instances are
   * wrappers: the common case is then a pointer compare, not an isinstance.
   */
  PyTypeObject* seen_type;  // a strong reference
  /*! \brief The type declaring the field: objects must be instances of it. */
  int32_t owner_index;
  /*! \brief The last native type index checked to be an instance of the owner. */
  int32_t checked_index;
  /*! \brief Python str: the field name (also __name__). */
  PyObject* name;
  /*! \brief Python str: the owning type key, for messages. */
  PyObject* type_key;
  /*! \brief Python str: the declared type, for messages. */
  PyObject* type_str;
  PyObject* doc;
};

PyTypeObject* g_field_accessor_type = nullptr;

/*!
 * \brief Records a class whose instances are wrappers. A strong reference:
 * a freed class's address could otherwise be reused by an unrelated one.
 */
void RememberType(FieldAccessor* f, PyTypeObject* tp) {
  Py_INCREF(tp);
  Py_XSETREF(f->seen_type, tp);
}

inline char* FieldAddr(TVMFFIObject* h, const FieldAccessor* f) {
  return reinterpret_cast<char*>(h) + f->offset;
}

/*!
 * \brief Whether the native object is an instance of the field's type (the
 * offset only means something there); raises TypeError when not.
 */
bool CheckOwner(FieldAccessor* f, TVMFFIObject* h) {
  if (h->type_index == f->checked_index) return true;
  if (!tvm::ffi::details::IsInstanceOfIndex(h->type_index, f->owner_index)) {
    std::string key = tvm::ffi::details::TypeIndexToKey(h->type_index);
    PyErr_Format(PyExc_TypeError, "field '%U' of '%U' used on a `%s` object", f->name, f->type_key,
                 key.c_str());
    return false;
  }
  f->checked_index = h->type_index;
  return true;
}

/*! \brief Whether a storage kind is read by ReadInlineField (without the getter). */
inline bool IsInlineStorage(int32_t storage) {
  return storage == kTVMFFIFieldStorageInt64 || storage == kTVMFFIFieldStorageFloat64 ||
         storage == kTVMFFIFieldStorageBool || storage == kTVMFFIFieldStorageAny ||
         storage == kTVMFFIFieldStorageObject;
}

/*! \brief The Python value of a field stored inline at `addr` (see IsInlineStorage). */
inline PyObject* ReadInlineField(int32_t storage, char* addr) {
  switch (storage) {
    case kTVMFFIFieldStorageInt64:
      return BoxInt64(*reinterpret_cast<int64_t*>(addr));
    case kTVMFFIFieldStorageFloat64:
      return PyFloat_FromDouble(*reinterpret_cast<double*>(addr));
    case kTVMFFIFieldStorageBool:
      return PyBool_FromLong(*reinterpret_cast<uint8_t*>(addr) != 0);
    case kTVMFFIFieldStorageAny:
      return AnyViewToPy(*reinterpret_cast<TVMFFIAny*>(addr));
    default: {  // kTVMFFIFieldStorageObject
      TVMFFIObject* child = *reinterpret_cast<TVMFFIObject**>(addr);
      if (child == nullptr) Py_RETURN_NONE;
      TVMFFIAny view;
      view.type_index = child->type_index;
      view.zero_padding = 0;
      view.v_obj = child;
      return AnyViewToPy(view);
    }
  }
}

PyObject* FieldGet(PyObject* self, PyObject* obj, PyObject*) {
  if (obj == nullptr || obj == Py_None) {
    Py_INCREF(self);  // class access: the descriptor itself
    return self;
  }
  auto* f = reinterpret_cast<FieldAccessor*>(self);
  if (Py_TYPE(obj) != f->seen_type) {
    if (!IsObjectWrapper(obj)) {
      PyErr_Format(PyExc_TypeError, "field '%U' of '%U' read on a %s", f->name, f->type_key,
                   Py_TYPE(obj)->tp_name);
      return nullptr;
    }
    RememberType(f, Py_TYPE(obj));
  }
  TVMFFIObject* h = reinterpret_cast<PyFFIObject*>(obj)->handle;
  if (h == nullptr) {
    HandleOf(obj);  // raises: not initialised
    return nullptr;
  }
  if (!CheckOwner(f, h)) return nullptr;
  return ReadFieldValue(h, f->storage, f->getter, f->offset);
}

/*!
 * \brief Stores `value` into the field. `check_writable` false is for
 * set_unchecked; the accessor itself never changes after creation (the
 * attribute cache keeps a copy of its writability).
 */
int StoreField(FieldAccessor* f, PyObject* obj, PyObject* value, bool check_writable) {
  if (value == nullptr) {
    PyErr_Format(PyExc_AttributeError, "cannot delete field '%U' of '%U'", f->name, f->type_key);
    return -1;
  }
  if (check_writable && !f->writable) {
    PyErr_Format(PyExc_AttributeError, "cannot assign to field '%U' of '%U': it is read-only",
                 f->name, f->type_key);
    return -1;
  }
  if (Py_TYPE(obj) != f->seen_type) {
    if (!IsObjectWrapper(obj)) {
      PyErr_Format(PyExc_TypeError, "field '%U' of '%U' set on a %s", f->name, f->type_key,
                   Py_TYPE(obj)->tp_name);
      return -1;
    }
    RememberType(f, Py_TYPE(obj));
  }
  TVMFFIObject* h = reinterpret_cast<PyFFIObject*>(obj)->handle;
  if (h == nullptr) {
    HandleOf(obj);  // raises: not initialised
    return -1;
  }
  if (!CheckOwner(f, h)) return -1;
  return WriteFieldValue(FieldAddr(h, f), f->storage, f->setter, value, f->name, f->type_key,
                         f->type_str);
}

}  // namespace

int WriteFieldValue(char* addr, int32_t storage, TVMFFIFieldSetter setter, PyObject* value,
                    PyObject* name, PyObject* type_key, PyObject* type_str) {
  // Fast paths for exact Python types; everything else goes through the
  // setter, which checks and converts exactly as C++ would.
  PyTypeObject* tp = Py_TYPE(value);
  if (storage == kTVMFFIFieldStorageInt64 && tp == &PyLong_Type) {
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (overflow == 0) {
      *reinterpret_cast<int64_t*>(addr) = v;
      return 0;
    }
  } else if (storage == kTVMFFIFieldStorageFloat64 && tp == &PyFloat_Type) {
    *reinterpret_cast<double*>(addr) = PyFloat_AS_DOUBLE(value);
    return 0;
  } else if (storage == kTVMFFIFieldStorageBool && tp == &PyBool_Type) {
    *reinterpret_cast<uint8_t*>(addr) = value == Py_True ? 1 : 0;
    return 0;
  }
  TempRefs temps;
  TVMFFIAny view;
  if (!PyToAnyView(value, &view, &temps)) {
    if (PyErr_ExceptionMatches(PyExc_OverflowError)) {  // say which field
      PyErr_Clear();
      PyErr_Format(PyExc_OverflowError, "field '%U' of '%U' expects `%U`: %R is out of range",
                   name, type_key, type_str, value);
    }
    return -1;
  }
  if (setter(addr, &view) != 0) {
    TVMFFIObject* err = nullptr;
    TVMFFIErrorMoveFromRaised(&err);
    bool type_error = err == nullptr ||
                      std::string_view(reinterpret_cast<const TVMFFIErrorCell*>(err + 1)->kind.data,
                                       reinterpret_cast<const TVMFFIErrorCell*>(err + 1)->kind.size) ==
                          "TypeError";
    if (!type_error) {
      TVMFFIErrorSetRaised(err);  // another kind: let it surface as itself
      ffi::details::DecRef(err);
      RaisePythonFromFFIError();
      return -1;
    }
    if (err != nullptr) ffi::details::DecRef(err);
    PyErr_Format(PyExc_TypeError, "field '%U' of '%U' expects `%U` but got `%s`", name, type_key,
                 type_str, AnyTypeName(view).c_str());
    return -1;
  }
  return 0;
}

PyObject* ReadFieldValue(TVMFFIObject* h, int32_t storage, TVMFFIFieldGetter getter, int64_t offset) {
  char* addr = reinterpret_cast<char*>(h) + offset;
  if (IsInlineStorage(storage)) return ReadInlineField(storage, addr);
  TVMFFIAny result;
  if (getter(addr, &result) != 0) return RaisePythonFromFFIError();
  return AnyOwnedToPy(result);
}

namespace {

int FieldSet(PyObject* self, PyObject* obj, PyObject* value) {
  return StoreField(reinterpret_cast<FieldAccessor*>(self), obj, value, true);
}

void FieldDealloc(PyObject* self) {
  auto* f = reinterpret_cast<FieldAccessor*>(self);
  PyTypeObject* tp = Py_TYPE(self);
  Py_XDECREF(f->seen_type);
  Py_XDECREF(f->name);
  Py_XDECREF(f->type_key);
  Py_XDECREF(f->type_str);
  Py_XDECREF(f->doc);
  tp->tp_free(self);
  Py_DECREF(tp);
}

PyObject* FieldRepr(PyObject* self) {
  auto* f = reinterpret_cast<FieldAccessor*>(self);
  return PyUnicode_FromFormat("<field '%U' of '%U': %U>", f->name, f->type_key, f->type_str);
}

/*!
 * \brief `accessor.set_unchecked(obj, value)`: stores a value ignoring the
 * read-only/frozen guard. Used by replace() on a fresh copy it owns.
 */
PyObject* FieldSetUnchecked(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs != 2) {
    PyErr_SetString(PyExc_TypeError, "set_unchecked(obj, value) takes 2 arguments");
    return nullptr;
  }
  if (StoreField(reinterpret_cast<FieldAccessor*>(self), args[0], args[1], false) != 0) {
    return nullptr;
  }
  Py_RETURN_NONE;
}

PyMethodDef kFieldMethods[] = {
    {"set_unchecked", reinterpret_cast<PyCFunction>(FieldSetUnchecked), METH_FASTCALL,
     "set_unchecked(obj, value)\n--\n\nStores the field ignoring the read-only guard."},
    {nullptr, nullptr, 0, nullptr}};

PyMemberDef kFieldMembers[] = {
    {"__name__", T_OBJECT, offsetof(FieldAccessor, name), READONLY, nullptr},
    {"name", T_OBJECT, offsetof(FieldAccessor, name), READONLY, "The field name."},
    {"type_key", T_OBJECT, offsetof(FieldAccessor, type_key), READONLY, "The owning type key."},
    {"type_str", T_OBJECT, offsetof(FieldAccessor, type_str), READONLY, "The declared type."},
    {"writable", T_BOOL, offsetof(FieldAccessor, writable), READONLY,
     "Whether assignment is allowed."},
    {"__doc__", T_OBJECT, offsetof(FieldAccessor, doc), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

PyType_Slot kFieldSlots[] = {
    {Py_tp_dealloc, reinterpret_cast<void*>(FieldDealloc)},
    {Py_tp_descr_get, reinterpret_cast<void*>(FieldGet)},
    {Py_tp_descr_set, reinterpret_cast<void*>(FieldSet)},
    {Py_tp_repr, reinterpret_cast<void*>(FieldRepr)},
    {Py_tp_members, kFieldMembers},
    {Py_tp_methods, kFieldMethods},
    {0, nullptr}};

PyType_Spec kFieldSpec = {"tvm_ffi.core.FieldAccessor", sizeof(FieldAccessor), 0,
                          Py_TPFLAGS_DEFAULT, kFieldSlots};

PyObject* Str(const TVMFFIByteArray& b) {
  return PyUnicode_FromStringAndSize(b.data, static_cast<Py_ssize_t>(b.size));
}

// ---------------------------------------------------------------------------
// MethodBinder
// ---------------------------------------------------------------------------

struct MethodBinder {
  PyObject_HEAD
  vectorcallfunc vectorcall;
  TVMFFIObject* func;
  /*! \brief For constructors: bind the result to self instead of returning it. */
  bool is_init;
  PyObject* name;
  PyObject* doc;
  PyObject* signature;
};

PyTypeObject* g_method_binder_type = nullptr;

PyObject* MethodBinderCall(PyObject* self, PyObject* const* args, size_t nargsf,
                           PyObject* kwnames) {
  auto* m = reinterpret_cast<MethodBinder*>(self);
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (nargs < 1) {
    PyErr_Format(PyExc_TypeError, "%U() needs self as its first argument", m->name);
    return nullptr;
  }
  if (!m->is_init) return CallFunctionHandle(m->func, args, nargs, kwnames);
  // __init__(self, *args, **kwargs): construct natively, then bind to self.
  PyObject* obj = args[0];
  if (!IsObjectWrapper(obj)) {
    PyErr_Format(PyExc_TypeError, "%U() needs a tvm_ffi.Object as self", m->name);
    return nullptr;
  }
  PackedBuffer packed;
  if (!PackArgs(args + 1, nargs - 1, kwnames, &packed)) return nullptr;
  TVMFFIAny result;
  if (!CallFunctionRaw(m->func, packed, &result)) return nullptr;
  if (result.type_index < kTVMFFIStaticObjectBegin) {
    ffi::details::DecRefAny(result);
    PyErr_Format(PyExc_TypeError, "%U() did not construct an object", m->name);
    return nullptr;
  }
  if (!BindHandle(obj, result.v_obj)) return nullptr;
  Py_RETURN_NONE;
}

/*!
 * \brief `cls(*args, **kwargs)` for classes with a generated constructor:
 * allocate the wrapper and construct natively in one step, skipping
 * type.__call__'s tp_new + slot lookup of __init__. Checked on every call:
 * if __init__ or __new__ was replaced since, the ordinary path runs.
 */
PyObject* FastConstruct(PyObject* callable, PyObject* const* args, size_t nargsf,
                        PyObject* kwnames) {
  auto* tp = reinterpret_cast<PyTypeObject*>(callable);
  static PyObject* init_name = PyUnicode_InternFromString("__init__");
  PyObject* init = _PyType_Lookup(tp, init_name);
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (init == nullptr || Py_TYPE(init) != g_method_binder_type ||
      !reinterpret_cast<MethodBinder*>(init)->is_init || !UsesDefaultNew(tp)) {
    // The ordinary path, through type.__call__.
    PyObject* tuple = PyTuple_New(nargs);
    if (tuple == nullptr) return nullptr;
    for (Py_ssize_t i = 0; i < nargs; ++i) {
      Py_INCREF(args[i]);
      PyTuple_SET_ITEM(tuple, i, args[i]);
    }
    PyObject* kwargs = nullptr;
    if (kwnames != nullptr && PyTuple_GET_SIZE(kwnames) != 0) {
      kwargs = PyDict_New();
      for (Py_ssize_t k = 0; kwargs != nullptr && k < PyTuple_GET_SIZE(kwnames); ++k) {
        if (PyDict_SetItem(kwargs, PyTuple_GET_ITEM(kwnames, k), args[nargs + k]) != 0) {
          Py_CLEAR(kwargs);
        }
      }
      if (kwargs == nullptr) {
        Py_DECREF(tuple);
        return nullptr;
      }
    }
    PyObject* r = PyType_Type.tp_call(callable, tuple, kwargs);
    Py_DECREF(tuple);
    Py_XDECREF(kwargs);
    return r;
  }
  auto* binder = reinterpret_cast<MethodBinder*>(init);
  PackedBuffer packed;
  if (!PackArgs(args, nargs, kwnames, &packed)) return nullptr;
  TVMFFIAny result;
  if (!CallFunctionRaw(binder->func, packed, &result)) return nullptr;
  if (result.type_index < kTVMFFIStaticObjectBegin) {
    ffi::details::DecRefAny(result);
    PyErr_Format(PyExc_TypeError, "%s() did not construct an object", tp->tp_name);
    return nullptr;
  }
  PyObject* self = tp->tp_alloc(tp, 0);
  if (self == nullptr) {
    ffi::details::DecRef(result.v_obj);
    return nullptr;
  }
  if (!BindHandle(self, result.v_obj)) {
    Py_DECREF(self);
    return nullptr;
  }
  return self;
}

PyObject* MethodBinderGet(PyObject* self, PyObject* obj, PyObject*) {
  if (obj == nullptr || obj == Py_None) {
    Py_INCREF(self);
    return self;
  }
  return PyMethod_New(self, obj);
}

void MethodBinderDealloc(PyObject* self) {
  auto* m = reinterpret_cast<MethodBinder*>(self);
  PyTypeObject* tp = Py_TYPE(self);
  if (m->func != nullptr) ffi::details::DecRef(m->func);
  Py_XDECREF(m->name);
  Py_XDECREF(m->doc);
  Py_XDECREF(m->signature);
  tp->tp_free(self);
  Py_DECREF(tp);
}

PyObject* MethodBinderRepr(PyObject* self) {
  return PyUnicode_FromFormat("<native method '%U'>", reinterpret_cast<MethodBinder*>(self)->name);
}

PyMemberDef kMethodMembers[] = {
    {"__vectorcalloffset__", T_PYSSIZET, offsetof(MethodBinder, vectorcall), READONLY, nullptr},
    {"__name__", T_OBJECT, offsetof(MethodBinder, name), READONLY, nullptr},
    {"__qualname__", T_OBJECT, offsetof(MethodBinder, name), READONLY, nullptr},
    {"__doc__", T_OBJECT, offsetof(MethodBinder, doc), READONLY, nullptr},
    {"__signature__", T_OBJECT, offsetof(MethodBinder, signature), 0, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

PyType_Slot kMethodSlots[] = {
    {Py_tp_dealloc, reinterpret_cast<void*>(MethodBinderDealloc)},
    {Py_tp_call, reinterpret_cast<void*>(PyVectorcall_Call)},
    {Py_tp_descr_get, reinterpret_cast<void*>(MethodBinderGet)},
    {Py_tp_repr, reinterpret_cast<void*>(MethodBinderRepr)},
    {Py_tp_members, kMethodMembers},
    {0, nullptr}};

PyType_Spec kMethodSpec = {
    "tvm_ffi.core.MethodBinder", sizeof(MethodBinder), 0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_METHOD_DESCRIPTOR, kMethodSlots};

// ---------------------------------------------------------------------------
// Attribute fast path
// ---------------------------------------------------------------------------
//
// CPython 3.11 specialises `obj.x` only for its own slot and dict layouts.
// A read through any other data descriptor takes the generic path every
// time: PyObject_GetAttr -> PyObject_GenericGetAttr -> _PyType_Lookup ->
// tp_descr_get, which is 2.5x a slot read even when the getter does nothing.
// Classes with reflected fields therefore get their own tp_getattro and
// tp_setattro that resolve a name through a small direct-mapped cache keyed
// by (type version tag, interned name), the same key CPython's own method
// cache uses, and jump straight to the field's load or store.
//
// The version tag is what keeps the cache honest: any change to the class
// or an ancestor (assigning, deleting or shadowing an attribute, changing
// __bases__) drops the tag, so entries naming the old descriptor no longer
// match, and the descriptor they borrow is kept alive by the type dict for
// as long as the tag lasts. Tags are never reused.
//
// The catch is that a custom tp_getattro turns off LOAD_METHOD's
// specialisation, so `obj.method()` would bind a method object through the
// generic path. The cache therefore also records methods (our MethodBinder
// and plain Python functions) and binds them directly.

enum class AttrKind : uint8_t { kOther, kField, kMethod };

struct alignas(32) AttrCacheEntry {  // 32 bytes: one never straddles a cache line
  unsigned int version;
  AttrKind kind;
  // For fields, copies of the accessor's storage, writability, last checked
  // type index and offset, so a hit does not wait on another load.
  uint8_t storage;
  bool writable;
  int32_t checked_index;
  int32_t offset;
  PyObject* name;   // a strong reference: the address must not be reused
  PyObject* descr;  // borrowed from the type dict, guarded by `version`
};
static_assert(sizeof(AttrCacheEntry) == 32, "AttrCacheEntry should fill half a cache line");

constexpr size_t kAttrCacheSize = 2048;
AttrCacheEntry g_attr_cache[kAttrCacheSize];

/*! \brief The type's version tag when valid, else 0 (never a valid tag). */
inline unsigned int ValidVersionTag(PyTypeObject* tp) {
#if PY_VERSION_HEX >= 0x030B0000
  return tp->tp_version_tag;  // 3.11+ zeroes the tag when it invalidates it
#else
  return PyType_HasFeature(tp, Py_TPFLAGS_VALID_VERSION_TAG) ? tp->tp_version_tag : 0;
#endif
}

/*!
 * \brief The entry for (version, name): CPython's own method-cache hash.
 * An entry with version 0 is empty (its name is NULL, so never matches).
 */
inline AttrCacheEntry& AttrCacheSlot(unsigned int version, PyObject* name) {
  size_t h = static_cast<size_t>(version) ^ (reinterpret_cast<uintptr_t>(name) >> 4);
  return g_attr_cache[h & (kAttrCacheSize - 1)];
}

bool IsMethodLike(PyObject* descr) {
  PyTypeObject* t = Py_TYPE(descr);
  return t == g_method_binder_type || t == &PyFunction_Type;
}

/*!
 * \brief How `name` resolves on `tp`; sets *descr for fields and methods.
 * Never raises: anything unusual is kOther, left to the generic path.
 */
inline AttrKind ResolveAttr(PyTypeObject* tp, PyObject* name, PyObject** descr) {
  if (unsigned int version = ValidVersionTag(tp)) {
    AttrCacheEntry& e = AttrCacheSlot(version, name);
    if (e.version == version && e.name == name) {
      *descr = e.descr;
      return e.kind;
    }
  }
  if (!PyUnicode_CheckExact(name)) return AttrKind::kOther;
  PyObject* found = _PyType_Lookup(tp, name);  // also assigns a version tag
  AttrKind kind = AttrKind::kOther;
  if (found != nullptr && Py_TYPE(found) == g_field_accessor_type) {
    // An offset past 2 GiB (never seen in practice) stays on the generic path.
    int64_t offset = reinterpret_cast<FieldAccessor*>(found)->offset;
    if (offset == static_cast<int32_t>(offset)) kind = AttrKind::kField;
  } else if (found != nullptr && IsMethodLike(found)) {
    kind = AttrKind::kMethod;
  }
  if (unsigned int version = ValidVersionTag(tp)) {
    AttrCacheEntry& e = AttrCacheSlot(version, name);
    e.version = version;
    e.kind = kind;
    e.checked_index = -1;  // set by SyncCheckedIndex after a checked access
    if (kind == AttrKind::kField) {
      auto* f = reinterpret_cast<FieldAccessor*>(found);
      e.storage = static_cast<uint8_t>(f->storage);
      e.writable = f->writable;
      e.offset = static_cast<int32_t>(f->offset);
    }
    Py_INCREF(name);
    Py_XSETREF(e.name, name);
    e.descr = found;
  }
  *descr = found;
  return kind;
}

/*!
 * \brief Whether the instance may hold attributes of its own, which would
 * shadow a method. Must not materialise the dict (the public accessors do on
 * 3.11+), so it reads the interpreter's layout where that is known and
 * answers "maybe" elsewhere, which sends the lookup down the generic path.
 */
inline bool MayHaveInstanceAttributes(PyObject* obj) {
  PyTypeObject* tp = Py_TYPE(obj);
  if (tp->tp_dictoffset == 0) return false;
#if PY_VERSION_HEX >= 0x030C0000
  return true;
#else
#if PY_VERSION_HEX >= 0x030B0000
  if (tp->tp_flags & Py_TPFLAGS_MANAGED_DICT) {
    // CPython 3.11 keeps a managed dict's inline values and dict pointers
    // in the two words before the object; both stay NULL until an
    // attribute is stored.
    PyObject** pre = reinterpret_cast<PyObject**>(obj);
    return pre[-4] != nullptr || pre[-3] != nullptr;
  }
#endif
  PyObject** dict = _PyObject_GetDictPtr(obj);
  return dict == nullptr || *dict != nullptr;
#endif
}

/*!
 * \brief The cached field `name` of a checked wrapper type, or NULL: the
 * hit the fast paths below are built around, kept small enough that the
 * compiler leaves the general path (and its register spills) out of it.
 */
inline const AttrCacheEntry* CachedFieldHit(PyObject* obj, PyObject* name, char** addr) {
  unsigned int version = ValidVersionTag(Py_TYPE(obj));
  TVMFFIObject* h = reinterpret_cast<PyFFIObject*>(obj)->handle;
  if (version == 0 || h == nullptr) return nullptr;
  const AttrCacheEntry& e = AttrCacheSlot(version, name);
  // The owner check in its one-compare form; obj is a wrapper, as this is
  // the attribute slot of an Object subclass.
  if (e.version != version || e.name != name || e.kind != AttrKind::kField ||
      h->type_index != e.checked_index) {
    return nullptr;
  }
  *addr = reinterpret_cast<char*>(h) + e.offset;
  return &e;
}

/*!
 * \brief After the general path read or wrote through field accessor
 * `descr` (found for `name` on `tp` at `version`), copies the native type
 * index its owner check last passed into the cache entry, so later hits
 * skip the check. The call may have run Python code (conversions,
 * finalizers) that changed the class or the object's class, so the entry
 * is only updated while it still names this very accessor at this version.
 */
void SyncCheckedIndex(PyTypeObject* tp, unsigned int version, PyObject* name, PyObject* descr) {
  if (version == 0 || ValidVersionTag(tp) != version) return;
  AttrCacheEntry& e = AttrCacheSlot(version, name);
  if (e.version == version && e.name == name && e.kind == AttrKind::kField && e.descr == descr) {
    e.checked_index = reinterpret_cast<FieldAccessor*>(descr)->checked_index;
  }
}

/*!
 * \brief Holds a cached field accessor (the cache only borrows it) and the
 * object's class for a read or write on the general path: the access may
 * run Python code that deletes the accessor from the class or switches the
 * object's class. On success, Sync() updates the cache entry.
 */
class HeldAccessor {
 public:
  HeldAccessor(PyObject* obj, PyObject* descr)
      : tp_(Py_TYPE(obj)), version_(ValidVersionTag(tp_)), descr_(descr) {
    Py_INCREF(tp_);
    Py_INCREF(descr_);
  }
  ~HeldAccessor() {
    Py_DECREF(descr_);
    Py_DECREF(tp_);
  }
  HeldAccessor(const HeldAccessor&) = delete;
  HeldAccessor& operator=(const HeldAccessor&) = delete;

  void Sync(PyObject* name) const { SyncCheckedIndex(tp_, version_, name, descr_); }

 private:
  PyTypeObject* tp_;
  unsigned int version_;
  PyObject* descr_;
};

[[gnu::noinline]] PyObject* GetAttroGeneral(PyObject* obj, PyObject* name) {
  PyObject* descr = nullptr;
  switch (ResolveAttr(Py_TYPE(obj), name, &descr)) {
    case AttrKind::kField: {
      HeldAccessor held(obj, descr);
      PyObject* value = FieldGet(descr, obj, nullptr);
      if (value != nullptr) held.Sync(name);
      return value;
    }
    case AttrKind::kMethod:
      if (!MayHaveInstanceAttributes(obj)) return PyMethod_New(descr, obj);
      break;
    case AttrKind::kOther:
      break;
  }
  return PyObject_GenericGetAttr(obj, name);
}

[[gnu::noinline]] int SetAttroGeneral(PyObject* obj, PyObject* name, PyObject* value) {
  PyObject* descr = nullptr;
  if (ResolveAttr(Py_TYPE(obj), name, &descr) == AttrKind::kField) {
    HeldAccessor held(obj, descr);
    int rc = FieldSet(descr, obj, value);
    if (rc == 0) held.Sync(name);
    return rc;
  }
  return PyObject_GenericSetAttr(obj, name, value);
}

PyObject* FastGetAttro(PyObject* obj, PyObject* name) {
  char* addr = nullptr;
  const AttrCacheEntry* e = CachedFieldHit(obj, name, &addr);
  if (e != nullptr && IsInlineStorage(e->storage)) return ReadInlineField(e->storage, addr);
  return GetAttroGeneral(obj, name);
}

int FastSetAttro(PyObject* obj, PyObject* name, PyObject* value) {
  char* addr = nullptr;
  const AttrCacheEntry* e = CachedFieldHit(obj, name, &addr);
  // The common store (an exact small int or float into a writable field)
  // inline; FieldSet handles every other value and all the errors.
  if (e != nullptr && value != nullptr && e->writable) {
    PyTypeObject* tp = Py_TYPE(value);
    if (e->storage == kTVMFFIFieldStorageInt64 && tp == &PyLong_Type &&
        ReadCompactInt(value, reinterpret_cast<int64_t*>(addr))) {
      return 0;
    }
    if (e->storage == kTVMFFIFieldStorageFloat64 && tp == &PyFloat_Type) {
      *reinterpret_cast<double*>(addr) = PyFloat_AS_DOUBLE(value);
      return 0;
    }
  }
  return SetAttroGeneral(obj, name, value);
}

// ---------------------------------------------------------------------------
// Type information and attributes
// ---------------------------------------------------------------------------

TVMFFIObject* FunctionHandleOf(nb::handle func) {
  if (!PyObject_TypeCheck(func.ptr(), g_function_type)) {
    throw nb::type_error("expected a tvm_ffi.Function");
  }
  TVMFFIObject* h = HandleOf(func.ptr());
  if (h == nullptr) throw nb::python_error();
  return h;
}

}  // namespace

const TVMFFIFieldInfo* FindField(int32_t type_index, std::string_view name,
                                 int32_t* owner_index) {
  const TVMFFITypeInfo* info = TVMFFIGetTypeInfo(type_index);
  if (info == nullptr) return nullptr;
  for (int32_t d = info->type_depth; d >= 0; --d) {
    const TVMFFITypeInfo* t = d == info->type_depth ? info : TVMFFIGetTypeInfo(info->type_ancestors[d]);
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

namespace {

/*!
 * \brief A slot wrapper (what `object.__setattr__` is) for our function, as
 * if Object defined it: `__getattribute__`, `__setattr__` or `__delattr__`.
 * Stored in a class's dict, it makes CPython itself point the class's slot
 * at `fn`, keep it in Python subclasses, and let `super().__setattr__` from
 * a subclass reach it (a slot set behind CPython's back would do neither).
 */
PyObject* SlotWrapper(const char* name, void* fn) {
  PyObject* generic = PyDict_GetItemString(PyBaseObject_Type.tp_dict, name);  // borrowed
  if (generic == nullptr || Py_TYPE(generic) != &PyWrapperDescr_Type) {
    PyErr_Format(PyExc_RuntimeError, "object.%s is not a slot wrapper", name);
    return nullptr;
  }
  return PyDescr_NewWrapper(g_object_type, reinterpret_cast<PyWrapperDescrObject*>(generic)->d_base,
                            fn);
}

/*! \brief Sets `name` on the class to the wrapper, made once and kept. */
bool InstallSlotWrapper(PyTypeObject* tp, const char* name, void* fn, PyObject** cache) {
  if (*cache == nullptr) *cache = SlotWrapper(name, fn);
  return *cache != nullptr && PyObject_SetAttrString(reinterpret_cast<PyObject*>(tp), name, *cache) == 0;
}

}  // namespace

bool EnableFastAttributes(PyTypeObject* tp) {
  // Only a class still on the generic slots is switched: one that defines
  // (or inherits from a Python class) __getattribute__, __getattr__,
  // __setattr__ or __delattr__ keeps its own.
  static PyObject* getattribute = nullptr;
  static PyObject* setattr = nullptr;
  static PyObject* delattr = nullptr;
  bool get = tp->tp_getattro == PyObject_GenericGetAttr;
  bool set = tp->tp_setattro == PyObject_GenericSetAttr;
  if (get && !InstallSlotWrapper(tp, "__getattribute__", reinterpret_cast<void*>(FastGetAttro),
                                 &getattribute)) {
    throw nb::python_error();
  }
  // Both names share the slot: with only one of them ours, CPython would
  // fall back to its Python-level dispatcher.
  if (set && (!InstallSlotWrapper(tp, "__setattr__", reinterpret_cast<void*>(FastSetAttro), &setattr) ||
              !InstallSlotWrapper(tp, "__delattr__", reinterpret_cast<void*>(FastSetAttro), &delattr))) {
    throw nb::python_error();
  }
  return get || set;
}

bool HasFastAttributes(PyTypeObject* tp) {
  return tp->tp_getattro == FastGetAttro || tp->tp_setattro == FastSetAttro;
}

bool InitReflectionTypes(PyObject* module) {
  g_field_accessor_type = reinterpret_cast<PyTypeObject*>(PyType_FromModuleAndSpec(module, &kFieldSpec, nullptr));
  g_method_binder_type = reinterpret_cast<PyTypeObject*>(PyType_FromModuleAndSpec(module, &kMethodSpec, nullptr));
  return g_field_accessor_type != nullptr && g_method_binder_type != nullptr;
}

void BindReflection(nb::module_& m) {
  if (!InitReflectionTypes(m.ptr())) throw nb::python_error();
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

  m.def("_field_accessor", [](int32_t type_index, const std::string& name, bool frozen) {
    const TVMFFITypeInfo* info = RequireType(type_index);
    int32_t owner_index = type_index;
    const TVMFFIFieldInfo* field = FindField(type_index, name, &owner_index);
    if (field == nullptr) {
      throw nb::attribute_error(("`" + std::string(info->type_key.data, info->type_key.size) +
                                 "` has no reflected field `" + name + "`").c_str());
    }
    auto* f = reinterpret_cast<FieldAccessor*>(g_field_accessor_type->tp_alloc(g_field_accessor_type, 0));
    if (f == nullptr) throw nb::python_error();
    nb::object guard = nb::steal(reinterpret_cast<PyObject*>(f));
    f->seen_type = nullptr;
    f->owner_index = owner_index;
    f->checked_index = -1;
    f->offset = field->offset;
    f->storage = field->storage;
    f->writable = !frozen && (field->flags & kTVMFFIFieldFlagWritable) != 0;
    f->getter = field->getter;
    f->setter = field->setter;
    f->name = Str(field->name);
    f->type_key = Str(info->type_key);
    f->type_str = Str(field->type_str);
    f->doc = field->doc.size ? Str(field->doc) : (Py_INCREF(Py_None), Py_None);
    if (!f->name || !f->type_key || !f->type_str || !f->doc) throw nb::python_error();
    return guard;
  }, nb::arg("type_index"), nb::arg("name"), nb::arg("frozen") = false,
  nb::sig("def _field_accessor(type_index: int, name: str, frozen: bool = False) -> FieldAccessor"),
  "A descriptor reading and writing field `name` of objects of the type.");

  m.def("_method_binder", [](nb::handle func, const std::string& name, nb::handle doc, bool is_init) {
    TVMFFIObject* h = FunctionHandleOf(func);
    auto* b = reinterpret_cast<MethodBinder*>(g_method_binder_type->tp_alloc(g_method_binder_type, 0));
    if (b == nullptr) throw nb::python_error();
    nb::object guard = nb::steal(reinterpret_cast<PyObject*>(b));
    b->vectorcall = MethodBinderCall;
    ffi::details::IncRef(h);
    b->func = h;
    b->is_init = is_init;
    b->name = PyUnicode_FromStringAndSize(name.data(), static_cast<Py_ssize_t>(name.size()));
    b->doc = doc.inc_ref().ptr();
    b->signature = nullptr;
    if (b->name == nullptr) throw nb::python_error();
    return guard;
  }, nb::arg("func"), nb::arg("name"), nb::arg("doc").none(), nb::arg("is_init") = false,
  nb::sig("def _method_binder(func: Function, name: str, doc: str | None, is_init: bool = False) -> MethodBinder"),
  "A method descriptor calling `func(self, *args)`; with is_init, a constructor bound to self.");

  m.def("_enable_fast_construct", [](nb::handle cls) {
    RequireObjectSubclass(cls)->tp_vectorcall = FastConstruct;
  }, nb::arg("cls"), nb::sig("def _enable_fast_construct(cls: type[Object]) -> None"),
  "Lets `cls(...)` construct natively in one step while its __init__ is the generated one.");

  m.def("_enable_fast_attributes", [](nb::handle cls) {
    return EnableFastAttributes(RequireObjectSubclass(cls));
  }, nb::arg("cls"), nb::sig("def _enable_fast_attributes(cls: type[Object]) -> bool"),
  "Gives `cls` a cached attribute path for its reflected fields and methods.\n"
  "Returns whether anything was installed (a class's own __getattr__ etc. win).");

  m.def("_has_fast_attributes", [](nb::handle cls) {
    return PyType_Check(cls.ptr()) && HasFastAttributes(reinterpret_cast<PyTypeObject*>(cls.ptr()));
  }, nb::arg("cls"), nb::sig("def _has_fast_attributes(cls: type) -> bool"),
  "Whether `cls` reads and writes fields through the cached attribute path.");

  m.def("_type_info", [](int32_t type_index) {
    const TVMFFITypeInfo* info = RequireType(type_index);
    nb::list fields, methods;
    for (int32_t i = 0; i < info->num_fields; ++i) {
      const TVMFFIFieldInfo& f = info->fields[i];
      nb::object default_value = (f.flags & kTVMFFIFieldFlagHasDefault)
                                     ? ViewToObject(f.default_value)
                                     : nb::none();
      fields.append(nb::make_tuple(nb::steal(Str(f.name)), nb::steal(Str(f.doc)), f.flags,
                                   nb::steal(Str(f.type_str)), f.static_type_index, default_value,
                                   ViewToObject(f.metadata), f.offset));
    }
    for (int32_t i = 0; i < info->num_methods; ++i) {
      const TVMFFIMethodInfo& mth = info->methods[i];
      methods.append(nb::make_tuple(nb::steal(Str(mth.name)), nb::steal(Str(mth.doc)), mth.flags,
                                    ViewToObject(mth.method)));
    }
    nb::list ancestors;
    for (int32_t d = 0; d < info->type_depth; ++d) ancestors.append(info->type_ancestors[d]);
    int64_t flags = info->metadata ? info->metadata->flags : 0;
    return nb::make_tuple(info->type_index, nb::steal(Str(info->type_key)), ancestors, fields,
                          methods, flags);
  }, nb::arg("type_index"),
  nb::sig("def _type_info(type_index: int) -> tuple[int, str, list[int], "
          "list[tuple[str, str, int, str, int, typing.Any, typing.Any, int]], "
          "list[tuple[str, str, int, Function]], int]"),
  "The registry record of a type: (index, key, ancestors, fields, methods, flags).\n"
  "fields: (name, doc, flags, type_str, static_type_index, default, metadata, offset);\n"
  "methods: (name, doc, flags, function).");

  m.def("_object_type_key_to_index", [](const std::string& key) -> nb::object {
    int32_t index = -1;
    TVMFFIByteArray k{key.data(), key.size()};
    if (TVMFFITypeKeyToIndex(&k, &index) != 0) {
      TVMFFIObject* err = nullptr;
      TVMFFIErrorMoveFromRaised(&err);
      if (err != nullptr) ffi::details::DecRef(err);
      return nb::none();
    }
    return nb::int_(index);
  }, nb::arg("type_key"), nb::sig("def _object_type_key_to_index(type_key: str) -> int | None"),
  "The type index of `type_key`, or None when it is not registered.");

  m.def("_lookup_type_attr", [](int32_t type_index, const std::string& name) -> nb::object {
    RequireType(type_index);
    TVMFFIByteArray n{name.data(), name.size()};
    const TVMFFITypeAttrColumn* column = TVMFFIGetTypeAttrColumn(&n);
    if (column == nullptr || type_index >= column->size) return nb::none();
    return ViewToObject(column->data[type_index]);
  }, nb::arg("type_index"), nb::arg("name"),
  nb::sig("def _lookup_type_attr(type_index: int, name: str) -> typing.Any"),
  "Attribute `name` of a type, or None when unset.");

  m.def("_register_type_attr", [](int32_t type_index, const std::string& name, nb::handle value) {
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
  }, nb::arg("type_index"), nb::arg("name"), nb::arg("value").none(),
  nb::sig("def _register_type_attr(type_index: int, name: str, value: typing.Any) -> None"),
  "Registers attribute `name` of a type; RuntimeError when already registered.");

  m.def("_sentinel", [](int32_t kind) {
    TVMFFIObject* s = TVMFFIGetSentinel(kind);
    if (s == nullptr) throw nb::value_error("no such sentinel");
    ffi::details::IncRef(s);
    PyObject* w = WrapOwnedObject(s);
    if (w == nullptr) throw nb::python_error();
    return nb::steal(w);
  }, nb::arg("kind"), nb::sig("def _sentinel(kind: int) -> Object"),
  "The MISSING (0) or KWARGS (1) sentinel object.");
}

}  // namespace tvm_ffi_py
