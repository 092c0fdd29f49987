/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file tvm/ffi/optional.h
 * \brief Optional<T>: a T or None, for parameters and fields that may be absent.
 */
#ifndef TVM_FFI_OPTIONAL_H_
#define TVM_FFI_OPTIONAL_H_

#include <tvm/ffi/any.h>

#include <optional>
#include <utility>

namespace tvm {
namespace ffi {

/*! \brief A value of type T, or nothing (None in Python). */
template <typename T>
class Optional {
 public:
  Optional() = default;
  Optional(std::nullopt_t) {}
  Optional(std::nullptr_t) {}
  Optional(T value) : value_(std::move(value)) {}
  template <typename U, typename = std::enable_if_t<std::is_constructible_v<T, U&&> &&
                                                    !std::is_same_v<std::decay_t<U>, Optional>>>
  Optional(U&& value) : value_(T(std::forward<U>(value))) {}

  bool has_value() const { return value_.has_value(); }
  explicit operator bool() const { return has_value(); }
  const T& value() const {
    if (!value_.has_value()) TVM_FFI_THROW(RuntimeError) << "Optional has no value";
    return *value_;
  }
  T value_or(T other) const { return value_.has_value() ? *value_ : std::move(other); }
  const T& operator*() const { return *value_; }
  const T* operator->() const { return &*value_; }
  bool operator==(std::nullopt_t) const { return !has_value(); }
  bool operator!=(std::nullopt_t) const { return has_value(); }
  bool operator==(std::nullptr_t) const { return !has_value(); }
  bool operator!=(std::nullptr_t) const { return has_value(); }

 private:
  std::optional<T> value_;
};

template <typename T>
struct TypeTraits<Optional<T>> {
  static constexpr bool enabled = true;
  static void CopyToAnyView(const Optional<T>& v, TVMFFIAny* out) {
    if (!v.has_value()) {
      *out = details::NoneAny();
    } else {
      TypeTraits<T>::CopyToAnyView(*v, out);
    }
  }
  static void MoveToAny(Optional<T> v, TVMFFIAny* out) {
    if (!v.has_value()) {
      *out = details::NoneAny();
    } else {
      TypeTraits<T>::MoveToAny(*v, out);
    }
  }
  static bool CheckAnyStrict(const TVMFFIAny* v) {
    return v->type_index == kTVMFFINone || TypeTraits<T>::CheckAnyStrict(v);
  }
  static std::optional<Optional<T>> TryCastFromAnyView(const TVMFFIAny* v) {
    if (v->type_index == kTVMFFINone) return Optional<T>();
    std::optional<T> inner = TypeTraits<T>::TryCastFromAnyView(v);
    if (!inner) return std::nullopt;
    return Optional<T>(*std::move(inner));
  }
  static std::string TypeStr() { return "Optional<" + TypeTraits<T>::TypeStr() + ">"; }
};

}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_OPTIONAL_H_
