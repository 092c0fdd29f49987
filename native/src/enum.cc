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

#include <cstring>
#include <mutex>
#include <string>

#include "registry_internal.h"

namespace tvm {
namespace ffi {
namespace {

std::mutex g_enum_mutex;

const char* TableName(int32_t table) {
  switch (table) {
    case kTVMFFIEnumEntries:
      return reflection::type_attr::kEnumEntries;
    case kTVMFFIEnumAttrs:
      return reflection::type_attr::kEnumAttrs;
    default:
      break;
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

/*!
 * \brief The stored table, borrowed (the column keeps it alive, and it is
 * never replaced once registered), or NULL; the caller holds the lock.
 */
TVMFFIObject* FindTableBorrowed(int32_t type_index, int32_t table) {
  // Column pointers are stable once made, so caching them is safe; a column
  // not made yet is looked up again next time.
  static const TVMFFITypeAttrColumn* cached[2] = {nullptr, nullptr};
  if (cached[table] == nullptr) cached[table] = Column(TableName(table));
  const TVMFFITypeAttrColumn* column = cached[table];
  if (column == nullptr || type_index >= column->size) return nullptr;
  const TVMFFIAny& stored = column->data[type_index];
  if (stored.type_index != kTVMFFIDict) return nullptr;
  return stored.v_obj;
}

/*! \brief FindTableBorrowed, as a new reference. */
TVMFFIObject* FindTable(int32_t type_index, int32_t table) {
  TVMFFIObject* found = FindTableBorrowed(type_index, table);
  if (found != nullptr) TVMFFIObjectIncRef(found);
  return found;
}

/*! \brief The table, registered first when `create` (nullptr if absent); the caller holds the lock.
 */
TVMFFIObject* GetTableLocked(int32_t type_index, int32_t table, bool create) {
  const char* name = TableName(table);  // checks `table`
  if (TVMFFIObject* found = FindTable(type_index, table)) return found;
  if (!create) return nullptr;
  Dict<Any, Any> fresh;
  reflection::details::RegisterTypeAttr(type_index, name, fresh);
  return FindTable(type_index, table);
}

template <typename DictT>
DictT AdoptDict(TVMFFIObject* table) {
  return details::ObjectRefUnsafe::FromPtr<DictT>(details::ObjectPtrUnsafe::Adopt<Object>(table));
}

std::string KeyOf(int32_t type_index) {
  const TVMFFITypeInfo* info = TVMFFIGetTypeInfo(type_index);
  return info ? std::string(info->type_key.data, info->type_key.size) : "<unregistered>";
}

/*! \brief The variant behind a handle; TypeError unless it is an enum object. */
EnumObj* VariantOf(TVMFFIObjectHandle handle) {
  auto* header = static_cast<TVMFFIObject*>(handle);
  if (header == nullptr) TVM_FFI_THROW(TypeError) << "expected an enum variant, got NULL";
  CheckEnumType(header->type_index);
  return reinterpret_cast<EnumObj*>(details::ObjectUnsafe::FromHeader(header));
}

/*! \brief Throws unless `variant` is the registered variant of its name; the caller holds the lock.
 */
void CheckRegisteredLocked(const EnumObj* variant) {
  // Borrowed throughout (no reference counting on the read path): the
  // lock is held and the variant's name is a String the variant owns.
  TVMFFIObject* table = FindTableBorrowed(variant->type_index(), kTVMFFIEnumEntries);
  TVMFFIAny name{}, hit;
  name.type_index = kTVMFFIStr;
  name.v_obj = details::ObjectRefUnsafe::Header(variant->name);
  int found = 0;
  if (table != nullptr && name.v_obj != nullptr && TVMFFIMapFind(table, &name, &hit, &found) == 0 &&
      found && hit.type_index >= kTVMFFIStaticObjectBegin &&
      hit.v_obj == details::ObjectUnsafe::GetHeader(variant)) {
    return;
  }
  TVM_FFI_THROW(TypeError) << "`" << KeyOf(variant->type_index()) << "` object named `"
                           << variant->name.c_str() << "` is not a registered variant";
}

}  // namespace
}  // namespace ffi
}  // namespace tvm

using namespace tvm::ffi;  // C ABI definitions below

int TVMFFIEnumGetTable(int32_t type_index, int32_t table, int32_t create, TVMFFIObjectHandle* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  CheckEnumType(type_index);
  std::lock_guard<std::mutex> lock(g_enum_mutex);
  *out = GetTableLocked(type_index, table, create != 0);
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIEnumGetEntry(int32_t type_index, const TVMFFIByteArray* name, TVMFFIObjectHandle* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  *out = nullptr;
  CheckEnumType(type_index);
  String key(std::string(name->data, name->size));
  {
    std::lock_guard<std::mutex> lock(g_enum_mutex);
    if (TVMFFIObject* table = GetTableLocked(type_index, kTVMFFIEnumEntries, false)) {
      auto entries = AdoptDict<Dict<String, Any>>(table);
      if (Optional<Any> hit = entries.Get(key)) {
        // The Dict is reachable from Python too: trust only a variant of this type.
        const TVMFFIAny* raw = (*hit).raw();
        if (raw->type_index >= kTVMFFIStaticObjectBegin &&
            details::IsInstanceOfIndex(raw->v_obj->type_index, type_index)) {
          TVMFFIObjectIncRef(raw->v_obj);
          *out = raw->v_obj;
          return 0;
        }
        TVM_FFI_THROW(RuntimeError) << "enum `" << KeyOf(type_index) << "`: the entry `"
                                    << key.c_str() << "` is not a variant of the type";
      }
    }
  }
  TVM_FFI_THROW(RuntimeError) << "enum `" << KeyOf(type_index) << "` has no instance named `"
                              << key.c_str() << "`";
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIEnumAddEntry(TVMFFIObjectHandle variant, const TVMFFIByteArray* name,
                       int64_t* out_ordinal) {
  TVM_FFI_SAFE_CALL_BEGIN();
  EnumObj* obj = VariantOf(variant);
  String key(std::string(name->data, name->size));
  std::lock_guard<std::mutex> lock(g_enum_mutex);
  auto entries = AdoptDict<Dict<String, ObjectRef>>(
      GetTableLocked(obj->type_index(), kTVMFFIEnumEntries, true));
  if (entries.count(key) != 0) {
    TVM_FFI_THROW(RuntimeError) << "enum `" << KeyOf(obj->type_index())
                                << "` already has a variant `" << key.c_str() << "`";
  }
  obj->value = entries.size();
  obj->name = key;
  entries.Set(key,
              details::ObjectRefUnsafe::FromPtr<ObjectRef>(
                  details::ObjectPtrUnsafe::Borrow<Object>(static_cast<TVMFFIObject*>(variant))));
  *out_ordinal = obj->value;
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIEnumGetAttr(TVMFFIObjectHandle variant, const TVMFFIByteArray* attr, TVMFFIAny* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  EnumObj* obj = VariantOf(variant);
  // The hot path of Python's EnumAttrMap reads: raw lookups (the attribute
  // name as a borrowed C string key, the variant's own name object), so
  // nothing is allocated.
  // A small-string key holds the name inline; a longer one is borrowed as a C string.
  std::string long_key;
  TVMFFIAny key_any{};
  if (attr->size < sizeof(key_any.v_bytes)) {
    key_any.type_index = kTVMFFISmallStr;
    key_any.small_len = static_cast<uint32_t>(attr->size);
    std::memcpy(key_any.v_bytes, attr->data, attr->size);
  } else {
    long_key.assign(attr->data, attr->size);
    key_any.type_index = kTVMFFIRawStr;
    key_any.v_c_str = long_key.c_str();
  }
  Any value;
  {
    std::lock_guard<std::mutex> lock(g_enum_mutex);
    CheckRegisteredLocked(obj);
    TVMFFIObject* table = FindTableBorrowed(obj->type_index(), kTVMFFIEnumAttrs);
    TVMFFIAny column;
    int found = 0;
    if (table != nullptr && TVMFFIMapFind(table, &key_any, &column, &found) == 0 && found &&
        (column.type_index == kTVMFFIList || column.type_index == kTVMFFIArray)) {
      const auto* cell = reinterpret_cast<const TVMFFISeqCell*>(column.v_obj + 1);
      if (obj->value >= 0 && obj->value < cell->size) {
        value = AnyView::FromRaw(cell->data[obj->value]);
      }
    }
  }
  *out = value.ReleaseRaw();
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIEnumSetAttr(TVMFFIObjectHandle variant, const TVMFFIByteArray* attr,
                      const TVMFFIAny* value) {
  TVM_FFI_SAFE_CALL_BEGIN();
  EnumObj* obj = VariantOf(variant);
  String key(std::string(attr->data, attr->size));
  Any old;  // released after the lock: its deleter may run arbitrary code
  {
    std::lock_guard<std::mutex> lock(g_enum_mutex);
    CheckRegisteredLocked(obj);
    auto attrs =
        AdoptDict<Dict<String, Any>>(GetTableLocked(obj->type_index(), kTVMFFIEnumAttrs, true));
    Optional<Any> found = attrs.Get(key);
    List<Any> column;
    if (found.has_value()) {
      std::optional<List<Any>> existing = (*found).try_cast<List<Any>>();
      if (!existing.has_value()) {
        TVM_FFI_THROW(TypeError) << "enum `" << KeyOf(obj->type_index()) << "`: attribute `"
                                 << key.c_str() << "` holds no List";
      }
      column = *existing;
    } else {
      attrs.Set(key, column);
    }
    while (column.size() <= obj->value) column.push_back(Any(nullptr));
    old = column[obj->value];
    column.Set(obj->value, AnyView::FromRaw(*value));
  }
  TVM_FFI_SAFE_CALL_END();
}

TVM_FFI_STATIC_INIT_BLOCK() {
  namespace refl = tvm::ffi::reflection;
  refl::ObjectDef<EnumObj>(refl::init(false))
      .def_ro("value", &EnumObj::value, "The ordinal: 0, 1, ... per enum type.")
      .def_ro("name", &EnumObj::name, "The variant's name.");
}
