/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file container_tests.cc
 * \brief C++ API tests of tvm/ffi/container/: Array, List, Map and Dict
 *        (see cpp_test_checks.h).
 */
#include <tvm/ffi/tvm_ffi.h>

#include <string>
#include <vector>

#include "cpp_test_checks.h"

namespace ffi = tvm::ffi;

namespace {

void TestArray() {
  ffi::Array<int64_t> arr = {1, 2, 3};
  CHECK_EQ(arr.size(), 3);
  CHECK_EQ(arr[1], 2);
  int64_t sum = 0;
  for (int64_t v : arr) sum += v;
  CHECK_EQ(sum, 6);
  // Copy on write: a shared Array is copied before a write.
  ffi::Array<int64_t> alias = arr;
  alias.push_back(4);
  CHECK_EQ(arr.size(), 3);
  CHECK_EQ(alias.size(), 4);
  CHECK_TRUE(!alias.same_as(arr));
  CHECK_THROWS(arr.at(3), "IndexError", "out of range");
  // Element types are checked on cast.
  ffi::Array<ffi::Any> mixed = {ffi::Any(1), ffi::Any("x")};
  ffi::Any any = mixed;
  CHECK_TRUE(!any.try_cast<ffi::Array<int64_t>>().has_value());
  CHECK_TRUE(any.try_cast<ffi::Array<ffi::Any>>().has_value());
  ffi::Any ints = ffi::Array<ffi::Any>{ffi::Any(1), ffi::Any(2)};
  ffi::Array<int64_t> typed = ints.cast<ffi::Array<int64_t>>();
  CHECK_TRUE(typed.same_as(ints.cast<ffi::Array<ffi::Any>>()));  // strict match: shared
  ffi::Array<double> floats = ints.cast<ffi::Array<double>>();   // converted copy
  CHECK_EQ(floats[0], 1.0);
  CHECK_THROWS(any.cast<ffi::Array<int64_t>>(), "TypeError", "Array<int>");
}

void TestList() {
  ffi::List<ffi::String> list;
  list.push_back("a");
  ffi::List<ffi::String> alias = list;  // shared, not copied
  alias.push_back("b");
  CHECK_EQ(list.size(), 2);
  CHECK_TRUE(list[1] == "b");
  list.insert(0, "z");
  CHECK_TRUE(list.front() == "z");
  list.erase(0);
  list.Set(0, "first");
  CHECK_TRUE(alias[0] == "first");
  list.pop_back();
  CHECK_EQ(alias.size(), 1);
  list.clear();
  CHECK_TRUE(alias.empty());
  CHECK_THROWS(list.pop_back(), "IndexError", "empty");
  CHECK_THROWS(list.insert(5, "x"), "IndexError", "out of range");
}

void TestMapDict() {
  ffi::Map<ffi::String, int64_t> m = {{"a", 1}, {"b", 2}};
  CHECK_EQ(m.size(), 2);
  CHECK_EQ(m.at("a"), 1);
  CHECK_EQ(m.count("c"), 0);
  CHECK_TRUE(!m.Get("c").has_value());
  CHECK_THROWS(m.at("c"), "KeyError", "not found");
  // Short (inline) and long (object) string keys compare by value.
  ffi::Map<ffi::String, int64_t> long_keys = {{"a key that is long", 7}};
  CHECK_EQ(long_keys.at(ffi::String("a key that is long")), 7);
  ffi::Map<ffi::String, int64_t> alias = m;
  alias.Set("c", 3);  // copy on write
  CHECK_EQ(m.size(), 2);
  CHECK_EQ(alias.size(), 3);
  std::vector<std::string> keys;
  for (const auto& kv : alias) keys.push_back(std::string(kv.first));
  CHECK_TRUE((keys == std::vector<std::string>{"a", "b", "c"}));  // insertion order

  ffi::Dict<int64_t, ffi::String> d;
  ffi::Dict<int64_t, ffi::String> shared = d;
  d.Set(1, "one");
  d.Set(2, "two");
  d.Set(1, "uno");
  CHECK_EQ(shared.size(), 2);
  CHECK_TRUE(shared.at(1) == "uno");
  d.erase(1);
  CHECK_EQ(shared.count(1), 0);
  CHECK_TRUE(shared.at(2) == "two");
  d.clear();
  CHECK_TRUE(shared.empty());
  // Many keys: the index grows and stays consistent through erases.
  for (int64_t i = 0; i < 1000; ++i) d.Set(i, "v");
  for (int64_t i = 0; i < 1000; i += 2) d.erase(i);
  CHECK_EQ(d.size(), 500);
  CHECK_EQ(d.count(999), 1);
  CHECK_EQ(d.count(998), 0);
}

void TestMapNumericKeysAreOneKey() {
  // Python's key rule on the C++ side too: 1, 1.0 and true are one key.
  ffi::Dict<ffi::Any, ffi::String> d;
  d.Set(ffi::Any(int64_t{1}), "int");
  d.Set(ffi::Any(1.0), "float");
  d.Set(ffi::Any(true), "bool");
  CHECK_EQ(d.size(), 1);
  CHECK_TRUE(d.at(ffi::Any(1.0)) == "bool");
  // The first key stays (as in a Python dict); only the value is replaced.
  CHECK_EQ((*d.begin()).first.type_index(), kTVMFFIInt);
  // -0.0 is the key 0; a non-integral float is its own key.
  d.Set(ffi::Any(int64_t{0}), "zero");
  CHECK_TRUE(d.at(ffi::Any(-0.0)) == "zero");
  CHECK_EQ(d.count(ffi::Any(1.5)), 0);
  d.erase(ffi::Any(true));
  CHECK_EQ(d.count(ffi::Any(int64_t{1})), 0);
  ffi::Map<ffi::Any, int64_t> m = {{ffi::Any(int64_t{2}), 20}, {ffi::Any(2.0), 21}};
  CHECK_EQ(m.size(), 1);
  CHECK_EQ(m.at(ffi::Any(2.0)), 21);
  // An Array key holding a List could change its hash while a key: refused.
  ffi::Array<ffi::Any> holds_list = {ffi::Any(ffi::List<int64_t>{1})};
  CHECK_THROWS(d.Set(ffi::Any(holds_list), "x"), "TypeError", "unhashable type: 'List'");
  CHECK_EQ(d.size(), 1);
}

}  // namespace

TVM_FFI_STATIC_INIT_BLOCK() {
  tvm::ffi::reflection::GlobalDef()
      .def("testing.cpp_test.array", TestArray)
      .def("testing.cpp_test.list", TestList)
      .def("testing.cpp_test.map_dict", TestMapDict)
      .def("testing.cpp_test.map_numeric_keys_are_one_key", TestMapNumericKeysAreOneKey);
}
