/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file graph.cc
 * \brief Field lists and hook lookup for the dataclass engines.
 */
#include "graph.h"

#include "../registry_internal.h"

#include <atomic>

namespace tvm {
namespace ffi {
namespace dataclass {

namespace {
struct FieldCacheEntry {
  uint64_t generation = 0;  // the registry's field generation when built; 0: never
  std::vector<const TVMFFIFieldInfo*> fields;
};
}  // namespace

const std::vector<const TVMFFIFieldInfo*>& FieldsOf(int32_t type_index) {
  thread_local std::vector<FieldCacheEntry> cache;
  static const std::vector<const TVMFFIFieldInfo*> kEmpty;
  uint64_t generation = details::FieldLayoutGeneration();
  if (type_index >= 0 && static_cast<size_t>(type_index) < cache.size() &&
      cache[type_index].generation == generation) {
    return cache[type_index].fields;
  }
  const TVMFFITypeInfo* info = TVMFFIGetTypeInfo(type_index);
  if (info == nullptr) return kEmpty;
  if (static_cast<size_t>(type_index) >= cache.size()) cache.resize(type_index + 1);
  FieldCacheEntry& entry = cache[type_index];
  entry.fields.clear();
  for (int32_t d = 0; d <= info->type_depth; ++d) {
    const TVMFFITypeInfo* t =
        d == info->type_depth ? info : TVMFFIGetTypeInfo(info->type_ancestors[d]);
    for (int32_t i = 0; i < t->num_fields; ++i) entry.fields.push_back(&t->fields[i]);
  }
  entry.generation = generation;
  return entry.fields;
}

const char* HookName(Hook hook) {
  static const char* const kNames[] = {
      reflection::type_attr::kRepr,        reflection::type_attr::kHash,
      reflection::type_attr::kEq,          reflection::type_attr::kCompare,
      reflection::type_attr::kShallowCopy, reflection::type_attr::kNew};
  static_assert(sizeof(kNames) / sizeof(kNames[0]) == static_cast<size_t>(Hook::kCount));
  return kNames[static_cast<int>(hook)];
}

const FunctionObj* HookOf(int32_t type_index, Hook hook) {
  // A column's address never changes once it exists, so it is cached.
  static std::atomic<const TVMFFITypeAttrColumn*> columns[static_cast<int>(Hook::kCount)];
  auto& slot = columns[static_cast<int>(hook)];
  const TVMFFITypeAttrColumn* column = slot.load(std::memory_order_acquire);
  if (column == nullptr) {
    TVMFFIByteArray name = details::ToByteArray(HookName(hook));
    column = TVMFFIGetTypeAttrColumn(&name);
    if (column == nullptr) return nullptr;
    slot.store(column, std::memory_order_release);
  }
  if (type_index < 0 || type_index >= column->size) return nullptr;
  const TVMFFIAny& v = column->data[type_index];
  if (v.type_index != kTVMFFIFunction) return nullptr;
  return reinterpret_cast<const FunctionObj*>(v.v_obj);
}

}  // namespace dataclass
}  // namespace ffi
}  // namespace tvm
