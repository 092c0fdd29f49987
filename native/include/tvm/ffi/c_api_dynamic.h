/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file tvm/ffi/c_api_dynamic.h
 * \brief The C ABI of types defined at run time: dynamic types (Python's
 *        @py_class) and enums. Part of the C ABI (included by c_api.h, which
 *        is all a user includes); kept apart to keep each file readable.
 */
#ifndef TVM_FFI_C_API_DYNAMIC_H_
#define TVM_FFI_C_API_DYNAMIC_H_

#include <tvm/ffi/c_api.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------- */
/* Dynamic types: object types laid out at run time (Python's @py_class)    */
/*                                                                           */
/* A dynamic type extends ffi.Object, another dynamic type, or a C++ type    */
/* that registers its layout; its fields are placed after the parent's,     */
/* each checked against a declared schema (see dynamic/type_schema.h). The   */
/* core library allocates, copies and frees its objects, so C++ reads their  */
/* fields through reflection exactly like a C++ type's.                      */
/* ------------------------------------------------------------------------- */

/*!
 * \brief How a C++ object type is built in place, so a dynamic type can
 * extend it: registered by ObjectDef as the type attribute `__ffi_layout__`
 * (an OpaquePtr to a struct that lives as long as the library defining it).
 */
typedef struct {
  int64_t size;
  int64_t alignment;
  /*! \brief Default-constructs the object at `mem` (its header included). */
  void (*construct)(void* mem);
  /*! \brief Copy-constructs the object at `mem` from `src`; NULL when not copyable. */
  void (*copy_construct)(void* mem, const void* src);
  /*! \brief Runs the destructor of the object at `mem`; frees nothing. */
  void (*destruct)(void* mem);
} TVMFFIObjectLayout;

/*!
 * \brief Allocates a new dynamic type `type_key` under `parent_type_index`
 * (phase one: the index exists, so schemas may name it). A key already
 * registered raises RuntimeError; a parent that cannot be extended, TypeError.
 */
TVM_FFI_DLL int TVMFFIDynamicTypeCreate(const TVMFFIByteArray* type_key, int32_t parent_type_index,
                                        int32_t* out_type_index);

/*!
 * \brief Adds a field to an unfinished dynamic type. From `*info` it takes
 * name, doc, flags, default_value and metadata, and reads `type_str` as the
 * schema; it fills in offset, storage, static type, getter and setter. The
 * default (unless a factory) is checked against the schema. The parent must
 * be finished.
 */
TVM_FFI_DLL int TVMFFIDynamicTypeAddField(int32_t type_index, const TVMFFIFieldInfo* info);

/*!
 * \brief Finishes a dynamic type (phase two): registers its metadata with
 * `type_flags` (TVMFFITypeFlag), its allocator `__ffi_new__`, shallow copy
 * and generated constructor `__ffi_init__`. Objects can be made from now on.
 */
TVM_FFI_DLL int TVMFFIDynamicTypeFinish(int32_t type_index, int64_t type_flags);

/*!
 * \brief Takes back an unfinished dynamic type (a failed definition): its
 * key becomes free again, its index is never reused, and lookups by index
 * find nothing. Refused (RuntimeError) for a finished type or one with
 * subtypes.
 */
TVM_FFI_DLL int TVMFFITypeRetract(int32_t type_index);

/* ------------------------------------------------------------------------- */
/* Enums                                                                     */
/* ------------------------------------------------------------------------- */

/*!
 * \brief The two registries of an enum type (a subtype of `ffi.Enum`), kept
 * as its type attributes and shared by every library and language.
 */
typedef enum {
  /*! \brief `__ffi_enum_entries__`: Dict<String, Enum>, each variant by name. */
  kTVMFFIEnumEntries = 0,
  /*!
   * \brief `__ffi_enum_attrs__`: Dict<String, List<Any>>, each extensible
   * attribute's values indexed by the variants' ordinals (None: unset).
   */
  kTVMFFIEnumAttrs = 1
} TVMFFIEnumTable;

/*!
 * \brief The live Dict of `table` (TVMFFIEnumTable) for the enum type, as a
 * new reference. When it does not exist yet it is registered (once, under a
 * lock, so concurrent callers get the same Dict) if `create` is nonzero;
 * otherwise `*out` is NULL. A type that is not an `ffi.Enum` raises TypeError.
 */
TVM_FFI_DLL int TVMFFIEnumGetTable(int32_t type_index, int32_t table, int32_t create,
                                   TVMFFIObjectHandle* out);

/*!
 * \brief The variant `name` of the enum type, as a new reference; raises
 * RuntimeError naming the type and the name when it has none.
 */
TVM_FFI_DLL int TVMFFIEnumGetEntry(int32_t type_index, const TVMFFIByteArray* name,
                                   TVMFFIObjectHandle* out);

/*!
 * \brief Registers `variant` (a new object of an enum type) under `name`:
 * under the registry's lock it takes the next ordinal, writes it and the
 * name into the variant, and adds it to the entries. A name the type has
 * raises RuntimeError.
 */
TVM_FFI_DLL int TVMFFIEnumAddEntry(TVMFFIObjectHandle variant, const TVMFFIByteArray* name,
                                   int64_t* out_ordinal);

/*!
 * \brief Reads the extensible attribute `attr` of a registered variant
 * into `*out` (owned; None when unset). TypeError for an object that is not
 * the registered variant of its name.
 */
TVM_FFI_DLL int TVMFFIEnumGetAttr(TVMFFIObjectHandle variant, const TVMFFIByteArray* attr,
                                  TVMFFIAny* out);

/*!
 * \brief Sets the extensible attribute `attr` of a registered variant to
 * `*value` (borrowed), making or padding the attribute's list under the lock.
 */
TVM_FFI_DLL int TVMFFIEnumSetAttr(TVMFFIObjectHandle variant, const TVMFFIByteArray* attr,
                                  const TVMFFIAny* value);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // TVM_FFI_C_API_DYNAMIC_H_
