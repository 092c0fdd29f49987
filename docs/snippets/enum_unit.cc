// Copyright (c) 2026 The tvm-ffi-nb authors.
// SPDX-License-Identifier: Apache-2.0
// An enum declared in C++, with an extensible attribute: compiled and run by
// tests/test_docs_snippets.py (with enum_unit.py).
#include <tvm/ffi/tvm_ffi.h>

namespace ffi = tvm::ffi;
namespace refl = tvm::ffi::reflection;

// Every variant is a frozen singleton of this type; `per_metre` is a
// declared field (a default here), `symbol` an attribute added later.
class UnitObj : public ffi::EnumObj {
 public:
  double per_metre = 1.0;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("docs.Unit", UnitObj, ffi::EnumObj);
};

TVM_FFI_STATIC_INIT_BLOCK() {
  // Variants are never built by callers: no generated constructor.
  refl::ObjectDef<UnitObj>(refl::init(false)).def_ro("per_metre", &UnitObj::per_metre);
  refl::EnumDef<UnitObj>("metre").set_attr("symbol", ffi::String("m"));
  refl::EnumDef<UnitObj>("inch").set_attr("symbol", ffi::String("in"));
  refl::GlobalDef().def("docs.unit", [](const ffi::String& name) {
    return ffi::EnumObj::Get<UnitObj>(name);  // the registered singleton
  });
}
