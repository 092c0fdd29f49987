/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file function.cc
 * \brief Function objects and the global function table.
 */
#include <tvm/ffi/function.h>

#include "registry_internal.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

namespace tvm {
namespace ffi {
namespace {

/*!
 * \brief Function object: header, cell, then what only the core reads: the
 * closure's deleter and the declared type schema (malloc'd, or null).
 */
struct FunctionBlock {
  TVMFFIObject header;
  TVMFFIFunctionCell cell;
  void (*self_deleter)(void*);
  char* type_schema;
  size_t type_schema_size;
};

void FreeFunction(TVMFFIObject* obj) {
  auto* block = reinterpret_cast<FunctionBlock*>(obj);
  if (block->self_deleter != nullptr) block->self_deleter(block->cell.self);
  std::free(block->type_schema);
  std::free(block);
}

FunctionBlock* RequireFunction(TVMFFIObjectHandle func, const char* api) {
  if (func == nullptr || func->type_index != kTVMFFIFunction) {
    TVM_FFI_THROW(TypeError) << api << ": not a Function";
  }
  return reinterpret_cast<FunctionBlock*>(func);
}

/*! \brief name -> Function (owned references). */
class GlobalFunctionTable {
 public:
  static GlobalFunctionTable* Global() {
    static GlobalFunctionTable* inst = new GlobalFunctionTable();  // outlives static dtors
    return inst;
  }

  void Set(const std::string& name, TVMFFIObject* func, bool can_override) {
    if (func == nullptr || func->type_index != kTVMFFIFunction) {
      TVM_FFI_THROW(TypeError) << "global `" << name << "` must be a Function";
    }
    TVMFFIObject* old = nullptr;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = table_.find(name);
      if (it != table_.end()) {
        if (!can_override) {
          TVM_FFI_THROW(RuntimeError)
              << "global function `" << name
              << "` is already registered (pass override=True to replace it)";
        }
        old = it->second;
      }
      details::JournalGlobalFunction(name, old);
      details::IncRef(func);
      table_[name] = func;
    }
    // Dropped outside the lock: a deleter may call back into the table.
    if (old != nullptr) details::DecRef(old);
  }

  TVMFFIObject* Get(const std::string& name) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = table_.find(name);
    if (it == table_.end()) return nullptr;
    details::IncRef(it->second);
    return it->second;
  }

  bool Remove(const std::string& name) {
    TVMFFIObject* old = nullptr;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = table_.find(name);
      if (it == table_.end()) return false;
      old = it->second;
      table_.erase(it);
    }
    details::DecRef(old);
    return true;
  }

  std::vector<std::string> Names() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> names;
    names.reserve(table_.size());
    for (const auto& kv : table_) names.push_back(kv.first);
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, TVMFFIObject*> table_;
};

}  // namespace
}  // namespace ffi
}  // namespace tvm

using tvm::ffi::GlobalFunctionTable;

extern "C" {

int TVMFFIFunctionCreate(void* self, TVMFFISafeCallType safe_call, void (*deleter)(void* self),
                         TVMFFIObjectHandle* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  auto* block = static_cast<tvm::ffi::FunctionBlock*>(std::malloc(sizeof(tvm::ffi::FunctionBlock)));
  if (block == nullptr) throw std::bad_alloc();
  block->header = TVMFFIObject{1, kTVMFFIFunction, &tvm::ffi::FreeFunction, nullptr};
  TVMFFIObjectNoteCreated();
  block->cell = TVMFFIFunctionCell{safe_call, self};
  block->self_deleter = deleter;
  block->type_schema = nullptr;
  block->type_schema_size = 0;
  *out = &block->header;
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIFunctionCall(TVMFFIObjectHandle func, const TVMFFIAny* args, int32_t num_args,
                       TVMFFIAny* result) {
  if (func == nullptr || func->type_index != kTVMFFIFunction) {
    TVMFFIErrorSetRaisedFromCStr("TypeError", "TVMFFIFunctionCall: not a Function");
    return -1;
  }
  const auto* cell = reinterpret_cast<const TVMFFIFunctionCell*>(func + 1);
  return cell->safe_call(cell->self, args, num_args, result);
}

int TVMFFIFunctionSetTypeSchema(TVMFFIObjectHandle func, const TVMFFIByteArray* schema) {
  TVM_FFI_SAFE_CALL_BEGIN();
  auto* block = tvm::ffi::RequireFunction(func, "TVMFFIFunctionSetTypeSchema");
  if (schema == nullptr || (schema->data == nullptr && schema->size != 0)) {
    TVM_FFI_THROW(ValueError) << "TVMFFIFunctionSetTypeSchema: schema must be a byte array";
  }
  char* copy = static_cast<char*>(std::malloc(schema->size + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, schema->data, schema->size);
  copy[schema->size] = '\0';
  std::free(block->type_schema);
  block->type_schema = copy;
  block->type_schema_size = schema->size;
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIFunctionGetTypeSchema(TVMFFIObjectHandle func, TVMFFIByteArray* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  const auto* block = tvm::ffi::RequireFunction(func, "TVMFFIFunctionGetTypeSchema");
  if (out == nullptr) TVM_FFI_THROW(ValueError) << "TVMFFIFunctionGetTypeSchema: out is NULL";
  *out = TVMFFIByteArray{block->type_schema, block->type_schema_size};
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIFunctionSetGlobal(const TVMFFIByteArray* name, TVMFFIObjectHandle func,
                            int can_override) {
  TVM_FFI_SAFE_CALL_BEGIN();
  GlobalFunctionTable::Global()->Set(std::string(name->data, name->size), func, can_override != 0);
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIFunctionGetGlobal(const TVMFFIByteArray* name, TVMFFIObjectHandle* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  *out = GlobalFunctionTable::Global()->Get(std::string(name->data, name->size));
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIFunctionRemoveGlobal(const TVMFFIByteArray* name, int* out_removed) {
  TVM_FFI_SAFE_CALL_BEGIN();
  *out_removed = GlobalFunctionTable::Global()->Remove(std::string(name->data, name->size)) ? 1 : 0;
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIFunctionListGlobalNames(TVMFFIObjectHandle* out_array) {
  TVM_FFI_SAFE_CALL_BEGIN();
  std::vector<std::string> names = GlobalFunctionTable::Global()->Names();
  tvm::ffi::Array<tvm::ffi::String> arr(names.begin(), names.end());
  *out_array = tvm::ffi::details::ObjectPtrUnsafe::Release(
      tvm::ffi::ObjectPtr<tvm::ffi::Object>(tvm::ffi::details::ObjectRefUnsafe::GetPtr(arr)));
  TVM_FFI_SAFE_CALL_END();
}

}  // extern "C"
