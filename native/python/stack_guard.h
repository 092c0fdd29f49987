/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file stack_guard.h
 * \brief A real C stack-depth guard for the module's recursive paths.
 *
 * CPython's recursion limit counts frames, not bytes: with the limit raised
 * (sys.setrecursionlimit(10**6)), a nested-container conversion or a chain
 * of callbacks through C++ runs out of C stack long before the limit, and
 * the process dies. These paths ask how much stack the thread has left and
 * raise RecursionError instead when it runs low.
 */
#ifndef TVM_FFI_PY_STACK_GUARD_H_
#define TVM_FFI_PY_STACK_GUARD_H_

#include <Python.h>

namespace tvm_ffi_py {

/*!
 * \brief Whether the calling thread is close to the end of its C stack;
 * if so, a RecursionError naming `where` is set and true returned.
 */
bool StackExhausted(const char* where);

}  // namespace tvm_ffi_py

#endif  // TVM_FFI_PY_STACK_GUARD_H_
