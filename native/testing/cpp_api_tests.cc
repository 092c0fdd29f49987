/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file cpp_api_tests.cc
 * \brief Tests of the header-only C++ API, written in C++.
 *
 * Each test is a global function "testing.cpp_test.<name>" that throws an
 * AssertionError on failure; tests/test_cpp_api.py runs every one of them, so
 * the C++ layer is tested by the same `nox -s tests` run as the Python one.
 */
#include <tvm/ffi/extra/dataclass.h>
#include <tvm/ffi/tvm_ffi.h>

#include <string>
#include <utility>
#include <vector>

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

void TestTypedFunction() {
  // A string literal is viewed in place (no temporary String to outlive).
  ffi::AnyView literal("literal");
  CHECK_EQ(literal.type_index(), kTVMFFIRawStr);
  ffi::Function echo_str = ffi::Function::FromTyped([](std::string s) { return s; });
  CHECK_EQ(echo_str("a string literal longer than the small-string size").cast<std::string>(),
           "a string literal longer than the small-string size");
  ffi::Function add = ffi::Function::FromTyped([](int64_t a, int64_t b) { return a + b; }, "cpp.add");
  CHECK_EQ(add(1, 2).cast<int64_t>(), 3);
  CHECK_THROWS(add(1), "TypeError", "Expected 2 but got 1 arguments");
  CHECK_THROWS(add(1, "x"), "TypeError",
               "Mismatched type on argument #1 when calling: `cpp.add(0: int, 1: int) -> int`. "
               "Expected `int` but got `str`");
  ffi::Function concat = ffi::Function::FromTyped(
      [](ffi::String a, const std::string& b) { return a + b; }, "cpp.concat");
  CHECK_TRUE(concat("ab", std::string("cd")).cast<ffi::String>() == "abcd");
  ffi::Function packed = ffi::Function::FromPacked([](ffi::PackedArgs args, ffi::Any* rv) {
    *rv = static_cast<int64_t>(args.size());
  });
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
    CHECK_TRUE(e.backtrace().find("cpp_api_tests.cc") != std::string::npos);
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

void TestErrorCrossesCABI() {
  // A C++ throw inside a packed function becomes -1 + raised error at the C
  // boundary, and a thrown Error again for the C++ caller.
  ffi::Function f = ffi::Function::FromTyped([]() { TVM_FFI_THROW(KeyError) << "missing"; }, "f");
  TVMFFIAny result{};
  int rc = TVMFFIFunctionCall(const_cast<TVMFFIObject*>(
                                  reinterpret_cast<const TVMFFIObject*>(f.get())),
                              nullptr, 0, &result);
  CHECK_EQ(rc, -1);
  ffi::Error err = ffi::details::MoveFromRaised();
  CHECK_EQ(err.kind(), "KeyError");
  CHECK_EQ(err.message(), "missing");
  // Nothing is left raised afterwards.
  TVMFFIObject* none = nullptr;
  TVMFFIErrorMoveFromRaised(&none);
  CHECK_TRUE(none == nullptr);
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
  CHECK_EQ(TVMFFITypeGetOrAllocIndex(&evil, ffi::TypeIndex::kTVMFFIArray, ffi::TypeIndex::kTVMFFIObject,
                                     &index), -1);
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
  // Engines: an unassigned POD index is raw bits, never dereferenced.
  TVMFFIAny pod = ffi::details::NoneAny();
  pod.type_index = 5;
  pod.v_int64 = 0x10;
  ffi::AnyView view = ffi::AnyView::FromRaw(pod);
  CHECK_TRUE(!std::string(ffi::ReprPrint(view)).empty());
  CHECK_TRUE(ffi::RecursiveEq(view, view));
  // A blank allocator returning another type is refused before any field is written.
  using Obj = CppTestSelfRecursiveObj;
  TestHooksRecursingIntoThemselvesEnd();  // registers the type's fields
  static bool registered = false;
  if (!registered) {
    registered = true;
    refl::TypeAttrDef<Obj>().def(refl::type_attr::kNew,
                                 ffi::Function::FromTyped([]() { return ffi::String("not it"); }));
  }
  ffi::Function make = ffi::Function::GetGlobalRequired("ffi.MakeObjectFromPackedArgs");
  CHECK_THROWS(make("testing.CppTestSelfRecursive", "value", 1), "TypeError",
               "__ffi_new__ of `testing.CppTestSelfRecursive` must return a "
               "`testing.CppTestSelfRecursive`, got `str`");
}

void TestCallbackFromCpp(ffi::Function callback) {
  // Called from Python with a Python callable: C++ calls back into Python.
  CHECK_EQ(callback(20, 22).cast<int64_t>(), 42);
}

}  // namespace

TVM_FFI_STATIC_INIT_BLOCK() {
  namespace refl = ffi::reflection;
  refl::GlobalDef()
      .def("testing.cpp_test.object_refcount", TestObjectRefCount)
      .def("testing.cpp_test.object_types", TestObjectTypes)
      .def("testing.cpp_test.any_pod", TestAnyPOD)
      .def("testing.cpp_test.any_strings", TestAnyStrings)
      .def("testing.cpp_test.string_bytes", TestStringBytes)
      .def("testing.cpp_test.array", TestArray)
      .def("testing.cpp_test.list", TestList)
      .def("testing.cpp_test.map_dict", TestMapDict)
      .def("testing.cpp_test.map_numeric_keys_are_one_key", TestMapNumericKeysAreOneKey)
      .def("testing.cpp_test.optional", TestOptional)
      .def("testing.cpp_test.typed_function", TestTypedFunction)
      .def("testing.cpp_test.global_registry", TestGlobalRegistry)
      .def("testing.cpp_test.error_crosses_c_abi", TestErrorCrossesCABI)
      .def("testing.cpp_test.type_registry", TestTypeRegistry)
      .def("testing.cpp_test.engines_see_late_fields", TestEnginesSeeLateFields)
      .def("testing.cpp_test.c_api_rejects_bad_input", TestCApiRejectsBadInput)
      .def("testing.cpp_test.hooks_recursing_into_themselves_end", TestHooksRecursingIntoThemselvesEnd)
      .def("testing.cpp_test.engines_end_on_borrowed_self_cycles", TestEnginesEndOnBorrowedSelfCycles)
      .def("testing.cpp_test.engines_survive_fields_registered_by_hooks",
           TestEnginesSurviveFieldsRegisteredByHooks)
      .def("testing.cpp_callback_from_cpp", TestCallbackFromCpp)
      .def("testing.cpp_live_counted", []() { return g_live_counted; })
      .def("testing.make_counted", []() { return ffi::make_object<CountedObj>(); });
}
