/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file tvm/ffi/any.h
 * \brief Any (owning) and AnyView (borrowing) over the 16-byte TVMFFIAny, and
 *        the TypeTraits protocol that converts C++ values to and from them.
 *
 * TypeTraits<T> is the single place that knows how a C++ type is stored in
 * an Any. An enabled specialisation provides:
 *   - CopyToAnyView(const T&, TVMFFIAny*): a borrowed view (no refcount);
 *   - MoveToAny(T, TVMFFIAny*): an owned value;
 *   - CheckAnyStrict(const TVMFFIAny*): stored exactly as a T;
 *   - TryCastFromAnyView(const TVMFFIAny*): a T, with the usual conversions
 *     (int -> float, small string -> String, ...), or nullopt;
 *   - TypeStr(): the name used in error messages ("int", "Array<str>").
 *
 * Invariant of an owned Any: it never holds a kTVMFFIRawStr (a borrowed
 * C string); building an Any from a view turns such a string into an owned
 * small string or String object.
 */
#ifndef TVM_FFI_ANY_H_
#define TVM_FFI_ANY_H_

#include <tvm/ffi/error.h>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace tvm {
namespace ffi {

class Any;
class AnyView;

/*! \brief The TypeTraits primary template: disabled. */
template <typename T, typename = void>
struct TypeTraits {
  static constexpr bool enabled = false;
};

/*!
 * \brief Marks reference types that define their own TypeTraits, so the
 * generic ObjectRef traits below step aside for them.
 */
template <typename T>
struct ObjectRefHasCustomTraits : std::false_type {};

namespace details {

TVM_FFI_INLINE TVMFFIAny NoneAny() {
  TVMFFIAny v;
  v.type_index = kTVMFFINone;
  v.zero_padding = 0;
  v.v_int64 = 0;
  return v;
}

TVM_FFI_INLINE bool IsObjectIndex(int32_t index) { return index >= kTVMFFIStaticObjectBegin; }

/*! \brief Adds a reference when the value holds an object. */
TVM_FFI_INLINE void IncRefAny(const TVMFFIAny& v) {
  if (IsObjectIndex(v.type_index)) IncRef(v.v_obj);
}
TVM_FFI_INLINE void DecRefAny(const TVMFFIAny& v) {
  if (IsObjectIndex(v.type_index)) DecRef(v.v_obj);
}

/*! \brief Stores a copy of `data[0..n)` as an owned string value. */
inline void MakeOwnedStr(const char* data, size_t n, int32_t small_index, int32_t obj_index,
                         TVMFFIAny* out) {
  if (n <= TVM_FFI_SMALL_STR_MAX) {
    out->type_index = small_index;
    out->small_len = static_cast<uint32_t>(n);
    out->v_int64 = 0;
    if (n != 0) std::memcpy(out->v_bytes, data, n);
    return;
  }
  TVMFFIByteArray bytes{data, n};
  TVMFFIObject* obj = nullptr;
  int rc = obj_index == kTVMFFIStr ? TVMFFIStringFromByteArray(&bytes, &obj)
                                   : TVMFFIBytesFromByteArray(&bytes, &obj);
  if (rc != 0) throw MoveFromRaised();
  out->type_index = obj_index;
  out->zero_padding = 0;
  out->v_obj = obj;
}

/*! \brief Turns a borrowed view into an owned value (new reference). */
inline TVMFFIAny CopyViewToOwned(const TVMFFIAny& view) {
  if (view.type_index == kTVMFFIRawStr) {
    TVMFFIAny out;
    MakeOwnedStr(view.v_c_str, std::strlen(view.v_c_str), kTVMFFISmallStr, kTVMFFIStr, &out);
    return out;
  }
  IncRefAny(view);
  return view;
}

/*! \brief The bytes of a string value (small, raw or object), if it is one. */
inline std::optional<std::string_view> AnyStringView(const TVMFFIAny& v) {
  switch (v.type_index) {
    case kTVMFFISmallStr:
      return std::string_view(v.v_bytes, v.small_len);
    case kTVMFFIRawStr:
      return std::string_view(v.v_c_str);
    case kTVMFFIStr: {
      const auto* cell = reinterpret_cast<const TVMFFIBytesCell*>(v.v_obj + 1);
      return std::string_view(cell->bytes.data, cell->bytes.size);
    }
    default:
      return std::nullopt;
  }
}

/*! \brief The bytes of a bytes value (small or object), if it is one. */
inline std::optional<std::string_view> AnyBytesView(const TVMFFIAny& v) {
  switch (v.type_index) {
    case kTVMFFISmallBytes:
      return std::string_view(v.v_bytes, v.small_len);
    case kTVMFFIBytes: {
      const auto* cell = reinterpret_cast<const TVMFFIBytesCell*>(v.v_obj + 1);
      return std::string_view(cell->bytes.data, cell->bytes.size);
    }
    default:
      return std::nullopt;
  }
}

/*!
 * \brief The user-facing name of what a value holds, for error messages:
 * "int", "str", a type key, or the foreign type of an opaque object.
 */
inline std::string AnyTypeName(const TVMFFIAny& v) {
  switch (v.type_index) {
    case kTVMFFINone:
      return "None";
    case kTVMFFIInt:
      return "int";
    case kTVMFFIBool:
      return "bool";
    case kTVMFFIFloat:
      return "float";
    case kTVMFFIOpaquePtr:
      return "void*";
    case kTVMFFIRawStr:
    case kTVMFFISmallStr:
    case kTVMFFIStr:
      return "str";
    case kTVMFFISmallBytes:
    case kTVMFFIBytes:
      return "bytes";
    case kTVMFFIOpaquePyObject: {
      const auto* cell = reinterpret_cast<const TVMFFIOpaqueObjectCell*>(v.v_obj + 1);
      return std::string(cell->type_name.data, cell->type_name.size);
    }
    default: {
      int32_t index = v.type_index;
      if (IsObjectIndex(index)) index = v.v_obj->type_index;
      return TypeIndexToKey(index);
    }
  }
}

template <typename T>
struct TraitsEnabled : std::bool_constant<TypeTraits<T>::enabled> {};

/*!
 * \brief Enables the converting constructors of Any/AnyView for T. The
 * Any/AnyView checks come first so TypeTraits<Any> is not instantiated
 * while Any itself is still being defined.
 */
template <typename T>
using EnableIfConvertible =
    std::enable_if_t<std::conjunction_v<std::negation<std::is_same<std::decay_t<T>, Any>>,
                                        std::negation<std::is_same<std::decay_t<T>, AnyView>>,
                                        TraitsEnabled<std::decay_t<T>>>>;

[[noreturn]] inline void ThrowCastError(const TVMFFIAny& v, const std::string& target) {
  throw Error("TypeError", "Cannot convert from type `" + AnyTypeName(v) + "` to `" + target + "`");
}

}  // namespace details

/*!
 * \brief A borrowed, non-owning view of a value: the argument type of packed
 * functions. Cheap to copy; valid only while the value it views is alive.
 */
class AnyView {
 public:
  AnyView() : data_(details::NoneAny()) {}
  AnyView(std::nullptr_t) : data_(details::NoneAny()) {}
  template <typename T, typename = details::EnableIfConvertible<T>>
  AnyView(const T& value) {
    TypeTraits<std::decay_t<T>>::CopyToAnyView(value, &data_);
  }
  AnyView(const Any& any);
  /*! \brief Views a raw C ABI value. */
  static AnyView FromRaw(const TVMFFIAny& raw) {
    AnyView v;
    v.data_ = raw;
    return v;
  }

  int32_t type_index() const { return data_.type_index; }
  /*! \brief The type key of what is held ("int", "str", "ffi.Array", ...). */
  std::string GetTypeKey() const { return details::AnyTypeName(data_); }
  bool operator==(std::nullptr_t) const { return data_.type_index == kTVMFFINone; }
  bool operator!=(std::nullptr_t) const { return data_.type_index != kTVMFFINone; }

  /*! \brief Converts to T or throws TypeError naming both types. */
  template <typename T>
  T cast() const {
    std::optional<T> r = TypeTraits<T>::TryCastFromAnyView(&data_);
    if (!r.has_value()) details::ThrowCastError(data_, TypeTraits<T>::TypeStr());
    return *std::move(r);
  }
  /*! \brief Converts to T, or nullopt when the value is not convertible. */
  template <typename T>
  std::optional<T> try_cast() const {
    return TypeTraits<T>::TryCastFromAnyView(&data_);
  }
  /*! \brief T when the value is stored exactly as a T, else nullopt. */
  template <typename T>
  std::optional<T> as() const {
    if (!TypeTraits<T>::CheckAnyStrict(&data_)) return std::nullopt;
    return TypeTraits<T>::TryCastFromAnyView(&data_);
  }

  const TVMFFIAny* raw() const { return &data_; }

 protected:
  TVMFFIAny data_;
  friend class Any;
};

/*!
 * \brief An owned value of any type: holds a reference when it holds an
 * object. The result type of packed functions.
 */
class Any {
 public:
  Any() : data_(details::NoneAny()) {}
  Any(std::nullptr_t) : data_(details::NoneAny()) {}
  Any(const Any& other) : data_(other.data_) { details::IncRefAny(data_); }
  Any(Any&& other) noexcept : data_(other.data_) { other.data_ = details::NoneAny(); }
  Any(const AnyView& view) : data_(details::CopyViewToOwned(view.data_)) {}
  template <typename T, typename = details::EnableIfConvertible<T>>
  Any(T&& value) {
    TypeTraits<std::decay_t<T>>::MoveToAny(std::forward<T>(value), &data_);
  }
  ~Any() { details::DecRefAny(data_); }

  Any& operator=(const Any& other) {
    Any(other).swap(*this);
    return *this;
  }
  Any& operator=(Any&& other) noexcept {
    Any(std::move(other)).swap(*this);
    return *this;
  }
  void swap(Any& other) noexcept { std::swap(data_, other.data_); }

  /*! \brief Takes over an owned raw value. */
  static Any FromRawOwned(const TVMFFIAny& raw) {
    Any a;
    a.data_ = raw;
    return a;
  }
  /*! \brief Gives the owned raw value to the caller and leaves None. */
  TVMFFIAny ReleaseRaw() {
    TVMFFIAny r = data_;
    data_ = details::NoneAny();
    return r;
  }

  int32_t type_index() const { return data_.type_index; }
  std::string GetTypeKey() const { return details::AnyTypeName(data_); }
  bool operator==(std::nullptr_t) const { return data_.type_index == kTVMFFINone; }
  bool operator!=(std::nullptr_t) const { return data_.type_index != kTVMFFINone; }

  template <typename T>
  T cast() const {
    return AnyView(*this).cast<T>();
  }
  template <typename T>
  std::optional<T> try_cast() const {
    return AnyView(*this).try_cast<T>();
  }
  template <typename T>
  std::optional<T> as() const {
    return AnyView(*this).as<T>();
  }

  const TVMFFIAny* raw() const { return &data_; }

 private:
  TVMFFIAny data_;
  friend class AnyView;
};

inline AnyView::AnyView(const Any& any) : data_(any.data_) {}

// ----------------------------------------------------------------------------
// TypeTraits for the built-in value types.
// ----------------------------------------------------------------------------

/*! \brief Shared code of traits whose view and owned forms are the same POD. */
template <typename T, typename Derived>
struct PODTraitsBase {
  static constexpr bool enabled = true;
  static void MoveToAny(T value, TVMFFIAny* out) { Derived::CopyToAnyView(value, out); }
};

template <>
struct TypeTraits<Any> {
  static constexpr bool enabled = true;
  static bool CheckAnyStrict(const TVMFFIAny*) { return true; }
  static std::optional<Any> TryCastFromAnyView(const TVMFFIAny* v) {
    return Any(AnyView::FromRaw(*v));
  }
  static std::string TypeStr() { return "Any"; }
};

template <>
struct TypeTraits<AnyView> {
  static constexpr bool enabled = true;
  static bool CheckAnyStrict(const TVMFFIAny*) { return true; }
  static std::optional<AnyView> TryCastFromAnyView(const TVMFFIAny* v) {
    return AnyView::FromRaw(*v);
  }
  static std::string TypeStr() { return "Any"; }
};

template <>
struct TypeTraits<std::nullptr_t> : PODTraitsBase<std::nullptr_t, TypeTraits<std::nullptr_t>> {
  static void CopyToAnyView(std::nullptr_t, TVMFFIAny* out) { *out = details::NoneAny(); }
  static bool CheckAnyStrict(const TVMFFIAny* v) { return v->type_index == kTVMFFINone; }
  static std::optional<std::nullptr_t> TryCastFromAnyView(const TVMFFIAny* v) {
    if (v->type_index == kTVMFFINone) return nullptr;
    return std::nullopt;
  }
  static std::string TypeStr() { return "None"; }
};

template <>
struct TypeTraits<bool> : PODTraitsBase<bool, TypeTraits<bool>> {
  static void CopyToAnyView(bool value, TVMFFIAny* out) {
    out->type_index = kTVMFFIBool;
    out->zero_padding = 0;
    out->v_int64 = value ? 1 : 0;
  }
  static bool CheckAnyStrict(const TVMFFIAny* v) { return v->type_index == kTVMFFIBool; }
  static std::optional<bool> TryCastFromAnyView(const TVMFFIAny* v) {
    if (v->type_index == kTVMFFIBool || v->type_index == kTVMFFIInt) return v->v_int64 != 0;
    return std::nullopt;
  }
  static std::string TypeStr() { return "bool"; }
};

/*! \brief Every integer type except bool is stored as an int64. */
template <typename Int>
struct TypeTraits<Int, std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>>>
    : PODTraitsBase<Int, TypeTraits<Int>> {
  static void CopyToAnyView(Int value, TVMFFIAny* out) {
    out->type_index = kTVMFFIInt;
    out->zero_padding = 0;
    out->v_int64 = static_cast<int64_t>(value);
  }
  static bool CheckAnyStrict(const TVMFFIAny* v) { return v->type_index == kTVMFFIInt; }
  static std::optional<Int> TryCastFromAnyView(const TVMFFIAny* v) {
    if (v->type_index == kTVMFFIInt || v->type_index == kTVMFFIBool) {
      return static_cast<Int>(v->v_int64);
    }
    return std::nullopt;
  }
  static std::string TypeStr() { return "int"; }
};

template <typename Float>
struct TypeTraits<Float, std::enable_if_t<std::is_floating_point_v<Float>>>
    : PODTraitsBase<Float, TypeTraits<Float>> {
  static void CopyToAnyView(Float value, TVMFFIAny* out) {
    out->type_index = kTVMFFIFloat;
    out->zero_padding = 0;
    out->v_float64 = static_cast<double>(value);
  }
  static bool CheckAnyStrict(const TVMFFIAny* v) { return v->type_index == kTVMFFIFloat; }
  static std::optional<Float> TryCastFromAnyView(const TVMFFIAny* v) {
    if (v->type_index == kTVMFFIFloat) return static_cast<Float>(v->v_float64);
    if (v->type_index == kTVMFFIInt || v->type_index == kTVMFFIBool) {
      return static_cast<Float>(v->v_int64);
    }
    return std::nullopt;
  }
  static std::string TypeStr() { return "float"; }
};

template <>
struct TypeTraits<void*> : PODTraitsBase<void*, TypeTraits<void*>> {
  static void CopyToAnyView(void* value, TVMFFIAny* out) {
    if (value == nullptr) {
      *out = details::NoneAny();
      return;
    }
    out->type_index = kTVMFFIOpaquePtr;
    out->zero_padding = 0;
    out->v_ptr = value;
  }
  static bool CheckAnyStrict(const TVMFFIAny* v) { return v->type_index == kTVMFFIOpaquePtr; }
  static std::optional<void*> TryCastFromAnyView(const TVMFFIAny* v) {
    if (v->type_index == kTVMFFIOpaquePtr) return v->v_ptr;
    if (v->type_index == kTVMFFINone) return nullptr;
    return std::nullopt;
  }
  static std::string TypeStr() { return "void*"; }
};

/*! \brief std::string: viewed as a borrowed C string, owned as a String. */
template <>
struct TypeTraits<std::string> {
  static constexpr bool enabled = true;
  static void CopyToAnyView(const std::string& value, TVMFFIAny* out) {
    out->type_index = kTVMFFIRawStr;
    out->zero_padding = 0;
    out->v_c_str = value.c_str();
  }
  static void MoveToAny(const std::string& value, TVMFFIAny* out) {
    details::MakeOwnedStr(value.data(), value.size(), kTVMFFISmallStr, kTVMFFIStr, out);
  }
  static bool CheckAnyStrict(const TVMFFIAny* v) { return details::AnyStringView(*v).has_value(); }
  static std::optional<std::string> TryCastFromAnyView(const TVMFFIAny* v) {
    auto s = details::AnyStringView(*v);
    if (!s) return std::nullopt;
    return std::string(*s);
  }
  static std::string TypeStr() { return "str"; }
};

template <>
struct TypeTraits<const char*> {
  static constexpr bool enabled = true;
  static void CopyToAnyView(const char* value, TVMFFIAny* out) {
    out->type_index = kTVMFFIRawStr;
    out->zero_padding = 0;
    out->v_c_str = value;
  }
  static void MoveToAny(const char* value, TVMFFIAny* out) {
    details::MakeOwnedStr(value, std::strlen(value), kTVMFFISmallStr, kTVMFFIStr, out);
  }
  static bool CheckAnyStrict(const TVMFFIAny* v) { return v->type_index == kTVMFFIRawStr; }
  static std::optional<const char*> TryCastFromAnyView(const TVMFFIAny* v) {
    if (v->type_index == kTVMFFIRawStr) return v->v_c_str;
    return std::nullopt;
  }
  static std::string TypeStr() { return "str"; }
};
template <size_t N>
struct TypeTraits<char[N]> : TypeTraits<const char*> {};
/*!
 * \brief `char*`, which is also what a string literal decays to when a
 * template deduces `const T&` (T = char[N]). Without it AnyView(literal)
 * went through a temporary Any (an owned String) and viewed it after it was
 * destroyed: `fn("key", ...)` read freed memory.
 */
template <>
struct TypeTraits<char*> : TypeTraits<const char*> {};

/*! \brief ObjectPtr<T>: an object of (a subclass of) T. */
template <typename T>
struct TypeTraits<ObjectPtr<T>> {
  static constexpr bool enabled = true;
  static void CopyToAnyView(const ObjectPtr<T>& value, TVMFFIAny* out) {
    TVMFFIObject* h = details::ObjectPtrUnsafe::Header(value);
    if (h == nullptr) {
      *out = details::NoneAny();
      return;
    }
    out->type_index = h->type_index;
    out->zero_padding = 0;
    out->v_obj = h;
  }
  static void MoveToAny(ObjectPtr<T> value, TVMFFIAny* out) {
    CopyToAnyView(value, out);
    details::ObjectPtrUnsafe::Release(std::move(value));
  }
  static bool CheckAnyStrict(const TVMFFIAny* v) {
    return details::IsObjectIndex(v->type_index) &&
           details::ObjectUnsafe::FromHeader(v->v_obj)->IsInstance<T>();
  }
  static std::optional<ObjectPtr<T>> TryCastFromAnyView(const TVMFFIAny* v) {
    if (v->type_index == kTVMFFINone) return ObjectPtr<T>(nullptr);
    if (!CheckAnyStrict(v)) return std::nullopt;
    return details::ObjectPtrUnsafe::Borrow<T>(v->v_obj);
  }
  static std::string TypeStr() { return T::_type_key; }
};

/*!
 * \brief `const T*` / `T*` for an Object subclass T: a borrowed pointer to an
 * object of (a subclass of) T, valid while the value it came from lives.
 * Used for `self` in methods and hooks: `[](const MyObj* self, ...)`.
 */
template <typename T>
struct TypeTraits<T*, std::enable_if_t<std::is_base_of_v<Object, std::remove_const_t<T>>>> {
  using Obj = std::remove_const_t<T>;
  static constexpr bool enabled = true;
  static void CopyToAnyView(T* value, TVMFFIAny* out) {
    if (value == nullptr) {
      *out = details::NoneAny();
      return;
    }
    TVMFFIObject* h = details::ObjectUnsafe::GetHeader(value);
    out->type_index = h->type_index;
    out->zero_padding = 0;
    out->v_obj = h;
  }
  static void MoveToAny(T* value, TVMFFIAny* out) {
    CopyToAnyView(value, out);
    details::IncRefAny(*out);
  }
  static bool CheckAnyStrict(const TVMFFIAny* v) {
    return details::IsObjectIndex(v->type_index) &&
           details::ObjectUnsafe::FromHeader(v->v_obj)->IsInstance<Obj>();
  }
  static std::optional<T*> TryCastFromAnyView(const TVMFFIAny* v) {
    if (!CheckAnyStrict(v)) return std::nullopt;
    return static_cast<T*>(static_cast<Obj*>(details::ObjectUnsafe::FromHeader(v->v_obj)));
  }
  static std::string TypeStr() { return Obj::_type_key; }
};

/*!
 * \brief Generic traits of ObjectRef subclasses: the object must be-a
 * `T::ContainerType`; None maps to a null reference for nullable types.
 */
template <typename T>
struct TypeTraits<
    T, std::enable_if_t<std::is_base_of_v<ObjectRef, T> && !ObjectRefHasCustomTraits<T>::value>> {
  static constexpr bool enabled = true;
  static void CopyToAnyView(const T& value, TVMFFIAny* out) {
    TVMFFIObject* h = details::ObjectRefUnsafe::Header(value);
    if (h == nullptr) {
      *out = details::NoneAny();
      return;
    }
    out->type_index = h->type_index;
    out->zero_padding = 0;
    out->v_obj = h;
  }
  static void MoveToAny(T value, TVMFFIAny* out) {
    CopyToAnyView(value, out);
    if (details::IsObjectIndex(out->type_index)) details::IncRef(out->v_obj);
  }
  static bool CheckAnyStrict(const TVMFFIAny* v) {
    if (v->type_index == kTVMFFINone) return T::_type_is_nullable;
    return details::IsObjectIndex(v->type_index) &&
           details::ObjectUnsafe::FromHeader(v->v_obj)
               ->template IsInstance<typename T::ContainerType>();
  }
  static std::optional<T> TryCastFromAnyView(const TVMFFIAny* v) {
    if (!CheckAnyStrict(v)) return std::nullopt;
    if (v->type_index == kTVMFFINone) return T(nullptr);
    return details::ObjectRefUnsafe::FromPtr<T>(details::ObjectPtrUnsafe::Borrow<Object>(v->v_obj));
  }
  static std::string TypeStr() { return T::ContainerType::_type_key; }
};

}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_ANY_H_
