/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file my_plugin.cc
 * \brief An example plugin: a reflected type with field traits, an enum with
 *        an extensible attribute, global functions and an exported function.
 */
#include <tvm/ffi/tvm_ffi.h>

namespace ffi = tvm::ffi;
namespace refl = tvm::ffi::reflection;

namespace my_plugin {

/*! \brief A 2-D vector; `label` has a default and is keyword-only. */
class Vec2Obj : public ffi::Object {
 public:
  double x = 0;
  double y = 0;
  ffi::String label;

  double Norm2() const { return x * x + y * y; }

  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("my_plugin.Vec2", Vec2Obj, ffi::Object);
};

/*! \brief The units a length can be given in; `per_metre` is a declared field. */
class UnitObj : public ffi::EnumObj {
 public:
  double per_metre = 1.0;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("my_plugin.Unit", UnitObj, ffi::EnumObj);
};

/*!
 * \brief A reference to a Unit variant: functions declared with it are typed
 * `Unit` in the generated Python module (a bare ffi::Enum would be `Enum`).
 */
class Unit : public ffi::Enum {
 public:
  TVM_FFI_DEFINE_OBJECT_REF_METHODS_NULLABLE(Unit, ffi::Enum, UnitObj);
};

int64_t CountChars(const ffi::String& text) { return static_cast<int64_t>(text.size()); }

TVM_FFI_STATIC_INIT_BLOCK() {
  refl::ObjectDef<Vec2Obj>()
      .def_rw("x", &Vec2Obj::x)
      .def_rw("y", &Vec2Obj::y)
      .def_rw("label", &Vec2Obj::label, refl::default_(ffi::String("v")), refl::kw_only(true))
      .def("norm2", &Vec2Obj::Norm2);
  refl::ObjectDef<UnitObj>(refl::init(false)).def_ro("per_metre", &UnitObj::per_metre);
  refl::EnumDef<UnitObj>("metre").set_attr("symbol", ffi::String("m"));
  refl::EnumDef<UnitObj>("inch").set_attr("symbol", ffi::String("in"));
  refl::GlobalDef()
      // Declared types are what the generated module's signatures say:
      // `scale(arg0: Vec2, arg1: float, /) -> Vec2`.
      .def("my_plugin.scale",
           [](const ffi::ObjectPtr<Vec2Obj>& v, double k) {
             if (v == nullptr)
               TVM_FFI_THROW(TypeError) << "scale: expected a my_plugin.Vec2, got None";
             auto out = ffi::make_object<Vec2Obj>(*v);
             out->x *= k;
             out->y *= k;
             return out;
           })
      .def("my_plugin.unit", [](const ffi::String& name) {
        ffi::Enum variant = ffi::EnumObj::Get<UnitObj>(name);
        return ffi::GetRef<Unit, ffi::Enum>(static_cast<const UnitObj*>(variant.get()));
      });
}

}  // namespace my_plugin

TVM_FFI_DLL_EXPORT_TYPED_FUNC(count_chars, my_plugin::CountChars);
