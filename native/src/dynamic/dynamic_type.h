/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file dynamic_type.h
 * \brief What the rest of the core library may ask of dynamic types beyond
 *        the C ABI. Internal to the core library.
 */
#ifndef TVM_FFI_SRC_DYNAMIC_DYNAMIC_TYPE_H_
#define TVM_FFI_SRC_DYNAMIC_DYNAMIC_TYPE_H_

#include <tvm/ffi/any.h>
#include <tvm/ffi/function.h>

namespace tvm {
namespace ffi {
namespace dynamic {

struct Layout;

/*! \brief The layout of a finished dynamic type, or NULL for any other type. */
const Layout* FinishedLayoutOf(int32_t type_index);

/*!
 * \brief A blank (zeroed) object of the layout's type: what its
 * `__ffi_new__` returns, without the Function call (the generated
 * constructor's hot path).
 */
Any NewBlankObject(const Layout* layout);

/*!
 * \brief The `__ffi_shallow_copy__` the type's Finish made (NULL before).
 * Only while the type's registered hook is this one does
 * ShallowCopyObject do what the hook does: another may have been
 * registered first (Finish's registration then failed), or the type's
 * attributes cleared (a failed plugin load retracts its types).
 */
const FunctionObj* ShallowCopyHookOf(const Layout* layout);

/*!
 * \brief A copy of `src`, an object of the layout's type, holding the same
 * field values: what ShallowCopyHookOf's Function returns, without the
 * call (the deep copy's hot path).
 */
Any ShallowCopyObject(const Layout* layout, const TVMFFIObject* src);

}  // namespace dynamic
}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_SRC_DYNAMIC_DYNAMIC_TYPE_H_
