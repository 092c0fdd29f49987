/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file enum.cc
 * \brief The `ffi.Enum` type and the two registries of every enum type.
 *
 * The registries are ordinary type attributes holding a mutable Dict, so
 * every library and both languages read and extend the same containers
 * (register once, then mutate). They are made here, under one lock, so two
 * first writers (a C++ EnumDef in one library, a Python class in another
 * thread) cannot both register one; the columns are looked up once and
 * cached here, in the core library, rather than in each including library.
 */
#include <tvm/ffi/enum.h>
#include <tvm/ffi/reflection/enum_def.h>
#include <tvm/ffi/reflection/registry.h>

#include <mutex>
#include <string>

#include "registry_internal.h"

namespace tvm {
namespace ffi {
namespace {

std::mutex g_enum_mutex;

const char* TableName(int32_t table) {
  switch (table) {
    case kTVMFFIEnumEntries: return reflection::type_attr::kEnumEntries;
    case kTVMFFIEnumAttrs: return reflection::type_attr::kEnumAttrs;
    default: break;
  }
  TVM_FFI_THROW(ValueError) << "no enum table " << table;
}

/*! \brief The column of `name`, made when first asked for (never freed). */
const TVMFFITypeAttrColumn* Column(const char* name) {
  TVMFFIByteArray key = details::ToByteArray(name);
  return TVMFFIGetTypeAttrColumn(&key);
}

void CheckEnumType(int32_t type_index) {
  if (!details::IsUniqueInstanceType(type_index)) {
    const TVMFFITypeInfo* info = TVMFFIGetTypeInfo(type_index);
    std::string key = info ? std::string(info->type_key.data, info->type_key.size)
                           : "<index " + std::to_string(type_index) + ">";
    TVM_FFI_THROW(TypeError) << "type `" << key << "` is not an enum (it does not derive from `"
                             << details::kEnumTypeKey << "`)";
  }
}

/*! \brief The stored table as a new reference, or NULL; the caller holds the lock. */
TVMFFIObject* FindTable(int32_t type_index, int32_t table) {
  // Column pointers are stable once made, so caching them is safe; a column
  // not made yet is looked up again next time.
  static const TVMFFITypeAttrColumn* cached[2] = {nullptr, nullptr};
  if (cached[table] == nullptr) cached[table] = Column(TableName(table));
  const TVMFFITypeAttrColumn* column = cached[table];
  if (column == nullptr || type_index >= column->size) return nullptr;
  const TVMFFIAny& stored = column->data[type_index];
  if (stored.type_index != kTVMFFIDict) return nullptr;
  TVMFFIObjectIncRef(stored.v_obj);
  return stored.v_obj;
}

TVMFFIObject* GetTable(int32_t type_index, int32_t table, bool create) {
  CheckEnumType(type_index);
  const char* name = TableName(table);  // checks `table`
  std::lock_guard<std::mutex> lock(g_enum_mutex);
  if (TVMFFIObject* found = FindTable(type_index, table)) return found;
  if (!create) return nullptr;
  Dict<Any, Any> fresh;
  reflection::details::RegisterTypeAttr(type_index, name, fresh);
  return FindTable(type_index, table);
}

}  // namespace
}  // namespace ffi
}  // namespace tvm

using namespace tvm::ffi;  // NOLINT(build/namespaces): C ABI definitions below

int TVMFFIEnumGetTable(int32_t type_index, int32_t table, int32_t create,
                       TVMFFIObjectHandle* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  *out = GetTable(type_index, table, create != 0);
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIEnumGetEntry(int32_t type_index, const TVMFFIByteArray* name, TVMFFIObjectHandle* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  *out = nullptr;
  TVMFFIObject* table = GetTable(type_index, kTVMFFIEnumEntries, false);
  String key(std::string(name->data, name->size));
  if (table != nullptr) {
    auto entries = details::ObjectRefUnsafe::FromPtr<Dict<String, ObjectRef>>(
        details::ObjectPtrUnsafe::Adopt<Object>(table));
    if (Optional<ObjectRef> hit = entries.Get(key)) {
      TVMFFIObject* obj = details::ObjectRefUnsafe::Header(*hit);
      TVMFFIObjectIncRef(obj);
      *out = obj;
      return 0;
    }
  }
  const TVMFFITypeInfo* info = TVMFFIGetTypeInfo(type_index);
  TVM_FFI_THROW(RuntimeError) << "enum `" << std::string(info->type_key.data, info->type_key.size)
                              << "` has no instance named `" << key.c_str() << "`";
  TVM_FFI_SAFE_CALL_END();
}

TVM_FFI_STATIC_INIT_BLOCK() {
  namespace refl = tvm::ffi::reflection;
  refl::ObjectDef<EnumObj>(refl::init(false))
      .def_ro("value", &EnumObj::value, "The ordinal: 0, 1, ... per enum type.")
      .def_ro("name", &EnumObj::name, "The variant's name.");
}
