/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file checked_math.h
 * \brief int64 arithmetic for the testing fixtures that raises OverflowError
 *        instead of wrapping (signed overflow is undefined behaviour).
 */
#ifndef TVM_FFI_TESTING_CHECKED_MATH_H_
#define TVM_FFI_TESTING_CHECKED_MATH_H_

#include <tvm/ffi/error.h>

#include <cstdint>

namespace tvm {
namespace ffi {
namespace testing {

/*! \brief `a + b`, or OverflowError naming `what` when it does not fit in int64. */
inline int64_t CheckedAdd(int64_t a, int64_t b, const char* what) {
  int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out)) {
    TVM_FFI_THROW(OverflowError) << what << ": " << a << " + " << b << " overflows int64";
  }
  return out;
}

}  // namespace testing
}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_TESTING_CHECKED_MATH_H_
