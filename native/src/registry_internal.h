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
/*! \brief Records that global `name` is being set; `previous` (borrowed) is what it held, or NULL.
 */
void JournalGlobalFunction(const std::string& name, TVMFFIObject* previous);
/*! \brief Records that field `name` was appended to the type (called under the registry lock). */
void JournalField(int32_t type_index, const std::string& name);
/*! \brief Records that method `name` is set; `previous` (borrowed) is the record it replaces, or
 * NULL. */
void JournalMethod(int32_t type_index, const std::string& name, const TVMFFIMethodInfo* previous);
/*! \brief Records that type attribute `name` was set on the type (it was None). */
void JournalAttr(int32_t type_index, const std::string& name);
/*! \brief Records that the type's metadata is replaced; `previous` is NULL when it had none. */
void JournalMetadata(int32_t type_index, const TVMFFITypeMetadata* previous);

/*!
 * \brief The registry's undo operations, used by a rollback (each takes the
 * registry lock, and releases what it takes out after unlocking): drop the
 * type's last field if it is `name`; give method `name` back its previous
 * record (its Anys owned, taken over; NULL removes the method); clear an
 * attribute; give back the metadata (NULL: none).
 */
void UndoField(int32_t type_index, const std::string& name);
void UndoMethod(int32_t type_index, const std::string& name, const TVMFFIMethodInfo* previous);
void UndoAttr(int32_t type_index, const std::string& name);
void UndoMetadata(int32_t type_index, const TVMFFITypeMetadata* previous, const std::string& doc);

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
