/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file numeric.h
 * \brief Numbers (int, bool, float) as one kind, as Python treats them: the
 *        map keys and the engines share this, so `1`, `1.0` and `True` are
 *        one key exactly when they are `==` in the engines.
 *
 * Internal to the core library.
 */
#ifndef TVM_FFI_SRC_NUMERIC_H_
#define TVM_FFI_SRC_NUMERIC_H_

#include <tvm/ffi/c_api.h>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "hash.h"

namespace tvm {
namespace ffi {

/*! \brief Whether a value is an int, a bool or a float. */
inline bool IsNumber(const TVMFFIAny& v) {
  return v.type_index == kTVMFFIInt || v.type_index == kTVMFFIBool || v.type_index == kTVMFFIFloat;
}

/*! \brief Exact three-way comparison of an int64 and a double (not NaN). */
inline int CompareIntFloat(int64_t i, double f) {
  // 2^63 as a double: beyond it every double is above any int64.
  constexpr double kTwo63 = 9223372036854775808.0;
  if (f >= kTwo63) return -1;
  if (f < -kTwo63) return 1;
  double whole = std::trunc(f);
  auto fi = static_cast<int64_t>(whole);  // exact: |whole| < 2^63
  if (i != fi) return (i > fi) - (i < fi);
  double frac = f - whole;  // i equals the integral part: the fraction decides
  return (frac < 0) - (frac > 0);
}

/*!
 * \brief Three-way comparison of two numbers by exact value, as Python
 * compares them (2**53 + 1 > float(2**53)); NaN sorts after all numbers and
 * equals NaN. Returns false (and leaves `*out`) when either is no number.
 */
inline bool NumericCompare(const TVMFFIAny& a, const TVMFFIAny& b, int* out) {
  if (!IsNumber(a) || !IsNumber(b)) return false;
  bool fa = a.type_index == kTVMFFIFloat, fb = b.type_index == kTVMFFIFloat;
  if (!fa && !fb) {
    *out = (a.v_int64 > b.v_int64) - (a.v_int64 < b.v_int64);
    return true;
  }
  double x = fa ? a.v_float64 : 0.0, y = fb ? b.v_float64 : 0.0;
  if ((fa && std::isnan(x)) || (fb && std::isnan(y))) {
    *out = (fa && std::isnan(x)) - (fb && std::isnan(y));
    return true;
  }
  if (fa && fb) {
    *out = (x > y) - (x < y);
  } else if (fa) {
    *out = -CompareIntFloat(b.v_int64, x);
  } else {
    *out = CompareIntFloat(a.v_int64, y);
  }
  return true;
}

/*!
 * \brief The hash of a number, alike for equal numbers: a bool or an
 * integral float hashes like the int it equals (-0.0 like 0), and every NaN
 * alike (NaN equals NaN here).
 */
inline uint64_t HashNumber(const TVMFFIAny& v) {
  auto hash_int = [](int64_t i) { return HashMix(static_cast<uint64_t>(i) ^ 0x1); };
  if (v.type_index != kTVMFFIFloat) return hash_int(v.v_int64);
  double d = v.v_float64;
  if (std::isnan(d)) return 0x7ff8dead;
  if (d == std::trunc(d) && d >= -9223372036854775808.0 && d < 9223372036854775808.0) {
    return hash_int(static_cast<int64_t>(d));
  }
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof(bits));
  return HashMix(bits ^ 0x3);
}

}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_SRC_NUMERIC_H_
