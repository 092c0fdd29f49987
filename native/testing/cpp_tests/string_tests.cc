/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file string_tests.cc
 * \brief C++ API tests of tvm/ffi/string.h: String and Bytes (see
 *        cpp_test_checks.h).
 */
#include <tvm/ffi/tvm_ffi.h>

#include <string>

#include "cpp_test_checks.h"

namespace ffi = tvm::ffi;

namespace {

void TestStringBytes() {
  ffi::String a("hello"), b("hello"), c("world");
  CHECK_TRUE(a == b);
  CHECK_TRUE(!(a == c));
  CHECK_TRUE(a < c);
  CHECK_EQ(std::string(a + " " + c), "hello world");
  ffi::String with_nul(std::string("a\0b", 3));
  CHECK_EQ(with_nul.size(), 3u);
  ffi::Bytes bytes(std::string("\x00\x01\x02", 3));
  CHECK_EQ(bytes.size(), 3u);
  ffi::Any any_bytes = bytes;
  CHECK_EQ(any_bytes.type_index(), ffi::TypeIndex::kTVMFFISmallBytes);
  CHECK_TRUE(any_bytes.cast<ffi::Bytes>() == bytes);
  CHECK_TRUE(!any_bytes.try_cast<ffi::String>().has_value());
  CHECK_THROWS(a.at(10), "IndexError", "out of range");
}

}  // namespace

TVM_FFI_STATIC_INIT_BLOCK() {
  tvm::ffi::reflection::GlobalDef().def("testing.cpp_test.string_bytes", TestStringBytes);
}
