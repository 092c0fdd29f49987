// Copyright (c) 2026 The tvm-ffi-nb authors.
// SPDX-License-Identifier: Apache-2.0
// A reflected C++ type, a global function and an exported function:
// compiled and run by tests/test_docs_snippets.py (with first_type.py).
#include <tvm/ffi/tvm_ffi.h>

namespace ffi = tvm::ffi;
namespace refl = tvm::ffi::reflection;

// The object: a header (from ffi::Object) followed by plain members.
class Vec2Obj : public ffi::Object {
 public:
  double x = 0;
  double y = 0;
  ffi::String label;

  double Norm2() const { return x * x + y * y; }

  // Fields may be written from Python (def_rw) only if the type says so.
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("docs.Vec2", Vec2Obj, ffi::Object);
};

// Runs when the library is loaded: the type, its fields and method, and a
// global function join the process-wide registry.
TVM_FFI_STATIC_INIT_BLOCK() {
  refl::ObjectDef<Vec2Obj>()
      .def_rw("x", &Vec2Obj::x)
      .def_rw("y", &Vec2Obj::y, refl::default_(0.0))
      .def_rw("label", &Vec2Obj::label, refl::default_(ffi::String("v")), refl::kw_only(true))
      .def("norm2", &Vec2Obj::Norm2);
  refl::GlobalDef().def("docs.vec2_sum", [](const Vec2Obj* a, const Vec2Obj* b) {
    ffi::ObjectPtr<Vec2Obj> out = ffi::make_object<Vec2Obj>();
    out->x = a->x + b->x;
    out->y = a->y + b->y;
    out->label = a->label;
    return ffi::ObjectRef(std::move(out));
  });
}

// A plain function, exported by name for tvm_ffi.load_module(...).add.
int64_t Add(int64_t a, int64_t b) { return a + b; }
TVM_FFI_DLL_EXPORT_TYPED_FUNC(add, Add);
