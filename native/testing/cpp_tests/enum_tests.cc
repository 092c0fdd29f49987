/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file enum_tests.cc
 * \brief C++ API tests of tvm/ffi/enum.h and tvm/ffi/reflection/enum_def.h:
 *        ordinals, the per-type tables and what the engines make of
 *        variants (see cpp_test_checks.h).
 */
#include <tvm/ffi/tvm_ffi.h>

#include <string>

#include "cpp_test_checks.h"

namespace tvm {
namespace ffi {
namespace testing {
namespace {

namespace refl = reflection;

// A C++-only enum with a declared field, for the C++ tests below.
class CppTestLevelObj : public EnumObj {
 public:
  int64_t weight = 0;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("testing.CppTestLevel", CppTestLevelObj, EnumObj);
};

/*! \brief EnumDef assigns dense ordinals, fills the registries, and refuses a duplicate. */
void TestEnumDefRegistersVariants() {
  // Registered once per process, however often the test runs.
  static const bool registered = [] {
    refl::ObjectDef<CppTestLevelObj>(refl::init(false)).def_ro("weight", &CppTestLevelObj::weight);
    refl::EnumDef<CppTestLevelObj> low("low");
    refl::EnumDef<CppTestLevelObj> high("high");
    high.set_attr("rank", int64_t{7});
    CHECK_EQ(low.ordinal(), 0);
    CHECK_EQ(high.ordinal(), 1);
    return true;
  }();
  CHECK_TRUE(registered);
  Enum low = EnumObj::Get<CppTestLevelObj>("low");
  Enum high = EnumObj::Get<CppTestLevelObj>("high");
  CHECK_EQ(high->value, 1);
  CHECK_EQ(EnumObj::Get<CppTestLevelObj>("low")->value, 0);
  CHECK_EQ(std::string(EnumObj::Get<CppTestLevelObj>("low")->name.c_str()), "low");
  CHECK_THROWS(EnumObj::Get<CppTestLevelObj>("medium"), "RuntimeError",
               "no instance named `medium`");
  CHECK_THROWS(refl::EnumDef<CppTestLevelObj>("low"), "RuntimeError",
               "already has a variant `low`");
  // set_attr pads the attribute's list with None up to the ordinal.
  auto attrs = *details::EnumTable<Dict<String, List<Any>>>(CppTestLevelObj::RuntimeTypeIndex(),
                                                            kTVMFFIEnumAttrs, false);
  List<Any> rank = attrs.at("rank");
  CHECK_EQ(rank.size(), 2);
  CHECK_TRUE(rank[0] == nullptr);
  CHECK_EQ(rank[1].cast<int64_t>(), 7);
  // The engines: variants equal only themselves and print as key.name.
  CHECK_TRUE(RecursiveEq(low, low));
  CHECK_TRUE(!RecursiveEq(low, high));
  CHECK_EQ(std::string(ReprPrint(Array<Any>{low}).c_str()), "(testing.CppTestLevel.low,)");
  CHECK_TRUE(DeepCopy(Any(high)).cast<ObjectRef>().same_as(high));
}

/*! \brief The registries of a type that is no enum are refused. */
void TestEnumTablesRefuseOtherTypes() {
  TVMFFIObjectHandle out = nullptr;
  CHECK_TRUE(TVMFFIEnumGetTable(kTVMFFIArray, kTVMFFIEnumEntries, 1, &out) != 0);
  CHECK_THROWS(throw details::MoveFromRaised(), "TypeError", "is not an enum");
  CHECK_TRUE(TVMFFIEnumGetTable(EnumObj::RuntimeTypeIndex(), 7, 0, &out) != 0);
  CHECK_THROWS(throw details::MoveFromRaised(), "ValueError", "no enum table 7");
}

}  // namespace

TVM_FFI_STATIC_INIT_BLOCK() {
  refl::GlobalDef()
      .def("testing.cpp_test.enum_def_registers_variants", TestEnumDefRegistersVariants)
      .def("testing.cpp_test.enum_tables_refuse_other_types", TestEnumTablesRefuseOtherTypes);
}

}  // namespace testing
}  // namespace ffi
}  // namespace tvm
