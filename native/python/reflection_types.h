/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file reflection_types.h
 * \brief What the reflection files of the module share: the field
 *        descriptor's layout (the attribute cache copies from it), the
 *        descriptor and binder types, and the entry points each file gives
 *        the bindings in reflection.cc.
 *
 *   field_accessor.cc  FieldAccessor: a field's load/store as a descriptor
 *   method_binder.cc   MethodBinder and the one-step constructor
 *   fast_attributes.cc the cached tp_getattro/tp_setattro of field classes
 *   reflection.cc      the bound functions: type info, attributes, sentinels
 */
#ifndef TVM_FFI_PYTHON_REFLECTION_TYPES_H_
#define TVM_FFI_PYTHON_REFLECTION_TYPES_H_

#include <nanobind/nanobind.h>

#include <string>

#include "module.h"

#include <tvm/ffi/object.h>

namespace tvm_ffi_py {

/*!
 * \brief A field's descriptor (tp_descr_get/tp_descr_set), holding its
 * offset and storage kind precomputed at registration: reading an int64,
 * double, bool, object or Any field is a load and a box, with no name
 * lookup, no Any round trip and no Python frame. Other field types go
 * through the field's registered getter/setter.
 */
struct FieldAccessor {
  PyObject_HEAD int64_t offset;
  int32_t storage;
  bool writable;
  TVMFFIFieldGetter getter;
  /*! \brief The registry's record (never freed): its setter, in either form. */
  const TVMFFIFieldInfo* field;
  /*!
   * \brief The last class the descriptor was used on whose instances are
   * wrappers: the common case is then a pointer compare, not an isinstance.
   */
  PyTypeObject* seen_type;  // a strong reference
  /*!
   * \brief For a direct-store object field (kTVMFFIFieldFlagDirectStore):
   * the wrapper class and native type index of the last value found to be
   * of the field's type, so storing another such value checks two words,
   * not the class's MRO and the type's ancestors.
   */
  PyTypeObject* accepted_value_type;  // a strong reference
  int32_t accepted_value_index;
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

extern PyTypeObject* g_field_accessor_type;
extern PyTypeObject* g_method_binder_type;

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
      return BoxFloat64(*reinterpret_cast<double*>(addr));
    case kTVMFFIFieldStorageBool:
      return PyBool_FromLong(*reinterpret_cast<uint8_t*>(addr) != 0);
    case kTVMFFIFieldStorageAny:
      return AnyViewToPy(*reinterpret_cast<TVMFFIAny*>(addr));
    default: {  // kTVMFFIFieldStorageObject
      TVMFFIObject* child = *reinterpret_cast<TVMFFIObject**>(addr);
      if (child == nullptr) Py_RETURN_NONE;
      if (PyObject* live = static_cast<PyObject*>(child->binding_slot)) {  // its wrapper
        return NewRefToBoundWrapper(live);
      }
      if (child->type_index >= kTVMFFIStaticObjectEnd) {  // a class instance: wrap it
        tvm::ffi::details::IncRef(child);
        return WrapOwnedObject(child);
      }
      TVMFFIAny view;  // a str, bytes or other builtin converts
      view.type_index = child->type_index;
      view.zero_padding = 0;
      view.v_obj = child;
      return AnyViewToPy(view);
    }
  }
}

/*! \brief tp_descr_get of FieldAccessor (also the cache's general read path). */
PyObject* FieldGet(PyObject* self, PyObject* obj, PyObject* type);

/*! \brief tp_descr_set of FieldAccessor (also the cache's general write path). */
int FieldSet(PyObject* self, PyObject* obj, PyObject* value);

/*!
 * \brief A new descriptor for field `name` of the type (or an ancestor);
 * `frozen` makes it refuse assignment. Throws nanobind errors.
 */
nanobind::object NewFieldAccessor(int32_t type_index, const std::string& name, bool frozen);

/*! \brief A new MethodBinder calling `func(self, ...)` (a Function handle, borrowed). */
nanobind::object NewMethodBinder(TVMFFIObject* func, const std::string& name, nanobind::handle doc,
                                 bool is_init);

/*! \brief The type-level vectorcall of classes with a generated constructor. */
PyObject* FastConstruct(PyObject* callable, PyObject* const* args, size_t nargsf,
                        PyObject* kwnames);

/*! \brief Creates the FieldAccessor and MethodBinder types; false with an error set. */
bool InitFieldAccessorType(PyObject* module);
bool InitMethodBinderType(PyObject* module);

/*!
 * \brief Switches `tp` to the cached attribute path when it is still on the
 * generic slots and the interpreter's layout is one we know (see
 * cpython_layout.h); returns whether anything was installed.
 */
bool EnableFastAttributes(PyTypeObject* tp);

/*! \brief Whether `tp` reads and writes through the cached attribute path. */
bool HasFastAttributes(PyTypeObject* tp);

/*! \brief A Python str for a C ABI byte array; NULL with an error set. */
inline PyObject* ByteArrayToStr(const TVMFFIByteArray& b) {
  return PyUnicode_FromStringAndSize(b.data, static_cast<Py_ssize_t>(b.size));
}

}  // namespace tvm_ffi_py

#endif  // TVM_FFI_PYTHON_REFLECTION_TYPES_H_
