/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file container_internal.h
 * \brief Container operations the core library uses on itself, beyond the C ABI.
 */
#ifndef TVM_FFI_SRC_CONTAINER_INTERNAL_H_
#define TVM_FFI_SRC_CONTAINER_INTERNAL_H_

#include <tvm/ffi/c_api.h>

#include <cstdint>

namespace tvm {
namespace ffi {
namespace details {

/*!
 * \brief Makes room for `capacity` items in an Array or List, so a loader
 * that knows the final size fills it without reallocating (and without the
 * transient copy a reallocation makes). TypeError for anything else.
 */
void SeqReserve(TVMFFIObject* seq, int64_t capacity);

}  // namespace details
}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_SRC_CONTAINER_INTERNAL_H_
