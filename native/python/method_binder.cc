/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file method_binder.cc
 * \brief MethodBinder, the descriptor of reflected methods and generated
 *        constructors, and FastConstruct, the one-step `cls(...)`.
 *
 * MethodBinder wraps a Function that takes `self` first. It is a method
 * descriptor (Py_TPFLAGS_METHOD_DESCRIPTOR), so `obj.method(...)` and the
 * `__init__` call made by type.__call__ pass self straight through, without
 * allocating a bound method.
 */
#include "reflection_types.h"  // Python.h first, as structmember.h needs it

#include <structmember.h>
#include <tvm/ffi/reflection/registry.h>

namespace nb = nanobind;

namespace tvm_ffi_py {

namespace ffi = tvm::ffi;

PyTypeObject* g_method_binder_type = nullptr;

namespace {

struct MethodBinder {
  PyObject_HEAD vectorcallfunc vectorcall;
  TVMFFIObject* func;
  /*! \brief For constructors: bind the result to self instead of returning it. */
  bool is_init;
  PyObject* name;
  PyObject* doc;
  PyObject* signature;
};

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

}  // namespace

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
  PyObject* self = AllocWrapper(tp);
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

namespace {

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

PyType_Slot kMethodSlots[] = {{Py_tp_dealloc, reinterpret_cast<void*>(MethodBinderDealloc)},
                              {Py_tp_call, reinterpret_cast<void*>(PyVectorcall_Call)},
                              {Py_tp_descr_get, reinterpret_cast<void*>(MethodBinderGet)},
                              {Py_tp_repr, reinterpret_cast<void*>(MethodBinderRepr)},
                              {Py_tp_members, kMethodMembers},
                              {0, nullptr}};

PyType_Spec kMethodSpec = {
    "tvm_ffi.core.MethodBinder", sizeof(MethodBinder), 0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL | Py_TPFLAGS_METHOD_DESCRIPTOR, kMethodSlots};

}  // namespace

nb::object NewMethodBinder(TVMFFIObject* h, const std::string& name, nb::handle doc, bool is_init) {
  auto* b =
      reinterpret_cast<MethodBinder*>(g_method_binder_type->tp_alloc(g_method_binder_type, 0));
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
}

bool InitMethodBinderType(PyObject* module) {
  g_method_binder_type =
      reinterpret_cast<PyTypeObject*>(PyType_FromModuleAndSpec(module, &kMethodSpec, nullptr));
  return g_method_binder_type != nullptr;
}

}  // namespace tvm_ffi_py
