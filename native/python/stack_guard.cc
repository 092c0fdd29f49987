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

#if defined(__SANITIZE_ADDRESS__)
constexpr size_t kReserve = 1 << 20;  // instrumented frames are several times larger
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr size_t kReserve = 1 << 20;
#else
constexpr size_t kReserve = 256 << 10;
#endif
#else
constexpr size_t kReserve = 256 << 10;
#endif

/*!
 * \brief The lowest address this thread may grow its stack to before we
 * refuse to go deeper (the stack grows down on every platform we build
 * for), or 0 when it cannot be told (no guard then).
 */
uintptr_t FindStackLimit() {
#if defined(__linux__)
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) != 0) return 0;
  void* low = nullptr;
  size_t size = 0;
  int rc = pthread_attr_getstack(&attr, &low, &size);
  pthread_attr_destroy(&attr);
  if (rc != 0 || low == nullptr) return 0;
#elif defined(__APPLE__)
  auto* high = static_cast<char*>(pthread_get_stackaddr_np(pthread_self()));
  size_t size = pthread_get_stacksize_np(pthread_self());
  void* low = high - size;
#else
  return 0;
  void* low = nullptr;
  size_t size = 0;
#endif
  // A thread with a small stack keeps a quarter of it rather than refusing all.
  size_t reserve = kReserve < size / 4 ? kReserve : size / 4;
  return reinterpret_cast<uintptr_t>(low) + reserve;
}

thread_local uintptr_t t_stack_limit = 1;  // 1: not looked up yet

}  // namespace

bool StackExhausted(const char* where) {
  if (t_stack_limit == 1) t_stack_limit = FindStackLimit();
  auto here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  if (here >= t_stack_limit) return false;
  PyErr_Format(PyExc_RecursionError,
               "maximum recursion depth exceeded%s (the C stack is nearly exhausted)", where);
  return true;
}

}  // namespace tvm_ffi_py
