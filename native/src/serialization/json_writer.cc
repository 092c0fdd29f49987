/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file json_writer.cc
 * \brief JSON text out (json::Writer), JSON values to ffi values
 *        (json::ToAny), and base64 for bytes.
 */
#include <tvm/ffi/container/map.h>
#include <tvm/ffi/container/seq.h>
#include <tvm/ffi/error.h>
#include <tvm/ffi/string.h>

#include <charconv>
#include <cmath>
#include <cstring>

#include "json.h"

namespace tvm {
namespace ffi {
namespace json {

void Writer::Int(int64_t v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  out_->append(buf, static_cast<size_t>(res.ptr - buf));
}

void Writer::Float(double v) {
  if (std::isnan(v)) return Raw("NaN");
  if (std::isinf(v)) return Raw(v < 0 ? "-Infinity" : "Infinity");
  char buf[40];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  size_t n = static_cast<size_t>(res.ptr - buf);
  out_->append(buf, n);
  // A float must read back as a float: "1" becomes "1.0" (and -0.0 stays "-0.0").
  if (std::memchr(buf, '.', n) == nullptr && std::memchr(buf, 'e', n) == nullptr) Raw(".0");
}

namespace {

// Length of the valid UTF-8 sequence at s[i] (a byte >= 0x80), or 0.
size_t Utf8Length(std::string_view s, size_t i) {
  auto u = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  size_t avail = s.size() - i;
  auto cont = [&](size_t k) { return k < avail && (u(k) & 0xC0) == 0x80; };
  unsigned char c = u(0);
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2) || (c == 0xE0 && u(1) < 0xA0) || (c == 0xED && u(1) >= 0xA0)) return 0;
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3) || (c == 0xF0 && u(1) < 0x90) ||
        (c == 0xF4 && u(1) >= 0x90)) {
      return 0;
    }
    return 4;
  }
  return 0;
}

}  // namespace

void Writer::String(std::string_view s, const char* what) {
  static const char kHex[] = "0123456789abcdef";
  out_->push_back('"');
  size_t run = 0;  // start of the pending run of bytes that need no escape
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      size_t n = Utf8Length(s, i);
      if (n == 0) {
        TVM_FFI_THROW(ValueError) << what << " is not valid UTF-8 (byte " << i
                                  << "), which JSON cannot hold; use bytes";
      }
      i += n;
      continue;
    }
    out_->append(s.data() + run, i - run);
    switch (c) {
      case '"':
        Raw("\\\"");
        break;
      case '\\':
        Raw("\\\\");
        break;
      case '\n':
        Raw("\\n");
        break;
      case '\r':
        Raw("\\r");
        break;
      case '\t':
        Raw("\\t");
        break;
      case '\b':
        Raw("\\b");
        break;
      case '\f':
        Raw("\\f");
        break;
      default: {
        char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out_->append(esc, 6);
      }
    }
    ++i;
    run = i;
  }
  out_->append(s.data() + run, s.size() - run);
  out_->push_back('"');
}

std::string_view StringOf(const TVMFFIAny& v) {
  if (v.type_index == kTVMFFISmallStr || v.type_index == kTVMFFISmallBytes) {
    return std::string_view(v.v_bytes, v.small_len);
  }
  if (v.type_index == kTVMFFIRawStr) return std::string_view(v.v_c_str);
  const auto* cell = reinterpret_cast<const TVMFFIBytesCell*>(v.v_obj + 1);
  return std::string_view(cell->bytes.data, cell->bytes.size);
}

void Writer::AnyValue(const TVMFFIAny& root, const char* what) {
  // Iterative: a frame per open container, its next position.
  struct Frame {
    const TVMFFIAny* v;
    int64_t pos;
  };
  std::vector<Frame> stack;
  auto open = [&](const TVMFFIAny& v) {
    switch (v.type_index) {
      case kTVMFFINone:
        Null();
        return;
      case kTVMFFIBool:
        Bool(v.v_int64 != 0);
        return;
      case kTVMFFIInt:
        Int(v.v_int64);
        return;
      case kTVMFFIFloat:
        Float(v.v_float64);
        return;
      case kTVMFFIRawStr:
      case kTVMFFISmallStr:
      case kTVMFFIStr:
        String(StringOf(v), what);
        return;
      case kTVMFFIArray:
      case kTVMFFIList:
      case kTVMFFIMap:
      case kTVMFFIDict:
        if (stack.size() >= static_cast<size_t>(kMaxDepth)) {
          TVM_FFI_THROW(ValueError) << what << " is nested deeper than " << kMaxDepth
                                    << " levels (does a container hold itself?)";
        }
        Char(v.type_index == kTVMFFIArray || v.type_index == kTVMFFIList ? '[' : '{');
        stack.push_back({&v, 0});
        return;
      default:
        TVM_FFI_THROW(TypeError) << what << " must hold only JSON values (None, bool, int, float, "
                                 << "str, lists, dicts with str keys), got `"
                                 << details::AnyTypeName(v) << "`";
    }
  };
  open(root);
  while (!stack.empty()) {
    Frame& top = stack.back();
    const TVMFFIAny& v = *top.v;
    bool is_seq = v.type_index == kTVMFFIArray || v.type_index == kTVMFFIList;
    if (is_seq) {
      const auto& cell = *reinterpret_cast<const TVMFFISeqCell*>(v.v_obj + 1);
      if (top.pos >= cell.size) {
        Char(']');
        stack.pop_back();
        continue;
      }
      if (top.pos != 0) Char(',');
      const TVMFFIAny& item = cell.data[top.pos++];
      open(item);
    } else {
      const auto& cell = *reinterpret_cast<const TVMFFIMapCell*>(v.v_obj + 1);
      if (top.pos >= cell.size) {
        Char('}');
        stack.pop_back();
        continue;
      }
      if (top.pos != 0) Char(',');
      const TVMFFIMapEntry& e = cell.entries[top.pos++];
      if (e.key.type_index != kTVMFFIStr && e.key.type_index != kTVMFFISmallStr) {
        TVM_FFI_THROW(TypeError) << what << ": JSON object keys must be str, got `"
                                 << details::AnyTypeName(e.key) << "`";
      }
      String(StringOf(e.key), what);
      Char(':');
      open(e.value);
    }
  }
}

Any ToAny(const Value& root, const Doc& doc) {
  switch (root.kind) {
    case Kind::kNull:
      return Any();
    case Kind::kBool:
      return Any(root.b);
    case Kind::kInt:
      return Any(root.i);
    case Kind::kBigInt:
      TVM_FFI_THROW(ValueError) << "integer out of the int64 range";
    case Kind::kFloat:
      return Any(root.d);
    case Kind::kString: {
      TVMFFIAny out;
      details::MakeOwnedStr(root.str, root.size, kTVMFFISmallStr, kTVMFFIStr, &out);
      return Any::FromRawOwned(out);
    }
    default:
      break;
  }
  if (root.kind == Kind::kIntArray) {
    std::vector<TVMFFIAny> items(root.size);
    for (uint32_t k = 0; k < root.size; ++k) {
      items[k] = details::NoneAny();
      items[k].type_index = kTVMFFIInt;
      items[k].v_int64 = doc.Ints(root)[k];
    }
    TVMFFIObject* made = nullptr;
    TVM_FFI_CHECK_SAFE_CALL(TVMFFISeqCreate(kTVMFFIArray, items.data(), root.size, &made));
    TVMFFIAny owned = details::NoneAny();
    owned.type_index = made->type_index;
    owned.v_obj = made;
    return Any::FromRawOwned(owned);
  }
  // Containers bottom-up with an explicit stack (depth is bounded by the reader).
  struct Frame {
    const Value* v;
    uint32_t pos;
    std::vector<Any> items;
  };
  std::vector<Frame> stack;
  stack.push_back({&root, 0, {}});
  Any done;
  while (true) {
    Frame& top = stack.back();
    bool is_object = top.v->kind == Kind::kObject;
    uint32_t n = is_object ? top.v->size * 2 : top.v->size;
    if (top.pos < n) {
      const Value& child = doc.Items(*top.v)[top.pos++];
      if (child.kind == Kind::kArray || child.kind == Kind::kObject) {
        stack.push_back({&child, 0, {}});
      } else {
        top.items.push_back(ToAny(child, doc));
      }
      continue;
    }
    TVMFFIObject* made = nullptr;
    std::vector<Any> items = std::move(top.items);
    if (is_object) {
      std::vector<TVMFFIAny> keys, values;
      for (size_t i = 0; i < items.size(); i += 2) {
        keys.push_back(*items[i].raw());
        values.push_back(*items[i + 1].raw());
      }
      TVM_FFI_CHECK_SAFE_CALL(TVMFFIMapCreate(kTVMFFIMap, keys.data(), values.data(),
                                              static_cast<int64_t>(keys.size()), &made));
    } else {
      std::vector<TVMFFIAny> raw;
      for (const Any& a : items) raw.push_back(*a.raw());
      TVM_FFI_CHECK_SAFE_CALL(
          TVMFFISeqCreate(kTVMFFIArray, raw.data(), static_cast<int64_t>(raw.size()), &made));
    }
    TVMFFIAny owned = details::NoneAny();
    owned.type_index = made->type_index;
    owned.v_obj = made;
    Any result = Any::FromRawOwned(owned);
    stack.pop_back();
    if (stack.empty()) return result;
    stack.back().items.push_back(std::move(result));
  }
}

namespace {
const char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}
}  // namespace

void Base64Encode(std::string_view bytes, std::string* out) {
  size_t i = 0;
  auto u = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t n = (u(i) << 16) | (u(i + 1) << 8) | u(i + 2);
    char q[4] = {kBase64[n >> 18], kBase64[(n >> 12) & 63], kBase64[(n >> 6) & 63],
                 kBase64[n & 63]};
    out->append(q, 4);
  }
  size_t rest = bytes.size() - i;
  if (rest == 1) {
    uint32_t n = u(i) << 16;
    char q[4] = {kBase64[n >> 18], kBase64[(n >> 12) & 63], '=', '='};
    out->append(q, 4);
  } else if (rest == 2) {
    uint32_t n = (u(i) << 16) | (u(i + 1) << 8);
    char q[4] = {kBase64[n >> 18], kBase64[(n >> 12) & 63], kBase64[(n >> 6) & 63], '='};
    out->append(q, 4);
  }
}

bool Base64Decode(std::string_view text, std::string* out) {
  if (text.size() % 4 != 0) return false;
  for (size_t i = 0; i < text.size(); i += 4) {
    bool last = i + 4 == text.size();
    int a = Base64Value(text[i]), b = Base64Value(text[i + 1]);
    if (a < 0 || b < 0) return false;
    uint32_t n = (static_cast<uint32_t>(a) << 18) | (static_cast<uint32_t>(b) << 12);
    if (last && text[i + 2] == '=' && text[i + 3] == '=') {
      if (n & 0xFFFF) return false;  // non-canonical padding bits
      out->push_back(static_cast<char>(n >> 16));
      return true;
    }
    int c = Base64Value(text[i + 2]);
    if (c < 0) return false;
    n |= static_cast<uint32_t>(c) << 6;
    if (last && text[i + 3] == '=') {
      if (n & 0xFF) return false;
      out->push_back(static_cast<char>(n >> 16));
      out->push_back(static_cast<char>((n >> 8) & 0xFF));
      return true;
    }
    int d = Base64Value(text[i + 3]);
    if (d < 0) return false;
    n |= static_cast<uint32_t>(d);
    out->push_back(static_cast<char>(n >> 16));
    out->push_back(static_cast<char>((n >> 8) & 0xFF));
    out->push_back(static_cast<char>(n & 0xFF));
  }
  return true;
}

}  // namespace json
}  // namespace ffi
}  // namespace tvm
