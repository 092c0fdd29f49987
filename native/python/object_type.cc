/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file object_type.cc
 * \brief The Python `Object` base type, wrapper identity and the class table.
 *
 * Identity: a native object points back at its live wrapper through the
 * header's binding_slot. Wrapping an object that already has a wrapper
 * returns that wrapper; the wrapper clears the slot when it dies. So an
 * object passed to C++ and handed back is the same Python object, with no
 * global map to look up or keep in sync. Every access happens under the GIL.
 */
#include "module.h"  // Python.h first, as structmember.h needs it

#include <structmember.h>
#include <tvm/ffi/any.h>

#include <string>
#include <vector>

namespace tvm_ffi_py {

PyTypeObject* g_object_type = nullptr;
PyTypeObject* g_function_type = nullptr;

namespace {

/*! \brief The class of objects of types with no Python class (see kUnboundSpec). */
PyTypeObject* g_unbound_type = nullptr;

/*!
 * \brief Classes by type index. `explicit_` holds what Python registered
 * (strong references); `resolved_` caches, per index, the class of the
 * nearest registered ancestor, and is dropped whenever a class is registered.
 */
struct ClassTable {
  std::vector<PyObject*> explicit_;
  std::vector<PyTypeObject*> resolved_;
  std::vector<uint8_t> is_function_;

  PyTypeObject* Resolve(int32_t index) {
    if (index >= 0 && static_cast<size_t>(index) < resolved_.size() && resolved_[index]) {
      return resolved_[index];
    }
    PyTypeObject* cls = Lookup(index);
    if (index >= 0) {
      if (resolved_.size() <= static_cast<size_t>(index)) {
        resolved_.resize(index + 1, nullptr);
        is_function_.resize(index + 1, 0);
      }
      resolved_[index] = cls;
      is_function_[index] = PyType_IsSubtype(cls, g_function_type) ? 1 : 0;
    }
    return cls;
  }

  bool IsFunction(int32_t index) const {
    return index >= 0 && static_cast<size_t>(index) < is_function_.size() && is_function_[index];
  }

 private:
  PyTypeObject* Lookup(int32_t index) {
    if (PyObject* c = Explicit(index)) return reinterpret_cast<PyTypeObject*>(c);
    if (const TVMFFITypeInfo* info = TVMFFIGetTypeInfo(index)) {
      for (int32_t d = info->type_depth - 1; d >= 0; --d) {
        if (PyObject* c = Explicit(info->type_ancestors[d])) {
          return reinterpret_cast<PyTypeObject*>(c);
        }
      }
    }
    return g_unbound_type;
  }
  PyObject* Explicit(int32_t index) const {
    if (index < 0 || static_cast<size_t>(index) >= explicit_.size()) return nullptr;
    return explicit_[index];
  }
};

ClassTable& Classes() {
  static ClassTable* table = new ClassTable();  // lives as long as the interpreter may call us
  return *table;
}

/*! \brief Whether dying wrappers may park (the exit handler that ends it is registered). */
bool g_parking_enabled = false;

// ---------------------------------------------------------------------------
// Object type slots
// ---------------------------------------------------------------------------

/*!
 * \brief Memory of dead plain wrappers (see DropInstanceGC), reused by
 * AllocWrapper. Every plain wrapper has the same size, so one list serves
 * all their classes; reading an object field with no wrapper alive makes
 * and drops one each time, and this turns that into two pointer moves.
 * Accessed under the GIL only.
 */
struct WrapperFreeList {
  static constexpr int kCapacity = 256;
  void* blocks[kCapacity];
  int size = 0;
};
WrapperFreeList g_free_wrappers;

/*! \brief Whether instances of `tp` are plain wrappers, allocated by AllocWrapper. */
inline bool IsPlainWrapperType(PyTypeObject* tp) {
  return tp->tp_free == PyObject_Free && tp->tp_basicsize == sizeof(PyFFIObject) &&
         tp->tp_alloc == PyType_GenericAlloc;
}

/*! \brief Frees a dead wrapper's memory (to the free list when it is a plain one). */
inline void FreeWrapperMemory(PyObject* self, PyTypeObject* tp) {
  if (IsPlainWrapperType(tp) && g_free_wrappers.size < WrapperFreeList::kCapacity) {
    g_free_wrappers.blocks[g_free_wrappers.size++] = self;
  } else {
    tp->tp_free(self);
  }
}

/*!
 * \brief The last (class, native type index) pair ParkWrapper accepted: a
 * wrapper of that class around an object of that type may park without
 * looking the class up again. Reset whenever a class is registered or
 * forgotten (ClassesChanged). Only ever set while parking is enabled.
 */
PyTypeObject* g_parkable_class = nullptr;
int32_t g_parkable_index = -1;

/*!
 * \brief Whether a wrapper of class `tp` around an object of `type_index`
 * may park: a plain wrapper of the class registered for exactly this type.
 * Revived, it must be of the class a new wrapper would be (not one whose
 * `__class__` was assigned), and a subtype that only inherits a plain
 * class may hold Python objects the parked reference would hide from GC.
 */
inline bool IsParkableClass(PyTypeObject* tp, int32_t type_index) {
  if (tp == g_parkable_class && type_index == g_parkable_index) return true;
  if (!IsPlainWrapperType(tp) || RegisteredClass(type_index) != reinterpret_cast<PyObject*>(tp)) {
    return false;
  }
  g_parkable_class = tp;  // compared only, never dereferenced
  g_parkable_index = type_index;
  return true;
}

/*!
 * \brief Brings a wrapper whose dealloc is running back to life with one
 * reference, the park's, with Py_INCREF as CPython's own finalizer
 * resurrection does (debug builds, whose reference total this could not
 * keep balanced across a release, do not park at all).
 *
 * A 3.13 reference tracer (PyRefTracer_SetTracer) was told of the death
 * and is not told of the resurrection, so it sees one DESTROY per park and
 * no CREATE. tracemalloc, the tracer CPython ships, only reads CREATE; a
 * check for another on every park (PyRefTracer_GetTracer) cost a tenth of
 * a field read, so there is none.
 */
inline void Resurrect(PyObject* self) { Py_INCREF(self); }

/*!
 * \brief Makes `self`, dying and bound to its object, the parked wrapper,
 * releasing the one parked before (last: that may run deleters).
 */
inline void Park(PyObject* self) {
  PyObject* previous = g_parked;
  Resurrect(self);  // from here a live object, reachable only through g_parked
  g_parked = self;
  if (previous != nullptr) ReleaseParkedBlock(previous);
}

/*!
 * \brief Parks a dying plain wrapper instead of releasing it (see g_parked
 * in module.h): it is resurrected with the one reference the park owns,
 * stays bound to `h` with its native reference and its class, and the
 * wrapper parked before is released. Only when someone else holds `h` too
 * (so parking keeps nothing alive that would otherwise be freed) and
 * nothing rebound it while weakref callbacks ran. Returns whether it parked.
 */
bool ParkWrapper(PyObject* self, PyTypeObject* tp, TVMFFIObject* h) {
  if (!g_parking_enabled || h->binding_slot != nullptr ||
      __atomic_load_n(&h->ref_count, __ATOMIC_RELAXED) <= 1 ||
      !IsParkableClass(tp, h->type_index)) {
    return false;
  }
  h->binding_slot = self;
  Park(self);
  return true;
}

/*! \brief At exit the parked reference is dropped (the memory goes with the interpreter). */
void DropParkedAtExit() {
  if (g_parked == nullptr) return;
  TVMFFIObject* h = reinterpret_cast<PyFFIObject*>(g_parked)->handle;
  g_parked = nullptr;
  h->binding_slot = nullptr;
  tvm::ffi::details::DecRef(h);
}

/*!
 * \brief ObjectDealloc past its fast path: finalizer, weak references,
 * parking with every check, or the release. Kept out of line so the fast
 * path's prologue stays small.
 */
[[gnu::noinline]] void ObjectDeallocGeneral(PyObject* self) {
  auto* o = reinterpret_cast<PyFFIObject*>(self);
  PyTypeObject* tp = Py_TYPE(self);
  // Our own GC types come here directly; subclasses after subtype_dealloc
  // untracked them (a no-op then).
  if (tp->tp_flags & Py_TPFLAGS_HAVE_GC) PyObject_GC_UnTrack(self);
  // GC classes come here through subtype_dealloc, which has run `__del__`;
  // a plain class comes here directly (DropInstanceGC), so runs it itself.
  if (tp->tp_finalize != nullptr && !(tp->tp_flags & Py_TPFLAGS_HAVE_GC)) {
    if (PyObject_CallFinalizerFromDealloc(self) < 0) return;  // resurrected
    // `__del__` may have assigned `__class__`: the class reference the
    // object holds, and frees with it, is now that one's.
    tp = Py_TYPE(self);
  }
  // The native object forgets this wrapper before weakref callbacks run:
  // one that reads the object back (`parent.child`) must get a new wrapper,
  // not this dying one (whose memory is about to be freed or reused).
  TVMFFIObject* h = o->handle;
  if (h != nullptr && h->binding_slot == self) h->binding_slot = nullptr;
  if (o->weakrefs != nullptr) PyObject_ClearWeakRefs(self);
  if (h != nullptr && ParkWrapper(self, tp, h)) return;
  if (h != nullptr) {
    o->handle = nullptr;
    tvm::ffi::details::DecRef(h);
  }
  FreeWrapperMemory(self, tp);
  Py_DECREF(tp);
}

void ObjectDealloc(PyObject* self) {
  auto* o = reinterpret_cast<PyFFIObject*>(self);
  PyTypeObject* tp = Py_TYPE(self);
  // The common case, ParkWrapper's checks in their cheapest form: a wrapper
  // of the class last parked (so a plain, non-GC class registered for
  // exactly this type), with no `__del__`, no weak references and other
  // owners of its object, parks again, still bound.
  if (tp == g_parkable_class && tp->tp_finalize == nullptr && o->weakrefs == nullptr) {
    TVMFFIObject* h = o->handle;
    if (h != nullptr && h->binding_slot == self && h->type_index == g_parkable_index &&
        __atomic_load_n(&h->ref_count, __ATOMIC_RELAXED) > 1) {
      Park(self);
      return;
    }
  }
  ObjectDeallocGeneral(self);
}

// ---------------------------------------------------------------------------
// Cycle collection
//
// A wrapper is the one owner the collector can see of whatever its native
// object owns alone (TVMFFIObjectVisitOwnedLeaves): the Python objects held
// by OpaquePyObjects and by Functions made from Python callables in that
// subgraph. Reporting them from tp_traverse lets the collector find cycles
// such as `h.l = List([h])`; tp_clear breaks one by dropping the native
// object. Cycles of native objects alone stay with reference counting.
// ---------------------------------------------------------------------------

/*! \brief The Python object a native leaf holds a reference to (borrowed), or NULL. */
PyObject* HeldPyObject(TVMFFIObject* leaf) {
  if (leaf->type_index == kTVMFFIOpaquePyObject) {
    const auto* cell = reinterpret_cast<const TVMFFIOpaqueObjectCell*>(leaf + 1);
    // Another binding's opaque objects hold something that is not ours to visit.
    return cell->release == ReleasePyReference ? static_cast<PyObject*>(cell->handle) : nullptr;
  }
  return WrappedPyCallable(leaf);
}

struct TraverseArgs {
  visitproc visit;
  void* arg;
};

int VisitHeld(TVMFFIObject* leaf, void* ctx) {
  PyObject* held = HeldPyObject(leaf);
  if (held == nullptr) return 0;
  auto* args = static_cast<TraverseArgs*>(ctx);
  return args->visit(held, args->arg);
}

int VisitNative(PyObject* self, visitproc visit, void* arg) {
  TVMFFIObject* h = reinterpret_cast<PyFFIObject*>(self)->handle;
  if (h == nullptr) return 0;
  TraverseArgs args{visit, arg};
  return TVMFFIObjectVisitOwnedLeaves(h, VisitHeld, &args);
}

/*!
 * \brief tp_traverse of every wrapper type. An instance of a heap type holds
 * a reference to its class and must visit it. Object itself is not a GC
 * type, but it is a heap type with a tp_traverse, so subtype_traverse of a
 * Python subclass leaves the class visit to it (CPython 3.10-3.13) just as
 * for Function and UnboundObject, which are GC types of their own.
 */
int ObjectTraverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(Py_TYPE(self));
  return VisitNative(self, visit, arg);
}

/*!
 * \brief tp_clear: the wrapper lets go of its native object. Only garbage
 * is cleared, so nothing reads the wrapper afterwards; were something to,
 * every path checks for a missing handle and raises.
 */
int ObjectClear(PyObject* self) {
  auto* o = reinterpret_cast<PyFFIObject*>(self);
  TVMFFIObject* h = o->handle;
  if (h == nullptr) return 0;
  if (h->binding_slot == self) h->binding_slot = nullptr;
  o->handle = nullptr;
  tvm::ffi::details::DecRef(h);
  return 0;
}

PyObject* ObjectNew(PyTypeObject* type, PyObject*, PyObject*) {
  PyObject* self = AllocWrapper(type);
  if (self == nullptr) return nullptr;
  reinterpret_cast<PyFFIObject*>(self)->handle = nullptr;
  if (PyType_IsSubtype(type, g_function_type)) {
    reinterpret_cast<PyFFIFunction*>(self)->vectorcall = FunctionVectorcall();
  }
  return self;
}

PyObject* ObjectRepr(PyObject* self) {
  TVMFFIObject* h = reinterpret_cast<PyFFIObject*>(self)->handle;
  if (h == nullptr) return PyUnicode_FromFormat("<%s (uninitialized)>", Py_TYPE(self)->tp_name);
  return ReprViaEngine(self);
}

/*!
 * \brief The reflected field `name` of an unbound wrapper's type, or NULL
 * (also when the class defines the name: class attributes come first).
 */
const TVMFFIFieldInfo* UnboundField(PyObject* self, PyObject* name) {
  TVMFFIObject* h = reinterpret_cast<PyFFIObject*>(self)->handle;
  if (h == nullptr || !PyUnicode_Check(name) || _PyType_Lookup(Py_TYPE(self), name) != nullptr) {
    return nullptr;
  }
  Py_ssize_t n = 0;
  const char* s = PyUnicode_AsUTF8AndSize(name, &n);
  if (s == nullptr) {
    PyErr_Clear();  // not encodable: no field has that name
    return nullptr;
  }
  return FindField(h->type_index, std::string_view(s, static_cast<size_t>(n)));
}

/*!
 * \brief Attribute lookup for objects whose type has no Python class: the
 * reflected fields by name, then the usual lookup.
 */
PyObject* ObjectGetAttro(PyObject* self, PyObject* name) {
  if (const TVMFFIFieldInfo* f = UnboundField(self, name)) {
    return ReadFieldValue(reinterpret_cast<PyFFIObject*>(self)->handle, f->storage, f->getter,
                          f->offset);
  }
  return PyObject_GenericGetAttr(self, name);
}

PyObject* ObjectGetTypeKey(PyObject* self, void*) {
  TVMFFIObject* h = HandleOf(self);
  if (h == nullptr) return nullptr;
  std::string key = tvm::ffi::details::TypeIndexToKey(h->type_index);
  return PyUnicode_FromStringAndSize(key.data(), static_cast<Py_ssize_t>(key.size()));
}

PyObject* ObjectGetTypeIndex(PyObject* self, void*) {
  TVMFFIObject* h = HandleOf(self);
  if (h == nullptr) return nullptr;
  return PyLong_FromLong(h->type_index);
}

PyObject* ObjectGetHandleAddr(PyObject* self, void*) {
  TVMFFIObject* h = reinterpret_cast<PyFFIObject*>(self)->handle;
  return PyLong_FromVoidPtr(h);
}

PyObject* ObjectSameAs(PyObject* self, PyObject* other) {
  if (!IsObjectWrapper(other)) Py_RETURN_FALSE;
  TVMFFIObject* a = reinterpret_cast<PyFFIObject*>(self)->handle;
  TVMFFIObject* b = reinterpret_cast<PyFFIObject*>(other)->handle;
  if (a != nullptr && a == b) Py_RETURN_TRUE;
  Py_RETURN_FALSE;
}

/*!
 * \brief `self.__init_handle_by_constructor__(fconstructor, *args)`: calls a
 * native constructor and binds its result to this (fresh) wrapper, so a
 * Python `__init__` can build the native object behind `self`.
 */
PyObject* ObjectInitByConstructor(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs < 1 || !PyObject_TypeCheck(args[0], g_function_type)) {
    return RaiseTypeError("__init_handle_by_constructor__ expects a Function as first argument");
  }
  TVMFFIObject* func = reinterpret_cast<PyFFIObject*>(args[0])->handle;
  if (func == nullptr)
    return RaiseTypeError("__init_handle_by_constructor__: uninitialized Function");
  // Called raw: wrapping the result first would give the object another
  // wrapper, and `self` must be the one.
  PackedBuffer packed;
  if (!PackArgs(args + 1, nargs - 1, nullptr, &packed)) return nullptr;
  TVMFFIAny result;
  if (!CallFunctionRaw(func, packed, &result)) return nullptr;
  if (result.type_index < kTVMFFIStaticObjectBegin) {
    tvm::ffi::details::DecRefAny(result);
    return RaiseTypeError(
        "__init_handle_by_constructor__: the constructor did not return an object");
  }
  if (!BindHandle(self, result.v_obj)) return nullptr;
  Py_RETURN_NONE;
}

/*! \brief `copy.deepcopy(obj)`: the DeepCopy engine, one native call for the graph. */
PyObject* ObjectDeepCopy(PyObject* self, PyObject* /*memo*/) {
  TVMFFIObject* h = HandleOf(self);
  if (h == nullptr) return nullptr;
  TVMFFIAny view, out;
  view.type_index = h->type_index;
  view.zero_padding = 0;
  view.v_obj = h;
  if (TVMFFIDeepCopy(&view, &out) != 0) return RaisePythonFromFFIError();
  return AnyOwnedToPy(out);
}

/*!
 * \brief `copy.copy(obj)`: the type's `__ffi_shallow_copy__`; objects
 * compared by identity (functions, errors, sentinels) are their own copy.
 */
PyObject* ObjectCopy(PyObject* self, PyObject*) {
  TVMFFIObject* h = HandleOf(self);
  if (h == nullptr) return nullptr;
  switch (h->type_index) {
    case kTVMFFIFunction:
    case kTVMFFIError:
    case kTVMFFISentinel:
    case kTVMFFIModule:
      Py_INCREF(self);
      return self;
    default:
      break;
  }
  // A column never moves once it exists (type_registry.cc), so it is looked
  // up by name (a lock and a map lookup) only until it is found.
  static const TVMFFITypeAttrColumn* column = nullptr;
  if (column == nullptr) {
    static const char kName[] = "__ffi_shallow_copy__";
    TVMFFIByteArray name{kName, sizeof(kName) - 1};
    column = TVMFFIGetTypeAttrColumn(&name);
  }
  if (column == nullptr || h->type_index >= column->size ||
      column->data[h->type_index].type_index != kTVMFFIFunction) {
    std::string key = tvm::ffi::details::TypeIndexToKey(h->type_index);
    PyErr_Format(PyExc_TypeError, "`%s` objects cannot be copied (no __ffi_shallow_copy__)",
                 key.c_str());
    return nullptr;
  }
  PyObject* argv[] = {self};
  return CallFunctionHandle(column->data[h->type_index].v_obj, argv, 1);
}

// Pickling goes through the JSON graph format, written in Python over the
// native serializer (tvm_ffi/_pickle.py): it also names the Python classes
// whose modules a fresh process must import before the graph can load.
PyObject* ObjectReduce(PyObject* self, PyObject*) {
  static PyObject* reduce_object = nullptr;
  PyObject* fn = ImportedOnce(&reduce_object, "tvm_ffi._pickle", "reduce_object");
  return fn == nullptr ? nullptr : PyObject_CallOneArg(fn, self);
}

PyGetSetDef kObjectGetSet[] = {{"type_key", ObjectGetTypeKey, nullptr,
                                "The registered type key of the native object.", nullptr},
                               {"_type_index", ObjectGetTypeIndex, nullptr,
                                "The runtime type index of the native object.", nullptr},
                               {"_handle_addr", ObjectGetHandleAddr, nullptr,
                                "Address of the native object (0 if none).", nullptr},
                               {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyMethodDef kObjectMethods[] = {
    {"same_as", reinterpret_cast<PyCFunction>(ObjectSameAs), METH_O,
     "same_as(self, other) -> bool\n--\n\nWhether both refer to the same native object."},
    {"__init_handle_by_constructor__", reinterpret_cast<PyCFunction>(ObjectInitByConstructor),
     METH_FASTCALL, "Calls a native constructor and binds the new object to this wrapper."},
    {"__reduce__", reinterpret_cast<PyCFunction>(ObjectReduce), METH_NOARGS,
     "Pickle support: the object's JSON graph, and the classes to import first."},
    {"__deepcopy__", reinterpret_cast<PyCFunction>(ObjectDeepCopy), METH_O,
     "A deep copy through the native DeepCopy engine."},
    {"__copy__", reinterpret_cast<PyCFunction>(ObjectCopy), METH_NOARGS,
     "A shallow copy through the type's __ffi_shallow_copy__."},
    {nullptr, nullptr, 0, nullptr}};

PyMemberDef kObjectMembers[] = {
    {"__weaklistoffset__", T_PYSSIZET, offsetof(PyFFIObject, weakrefs), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

PyType_Slot kObjectSlots[] = {
    {Py_tp_doc,
     const_cast<char*>("Base class of every object shared with C++.\n\n"
                       "A wrapper holds one reference to a native object. Objects returned\n"
                       "from C++ come back as the same wrapper while it is alive.")},
    {Py_tp_dealloc, reinterpret_cast<void*>(ObjectDealloc)},
    {Py_tp_new, reinterpret_cast<void*>(ObjectNew)},
    {Py_tp_repr, reinterpret_cast<void*>(ObjectRepr)},
    {Py_tp_traverse, reinterpret_cast<void*>(ObjectTraverse)},
    {Py_tp_clear, reinterpret_cast<void*>(ObjectClear)},
    {Py_tp_getset, kObjectGetSet},
    {Py_tp_methods, kObjectMethods},
    {Py_tp_members, kObjectMembers},
    {0, nullptr}};

PyType_Spec kObjectSpec = {"tvm_ffi.core.Object", sizeof(PyFFIObject), 0,
                           Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, kObjectSlots};

// The class of objects whose type has no Python class bound (nor an
// ancestor's): it reads reflected fields by name. Bound classes install
// descriptors instead, reached through the cached attribute path.
/*! \brief Attribute assignment: writable reflected fields by name, else the usual. */
int ObjectSetAttro(PyObject* self, PyObject* name, PyObject* value) {
  const TVMFFIFieldInfo* f = UnboundField(self, name);
  if (f == nullptr) return PyObject_GenericSetAttr(self, name, value);
  TVMFFIObject* h = reinterpret_cast<PyFFIObject*>(self)->handle;
  const TVMFFITypeInfo* info = TVMFFIGetTypeInfo(h->type_index);
  PyObject* key = PyUnicode_FromStringAndSize(info->type_key.data, info->type_key.size);
  if (key == nullptr) return -1;
  int rc = -1;
  if (value == nullptr) {
    PyErr_Format(PyExc_AttributeError, "cannot delete field '%U' of '%U'", name, key);
  } else if (!(f->flags & kTVMFFIFieldFlagWritable)) {
    PyErr_Format(PyExc_AttributeError, "cannot assign to field '%U' of '%U': it is read-only", name,
                 key);
  } else if (PyObject* type_str = PyUnicode_FromStringAndSize(f->type_str.data, f->type_str.size)) {
    rc = WriteFieldValue(reinterpret_cast<char*>(h) + f->offset, f->storage, f, value, name, key,
                         type_str);
    Py_DECREF(type_str);
  }
  Py_DECREF(key);
  return rc;
}

PyType_Slot kUnboundSlots[] = {
    {Py_tp_doc,
     const_cast<char*>("An object of a registered type with no Python class: its reflected\n"
                       "fields are readable by name.")},
    {Py_tp_getattro, reinterpret_cast<void*>(ObjectGetAttro)},
    {Py_tp_setattro, reinterpret_cast<void*>(ObjectSetAttro)},
    {Py_tp_traverse, reinterpret_cast<void*>(ObjectTraverse)},
    {Py_tp_clear, reinterpret_cast<void*>(ObjectClear)},
    {0, nullptr}};

PyType_Spec kUnboundSpec = {"tvm_ffi.core.UnboundObject", sizeof(PyFFIObject), 0,
                            Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, kUnboundSlots};

// ---------------------------------------------------------------------------
// Function type: an Object with a per-instance vectorcall slot.
// ---------------------------------------------------------------------------

PyMemberDef kFunctionMembers[] = {
    {"__vectorcalloffset__", T_PYSSIZET, offsetof(PyFFIFunction, vectorcall), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

PyType_Slot kFunctionSlots[] = {
    {Py_tp_doc, const_cast<char*>("A packed function callable from Python and C++.")},
    {Py_tp_call, reinterpret_cast<void*>(PyVectorcall_Call)},
    {Py_tp_members, kFunctionMembers},
    {Py_tp_traverse, reinterpret_cast<void*>(ObjectTraverse)},
    {Py_tp_clear, reinterpret_cast<void*>(ObjectClear)},
    {0, nullptr}};

// A GC type, unlike Object: a Function made from a Python callable holds it
// (often a closure over the Function's own wrapper).
PyType_Spec kFunctionSpec = {
    "tvm_ffi.core.Function", sizeof(PyFFIFunction), 0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_HAVE_GC,
    kFunctionSlots};

}  // namespace

bool InitObjectTypes(PyObject* module) {
  g_object_type =
      reinterpret_cast<PyTypeObject*>(PyType_FromModuleAndSpec(module, &kObjectSpec, nullptr));
  if (g_object_type == nullptr) return false;
  g_function_type = reinterpret_cast<PyTypeObject*>(
      PyType_FromModuleAndSpec(module, &kFunctionSpec, reinterpret_cast<PyObject*>(g_object_type)));
  if (g_function_type == nullptr) return false;
  g_unbound_type = reinterpret_cast<PyTypeObject*>(
      PyType_FromModuleAndSpec(module, &kUnboundSpec, reinterpret_cast<PyObject*>(g_object_type)));
  if (g_unbound_type == nullptr) return false;
  RegisterObjectClass(kTVMFFIFunction, reinterpret_cast<PyObject*>(g_function_type));
  // Without an exit handler a parked reference would never be dropped, so
  // parking stays off (a full Py_AtExit table costs speed, not the import).
  g_parking_enabled = Py_AtExit(DropParkedAtExit) == 0;
#if defined(Py_REF_DEBUG) || defined(Py_TRACE_REFS)
  // A debug build counts every reference in a total, which a wrapper the
  // park releases (freed at count 1, not decremented to 0) would leave one
  // too high; a Py_TRACE_REFS build keeps live objects on a list that
  // _Py_Dealloc has already taken a dying one off. Neither parks.
  g_parking_enabled = false;
#endif
  return true;
}

/*!
 * \brief After a class is registered or forgotten: what wraps each type may
 * have changed, so the table's resolutions, the parkable pair and the parked
 * wrapper (whose class may no longer be the one a new wrapper would get) go.
 */
static void ClassesChanged(ClassTable& t) {
  t.resolved_.clear();
  t.is_function_.clear();
  g_parkable_class = nullptr;
  ReleaseParked();
}

void RegisterObjectClass(int32_t type_index, PyObject* cls) {
  ClassTable& t = Classes();
  if (t.explicit_.size() <= static_cast<size_t>(type_index)) {
    t.explicit_.resize(type_index + 1, nullptr);
  }
  Py_INCREF(cls);
  PyObject* previous = t.explicit_[type_index];
  t.explicit_[type_index] = cls;
  ClassesChanged(t);
  Py_XDECREF(previous);  // last: freeing a class may run code that wraps objects
}

void ForgetObjectClass(int32_t type_index) {
  ClassTable& t = Classes();
  if (type_index < 0 || static_cast<size_t>(type_index) >= t.explicit_.size()) return;
  PyObject* previous = t.explicit_[type_index];
  t.explicit_[type_index] = nullptr;
  ClassesChanged(t);
  Py_XDECREF(previous);  // last: freeing a class may run code that wraps objects
}

PyObject* RegisteredClass(int32_t type_index) {
  ClassTable& t = Classes();
  if (type_index < 0 || static_cast<size_t>(type_index) >= t.explicit_.size()) return nullptr;
  return t.explicit_[type_index];
}

PyObject* g_parked = nullptr;

void ReleaseParkedBlock(PyObject* block) {
  // The park owns the only reference (nothing else can reach the block), so
  // this is ObjectDealloc's release without the checks and without parking.
  auto* o = reinterpret_cast<PyFFIObject*>(block);
  PyTypeObject* tp = Py_TYPE(block);
  TVMFFIObject* h = o->handle;
  o->handle = nullptr;
  if (h->binding_slot == block) h->binding_slot = nullptr;
  FreeWrapperMemory(block, tp);
  Py_DECREF(tp);
  tvm::ffi::details::DecRef(h);  // last: may run deleters, which may park another
}

void ReleaseParked() {
  PyObject* block = g_parked;
  g_parked = nullptr;
  if (block != nullptr) ReleaseParkedBlock(block);
}

PyObject* WrapOwnedObject(TVMFFIObject* h) {
  if (h->binding_slot != nullptr) {
    PyObject* w = NewRefToBoundWrapper(static_cast<PyObject*>(h->binding_slot));
    tvm::ffi::details::DecRef(h);  // the wrapper already holds one
    return w;
  }
  ClassTable& t = Classes();
  PyTypeObject* cls = t.Resolve(h->type_index);
  PyObject* w = AllocWrapper(cls);
  if (w == nullptr) {
    tvm::ffi::details::DecRef(h);
    return nullptr;
  }
  reinterpret_cast<PyFFIObject*>(w)->handle = h;
  if (t.IsFunction(h->type_index)) {
    reinterpret_cast<PyFFIFunction*>(w)->vectorcall = FunctionVectorcall();
  }
  h->binding_slot = w;
  return w;
}

bool UsesDefaultNew(PyTypeObject* tp) { return tp->tp_new == ObjectNew; }

uint64_t g_gc_wrapper_allocations = 0;

PyObject* AllocWrapper(PyTypeObject* tp) {
  if (g_free_wrappers.size == 0 || !IsPlainWrapperType(tp)) {
    // Counted so a class is made plain only if none of its instances was
    // allocated tracked meanwhile (DropInstanceGC's caller compares).
    g_gc_wrapper_allocations += (tp->tp_flags & Py_TPFLAGS_HAVE_GC) != 0;
    return tp->tp_alloc(tp, 0);
  }
  auto* o = static_cast<PyFFIObject*>(g_free_wrappers.blocks[--g_free_wrappers.size]);
  o->handle = nullptr;
  o->weakrefs = nullptr;
  return PyObject_Init(reinterpret_cast<PyObject*>(o), tp);  // type, incref of tp, refcount 1
}

// `type()` makes every class's instances GC objects, because an instance can
// hold a reference back to its class (through its dict or slots). A wrapper
// of a slots class holds none: its only reference is to the native object,
// which the collector cannot see into anyway, and the class itself stays
// alive in the class table. Untracked, a wrapper is 16 bytes smaller (no GC
// header, 48 -> 32 with pymalloc) and skips track/untrack and the allocation
// count that triggers collections. subtype_dealloc has a non-GC branch for
// exactly this kind of heap type, and Python subclasses turn GC back on.
bool DropInstanceGC(PyTypeObject* tp, uint64_t allocations_before) {
  // A wrapper allocated while the class was made may be one of its instances
  // (a base's __init_subclass__ can make one): it stays tracked, so must the class.
  if (g_gc_wrapper_allocations != allocations_before) return false;
  unsigned long managed = 0;
#ifdef Py_TPFLAGS_MANAGED_DICT
  managed |= Py_TPFLAGS_MANAGED_DICT;
#endif
#ifdef Py_TPFLAGS_MANAGED_WEAKREF
  managed |= Py_TPFLAGS_MANAGED_WEAKREF;
#endif
  bool plain = (tp->tp_flags & Py_TPFLAGS_HEAPTYPE) && PyType_IsSubtype(tp, g_object_type) &&
               tp->tp_basicsize == g_object_type->tp_basicsize && tp->tp_itemsize == 0 &&
               tp->tp_dictoffset == 0 && !(tp->tp_flags & managed) &&
               tp->tp_alloc == PyType_GenericAlloc && tp->tp_free == PyObject_GC_Del;
  if (!plain || !(tp->tp_flags & Py_TPFLAGS_HAVE_GC)) return false;
  tp->tp_flags &= ~Py_TPFLAGS_HAVE_GC;
  tp->tp_free = PyObject_Free;
  // Straight to ours, skipping subtype_dealloc's walk up to it (ObjectDealloc
  // runs a `__del__` itself for plain classes).
  tp->tp_dealloc = ObjectDealloc;
  return true;
}

bool BindHandle(PyObject* self, TVMFFIObject* h) {
  if (!IsObjectWrapper(self)) {
    tvm::ffi::details::DecRef(h);
    RaiseTypeError("expected a tvm_ffi.Object");
    return false;
  }
  auto* o = reinterpret_cast<PyFFIObject*>(self);
  if (o->handle != nullptr) {
    tvm::ffi::details::DecRef(h);
    PyErr_Format(PyExc_RuntimeError, "%s object is already initialized", Py_TYPE(self)->tp_name);
    return false;
  }
  o->handle = h;
  if (h->binding_slot != nullptr && h->binding_slot == g_parked)
    ReleaseParked();  // self replaces it
  if (h->binding_slot == nullptr) h->binding_slot = self;
  return true;
}

TVMFFIObject* HandleOf(PyObject* obj) {
  TVMFFIObject* h = reinterpret_cast<PyFFIObject*>(obj)->handle;
  if (h == nullptr) {
    PyErr_Format(PyExc_ValueError, "%s object is not initialized (no native object)",
                 Py_TYPE(obj)->tp_name);
  }
  return h;
}

}  // namespace tvm_ffi_py
