/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file tvm/ffi/extra/dataclass.h
 * \brief The dataclass engines over whole object graphs: DeepCopy, ReprPrint,
 *        RecursiveHash, RecursiveEq and the ordering family.
 *
 * Implemented once in the core library over the registry's reflection data,
 * so C++ types, Python-defined types and plugin types are handled alike.
 * All of them are iterative (no recursion on the C++ stack), cycle aware and
 * DAG aware; per-type hooks registered as type attributes replace the
 * default for their type while the engine keeps recursing for the rest:
 *
 *   __ffi_repr__    (const Object* self, Function fn_repr) -> String
 *   __ffi_hash__    (const Object* self, Function fn_hash) -> int64_t
 *   __ffi_eq__      (const Object* lhs, const Object* rhs, Function fn_eq) -> bool
 *   __ffi_compare__ (const Object* lhs, const Object* rhs, Function fn_cmp) -> int32_t
 */
#ifndef TVM_FFI_EXTRA_DATACLASS_H_
#define TVM_FFI_EXTRA_DATACLASS_H_

#include <tvm/ffi/any.h>
#include <tvm/ffi/string.h>

namespace tvm {
namespace ffi {

/*! \brief A deep copy of `value` (immutable leaves are shared). */
inline Any DeepCopy(const AnyView& value) {
  TVMFFIAny out;
  TVM_FFI_CHECK_SAFE_CALL(TVMFFIDeepCopy(value.raw(), &out));
  return Any::FromRawOwned(out);
}

/*! \brief `type_key(field=value, ...)`, lists `[...]`, arrays `(...)`, maps `{k: v}`. */
inline String ReprPrint(const AnyView& value) {
  TVMFFIAny out;
  TVM_FFI_CHECK_SAFE_CALL(TVMFFIReprPrint(value.raw(), &out));
  return Any::FromRawOwned(out).cast<String>();
}

/*! \brief A structural hash: RecursiveEq(a, b) implies equal hashes. */
inline int64_t RecursiveHash(const AnyView& value) {
  int64_t out = 0;
  TVM_FFI_CHECK_SAFE_CALL(TVMFFIRecursiveHash(value.raw(), &out));
  return out;
}

/*! \brief Structural equality. */
inline bool RecursiveEq(const AnyView& lhs, const AnyView& rhs) {
  int32_t out = 0;
  TVM_FFI_CHECK_SAFE_CALL(TVMFFIRecursiveEq(lhs.raw(), rhs.raw(), &out));
  return out != 0;
}

/*! \brief Three-way comparison: negative, zero or positive. */
inline int32_t RecursiveCompare(const AnyView& lhs, const AnyView& rhs) {
  int32_t out = 0;
  TVM_FFI_CHECK_SAFE_CALL(TVMFFIRecursiveCompare(lhs.raw(), rhs.raw(), &out));
  return out;
}

inline bool RecursiveLt(const AnyView& lhs, const AnyView& rhs) {
  return RecursiveCompare(lhs, rhs) < 0;
}
inline bool RecursiveLe(const AnyView& lhs, const AnyView& rhs) {
  return RecursiveCompare(lhs, rhs) <= 0;
}
inline bool RecursiveGt(const AnyView& lhs, const AnyView& rhs) {
  return RecursiveCompare(lhs, rhs) > 0;
}
inline bool RecursiveGe(const AnyView& lhs, const AnyView& rhs) {
  return RecursiveCompare(lhs, rhs) >= 0;
}

}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_EXTRA_DATACLASS_H_
