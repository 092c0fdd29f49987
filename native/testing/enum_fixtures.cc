/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file enum_fixtures.cc
 * \brief A C++ enum for the Enum tests (tests/test_enum_*.py), with the
 *        reference system's key and entries: `testing.TestEnumVariant` has
 *        the variants Alpha and Beta, registered through refl::EnumDef with
 *        an extensible attribute `code` (10 and 20), and
 *        `testing.enum_variant_get(name)` looks one up through EnumObj::Get.
 */
#include <tvm/ffi/tvm_ffi.h>

namespace tvm {
namespace ffi {
namespace testing {

namespace refl = reflection;

class TestEnumVariantObj : public EnumObj {
 public:
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("testing.TestEnumVariant", TestEnumVariantObj, EnumObj);
};

class TestEnumVariant : public Enum {
 public:
  TVM_FFI_DEFINE_OBJECT_REF_METHODS_NULLABLE(TestEnumVariant, Enum, TestEnumVariantObj);
};

TVM_FFI_STATIC_INIT_BLOCK() {
  refl::ObjectDef<TestEnumVariantObj>(refl::init(false));
  refl::EnumDef<TestEnumVariantObj>("Alpha").set_attr("code", int64_t{10});
  refl::EnumDef<TestEnumVariantObj>("Beta").set_attr("code", int64_t{20});
  refl::GlobalDef()
      .def("testing.enum_variant_get",
           [](const String& name) -> Enum { return EnumObj::Get<TestEnumVariantObj>(name); })
      // For the bad-input tests: a second EnumDef of a registered name.
      .def("testing.enum_variant_register", [](const String& name, int64_t code) -> Enum {
        return refl::EnumDef<TestEnumVariantObj>(name.c_str()).set_attr("code", code).instance();
      });
}

}  // namespace testing
}  // namespace ffi
}  // namespace tvm
