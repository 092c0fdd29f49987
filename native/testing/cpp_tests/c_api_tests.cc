/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file c_api_tests.cc
 * \brief C++ API tests of tvm/ffi/c_api.h and c_api_dynamic.h called
 *        directly: bad input is refused with a raised error, never a crash
 *        (see cpp_test_checks.h).
 */
#include <tvm/ffi/extra/dataclass.h>
#include <tvm/ffi/tvm_ffi.h>

#include <string>
#include <utility>

#include "cpp_test_checks.h"

namespace ffi = tvm::ffi;

namespace {

/*!
 * \brief A reflected type whose blank allocator (`__ffi_new__`) returns a
 * String (no default constructor, so ObjectDef registers no allocator of
 * its own).
 */
class CppTestWrongNewObj : public ffi::Object {
 public:
  int64_t value = 0;
  explicit CppTestWrongNewObj(int64_t v) : value(v) {}
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("testing.CppTestWrongNew", CppTestWrongNewObj, ffi::Object);
};

/*! \brief The kind and message of the error a failed C ABI call left raised. */
std::pair<std::string, std::string> TakeRaised() {
  ffi::Error err = ffi::details::MoveFromRaised();
  return {err.kind(), err.message()};
}

void TestCApiRejectsBadInput() {
  namespace refl = ffi::reflection;
  auto contains = [](const std::string& text, const char* part) {
    return text.find(part) != std::string::npos;
  };
  // Registry: a taken static index, a static index in the dynamic range.
  int32_t index = -1;
  TVMFFIByteArray evil{"testing.CppTestEvil", 19};
  CHECK_EQ(TVMFFITypeGetOrAllocIndex(&evil, ffi::TypeIndex::kTVMFFIArray,
                                     ffi::TypeIndex::kTVMFFIObject, &index),
           -1);
  auto [kind, message] = TakeRaised();
  CHECK_EQ(kind, "RuntimeError");
  CHECK_TRUE(contains(message, "is taken by `ffi.Array`"));
  CHECK_EQ(TVMFFITypeGetOrAllocIndex(&evil, 200, ffi::TypeIndex::kTVMFFIObject, &index), -1);
  CHECK_EQ(TakeRaised().first, "ValueError");
  // Containers: negative counts, missing items.
  TVMFFIObjectHandle out = nullptr;
  CHECK_EQ(TVMFFIMapCreate(kTVMFFIMap, nullptr, nullptr, -1, &out), -1);
  CHECK_TRUE(contains(TakeRaised().second, "TVMFFIMapCreate: -1 items"));
  CHECK_EQ(TVMFFISeqCreate(kTVMFFIList, nullptr, 2, &out), -1);
  CHECK_TRUE(contains(TakeRaised().second, "TVMFFISeqCreate: 2 items at a NULL pointer"));
  // Dynamic types: NULL records, a bad schema, a parent that cannot be extended.
  CHECK_EQ(TVMFFIDynamicTypeCreate(nullptr, ffi::TypeIndex::kTVMFFIObject, &index), -1);
  CHECK_EQ(TakeRaised().first, "ValueError");
  CHECK_EQ(TVMFFIDynamicTypeAddField(ffi::TypeIndex::kTVMFFIObject, nullptr), -1);
  CHECK_EQ(TakeRaised().first, "ValueError");
  CHECK_EQ(TVMFFIFieldSetValue(nullptr, nullptr, nullptr), -1);
  CHECK_EQ(TakeRaised().first, "ValueError");
  TVMFFIByteArray dyn{"testing.CppTestDynamic", 22};
  CHECK_EQ(TVMFFIDynamicTypeCreate(&dyn, ffi::TypeIndex::kTVMFFIArray, &index), -1);
  CHECK_TRUE(contains(TakeRaised().second, "registers no in-place layout"));
  CHECK_EQ(TVMFFIDynamicTypeCreate(&dyn, ffi::TypeIndex::kTVMFFIObject, &index), 0);
  TVMFFIFieldInfo field{};
  field.name = TVMFFIByteArray{"x", 1};
  field.type_str = TVMFFIByteArray{"List[", 5};
  CHECK_EQ(TVMFFIDynamicTypeAddField(index, &field), -1);
  CHECK_TRUE(contains(TakeRaised().second, "bad type schema"));
  CHECK_EQ(TVMFFITypeRetract(index), 0);
  CHECK_EQ(TVMFFITypeKeyToIndex(&dyn, &index), -1);  // the key is free again
  CHECK_EQ(TakeRaised().first, "KeyError");
  // Errors: NULL strings, a non-error to append to.
  TVMFFIErrorSetRaisedFromCStr(nullptr, nullptr);
  CHECK_EQ(TakeRaised().first, "RuntimeError");
  TVMFFIByteArray frame{"f", 1};
  CHECK_EQ(TVMFFIErrorAppendContext(nullptr, &frame, &out), -1);
  CHECK_EQ(TakeRaised().first, "TypeError");
  // Serialization and function schemas: NULL text, schema or output.
  TVMFFIAny loaded = ffi::details::NoneAny();
  CHECK_EQ(TVMFFIFromJSONGraphString(nullptr, &loaded), -1);
  CHECK_EQ(TakeRaised().first, "ValueError");
  TVMFFIByteArray no_text{nullptr, 3};
  CHECK_EQ(TVMFFIJSONParse(&no_text, &loaded), -1);
  CHECK_EQ(TakeRaised().first, "ValueError");
  ffi::Function typed = ffi::Function::FromTyped([](int64_t x) { return x; });
  CHECK_EQ(TVMFFIFunctionSetTypeSchema(ffi::details::ObjectRefUnsafe::Header(typed), nullptr), -1);
  CHECK_EQ(TakeRaised().first, "ValueError");
  CHECK_EQ(TVMFFIFunctionGetTypeSchema(ffi::details::ObjectRefUnsafe::Header(typed), nullptr), -1);
  CHECK_EQ(TakeRaised().first, "ValueError");
  // Engines: an unassigned POD index is raw bits, never dereferenced.
  TVMFFIAny pod = ffi::details::NoneAny();
  pod.type_index = 5;
  pod.v_int64 = 0x10;
  ffi::AnyView view = ffi::AnyView::FromRaw(pod);
  CHECK_TRUE(!std::string(ffi::ReprPrint(view)).empty());
  CHECK_TRUE(ffi::RecursiveEq(view, view));
  // A blank allocator returning another type is refused before any field is written.
  using Obj = CppTestWrongNewObj;
  if (TVMFFIGetTypeInfo(Obj::RuntimeTypeIndex())->num_fields == 0) {
    refl::ObjectDef<Obj>().def_ro("value", &Obj::value);
    refl::TypeAttrDef<Obj>().def(refl::type_attr::kNew,
                                 ffi::Function::FromTyped([]() { return ffi::String("not it"); }));
  }
  ffi::Function make = ffi::Function::GetGlobalRequired("ffi.MakeObjectFromPackedArgs");
  CHECK_THROWS(make("testing.CppTestWrongNew", "value", 1), "TypeError",
               "__ffi_new__ of `testing.CppTestWrongNew` must return a "
               "`testing.CppTestWrongNew`, got `str`");
}

}  // namespace

TVM_FFI_STATIC_INIT_BLOCK() {
  tvm::ffi::reflection::GlobalDef().def("testing.cpp_test.c_api_rejects_bad_input",
                                        TestCApiRejectsBadInput);
}
