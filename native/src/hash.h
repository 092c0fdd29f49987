/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file hash.h
 * \brief The hash primitives of the core library (map keys and the engines).
 */
#ifndef TVM_FFI_SRC_HASH_H_
#define TVM_FFI_SRC_HASH_H_

#include <cstdint>
#include <string_view>

namespace tvm {
namespace ffi {

/*! \brief A 64-bit mix (the splitmix64 finaliser). */
inline uint64_t HashMix(uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return h;
}

/*! \brief A hash of bytes (FNV-1a, then mixed); `seed` separates kinds. */
inline uint64_t HashBytes(std::string_view s, uint64_t seed) {
  uint64_t h = 1469598103934665603ull ^ seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return HashMix(h);
}

}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_SRC_HASH_H_
