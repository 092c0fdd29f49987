/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file registry_internal.h
 * \brief What the type registry tells the rest of the core library beyond
 *        the C ABI. Internal to the core library.
 */
#ifndef TVM_FFI_SRC_REGISTRY_INTERNAL_H_
#define TVM_FFI_SRC_REGISTRY_INTERNAL_H_

#include <atomic>
#include <cstdint>

namespace tvm {
namespace ffi {
namespace details {

/*!
 * \brief Bumped whenever any type gains a field. Caches built over field
 * lists (a type's fields plus its ancestors') compare it instead of walking
 * the ancestors on every use.
 */
extern std::atomic<uint64_t> g_field_layout_generation;

inline uint64_t FieldLayoutGeneration() {
  return g_field_layout_generation.load(std::memory_order_acquire);
}

/*!
 * \brief Takes a type out of the registry (TVMFFITypeRetract, after the
 * dynamic-type code checked it has no instances); throws when a registered
 * type derives from it.
 */
void RetractType(int32_t type_index);

/*!
 * \brief The load journal (plugin.cc): while a library loads on this thread
 * (between TVMFFIPluginLoadBegin and TVMFFIPluginLoadEnd), the registry
 * records what it adds, so a failed load can be taken back. Both are no-ops
 * when no load is in progress on the calling thread.
 */
void JournalNewType(int32_t type_index);
/*! \brief Records that global `name` is being set; `previous` (borrowed) is what it held, or NULL. */
void JournalGlobalFunction(const std::string& name, TVMFFIObject* previous);

/*! \brief Capacity of the type index table (indices are below it). */
constexpr int32_t kMaxTypes = 1 << 16;

/*!
 * \brief Per type index: 1 for `ffi.Enum` and every type derived from it.
 * Written by the registry before the type is published, read lock-free.
 */
extern uint8_t g_unique_instance_type[kMaxTypes];

/*!
 * \brief Whether objects of the type are unique instances (enum variants):
 * the engines compare, hash and copy them by identity.
 */
inline bool IsUniqueInstanceType(int32_t type_index) {
  return type_index >= 0 && type_index < kMaxTypes && g_unique_instance_type[type_index] != 0;
}

/*! \brief The key every enum type derives from (tvm/ffi/enum.h). */
inline constexpr const char* kEnumTypeKey = "ffi.Enum";

}  // namespace details
}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_SRC_REGISTRY_INTERNAL_H_
