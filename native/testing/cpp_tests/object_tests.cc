/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file object_tests.cc
 * \brief C++ API tests of tvm/ffi/object.h: reference counts, the type
 *        hierarchy and its records in the registry (see cpp_test_checks.h);
 *        and the counted object tests/test_cpp_api.py frees from Python.
 */
#include <tvm/ffi/tvm_ffi.h>

#include <string>

#include "cpp_test_checks.h"

namespace ffi = tvm::ffi;

namespace {

// A small hierarchy of test types, registered on first use.
class CppTestBaseObj : public ffi::Object {
 public:
  int64_t value = 0;
  explicit CppTestBaseObj(int64_t v = 0) : value(v) {}
  static constexpr uint32_t _type_child_slots = 1;
  TVM_FFI_DECLARE_OBJECT_INFO("testing.CppTestBase", CppTestBaseObj, ffi::Object);
};

class CppTestDerivedObj : public CppTestBaseObj {
 public:
  std::string label;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("testing.CppTestDerived", CppTestDerivedObj, CppTestBaseObj);
};

class CppTestBase : public ffi::ObjectRef {
 public:
  TVM_FFI_DEFINE_OBJECT_REF_METHODS_NULLABLE(CppTestBase, ffi::ObjectRef, CppTestBaseObj);
};

/*! \brief Counts live instances, to prove objects are freed. */
int64_t g_live_counted = 0;
class CountedObj : public ffi::Object {
 public:
  CountedObj() { ++g_live_counted; }
  ~CountedObj() { --g_live_counted; }
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("testing.CppTestCounted", CountedObj, ffi::Object);
};

void TestObjectRefCount() {
  int64_t before = g_live_counted;
  {
    ffi::ObjectPtr<CountedObj> p = ffi::make_object<CountedObj>();
    CHECK_EQ(p.use_count(), 1u);
    ffi::ObjectPtr<CountedObj> q = p;
    CHECK_EQ(p.use_count(), 2u);
    ffi::Any held = p;
    CHECK_EQ(p.use_count(), 3u);
    CHECK_EQ(g_live_counted, before + 1);
  }
  CHECK_EQ(g_live_counted, before);
}

void TestObjectTypes() {
  ffi::ObjectPtr<CppTestDerivedObj> d = ffi::make_object<CppTestDerivedObj>();
  CHECK_EQ(d->GetTypeKey(), std::string("testing.CppTestDerived"));
  CHECK_TRUE(d->IsInstance<CppTestBaseObj>());
  CHECK_TRUE(d->IsInstance<CppTestDerivedObj>());
  CHECK_TRUE(d->IsInstance<ffi::Object>());
  ffi::ObjectPtr<CppTestBaseObj> b = ffi::make_object<CppTestBaseObj>(3);
  CHECK_TRUE(!b->IsInstance<CppTestDerivedObj>());
  CHECK_TRUE(CppTestBaseObj::RuntimeTypeIndex() >= ffi::TypeIndex::kTVMFFIDynObjectBegin);

  CppTestBase ref(b);
  CHECK_EQ(ref->value, 3);
  CHECK_TRUE(ref.same_as(CppTestBase(b)));
  CHECK_TRUE(ffi::IsInstance<CppTestBaseObj>(ref));
  CHECK_TRUE(ref.as<CppTestDerivedObj>() == nullptr);
  CHECK_TRUE(CppTestBase(nullptr) == nullptr);

  // Any -> typed references check the type.
  ffi::Any any = ref;
  CHECK_EQ(any.cast<CppTestBase>()->value, 3);
  ffi::Any derived_any = ffi::ObjectPtr<CppTestDerivedObj>(d);
  CHECK_TRUE(derived_any.as<CppTestBase>().has_value());
  CHECK_THROWS(ffi::Any(ffi::String("x")).cast<CppTestBase>(), "TypeError", "testing.CppTestBase");
}

void TestTypeRegistry() {
  TVMFFIByteArray key{"testing.CppTestBase", 19};
  int32_t index = -1;
  CppTestBaseObj::RuntimeTypeIndex();
  CHECK_EQ(TVMFFITypeKeyToIndex(&key, &index), 0);
  CHECK_EQ(index, CppTestBaseObj::RuntimeTypeIndex());
  // Re-registering with another parent is an error.
  int32_t out = -1;
  CHECK_EQ(TVMFFITypeGetOrAllocIndex(&key, -1, ffi::TypeIndex::kTVMFFIArray, &out), -1);
  ffi::Error err = ffi::details::MoveFromRaised();
  CHECK_EQ(err.kind(), "RuntimeError");
  TVMFFIByteArray missing{"testing.NoSuchType", 18};
  CHECK_EQ(TVMFFITypeKeyToIndex(&missing, &out), -1);
  CHECK_EQ(ffi::details::MoveFromRaised().kind(), "KeyError");
  const TVMFFITypeInfo* info = TVMFFIGetTypeInfo(CppTestDerivedObj::RuntimeTypeIndex());
  CHECK_EQ(info->type_depth, 2);
  CHECK_EQ(info->type_ancestors[0], ffi::TypeIndex::kTVMFFIObject);
  CHECK_EQ(info->type_ancestors[1], CppTestBaseObj::RuntimeTypeIndex());
}

}  // namespace

TVM_FFI_STATIC_INIT_BLOCK() {
  tvm::ffi::reflection::GlobalDef()
      .def("testing.cpp_test.object_refcount", TestObjectRefCount)
      .def("testing.cpp_test.object_types", TestObjectTypes)
      .def("testing.cpp_test.type_registry", TestTypeRegistry)
      .def("testing.cpp_live_counted", []() { return g_live_counted; })
      .def("testing.make_counted", []() { return ffi::make_object<CountedObj>(); });
}
