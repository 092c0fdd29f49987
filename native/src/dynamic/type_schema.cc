/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file type_schema.cc
 * \brief Parsing a field's declared type, and checking values against it.
 */
#include "type_schema.h"

#include <tvm/ffi/error.h>

#include <cctype>
#include <cstring>
#include <utility>

namespace tvm {
namespace ffi {
namespace dynamic {
namespace {

using Kind = TypeSchema::Kind;

struct NamedKind {
  const char* name;
  Kind kind;
  /*! \brief Type arguments: -1 none allowed, 0 optional list, n exactly n. */
  int arity;
};

constexpr NamedKind kNames[] = {
    {"int", Kind::kInt, -1},       {"float", Kind::kFloat, -1},
    {"bool", Kind::kBool, -1},     {"str", Kind::kStr, -1},
    {"bytes", Kind::kBytes, -1},   {"Any", Kind::kAny, -1},
    {"None", Kind::kNone, -1},     {"Callable", Kind::kFunction, -1},
    {"Object", Kind::kObject, -1}, {"Optional", Kind::kOptional, 1},
    {"Union", Kind::kUnion, 0},    {"Array", Kind::kArray, 1},
    {"List", Kind::kList, 1},      {"Map", Kind::kMap, 2},
    {"Dict", Kind::kDict, 2},
};

/*! \brief Recursive descent over `name[arg, ...]`. */
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  TypeSchema ParseAll() {
    TypeSchema s = ParseOne();
    SkipSpace();
    if (pos_ != text_.size()) Fail("unexpected `" + std::string(text_.substr(pos_)) + "`");
    return s;
  }

 private:
  [[noreturn]] void Fail(const std::string& why) {
    TVM_FFI_THROW(ValueError) << "bad type schema `" << text_ << "`: " << why;
  }

  void SkipSpace() {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  }

  bool Accept(char c) {
    SkipSpace();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  std::string_view Name() {
    SkipSpace();
    size_t begin = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) ||
                                   text_[pos_] == '_' || text_[pos_] == '.')) {
      ++pos_;
    }
    if (begin == pos_) Fail("a type name expected at offset " + std::to_string(begin));
    return text_.substr(begin, pos_ - begin);
  }

  TypeSchema ParseOne() {
    std::string_view name = Name();
    TypeSchema s;
    const NamedKind* named = nullptr;
    for (const NamedKind& n : kNames) {
      if (name == n.name) named = &n;
    }
    if (named == nullptr) {  // a type key
      TVMFFIByteArray key{name.data(), name.size()};
      int32_t index = -1;
      if (TVMFFITypeKeyToIndex(&key, &index) != 0) throw details::MoveFromRaised();
      if (index < kTVMFFIStaticObjectBegin)
        Fail("`" + std::string(name) + "` is not an object type");
      s.kind = Kind::kObject;
      s.type_index = index;
    } else {
      s.kind = named->kind;
    }
    if (Accept('[')) {
      if (named == nullptr || named->arity < 0)
        Fail("`" + std::string(name) + "` takes no arguments");
      do {
        s.args.push_back(ParseOne());
      } while (Accept(','));
      if (!Accept(']')) Fail("`]` expected");
      if (named->arity > 0 && static_cast<int>(s.args.size()) != named->arity) {
        Fail("`" + std::string(name) + "` takes " + std::to_string(named->arity) + " argument(s)");
      }
    } else if (named != nullptr && named->arity >= 0) {
      // A bare container is a container of Any; a bare Optional or Union is not a type.
      if (s.kind == Kind::kOptional || s.kind == Kind::kUnion)
        Fail("`" + std::string(name) + "` needs arguments");
      s.args.assign(static_cast<size_t>(named->arity == 2 ? 2 : 1), TypeSchema{});
      for (TypeSchema& a : s.args) a.text = "Any";
    }
    s.text = std::string(name);
    if (!s.args.empty() && (named == nullptr || named->arity >= 0)) {
      s.text += "[";
      for (size_t i = 0; i < s.args.size(); ++i) s.text += (i ? ", " : "") + s.args[i].text;
      s.text += "]";
    }
    return s;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

TVMFFIAny Pod(int32_t type_index, int64_t v) {
  TVMFFIAny r;
  r.type_index = type_index;
  r.zero_padding = 0;
  r.v_int64 = v;
  return r;
}

bool SameBits(const TVMFFIAny& a, const TVMFFIAny& b) {
  return a.type_index == b.type_index && a.v_int64 == b.v_int64;
}

bool IsSeq(int32_t t) { return t == kTVMFFIArray || t == kTVMFFIList; }
bool IsMap(int32_t t) { return t == kTVMFFIMap || t == kTVMFFIDict; }

/*!
 * \brief A sequence with every item converted to `item`, of kind `target`;
 * the same object when it is of that kind and no item changed.
 */
bool ConvertSeq(const TypeSchema& item, int32_t target, const TVMFFIAny& value, Any* out) {
  const auto* cell = reinterpret_cast<const TVMFFISeqCell*>(value.v_obj + 1);
  std::vector<Any> items;
  items.reserve(static_cast<size_t>(cell->size));
  bool changed = value.type_index != target;
  for (int64_t i = 0; i < cell->size; ++i) {
    Any converted;
    if (!item.Convert(cell->data[i], &converted)) return false;
    changed = changed || !SameBits(*converted.raw(), cell->data[i]);
    items.push_back(std::move(converted));
  }
  if (!changed) {
    *out = Any(AnyView::FromRaw(value));
    return true;
  }
  std::vector<TVMFFIAny> raw;
  raw.reserve(items.size());
  for (const Any& a : items) raw.push_back(*a.raw());
  TVMFFIObject* seq = nullptr;
  if (TVMFFISeqCreate(target, raw.data(), static_cast<int64_t>(raw.size()), &seq) != 0) {
    throw details::MoveFromRaised();
  }
  TVMFFIAny r = Pod(target, 0);
  r.v_obj = seq;
  *out = Any::FromRawOwned(r);
  return true;
}

/*! \brief ConvertSeq for Map/Dict, keys and values. */
bool ConvertMap(const TypeSchema& key, const TypeSchema& val, int32_t target,
                const TVMFFIAny& value, Any* out) {
  const auto* cell = reinterpret_cast<const TVMFFIMapCell*>(value.v_obj + 1);
  std::vector<Any> keys, vals;
  bool changed = value.type_index != target;
  for (int64_t i = 0; i < cell->size; ++i) {
    Any k, v;
    if (!key.Convert(cell->entries[i].key, &k) || !val.Convert(cell->entries[i].value, &v)) {
      return false;
    }
    changed = changed || !SameBits(*k.raw(), cell->entries[i].key) ||
              !SameBits(*v.raw(), cell->entries[i].value);
    keys.push_back(std::move(k));
    vals.push_back(std::move(v));
  }
  if (!changed) {
    *out = Any(AnyView::FromRaw(value));
    return true;
  }
  std::vector<TVMFFIAny> raw_keys, raw_vals;
  for (size_t i = 0; i < keys.size(); ++i) {
    raw_keys.push_back(*keys[i].raw());
    raw_vals.push_back(*vals[i].raw());
  }
  TVMFFIObject* map = nullptr;
  if (TVMFFIMapCreate(target, raw_keys.data(), raw_vals.data(), static_cast<int64_t>(keys.size()),
                      &map) != 0) {
    throw details::MoveFromRaised();
  }
  TVMFFIAny r = Pod(target, 0);
  r.v_obj = map;
  *out = Any::FromRawOwned(r);
  return true;
}

}  // namespace

TypeSchema TypeSchema::Parse(std::string_view text) { return Parser(text).ParseAll(); }

int32_t TypeSchema::Storage() const {
  switch (kind) {
    case Kind::kInt:
      return kTVMFFIFieldStorageInt64;
    case Kind::kFloat:
      return kTVMFFIFieldStorageFloat64;
    case Kind::kBool:
      return kTVMFFIFieldStorageBool;
    case Kind::kObject:
    case Kind::kFunction:
    case Kind::kArray:
    case Kind::kList:
    case Kind::kMap:
    case Kind::kDict:
      return kTVMFFIFieldStorageObject;
    case Kind::kOptional:  // None is the null pointer
      return args[0].Storage() == kTVMFFIFieldStorageObject ? kTVMFFIFieldStorageObject
                                                            : kTVMFFIFieldStorageAny;
    default:
      return kTVMFFIFieldStorageAny;
  }
}

bool TypeSchema::Convert(const TVMFFIAny& value, Any* out) const {
  int32_t t = value.type_index;
  auto keep = [&] {
    *out = Any(AnyView::FromRaw(value));
    return true;
  };
  switch (kind) {
    case Kind::kAny:
      return keep();
    case Kind::kNone:
      return t == kTVMFFINone && keep();
    case Kind::kInt:
      if (t == kTVMFFIInt) return keep();
      if (t != kTVMFFIBool) return false;
      *out = Any::FromRawOwned(Pod(kTVMFFIInt, value.v_int64 != 0));
      return true;
    case Kind::kFloat: {
      if (t == kTVMFFIFloat) return keep();
      if (t != kTVMFFIInt && t != kTVMFFIBool) return false;
      TVMFFIAny r = Pod(kTVMFFIFloat, 0);
      r.v_float64 = static_cast<double>(t == kTVMFFIBool ? value.v_int64 != 0 : value.v_int64);
      *out = Any::FromRawOwned(r);
      return true;
    }
    case Kind::kBool:
      if (t == kTVMFFIBool) return keep();
      if (t != kTVMFFIInt) return false;
      *out = Any::FromRawOwned(Pod(kTVMFFIBool, value.v_int64 != 0));
      return true;
    case Kind::kStr:
      return (t == kTVMFFISmallStr || t == kTVMFFIStr || t == kTVMFFIRawStr) && keep();
    case Kind::kBytes:
      return (t == kTVMFFISmallBytes || t == kTVMFFIBytes) && keep();
    case Kind::kFunction:
      return t == kTVMFFIFunction && keep();
    case Kind::kObject:
      return t >= kTVMFFIStaticObjectBegin && details::IsInstanceOfIndex(t, type_index) && keep();
    case Kind::kOptional:
      return t == kTVMFFINone ? keep() : args[0].Convert(value, out);
    case Kind::kUnion:
      for (const TypeSchema& a : args) {
        if (a.Convert(value, out)) return true;
      }
      return false;
    case Kind::kArray:
    case Kind::kList:
      return IsSeq(t) &&
             ConvertSeq(args[0], kind == Kind::kArray ? kTVMFFIArray : kTVMFFIList, value, out);
    case Kind::kMap:
    case Kind::kDict:
      return IsMap(t) && ConvertMap(args[0], args[1], kind == Kind::kMap ? kTVMFFIMap : kTVMFFIDict,
                                    value, out);
  }
  return false;
}

}  // namespace dynamic
}  // namespace ffi
}  // namespace tvm
