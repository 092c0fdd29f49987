/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file graph_format.h
 * \brief What the JSON graph writer and reader agree on: the type keys of
 *        the value kinds, which fields are stored inline, the per-type hooks.
 *
 * Internal to the core library.
 */
#ifndef TVM_FFI_SRC_SERIALIZATION_GRAPH_FORMAT_H_
#define TVM_FFI_SRC_SERIALIZATION_GRAPH_FORMAT_H_

#include <tvm/ffi/function.h>

#include <string>
#include <string_view>

namespace tvm {
namespace ffi {
namespace serialization {

// The node types of values that are not objects, and of strings and bytes
// (whatever their storage), as apache-tvm-ffi writes them.
inline constexpr const char* kNoneKey = "None";
inline constexpr const char* kBoolKey = "bool";
inline constexpr const char* kIntKey = "int";
inline constexpr const char* kFloatKey = "float";
inline constexpr const char* kStrKey = "ffi.String";
inline constexpr const char* kBytesKey = "ffi.Bytes";

/*!
 * \brief Whether a field's value is written inline in its object's data
 * (its static type is None, bool, int or float) rather than as a node number.
 */
inline bool IsInlineField(const TVMFFIFieldInfo* f) {
  int32_t t = f->static_type_index;
  return t == kTVMFFINone || t == kTVMFFIBool || t == kTVMFFIInt || t == kTVMFFIFloat;
}

/*! \brief The type's `__data_to_json__` Function, or nullptr. */
const FunctionObj* DataToJsonHook(int32_t type_index);
/*! \brief The type's `__data_from_json__` Function, or nullptr. */
const FunctionObj* DataFromJsonHook(int32_t type_index);

/*! \brief Whether blank objects of the type can be made (`__ffi_new__`, or a py_class layout). */
bool IsCreatable(int32_t type_index);

/*! \brief The graph of `value` as JSON text (graph_writer.cc). */
std::string WriteGraph(const TVMFFIAny& value, const TVMFFIAny& metadata);
/*! \brief The value a JSON graph describes (graph_reader.cc). */
Any ReadGraph(std::string_view text);

}  // namespace serialization
}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_SRC_SERIALIZATION_GRAPH_FORMAT_H_
