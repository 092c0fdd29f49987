/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file string.cc
 * \brief String, Bytes and opaque-object allocation: one block per object,
 *        header + cell + payload, freed by the core's own deleter.
 */
#include <tvm/ffi/string.h>

#include <cstdlib>
#include <new>

namespace tvm {
namespace ffi {
namespace {

void FreeBlock(TVMFFIObject* obj) { std::free(obj); }

/*! \brief Allocates header + cell + `n` bytes (NUL-terminated) in one block. */
TVMFFIObject* MakeBytesObject(int32_t type_index, const char* data, size_t n) {
  size_t total = sizeof(TVMFFIObject) + sizeof(TVMFFIBytesCell) + n + 1;
  auto* obj = static_cast<TVMFFIObject*>(std::malloc(total));
  if (obj == nullptr) throw std::bad_alloc();
  *obj = TVMFFIObject{1, type_index, &FreeBlock, nullptr};
  TVMFFIObjectNoteCreated();
  auto* cell = reinterpret_cast<TVMFFIBytesCell*>(obj + 1);
  char* payload = reinterpret_cast<char*>(cell + 1);
  if (n != 0) std::memcpy(payload, data, n);
  payload[n] = '\0';
  cell->bytes = TVMFFIByteArray{payload, n};
  return obj;
}

void FreeOpaque(TVMFFIObject* obj) {
  auto* cell = reinterpret_cast<TVMFFIOpaqueObjectCell*>(obj + 1);
  if (cell->release != nullptr) cell->release(cell->handle);
  std::free(obj);
}

}  // namespace
}  // namespace ffi
}  // namespace tvm

extern "C" {

int TVMFFIStringFromByteArray(const TVMFFIByteArray* data, TVMFFIObjectHandle* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  *out = tvm::ffi::MakeBytesObject(kTVMFFIStr, data->data, data->size);
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIBytesFromByteArray(const TVMFFIByteArray* data, TVMFFIObjectHandle* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  *out = tvm::ffi::MakeBytesObject(kTVMFFIBytes, data->data, data->size);
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIOpaqueObjectCreate(void* handle, void (*release)(void* handle),
                             const TVMFFIByteArray* type_name, TVMFFIObjectHandle* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  size_t n = type_name ? type_name->size : 0;
  size_t total = sizeof(TVMFFIObject) + sizeof(TVMFFIOpaqueObjectCell) + n + 1;
  auto* obj = static_cast<TVMFFIObject*>(std::malloc(total));
  if (obj == nullptr) throw std::bad_alloc();
  *obj = TVMFFIObject{1, kTVMFFIOpaquePyObject, &tvm::ffi::FreeOpaque, nullptr};
  TVMFFIObjectNoteCreated();
  auto* cell = reinterpret_cast<TVMFFIOpaqueObjectCell*>(obj + 1);
  char* name = reinterpret_cast<char*>(cell + 1);
  if (n != 0) std::memcpy(name, type_name->data, n);
  name[n] = '\0';
  *cell = TVMFFIOpaqueObjectCell{handle, release, TVMFFIByteArray{name, n}};
  *out = obj;
  TVM_FFI_SAFE_CALL_END();
}

}  // extern "C"
