/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file function_tests.cc
 * \brief C++ API tests of tvm/ffi/function.h: typed and packed functions,
 *        the global registry (see cpp_test_checks.h); and the callback test
 *        tests/test_cpp_api.py calls with a Python function.
 */
#include <tvm/ffi/tvm_ffi.h>

#include <string>

#include "cpp_test_checks.h"

namespace ffi = tvm::ffi;

namespace {

void TestTypedFunction() {
  // A string literal is viewed in place (no temporary String to outlive).
  ffi::AnyView literal("literal");
  CHECK_EQ(literal.type_index(), kTVMFFIRawStr);
  ffi::Function echo_str = ffi::Function::FromTyped([](std::string s) { return s; });
  CHECK_EQ(echo_str("a string literal longer than the small-string size").cast<std::string>(),
           "a string literal longer than the small-string size");
  ffi::Function add =
      ffi::Function::FromTyped([](int64_t a, int64_t b) { return a + b; }, "cpp.add");
  CHECK_EQ(add(1, 2).cast<int64_t>(), 3);
  CHECK_THROWS(add(1), "TypeError", "Expected 2 but got 1 arguments");
  CHECK_THROWS(add(1, "x"), "TypeError",
               "Mismatched type on argument #1 when calling: `cpp.add(0: int, 1: int) -> int`. "
               "Expected `int` but got `str`");
  ffi::Function concat = ffi::Function::FromTyped(
      [](ffi::String a, const std::string& b) { return a + b; }, "cpp.concat");
  CHECK_TRUE(concat("ab", std::string("cd")).cast<ffi::String>() == "abcd");
  ffi::Function packed = ffi::Function::FromPacked(
      [](ffi::PackedArgs args, ffi::Any* rv) { *rv = static_cast<int64_t>(args.size()); });
  CHECK_EQ(packed(1, "two", 3.0, nullptr).cast<int64_t>(), 4);
  ffi::Function fails = ffi::Function::FromTyped(
      []() -> int64_t {
        TVM_FFI_THROW(ValueError) << "bad value " << 7;
        return 0;  // not reached
      },
      "cpp.fails");
  CHECK_THROWS(fails(), "ValueError", "bad value 7");
  try {
    fails();
  } catch (const ffi::Error& e) {
    CHECK_TRUE(e.backtrace().find("cpp_tests/function_tests.cc") != std::string::npos);
    CHECK_TRUE(std::string(e.what()) == "ValueError: bad value 7");
  }
}

void TestGlobalRegistry() {
  const std::string name = "testing.cpp_test_scratch.double";
  ffi::Function::SetGlobal(name, ffi::Function::FromTyped([](int64_t x) { return 2 * x; }, name),
                           true);
  CHECK_EQ(ffi::Function::GetGlobalRequired(name)(21).cast<int64_t>(), 42);
  CHECK_THROWS(ffi::Function::SetGlobal(name, ffi::Function::FromTyped([]() {}, name)),
               "RuntimeError", "already registered");
  bool listed = false;
  for (const ffi::String& n : ffi::Function::ListGlobalNames()) listed |= (n == name);
  CHECK_TRUE(listed);
  TVMFFIByteArray key{name.data(), name.size()};
  int removed = 0;
  CHECK_EQ(TVMFFIFunctionRemoveGlobal(&key, &removed), 0);
  CHECK_EQ(removed, 1);
  CHECK_TRUE(!ffi::Function::GetGlobal(name).has_value());
  CHECK_THROWS(ffi::Function::GetGlobalRequired(name), "ValueError", "not found");
}

void TestCallbackFromCpp(ffi::Function callback) {
  // Called from Python with a Python callable: C++ calls back into Python.
  CHECK_EQ(callback(20, 22).cast<int64_t>(), 42);
}

}  // namespace

TVM_FFI_STATIC_INIT_BLOCK() {
  tvm::ffi::reflection::GlobalDef()
      .def("testing.cpp_test.typed_function", TestTypedFunction)
      .def("testing.cpp_test.global_registry", TestGlobalRegistry)
      .def("testing.cpp_callback_from_cpp", TestCallbackFromCpp);
}
