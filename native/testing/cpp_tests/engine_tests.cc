/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file engine_tests.cc
 * \brief C++ API tests of tvm/ffi/extra/dataclass.h: the engines (repr,
 *        eq, hash, compare, deepcopy) on fields registered late or by hooks
 *        mid-walk, on borrowed self-cycles, and with hooks that recurse into
 *        themselves (see cpp_test_checks.h).
 */
#include <tvm/ffi/extra/dataclass.h>
#include <tvm/ffi/tvm_ffi.h>

#include <string>
#include <utility>

#include "cpp_test_checks.h"

namespace ffi = tvm::ffi;

namespace {

/*! \brief A type whose second field is registered after the engines have seen it. */
class CppTestLateFieldsObj : public ffi::Object {
 public:
  int64_t a = 0;
  int64_t b = 0;
  CppTestLateFieldsObj() = default;
  CppTestLateFieldsObj(int64_t a, int64_t b) : a(a), b(b) {}
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("testing.CppTestLateFields", CppTestLateFieldsObj, ffi::Object);
};

void TestEnginesSeeLateFields() {
  namespace refl = ffi::reflection;
  auto x = ffi::make_object<CppTestLateFieldsObj>(1, 2);
  auto y = ffi::make_object<CppTestLateFieldsObj>(1, 3);
  ffi::ObjectRef rx(x), ry(y);
  if (TVMFFIGetTypeInfo(CppTestLateFieldsObj::RuntimeTypeIndex())->num_fields == 0) {
    refl::ObjectDef<CppTestLateFieldsObj> def;
    def.def_ro("a", &CppTestLateFieldsObj::a);
    // The engines cache field lists per type: fill those caches now.
    CHECK_TRUE(ffi::RecursiveEq(rx, ry));
    CHECK_EQ(ffi::RecursiveHash(rx), ffi::RecursiveHash(ry));
    CHECK_EQ(ffi::RecursiveCompare(rx, ry), 0);
    CHECK_EQ(std::string(ffi::ReprPrint(rx)), "testing.CppTestLateFields(a=1)");
    def.def_ro("b", &CppTestLateFieldsObj::b);
  }
  // A field registered later is seen by every engine at once.
  CHECK_TRUE(!ffi::RecursiveEq(rx, ry));
  CHECK_TRUE(ffi::RecursiveHash(rx) != ffi::RecursiveHash(ry));
  CHECK_EQ(ffi::RecursiveCompare(rx, ry), -1);
  CHECK_EQ(std::string(ffi::ReprPrint(rx)), "testing.CppTestLateFields(a=1, b=2)");
  ffi::Any copy = ffi::DeepCopy(rx);
  CHECK_EQ(copy.cast<ffi::ObjectRef>().as<CppTestLateFieldsObj>()->b, 2);
}

/*! \brief A node of a linked structure (mutable `next`), for cycles. */
class CppTestNodeObj : public ffi::Object {
 public:
  ffi::ObjectRef next;
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("testing.CppTestNode", CppTestNodeObj, ffi::Object);
};

/*!
 * \brief A self-cycle that nothing else holds (refcount 1), handed to the
 * engines as a borrowed view: every engine must still end (the root counts
 * as shared whatever its count).
 */
void TestEnginesEndOnBorrowedSelfCycles() {
  namespace refl = ffi::reflection;
  if (TVMFFIGetTypeInfo(CppTestNodeObj::RuntimeTypeIndex())->num_fields == 0) {
    refl::ObjectDef<CppTestNodeObj>().def_rw("next", &CppTestNodeObj::next);
  }
  auto make_self_cycle = []() {
    auto node = ffi::make_object<CppTestNodeObj>();
    CppTestNodeObj* raw = node.get();
    raw->next = ffi::ObjectRef(std::move(node));  // now only the cycle holds it
    return raw;
  };
  CppTestNodeObj* a = make_self_cycle();
  CppTestNodeObj* b = make_self_cycle();
  CHECK_EQ(a->use_count(), 1);
  ffi::AnyView va(a->next), vb(b->next);
  CHECK_EQ(std::string(ffi::ReprPrint(va)), "testing.CppTestNode(next=...)");
  CHECK_EQ(ffi::RecursiveHash(va), ffi::RecursiveHash(vb));
  CHECK_TRUE(ffi::RecursiveEq(va, vb));
  CHECK_EQ(ffi::RecursiveCompare(va, vb), 0);
  ffi::Any copy = ffi::DeepCopy(va);
  auto* c = copy.cast<ffi::ObjectRef>().as<CppTestNodeObj>();
  CHECK_TRUE(c != a && c->next.get() == c);  // a fresh self-cycle
  // Break the cycles so the nodes are freed (moving out first: resetting the
  // field in place would free its owner mid-assignment).
  for (CppTestNodeObj* n : {a, b, const_cast<CppTestNodeObj*>(c)}) {
    ffi::ObjectRef last = std::move(n->next);
  }
}

/*!
 * \brief Holds a child and an int; hooks on its children register more
 * fields on it in the middle of an engine walk.
 */
class CppTestGrowerObj : public ffi::Object {
 public:
  ffi::ObjectRef child;
  int64_t tail = 5;
  int64_t pad = 0;
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("testing.CppTestGrower", CppTestGrowerObj, ffi::Object);
};

/*! \brief Every call of a hook on it registers one more field on CppTestGrower. */
class CppTestRegistersFieldsObj : public ffi::Object {
 public:
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("testing.CppTestRegistersFields", CppTestRegistersFieldsObj,
                                    ffi::Object);
};

void RegisterOneMoreGrowerField() {
  static int count = 0;
  namespace rd = ffi::reflection::details;
  std::string name = "extra_" + std::to_string(count++);
  TVMFFIFieldInfo info;
  info.name = ffi::details::ToByteArray(name.c_str());
  info.doc = ffi::details::ToByteArray("");
  info.type_str = ffi::details::ToByteArray("int");
  info.flags = 0;
  info.offset = rd::FieldOffset<CppTestGrowerObj>(&CppTestGrowerObj::pad);
  info.storage = rd::StorageOf<int64_t>();
  info.static_type_index = rd::StaticTypeIndex<int64_t>();
  info.getter = &rd::FieldGetter<int64_t>;
  info.setter = &rd::FieldSetter<int64_t>;
  info.default_value = ffi::details::NoneAny();
  info.metadata = ffi::details::NoneAny();
  rd::Check(TVMFFITypeRegisterField(CppTestGrowerObj::RuntimeTypeIndex(), &info));
}

void TestEnginesSurviveFieldsRegisteredByHooks() {
  namespace refl = ffi::reflection;
  using Leaf = CppTestRegistersFieldsObj;
  if (TVMFFIGetTypeInfo(CppTestGrowerObj::RuntimeTypeIndex())->num_fields == 0) {
    refl::ObjectDef<CppTestGrowerObj>()
        .def_rw("child", &CppTestGrowerObj::child)
        .def_rw("tail", &CppTestGrowerObj::tail);
    refl::TypeAttrDef<Leaf>()
        .def(refl::type_attr::kRepr, ffi::Function::FromTyped([](ffi::ObjectRef, ffi::Function) {
               RegisterOneMoreGrowerField();
               return ffi::String("leaf");
             }))
        .def(refl::type_attr::kHash, ffi::Function::FromTyped([](ffi::ObjectRef, ffi::Function) {
               RegisterOneMoreGrowerField();
               return int64_t{7};
             }))
        .def(refl::type_attr::kEq,
             ffi::Function::FromTyped([](ffi::ObjectRef, ffi::ObjectRef, ffi::Function) {
               RegisterOneMoreGrowerField();
               return true;
             }))
        .def(refl::type_attr::kCompare,
             ffi::Function::FromTyped([](ffi::ObjectRef, ffi::ObjectRef, ffi::Function) {
               RegisterOneMoreGrowerField();
               return int32_t{0};
             }))
        .def(refl::type_attr::kShallowCopy, ffi::Function::FromTyped([](ffi::ObjectRef self) {
               RegisterOneMoreGrowerField();
               return self;
             }));
  }
  // Each walk meets the leaf (its hook grows CppTestGrower's field list,
  // moving the arrays the walk was reading) and then reads `tail`.
  auto make = [](int64_t tail) {
    auto g = ffi::make_object<CppTestGrowerObj>();
    g->child = ffi::ObjectRef(ffi::make_object<Leaf>());
    g->tail = tail;
    return ffi::ObjectRef(std::move(g));
  };
  for (int round = 0; round < 8; ++round) {
    ffi::ObjectRef x = make(5), y = make(5), z = make(6);
    std::string text = std::string(ffi::ReprPrint(x));
    CHECK_TRUE(text.rfind("testing.CppTestGrower(child=leaf, tail=5", 0) == 0);
    ffi::RecursiveHash(x);  // (each call hashes a longer field list: no value to compare)
    CHECK_TRUE(ffi::RecursiveEq(x, y));
    CHECK_TRUE(!ffi::RecursiveEq(x, z));
    CHECK_EQ(ffi::RecursiveCompare(x, z), -1);
    ffi::Any copy = ffi::DeepCopy(x);
    CHECK_EQ(copy.cast<ffi::ObjectRef>().as<CppTestGrowerObj>()->tail, 5);
  }
}

/*! \brief Hooks that come back to `self` through the engine functions they are given. */
class CppTestSelfRecursiveObj : public ffi::Object {
 public:
  int64_t value = 0;
  explicit CppTestSelfRecursiveObj(int64_t v) : value(v) {}
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("testing.CppTestSelfRecursive", CppTestSelfRecursiveObj,
                                    ffi::Object);
};

void TestHooksRecursingIntoThemselvesEnd() {
  namespace refl = ffi::reflection;
  using Obj = CppTestSelfRecursiveObj;
  using ffi::Array;
  using ffi::Function;
  using ffi::ObjectRef;
  if (TVMFFIGetTypeInfo(Obj::RuntimeTypeIndex())->num_fields == 0) {
    refl::ObjectDef<Obj>().def_ro("value", &Obj::value);
    refl::TypeAttrDef<Obj>()
        .def(refl::type_attr::kHash, Function::FromTyped([](ObjectRef self, Function fn_hash) {
               return static_cast<int64_t>(
                   static_cast<uint64_t>(fn_hash(Array<ObjectRef>({self})).cast<int64_t>()) + 1);
             }))
        .def(refl::type_attr::kEq,
             Function::FromTyped([](ObjectRef l, ObjectRef r, Function fn_eq) {
               return fn_eq(Array<ObjectRef>({l}), Array<ObjectRef>({r})).cast<bool>();
             }))
        .def(refl::type_attr::kCompare,
             Function::FromTyped([](ObjectRef l, ObjectRef r, Function fn_cmp) {
               return fn_cmp(Array<ObjectRef>({l}), Array<ObjectRef>({r})).cast<int32_t>();
             }));
  }
  ObjectRef a(ffi::make_object<Obj>(1)), b(ffi::make_object<Obj>(2));
  // Each hook re-enters for the same object (pair): answered as a cycle.
  CHECK_EQ(ffi::RecursiveHash(a), ffi::RecursiveHash(b));  // the value is never looked at
  CHECK_TRUE(ffi::RecursiveEq(a, b));
  CHECK_EQ(ffi::RecursiveCompare(a, b), 0);
  CHECK_TRUE(ffi::RecursiveEq(Array<ObjectRef>({a, b}), Array<ObjectRef>({b, a})));
}

}  // namespace

TVM_FFI_STATIC_INIT_BLOCK() {
  tvm::ffi::reflection::GlobalDef()
      .def("testing.cpp_test.engines_see_late_fields", TestEnginesSeeLateFields)
      .def("testing.cpp_test.hooks_recursing_into_themselves_end",
           TestHooksRecursingIntoThemselvesEnd)
      .def("testing.cpp_test.engines_end_on_borrowed_self_cycles",
           TestEnginesEndOnBorrowedSelfCycles)
      .def("testing.cpp_test.engines_survive_fields_registered_by_hooks",
           TestEnginesSurviveFieldsRegisteredByHooks);
}
