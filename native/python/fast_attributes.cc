/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file fast_attributes.cc
 * \brief The cached attribute path of classes with reflected fields: their
 *        own tp_getattro/tp_setattro, declared through slot wrappers.
 */
#include "reflection_types.h"

#include <tvm/ffi/any.h>

namespace nb = nanobind;

namespace tvm_ffi_py {
namespace {

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
 * \brief The cached field `name` of a checked wrapper type, or NULL: the
 * hit the fast paths below are built around, kept small enough that the
 * compiler leaves the general path (and its register spills) out of it.
 */
inline const AttrCacheEntry* CachedFieldHit(PyObject* obj, PyObject* name, char** addr) {
  unsigned int version = ValidVersionTag(Py_TYPE(obj));
  TVMFFIObject* h = reinterpret_cast<PyFFIObject*>(obj)->handle;
  if (h == nullptr) return nullptr;
  const AttrCacheEntry& e = AttrCacheSlot(version, name);
  // Three compares are the whole check (this is on every field access):
  // - an invalid tag (0) never matches, as no entry is stored under 0 and an
  //   empty entry's name is NULL;
  // - checked_index is -1 (never a type index) unless the entry is an inline
  //   field whose owner check passed for this native type (SyncCheckedIndex),
  //   so it also stands for "kind is kField" and "storage is inline".
  if (e.version != version || e.name != name || h->type_index != e.checked_index) {
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
  // Only inline storages get a checked index: CachedFieldHit's callers read
  // and write those directly (see there).
  if (e.version == version && e.name == name && e.kind == AttrKind::kField && e.descr == descr &&
      IsInlineStorage(e.storage)) {
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

/*!
 * \brief Stores the object `h` (a reference is taken) into the object field
 * at `addr`. Storing the object the field already holds changes nothing, so
 * it skips the two atomic reference-count updates.
 */
inline void StoreObject(char* addr, TVMFFIObject* h) {
  TVMFFIObject* old = *reinterpret_cast<TVMFFIObject**>(addr);
  if (old == h) return;
  tvm::ffi::details::IncRef(h);
  *reinterpret_cast<TVMFFIObject**>(addr) = h;
  if (old != nullptr) tvm::ffi::details::DecRef(old);  // may run finalizers: after the store
}

/*!
 * \brief The store of an object of the declared class, or a str, into a
 * field that takes such values unchanged (kTVMFFIFieldFlagDirectStore, set
 * for @py_class fields of a plain class, str or bytes type), when the value
 * is not of the class last accepted (FastSetAttro checks that): no Any
 * round trip, no setter call. 0 stored, -1 error, 1 not this case.
 */
[[gnu::noinline]] int TryDirectObjectStore(const AttrCacheEntry* e, char* addr, PyObject* value) {
  auto* f = reinterpret_cast<FieldAccessor*>(e->descr);
  const TVMFFIFieldInfo* field = f->field;
  if (!(field->flags & kTVMFFIFieldFlagDirectStore)) return 1;
  if (e->storage == kTVMFFIFieldStorageObject) {
    if (!IsObjectWrapper(value)) return 1;
    TVMFFIObject* h = reinterpret_cast<PyFFIObject*>(value)->handle;
    if (h == nullptr ||
        !tvm::ffi::details::IsInstanceOfIndex(h->type_index, field->static_type_index)) {
      return 1;
    }
    PyTypeObject* tp = Py_TYPE(value);
    if (tp != f->accepted_value_type) {
      Py_INCREF(tp);
      Py_XSETREF(f->accepted_value_type, tp);
    }
    f->accepted_value_index = h->type_index;
    StoreObject(addr, h);
    return 0;
  }
  if (field->static_type_index != kTVMFFIStr || Py_TYPE(value) != &PyUnicode_Type) return 1;
  TVMFFIAny owned;
  if (!SmallAsciiToAny(value, &owned) && !PyToAnyOwned(value, &owned)) return -1;
  TVMFFIAny old = *reinterpret_cast<TVMFFIAny*>(addr);
  *reinterpret_cast<TVMFFIAny*>(addr) = owned;
  tvm::ffi::details::DecRefAny(old);
  return 0;
}

PyObject* FastGetAttro(PyObject* obj, PyObject* name) {
  char* addr = nullptr;
  const AttrCacheEntry* e = CachedFieldHit(obj, name, &addr);
  if (e != nullptr) return ReadInlineField(e->storage, addr);  // inline, as CachedFieldHit says
  return GetAttroGeneral(obj, name);
}

int FastSetAttro(PyObject* obj, PyObject* name, PyObject* value) {
  char* addr = nullptr;
  const AttrCacheEntry* e = CachedFieldHit(obj, name, &addr);
  // The common store (an exact small int, float or bool into a writable field)
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
    if (e->storage == kTVMFFIFieldStorageBool && tp == &PyBool_Type) {
      *reinterpret_cast<uint8_t*>(addr) = value == Py_True;
      return 0;
    }
    if (e->storage == kTVMFFIFieldStorageObject) {
      // A value of the wrapper class and native type last accepted (set
      // only for direct-store fields) is known to be of the field's type.
      auto* f = reinterpret_cast<FieldAccessor*>(e->descr);
      if (tp == f->accepted_value_type) {
        TVMFFIObject* h = reinterpret_cast<PyFFIObject*>(value)->handle;
        if (h != nullptr && h->type_index == f->accepted_value_index) {
          StoreObject(addr, h);
          return 0;
        }
      }
    }
    if (e->storage == kTVMFFIFieldStorageObject || e->storage == kTVMFFIFieldStorageAny) {
      int rc = TryDirectObjectStore(e, addr, value);
      if (rc != 1) return rc;
    }
  }
  return SetAttroGeneral(obj, name, value);
}

/*!
 * \brief A slot wrapper (what `object.__setattr__` is) for our function, as
 * if Object defined it: `__getattribute__`, `__setattr__` or `__delattr__`.
 * Stored in a class's dict, it makes CPython itself point the class's slot
 * at `fn`, keep it in Python subclasses, and let `super().__setattr__` from
 * a subclass reach it (a slot set behind CPython's back would do neither).
 */
PyObject* SlotWrapper(const char* name, void* fn) {
  // Looked up through the type, not `PyBaseObject_Type.tp_dict`: from 3.12
  // a static builtin type's tp_dict is NULL (its dict lives in the
  // interpreter state), and reading it there crashed.
  nb::object generic =
      nb::steal(PyObject_GetAttrString(reinterpret_cast<PyObject*>(&PyBaseObject_Type), name));
  if (!generic.is_valid() || Py_TYPE(generic.ptr()) != &PyWrapperDescr_Type) {
    PyErr_Clear();
    PyErr_Format(PyExc_RuntimeError, "object.%s is not a slot wrapper", name);
    return nullptr;
  }
  return PyDescr_NewWrapper(g_object_type,
                            reinterpret_cast<PyWrapperDescrObject*>(generic.ptr())->d_base, fn);
}

/*! \brief Sets `name` on the class to the wrapper, made once and kept. */
bool InstallSlotWrapper(PyTypeObject* tp, const char* name, void* fn, PyObject** cache) {
  if (*cache == nullptr) *cache = SlotWrapper(name, fn);
  return *cache != nullptr &&
         PyObject_SetAttrString(reinterpret_cast<PyObject*>(tp), name, *cache) == 0;
}

}  // namespace

bool EnableFastAttributes(PyTypeObject* tp) {
  // Only a class still on the generic slots is switched: one that defines
  // (or inherits from a Python class) __getattribute__, __getattr__,
  // __setattr__ or __delattr__ keeps its own.
  static PyObject* getattribute = nullptr;
  static PyObject* setattr = nullptr;
  static PyObject* delattr = nullptr;
  if constexpr (!kKnownLayout) return false;  // see cpython_layout.h
  bool get = tp->tp_getattro == PyObject_GenericGetAttr;
  bool set = tp->tp_setattro == PyObject_GenericSetAttr;
  if (get && !InstallSlotWrapper(tp, "__getattribute__", reinterpret_cast<void*>(FastGetAttro),
                                 &getattribute)) {
    throw nb::python_error();
  }
  // Both names share the slot: with only one of them ours, CPython would
  // fall back to its Python-level dispatcher.
  if (set &&
      (!InstallSlotWrapper(tp, "__setattr__", reinterpret_cast<void*>(FastSetAttro), &setattr) ||
       !InstallSlotWrapper(tp, "__delattr__", reinterpret_cast<void*>(FastSetAttro), &delattr))) {
    throw nb::python_error();
  }
  return get || set;
}

bool HasFastAttributes(PyTypeObject* tp) {
  return tp->tp_getattro == FastGetAttro || tp->tp_setattro == FastSetAttro;
}

}  // namespace tvm_ffi_py
