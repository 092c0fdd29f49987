/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file run_native_tests.cc
 * \brief The standalone runner of the C++ API tests: no Python in the
 *        process, so a sanitizer build can run it with LeakSanitizer on and
 *        any leak in the core library fails it (nox -s sanitize).
 *
 * The tests are the ones tests/test_cpp_api.py runs: every global function
 * named "testing.cpp_test.<name>", registered by libtvm_ffi_testing's
 * static initialisers (linked in, so they have run before main). The
 * registry is the one list of tests; this file and pytest only read it.
 *
 * Each test runs twice, and the second run must leave the core library's
 * count of live objects (TVMFFIObjectLiveCount) where it found it: the
 * first may register types and hooks that live until exit, a repeat has
 * nothing left to register. So a test that loses an object fails in any
 * build, not only under LeakSanitizer.
 *
 * Usage: tvm_ffi_native_tests [--list] [SUBSTRING...]; with substrings, only
 * the tests whose name contains one of them run. Exit status 0 when every
 * test passed, 1 when one failed, 2 on bad usage or when no test matched.
 */
#include <tvm/ffi/tvm_ffi.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

namespace {

constexpr const char* kTestPrefix = "testing.cpp_test.";

/*! \brief The registered tests, sorted, that match one of `filters` (all if none). */
std::vector<std::string> SelectTests(const std::vector<std::string>& filters) {
  std::vector<std::string> names;
  for (const tvm::ffi::String& name : tvm::ffi::Function::ListGlobalNames()) {
    std::string text(name);
    if (text.rfind(kTestPrefix, 0) != 0) continue;
    bool wanted = filters.empty() ||
                  std::any_of(filters.begin(), filters.end(), [&](const std::string& part) {
                    return text.find(part) != std::string::npos;
                  });
    if (wanted) names.push_back(text);
  }
  std::sort(names.begin(), names.end());
  return names;
}

/*! \brief Runs one test; an empty string when it passed, else why it failed. */
std::string RunOne(const std::string& name) {
  try {
    tvm::ffi::Function::GetGlobalRequired(name)();
    return "";
  } catch (const tvm::ffi::Error& err) {
    return std::string(err.what()) + "\n" + err.backtrace();
  } catch (const std::exception& err) {
    return std::string("std::exception: ") + err.what();
  }
}

}  // namespace

int main(int argc, char** argv) {
  // A leak report ends the process with _exit, after main: what was
  // printed must not sit in a buffer then.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  bool list_only = false;
  std::vector<std::string> filters;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--list") {
      list_only = true;
    } else if (!arg.empty() && arg[0] == '-') {
      std::fprintf(stderr, "usage: %s [--list] [SUBSTRING...]\n", argv[0]);
      return 2;
    } else {
      filters.push_back(arg);
    }
  }
  std::vector<std::string> names = SelectTests(filters);
  if (names.empty()) {
    std::fprintf(stderr, "no test named %s* matches\n", kTestPrefix);
    return 2;
  }
  if (list_only) {
    for (const std::string& name : names) std::printf("%s\n", name.c_str());
    return 0;
  }
  int failed = 0;
  for (const std::string& name : names) {
    std::string failure = RunOne(name);
    if (failure.empty()) {
      int64_t before = TVMFFIObjectLiveCount();
      failure = RunOne(name);
      int64_t kept = TVMFFIObjectLiveCount() - before;
      if (failure.empty() && kept != 0) {
        failure = "its second run left " + std::to_string(kept) + " more live native object(s)";
      }
    }
    if (failure.empty()) {
      std::printf("PASS %s\n", name.c_str());
    } else {
      ++failed;
      std::printf("FAIL %s\n%s\n", name.c_str(), failure.c_str());
    }
  }
  std::printf("%zu passed, %d failed\n", names.size() - failed, failed);
  return failed == 0 ? 0 : 1;
}
