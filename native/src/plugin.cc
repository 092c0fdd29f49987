/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file plugin.cc
 * \brief What the static initialisers of a library being loaded report:
 *        an ABI it was built against that this core library cannot host,
 *        or a block that threw. The loader (tvm_ffi.load_module) takes the
 *        report after dlopen returns, on the same thread.
 */
#include <tvm/ffi/error.h>

#include <string>

namespace {

/*!
 * \brief The first problem reported on this thread since the loader last
 * looked. dlopen runs a library's initialisers on the loading thread, so
 * concurrent loads on other threads do not mix their reports.
 */
thread_local tvm::ffi::Error* t_load_error = nullptr;

void Report(const char* kind, const std::string& message) {
  if (t_load_error != nullptr) return;  // the first one is the cause
  t_load_error = new tvm::ffi::Error(kind, message);
}

}  // namespace

int TVMFFIPluginABICompatible(int32_t major, int32_t minor) {
  if (major == TVM_FFI_VERSION_MAJOR && minor <= TVM_FFI_VERSION_MINOR) return 1;
  try {
    Report("ImportError", "the library was built against tvm_ffi ABI " + std::to_string(major) +
                              "." + std::to_string(minor) + ", but this process has ABI " +
                              std::to_string(TVM_FFI_VERSION_MAJOR) + "." +
                              std::to_string(TVM_FFI_VERSION_MINOR) +
                              " (rebuild it against the installed tvm_ffi)");
  } catch (...) {  // out of memory: the refusal stands without its message
  }
  return 0;
}

void TVMFFIPluginInitFailed(const char* message) {
  try {
    Report("ImportError", std::string("a static initialiser of the library failed: ") +
                              (message != nullptr ? message : "(no message)"));
  } catch (...) {
  }
}

void TVMFFIPluginTakeLoadError(TVMFFIObjectHandle* out) {
  *out = nullptr;
  if (t_load_error == nullptr) return;
  tvm::ffi::Error* error = t_load_error;
  t_load_error = nullptr;
  TVMFFIObject* header = tvm::ffi::details::ObjectRefUnsafe::Header(*error);
  TVMFFIObjectIncRef(header);
  *out = header;
  delete error;
}
