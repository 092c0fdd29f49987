/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file testing_functions.cc
 * \brief Global functions under "testing." with the reference system's names,
 *        used by the Python tests and the benchmarks.
 */
#include <tvm/ffi/tvm_ffi.h>

#include "checked_math.h"

namespace ffi = tvm::ffi;

TVM_FFI_STATIC_INIT_BLOCK() {
  namespace refl = ffi::reflection;
  refl::GlobalDef()
      // Packed, as in the reference system: the cheapest possible call.
      .def_packed("testing.nop", [](ffi::PackedArgs, ffi::Any*) {})
      .def("testing.echo", [](ffi::Any x) { return x; })
      .def("testing.add_one",
           [](int64_t x) { return ffi::testing::CheckedAdd(x, 1, "testing.add_one"); })
      // What C++ sees of an error raised by `f`: kind, message, traceback text.
      .def("testing.error_seen_by_cpp",
           [](ffi::Function f) {
             try {
               f();
             } catch (const ffi::Error& e) {
               return ffi::Array<ffi::String>{e.kind(), e.message(), e.backtrace()};
             }
             return ffi::Array<ffi::String>{};
           })
      .def_packed("testing.apply",
                  [](ffi::PackedArgs args, ffi::Any* rv) {
                    if (args.size() < 1) {
                      TVM_FFI_THROW(TypeError) << "testing.apply(f, *args) needs a function";
                    }
                    auto f = args[0].cast<ffi::Function>();
                    *rv = f.CallPacked(args.Slice(1));
                  })
      .def("testing.test_raise_error",
           [](ffi::String kind, ffi::String message) {
             throw ffi::Error(std::string(kind), std::string(message),
                              "  File \"testing_functions.cc\", in testing.test_raise_error\n");
           })
      .def("testing.object_use_count",
           [](ffi::ObjectRef obj) -> int64_t { return obj.defined() ? obj.use_count() - 1 : 0; })
      // Typed-argument fixtures used by the conversion tests.
      .def("testing.add_float", [](double a, double b) { return a + b; })
      .def("testing.str_len",
           [](ffi::String s) -> int64_t { return static_cast<int64_t>(s.size()); })
      .def("testing.concat", [](ffi::String a, ffi::String b) { return a + b; })
      .def("testing.bytes_len",
           [](ffi::Bytes b) -> int64_t { return static_cast<int64_t>(b.size()); })
      .def("testing.sum_int_array",
           [](ffi::Array<int64_t> arr) {
             int64_t s = 0;
             for (int64_t v : arr) s += v;
             return s;
           })
      .def("testing.list_append", [](ffi::List<ffi::Any> lst, ffi::Any v) { lst.push_back(v); })
      .def("testing.dict_set",
           [](ffi::Dict<ffi::Any, ffi::Any> d, ffi::Any k, ffi::Any v) { d.Set(k, v); })
      .def("testing.map_get",
           [](ffi::Map<ffi::String, ffi::Any> m, ffi::String k) { return m.at(k); })
      .def("testing.make_list",
           [](int64_t n) {
             ffi::List<int64_t> out;
             for (int64_t i = 0; i < n; ++i) out.push_back(i);
             return out;
           })
      .def("testing.optional_int",
           [](ffi::Optional<int64_t> x) -> int64_t { return x.has_value() ? *x : -1; });
}
