/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file small_set.h
 * \brief A set and a map that stay in a small inline array until they grow.
 *
 * The engines track visited nodes (or node pairs) per call. Most calls are on
 * small objects, where a hash table's allocations cost more than the work;
 * big graphs switch to the hash table after kInline entries.
 */
#ifndef TVM_FFI_SRC_DATACLASS_SMALL_SET_H_
#define TVM_FFI_SRC_DATACLASS_SMALL_SET_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <new>
#include <unordered_map>
#include <utility>
#include <vector>

#include "../hash.h"

namespace tvm {
namespace ffi {
namespace dataclass {

/*!
 * \brief An open-addressing hash map (linear probing, backward-shift
 * erase): one array, no allocation per entry. Keys compare with ==.
 */
template <typename K, typename V, typename Hash>
class FlatMap {
 public:
  bool empty() const { return size_ == 0; }

  V* find(const K& key) {
    if (slots_.empty()) return nullptr;
    size_t mask = slots_.size() - 1;
    for (size_t i = Hash()(key) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (!s.used) return nullptr;
      if (s.key == key) return &s.value;
    }
  }

  /*! \brief Inserts or replaces; returns whether the key was new. */
  bool put(const K& key, V value) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    size_t mask = slots_.size() - 1;
    for (size_t i = Hash()(key) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (!s.used) {
        s.used = true;
        s.key = key;
        s.value = std::move(value);
        ++size_;
        return true;
      }
      if (s.key == key) {
        s.value = std::move(value);
        return false;
      }
    }
  }

  void erase(const K& key) {
    if (slots_.empty()) return;
    size_t mask = slots_.size() - 1;
    size_t i = Hash()(key) & mask;
    while (true) {
      if (!slots_[i].used) return;
      if (slots_[i].key == key) break;
      i = (i + 1) & mask;
    }
    // Backward shift: pull later entries of the probe run into the hole.
    size_t hole = i;
    for (size_t j = (hole + 1) & mask; slots_[j].used; j = (j + 1) & mask) {
      size_t home = Hash()(slots_[j].key) & mask;
      bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
      if (movable) {
        slots_[hole] = std::move(slots_[j]);
        hole = j;
      }
    }
    slots_[hole].used = false;
    slots_[hole].value = V();
    --size_;
  }

 private:
  struct Slot {
    K key{};
    V value{};
    bool used = false;
  };

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : old.size() * 2, Slot());
    size_ = 0;
    for (Slot& s : old) {
      if (s.used) put(s.key, std::move(s.value));
    }
  }

  std::vector<Slot> slots_;
  size_t size_ = 0;
};

/*! \brief Hashes a pointer, or a pair of pointers, for FlatMap. */
struct PtrHash {
  size_t operator()(const void* p) const {
    return static_cast<size_t>(HashMix(reinterpret_cast<uint64_t>(p)));
  }
  size_t operator()(const std::pair<const void*, const void*>& p) const {
    uint64_t a = reinterpret_cast<uint64_t>(p.first), b = reinterpret_cast<uint64_t>(p.second);
    return static_cast<size_t>(HashMix(a ^ (b * 0x9e3779b97f4a7c15ull)));
  }
};

/*!
 * \brief A map that keeps its first kInline entries in an inline array (no
 * allocation for small graphs) and moves to a FlatMap beyond that.
 *
 * The inline array is raw storage, constructed entry by entry: engines
 * create these per call, and value-initialising 16 entries up front was a
 * visible share of hashing one small object.
 */
template <typename K, typename V, typename Hash = PtrHash>
class SmallMap {
 public:
  static constexpr size_t kInline = 16;
  using Entry = std::pair<K, V>;

  SmallMap() = default;
  SmallMap(const SmallMap&) = delete;
  SmallMap& operator=(const SmallMap&) = delete;
  ~SmallMap() {
    for (size_t i = 0; i < n_; ++i) inline_entry(i).~Entry();
  }

  /*! \brief The value of `key`, or nullptr. */
  V* find(const K& key) {
    if (!big_.empty()) return big_.find(key);
    for (size_t i = 0; i < n_; ++i) {
      if (inline_entry(i).first == key) return &inline_entry(i).second;
    }
    return nullptr;
  }
  bool contains(const K& key) { return find(key) != nullptr; }

  /*! \brief Inserts or replaces; returns whether the key was new. */
  bool put(const K& key, V value) {
    if (V* v = find(key)) {
      *v = std::move(value);
      return false;
    }
    if (big_.empty() && n_ < kInline) {
      new (&inline_entry(n_)) Entry(key, std::move(value));
      ++n_;
      return true;
    }
    if (big_.empty()) {
      for (size_t i = 0; i < n_; ++i) {
        big_.put(inline_entry(i).first, std::move(inline_entry(i).second));
        inline_entry(i).~Entry();
      }
      n_ = 0;
    }
    big_.put(key, std::move(value));
    return true;
  }

  void erase(const K& key) {
    if (!big_.empty()) {
      big_.erase(key);
      return;
    }
    for (size_t i = 0; i < n_; ++i) {
      if (inline_entry(i).first == key) {
        --n_;
        if (i != n_) inline_entry(i) = std::move(inline_entry(n_));
        inline_entry(n_).~Entry();
        return;
      }
    }
  }

 private:
  Entry& inline_entry(size_t i) { return *std::launder(reinterpret_cast<Entry*>(storage_) + i); }

  alignas(Entry) unsigned char storage_[kInline * sizeof(Entry)];
  size_t n_ = 0;
  FlatMap<K, V, Hash> big_;
};

/*! \brief A set over SmallMap. */
template <typename K, typename Hash = PtrHash>
class SmallSet {
 public:
  bool contains(const K& key) { return map_.contains(key); }
  /*! \brief Returns whether `key` was new. */
  bool insert(const K& key) { return map_.put(key, true); }
  void erase(const K& key) { map_.erase(key); }

 private:
  SmallMap<K, bool, Hash> map_;
};

/*!
 * \brief A vector borrowed from a per-thread pool and returned (emptied, its
 * capacity kept) when done, so repeated engine calls do not allocate their
 * stacks. Nested calls (through hooks) simply take another one.
 */
template <typename T>
class PooledVector {
 public:
  PooledVector() {
    std::vector<std::vector<T>>& pool = Pool();
    if (!pool.empty()) {
      vec_ = std::move(pool.back());
      pool.pop_back();
    }
  }
  ~PooledVector() {
    vec_.clear();
    std::vector<std::vector<T>>& pool = Pool();
    if (pool.size() < 8 && vec_.capacity() <= 4096) pool.push_back(std::move(vec_));
  }
  PooledVector(const PooledVector&) = delete;
  PooledVector& operator=(const PooledVector&) = delete;
  std::vector<T>& operator*() { return vec_; }
  std::vector<T>* operator->() { return &vec_; }

 private:
  static std::vector<std::vector<T>>& Pool() {
    thread_local std::vector<std::vector<T>> pool;
    return pool;
  }
  std::vector<T> vec_;
};

}  // namespace dataclass
}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_SRC_DATACLASS_SMALL_SET_H_
