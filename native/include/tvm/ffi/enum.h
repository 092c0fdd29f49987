/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file tvm/ffi/enum.h
 * \brief Enum types: registered object types whose instances are named,
 *        frozen singletons.
 *
 * An enum type derives from EnumObj. Each variant is one object for the
 * life of the process, with a dense ordinal `value` (0, 1, ... per type, in
 * registration order) and a `name`. The variants of a type live in its
 * `__ffi_enum_entries__` attribute (a Dict<String, Enum>) and the
 * extensible attributes in `__ffi_enum_attrs__` (a Dict<String, List<Any>>
 * indexed by ordinal), registered once and then mutated in place, so C++
 * (refl::EnumDef) and Python (`class X(Enum, type_key=...)`) add to the same
 * registry. The engines compare, hash and copy variants by identity and
 * print them as `<type_key>.<name>`.
 */
#ifndef TVM_FFI_ENUM_H_
#define TVM_FFI_ENUM_H_

#include <tvm/ffi/any.h>
#include <tvm/ffi/c_api.h>
#include <tvm/ffi/container/list.h>
#include <tvm/ffi/container/map.h>
#include <tvm/ffi/error.h>
#include <tvm/ffi/object.h>
#include <tvm/ffi/string.h>

#include <cstdint>
#include <optional>
#include <type_traits>
#include <utility>

namespace tvm {
namespace ffi {

class Enum;

/*!
 * \brief Base of every enum type: a variant's ordinal and name.
 *
 * Subclasses may declare more fields (set when the variant is registered);
 * data that consumers attach later goes into the extensible attributes
 * (refl::EnumDef::set_attr, Python `Enum.def_attr`) instead.
 */
class EnumObj : public Object {
 public:
  /*! \brief The dense ordinal, 0-based per enum type, in registration order. */
  int64_t value = 0;
  /*! \brief The variant's name, unique within its type. */
  String name;

  EnumObj() = default;
  EnumObj(int64_t value, String name) : value(value), name(std::move(name)) {}

  /*!
   * \brief The registered variant `name` of enum type T; throws RuntimeError
   * naming the type and the name when there is none.
   */
  template <typename T>
  static Enum Get(const String& name);

  TVM_FFI_DECLARE_OBJECT_INFO("ffi.Enum", EnumObj, Object);
};

/*!
 * \brief A reference to a variant (or null). Two references to variants are
 * equal in the engines only when they name the same object.
 */
class Enum : public ObjectRef {
 public:
  TVM_FFI_DEFINE_OBJECT_REF_METHODS_NULLABLE(Enum, ObjectRef, EnumObj);
};

namespace details {

/*!
 * \brief The live registry `table` (TVMFFIEnumTable) of an enum type,
 * registered first when `create`; nullopt when absent.
 */
template <typename DictT>
std::optional<DictT> EnumTable(int32_t type_index, TVMFFIEnumTable table, bool create) {
  TVMFFIObjectHandle out = nullptr;
  if (TVMFFIEnumGetTable(type_index, table, create ? 1 : 0, &out) != 0) throw MoveFromRaised();
  if (out == nullptr) return std::nullopt;
  return ObjectRefUnsafe::FromPtr<DictT>(
      ObjectPtrUnsafe::Adopt<Object>(static_cast<TVMFFIObject*>(out)));
}

}  // namespace details

template <typename T>
inline Enum EnumObj::Get(const String& name) {
  static_assert(std::is_base_of_v<EnumObj, T>, "EnumObj::Get<T>: T must derive from EnumObj");
  // The lookup (and its cached column) is in the core library: one registry
  // however many libraries include this header.
  TVMFFIByteArray bytes{name.data(), name.size()};
  TVMFFIObjectHandle out = nullptr;
  if (TVMFFIEnumGetEntry(T::RuntimeTypeIndex(), &bytes, &out) != 0) {
    throw details::MoveFromRaised();
  }
  return details::ObjectRefUnsafe::FromPtr<Enum>(
      details::ObjectPtrUnsafe::Adopt<Object>(static_cast<TVMFFIObject*>(out)));
}

}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_ENUM_H_
