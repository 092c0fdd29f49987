/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file tvm/ffi/container/map.h
 * \brief Map<K, V> (immutable, copy-on-write in C++) and Dict<K, V> (mutable,
 *        shared): insertion-ordered hash maps over one object layout.
 *
 * Keys follow Python's rule (TVMFFIAnyKeyHash / TVMFFIAnyKeyEqual): numbers
 * by value across kinds, so `Map<Any, V>` finds a key 1 under 1.0 or true;
 * strings and bytes by content; Arrays by structure; other objects by
 * identity.
 */
#ifndef TVM_FFI_CONTAINER_MAP_H_
#define TVM_FFI_CONTAINER_MAP_H_

#include <tvm/ffi/container/seq.h>
#include <tvm/ffi/optional.h>

#include <initializer_list>
#include <utility>
#include <vector>

namespace tvm {
namespace ffi {

/*! \brief Object layout shared by Map and Dict. */
class MapObj : public Object {
 public:
  TVMFFIMapCell cell;
  int64_t size() const { return cell.size; }
};

class MapObjImmutable : public MapObj {
 public:
  static constexpr const char* _type_key = "ffi.Map";
  static constexpr bool _type_final = true;
  static int32_t RuntimeTypeIndex() { return TypeIndex::kTVMFFIMap; }
};

class DictObj : public MapObj {
 public:
  static constexpr const char* _type_key = "ffi.Dict";
  static constexpr bool _type_final = true;
  static int32_t RuntimeTypeIndex() { return TypeIndex::kTVMFFIDict; }
};

namespace details {

template <typename Derived, typename K, typename V, typename ObjType, int32_t kIndex,
          bool kCopyOnWrite>
class MapRef : public ObjectRef {
 public:
  using ContainerType = ObjType;
  static constexpr bool _type_is_nullable = false;

  MapRef() { data_ = Create({}); }
  /*! \brief Adopts an existing map object (ObjectRefUnsafe::FromPtr). */
  MapRef(details::AdoptObjectTag, ObjectPtr<Object> data) { data_ = std::move(data); }
  MapRef(std::initializer_list<std::pair<K, V>> items) {
    data_ = Create(std::vector<std::pair<K, V>>(items));
  }
  MapRef(const std::vector<std::pair<K, V>>& items) { data_ = Create(items); }

  int64_t size() const { return obj()->cell.size; }
  bool empty() const { return size() == 0; }
  /*! \brief 1 when `key` is present, else 0. */
  int64_t count(const K& key) const { return Find(key).has_value() ? 1 : 0; }
  /*! \brief The value of `key`; KeyError when absent. */
  V at(const K& key) const {
    std::optional<AnyView> v = Find(key);
    if (!v) TVM_FFI_THROW(KeyError) << "key not found in " << ObjType::_type_key;
    return v->template cast<V>();
  }
  V operator[](const K& key) const { return at(key); }
  /*! \brief The value of `key`, or an empty Optional. */
  Optional<V> Get(const K& key) const {
    std::optional<AnyView> v = Find(key);
    if (!v) return Optional<V>();
    return Optional<V>(v->template cast<V>());
  }

  void Set(const K& key, const V& value) {
    Any k(key), v(value);
    CheckCall(TVMFFIMapSetItem(MutableHeader(), k.raw(), v.raw()));
  }
  void erase(const K& key) {
    Any k(key);
    int found = 0;
    CheckCall(TVMFFIMapErase(MutableHeader(), k.raw(), &found));
  }
  void clear() { CheckCall(TVMFFIMapClear(MutableHeader())); }

  /*! \brief Iterates (key, value) pairs in insertion order. */
  class iterator {
   public:
    using value_type = std::pair<K, V>;
    iterator(const TVMFFIMapEntry* p) : p_(p) {}
    std::pair<K, V> operator*() const {
      return {AnyView::FromRaw(p_->key).template cast<K>(),
              AnyView::FromRaw(p_->value).template cast<V>()};
    }
    iterator& operator++() {
      ++p_;
      return *this;
    }
    bool operator==(const iterator& o) const { return p_ == o.p_; }
    bool operator!=(const iterator& o) const { return p_ != o.p_; }

   private:
    const TVMFFIMapEntry* p_;
  };
  iterator begin() const { return iterator(obj()->cell.entries); }
  iterator end() const { return iterator(obj()->cell.entries + obj()->cell.size); }

 protected:
  const ObjType* obj() const { return static_cast<const ObjType*>(data_.get()); }
  static void CheckCall(int rc) {
    if (rc != 0) throw MoveFromRaised();
  }
  static ObjectPtr<Object> Create(const std::vector<std::pair<K, V>>& items) {
    std::vector<Any> keys, values;
    keys.reserve(items.size());
    values.reserve(items.size());
    for (const auto& kv : items) {
      keys.emplace_back(kv.first);
      values.emplace_back(kv.second);
    }
    return CreateRaw(keys, values);
  }
  static ObjectPtr<Object> CreateRaw(const std::vector<Any>& keys, const std::vector<Any>& values) {
    std::vector<TVMFFIAny> rk, rv;
    for (const Any& a : keys) rk.push_back(*a.raw());
    for (const Any& a : values) rv.push_back(*a.raw());
    TVMFFIObject* out = nullptr;
    CheckCall(TVMFFIMapCreate(kIndex, rk.data(), rv.data(), static_cast<int64_t>(rk.size()), &out));
    return ObjectPtrUnsafe::Adopt<Object>(out);
  }
  std::optional<AnyView> Find(const K& key) const {
    AnyView k(key);
    Any owned_key(k);  // small strings given as C strings must be comparable
    TVMFFIAny value;
    int found = 0;
    CheckCall(TVMFFIMapFind(ObjectRefUnsafe::Header(*this), owned_key.raw(), &value, &found));
    if (!found) return std::nullopt;
    return AnyView::FromRaw(value);
  }
  TVMFFIObject* MutableHeader() {
    if constexpr (kCopyOnWrite) {
      if (data_.use_count() != 1) {
        const TVMFFIMapCell& c = obj()->cell;
        std::vector<TVMFFIAny> rk, rv;
        for (int64_t i = 0; i < c.size; ++i) {
          rk.push_back(c.entries[i].key);
          rv.push_back(c.entries[i].value);
        }
        TVMFFIObject* out = nullptr;
        CheckCall(TVMFFIMapCreate(kIndex, rk.data(), rv.data(), c.size, &out));
        data_ = ObjectPtrUnsafe::Adopt<Object>(out);
      }
    }
    return ObjectRefUnsafe::Header(*this);
  }
};

template <typename MapT, typename K, typename V, int32_t kIndex>
struct MapTraits {
  static constexpr bool enabled = true;
  static void CopyToAnyView(const MapT& v, TVMFFIAny* out) {
    out->type_index = kIndex;
    out->zero_padding = 0;
    out->v_obj = ObjectRefUnsafe::Header(v);
  }
  static void MoveToAny(MapT v, TVMFFIAny* out) {
    CopyToAnyView(v, out);
    IncRef(out->v_obj);
  }
  static bool CheckAnyStrict(const TVMFFIAny* v) {
    if (v->type_index != kIndex) return false;
    if constexpr (!std::is_same_v<K, Any> || !std::is_same_v<V, Any>) {
      const auto* cell = reinterpret_cast<const TVMFFIMapCell*>(v->v_obj + 1);
      for (int64_t i = 0; i < cell->size; ++i) {
        if (!TypeTraits<K>::CheckAnyStrict(&cell->entries[i].key) ||
            !TypeTraits<V>::CheckAnyStrict(&cell->entries[i].value)) {
          return false;
        }
      }
    }
    return true;
  }
  static std::optional<MapT> TryCastFromAnyView(const TVMFFIAny* v) {
    if (v->type_index != kIndex) return std::nullopt;
    if (CheckAnyStrict(v)) {
      return ObjectRefUnsafe::FromPtr<MapT>(ObjectPtrUnsafe::Borrow<Object>(v->v_obj));
    }
    const auto* cell = reinterpret_cast<const TVMFFIMapCell*>(v->v_obj + 1);
    std::vector<std::pair<K, V>> items;
    for (int64_t i = 0; i < cell->size; ++i) {
      auto k = TypeTraits<K>::TryCastFromAnyView(&cell->entries[i].key);
      auto val = TypeTraits<V>::TryCastFromAnyView(&cell->entries[i].value);
      if (!k || !val) return std::nullopt;
      items.emplace_back(*std::move(k), *std::move(val));
    }
    return MapT(items);
  }
  static std::string TypeSuffix() {
    if constexpr (std::is_same_v<K, Any> && std::is_same_v<V, Any>) {
      return "";
    } else {
      return "<" + TypeTraits<K>::TypeStr() + ", " + TypeTraits<V>::TypeStr() + ">";
    }
  }
};

}  // namespace details

/*! \brief An immutable mapping (Python: tvm_ffi.Map, a Mapping). */
template <typename K = Any, typename V = Any>
class Map : public details::MapRef<Map<K, V>, K, V, MapObjImmutable, kTVMFFIMap, true> {
 public:
  using details::MapRef<Map<K, V>, K, V, MapObjImmutable, kTVMFFIMap, true>::MapRef;
};

/*! \brief A mutable mapping shared by all holders (Python: tvm_ffi.Dict). */
template <typename K = Any, typename V = Any>
class Dict : public details::MapRef<Dict<K, V>, K, V, DictObj, kTVMFFIDict, false> {
 public:
  using details::MapRef<Dict<K, V>, K, V, DictObj, kTVMFFIDict, false>::MapRef;
};

template <typename K, typename V>
struct ObjectRefHasCustomTraits<Map<K, V>> : std::true_type {};
template <typename K, typename V>
struct ObjectRefHasCustomTraits<Dict<K, V>> : std::true_type {};

template <typename K, typename V>
struct TypeTraits<Map<K, V>> : details::MapTraits<Map<K, V>, K, V, kTVMFFIMap> {
  static std::string TypeStr() {
    return "Map" + details::MapTraits<Map<K, V>, K, V, kTVMFFIMap>::TypeSuffix();
  }
};
template <typename K, typename V>
struct TypeTraits<Dict<K, V>> : details::MapTraits<Dict<K, V>, K, V, kTVMFFIDict> {
  static std::string TypeStr() {
    return "Dict" + details::MapTraits<Dict<K, V>, K, V, kTVMFFIDict>::TypeSuffix();
  }
};

}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_CONTAINER_MAP_H_
