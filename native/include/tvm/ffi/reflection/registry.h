/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file tvm/ffi/reflection/registry.h
 * \brief Registration helpers: GlobalDef for global functions.
 */
#ifndef TVM_FFI_REFLECTION_REGISTRY_H_
#define TVM_FFI_REFLECTION_REGISTRY_H_

#include <tvm/ffi/function.h>

#include <string>
#include <utility>

namespace tvm {
namespace ffi {
namespace reflection {

/*!
 * \brief Registers global functions, chained:
 *
 *     refl::GlobalDef().def("my.add", [](int64_t a, int64_t b) { return a + b; })
 *                      .def_packed("my.sum", [](PackedArgs args, Any* rv) { ... });
 */
class GlobalDef {
 public:
  /*! \brief Registers a typed callable (arguments are checked). */
  template <typename F>
  GlobalDef& def(const std::string& name, F&& f, const std::string& doc = "") {
    (void)doc;
    Function::SetGlobal(name, Function::FromTyped(std::forward<F>(f), name));
    return *this;
  }
  /*! \brief Registers a packed callable `(PackedArgs, Any*)`. */
  template <typename F>
  GlobalDef& def_packed(const std::string& name, F&& f, const std::string& doc = "") {
    (void)doc;
    Function::SetGlobal(name, Function::FromPacked(std::forward<F>(f)));
    return *this;
  }
};

}  // namespace reflection
}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_REFLECTION_REGISTRY_H_
