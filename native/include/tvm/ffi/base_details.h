/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file tvm/ffi/base_details.h
 * \brief Macros and small helpers shared by the C++ API headers.
 */
#ifndef TVM_FFI_BASE_DETAILS_H_
#define TVM_FFI_BASE_DETAILS_H_

#include <tvm/ffi/c_api.h>

#include <cstdint>
#include <cstring>
#include <string>

#if defined(_MSC_VER)
#define TVM_FFI_INLINE __forceinline
#define TVM_FFI_FUNC_SIG __FUNCSIG__
#else
#define TVM_FFI_INLINE inline __attribute__((always_inline))
#define TVM_FFI_FUNC_SIG __PRETTY_FUNCTION__
#endif

#define TVM_FFI_STR_CONCAT_(a, b) a##b
#define TVM_FFI_STR_CONCAT(a, b) TVM_FFI_STR_CONCAT_(a, b)

/*!
 * \brief Runs the block that follows once, when the library that contains it
 * is loaded. Used to register types and functions:
 *
 *     TVM_FFI_STATIC_INIT_BLOCK() { refl::GlobalDef().def("x.f", f); }
 */
#define TVM_FFI_STATIC_INIT_BLOCK_IMPL_(fn, var)            \
  static void fn();                                         \
  [[maybe_unused]] static const int var = (fn(), 0);        \
  static void fn()
#define TVM_FFI_STATIC_INIT_BLOCK()                                                \
  TVM_FFI_STATIC_INIT_BLOCK_IMPL_(TVM_FFI_STR_CONCAT(_tvm_ffi_static_init_fn_, __LINE__), \
                                  TVM_FFI_STR_CONCAT(_tvm_ffi_static_init_var_, __LINE__))

namespace tvm {
namespace ffi {
namespace details {

/*! \brief Makes a TVMFFIByteArray view of a std::string (no copy). */
TVM_FFI_INLINE TVMFFIByteArray ToByteArray(const std::string& s) {
  return TVMFFIByteArray{s.data(), s.size()};
}
TVM_FFI_INLINE TVMFFIByteArray ToByteArray(const char* s) {
  return TVMFFIByteArray{s, std::strlen(s)};
}

}  // namespace details
}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_BASE_DETAILS_H_
