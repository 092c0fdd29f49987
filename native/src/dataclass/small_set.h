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
#include <functional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tvm {
namespace ffi {
namespace dataclass {

template <typename K, typename V, typename Hash = std::hash<K>>
class SmallMap {
 public:
  static constexpr size_t kInline = 16;

  /*! \brief The value of `key`, or nullptr. */
  V* find(const K& key) {
    if (!big_.empty()) {
      auto it = big_.find(key);
      return it == big_.end() ? nullptr : &it->second;
    }
    for (size_t i = 0; i < n_; ++i) {
      if (inline_[i].first == key) return &inline_[i].second;
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
      inline_[n_++] = {key, std::move(value)};
      return true;
    }
    if (big_.empty()) {
      for (size_t i = 0; i < n_; ++i) big_.emplace(std::move(inline_[i]));
      n_ = 0;
    }
    big_.emplace(key, std::move(value));
    return true;
  }

  void erase(const K& key) {
    if (!big_.empty()) {
      big_.erase(key);
      return;
    }
    for (size_t i = 0; i < n_; ++i) {
      if (inline_[i].first == key) {
        inline_[i] = std::move(inline_[--n_]);
        return;
      }
    }
  }

 private:
  std::pair<K, V> inline_[kInline];
  size_t n_ = 0;
  std::unordered_map<K, V, Hash> big_;
};

/*! \brief A set over SmallMap. */
template <typename K, typename Hash = std::hash<K>>
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
