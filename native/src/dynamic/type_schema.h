/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file type_schema.h
 * \brief The declared type of a field of a dynamic type, parsed once, and
 *        the check-and-convert of a value against it.
 *
 * A schema is written the way a Python annotation reads, with type keys for
 * object types: `int`, `float`, `bool`, `str`, `bytes`, `Any`, `None`,
 * `Callable`, `Object`, `Optional[T]`, `Union[A, B]`, `Array[T]`,
 * `List[T]`, `Map[K, V]`, `Dict[K, V]`, or a registered type key such as
 * `my.Point`. Conversion follows the reference's rules: a bool is accepted
 * as an int and an int as a bool or a float (never a float as an int);
 * containers are converted to the declared kind with their elements
 * checked (a list arrives as an Array and becomes a List); an object must be
 * an instance of the declared type by the registered hierarchy.
 */
#ifndef TVM_FFI_SRC_DYNAMIC_TYPE_SCHEMA_H_
#define TVM_FFI_SRC_DYNAMIC_TYPE_SCHEMA_H_

#include <tvm/ffi/any.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace tvm {
namespace ffi {
namespace dynamic {

/*! \brief One node of a parsed schema. */
struct TypeSchema {
  enum class Kind {
    kAny,
    kNone,
    kInt,
    kFloat,
    kBool,
    kStr,
    kBytes,
    kFunction,
    kObject,
    kOptional,
    kUnion,
    kArray,
    kList,
    kMap,
    kDict
  };
  Kind kind = Kind::kAny;
  /*! \brief For kObject: the type every value must be an instance of. */
  int32_t type_index = kTVMFFIObject;
  std::vector<TypeSchema> args;
  /*! \brief How the schema reads, for messages ("Optional[List[int]]"). */
  std::string text;

  /*!
   * \brief Parses `text`; throws ValueError (unknown name, bad syntax) or
   * KeyError (an unregistered type key).
   */
  static TypeSchema Parse(std::string_view text);

  /*! \brief The field storage a value of this schema is kept in. */
  int32_t Storage() const;

  /*!
   * \brief `value` converted to this schema into `*out` (a new value, or the
   * same one when it already fits); false when it does not fit.
   */
  bool Convert(const TVMFFIAny& value, Any* out) const;
};

}  // namespace dynamic
}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_SRC_DYNAMIC_TYPE_SCHEMA_H_
