/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file stack_guard.cc
 * \brief Where this thread's C stack ends, found once per thread.
 */
#include "stack_guard.h"

#include <cstddef>
#include <cstdint>

#if defined(__linux__) || defined(__APPLE__)
#include <pthread.h>
#endif

namespace tvm_ffi_py {
namespace {

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TVM_FFI_PY_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(TVM_FFI_PY_ASAN)
constexpr size_t kReserve = 1 << 20;  // instrumented frames are several times larger
#else
constexpr size_t kReserve = 256 << 10;
#endif

/*!
 * \brief The lowest address of this thread's stack, and the one below which
 * we refuse to go deeper; both 0 when it cannot be told (no guard then).
 */
struct StackBounds {
  uintptr_t low = 0, limit = 0;
};

StackBounds FindStackBounds() {
  StackBounds b;
#if defined(__linux__)
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return b;
  void* low = nullptr;
  size_t size = 0;
  int rc = pthread_attr_getstack(&attr, &low, &size);
  pthread_attr_destroy(&attr);
  if (rc != 0 || low == nullptr) return b;
#elif defined(__APPLE__)
  auto* high = static_cast<char*>(pthread_get_stackaddr_np(pthread_self()));
  size_t size = pthread_get_stacksize_np(pthread_self());
  void* low = high - size;
#else
  void* low = nullptr;
  size_t size = 0;
  return b;
#endif
  // A thread with a small stack keeps a quarter of it rather than refusing all.
  size_t reserve = kReserve < size / 4 ? kReserve : size / 4;
  b.low = reinterpret_cast<uintptr_t>(low);
  b.limit = b.low + reserve;
  return b;
}

thread_local bool t_bounds_known = false;
thread_local StackBounds t_bounds;

}  // namespace

bool StackExhausted(const char* where) {
  if (!t_bounds_known) {
    t_bounds = FindStackBounds();
    t_bounds_known = true;
  }
  auto here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  // Outside the thread's stack (a sanitizer's fake frame, an alternate
  // signal stack): nothing can be told, so nothing is refused.
  if (here >= t_bounds.limit || here < t_bounds.low) return false;
  PyErr_Format(PyExc_RecursionError,
               "maximum recursion depth exceeded%s (the C stack is nearly exhausted)", where);
  return true;
}

}  // namespace tvm_ffi_py
