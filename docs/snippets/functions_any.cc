// Copyright (c) 2026 The tvm-ffi-nb authors.
// SPDX-License-Identifier: Apache-2.0
// Any, containers, callbacks and errors from C++: compiled and run by
// tests/test_docs_snippets.py (with functions_any.py).
#include <tvm/ffi/tvm_ffi.h>

#include <cmath>
#include <string>

namespace ffi = tvm::ffi;
namespace refl = tvm::ffi::reflection;

// One Any holds any value; cast<T>() checks and converts (an int is a
// valid double), try_cast<T>() returns an empty optional instead of throwing.
ffi::String Describe(ffi::Any value) {
  if (auto i = value.try_cast<int64_t>()) return "int " + std::to_string(*i);
  if (auto s = value.try_cast<ffi::String>()) return "str " + std::string(*s);
  if (auto a = value.try_cast<ffi::Array<ffi::Any>>()) {
    return "array of " + std::to_string(a->size());
  }
  return "something else";
}

// A Python list arrives as an Array; a typed Array's elements are checked
// (and converted: an int is a valid double) as the argument is converted.
double Total(const ffi::Array<double>& xs) {
  double sum = 0;
  for (double x : xs) sum += x;
  return sum;
}

// A Dict is shared: a change made here is seen by the Python caller. An
// untyped Dict<Any, Any> is the caller's own object; a typed parameter such
// as Dict<String, int64_t> is checked item by item and may be a converted
// copy (short strings are stored inline, not as String objects).
void Count(ffi::Dict<ffi::Any, ffi::Any> counts, const ffi::String& word) {
  int64_t n = counts.count(word) ? counts.at(word).cast<int64_t>() : 0;
  counts.Set(word, n + 1);
}

// A Python callable arrives as a Function; an error it raises comes back
// here as a thrown ffi::Error with the same kind.
ffi::String CallTwice(const ffi::Function& f, int64_t x) {
  try {
    int64_t once = f(x).cast<int64_t>();
    return std::to_string(f(once).cast<int64_t>());
  } catch (const ffi::Error& err) {
    return "caught " + std::string(err.kind());
  }
}

TVM_FFI_STATIC_INIT_BLOCK() {
  refl::GlobalDef()
      .def("docs.describe", Describe)
      .def("docs.total", Total)
      .def("docs.count", Count)
      .def("docs.call_twice", CallTwice)
      .def("docs.checked_sqrt", [](double x) {
        // The kind names the Python exception class the caller sees.
        if (x < 0) TVM_FFI_THROW(ValueError) << "checked_sqrt: " << x << " is negative";
        return std::sqrt(x);
      });
}
