/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file tvm/ffi/reflection/enum_def.h
 * \brief refl::EnumDef: registers the variants of an enum type from C++.
 *
 *     refl::EnumDef<ActivationObj>("relu").set_attr("output_zero", true);
 *
 * Each EnumDef registers one variant: it takes the next ordinal, makes the
 * object, and adds it to the type's `__ffi_enum_entries__`; set_attr writes
 * an extensible attribute into `__ffi_enum_attrs__`. Python binders of the
 * same type key see both (see tvm/ffi/enum.h).
 */
#ifndef TVM_FFI_REFLECTION_ENUM_DEF_H_
#define TVM_FFI_REFLECTION_ENUM_DEF_H_

#include <tvm/ffi/any.h>
#include <tvm/ffi/container/list.h>
#include <tvm/ffi/container/map.h>
#include <tvm/ffi/enum.h>
#include <tvm/ffi/error.h>
#include <tvm/ffi/object.h>
#include <tvm/ffi/reflection/registry.h>
#include <tvm/ffi/string.h>

#include <cstdint>
#include <type_traits>
#include <utility>

namespace tvm {
namespace ffi {
namespace reflection {

namespace type_attr {
/*! \brief Dict<String, Enum>: the variants of an enum type, by name. */
inline constexpr const char* kEnumEntries = "__ffi_enum_entries__";
/*! \brief Dict<String, List<Any>>: extensible attributes, indexed by ordinal. */
inline constexpr const char* kEnumAttrs = "__ffi_enum_attrs__";
}  // namespace type_attr

/*!
 * \brief Registers the variant `name` of the enum type T (T derives from
 * EnumObj and is default-constructible). A name T already has raises
 * RuntimeError.
 */
template <typename T>
class EnumDef {
  static_assert(std::is_base_of_v<EnumObj, T>, "EnumDef<T>: T must derive from tvm::ffi::EnumObj");

 public:
  explicit EnumDef(const char* name) : type_index_(T::RuntimeTypeIndex()) {
    ObjectPtr<T> obj = make_object<T>();
    TVMFFIByteArray key = ffi::details::ToByteArray(name);
    // The core takes the ordinal and inserts under its lock: EnumDefs in
    // several threads (or libraries) never share an ordinal.
    if (TVMFFIEnumAddEntry(ffi::details::ObjectUnsafe::GetHeader(obj.get()), &key, &ordinal_) !=
        0) {
      throw ffi::details::MoveFromRaised();
    }
    instance_ = Enum(ObjectPtr<EnumObj>(std::move(obj)));
  }

  /*!
   * \brief Sets the extensible attribute `attr` of this variant to `value`
   * (the attribute's list is created, or padded with None, as needed).
   */
  template <typename V>
  EnumDef& set_attr(const char* attr, V value) {
    Any held(std::move(value));
    TVMFFIByteArray key = ffi::details::ToByteArray(attr);
    if (TVMFFIEnumSetAttr(ffi::details::ObjectRefUnsafe::Header(instance_), &key, held.raw()) !=
        0) {
      throw ffi::details::MoveFromRaised();
    }
    return *this;
  }

  /*! \brief The registered variant. */
  Enum instance() const { return instance_; }
  /*! \brief Its ordinal (`value`). */
  int64_t ordinal() const { return ordinal_; }

 private:
  int32_t type_index_;
  int64_t ordinal_ = 0;
  Enum instance_;
};

}  // namespace reflection
}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_REFLECTION_ENUM_DEF_H_
