/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file error.cc
 * \brief Error objects and the thread-local "raised error" slot.
 */
#include <tvm/ffi/any.h>

#include <cstdlib>
#include <new>
#include <string>

namespace tvm {
namespace ffi {
namespace {

/*! \brief Error object: header, cell, then the three strings' bytes. */
void FreeError(TVMFFIObject* obj) {
  auto* cell = reinterpret_cast<TVMFFIErrorCell*>(obj + 1);
  details::DecRefAny(cell->payload);
  std::free(obj);
}

TVMFFIObject* MakeError(const TVMFFIByteArray& kind, const TVMFFIByteArray& message,
                        const TVMFFIByteArray& backtrace, const TVMFFIAny* payload) {
  size_t total = sizeof(TVMFFIObject) + sizeof(TVMFFIErrorCell) + kind.size + message.size +
                 backtrace.size + 3;
  auto* obj = static_cast<TVMFFIObject*>(std::malloc(total));
  if (obj == nullptr) throw std::bad_alloc();
  *obj = TVMFFIObject{1, kTVMFFIError, &FreeError, nullptr};
  TVMFFIObjectNoteCreated();
  auto* cell = reinterpret_cast<TVMFFIErrorCell*>(obj + 1);
  char* p = reinterpret_cast<char*>(cell + 1);
  auto place = [&p](const TVMFFIByteArray& s) {
    TVMFFIByteArray r{p, s.size};
    if (s.size != 0) std::memcpy(p, s.data, s.size);
    p[s.size] = '\0';
    p += s.size + 1;
    return r;
  };
  cell->kind = place(kind);
  cell->message = place(message);
  cell->backtrace = place(backtrace);
  cell->payload = payload ? details::CopyViewToOwned(*payload) : details::NoneAny();
  return obj;
}

/*! \brief This thread's raised error, owned; nullptr when none. */
thread_local TVMFFIObject* raised_error = nullptr;

}  // namespace
}  // namespace ffi
}  // namespace tvm

extern "C" {

int TVMFFIErrorCreate(const TVMFFIByteArray* kind, const TVMFFIByteArray* message,
                      const TVMFFIByteArray* backtrace, const TVMFFIAny* payload,
                      TVMFFIObjectHandle* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  TVMFFIByteArray empty{"", 0};
  *out = tvm::ffi::MakeError(kind ? *kind : empty, message ? *message : empty,
                             backtrace ? *backtrace : empty, payload);
  TVM_FFI_SAFE_CALL_END();
}

void TVMFFIErrorSetRaised(TVMFFIObjectHandle error) {
  if (error != nullptr) tvm::ffi::details::IncRef(error);
  TVMFFIObject* old = tvm::ffi::raised_error;
  tvm::ffi::raised_error = error;
  if (old != nullptr) tvm::ffi::details::DecRef(old);
}

void TVMFFIErrorSetRaisedFromCStr(const char* kind, const char* message) {
  if (kind == nullptr) kind = "RuntimeError";
  if (message == nullptr) message = "";
  TVMFFIByteArray k{kind, std::strlen(kind)}, m{message, std::strlen(message)}, b{"", 0};
  TVMFFIObject* err = nullptr;
  try {
    err = tvm::ffi::MakeError(k, m, b, nullptr);
  } catch (...) {
    // Out of memory while reporting: the caller still sees -1, and must not
    // be shown an older error as if it were this one.
    TVMFFIErrorSetRaised(nullptr);
    return;
  }
  TVMFFIErrorSetRaised(err);
  tvm::ffi::details::DecRef(err);
}

void TVMFFIErrorMoveFromRaised(TVMFFIObjectHandle* out) {
  *out = tvm::ffi::raised_error;
  tvm::ffi::raised_error = nullptr;
}

int TVMFFIErrorAppendContext(TVMFFIObjectHandle error, const TVMFFIByteArray* frame,
                             TVMFFIObjectHandle* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  if (error == nullptr || error->type_index != kTVMFFIError || frame == nullptr) {
    TVM_FFI_THROW(TypeError) << "TVMFFIErrorAppendContext: expected an Error and a frame";
  }
  const auto* cell = reinterpret_cast<const TVMFFIErrorCell*>(error + 1);
  std::string bt(cell->backtrace.data, cell->backtrace.size);
  bt.append(frame->data, frame->size);
  TVMFFIByteArray b{bt.data(), bt.size()};
  *out = tvm::ffi::MakeError(cell->kind, cell->message, b, &cell->payload);
  TVM_FFI_SAFE_CALL_END();
}

}  // extern "C"
