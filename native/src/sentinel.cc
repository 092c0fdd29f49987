/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file sentinel.cc
 * \brief The built-in sentinels MISSING and KWARGS: immortal objects of type
 *        ffi.Sentinel, told apart by identity.
 */
#include <tvm/ffi/object.h>

namespace {

/*! \brief A sentinel: the header and its name. The deleter never runs. */
struct SentinelBlock {
  TVMFFIObject header;
  const char* name;
};

// The reference count starts high so the sentinels are never freed.
SentinelBlock g_sentinels[] = {
    {{1u << 30, kTVMFFISentinel, nullptr, nullptr}, "MISSING"},
    {{1u << 30, kTVMFFISentinel, nullptr, nullptr}, "KWARGS"},
};

}  // namespace

extern "C" TVMFFIObject* TVMFFIGetSentinel(int32_t kind) {
  if (kind < 0 || kind > kTVMFFISentinelKwargs) return nullptr;
  return &g_sentinels[kind].header;
}
