/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file any_tests.cc
 * \brief C++ API tests of tvm/ffi/any.h and tvm/ffi/optional.h: storage
 *        kinds, checked casts and Optional (see cpp_test_checks.h).
 */
#include <tvm/ffi/tvm_ffi.h>

#include <string>

#include "cpp_test_checks.h"

namespace ffi = tvm::ffi;

namespace {

void TestAnyPOD() {
  ffi::Any i = 42;
  CHECK_EQ(i.type_index(), ffi::TypeIndex::kTVMFFIInt);
  CHECK_EQ(i.cast<int64_t>(), 42);
  CHECK_EQ(i.cast<int>(), 42);
  CHECK_EQ(i.cast<double>(), 42.0);  // int -> float converts
  ffi::Any b = true;
  CHECK_EQ(b.type_index(), ffi::TypeIndex::kTVMFFIBool);
  CHECK_TRUE(b.cast<bool>());
  ffi::Any f = 2.5;
  CHECK_EQ(f.cast<double>(), 2.5);
  CHECK_THROWS(f.cast<int64_t>(), "TypeError", "Cannot convert from type `float` to `int`");
  ffi::Any none;
  CHECK_TRUE(none == nullptr);
  CHECK_TRUE(!i.as<double>().has_value());  // as<> is strict
  CHECK_TRUE(i.as<int64_t>().has_value());
  CHECK_TRUE(!i.try_cast<ffi::String>().has_value());
}

void TestAnyStrings() {
  ffi::Any small = "abc";  // stored inline
  CHECK_EQ(small.type_index(), ffi::TypeIndex::kTVMFFISmallStr);
  CHECK_EQ(small.cast<std::string>(), "abc");
  ffi::Any big = std::string("a long string, surely over seven bytes");
  CHECK_EQ(big.type_index(), ffi::TypeIndex::kTVMFFIStr);
  ffi::String s = big.cast<ffi::String>();
  CHECK_EQ(s.size(), 38u);
  ffi::Any again = s;
  CHECK_TRUE(again.cast<ffi::String>().same_as(s));  // no copy for objects
  CHECK_EQ(small.GetTypeKey(), "str");
  CHECK_THROWS(small.cast<int64_t>(), "TypeError", "`str` to `int`");
  // A view of a std::string becomes owned when stored in an Any.
  ffi::Any owned;
  {
    std::string temp = "temporary long string value";
    owned = ffi::AnyView(temp);
  }
  CHECK_EQ(owned.cast<std::string>(), "temporary long string value");
}

void TestOptional() {
  ffi::Optional<int64_t> none;
  CHECK_TRUE(!none.has_value());
  CHECK_EQ(none.value_or(5), 5);
  ffi::Any any_none = none;
  CHECK_TRUE(any_none == nullptr);
  ffi::Optional<ffi::String> s = ffi::Any("x").cast<ffi::Optional<ffi::String>>();
  CHECK_TRUE(s.has_value() && *s == "x");
  CHECK_TRUE(!ffi::Any().cast<ffi::Optional<ffi::String>>().has_value());
  CHECK_THROWS(none.value(), "RuntimeError", "no value");
}

}  // namespace

TVM_FFI_STATIC_INIT_BLOCK() {
  tvm::ffi::reflection::GlobalDef()
      .def("testing.cpp_test.any_pod", TestAnyPOD)
      .def("testing.cpp_test.any_strings", TestAnyStrings)
      .def("testing.cpp_test.optional", TestOptional);
}
