/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file cpython_layout.h
 * \brief Every read of CPython internals the module makes, one version at
 *        a time: int digits, type version tags, and where an instance keeps
 *        its own attributes.
 *
 * Each function here has a branch per CPython minor version we build and
 * test (3.10 to 3.13), written against that version's headers, with the
 * reason beside it. An interpreter newer than the last tested one, or a
 * free-threaded build, gets kKnownLayout == false: the cached attribute
 * path is then never installed (classes keep CPython's generic slots) and
 * the answers below turn conservative, so an untested layout costs speed,
 * never memory safety. `tvm_ffi.core._FAST_ATTRIBUTES` tells Python (and
 * the benchmark output) which case this build is.
 */
#ifndef TVM_FFI_PYTHON_CPYTHON_LAYOUT_H_
#define TVM_FFI_PYTHON_CPYTHON_LAYOUT_H_

#ifndef PY_SSIZE_T_CLEAN
#define PY_SSIZE_T_CLEAN
#endif
#include <Python.h>
#if PY_VERSION_HEX < 0x030B0000
#include <longintrepr.h>  // ob_digit, for ReadCompactInt (Python.h has it from 3.11)
#endif

#include <cstdint>

namespace tvm_ffi_py {

/*!
 * \brief Whether this interpreter's object layout is one this file was
 * written and tested against. 3.14 is not testable on our machines yet;
 * free-threaded builds (Py_GIL_DISABLED) move the managed dict and make the
 * process-global attribute cache racy.
 */
#if PY_VERSION_HEX >= 0x030A0000 && PY_VERSION_HEX < 0x030E0000 && !defined(Py_GIL_DISABLED)
constexpr bool kKnownLayout = true;
#else
constexpr bool kKnownLayout = false;
#endif

/*!
 * \brief Reads an exact int that fits one digit without a call (stores
 * through fields take this path on every assignment); false for any other
 * int, which the caller converts the general way.
 */
inline bool ReadCompactInt(PyObject* value, int64_t* out) {
#if PY_VERSION_HEX >= 0x030C0000
  // 3.12 replaced ob_size with lv_tag; these unstable accessors are the
  // supported way to read it.
  if (!PyUnstable_Long_IsCompact(reinterpret_cast<PyLongObject*>(value))) return false;
  *out = PyUnstable_Long_CompactValue(reinterpret_cast<PyLongObject*>(value));
  return true;
#else
  // 3.10/3.11: the sign and digit count are ob_size.
  Py_ssize_t size = Py_SIZE(value);
  if (size < -1 || size > 1) return false;
  int64_t digit = static_cast<int64_t>(reinterpret_cast<PyLongObject*>(value)->ob_digit[0]);
  *out = size * digit;  // size 0 stores a zero digit
  return true;
#endif
}

/*!
 * \brief The type's version tag when valid, else 0 (never a valid tag).
 * The attribute cache is keyed by it, as CPython's own method cache is.
 */
inline unsigned int ValidVersionTag(PyTypeObject* tp) {
#if PY_VERSION_HEX >= 0x030B0000
  // 3.11-3.13 zero the tag when they invalidate it (type_modified) and
  // never hand out 0; a class that has used up its tags (3.13: after 1000
  // modifications) stays at 0, i.e. on the generic path.
  return tp->tp_version_tag;
#else
  // 3.10 keeps a stale tag and clears Py_TPFLAGS_VALID_VERSION_TAG instead.
  return PyType_HasFeature(tp, Py_TPFLAGS_VALID_VERSION_TAG) ? tp->tp_version_tag : 0;
#endif
}

/*!
 * \brief Whether the instance may hold attributes of its own, which would
 * shadow a method found on its class. It must not materialise the instance
 * dict (the public accessors do from 3.11, which de-optimises the object),
 * so it reads each version's layout of the managed dict; "true" is always
 * a safe answer (the caller takes the generic path).
 */
inline bool MayHaveInstanceAttributes(PyObject* obj) {
  PyTypeObject* tp = Py_TYPE(obj);
  if (tp->tp_dictoffset == 0) return false;  // no dict at all (slots only)
  if constexpr (!kKnownLayout) return true;
#if PY_VERSION_HEX >= 0x030D0000
  // 3.13 (pycore_object.h): a managed dict pointer at obj[-3]; a class whose
  // base is exactly `object` may also keep its values inline after the
  // header (Py_TPFLAGS_INLINE_VALUES; never ours, whose base is larger, but
  // checked all the same): {capacity, size, embedded, valid} bytes first.
  if (tp->tp_flags & Py_TPFLAGS_MANAGED_DICT) {
    PyObject* dict = reinterpret_cast<PyObject**>(obj)[-3];
    if (dict != nullptr) return true;
    if (tp->tp_flags & Py_TPFLAGS_INLINE_VALUES) {
      const uint8_t* values = reinterpret_cast<const uint8_t*>(obj) + sizeof(PyObject);
      return values[3] == 0 /* !valid */ || values[1] != 0 /* size */;
    }
    return false;
  }
#elif PY_VERSION_HEX >= 0x030C0000
  // 3.12 (pycore_object.h): obj[-3] is a PyDictOrValues, a dict pointer or,
  // tagged with bit 0, a pointer to shared-key values preallocated at
  // creation; the byte just before the values array counts the attributes
  // stored there (pycore_dict.h, _PyDictValues_AddToInsertionOrder).
  if (tp->tp_flags & Py_TPFLAGS_MANAGED_DICT) {
    uintptr_t dorv = reinterpret_cast<uintptr_t*>(obj)[-3];
    if ((dorv & 1) == 0) return dorv != 0;
    const uint8_t* values = reinterpret_cast<const uint8_t*>(dorv + 1);
    return values[-2] != 0;
  }
#elif PY_VERSION_HEX >= 0x030B0000
  // 3.11 keeps a managed dict's inline values and dict pointers in the two
  // words before the GC header (obj[-4], obj[-3]); both stay NULL until an
  // attribute is stored.
  if (tp->tp_flags & Py_TPFLAGS_MANAGED_DICT) {
    PyObject** pre = reinterpret_cast<PyObject**>(obj);
    return pre[-4] != nullptr || pre[-3] != nullptr;
  }
#endif
  // A dict at tp_dictoffset (3.10 always; later versions only without a
  // managed dict, handled above): finding the slot does not create a dict.
  PyObject** dict = _PyObject_GetDictPtr(obj);
  return dict == nullptr || *dict != nullptr;
}

}  // namespace tvm_ffi_py

#endif  // TVM_FFI_PYTHON_CPYTHON_LAYOUT_H_
