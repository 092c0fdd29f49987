/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file field_accessor.cc
 * \brief FieldAccessor, the descriptor of a reflected field, and the field
 *        read/write helpers shared with unbound objects (object_type.cc).
 */
#include "reflection_types.h"  // Python.h first, as structmember.h needs it
#include "nb_helpers.h"

#include <structmember.h>
#include <tvm/ffi/reflection/registry.h>

#include <string>
#include <string_view>

namespace nb = nanobind;

namespace tvm_ffi_py {

namespace ffi = tvm::ffi;

PyTypeObject* g_field_accessor_type = nullptr;

namespace {

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

}  // namespace

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

namespace {

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
  return WriteFieldValue(FieldAddr(h, f), f->storage, f->field, value, f->name, f->type_key,
                         f->type_str);
}

}  // namespace

int WriteFieldValue(char* addr, int32_t storage, const TVMFFIFieldInfo* field, PyObject* value,
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
      PyErr_Format(PyExc_OverflowError, "field '%U' of '%U' expects `%U`: %R is out of range", name,
                   type_key, type_str, value);
    }
    return -1;
  }
  if (TVMFFIFieldSetValue(field, addr, &view) != 0) {
    TVMFFIObject* err = nullptr;
    TVMFFIErrorMoveFromRaised(&err);
    bool type_error =
        err == nullptr ||
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
    // The Python type the caller passed (a list, not the Array it became).
    PyErr_Format(PyExc_TypeError, "field '%U' of '%U' expects `%U` but got `%s`", name, type_key,
                 type_str, Py_TYPE(value)->tp_name);
    return -1;
  }
  return 0;
}

PyObject* ReadFieldValue(TVMFFIObject* h, int32_t storage, TVMFFIFieldGetter getter,
                         int64_t offset) {
  char* addr = reinterpret_cast<char*>(h) + offset;
  if (IsInlineStorage(storage)) return ReadInlineField(storage, addr);
  TVMFFIAny result;
  if (getter(addr, &result) != 0) return RaisePythonFromFFIError();
  return AnyOwnedToPy(result);
}

int FieldSet(PyObject* self, PyObject* obj, PyObject* value) {
  return StoreField(reinterpret_cast<FieldAccessor*>(self), obj, value, true);
}

namespace {

void FieldDealloc(PyObject* self) {
  auto* f = reinterpret_cast<FieldAccessor*>(self);
  PyTypeObject* tp = Py_TYPE(self);
  Py_XDECREF(f->seen_type);
  Py_XDECREF(f->accepted_value_type);
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

PyType_Slot kFieldSlots[] = {{Py_tp_dealloc, reinterpret_cast<void*>(FieldDealloc)},
                             {Py_tp_descr_get, reinterpret_cast<void*>(FieldGet)},
                             {Py_tp_descr_set, reinterpret_cast<void*>(FieldSet)},
                             {Py_tp_repr, reinterpret_cast<void*>(FieldRepr)},
                             {Py_tp_members, kFieldMembers},
                             {Py_tp_methods, kFieldMethods},
                             {0, nullptr}};

PyType_Spec kFieldSpec = {"tvm_ffi.core.FieldAccessor", sizeof(FieldAccessor), 0,
                          Py_TPFLAGS_DEFAULT, kFieldSlots};

}  // namespace

nb::object NewFieldAccessor(int32_t type_index, const std::string& name, bool frozen) {
  const TVMFFITypeInfo* info = RequireType(type_index);
  int32_t owner_index = type_index;
  const TVMFFIFieldInfo* field = FindField(type_index, name, &owner_index);
  if (field == nullptr) {
    throw nb::attribute_error(("`" + std::string(info->type_key.data, info->type_key.size) +
                               "` has no reflected field `" + name + "`")
                                  .c_str());
  }
  auto* f =
      reinterpret_cast<FieldAccessor*>(g_field_accessor_type->tp_alloc(g_field_accessor_type, 0));
  if (f == nullptr) throw nb::python_error();
  nb::object guard = nb::steal(reinterpret_cast<PyObject*>(f));
  f->seen_type = nullptr;
  f->accepted_value_type = nullptr;
  f->accepted_value_index = -1;
  f->owner_index = owner_index;
  f->checked_index = -1;
  f->offset = field->offset;
  f->storage = field->storage;
  f->writable = !frozen && (field->flags & kTVMFFIFieldFlagWritable) != 0;
  f->getter = field->getter;
  f->field = field;
  f->name = ByteArrayToStr(field->name);
  f->type_key = ByteArrayToStr(info->type_key);
  f->type_str = ByteArrayToStr(field->type_str);
  f->doc = field->doc.size ? ByteArrayToStr(field->doc) : (Py_INCREF(Py_None), Py_None);
  if (!f->name || !f->type_key || !f->type_str || !f->doc) throw nb::python_error();
  return guard;
}

bool InitFieldAccessorType(PyObject* module) {
  g_field_accessor_type =
      reinterpret_cast<PyTypeObject*>(PyType_FromModuleAndSpec(module, &kFieldSpec, nullptr));
  return g_field_accessor_type != nullptr;
}

}  // namespace tvm_ffi_py
