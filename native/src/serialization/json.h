/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file json.h
 * \brief The core library's own JSON reader and writer.
 *
 * The reader is strict (RFC 8259 plus the three tokens NaN, Infinity and
 * -Infinity that apache-tvm-ffi writes for non-finite floats): it checks
 * UTF-8, decodes \u escapes including surrogate pairs, refuses duplicate
 * keys, numbers out of range and nesting deeper than kMaxDepth, and never
 * recurses. Values land in a flat table (JDoc); a container's children are
 * contiguous in it. A caller that reads one big array element by element
 * (the JSON graph's "nodes") can ask for the elements of the array at one
 * top-level key to be handed over one at a time and dropped after, so the
 * table never holds more than one of them.
 *
 * Internal to the core library.
 */
#ifndef TVM_FFI_SRC_SERIALIZATION_JSON_H_
#define TVM_FFI_SRC_SERIALIZATION_JSON_H_

#include <tvm/ffi/any.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace tvm {
namespace ffi {
namespace json {

/*! \brief How deep arrays and objects may nest, in the reader and the writer. */
constexpr int kMaxDepth = 1000;

/*!
 * \brief A value's kind. kIntArray is an array whose items are all int64
 * integers, kept compactly (8 bytes an item, in Doc::ints): the JSON graph's
 * node lists, which can hold millions of numbers.
 */
enum class Kind : uint8_t {
  kNull,
  kBool,
  kInt,
  kBigInt,
  kFloat,
  kString,
  kArray,
  kObject,
  kIntArray
};

/*! \brief The JSON kind's name, for messages ("an integer", "a string", ...). */
const char* KindName(Kind kind);

/*!
 * \brief One value. Strings point into the text or into the document's
 * own storage (when they had escapes). An array's `size` items, or an
 * object's `size` (key, value) pairs, are at `first` in Doc::values; a
 * kIntArray's items at `first` in Doc::ints.
 */
struct Value {
  Kind kind;
  uint32_t size;
  union {
    int64_t i;
    double d;
    bool b;
    const char* str;
    uint64_t first;
  };
  std::string_view string() const { return std::string_view(str, size); }
};

/*! \brief A parsed document: the root and the table its containers index into. */
struct Doc {
  Value root;
  std::vector<Value> values;
  std::vector<int64_t> ints;
  std::deque<std::string> unescaped;

  static bool IsArray(const Value& v) {
    return v.kind == Kind::kArray || v.kind == Kind::kIntArray;
  }
  /*! \brief The items of a kArray or the members of a kObject. */
  const Value* Items(const Value& v) const { return values.data() + v.first; }
  /*! \brief The items of a kIntArray. */
  const int64_t* Ints(const Value& v) const { return ints.data() + v.first; }
  /*! \brief The member `key` of object `v`, or nullptr. */
  const Value* Find(const Value& v, std::string_view key) const;
};

/*!
 * \brief Called with each element of the streamed array, in order, with its
 * position and the document (whose table holds the element's children until
 * the call returns).
 */
using ElementSink = std::function<void(int64_t index, const Value& element, const Doc& doc)>;

/*!
 * \brief Parses `text`; ValueError naming line and column on any fault.
 * When `stream_key` is given and the root is an object, the elements of the
 * array under that key are passed to `sink` instead of kept (the array
 * stays in the document, empty, with `size` the number of elements).
 */
void Parse(std::string_view text, Doc* doc, std::string_view stream_key = {},
           const ElementSink& sink = nullptr);

/*! \brief Appends JSON text to a buffer. */
class Writer {
 public:
  explicit Writer(std::string* out) : out_(out) {}

  void Raw(std::string_view s) { out_->append(s); }
  void Char(char c) { out_->push_back(c); }
  void Null() { Raw("null"); }
  void Bool(bool b) { Raw(b ? "true" : "false"); }
  void Int(int64_t v);
  /*! \brief Shortest text that reads back to the same double; NaN/Infinity as tokens. */
  void Float(double v);
  /*!
   * \brief A quoted, escaped string; ValueError (with `what` in the message)
   * when `s` is not valid UTF-8, which JSON cannot carry.
   */
  void String(std::string_view s, const char* what = "a string");
  /*!
   * \brief A JSON-compatible ffi value: None, bool, int, float, str, an
   * Array or List (as an array), a Map or Dict with string keys (as an
   * object). TypeError for anything else, ValueError past kMaxDepth.
   * `what` names the value in messages ("metadata").
   */
  void AnyValue(const TVMFFIAny& v, const char* what);

 private:
  std::string* out_;
};

/*!
 * \brief The ffi value of a JSON value: null, bool, int, float, str, an
 * Array of values for an array, a Map with String keys for an object
 * (the shape apache-tvm-ffi's json::Value has). A big integer is ValueError.
 */
Any ToAny(const Value& v, const Doc& doc);

/*! \brief The bytes of a string view (an ffi String, inline or not), for reading. */
std::string_view StringOf(const TVMFFIAny& v);

/*! \brief Standard base64 (RFC 4648, with padding). */
void Base64Encode(std::string_view bytes, std::string* out);
/*! \brief Strict base64 decoding; false on a malformed input. */
bool Base64Decode(std::string_view text, std::string* out);

}  // namespace json
}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_SRC_SERIALIZATION_JSON_H_
