/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file tvm/ffi/extra/serialization.h
 * \brief Object graphs to and from apache-tvm-ffi's JSON graph format.
 *
 * `{"root_index": i, "nodes": [{"type": "<type_key>", "data": ...}, ...],
 * "metadata": {...}}`: one node per distinct value, so sharing and cycles
 * survive a round trip. Reflected objects are written field by field (a
 * field of static type None, bool, int or float inline, any other as a node
 * number) unless their type registers `__data_to_json__` /
 * `__data_from_json__`; enum variants by name, loaded as the registered
 * singleton. The implementation is in the core library, so a plugin can use
 * it without Python.
 */
#ifndef TVM_FFI_EXTRA_SERIALIZATION_H_
#define TVM_FFI_EXTRA_SERIALIZATION_H_

#include <tvm/ffi/any.h>
#include <tvm/ffi/string.h>

#include <string_view>

namespace tvm {
namespace ffi {

/*! \brief The JSON graph text of `value`, with optional JSON-compatible `metadata`. */
inline String ToJSONGraphString(const AnyView& value, const AnyView& metadata = AnyView()) {
  TVMFFIAny out;
  TVM_FFI_CHECK_SAFE_CALL(TVMFFIToJSONGraphString(value.raw(), metadata.raw(), &out));
  return Any::FromRawOwned(out).cast<String>();
}

/*! \brief The value a JSON graph text describes; ValueError on malformed text. */
inline Any FromJSONGraphString(std::string_view text) {
  TVMFFIByteArray bytes{text.data(), text.size()};
  TVMFFIAny out;
  TVM_FFI_CHECK_SAFE_CALL(TVMFFIFromJSONGraphString(&bytes, &out));
  return Any::FromRawOwned(out);
}

/*!
 * \brief The JSON graph of `value` as a JSON value made of ffi values (a Map
 * with str keys per JSON object, an Array per JSON array).
 */
inline Any ToJSONGraph(const AnyView& value, const AnyView& metadata = AnyView()) {
  String text = ToJSONGraphString(value, metadata);
  TVMFFIByteArray bytes{text.data(), text.size()};
  TVMFFIAny out;
  TVM_FFI_CHECK_SAFE_CALL(TVMFFIJSONParse(&bytes, &out));
  return Any::FromRawOwned(out);
}

/*! \brief The value a JSON graph (as ToJSONGraph returns it) describes. */
inline Any FromJSONGraph(const AnyView& graph) {
  TVMFFIAny text;
  TVM_FFI_CHECK_SAFE_CALL(TVMFFIJSONStringify(graph.raw(), &text));
  String s = Any::FromRawOwned(text).cast<String>();
  return FromJSONGraphString(s.view());
}

}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_EXTRA_SERIALIZATION_H_
