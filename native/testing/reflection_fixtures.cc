/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file reflection_fixtures.cc
 * \brief C++ that reads any object's fields by name through the registry,
 *        as a plugin would: the tests hand it @py_class objects (and
 *        subclasses of C++ types) to show their fields are native.
 */
#include <tvm/ffi/reflection/registry.h>

#include "checked_math.h"

#include <string>

namespace tvm {
namespace ffi {
namespace testing {
namespace {

namespace refl = reflection;

/*! \brief The object behind `ref`; None converts to a null ObjectRef, which
 *         these fixtures must refuse rather than dereference. */
const Object* NonNull(const ObjectRef& ref, const char* fixture) {
  if (!ref.defined()) TVM_FFI_THROW(TypeError) << fixture << " needs an object, got None";
  return ref.get();
}

/*! \brief The record of field `name` of the object's type or an ancestor. */
const TVMFFIFieldInfo* FindFieldOf(const Object* obj, const std::string& name) {
  const TVMFFITypeInfo* info = TVMFFIGetTypeInfo(obj->type_index());
  for (int32_t d = info->type_depth; d >= 0; --d) {
    const TVMFFITypeInfo* t =
        d == info->type_depth ? info : TVMFFIGetTypeInfo(info->type_ancestors[d]);
    for (int32_t i = 0; i < t->num_fields; ++i) {
      if (std::string(t->fields[i].name.data, t->fields[i].name.size) == name) return &t->fields[i];
    }
  }
  return nullptr;
}

const char* Addr(const Object* obj, const TVMFFIFieldInfo* f) {
  return reinterpret_cast<const char*>(details::ObjectUnsafe::GetHeader(obj)) + f->offset;
}

/*! \brief A field's value through its getter (what generic C++ code uses). */
Any GetField(const ObjectRef& obj, const std::string& name) {
  NonNull(obj, "testing.get_field");
  const TVMFFIFieldInfo* f = FindFieldOf(obj.get(), name);
  if (f == nullptr) TVM_FFI_THROW(AttributeError) << obj->GetTypeKey() << " has no field " << name;
  TVMFFIAny out;
  if (f->getter(const_cast<char*>(Addr(obj.get(), f)), &out) != 0) throw details::MoveFromRaised();
  return Any::FromRawOwned(out);
}

/*! \brief A field's user metadata as the registry holds it (a Map, or None). */
Any FieldMetadata(const ObjectRef& obj, const std::string& name) {
  NonNull(obj, "testing.field_metadata");
  const TVMFFIFieldInfo* f = FindFieldOf(obj.get(), name);
  if (f == nullptr) TVM_FFI_THROW(AttributeError) << obj->GetTypeKey() << " has no field " << name;
  return Any(AnyView::FromRaw(f->metadata));
}

/*! \brief Stores through the field's setter (checked like a C++ assignment). */
void SetField(const ObjectRef& obj, const std::string& name, AnyView value) {
  NonNull(obj, "testing.set_field");
  const TVMFFIFieldInfo* f = FindFieldOf(obj.get(), name);
  if (f == nullptr) TVM_FFI_THROW(AttributeError) << obj->GetTypeKey() << " has no field " << name;
  if (TVMFFIFieldSetValue(f, const_cast<char*>(Addr(obj.get(), f)), value.raw()) != 0) {
    throw details::MoveFromRaised();
  }
}

/*! \brief The sum of every int64 field along the type's chain, read from memory. */
int64_t SumIntFields(const ObjectRef& obj) {
  NonNull(obj, "testing.sum_int_fields");
  const TVMFFITypeInfo* info = TVMFFIGetTypeInfo(obj->type_index());
  int64_t sum = 0;
  for (int32_t d = 0; d <= info->type_depth; ++d) {
    const TVMFFITypeInfo* t =
        d == info->type_depth ? info : TVMFFIGetTypeInfo(info->type_ancestors[d]);
    for (int32_t i = 0; i < t->num_fields; ++i) {
      if (t->fields[i].storage == kTVMFFIFieldStorageInt64) {
        sum = CheckedAdd(sum, *reinterpret_cast<const int64_t*>(Addr(obj.get(), &t->fields[i])),
                         "testing.sum_int_fields");
      }
    }
  }
  return sum;
}

/*! \brief "name:type_str@offset" of every field, parents first, for layout checks. */
Array<String> FieldLayout(const ObjectRef& obj) {
  NonNull(obj, "testing.field_layout");
  const TVMFFITypeInfo* info = TVMFFIGetTypeInfo(obj->type_index());
  Array<String> out;
  std::vector<String> items;
  for (int32_t d = 0; d <= info->type_depth; ++d) {
    const TVMFFITypeInfo* t =
        d == info->type_depth ? info : TVMFFIGetTypeInfo(info->type_ancestors[d]);
    for (int32_t i = 0; i < t->num_fields; ++i) {
      const TVMFFIFieldInfo& f = t->fields[i];
      items.push_back(String(std::string(f.name.data, f.name.size) + ":" +
                             std::string(f.type_str.data, f.type_str.size) + "@" +
                             std::to_string(f.offset)));
    }
  }
  return Array<String>(items.begin(), items.end());
}

}  // namespace

TVM_FFI_STATIC_INIT_BLOCK() {
  refl::GlobalDef()
      .def("testing.get_field", GetField)
      .def("testing.set_field", SetField)
      .def("testing.field_metadata", FieldMetadata)
      .def("testing.sum_int_fields", SumIntFields)
      .def("testing.field_layout", FieldLayout);
}

}  // namespace testing
}  // namespace ffi
}  // namespace tvm
