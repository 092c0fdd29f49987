/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file api.cc
 * \brief The JSON graph format behind the C ABI and as global functions
 *        (`ffi.ToJSONGraphString`, `ffi.FromJSONGraphString`, with
 *        apache-tvm-ffi's names and argument order), and the per-type hooks.
 */
#include <tvm/ffi/extra/serialization.h>
#include <tvm/ffi/reflection/registry.h>

#include <atomic>

#include "../dataclass/graph.h"
#include "../dynamic/dynamic_type.h"
#include "graph_format.h"
#include "json.h"

namespace tvm {
namespace ffi {
namespace serialization {
namespace {

const FunctionObj* HookIn(std::atomic<const TVMFFITypeAttrColumn*>* slot, const char* name,
                          int32_t type_index) {
  // A column's address never changes once it exists, so it is cached.
  const TVMFFITypeAttrColumn* column = slot->load(std::memory_order_acquire);
  if (column == nullptr) {
    TVMFFIByteArray key = details::ToByteArray(name);
    column = TVMFFIGetTypeAttrColumn(&key);
    if (column == nullptr) return nullptr;
    slot->store(column, std::memory_order_release);
  }
  if (type_index < 0 || type_index >= column->size) return nullptr;
  const TVMFFIAny& v = column->data[type_index];
  if (v.type_index != kTVMFFIFunction) return nullptr;
  return reinterpret_cast<const FunctionObj*>(v.v_obj);
}

std::string_view TextOf(const String& s) { return s.view(); }

}  // namespace

const FunctionObj* DataToJsonHook(int32_t type_index) {
  static std::atomic<const TVMFFITypeAttrColumn*> column{nullptr};
  return HookIn(&column, reflection::type_attr::kDataToJson, type_index);
}

const FunctionObj* DataFromJsonHook(int32_t type_index) {
  static std::atomic<const TVMFFITypeAttrColumn*> column{nullptr};
  return HookIn(&column, reflection::type_attr::kDataFromJson, type_index);
}

bool IsCreatable(int32_t type_index) {
  return dynamic::FinishedLayoutOf(type_index) != nullptr ||
         dataclass::HookOf(type_index, dataclass::Hook::kNew) != nullptr;
}

}  // namespace serialization
}  // namespace ffi
}  // namespace tvm

using namespace tvm::ffi;

extern "C" {

int TVMFFIToJSONGraphString(const TVMFFIAny* value, const TVMFFIAny* metadata, TVMFFIAny* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  TVMFFIAny none = details::NoneAny();
  std::string text = serialization::WriteGraph(*value, metadata ? *metadata : none);
  *out = Any(String(text)).ReleaseRaw();
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIFromJSONGraphString(const TVMFFIByteArray* text, TVMFFIAny* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  if (text == nullptr || (text->data == nullptr && text->size != 0) || out == nullptr) {
    TVM_FFI_THROW(ValueError) << "TVMFFIFromJSONGraphString: text and out must not be NULL";
  }
  *out = serialization::ReadGraph(std::string_view(text->data, text->size)).ReleaseRaw();
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIJSONParse(const TVMFFIByteArray* text, TVMFFIAny* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  if (text == nullptr || (text->data == nullptr && text->size != 0) || out == nullptr) {
    TVM_FFI_THROW(ValueError) << "TVMFFIJSONParse: text and out must not be NULL";
  }
  json::Doc doc;
  json::Parse(std::string_view(text->data, text->size), &doc);
  *out = json::ToAny(doc.root, doc).ReleaseRaw();
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIJSONStringify(const TVMFFIAny* value, TVMFFIAny* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  std::string text;
  json::Writer(&text).AnyValue(*value, "the value");
  *out = Any(String(text)).ReleaseRaw();
  TVM_FFI_SAFE_CALL_END();
}

}  // extern "C"

TVM_FFI_STATIC_INIT_BLOCK() {
  reflection::GlobalDef()
      .def("ffi.ToJSONGraphString",
           [](AnyView value, AnyView metadata) { return ToJSONGraphString(value, metadata); })
      .def("ffi.FromJSONGraphString",
           [](String text) { return FromJSONGraphString(serialization::TextOf(text)); })
      .def("ffi.ToJSONGraph",
           [](AnyView value, AnyView metadata) { return ToJSONGraph(value, metadata); })
      .def("ffi.FromJSONGraph", [](AnyView graph) { return FromJSONGraph(graph); });
}
