/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file tvm/ffi/container/seq.h
 * \brief Array<T> (immutable, copy-on-write in C++) and List<T> (mutable,
 *        shared): sequences of values over one object layout.
 *
 * Reads go straight to the TVMFFISeqCell; writes go through the C ABI so the
 * element storage is always owned by the core library, whichever library
 * made the container.
 */
#ifndef TVM_FFI_CONTAINER_SEQ_H_
#define TVM_FFI_CONTAINER_SEQ_H_

#include <tvm/ffi/any.h>

#include <initializer_list>
#include <iterator>
#include <vector>

namespace tvm {
namespace ffi {

/*! \brief Object layout shared by Array and List. */
class SeqObj : public Object {
 public:
  TVMFFISeqCell cell;
  int64_t size() const { return cell.size; }
  const TVMFFIAny* data() const { return cell.data; }
};

class ArrayObj : public SeqObj {
 public:
  static constexpr const char* _type_key = "ffi.Array";
  static constexpr bool _type_final = true;
  static int32_t RuntimeTypeIndex() { return TypeIndex::kTVMFFIArray; }
};

class ListObj : public SeqObj {
 public:
  static constexpr const char* _type_key = "ffi.List";
  static constexpr bool _type_final = true;
  static int32_t RuntimeTypeIndex() { return TypeIndex::kTVMFFIList; }
};

namespace details {

template <typename T>
std::string ElementTypeSuffix() {
  if constexpr (std::is_same_v<T, Any>) {
    return "";
  } else {
    return "<" + TypeTraits<T>::TypeStr() + ">";
  }
}

/*!
 * \brief The shared implementation of Array<T> and List<T>.
 * \tparam kCopyOnWrite Array copies before a write when it is shared;
 *         List writes in place so every holder sees the change.
 */
template <typename Derived, typename T, typename ObjType, int32_t kIndex, bool kCopyOnWrite>
class SeqRef : public ObjectRef {
 public:
  using ContainerType = ObjType;
  using value_type = T;
  static constexpr bool _type_is_nullable = false;

  SeqRef() { data_ = Create(nullptr, 0); }
  /*! \brief Adopts an existing sequence object (ObjectRefUnsafe::FromPtr). */
  SeqRef(details::AdoptObjectTag, ObjectPtr<Object> data) { data_ = std::move(data); }
  SeqRef(std::initializer_list<T> items) : SeqRef(items.begin(), items.end()) {}
  SeqRef(const std::vector<T>& items) : SeqRef(items.begin(), items.end()) {}
  template <typename It>
  SeqRef(It first, It last) {
    std::vector<Any> owned;
    for (; first != last; ++first) owned.emplace_back(T(*first));
    std::vector<TVMFFIAny> raw;
    raw.reserve(owned.size());
    for (const Any& a : owned) raw.push_back(*a.raw());
    data_ = Create(raw.data(), static_cast<int64_t>(raw.size()));
  }

  int64_t size() const { return obj()->cell.size; }
  bool empty() const { return size() == 0; }
  /*! \brief Item `i` (no bounds check beyond the cast). */
  T operator[](int64_t i) const { return AnyView::FromRaw(obj()->cell.data[i]).template cast<T>(); }
  /*! \brief Item `i`; IndexError when out of range. */
  T at(int64_t i) const {
    CheckIndex(i);
    return (*this)[i];
  }
  T front() const { return at(0); }
  T back() const { return at(size() - 1); }

  /*! \brief Iterates the items as T values. */
  class iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = T;
    iterator(const TVMFFIAny* p) : p_(p) {}
    T operator*() const { return AnyView::FromRaw(*p_).template cast<T>(); }
    iterator& operator++() {
      ++p_;
      return *this;
    }
    iterator operator++(int) {
      iterator r = *this;
      ++p_;
      return r;
    }
    difference_type operator-(const iterator& o) const { return p_ - o.p_; }
    bool operator==(const iterator& o) const { return p_ == o.p_; }
    bool operator!=(const iterator& o) const { return p_ != o.p_; }

   private:
    const TVMFFIAny* p_;
  };
  iterator begin() const { return iterator(obj()->cell.data); }
  iterator end() const { return iterator(obj()->cell.data + obj()->cell.size); }

  void push_back(const T& value) { insert(size(), value); }
  void insert(int64_t i, const T& value) {
    if (i < 0 || i > size()) TVM_FFI_THROW(IndexError) << "insert index " << i << " out of range";
    Any a(value);
    CheckCall(TVMFFISeqInsert(MutableHeader(), i, a.raw(), 1));
  }
  void Set(int64_t i, const T& value) {
    CheckIndex(i);
    Any a(value);
    CheckCall(TVMFFISeqSetItem(MutableHeader(), i, a.raw()));
  }
  void erase(int64_t i) {
    CheckIndex(i);
    CheckCall(TVMFFISeqErase(MutableHeader(), i, i + 1));
  }
  void pop_back() {
    if (empty()) TVM_FFI_THROW(IndexError) << "pop from empty " << ObjType::_type_key;
    erase(size() - 1);
  }
  void clear() { CheckCall(TVMFFISeqErase(MutableHeader(), 0, size())); }

 protected:
  const ObjType* obj() const { return static_cast<const ObjType*>(data_.get()); }
  static ObjectPtr<Object> Create(const TVMFFIAny* items, int64_t n) {
    TVMFFIObject* out = nullptr;
    CheckCall(TVMFFISeqCreate(kIndex, items, n, &out));
    return ObjectPtrUnsafe::Adopt<Object>(out);
  }
  static void CheckCall(int rc) {
    if (rc != 0) throw MoveFromRaised();
  }
  void CheckIndex(int64_t i) const {
    if (i < 0 || i >= size()) {
      TVM_FFI_THROW(IndexError) << "index " << i << " out of range for " << ObjType::_type_key
                                << " of size " << size();
    }
  }
  TVMFFIObject* MutableHeader() {
    if constexpr (kCopyOnWrite) {
      if (data_.use_count() != 1) data_ = Create(obj()->cell.data, obj()->cell.size);
    }
    return ObjectRefUnsafe::Header(*this);
  }
};

/*! \brief Traits shared by Array<T> and List<T>: element types are checked. */
template <typename SeqT, typename T, int32_t kIndex>
struct SeqTraits {
  static constexpr bool enabled = true;
  static void CopyToAnyView(const SeqT& v, TVMFFIAny* out) {
    out->type_index = kIndex;
    out->zero_padding = 0;
    out->v_obj = ObjectRefUnsafe::Header(v);
  }
  static void MoveToAny(SeqT v, TVMFFIAny* out) {
    CopyToAnyView(v, out);
    IncRef(out->v_obj);
  }
  static bool CheckAnyStrict(const TVMFFIAny* v) {
    if (v->type_index != kIndex) return false;
    if constexpr (!std::is_same_v<T, Any>) {
      const auto* cell = reinterpret_cast<const TVMFFISeqCell*>(v->v_obj + 1);
      for (int64_t i = 0; i < cell->size; ++i) {
        if (!TypeTraits<T>::CheckAnyStrict(&cell->data[i])) return false;
      }
    }
    return true;
  }
  static std::optional<SeqT> TryCastFromAnyView(const TVMFFIAny* v) {
    if (v->type_index != kIndex) return std::nullopt;
    if (CheckAnyStrict(v)) {
      return ObjectRefUnsafe::FromPtr<SeqT>(ObjectPtrUnsafe::Borrow<Object>(v->v_obj));
    }
    // Elements need a conversion (e.g. int -> float): build a converted copy.
    const auto* cell = reinterpret_cast<const TVMFFISeqCell*>(v->v_obj + 1);
    std::vector<T> items;
    items.reserve(cell->size);
    for (int64_t i = 0; i < cell->size; ++i) {
      std::optional<T> item = TypeTraits<T>::TryCastFromAnyView(&cell->data[i]);
      if (!item) return std::nullopt;
      items.push_back(*std::move(item));
    }
    return SeqT(items);
  }
};

}  // namespace details

/*! \brief An immutable sequence (Python: tvm_ffi.Array, a Sequence). */
template <typename T = Any>
class Array : public details::SeqRef<Array<T>, T, ArrayObj, kTVMFFIArray, true> {
 public:
  using details::SeqRef<Array<T>, T, ArrayObj, kTVMFFIArray, true>::SeqRef;
};

/*! \brief A mutable sequence shared by all holders (Python: tvm_ffi.List). */
template <typename T = Any>
class List : public details::SeqRef<List<T>, T, ListObj, kTVMFFIList, false> {
 public:
  using details::SeqRef<List<T>, T, ListObj, kTVMFFIList, false>::SeqRef;
};

template <typename T>
struct ObjectRefHasCustomTraits<Array<T>> : std::true_type {};
template <typename T>
struct ObjectRefHasCustomTraits<List<T>> : std::true_type {};

template <typename T>
struct TypeTraits<Array<T>> : details::SeqTraits<Array<T>, T, kTVMFFIArray> {
  static std::string TypeStr() { return "Array" + details::ElementTypeSuffix<T>(); }
};
template <typename T>
struct TypeTraits<List<T>> : details::SeqTraits<List<T>, T, kTVMFFIList> {
  static std::string TypeStr() { return "List" + details::ElementTypeSuffix<T>(); }
};

}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_CONTAINER_SEQ_H_
