/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file type_registry.cc
 * \brief The process-wide type registry: key <-> index, parents, ancestors.
 *
 * Writes take a mutex. Reads by index (TVMFFIGetTypeInfo, on every
 * isinstance check) are lock-free: records are allocated once and never move
 * or die, and the index table is a fixed-capacity array of atomic pointers,
 * so a reader sees either nullptr or a fully built record.
 */
#include <tvm/ffi/any.h>
#include <tvm/ffi/reflection/registry.h>

#include "registry_internal.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace tvm {
namespace ffi {
namespace details {
std::atomic<uint64_t> g_field_layout_generation{1};
uint8_t g_unique_instance_type[kMaxTypes] = {};
}  // namespace details

namespace {

/*!
 * \brief An append-only array that never frees a block it has handed out.
 * Growing copies the records into a bigger block and keeps the old one:
 * readers are lock-free and may hold `info.fields` (or a pointer to one
 * record) across a registration, for instance while an engine walks a graph
 * and a hook defines a type. Blocks double, so all of them together take at
 * most twice the final size.
 */
template <typename T>
class AppendOnlyArray {
 public:
  T* data() const { return data_; }
  size_t size() const { return size_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }

  /*! \brief Appends; returns the new block's address (to publish). */
  T* push_back(const T& value) {
    if (size_ == capacity_) {
      size_t capacity = capacity_ == 0 ? 4 : capacity_ * 2;
      auto block = std::make_unique<T[]>(capacity);
      std::copy(data_, data_ + size_, block.get());
      data_ = block.get();
      blocks_.push_back(std::move(block));
      capacity_ = capacity;
    }
    data_[size_++] = value;
    return data_;
  }

  /*! \brief Forgets the last element (its block stays: readers may still look). */
  void pop_back() {
    if (size_ > 0) --size_;
  }

 private:
  std::vector<std::unique_ptr<T[]>> blocks_;
  T* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

/*! \brief A registry record and the storage its C view points into. */
struct TypeEntry {
  TVMFFITypeInfo info;
  std::string key;
  std::vector<int32_t> ancestors;
  AppendOnlyArray<TVMFFIFieldInfo> fields;
  std::vector<TVMFFIMethodInfo> methods;
  TVMFFITypeMetadata metadata;
  /*! \brief Owns the strings the records point to (a deque never moves them). */
  std::deque<std::string> strings;

  TVMFFIByteArray Keep(const TVMFFIByteArray& s) {
    strings.emplace_back(s.data ? s.data : "", s.data ? s.size : 0);
    return TVMFFIByteArray{strings.back().data(), strings.back().size()};
  }
};

/*!
 * \brief One attribute's values by type index. Allocated once at full size
 * so readers never see it move; calloc leaves untouched pages unbacked, and
 * all-zero bytes are a None Any.
 */
struct AttrColumn {
  TVMFFITypeAttrColumn view;
  TVMFFIAny* data;
};

// The capacity of the index table (kMaxTypes, registry_internal.h): dynamic
// types are counted in the thousands in the largest users; a fixed table
// keeps reads lock-free.

uint64_t StableHash(const std::string& s) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

/*! \brief Type attributes the framework calls (so each must be a Function). */
bool IsHookName(const std::string& name) {
  namespace attr = tvm::ffi::reflection::type_attr;
  for (const char* hook : {attr::kInit, attr::kNew, attr::kShallowCopy, attr::kRepr, attr::kHash,
                           attr::kEq, attr::kCompare}) {
    if (name == hook) return true;
  }
  return false;
}

class TypeRegistry {
 public:
  static TypeRegistry* Global() {
    static TypeRegistry* inst = new TypeRegistry();  // never destroyed: used at exit
    return inst;
  }

  int32_t GetOrAlloc(const std::string& key, int32_t static_index, int32_t parent_index) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = key_to_index_.find(key);
    if (it != key_to_index_.end()) {
      const TypeEntry* e = table_[it->second].load(std::memory_order_relaxed);
      int32_t existing_parent = e->info.type_depth == 0 ? -1 : e->ancestors.back();
      if (parent_index != existing_parent && !(static_index >= 0 && static_index == it->second)) {
        TVM_FFI_THROW(RuntimeError)
            << "type `" << key << "` is already registered with parent `" << KeyOf(existing_parent)
            << "`, not `" << KeyOf(parent_index) << "`";
      }
      return it->second;
    }
    if (static_index >= kTVMFFIDynObjectBegin) {
      TVM_FFI_THROW(ValueError) << "cannot register `" << key << "`: static type index "
                                << static_index << " is in the dynamic range";
    }
    if (static_index >= 0 && Lookup(static_index) != nullptr) {
      TVM_FFI_THROW(RuntimeError) << "cannot register `" << key << "`: type index " << static_index
                                  << " is taken by `" << KeyOf(static_index) << "`";
    }
    // Only the static roots (Object, the POD kinds) stand alone; every other
    // type derives from an object type.
    if (static_index < 0 && parent_index < kTVMFFIObject) {
      TVM_FFI_THROW(ValueError) << "cannot register `" << key << "`: parent type index "
                                << parent_index << " is not an object type";
    }
    const TypeEntry* parent = nullptr;
    if (parent_index >= 0) {
      parent = Lookup(parent_index);
      if (parent == nullptr) {
        TVM_FFI_THROW(RuntimeError) << "cannot register `" << key << "`: parent type index "
                                    << parent_index << " is not registered";
      }
    }
    int32_t index = static_index >= 0 ? static_index : next_dynamic_++;
    if (index >= details::kMaxTypes) TVM_FFI_THROW(RuntimeError) << "too many types registered";
    auto entry = std::make_unique<TypeEntry>();
    entry->key = key;
    if (parent != nullptr) {
      entry->ancestors = parent->ancestors;
      entry->ancestors.push_back(parent_index);
    }
    TVMFFITypeInfo& info = entry->info;
    info.type_index = index;
    info.type_depth = static_cast<int32_t>(entry->ancestors.size());
    info.type_key = TVMFFIByteArray{entry->key.data(), entry->key.size()};
    info.type_ancestors = entry->ancestors.data();
    info.type_key_hash = StableHash(key);
    info.num_fields = 0;
    info.num_methods = 0;
    info.fields = nullptr;
    info.methods = nullptr;
    info.metadata = nullptr;
    key_to_index_[key] = index;
    details::g_unique_instance_type[index] =
        key == details::kEnumTypeKey ||
        (parent_index >= 0 && details::g_unique_instance_type[parent_index] != 0);
    table_[index].store(entry.release(), std::memory_order_release);
    if (index + 1 > num_indices_.load()) num_indices_.store(index + 1);
    details::JournalNewType(index);
    return index;
  }

  int32_t KeyToIndex(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = key_to_index_.find(key);
    if (it == key_to_index_.end())
      TVM_FFI_THROW(KeyError) << "type key `" << key << "` is not registered";
    return it->second;
  }

  const TypeEntry* Lookup(int32_t index) const {
    if (index < 0 || index >= details::kMaxTypes) return nullptr;
    return table_[index].load(std::memory_order_acquire);
  }

  int32_t NumIndices() const { return num_indices_.load(); }

  void RegisterField(int32_t index, const TVMFFIFieldInfo& f) {
    std::lock_guard<std::mutex> lock(mutex_);
    TypeEntry* e = MutableEntry(index);
    std::string name(f.name.data, f.name.size);
    for (const TVMFFIFieldInfo& existing : e->fields) {
      if (std::string(existing.name.data, existing.name.size) == name) {
        TVM_FFI_THROW(RuntimeError)
            << "type `" << e->key << "` already has a field `" << name << "`";
      }
    }
    TVMFFIFieldInfo copy = f;
    copy.name = e->Keep(f.name);
    copy.doc = e->Keep(f.doc);
    copy.type_str = e->Keep(f.type_str);
    copy.default_value = details::CopyViewToOwned(f.default_value);
    copy.metadata = details::CopyViewToOwned(f.metadata);
    e->info.fields = e->fields.push_back(copy);
    e->info.num_fields = static_cast<int32_t>(e->fields.size());
    details::g_field_layout_generation.fetch_add(1, std::memory_order_acq_rel);
    details::JournalField(index, name);
  }

  void UndoField(int32_t index, const std::string& name) {
    TVMFFIAny released[2] = {details::NoneAny(), details::NoneAny()};
    {
      std::lock_guard<std::mutex> lock(mutex_);
      TypeEntry* e = MutableEntry(index);
      if (e->fields.size() == 0) return;
      TVMFFIFieldInfo& last = e->fields.data()[e->fields.size() - 1];
      if (std::string(last.name.data, last.name.size) != name) return;  // another came since
      released[0] = last.default_value;
      released[1] = last.metadata;
      e->fields.pop_back();
      e->info.num_fields = static_cast<int32_t>(e->fields.size());
      details::g_field_layout_generation.fetch_add(1, std::memory_order_acq_rel);
    }
    // Released outside the lock: a deleter may call back into the registry.
    for (TVMFFIAny& any : released) details::DecRefAny(any);
  }

  void UndoMethod(int32_t index, const std::string& name, const TVMFFIMethodInfo* previous) {
    TVMFFIAny released[2] = {details::NoneAny(), details::NoneAny()};
    {
      std::lock_guard<std::mutex> lock(mutex_);
      TypeEntry* e = MutableEntry(index);
      for (auto it = e->methods.begin(); it != e->methods.end(); ++it) {
        if (std::string(it->name.data, it->name.size) != name) continue;
        released[0] = it->method;
        released[1] = it->metadata;
        if (previous == nullptr) {
          e->methods.erase(it);
        } else {
          *it = *previous;
          it->name = e->Keep(previous->name);
          it->doc = e->Keep(previous->doc);
        }
        e->info.methods = e->methods.data();
        e->info.num_methods = static_cast<int32_t>(e->methods.size());
        break;
      }
    }
    for (TVMFFIAny& any : released) details::DecRefAny(any);
  }

  void UndoAttr(int32_t index, const std::string& name) {
    TVMFFIAny released = details::NoneAny();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = columns_.find(name);
      if (it == columns_.end() || index >= it->second->view.size) return;
      released = it->second->data[index];
      it->second->data[index] = details::NoneAny();
    }
    details::DecRefAny(released);
  }

  void UndoMetadata(int32_t index, const TVMFFITypeMetadata* previous, const std::string& doc) {
    std::lock_guard<std::mutex> lock(mutex_);
    TypeEntry* e = MutableEntry(index);
    if (previous == nullptr) {
      e->info.metadata = nullptr;
      return;
    }
    e->metadata = *previous;
    e->metadata.doc = e->Keep(TVMFFIByteArray{doc.data(), doc.size()});
    e->info.metadata = &e->metadata;
  }

  void RegisterMethod(int32_t index, const TVMFFIMethodInfo& m) {
    std::lock_guard<std::mutex> lock(mutex_);
    TypeEntry* e = MutableEntry(index);
    TVMFFIMethodInfo copy = m;
    copy.name = e->Keep(m.name);
    copy.doc = e->Keep(m.doc);
    copy.method = details::CopyViewToOwned(m.method);
    copy.metadata = details::CopyViewToOwned(m.metadata);
    std::string name(m.name.data, m.name.size);
    for (TVMFFIMethodInfo& existing : e->methods) {
      if (std::string(existing.name.data, existing.name.size) == name) {
        // Re-registering a method replaces it (an overriding definition).
        details::JournalMethod(index, name, &existing);
        details::DecRefAny(existing.method);
        details::DecRefAny(existing.metadata);
        existing = copy;
        return;
      }
    }
    e->methods.push_back(copy);
    e->info.methods = e->methods.data();
    e->info.num_methods = static_cast<int32_t>(e->methods.size());
    details::JournalMethod(index, name, nullptr);
  }

  void RegisterMetadata(int32_t index, const TVMFFITypeMetadata& meta) {
    std::lock_guard<std::mutex> lock(mutex_);
    TypeEntry* e = MutableEntry(index);
    details::JournalMetadata(index, e->info.metadata);
    e->metadata = meta;
    e->metadata.doc = e->Keep(meta.doc);
    e->info.metadata = &e->metadata;
  }

  void RegisterAttr(int32_t index, const std::string& name, const TVMFFIAny& value) {
    std::lock_guard<std::mutex> lock(mutex_);
    TypeEntry* e = MutableEntry(index);
    if (IsHookName(name) && value.type_index != kTVMFFIFunction) {
      // The framework calls these; anything else would be silently ignored.
      TVM_FFI_THROW(TypeError) << "type attribute `" << name << "` of `" << e->key
                               << "` must be a Function (a callable), got `"
                               << details::AnyTypeName(value) << "`";
    }
    AttrColumn*& column = columns_[name];
    if (column == nullptr) {
      // Never freed: columns are handed out by address.
      auto* data = static_cast<TVMFFIAny*>(std::calloc(details::kMaxTypes, sizeof(TVMFFIAny)));
      if (data == nullptr) throw std::bad_alloc();
      column = new AttrColumn{TVMFFITypeAttrColumn{data, 0}, data};
    }
    if (column->data[index].type_index != kTVMFFINone) {
      TVM_FFI_THROW(RuntimeError)
          << "type attribute `" << name << "` of `" << e->key
          << "` is already registered; register it once (use a mutable container such as "
             "a Dict or List for values that change) and mutate it in place";
    }
    column->data[index] = details::CopyViewToOwned(value);
    if (index + 1 > column->view.size) column->view.size = index + 1;
    details::JournalAttr(index, name);
  }

  /*!
   * \brief Removes a type without instances (the dynamic-type code checks
   * that): the key is freed, the index stays taken, and the record is kept
   * until exit (in `retracted_`) since lock-free readers may hold it.
   */
  void Retract(int32_t index) {
    std::lock_guard<std::mutex> lock(mutex_);
    TypeEntry* e = MutableEntry(index);
    for (int32_t i = kTVMFFIDynObjectBegin; i < num_indices_.load(); ++i) {
      const TypeEntry* other = Lookup(i);
      if (other != nullptr && other != e && other->info.type_depth > e->info.type_depth &&
          other->ancestors[e->info.type_depth] == index) {
        TVM_FFI_THROW(RuntimeError)
            << "cannot retract type `" << e->key << "`: `" << other->key << "` derives from it";
      }
    }
    key_to_index_.erase(e->key);
    for (auto& [name, column] : columns_) {
      if (index < column->view.size) {
        details::DecRefAny(column->data[index]);
        column->data[index] = details::NoneAny();
      }
    }
    retracted_.push_back(e);
    table_[index].store(nullptr, std::memory_order_release);
    details::g_field_layout_generation.fetch_add(1, std::memory_order_acq_rel);
  }

  const TVMFFITypeAttrColumn* GetColumn(const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = columns_.find(name);
    return it == columns_.end() ? nullptr : &it->second->view;
  }

 private:
  TypeRegistry() : table_(new std::atomic<const TypeEntry*>[details::kMaxTypes]) {
    for (int32_t i = 0; i < details::kMaxTypes; ++i) table_[i].store(nullptr);
    // Value kinds get records too, so every Any's type has a name.
    const std::pair<int32_t, const char*> pod[] = {{kTVMFFINone, "None"},
                                                   {kTVMFFIInt, "int"},
                                                   {kTVMFFIBool, "bool"},
                                                   {kTVMFFIFloat, "float"},
                                                   {kTVMFFIOpaquePtr, "void*"},
                                                   {kTVMFFIRawStr, "const char*"},
                                                   {kTVMFFISmallStr, "ffi.SmallStr"},
                                                   {kTVMFFISmallBytes, "ffi.SmallBytes"}};
    for (const auto& [index, key] : pod) GetOrAlloc(key, index, -1);
    GetOrAlloc("ffi.Object", kTVMFFIObject, -1);
    const std::pair<int32_t, const char*> objects[] = {
        {kTVMFFIStr, "ffi.String"},       {kTVMFFIBytes, "ffi.Bytes"},
        {kTVMFFIError, "ffi.Error"},      {kTVMFFIFunction, "ffi.Function"},
        {kTVMFFIArray, "ffi.Array"},      {kTVMFFIMap, "ffi.Map"},
        {kTVMFFIModule, "ffi.Module"},    {kTVMFFIOpaquePyObject, "ffi.OpaquePyObject"},
        {kTVMFFIList, "ffi.List"},        {kTVMFFIDict, "ffi.Dict"},
        {kTVMFFISentinel, "ffi.Sentinel"}};
    for (const auto& [index, key] : objects) GetOrAlloc(key, index, kTVMFFIObject);
  }

  TypeEntry* MutableEntry(int32_t index) {
    const TypeEntry* e = Lookup(index);
    if (e == nullptr) TVM_FFI_THROW(KeyError) << "no type with index " << index;
    return const_cast<TypeEntry*>(e);
  }

  std::string KeyOf(int32_t index) const {
    const TypeEntry* e = Lookup(index);
    return e ? e->key : "<none>";
  }

  std::mutex mutex_;
  std::unique_ptr<std::atomic<const TypeEntry*>[]> table_;
  /*!
   * \brief The records of retracted types, never freed (a reader may hold
   * one) and held here so they stay reachable: LeakSanitizer (the native
   * test runner) reports memory nothing points to.
   */
  std::vector<const TypeEntry*> retracted_;
  std::unordered_map<std::string, int32_t> key_to_index_;
  std::unordered_map<std::string, AttrColumn*> columns_;
  int32_t next_dynamic_ = kTVMFFIDynObjectBegin;
  std::atomic<int32_t> num_indices_{0};
};

}  // namespace

namespace details {
void RetractType(int32_t type_index) { TypeRegistry::Global()->Retract(type_index); }
void UndoField(int32_t type_index, const std::string& name) {
  TypeRegistry::Global()->UndoField(type_index, name);
}
void UndoMethod(int32_t type_index, const std::string& name, const TVMFFIMethodInfo* previous) {
  TypeRegistry::Global()->UndoMethod(type_index, name, previous);
}
void UndoAttr(int32_t type_index, const std::string& name) {
  TypeRegistry::Global()->UndoAttr(type_index, name);
}
void UndoMetadata(int32_t type_index, const TVMFFITypeMetadata* previous, const std::string& doc) {
  TypeRegistry::Global()->UndoMetadata(type_index, previous, doc);
}
}  // namespace details

}  // namespace ffi
}  // namespace tvm

using tvm::ffi::TypeRegistry;

extern "C" {

int TVMFFITypeGetOrAllocIndex(const TVMFFIByteArray* type_key, int32_t static_type_index,
                              int32_t parent_type_index, int32_t* out_type_index) {
  TVM_FFI_SAFE_CALL_BEGIN();
  *out_type_index = TypeRegistry::Global()->GetOrAlloc(std::string(type_key->data, type_key->size),
                                                       static_type_index, parent_type_index);
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFITypeKeyToIndex(const TVMFFIByteArray* type_key, int32_t* out_type_index) {
  TVM_FFI_SAFE_CALL_BEGIN();
  *out_type_index = TypeRegistry::Global()->KeyToIndex(std::string(type_key->data, type_key->size));
  TVM_FFI_SAFE_CALL_END();
}

const TVMFFITypeInfo* TVMFFIGetTypeInfo(int32_t type_index) {
  const tvm::ffi::TypeEntry* e = TypeRegistry::Global()->Lookup(type_index);
  return e ? &e->info : nullptr;
}

int32_t TVMFFIGetNumTypeIndices(void) { return TypeRegistry::Global()->NumIndices(); }

int TVMFFITypeRegisterField(int32_t type_index, const TVMFFIFieldInfo* info) {
  TVM_FFI_SAFE_CALL_BEGIN();
  TypeRegistry::Global()->RegisterField(type_index, *info);
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFITypeRegisterMethod(int32_t type_index, const TVMFFIMethodInfo* info) {
  TVM_FFI_SAFE_CALL_BEGIN();
  TypeRegistry::Global()->RegisterMethod(type_index, *info);
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFITypeRegisterMetadata(int32_t type_index, const TVMFFITypeMetadata* meta) {
  TVM_FFI_SAFE_CALL_BEGIN();
  TypeRegistry::Global()->RegisterMetadata(type_index, *meta);
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFITypeRegisterAttr(int32_t type_index, const TVMFFIByteArray* name,
                           const TVMFFIAny* value) {
  TVM_FFI_SAFE_CALL_BEGIN();
  TypeRegistry::Global()->RegisterAttr(type_index, std::string(name->data, name->size), *value);
  TVM_FFI_SAFE_CALL_END();
}

const TVMFFITypeAttrColumn* TVMFFIGetTypeAttrColumn(const TVMFFIByteArray* name) {
  try {
    return TypeRegistry::Global()->GetColumn(std::string(name->data, name->size));
  } catch (...) {
    return nullptr;
  }
}

}  // extern "C"
