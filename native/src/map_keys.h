/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file map_keys.h
 * \brief How Map/Dict keys hash and match (container.cc), for the engines'
 *        hash of a map, which must hash keys as the map matches them.
 *
 * Internal to the core library. Python's key rule: numbers by value across
 * kinds (1, 1.0 and True are one key, as `==` says in the engines and in
 * Python), strings and bytes by content, Arrays by structure, other objects
 * by identity.
 */
#ifndef TVM_FFI_SRC_MAP_KEYS_H_
#define TVM_FFI_SRC_MAP_KEYS_H_

#include <tvm/ffi/c_api.h>

#include <cstdint>

namespace tvm {
namespace ffi {

/*! \brief The hash of a map key; throws TypeError for an Array holding a List or Dict. */
uint64_t KeyHash(const TVMFFIAny& v);

/*! \brief Whether two map keys are one key (consistent with KeyHash); may throw from eq hooks. */
bool KeyEqual(const TVMFFIAny& a, const TVMFFIAny& b);

}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_SRC_MAP_KEYS_H_
