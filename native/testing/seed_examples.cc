/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file seed_examples.cc
 * \brief The C++ examples of the dataclass-reflection specification, as
 *        written there (under "my_ext."), so they are compiled by every build
 *        and their documented behaviour is tested from Python
 *        (tests/test_seed_examples.py).
 */
#include <tvm/ffi/tvm_ffi.h>

namespace ffi = tvm::ffi;

namespace seed_examples {

using ffi::AnyView;
using ffi::Function;
using ffi::Object;
using ffi::String;

// Quick start.
class PointObj : public ffi::Object {
 public:
  int64_t x;
  int64_t y;
  ffi::String label;

  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("my_ext.Point", PointObj, ffi::Object);
};

// Field traits for init.
class ConfigObj : public ffi::Object {
 public:
  int64_t batch_size;
  double lr;
  ffi::String device;
  ffi::Dict<ffi::Any, ffi::Any> _cache;

  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("my_ext.Config", ConfigObj, ffi::Object);
};

// Suppressing auto-init.
class InternalObj : public ffi::Object {
 public:
  int64_t x;
  int64_t y;

  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("my_ext.Internal", InternalObj, ffi::Object);
};

// Explicit constructors.
class IntPairObj : public ffi::Object {
 public:
  int64_t a;
  int64_t b;
  IntPairObj(int64_t a, int64_t b) : a(a), b(b) {}
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("my_ext.IntPair", IntPairObj, ffi::Object);
};

// Inheritance.
class ParentObj : public ffi::Object {
 public:
  int64_t parent_required;
  int64_t parent_default;

  static constexpr bool _type_mutable = true;
  static constexpr uint32_t _type_child_slots = 1;
  TVM_FFI_DECLARE_OBJECT_INFO("my_ext.Parent", ParentObj, ffi::Object);
};

class ChildObj : public ParentObj {
 public:
  int64_t child_required;
  int64_t child_kw_only;

  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("my_ext.Child", ChildObj, ParentObj);
};

// Custom hooks.
class MyObj : public ffi::Object {
 public:
  int64_t key;
  ffi::String note;
  MyObj(int64_t key, ffi::String note) : key(key), note(std::move(note)) {}
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("my_ext.MyObj", MyObj, ffi::Object);
};

TVM_FFI_STATIC_INIT_BLOCK() {
  namespace refl = ffi::reflection;
  refl::ObjectDef<PointObj>()
      .def_rw("x", &PointObj::x)
      .def_rw("y", &PointObj::y)
      .def_rw("label", &PointObj::label, refl::default_(""));

  refl::ObjectDef<ConfigObj>()
      .def_rw("batch_size", &ConfigObj::batch_size)
      .def_rw("lr", &ConfigObj::lr, refl::default_(0.001))
      .def_rw("device", &ConfigObj::device, refl::kw_only(true), refl::default_("cpu"))
      .def_rw("_cache", &ConfigObj::_cache, refl::init(false),
              refl::default_factory([] { return ffi::Dict(); }));

  refl::ObjectDef<InternalObj>(refl::init(false))
      .def_rw("x", &InternalObj::x)
      .def_rw("y", &InternalObj::y);

  refl::ObjectDef<IntPairObj>()
      .def(refl::init<int64_t, int64_t>())
      .def_ro("a", &IntPairObj::a)
      .def_ro("b", &IntPairObj::b);

  refl::ObjectDef<ParentObj>()
      .def_rw("parent_required", &ParentObj::parent_required)
      .def_rw("parent_default", &ParentObj::parent_default, refl::default_(int64_t{5}));

  refl::ObjectDef<ChildObj>()
      .def_rw("child_required", &ChildObj::child_required)
      .def_rw("child_kw_only", &ChildObj::child_kw_only, refl::kw_only(true));

  refl::ObjectDef<MyObj>()
      .def(refl::init<int64_t, ffi::String>())
      .def_ro("key", &MyObj::key)
      .def_ro("note", &MyObj::note, refl::repr(false), refl::hash(false), refl::compare(false));

  // The four hooks, as the specification writes them.
  refl::TypeAttrDef<MyObj>().def(refl::type_attr::kHash,
                                 [](const Object* self, const Function& fn_hash) -> int64_t {
                                   auto* obj = static_cast<const MyObj*>(self);
                                   return fn_hash(AnyView(obj->key)).cast<int64_t>();
                                 });
  refl::TypeAttrDef<MyObj>().def(
      refl::type_attr::kEq,
      [](const Object* lhs, const Object* rhs, const Function& fn_eq) -> bool {
        auto* a = static_cast<const MyObj*>(lhs);
        auto* b = static_cast<const MyObj*>(rhs);
        return fn_eq(AnyView(a->key), AnyView(b->key)).cast<bool>();
      });
  refl::TypeAttrDef<MyObj>().def(
      refl::type_attr::kCompare,
      [](const Object* lhs, const Object* rhs, const Function& fn_cmp) -> int32_t {
        auto* a = static_cast<const MyObj*>(lhs);
        auto* b = static_cast<const MyObj*>(rhs);
        return fn_cmp(AnyView(a->key), AnyView(b->key)).cast<int32_t>();
      });
  refl::TypeAttrDef<MyObj>().def(
      refl::type_attr::kRepr, [](const Object* self, const Function& fn_repr) -> String {
        auto* obj = static_cast<const MyObj*>(self);
        return "MyObj(key=" + fn_repr(AnyView(obj->key)).cast<String>() + ")";
      });

  // The dataclass operations, from C++ (extra/dataclass.h).
  refl::GlobalDef().def("my_ext.dataclass_ops", [](ffi::Any value) {
    ffi::Any copy = ffi::DeepCopy(value);
    ffi::String repr = ffi::ReprPrint(value);
    int64_t h = ffi::RecursiveHash(value);
    bool eq = ffi::RecursiveEq(value, copy);
    return ffi::Array<ffi::Any>{ffi::Any(repr), ffi::Any(h == ffi::RecursiveHash(copy)),
                                ffi::Any(eq), copy};
  });
}

}  // namespace seed_examples
