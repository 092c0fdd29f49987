/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file serialization_bindings.cc
 * \brief The JSON graph loader's entry point: the text is read in place.
 *
 * `ffi.FromJSONGraphString` would first copy the whole text into a String;
 * for a big graph that copy alone is as large as the objects it loads. Here
 * the loader reads the str's own UTF-8 buffer (CPython keeps it for ASCII
 * strings, and caches it once otherwise).
 */
#include <nanobind/nanobind.h>

#include "module.h"
#include "nb_helpers.h"

namespace nb = nanobind;

namespace tvm_ffi_py {

void BindSerialization(nb::module_& m) {
  m.def(
      "_from_json_graph_str",
      [](nb::handle text) {
        if (!PyUnicode_Check(text.ptr())) {
          throw nb::type_error(("from_json_graph_str() expects a str, got " +
                                std::string(Py_TYPE(text.ptr())->tp_name))
                                   .c_str());
        }
        Py_ssize_t size = 0;
        const char* data = PyUnicode_AsUTF8AndSize(text.ptr(), &size);
        if (data == nullptr) throw nb::python_error();
        TVMFFIByteArray bytes{data, static_cast<size_t>(size)};
        TVMFFIAny out;
        ThrowIfFailed(TVMFFIFromJSONGraphString(&bytes, &out));
        PyObject* r = AnyOwnedToPy(out);
        if (r == nullptr) throw nb::python_error();
        return nb::steal(r);
      },
      nb::arg("text"), nb::sig("def _from_json_graph_str(text: str) -> typing.Any"),
      "The value a JSON graph text describes (ffi.FromJSONGraphString without copying the text).");
}

}  // namespace tvm_ffi_py
