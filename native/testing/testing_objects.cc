/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file testing_objects.cc
 * \brief Reflected C++ types under "testing.", with the reference system's
 *        type keys, fields and traits, so the same dataclass scenarios can
 *        be checked: constructors (explicit and generated), field traits,
 *        inheritance, copy, and the custom hooks of the dataclass engines.
 */
#include <tvm/ffi/tvm_ffi.h>

#include "checked_math.h"

namespace tvm {
namespace ffi {
namespace testing {

namespace refl = reflection;

class TestIntPairObj : public Object {
 public:
  int64_t a = 0;
  int64_t b = 0;
  // Default-constructible (as the reference's fixture is), so a JSON graph
  // can make a blank one through __ffi_new__ and fill in its fields.
  TestIntPairObj() = default;
  TestIntPairObj(int64_t a, int64_t b) : a(a), b(b) {}
  int64_t Sum() const { return CheckedAdd(a, b, "TestIntPair.sum"); }
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("testing.TestIntPair", TestIntPairObj, Object);
};

class TestObjectBase : public Object {
 public:
  int64_t v_i64 = 0;
  double v_f64 = 0;
  String v_str;
  int64_t AddI64(int64_t other) const { return CheckedAdd(v_i64, other, "add_i64"); }
  static constexpr bool _type_mutable = true;
  static constexpr uint32_t _type_child_slots = 1;
  TVM_FFI_DECLARE_OBJECT_INFO("testing.TestObjectBase", TestObjectBase, Object);
};

class TestObjectDerived : public TestObjectBase {
 public:
  Map<Any, Any> v_map;
  Array<Any> v_array;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("testing.TestObjectDerived", TestObjectDerived, TestObjectBase);
};

class TestObjectPtrHolder : public Object {
 public:
  ObjectPtr<TestObjectBase> value;
  ObjectPtr<TestObjectBase> optional_value;
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO("testing.TestObjectPtrHolder", TestObjectPtrHolder, Object);
};

class TestCxxClassBase : public Object {
 public:
  int64_t v_i64 = 0;
  int32_t v_i32 = 0;
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO("testing.TestCxxClassBase", TestCxxClassBase, Object);
};

class TestCxxClassDerived : public TestCxxClassBase {
 public:
  double v_f64 = 0;
  float v_f32 = 0;
  TVM_FFI_DECLARE_OBJECT_INFO("testing.TestCxxClassDerived", TestCxxClassDerived, TestCxxClassBase);
};

class TestCxxClassDerivedDerived : public TestCxxClassDerived {
 public:
  String v_str;
  bool v_bool = false;
  TVM_FFI_DECLARE_OBJECT_INFO("testing.TestCxxClassDerivedDerived", TestCxxClassDerivedDerived,
                              TestCxxClassDerived);
};

class TestCxxInitSubsetObj : public Object {
 public:
  int64_t required_field = 0;
  int64_t optional_field = -1;
  String note;
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO("testing.TestCxxInitSubset", TestCxxInitSubsetObj, Object);
};

class TestCxxKwOnlyObj : public Object {
 public:
  int64_t x = 0, y = 0, z = 0, w = 0;
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO("testing.TestCxxKwOnly", TestCxxKwOnlyObj, Object);
};

class TestCxxAutoInitObj : public Object {
 public:
  int64_t a = 0, b = 0, c = 0, d = 0;
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO("testing.TestCxxAutoInit", TestCxxAutoInitObj, Object);
};

class TestCxxAutoInitSimpleObj : public Object {
 public:
  int64_t x = 0, y = 0;
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO("testing.TestCxxAutoInitSimple", TestCxxAutoInitSimpleObj, Object);
};

class TestCxxAutoInitAllInitOffObj : public Object {
 public:
  int64_t x = 0, y = 0, z = 0;
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO("testing.TestCxxAutoInitAllInitOff", TestCxxAutoInitAllInitOffObj,
                              Object);
};

class TestCxxAutoInitKwOnlyDefaultsObj : public Object {
 public:
  int64_t p_required = 0, p_default = 0, k_required = 0, k_default = 0, hidden = 0;
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO("testing.TestCxxAutoInitKwOnlyDefaults",
                              TestCxxAutoInitKwOnlyDefaultsObj, Object);
};

class TestCxxAutoInitParentObj : public Object {
 public:
  int64_t parent_required = 0, parent_default = 0;
  static constexpr bool _type_mutable = true;
  static constexpr uint32_t _type_child_slots = 1;
  TVM_FFI_DECLARE_OBJECT_INFO("testing.TestCxxAutoInitParent", TestCxxAutoInitParentObj, Object);
};

class TestCxxAutoInitChildObj : public TestCxxAutoInitParentObj {
 public:
  int64_t child_required = 0, child_kw_only = 0;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("testing.TestCxxAutoInitChild", TestCxxAutoInitChildObj,
                                    TestCxxAutoInitParentObj);
};

class TestCxxNoAutoInitObj : public Object {
 public:
  int64_t x = 0, y = 0;
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO("testing.TestCxxNoAutoInit", TestCxxNoAutoInitObj, Object);
};

class TestDeepCopyEdgesObj : public Object {
 public:
  Any v_any;
  ObjectRef v_obj;
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO("testing.TestDeepCopyEdges", TestDeepCopyEdgesObj, Object);
};

// Copyable, but constructible only with its value: no blank allocator.
class TestExplicitCtorObj : public Object {
 public:
  int64_t value;
  explicit TestExplicitCtorObj(int64_t value) : value(value) {}
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("testing.TestExplicitCtor", TestExplicitCtorObj, Object);
};

class TestNonCopyable : public Object {
 public:
  int64_t value;
  explicit TestNonCopyable(int64_t value) : value(value) {}
  TestNonCopyable(const TestNonCopyable&) = delete;
  TestNonCopyable& operator=(const TestNonCopyable&) = delete;
  TVM_FFI_DECLARE_OBJECT_INFO("testing.TestNonCopyable", TestNonCopyable, Object);
};

/*!
 * \brief An immutable type whose `__ffi_shallow_copy__` returns the object
 * itself (not in the reference's fixtures): DeepCopy must share it and
 * never write into it.
 */
class TestCopiesAsSelf : public Object {
 public:
  ObjectRef child;
  explicit TestCopiesAsSelf(ObjectRef child) : child(std::move(child)) {}
  TestCopiesAsSelf(const TestCopiesAsSelf&) = delete;
  TestCopiesAsSelf& operator=(const TestCopiesAsSelf&) = delete;
  TVM_FFI_DECLARE_OBJECT_INFO("testing.TestCopiesAsSelf", TestCopiesAsSelf, Object);
};

/*!
 * \brief Not copyable in C++ and registering no `__ffi_shallow_copy__`
 * (not in the reference's fixtures): tests give it one written in Python,
 * which can run arbitrary code in the middle of a deep copy.
 */
class TestCopyByHook : public Object {
 public:
  int64_t value;
  explicit TestCopyByHook(int64_t value) : value(value) {}
  TestCopyByHook(const TestCopyByHook&) = delete;
  TestCopyByHook& operator=(const TestCopyByHook&) = delete;
  TVM_FFI_DECLARE_OBJECT_INFO("testing.TestCopyByHook", TestCopyByHook, Object);
};

/*! \brief Shape shared by the comparison/hash fixtures: key, text, an ignored int. */
#define TVM_FFI_TESTING_KEYED_OBJ(Cls, Key, TextField, ExtraField)          \
  class Cls : public Object {                                               \
   public:                                                                  \
    int64_t key = 0;                                                        \
    String TextField;                                                       \
    int64_t ExtraField = 0;                                                 \
    Cls() = default;                                                        \
    Cls(int64_t key, String text, int64_t extra)                            \
        : key(key), TextField(std::move(text)), ExtraField(extra) {}        \
    Cls(int64_t key, String text) : key(key), TextField(std::move(text)) {} \
    TVM_FFI_DECLARE_OBJECT_INFO_FINAL(Key, Cls, Object);                    \
  }

TVM_FFI_TESTING_KEYED_OBJ(TestCompareObj, "testing.TestCompare", name, ignored_field);
TVM_FFI_TESTING_KEYED_OBJ(TestHashObj, "testing.TestHash", name, hash_ignored);
TVM_FFI_TESTING_KEYED_OBJ(TestCustomHashObj, "testing.TestCustomHash", label, unused);
TVM_FFI_TESTING_KEYED_OBJ(TestCustomCompareObj, "testing.TestCustomCompare", label, unused);
TVM_FFI_TESTING_KEYED_OBJ(TestEqWithoutHashObj, "testing.TestEqWithoutHash", label, unused);
#undef TVM_FFI_TESTING_KEYED_OBJ

/*! \brief Registers `key` and `label` (read-only) with an explicit constructor. */
template <typename T>
void DefKeyLabel() {
  refl::ObjectDef<T>()
      .def(refl::init<int64_t, String>())
      .def_ro("key", &T::key)
      .def_ro("label", &T::label);
}

/*! \brief The key-only hooks the engine tests use. */
int64_t HashKeyOnly(const Object* self, const Function& fn_hash) {
  return fn_hash(static_cast<const TestCustomHashObj*>(self)->key).cast<int64_t>();
}

TVM_FFI_STATIC_INIT_BLOCK() {
  refl::ObjectDef<TestIntPairObj>()
      .def(refl::init<int64_t, int64_t>())
      .def_ro("a", &TestIntPairObj::a, "Field `a`")
      .def_ro("b", &TestIntPairObj::b, "Field `b`")
      .def("sum", &TestIntPairObj::Sum, "Method to compute sum of a and b");

  refl::ObjectDef<TestObjectBase>()
      .def_rw("v_i64", &TestObjectBase::v_i64, refl::default_(int64_t{10}), "i64 field")
      .def_ro("v_f64", &TestObjectBase::v_f64, refl::default_(10.0))
      .def_rw("v_str", &TestObjectBase::v_str, refl::default_("hello"))
      .def("add_i64", &TestObjectBase::AddI64, "add_i64 method");

  refl::ObjectDef<TestObjectDerived>()
      .def_rw("v_map", &TestObjectDerived::v_map)
      .def_rw("v_array", &TestObjectDerived::v_array);

  refl::ObjectDef<TestObjectPtrHolder>()
      .def_rw("value", &TestObjectPtrHolder::value)
      .def_rw("optional_value", &TestObjectPtrHolder::optional_value, refl::default_(nullptr));

  refl::ObjectDef<TestCxxClassBase>()
      .def_rw("v_i64", &TestCxxClassBase::v_i64, refl::repr(false))
      .def_rw("v_i32", &TestCxxClassBase::v_i32, refl::repr(false));

  refl::ObjectDef<TestCxxClassDerived>()
      .def_rw("v_f64", &TestCxxClassDerived::v_f64)
      .def_rw("v_f32", &TestCxxClassDerived::v_f32, refl::default_(8.0f));

  refl::ObjectDef<TestCxxClassDerivedDerived>()
      .def_rw("v_str", &TestCxxClassDerivedDerived::v_str, refl::default_(String("default")))
      .def_rw("v_bool", &TestCxxClassDerivedDerived::v_bool);

  refl::ObjectDef<TestCxxInitSubsetObj>()
      .def_rw("required_field", &TestCxxInitSubsetObj::required_field)
      .def_rw("optional_field", &TestCxxInitSubsetObj::optional_field, refl::init(false),
              refl::default_(int64_t{-1}))
      .def_rw("note", &TestCxxInitSubsetObj::note, refl::init(false), refl::default_("default"));

  refl::ObjectDef<TestCxxKwOnlyObj>()
      .def_rw("x", &TestCxxKwOnlyObj::x, refl::kw_only(true))
      .def_rw("y", &TestCxxKwOnlyObj::y, refl::kw_only(true))
      .def_rw("z", &TestCxxKwOnlyObj::z, refl::kw_only(true))
      .def_rw("w", &TestCxxKwOnlyObj::w, refl::kw_only(true), refl::default_(int64_t{100}));

  refl::ObjectDef<TestCxxAutoInitObj>()
      .def_rw("a", &TestCxxAutoInitObj::a)
      .def_rw("b", &TestCxxAutoInitObj::b, refl::init(false), refl::default_(int64_t{42}))
      .def_rw("c", &TestCxxAutoInitObj::c, refl::kw_only(true))
      .def_rw("d", &TestCxxAutoInitObj::d, refl::default_(int64_t{99}));

  refl::ObjectDef<TestCxxAutoInitSimpleObj>()
      .def_rw("x", &TestCxxAutoInitSimpleObj::x)
      .def_rw("y", &TestCxxAutoInitSimpleObj::y);

  refl::ObjectDef<TestCxxAutoInitAllInitOffObj>()
      .def_rw("x", &TestCxxAutoInitAllInitOffObj::x, refl::init(false), refl::default_(int64_t{7}))
      .def_rw("y", &TestCxxAutoInitAllInitOffObj::y, refl::init(false), refl::default_(int64_t{9}))
      .def_rw("z", &TestCxxAutoInitAllInitOffObj::z, refl::init(false));

  refl::ObjectDef<TestCxxAutoInitKwOnlyDefaultsObj>()
      .def_rw("p_required", &TestCxxAutoInitKwOnlyDefaultsObj::p_required)
      .def_rw("p_default", &TestCxxAutoInitKwOnlyDefaultsObj::p_default,
              refl::default_(int64_t{11}))
      .def_rw("k_required", &TestCxxAutoInitKwOnlyDefaultsObj::k_required, refl::kw_only(true))
      .def_rw("k_default", &TestCxxAutoInitKwOnlyDefaultsObj::k_default, refl::kw_only(true),
              refl::default_(int64_t{22}))
      .def_rw("hidden", &TestCxxAutoInitKwOnlyDefaultsObj::hidden, refl::init(false),
              refl::default_(int64_t{33}));

  refl::ObjectDef<TestCxxAutoInitParentObj>()
      .def_rw("parent_required", &TestCxxAutoInitParentObj::parent_required)
      .def_rw("parent_default", &TestCxxAutoInitParentObj::parent_default,
              refl::default_(int64_t{5}));

  refl::ObjectDef<TestCxxAutoInitChildObj>()
      .def_rw("child_required", &TestCxxAutoInitChildObj::child_required)
      .def_rw("child_kw_only", &TestCxxAutoInitChildObj::child_kw_only, refl::kw_only(true));

  refl::ObjectDef<TestCxxNoAutoInitObj>(refl::init(false))
      .def_rw("x", &TestCxxNoAutoInitObj::x)
      .def_rw("y", &TestCxxNoAutoInitObj::y);

  refl::ObjectDef<TestDeepCopyEdgesObj>()
      .def_rw("v_any", &TestDeepCopyEdgesObj::v_any)
      .def_rw("v_obj", &TestDeepCopyEdgesObj::v_obj);

  refl::ObjectDef<TestNonCopyable>()
      .def(refl::init<int64_t>())
      .def_ro("value", &TestNonCopyable::value);

  refl::ObjectDef<TestExplicitCtorObj>()
      .def(refl::init<int64_t>())
      .def_ro("value", &TestExplicitCtorObj::value);

  refl::ObjectDef<TestCopyByHook>()
      .def(refl::init<int64_t>())
      .def_ro("value", &TestCopyByHook::value);

  refl::ObjectDef<TestCopiesAsSelf>()
      .def(refl::init<ObjectRef>())
      .def_ro("child", &TestCopiesAsSelf::child);
  refl::TypeAttrDef<TestCopiesAsSelf>().def(
      refl::type_attr::kShallowCopy, Function::FromTyped([](ObjectRef self) { return self; }));

  refl::ObjectDef<TestCompareObj>()
      .def(refl::init<int64_t, String, int64_t>())
      .def_ro("key", &TestCompareObj::key)
      .def_ro("name", &TestCompareObj::name)
      .def_ro("ignored_field", &TestCompareObj::ignored_field, refl::compare(false));

  refl::ObjectDef<TestHashObj>()
      .def(refl::init<int64_t, String, int64_t>())
      .def_ro("key", &TestHashObj::key)
      .def_ro("name", &TestHashObj::name)
      .def_ro("hash_ignored", &TestHashObj::hash_ignored, refl::hash(false));

  DefKeyLabel<TestCustomHashObj>();
  DefKeyLabel<TestCustomCompareObj>();
  DefKeyLabel<TestEqWithoutHashObj>();

  // TestCustomHash: hashes only `key`.
  refl::TypeAttrDef<TestCustomHashObj>().def(refl::type_attr::kHash, HashKeyOnly);

  // TestCustomCompare: hash, eq and three-way compare all on `key` only.
  refl::TypeAttrDef<TestCustomCompareObj>()
      .def(refl::type_attr::kHash,
           [](const Object* self, const Function& fn_hash) -> int64_t {
             return fn_hash(static_cast<const TestCustomCompareObj*>(self)->key).cast<int64_t>();
           })
      .def(refl::type_attr::kEq,
           [](const Object* lhs, const Object* rhs, const Function& fn_eq) -> bool {
             return fn_eq(static_cast<const TestCustomCompareObj*>(lhs)->key,
                          static_cast<const TestCustomCompareObj*>(rhs)->key)
                 .cast<bool>();
           })
      .def(refl::type_attr::kCompare,
           [](const Object* lhs, const Object* rhs, const Function& fn_cmp) -> int32_t {
             return fn_cmp(static_cast<const TestCustomCompareObj*>(lhs)->key,
                           static_cast<const TestCustomCompareObj*>(rhs)->key)
                 .cast<int32_t>();
           });

  // TestEqWithoutHash: eq on `key` only and no hash hook, so it cannot be hashed.
  refl::TypeAttrDef<TestEqWithoutHashObj>().def(
      refl::type_attr::kEq,
      [](const Object* lhs, const Object* rhs, const Function& fn_eq) -> bool {
        return fn_eq(static_cast<const TestEqWithoutHashObj*>(lhs)->key,
                     static_cast<const TestEqWithoutHashObj*>(rhs)->key)
            .cast<bool>();
      });

  refl::GlobalDef()
      .def("testing.TestIntPairSum", [](const TestIntPairObj* p) { return p->Sum(); })
      .def("testing.make_object_ptr_holder", [](ObjectPtr<TestObjectBase> value) {
        auto holder = make_object<TestObjectPtrHolder>();
        holder->value = value;
        return holder;
      });
}

}  // namespace testing
}  // namespace ffi
}  // namespace tvm
