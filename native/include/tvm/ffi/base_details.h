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
#include <exception>
#include <string>

#if defined(_MSC_VER)
#define TVM_FFI_INLINE __forceinline
#define TVM_FFI_FUNC_SIG __FUNCSIG__
#define TVM_FFI_LIBRARY_LOCAL
#define TVM_FFI_LIBRARY_LOCAL_BEGIN
#define TVM_FFI_LIBRARY_LOCAL_END
#else
#define TVM_FFI_INLINE inline __attribute__((always_inline))
#define TVM_FFI_FUNC_SIG __PRETTY_FUNCTION__
/*!
 * \brief Gives an inline function (and its static locals) one copy per
 * library. Without it the dynamic linker makes a static local of an inline
 * function one object for the whole process (a GNU unique symbol, even
 * under RTLD_LOCAL), so a library would use another's cached value, such as
 * the type index of a same-named class whose library failed to load and
 * whose type was taken back. Every library caches its own, looked up by key.
 */
#define TVM_FFI_LIBRARY_LOCAL __attribute__((visibility("hidden")))
// Around a TVM_FFI_LIBRARY_LOCAL member: a class with internal linkage (in an
// anonymous namespace) has no visibility to give, and GCC says so.
#define TVM_FFI_LIBRARY_LOCAL_BEGIN \
  _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wattributes\"")
#define TVM_FFI_LIBRARY_LOCAL_END _Pragma("GCC diagnostic pop")
#endif

#define TVM_FFI_STR_CONCAT_(a, b) a##b
#define TVM_FFI_STR_CONCAT(a, b) TVM_FFI_STR_CONCAT_(a, b)

/*!
 * \brief Runs the block that follows once, when the library that contains it
 * is loaded. Used to register types and functions:
 *
 *     TVM_FFI_STATIC_INIT_BLOCK() { refl::GlobalDef().def("x.f", f); }
 */
#define TVM_FFI_STATIC_INIT_BLOCK_IMPL_(fn, var)                                  \
  static void fn();                                                               \
  [[maybe_unused]] static const int var = ::tvm::ffi::details::RunStaticInit(fn); \
  static void fn()
#define TVM_FFI_STATIC_INIT_BLOCK()                                                       \
  TVM_FFI_STATIC_INIT_BLOCK_IMPL_(TVM_FFI_STR_CONCAT(_tvm_ffi_static_init_fn_, __LINE__), \
                                  TVM_FFI_STR_CONCAT(_tvm_ffi_static_init_var_, __LINE__))

/*!
 * \brief Marks a library as built against these headers, with their ABI
 * version: `tvm_ffi.load_module` refuses a library that lacks it (one whose
 * own code never included them). Weak, so every translation unit may hold
 * it; exported, so the loader finds it in the library itself.
 */
// (`extern "C"` without braces also makes the const array external.)
extern "C" TVM_FFI_DLL_EXPORT __attribute__((weak))
const int32_t TVMFFILibraryABI[2] = {TVM_FFI_VERSION_MAJOR, TVM_FFI_VERSION_MINOR};

namespace tvm {
namespace ffi {
namespace details {

/*!
 * \brief Runs one static initialiser block, if the core library accepts
 * this library's ABI; an exception it throws is recorded for the loader
 * (it must not escape a static initialiser: that would end the process).
 */
inline int RunStaticInit(void (*block)()) {
  if (!TVMFFIPluginABICompatible(TVM_FFI_VERSION_MAJOR, TVM_FFI_VERSION_MINOR)) return 0;
  try {
    block();
  } catch (const std::exception& e) {
    TVMFFIPluginInitFailed(e.what());
  } catch (...) {
    TVMFFIPluginInitFailed("an exception that is not a std::exception");
  }
  return 0;
}

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
