/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file tvm/ffi/string.h
 * \brief String and Bytes: immutable byte strings shared across languages.
 *
 * Inside an Any, strings of up to 7 bytes are stored inline (no allocation);
 * a String reference always holds a heap object, made on demand.
 */
#ifndef TVM_FFI_STRING_H_
#define TVM_FFI_STRING_H_

#include <tvm/ffi/any.h>

#include <ostream>
#include <string>
#include <string_view>

namespace tvm {
namespace ffi {

/*! \brief Object layout of String and Bytes: the cell, then the data. */
class BytesObjBase : public Object {
 public:
  TVMFFIBytesCell cell;
  const char* data() const { return cell.bytes.data; }
  size_t size() const { return cell.bytes.size; }
};

class StringObj : public BytesObjBase {
 public:
  static constexpr const char* _type_key = "ffi.String";
  static constexpr bool _type_final = true;
  static int32_t RuntimeTypeIndex() { return TypeIndex::kTVMFFIStr; }
};

class BytesObj : public BytesObjBase {
 public:
  static constexpr const char* _type_key = "ffi.Bytes";
  static constexpr bool _type_final = true;
  static int32_t RuntimeTypeIndex() { return TypeIndex::kTVMFFIBytes; }
};

namespace details {
/*!
 * \brief Shared implementation of String and Bytes (they differ only in the
 * object type and in what Python makes of them).
 */
template <typename Derived, typename ObjType, int32_t kObjIndex, int32_t kSmallIndex>
class StringLike : public ObjectRef {
 public:
  using ContainerType = ObjType;
  static constexpr bool _type_is_nullable = false;

  StringLike() : StringLike(std::string_view()) {}
  StringLike(const char* s) : StringLike(std::string_view(s)) {}
  StringLike(const std::string& s) : StringLike(std::string_view(s)) {}
  StringLike(std::string_view s) {
    TVMFFIByteArray bytes{s.data(), s.size()};
    TVMFFIObject* out = nullptr;
    int rc = kObjIndex == kTVMFFIStr ? TVMFFIStringFromByteArray(&bytes, &out)
                                     : TVMFFIBytesFromByteArray(&bytes, &out);
    if (rc != 0) throw MoveFromRaised();
    data_ = ObjectPtrUnsafe::Adopt<Object>(out);
  }

  const char* data() const { return obj()->data(); }
  const char* c_str() const { return obj()->data(); }
  size_t size() const { return obj()->size(); }
  size_t length() const { return size(); }
  bool empty() const { return size() == 0; }
  char at(size_t i) const {
    if (i >= size()) TVM_FFI_THROW(IndexError) << "index " << i << " out of range " << size();
    return data()[i];
  }
  std::string_view view() const { return std::string_view(data(), size()); }
  operator std::string() const { return std::string(data(), size()); }
  operator std::string_view() const { return view(); }

  int compare(const StringLike& o) const { return view().compare(o.view()); }
  friend bool operator==(const Derived& a, const Derived& b) { return a.view() == b.view(); }
  friend bool operator!=(const Derived& a, const Derived& b) { return a.view() != b.view(); }
  friend bool operator<(const Derived& a, const Derived& b) { return a.view() < b.view(); }
  friend bool operator==(const Derived& a, std::string_view b) { return a.view() == b; }
  friend bool operator==(const Derived& a, const char* b) { return a.view() == b; }
  friend bool operator==(const Derived& a, const std::string& b) { return a.view() == b; }
  friend bool operator!=(const Derived& a, std::string_view b) { return a.view() != b; }
  friend bool operator!=(const Derived& a, const char* b) { return a.view() != b; }
  friend bool operator!=(const Derived& a, const std::string& b) { return a.view() != b; }
  friend std::ostream& operator<<(std::ostream& os, const Derived& s) { return os << s.view(); }

 protected:
  const ObjType* obj() const { return static_cast<const ObjType*>(data_.get()); }
};
}  // namespace details

/*! \brief An immutable UTF-8 string object. Never null. */
class String : public details::StringLike<String, StringObj, kTVMFFIStr, kTVMFFISmallStr> {
 public:
  using StringLike::StringLike;
  friend String operator+(const String& a, const String& b) {
    return String(std::string(a) + std::string(b));
  }
  friend String operator+(const String& a, const char* b) { return String(std::string(a) + b); }
  friend String operator+(const char* a, const String& b) { return String(a + std::string(b)); }
  friend String operator+(const String& a, const std::string& b) {
    return String(std::string(a) + b);
  }
};

/*! \brief An immutable byte string object. Never null. */
class Bytes : public details::StringLike<Bytes, BytesObj, kTVMFFIBytes, kTVMFFISmallBytes> {
 public:
  using StringLike::StringLike;
};

template <>
struct ObjectRefHasCustomTraits<String> : std::true_type {};
template <>
struct ObjectRefHasCustomTraits<Bytes> : std::true_type {};

namespace details {
/*! \brief Traits shared by String and Bytes. */
template <typename T, int32_t kObjIndex, int32_t kSmallIndex,
          std::optional<std::string_view> (*ViewOf)(const TVMFFIAny&)>
struct StringLikeTraits {
  static constexpr bool enabled = true;
  static void CopyToAnyView(const T& value, TVMFFIAny* out) {
    out->type_index = kObjIndex;
    out->zero_padding = 0;
    out->v_obj = ObjectRefUnsafe::Header(value);
  }
  static void MoveToAny(const T& value, TVMFFIAny* out) {
    // Short strings go inline so that the receiver allocates nothing.
    if (value.size() <= TVM_FFI_SMALL_STR_MAX) {
      MakeOwnedStr(value.data(), value.size(), kSmallIndex, kObjIndex, out);
      return;
    }
    CopyToAnyView(value, out);
    IncRef(out->v_obj);
  }
  static bool CheckAnyStrict(const TVMFFIAny* v) { return v->type_index == kObjIndex; }
  static std::optional<T> TryCastFromAnyView(const TVMFFIAny* v) {
    if (v->type_index == kObjIndex) {
      return ObjectRefUnsafe::FromPtr<T>(ObjectPtrUnsafe::Borrow<Object>(v->v_obj));
    }
    std::optional<std::string_view> s = ViewOf(*v);
    if (!s) return std::nullopt;
    return T(*s);
  }
};
}  // namespace details

template <>
struct TypeTraits<String>
    : details::StringLikeTraits<String, kTVMFFIStr, kTVMFFISmallStr, details::AnyStringView> {
  static std::string TypeStr() { return "str"; }
};
template <>
struct TypeTraits<Bytes>
    : details::StringLikeTraits<Bytes, kTVMFFIBytes, kTVMFFISmallBytes, details::AnyBytesView> {
  static std::string TypeStr() { return "bytes"; }
};

}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_STRING_H_
