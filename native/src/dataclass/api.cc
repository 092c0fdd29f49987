/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file api.cc
 * \brief The engines' C ABI and their global functions under the reference
 *        system's names (ffi.ReprPrint, ffi.RecursiveHash, ffi.RecursiveEq,
 *        ffi.RecursiveLt/Le/Gt/Ge, ffi.DeepCopy).
 */
#include "graph.h"

using namespace tvm::ffi;

extern "C" {

int TVMFFIReprPrint(const TVMFFIAny* value, TVMFFIAny* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  *out = Any(String(dataclass::Repr(*value))).ReleaseRaw();
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIRecursiveHash(const TVMFFIAny* value, int64_t* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  *out = dataclass::Hash(*value);
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIValueHash(const TVMFFIAny* value, int64_t* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  *out = dataclass::ValueHash(*value);
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIRecursiveEq(const TVMFFIAny* lhs, const TVMFFIAny* rhs, int32_t* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  *out = dataclass::Equal(*lhs, *rhs) ? 1 : 0;
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIRecursiveCompare(const TVMFFIAny* lhs, const TVMFFIAny* rhs, int32_t* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  *out = dataclass::Compare(*lhs, *rhs);
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIDeepCopy(const TVMFFIAny* value, TVMFFIAny* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  *out = dataclass::DeepCopyValue(*value).ReleaseRaw();
  TVM_FFI_SAFE_CALL_END();
}

}  // extern "C"

TVM_FFI_STATIC_INIT_BLOCK() {
  namespace dc = dataclass;
  reflection::GlobalDef()
      .def("ffi.ReprPrint", [](AnyView v) { return String(dc::Repr(*v.raw())); })
      .def("ffi.RecursiveHash", [](AnyView v) { return dc::Hash(*v.raw()); })
      .def("ffi.RecursiveEq", [](AnyView a, AnyView b) { return dc::Equal(*a.raw(), *b.raw()); })
      .def("ffi.RecursiveCompare",
           [](AnyView a, AnyView b) { return dc::Compare(*a.raw(), *b.raw()); })
      .def("ffi.RecursiveLt",
           [](AnyView a, AnyView b) { return dc::Compare(*a.raw(), *b.raw()) < 0; })
      .def("ffi.RecursiveLe",
           [](AnyView a, AnyView b) { return dc::Compare(*a.raw(), *b.raw()) <= 0; })
      .def("ffi.RecursiveGt",
           [](AnyView a, AnyView b) { return dc::Compare(*a.raw(), *b.raw()) > 0; })
      .def("ffi.RecursiveGe",
           [](AnyView a, AnyView b) { return dc::Compare(*a.raw(), *b.raw()) >= 0; })
      .def("ffi.DeepCopy", [](AnyView v) { return dc::DeepCopyValue(*v.raw()); });
  // The containers' shallow copy, under the same type attribute as a
  // reflected type's (copy.copy and user code find it the same way).
  for (int32_t index : {kTVMFFIArray, kTVMFFIList, kTVMFFIMap, kTVMFFIDict}) {
    reflection::details::RegisterTypeAttr(
        index, reflection::type_attr::kShallowCopy,
        Function::FromTyped(
            [](ObjectRef self) {
              return dc::ShallowCopyContainer(details::ObjectUnsafe::GetHeader(self.get()));
            },
            details::TypeIndexToKey(index) + ".__ffi_shallow_copy__"));
  }
}
