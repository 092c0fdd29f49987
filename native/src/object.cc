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

extern "C" {

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
