/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file error_tests.cc
 * \brief C++ API tests of tvm/ffi/error.h: an Error crossing the C ABI as
 *        a return code and a raised error (see cpp_test_checks.h).
 */
#include <tvm/ffi/tvm_ffi.h>

#include "cpp_test_checks.h"

namespace ffi = tvm::ffi;

namespace {

void TestErrorCrossesCABI() {
  // A C++ throw inside a packed function becomes -1 + raised error at the C
  // boundary, and a thrown Error again for the C++ caller.
  ffi::Function f = ffi::Function::FromTyped([]() { TVM_FFI_THROW(KeyError) << "missing"; }, "f");
  TVMFFIAny result{};
  int rc =
      TVMFFIFunctionCall(const_cast<TVMFFIObject*>(reinterpret_cast<const TVMFFIObject*>(f.get())),
                         nullptr, 0, &result);
  CHECK_EQ(rc, -1);
  ffi::Error err = ffi::details::MoveFromRaised();
  CHECK_EQ(err.kind(), "KeyError");
  CHECK_EQ(err.message(), "missing");
  // Nothing is left raised afterwards.
  TVMFFIObject* none = nullptr;
  TVMFFIErrorMoveFromRaised(&none);
  CHECK_TRUE(none == nullptr);
}

}  // namespace

TVM_FFI_STATIC_INIT_BLOCK() {
  tvm::ffi::reflection::GlobalDef().def("testing.cpp_test.error_crosses_c_abi",
                                        TestErrorCrossesCABI);
}
