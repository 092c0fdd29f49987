/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file object.cc
 * \brief Reference counting and the ABI version, exported for callers that
 *        cannot use the inline C++ helpers (C code, other languages).
 */
#include <tvm/ffi/object.h>

#include <vector>

namespace {
/*! \brief Objects waiting for their deleter on this thread (see TVMFFIObjectDestroy). */
thread_local std::vector<TVMFFIObject*>* pending_deletes = nullptr;
}  // namespace

extern "C" {

void TVMFFIObjectDestroy(TVMFFIObject* obj) {
  if (pending_deletes != nullptr) {
    // Inside another deleter: queue it, the outermost call runs it.
    pending_deletes->push_back(obj);
    return;
  }
  std::vector<TVMFFIObject*> queue;
  pending_deletes = &queue;
  obj->deleter(obj);
  while (!queue.empty()) {
    TVMFFIObject* next = queue.back();
    queue.pop_back();
    next->deleter(next);
  }
  pending_deletes = nullptr;
}


void TVMFFIGetVersion(int32_t* major, int32_t* minor, int32_t* patch) {
  *major = TVM_FFI_VERSION_MAJOR;
  *minor = TVM_FFI_VERSION_MINOR;
  *patch = TVM_FFI_VERSION_PATCH;
}

int TVMFFIObjectIncRef(TVMFFIObjectHandle obj) {
  if (obj != nullptr) tvm::ffi::details::IncRef(obj);
  return 0;
}

int TVMFFIObjectDecRef(TVMFFIObjectHandle obj) {
  if (obj != nullptr) tvm::ffi::details::DecRef(obj);
  return 0;
}

}  // extern "C"
