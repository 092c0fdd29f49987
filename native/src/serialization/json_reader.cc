/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file json_reader.cc
 * \brief The strict, non-recursive JSON reader (see json.h).
 *
 * Values are parsed onto a scratch stack; when a container closes, its
 * children move from the top of the stack into the document's table as one
 * contiguous block, so nested containers need no pointers and no recursion.
 */
#include <tvm/ffi/error.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_set>

#include "json.h"

namespace tvm {
namespace ffi {
namespace json {

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return "a bool";
    case Kind::kInt:
      return "an integer";
    case Kind::kBigInt:
      return "an integer out of the int64 range";
    case Kind::kFloat:
      return "a float";
    case Kind::kString:
      return "a string";
    case Kind::kArray:
    case Kind::kIntArray:
      return "an array";
    case Kind::kObject:
      return "an object";
  }
  return "?";
}

const Value* Doc::Find(const Value& v, std::string_view key) const {
  const Value* items = Items(v);
  for (uint32_t i = 0; i < v.size; ++i) {
    if (items[2 * i].string() == key) return &items[2 * i + 1];
  }
  return nullptr;
}

namespace {

class Reader {
 public:
  Reader(std::string_view text, Doc* doc, std::string_view stream_key, const ElementSink& sink)
      : p_(text.data()),
        begin_(text.data()),
        end_(text.data() + text.size()),
        doc_(doc),
        stream_key_(stream_key),
        sink_(sink) {}

  void Run() {
    ParseValue();
    SkipSpace();
    if (p_ != end_) Fail("unexpected text after the JSON value");
    doc_->root = scratch_.back();
  }

 private:
  struct Frame {
    bool is_object;
    bool streamed;  // elements go to the sink, not the table
    size_t scratch_begin;
    int64_t count;  // elements seen (streamed arrays)
  };

  [[noreturn]] void Fail(const std::string& what) {
    int64_t line = 1, column = 1;
    for (const char* q = begin_; q < p_ && q < end_; ++q) {
      if (*q == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    throw Error("ValueError", "invalid JSON at line " + std::to_string(line) + ", column " +
                                  std::to_string(column) + ": " + what);
  }

  void SkipSpace() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  void Expect(char c, const char* what) {
    SkipSpace();
    if (p_ == end_ || *p_ != c) Fail(std::string("expected ") + what);
    ++p_;
  }

  bool Literal(const char* word) {
    size_t n = std::strlen(word);
    if (static_cast<size_t>(end_ - p_) >= n && std::memcmp(p_, word, n) == 0) {
      p_ += n;
      return true;
    }
    return false;
  }

  void Push(const Value& v) { scratch_.push_back(v); }

  // The whole value, containers included, iteratively.
  void ParseValue() {
    while (true) {
      SkipSpace();
      if (p_ == end_) Fail("unexpected end of input, expected a value");
      char c = *p_;
      if (c == '[' || c == '{') {
        ++p_;
        if (frames_.size() >= static_cast<size_t>(kMaxDepth)) {
          Fail("nesting deeper than " + std::to_string(kMaxDepth) + " levels");
        }
        bool streamed = c == '[' && pending_stream_;
        pending_stream_ = false;
        if (c == '[' && !streamed && TryIntArray()) {
          if (AfterValue()) return;
          continue;
        }
        frames_.push_back({c == '{', streamed, scratch_.size(), 0});
        if (streamed) {
          stream_mark_ = doc_->values.size();
          stream_int_mark_ = doc_->ints.size();
          stream_text_mark_ = doc_->unescaped.size();
        }
        SkipSpace();
        if (p_ < end_ && *p_ == (c == '[' ? ']' : '}')) {
          ++p_;
          Close();
          if (AfterValue()) return;
          continue;
        }
        if (c == '{') ParseKey();
        continue;
      }
      ParseScalar();
      if (AfterValue()) return;
    }
  }

  // After a complete value: a separator (then the next key / value), or
  // closing brackets. True when the outermost value is complete.
  bool AfterValue() {
    while (true) {
      if (frames_.empty()) return true;
      Frame& top = frames_.back();
      if (top.streamed) Deliver(&top);
      SkipSpace();
      if (p_ == end_) Fail("unexpected end of input inside an array or object");
      char c = *p_;
      if (c == ',') {
        ++p_;
        if (top.is_object) ParseKey();
        return false;
      }
      if (c == (top.is_object ? '}' : ']')) {
        ++p_;
        Close();
        continue;
      }
      Fail(top.is_object ? "expected ',' or '}'" : "expected ',' or ']'");
    }
  }

  // A streamed array's newest element goes to the sink, then is dropped.
  void Deliver(Frame* top) {
    const Value element = scratch_.back();
    scratch_.pop_back();
    sink_(top->count++, element, *doc_);
    doc_->values.resize(stream_mark_);
    doc_->ints.resize(stream_int_mark_);
    // Unescaped string texts too: the element's consumer has copied them,
    // and keeping them would grow with the document, not with one node.
    while (doc_->unescaped.size() > stream_text_mark_) doc_->unescaped.pop_back();
  }

  // After '[': an array of integers only, read straight into Doc::ints (and
  // pushed as one kIntArray). False, with nothing consumed or kept, for any
  // other array: the general path reads it.
  bool TryIntArray() {
    const char* start = p_;
    size_t ints_begin = doc_->ints.size();
    SkipSpace();
    if (p_ < end_ && *p_ == ']') {  // [] is an ordinary empty array
      p_ = start;
      return false;
    }
    while (true) {
      SkipSpace();
      const char* q = p_;
      if (q < end_ && *q == '-') ++q;
      const char* digits = q;
      while (q < end_ && *q >= '0' && *q <= '9') ++q;
      bool plain = q != digits && !(q - digits > 1 && *digits == '0') &&
                   !(q < end_ && (*q == '.' || *q == 'e' || *q == 'E'));
      int64_t value = 0;
      if (plain) plain = std::from_chars(p_, q, value).ec == std::errc();
      if (!plain) {
        doc_->ints.resize(ints_begin);
        p_ = start;
        return false;
      }
      doc_->ints.push_back(value);
      p_ = q;
      SkipSpace();
      if (p_ < end_ && *p_ == ',') {
        ++p_;
        continue;
      }
      if (p_ < end_ && *p_ == ']') {
        ++p_;
        break;
      }
      doc_->ints.resize(ints_begin);
      p_ = start;
      return false;
    }
    size_t n = doc_->ints.size() - ints_begin;
    if (n > UINT32_MAX) Fail("too many items in one array");
    Value v;
    v.kind = Kind::kIntArray;
    v.size = static_cast<uint32_t>(n);
    v.first = ints_begin;
    Push(v);
    return true;
  }

  void ParseKey() {
    SkipSpace();
    if (p_ == end_ || *p_ != '"') Fail("expected a string key");
    ParseString();
    // The top-level object's `stream_key` member is streamed when it is an array.
    pending_stream_ = sink_ && frames_.size() == 1 && frames_[0].is_object &&
                      !stream_key_.empty() && scratch_.back().string() == stream_key_;
    Expect(':', "':' after an object key");
  }

  void Close() {
    Frame top = frames_.back();
    frames_.pop_back();
    size_t n = scratch_.size() - top.scratch_begin;
    Value v;
    v.kind = top.is_object ? Kind::kObject : Kind::kArray;
    if (top.streamed) {
      // The elements went to the sink; the array stays, empty, with its count.
      if (top.count > static_cast<int64_t>(UINT32_MAX)) Fail("too many items in one array");
      v.size = static_cast<uint32_t>(top.count);
      v.first = doc_->values.size();
      scratch_.push_back(v);
      return;
    }
    if (n > UINT32_MAX) Fail("too many items in one array or object");
    if (top.is_object) CheckDuplicateKeys(top.scratch_begin, n / 2);
    v.size = static_cast<uint32_t>(top.is_object ? n / 2 : n);
    v.first = doc_->values.size();
    // Doubling, but exact when one block dominates (no 2x overshoot for a huge array).
    std::vector<Value>& values = doc_->values;
    if (values.capacity() < values.size() + n)
      values.reserve(std::max(values.size() + n, 2 * values.capacity()));
    doc_->values.insert(doc_->values.end(),
                        scratch_.begin() + static_cast<ptrdiff_t>(top.scratch_begin),
                        scratch_.end());
    scratch_.resize(top.scratch_begin);
    scratch_.push_back(v);
  }

  void CheckDuplicateKeys(size_t begin, size_t members) {
    if (members < 2) return;
    if (members <= 16) {
      for (size_t i = 0; i < members; ++i) {
        for (size_t j = i + 1; j < members; ++j) {
          if (scratch_[begin + 2 * i].string() == scratch_[begin + 2 * j].string()) {
            Fail("duplicate key \"" + std::string(scratch_[begin + 2 * j].string()) + "\"");
          }
        }
      }
      return;
    }
    std::unordered_set<std::string_view> seen;
    for (size_t i = 0; i < members; ++i) {
      std::string_view key = scratch_[begin + 2 * i].string();
      if (!seen.insert(key).second) Fail("duplicate key \"" + std::string(key) + "\"");
    }
  }

  void ParseScalar() {
    char c = *p_;
    Value v;
    v.size = 0;
    v.i = 0;
    if (c == '"') {
      ParseString();
      return;
    }
    if (c == 't' && Literal("true")) {
      v.kind = Kind::kBool;
      v.b = true;
    } else if (c == 'f' && Literal("false")) {
      v.kind = Kind::kBool;
      v.b = false;
    } else if (c == 'n' && Literal("null")) {
      v.kind = Kind::kNull;
    } else if (c == 'N' && Literal("NaN")) {
      v.kind = Kind::kFloat;
      v.d = std::numeric_limits<double>::quiet_NaN();
    } else if (c == 'I' && Literal("Infinity")) {
      v.kind = Kind::kFloat;
      v.d = std::numeric_limits<double>::infinity();
    } else if (c == '-' && Literal("-Infinity")) {
      v.kind = Kind::kFloat;
      v.d = -std::numeric_limits<double>::infinity();
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      v = ParseNumber();
    } else {
      Fail(std::string("unexpected character '") +
           (c >= 0x20 && c < 0x7f ? std::string(1, c) : "?") + "'");
    }
    Push(v);
  }

  Value ParseNumber() {
    const char* start = p_;
    if (*p_ == '-') ++p_;
    if (p_ == end_ || !(*p_ >= '0' && *p_ <= '9')) Fail("expected a digit");
    if (*p_ == '0') {
      ++p_;
      if (p_ < end_ && *p_ >= '0' && *p_ <= '9') Fail("a number may not have a leading zero");
    } else {
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    bool is_float = false;
    if (p_ < end_ && *p_ == '.') {
      is_float = true;
      ++p_;
      if (p_ == end_ || !(*p_ >= '0' && *p_ <= '9')) Fail("expected a digit after '.'");
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      is_float = true;
      ++p_;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !(*p_ >= '0' && *p_ <= '9')) Fail("expected a digit in the exponent");
      while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    }
    Value v;
    v.size = 0;
    if (!is_float) {
      auto [ptr, ec] = std::from_chars(start, p_, v.i);
      if (ec == std::errc()) {
        v.kind = Kind::kInt;
        return v;
      }
      v.kind = Kind::kBigInt;  // kept: an error only where an int64 is wanted
      v.i = 0;
      return v;
    }
    auto [ptr, ec] = std::from_chars(start, p_, v.d);
    if (ec == std::errc::result_out_of_range) {
      // Underflow to a denormal/zero is fine; overflow is not a number we hold.
      char* stop = nullptr;
      double d = std::strtod(std::string(start, p_).c_str(), &stop);
      if (std::isinf(d)) {
        p_ = start;
        Fail("number out of the float64 range");
      }
      v.d = d;
    } else if (ec != std::errc()) {
      Fail("malformed number");
    }
    v.kind = Kind::kFloat;
    return v;
  }

  static int HexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  uint32_t ReadHex4() {
    if (end_ - p_ < 4) Fail("truncated \\u escape");
    uint32_t code = 0;
    for (int k = 0; k < 4; ++k) {
      int h = HexDigit(p_[k]);
      if (h < 0) Fail("invalid \\u escape");
      code = code * 16 + static_cast<uint32_t>(h);
    }
    p_ += 4;
    return code;
  }

  static void AppendUtf8(uint32_t code, std::string* out) {
    if (code < 0x80) {
      out->push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (code >> 6)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (code >> 12)));
      out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (code >> 18)));
      out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }

  // Length of the valid UTF-8 sequence at p (p < end_, *p >= 0x80), or 0.
  size_t Utf8Length(const char* p) const {
    auto u = [&](size_t k) { return static_cast<unsigned char>(p[k]); };
    size_t avail = static_cast<size_t>(end_ - p);
    unsigned char c = u(0);
    auto cont = [&](size_t k) { return k < avail && (u(k) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
      if (!cont(1) || !cont(2)) return 0;
      if (c == 0xE0 && u(1) < 0xA0) return 0;   // overlong
      if (c == 0xED && u(1) >= 0xA0) return 0;  // a surrogate
      return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
      if (!cont(1) || !cont(2) || !cont(3)) return 0;
      if (c == 0xF0 && u(1) < 0x90) return 0;   // overlong
      if (c == 0xF4 && u(1) >= 0x90) return 0;  // past U+10FFFF
      return 4;
    }
    return 0;
  }

  // The string at p_ (on the opening quote); pushes it.
  void ParseString() {
    ++p_;
    const char* start = p_;
    std::string* buf = nullptr;
    while (true) {
      if (p_ == end_) Fail("unterminated string");
      unsigned char c = static_cast<unsigned char>(*p_);
      if (c == '"') break;
      if (c < 0x20) Fail("control character in a string (must be escaped)");
      if (c < 0x80 && c != '\\') {
        if (buf) buf->push_back(static_cast<char>(c));
        ++p_;
        continue;
      }
      if (c >= 0x80) {
        size_t n = Utf8Length(p_);
        if (n == 0) Fail("invalid UTF-8 in a string");
        if (buf) buf->append(p_, n);
        p_ += n;
        continue;
      }
      // An escape: from here on the string is built in its own buffer.
      if (!buf) {
        doc_->unescaped.emplace_back(start, p_);
        buf = &doc_->unescaped.back();
      }
      ++p_;
      if (p_ == end_) Fail("unterminated escape");
      char e = *p_++;
      switch (e) {
        case '"':
          buf->push_back('"');
          break;
        case '\\':
          buf->push_back('\\');
          break;
        case '/':
          buf->push_back('/');
          break;
        case 'b':
          buf->push_back('\b');
          break;
        case 'f':
          buf->push_back('\f');
          break;
        case 'n':
          buf->push_back('\n');
          break;
        case 'r':
          buf->push_back('\r');
          break;
        case 't':
          buf->push_back('\t');
          break;
        case 'u': {
          uint32_t code = ReadHex4();
          if (code >= 0xD800 && code <= 0xDBFF) {
            if (end_ - p_ < 6 || p_[0] != '\\' || p_[1] != 'u')
              Fail("unpaired surrogate in \\u escape");
            p_ += 2;
            uint32_t low = ReadHex4();
            if (low < 0xDC00 || low > 0xDFFF) Fail("unpaired surrogate in \\u escape");
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          } else if (code >= 0xDC00 && code <= 0xDFFF) {
            Fail("unpaired surrogate in \\u escape");
          }
          AppendUtf8(code, buf);
          break;
        }
        default:
          Fail("invalid escape in a string");
      }
    }
    Value v;
    v.kind = Kind::kString;
    size_t len = buf ? buf->size() : static_cast<size_t>(p_ - start);
    if (len > UINT32_MAX) Fail("string too long");
    v.size = static_cast<uint32_t>(len);
    v.str = buf ? buf->data() : start;
    ++p_;  // the closing quote
    Push(v);
  }

  const char* p_;
  const char* begin_;
  const char* end_;
  Doc* doc_;
  std::string_view stream_key_;
  const ElementSink& sink_;
  bool pending_stream_ = false;
  size_t stream_mark_ = 0;
  size_t stream_int_mark_ = 0;
  size_t stream_text_mark_ = 0;
  std::vector<Value> scratch_;
  std::vector<Frame> frames_;
};

}  // namespace

void Parse(std::string_view text, Doc* doc, std::string_view stream_key, const ElementSink& sink) {
  Reader(text, doc, stream_key, sink).Run();
}

}  // namespace json
}  // namespace ffi
}  // namespace tvm
