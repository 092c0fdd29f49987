/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file library_bindings.cc
 * \brief The native half of `tvm_ffi.load_module`: what a library's static
 *        initialisers reported while it loaded, and Functions over the
 *        symbols it exports (TVM_FFI_DLL_EXPORT_TYPED_FUNC).
 */
#include <nanobind/nanobind.h>

#include "nb_helpers.h"

#include <tvm/ffi/error.h>
#include <tvm/ffi/function.h>

namespace nb = nanobind;

namespace tvm_ffi_py {

void BindLibraries(nb::module_& m) {
  m.def(
      "_plugin_take_load_error",
      []() -> nb::object {
        TVMFFIObjectHandle err = nullptr;
        TVMFFIPluginTakeLoadError(&err);
        if (err == nullptr) return nb::none();
        tvm::ffi::Error error(tvm::ffi::details::ObjectPtrUnsafe::Adopt<tvm::ffi::Object>(
            static_cast<TVMFFIObject*>(err)));
        return nb::str(error.message().c_str());
      },
      nb::sig("def _plugin_take_load_error() -> str | None"),
      "What the static initialisers of the library just loaded on this thread reported\n"
      "(an ABI the core cannot host, a block that threw), or None; cleared.");

  m.def(
      "_plugin_load_begin", []() { ThrowIfFailed(TVMFFIPluginLoadBegin()); },
      nb::sig("def _plugin_load_begin() -> None"),
      "Starts recording what this thread registers (a library is about to load).");

  m.def(
      "_plugin_load_end",
      [](bool roll_back) { ThrowIfFailed(TVMFFIPluginLoadEnd(roll_back ? 1 : 0)); },
      nb::arg("roll_back"), nb::sig("def _plugin_load_end(roll_back: bool) -> None"),
      "Stops recording; with roll_back, takes back the recorded types and global\n"
      "functions (the library failed to load).");

  m.def(
      "_function_from_symbol",
      [](uintptr_t address, bool typed) {
        if (address == 0) throw nb::value_error("_function_from_symbol: a NULL address");
        // Our export macro hands out the Function behind the symbol when asked
        // (it marks such symbols: `typed`): calling that directly saves a
        // dispatch per call. Any other symbol is wrapped as it is, never probed.
        auto safe_call = reinterpret_cast<TVMFFISafeCallType>(address);
        TVMFFIAny query;
        query.type_index = kTVMFFINone;
        query.zero_padding = 0;
        query.v_int64 = 0;
        if (!typed) {
          // wrapped below
        } else if (safe_call(nullptr, nullptr, tvm::ffi::details::kExportedFunctionQuery, &query) ==
                   0) {
          if (query.type_index == kTVMFFIFunction) {
            return StealOrThrow(WrapOwnedObject(query.v_obj));
          }
          tvm::ffi::details::DecRefAny(query);
        } else {
          tvm::ffi::details::ClearRaised();  // refused: wrapped as it is below
        }
        TVMFFIObjectHandle out = nullptr;
        // The symbol is a TVMFFISafeCallType with no state of its own; its library
        // is never unloaded, so the Function needs no reference to it.
        ThrowIfFailed(TVMFFIFunctionCreate(nullptr, reinterpret_cast<TVMFFISafeCallType>(address),
                                           nullptr, &out));
        return StealOrThrow(WrapOwnedObject(static_cast<TVMFFIObject*>(out)));
      },
      nb::arg("address"), nb::arg("typed") = false,
      nb::sig("def _function_from_symbol(address: int, typed: bool = False) -> Function"),
      "A Function calling the exported safe-call symbol at `address` (from a loaded library);\n"
      "`typed`: the symbol was made by TVM_FFI_DLL_EXPORT_TYPED_FUNC (its Function is used).");
}

}  // namespace tvm_ffi_py
