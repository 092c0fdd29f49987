/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*! \file tvm/ffi/container/list.h \brief List<T>; see seq.h. */
#ifndef TVM_FFI_CONTAINER_LIST_H_
#define TVM_FFI_CONTAINER_LIST_H_
#include <tvm/ffi/container/seq.h>
#endif  // TVM_FFI_CONTAINER_LIST_H_
