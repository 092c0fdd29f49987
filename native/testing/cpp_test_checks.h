/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file cpp_test_checks.h
 * \brief The checks of the C++ API tests (testing.cpp_test.*): each throws
 *        an AssertionError naming the failed check, which pytest or the
 *        standalone runner (runner/run_native_tests.cc) reports.
 */
#ifndef TVM_FFI_TESTING_CPP_TEST_CHECKS_H_
#define TVM_FFI_TESTING_CPP_TEST_CHECKS_H_

#include <tvm/ffi/error.h>

#include <string>

#define CHECK_TRUE(cond)                                                  \
  do {                                                                    \
    if (!(cond)) TVM_FFI_THROW(AssertionError) << "check failed: " #cond; \
  } while (0)

#define CHECK_EQ(a, b)                                                \
  do {                                                                \
    if (!((a) == (b))) {                                              \
      TVM_FFI_THROW(AssertionError) << "check failed: " #a " == " #b; \
    }                                                                 \
  } while (0)

/*! \brief Expects `stmt` to throw an Error of `kind` whose message contains `part`. */
#define CHECK_THROWS(stmt, want_kind, want_part)                                          \
  do {                                                                                    \
    bool thrown_ = false;                                                                 \
    try {                                                                                 \
      stmt;                                                                               \
    } catch (const ::tvm::ffi::Error& err_) {                                             \
      thrown_ = true;                                                                     \
      if (err_.kind() != (want_kind)) {                                                   \
        TVM_FFI_THROW(AssertionError)                                                     \
            << #stmt " raised " << err_.kind() << ", not " << (want_kind);                \
      }                                                                                   \
      if (err_.message().find(want_part) == std::string::npos) {                          \
        TVM_FFI_THROW(AssertionError)                                                     \
            << #stmt " message `" << err_.message() << "` lacks `" << (want_part) << "`"; \
      }                                                                                   \
    }                                                                                     \
    if (!thrown_) TVM_FFI_THROW(AssertionError) << #stmt " did not throw";                \
  } while (0)

#endif  // TVM_FFI_TESTING_CPP_TEST_CHECKS_H_
