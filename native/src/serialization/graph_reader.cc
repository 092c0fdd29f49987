/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file graph_reader.cc
 * \brief The JSON graph format to an object graph, safely.
 *
 * Each element of "nodes" is checked and turned into its value as the
 * reader passes it (the JSON of only one node is in memory at a time):
 * a leaf becomes its value, a container or reflected object becomes an
 * empty shell (an object's inline fields and defaults already set) and its
 * children's numbers are kept. When the text is read, the numbers are
 * checked against the node count and the shells reachable from the root
 * are filled children first, with an explicit stack, so any graph the
 * format can state loads, cycles included, at any depth. Every fault is a
 * ValueError naming the node; on a fault the shells are emptied before they
 * are dropped, so a cycle among them cannot leak.
 */
#include <tvm/ffi/c_api_dynamic.h>
#include <tvm/ffi/enum.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <memory>
#include <unordered_map>

#include "../container_internal.h"
#include "../dataclass/graph.h"
#include "../dynamic/dynamic_type.h"
#include "graph_format.h"
#include "json.h"

namespace tvm {
namespace ffi {
namespace serialization {
namespace {

using dataclass::FieldCursor;
using reflection::type_attr::kDataFromJson;

enum class Shape : uint8_t { kLeaf, kSeq, kMap, kObject };
enum class State : uint8_t { kNew, kOpen, kFilled };

struct Node {
  Any value;
  uint32_t child_begin = 0;  // in GraphReader::children_
  // While open: its place on the fill stack. Once filled: the node still
  // open (an ancestor on the stack) its contents reach through a cycle,
  // or -1; while that one is open, this node is not complete.
  int32_t stack_pos = -1;
  uint32_t num_children = 0;  // objects: one per field, -1 where nothing is to fill
  Shape shape = Shape::kLeaf;
  State state = State::kNew;
};

/*!
 * \brief The node records, in fixed blocks of 64K: growing never copies
 * (no moment with twice the records), and each block is big enough to be
 * its own mapping, given back whole when the load ends rather than left as
 * holes among the loaded objects.
 */
class NodeTable {
 public:
  static constexpr size_t kBlock = size_t{1} << 16;

  size_t size() const { return size_; }
  Node& operator[](size_t i) { return blocks_[i / kBlock][i % kBlock]; }
  const Node& operator[](size_t i) const { return blocks_[i / kBlock][i % kBlock]; }
  Node& back() { return (*this)[size_ - 1]; }
  void emplace_back() {
    if (size_ == blocks_.size() * kBlock) blocks_.emplace_back(new Node[kBlock]);
    ++size_;
  }
  template <typename F>
  void ForEach(F f) {
    for (size_t i = 0; i < size_; ++i) f((*this)[i]);
  }

 private:
  std::vector<std::unique_ptr<Node[]>> blocks_;
  size_t size_ = 0;
};

std::string_view NameOf(const TVMFFIFieldInfo* f) {
  return std::string_view(f->name.data, f->name.size);
}

class GraphReader {
 public:
  GraphReader() = default;
  GraphReader(const GraphReader&) = delete;
  GraphReader& operator=(const GraphReader&) = delete;

  Any Run(std::string_view text) {
    try {
      json::Doc doc;
      json::Parse(text, &doc, "nodes", [this](int64_t i, const json::Value& v, const json::Doc& d) {
        ReadNode(i, v, d);
      });
      int64_t root = CheckTopLevel(doc);
      Fill(root);
      return nodes_[static_cast<size_t>(root)].value;
    } catch (...) {
      EmptyShells();
      throw;
    }
  }

 private:
  [[noreturn]] static void Fail(int64_t node, const std::string& what) {
    throw Error("ValueError", "invalid JSON graph: node " + std::to_string(node) + ": " + what);
  }
  [[noreturn]] static void FailTop(const std::string& what) {
    throw Error("ValueError", "invalid JSON graph: " + what);
  }

  static std::string Got(const json::Value& v) {
    return std::string("got ") + json::KindName(v.kind);
  }

  int64_t CheckTopLevel(const json::Doc& doc) {
    const json::Value& top = doc.root;
    if (top.kind != json::Kind::kObject) FailTop("expected a JSON object at the top, " + Got(top));
    const json::Value* members = doc.Items(top);
    const json::Value* root_index = nullptr;
    bool has_nodes = false;
    for (uint32_t k = 0; k < top.size; ++k) {
      std::string_view key = members[2 * k].string();
      const json::Value& value = members[2 * k + 1];
      if (key == "root_index") {
        root_index = &value;
      } else if (key == "nodes") {
        if (!json::Doc::IsArray(value)) FailTop("`nodes` must be an array, " + Got(value));
        if (value.kind == json::Kind::kIntArray && value.size != 0) {
          Fail(0, "expected an object, got an integer");
        }
        has_nodes = true;
      } else if (key != "metadata") {
        FailTop("unexpected top-level key \"" + std::string(key) +
                "\" (expected root_index, nodes, metadata)");
      }
    }
    if (!has_nodes) FailTop("missing `nodes`");
    if (root_index == nullptr) FailTop("missing `root_index`");
    if (root_index->kind != json::Kind::kInt)
      FailTop("`root_index` must be an integer, " + Got(*root_index));
    const int64_t n = static_cast<int64_t>(nodes_.size());
    if (root_index->i < 0 || root_index->i >= n) {
      FailTop("`root_index` " + std::to_string(root_index->i) + " is not a node (there are " +
              std::to_string(n) + ")");
    }
    for (size_t i = 0; i < nodes_.size(); ++i) {
      const Node& node = nodes_[i];
      for (uint32_t k = 0; k < node.num_children; ++k) {
        int64_t c = children_[node.child_begin + k];
        if (c >= n) {
          Fail(static_cast<int64_t>(i), "refers to node " + std::to_string(c) + ", but there are " +
                                            std::to_string(n) + " nodes");
        }
      }
    }
    return root_index->i;
  }

  int32_t TypeIndexOf(int64_t node, std::string_view key) {
    if (key == last_key_) return last_index_;
    int32_t index;
    if (key == kNoneKey) {
      index = kTVMFFINone;
    } else if (key == kBoolKey) {
      index = kTVMFFIBool;
    } else if (key == kIntKey) {
      index = kTVMFFIInt;
    } else if (key == kFloatKey) {
      index = kTVMFFIFloat;
    } else {
      TVMFFIByteArray bytes{key.data(), key.size()};
      if (TVMFFITypeKeyToIndex(&bytes, &index) != 0) {
        details::MoveFromRaised();  // dropped: the message below says more
        Fail(node, "unknown type key \"" + std::string(key) +
                       "\" (is the module that defines it imported, or its library loaded?)");
      }
    }
    last_key_.assign(key.data(), key.size());
    last_index_ = index;
    return index;
  }

  /*! \brief A node's `type` (a string) and `data` (NULL when absent), checked. */
  std::pair<const json::Value*, const json::Value*> NodeParts(int64_t i, const json::Value& v,
                                                              const json::Doc& doc) {
    if (v.kind != json::Kind::kObject) Fail(i, "expected an object, " + Got(v));
    const json::Value* type = nullptr;
    const json::Value* data = nullptr;
    const json::Value* members = doc.Items(v);
    for (uint32_t k = 0; k < v.size; ++k) {
      std::string_view key = members[2 * k].string();
      if (key == "type") {
        type = &members[2 * k + 1];
      } else if (key == "data") {
        data = &members[2 * k + 1];
      } else {
        Fail(i, "unexpected key \"" + std::string(key) + "\" (a node has only type and data)");
      }
    }
    if (type == nullptr) Fail(i, "missing `type`");
    if (type->kind != json::Kind::kString) Fail(i, "`type` must be a string, " + Got(*type));
    return {type, data};
  }

  void ReadNode(int64_t i, const json::Value& v, const json::Doc& doc) {
    if (i != static_cast<int64_t>(nodes_.size())) FailTop("duplicate key \"nodes\"");
    if (i >= INT32_MAX) Fail(i, "too many nodes");
    auto [type, data] = NodeParts(i, v, doc);
    int32_t type_index = TypeIndexOf(i, type->string());
    nodes_.emplace_back();
    Node& node = nodes_.back();
    static const json::Value kNull = [] {
      json::Value n;
      n.kind = json::Kind::kNull;
      n.size = 0;
      n.i = 0;
      return n;
    }();
    const json::Value& d = data ? *data : kNull;
    auto need = [&](json::Kind kind, const char* what) {
      if (d.kind != kind) {
        Fail(i, std::string("`") + std::string(type->string()) + "` data must be " + what + ", " +
                    (data ? Got(d) : std::string("but it is missing")));
      }
    };
    switch (type_index) {
      case kTVMFFINone:
        if (data && d.kind != json::Kind::kNull) Fail(i, "`None` has no data, " + Got(d));
        return;
      case kTVMFFIBool:
        need(json::Kind::kBool, "a bool");
        node.value = Any(d.b);
        return;
      case kTVMFFIInt:
        if (d.kind == json::Kind::kBigInt) Fail(i, "int out of the int64 range");
        need(json::Kind::kInt, "an integer");
        node.value = Any(d.i);
        return;
      case kTVMFFIFloat:
        if (d.kind == json::Kind::kInt) {
          node.value = Any(static_cast<double>(d.i));
          return;
        }
        need(json::Kind::kFloat, "a number");
        node.value = Any(d.d);
        return;
      case kTVMFFIStr: {
        need(json::Kind::kString, "a string");
        TVMFFIAny out;
        details::MakeOwnedStr(d.str, d.size, kTVMFFISmallStr, kTVMFFIStr, &out);
        node.value = Any::FromRawOwned(out);
        return;
      }
      case kTVMFFIBytes: {
        need(json::Kind::kString, "a base64 string");
        std::string bytes;
        if (!json::Base64Decode(d.string(), &bytes))
          Fail(i, "`ffi.Bytes` data is not valid base64");
        TVMFFIAny out;
        details::MakeOwnedStr(bytes.data(), bytes.size(), kTVMFFISmallBytes, kTVMFFIBytes, &out);
        node.value = Any::FromRawOwned(out);
        return;
      }
      case kTVMFFIArray:
      case kTVMFFIList:
      case kTVMFFIMap:
      case kTVMFFIDict:
        return ReadContainer(i, type_index, d, doc, need);
      case kTVMFFISentinel: {
        need(json::Kind::kString, "MISSING or KWARGS");
        std::string_view name = d.string();
        int32_t kind = name == "MISSING"  ? kTVMFFISentinelMissing
                       : name == "KWARGS" ? kTVMFFISentinelKwargs
                                          : -1;
        if (kind < 0) Fail(i, "unknown sentinel \"" + std::string(name) + "\"");
        node.value = Any(AnyView::FromRaw(dataclass::ObjectView(TVMFFIGetSentinel(kind))));
        return;
      }
      default:
        return ReadReflected(i, type_index, d, doc, node);
    }
  }

  /*! \brief A node of a registered object type: an enum variant, a hook's data, or fields. */
  void ReadReflected(int64_t i, int32_t type_index, const json::Value& d, const json::Doc& doc,
                     Node& node) {
    const TypeFacts& facts = FactsOf(type_index);
    const std::string& type_key = facts.key;
    if (type_index < kTVMFFIStaticObjectBegin || type_index == kTVMFFIObject ||
        type_index == kTVMFFIFunction || type_index == kTVMFFIError ||
        type_index == kTVMFFIModule || type_index == kTVMFFIOpaquePyObject) {
      Fail(i, "`" + type_key + "` values cannot be loaded from JSON");
    }
    if (details::IsUniqueInstanceType(type_index)) {
      node.value = Variant(i, type_index, type_key, d);
      return;
    }
    if (const FunctionObj* hook = facts.from_json) {
      Any made;
      try {
        made = dataclass::CallHook(hook, json::ToAny(d, doc));
      } catch (const Error& err) {
        Fail(i, std::string(kDataFromJson) + " of `" + type_key + "` failed: " + err.kind() + ": " +
                    err.message());
      }
      if (made.type_index() < kTVMFFIStaticObjectBegin ||
          !details::IsInstanceOfIndex(made.type_index(), type_index)) {
        Fail(i, std::string(kDataFromJson) + " of `" + type_key + "` returned a `" +
                    made.GetTypeKey() + "`, not a `" + type_key + "`");
      }
      node.value = std::move(made);
      return;
    }
    ReadObject(i, type_index, facts, d, doc);
  }

  /*! \brief What loading a node of one type needs, looked up once per type and load. */
  struct TypeFacts {
    bool ready = false;
    std::string key;
    const FunctionObj* from_json = nullptr;
    const dynamic::Layout* layout = nullptr;
    const FunctionObj* new_fn = nullptr;
  };

  const TypeFacts& FactsOf(int32_t type_index) {
    size_t slot = static_cast<size_t>(type_index);
    if (slot >= facts_.size()) facts_.resize(slot + 1);
    TypeFacts& f = facts_[slot];
    if (!f.ready) {
      f.key = details::TypeIndexToKey(type_index);
      f.from_json = DataFromJsonHook(type_index);
      f.layout = dynamic::FinishedLayoutOf(type_index);
      f.new_fn = dataclass::HookOf(type_index, dataclass::Hook::kNew);
      f.ready = true;
    }
    return f;
  }

  template <typename Need>
  void ReadContainer(int64_t i, int32_t type_index, const json::Value& d, const json::Doc& doc,
                     Need need) {
    Node& node = nodes_.back();
    bool is_map = type_index == kTVMFFIMap || type_index == kTVMFFIDict;
    if (!json::Doc::IsArray(d)) {
      need(json::Kind::kArray, is_map ? "an array of alternating key and value node numbers"
                                      : "an array of node numbers");
    }
    if (is_map && d.size % 2 != 0) {
      Fail(i, "a map's data must have an even length (key, value, ...), got " +
                  std::to_string(d.size));
    }
    node.child_begin = ChildBegin(i, d.size);
    node.num_children = d.size;
    if (d.kind == json::Kind::kIntArray) {
      const int64_t* numbers = doc.Ints(d);
      for (uint32_t k = 0; k < d.size; ++k)
        children_.push_back(NodeNumber(i, numbers[k], "an item"));
    } else {
      const json::Value* items = doc.Items(d);
      for (uint32_t k = 0; k < d.size; ++k) children_.push_back(NodeNumber(i, items[k], "an item"));
    }
    TVMFFIObject* shell = nullptr;
    if (is_map) {
      TVM_FFI_CHECK_SAFE_CALL(TVMFFIMapCreate(type_index, nullptr, nullptr, 0, &shell));
    } else {
      TVM_FFI_CHECK_SAFE_CALL(TVMFFISeqCreate(type_index, nullptr, 0, &shell));
    }
    node.value = Any::FromRawOwned(dataclass::ObjectView(shell));
    if (!is_map) details::SeqReserve(shell, d.size);
    node.shape = is_map ? Shape::kMap : Shape::kSeq;
  }

  // Where a node's `count` children will start; every position of them fits a uint32.
  uint32_t ChildBegin(int64_t i, size_t count) const {
    if (children_.size() + count >= UINT32_MAX) Fail(i, "too many node references in one graph");
    return static_cast<uint32_t>(children_.size());
  }

  static int32_t NodeNumber(int64_t i, const json::Value& v, const std::string& what) {
    if (v.kind != json::Kind::kInt) Fail(i, what + " must be a node number, " + Got(v));
    return NodeNumber(i, v.i, what);
  }
  static int32_t NodeNumber(int64_t i, int64_t number, const std::string& what) {
    if (number < 0 || number >= INT32_MAX) {
      Fail(i, what + " refers to node " + std::to_string(number) + ", which cannot exist");
    }
    return static_cast<int32_t>(number);
  }

  Any Variant(int64_t i, int32_t type_index, const std::string& type_key, const json::Value& d) {
    if (d.kind == json::Kind::kString) {
      TVMFFIByteArray name{d.str, d.size};
      TVMFFIObjectHandle out = nullptr;
      if (TVMFFIEnumGetEntry(type_index, &name, &out) != 0) {
        details::MoveFromRaised();
        Fail(i, "`" + type_key + "` has no variant \"" + std::string(d.string()) + "\"");
      }
      return Any::FromRawOwned(dataclass::ObjectView(out));
    }
    if (d.kind == json::Kind::kInt) {  // an ordinal, as apache-tvm-ffi writes an IntEnum
      TVMFFIObjectHandle table = nullptr;
      TVM_FFI_CHECK_SAFE_CALL(TVMFFIEnumGetTable(type_index, kTVMFFIEnumEntries, 0, &table));
      Any hold = table ? Any::FromRawOwned(dataclass::ObjectView(table)) : Any();
      if (table != nullptr) {
        const TVMFFIMapCell& cell = dataclass::MapOf(table);
        for (int64_t k = 0; k < cell.size; ++k) {
          const TVMFFIAny& variant = cell.entries[k].value;
          if (!dataclass::IsObject(variant)) continue;
          const auto* obj =
              reinterpret_cast<const EnumObj*>(details::ObjectUnsafe::FromHeader(variant.v_obj));
          if (obj->value == d.i) return Any(AnyView::FromRaw(variant));
        }
      }
      Fail(i, "`" + type_key + "` has no variant with value " + std::to_string(d.i));
    }
    Fail(i, "`" + type_key + "` data must be a variant name (a string), " + Got(d));
  }

  Any NewShell(int64_t i, int32_t type_index, const TypeFacts& facts) {
    if (facts.layout != nullptr) return dynamic::NewBlankObject(facts.layout);
    if (facts.new_fn == nullptr) {
      Fail(i, "`" + facts.key + "` cannot be loaded: it registers no __ffi_new__ and no " +
                  kDataFromJson);
    }
    Any made = dataclass::CallHook(facts.new_fn);
    if (made.type_index() < kTVMFFIStaticObjectBegin ||
        !details::IsInstanceOfIndex(made.type_index(), type_index)) {
      Fail(i, "__ffi_new__ of `" + facts.key + "` returned a `" + made.GetTypeKey() + "`");
    }
    return made;
  }

  void ReadObject(int64_t i, int32_t type_index, const TypeFacts& facts, const json::Value& d,
                  const json::Doc& doc) {
    const std::string& type_key = facts.key;
    if (d.kind != json::Kind::kObject) {
      Fail(i, "`" + type_key + "` data must be an object of its fields, " + Got(d));
    }
    Any shell = NewShell(i, type_index, facts);
    Node& node = nodes_.back();
    node.value = shell;
    node.shape = Shape::kObject;
    FieldCursor fields(type_index);
    size_t num_fields = fields.size();
    node.child_begin = ChildBegin(i, num_fields);
    node.num_children = static_cast<uint32_t>(num_fields);
    uint32_t matched = 0;
    TVMFFIObject* obj = shell.raw()->v_obj;
    for (size_t k = 0; k < num_fields; ++k) {
      const TVMFFIFieldInfo* f = fields[k];
      const json::Value* value = doc.Find(d, NameOf(f));
      if (value == nullptr) {
        children_.push_back(-1);
        if (!(f->flags & kTVMFFIFieldFlagHasDefault)) {
          Fail(i, "`" + type_key + "` is missing its field `" + std::string(NameOf(f)) + "`");
        }
        AnyView stored = AnyView::FromRaw(f->default_value);
        Any def = (f->flags & kTVMFFIFieldFlagDefaultFromFactory) ? stored.cast<Function>()()
                                                                  : Any(stored);
        SetField(i, type_key, obj, f, *def.raw());
        continue;
      }
      ++matched;
      if (!IsInlineField(f)) {
        children_.push_back(NodeNumber(i, *value, "field `" + std::string(NameOf(f)) + "`"));
        continue;
      }
      children_.push_back(-1);
      Any scalar;
      switch (value->kind) {
        case json::Kind::kNull:
          break;
        case json::Kind::kBool:
          scalar = Any(value->b);
          break;
        case json::Kind::kInt:
          scalar = f->static_type_index == kTVMFFIFloat ? Any(static_cast<double>(value->i))
                                                        : Any(value->i);
          break;
        case json::Kind::kFloat:
          scalar = Any(value->d);
          break;
        default:
          Fail(i, "field `" + std::string(NameOf(f)) + "` of `" + type_key +
                      "` must be an inline number, bool or null, " + Got(*value));
      }
      SetField(i, type_key, obj, f, *scalar.raw());
    }
    if (matched != d.size) {
      const json::Value* members = doc.Items(d);
      for (uint32_t k = 0; k < d.size; ++k) {
        std::string_view key = members[2 * k].string();
        bool known = false;
        for (size_t j = 0; j < num_fields && !known; ++j) known = NameOf(fields[j]) == key;
        if (!known) Fail(i, "`" + type_key + "` has no field `" + std::string(key) + "`");
      }
    }
    // An object whose fields are all inline or defaulted has nothing to fill:
    // it keeps no entries (a big graph of such objects needs no child table).
    bool has_children = false;
    for (size_t k = node.child_begin; k < children_.size() && !has_children; ++k) {
      has_children = children_[k] >= 0;
    }
    if (!has_children) {
      children_.resize(node.child_begin);
      node.num_children = 0;
    }
  }

  static void SetField(int64_t i, const std::string& type_key, TVMFFIObject* obj,
                       const TVMFFIFieldInfo* f, const TVMFFIAny& value) {
    if (dataclass::WriteField(obj, f, value) != 0) {
      Error err = details::MoveFromRaised();
      Fail(i, "field `" + std::string(NameOf(f)) + "` of `" + type_key + "`: " + err.message());
    }
  }

  // Fills the shells reachable from `root`, children before parents. A
  // child still open is a cycle: its shell is used as it is, provided the
  // cycle passes a List, Dict or object. One made of Arrays and Maps alone
  // cannot be built by any program (they are immutable, so each holds only
  // what existed before it) and, loaded, could never be freed.
  void Fill(int64_t root) {
    struct Entry {
      uint32_t node;
      uint32_t next;         // the next child
      int64_t last_mutable;  // the highest stack position <= this one that can close a cycle
      int32_t reaches_open;  // the lowest-placed open node its contents reach, or -1
    };
    // Lowers `entry.reaches_open` to open node `m` when `m` sits lower on the stack.
    auto note_open = [&](Entry& entry, int32_t m) {
      if (m < 0 || nodes_[static_cast<size_t>(m)].state != State::kOpen) return;
      int32_t cur = entry.reaches_open;
      if (cur < 0 ||
          nodes_[static_cast<size_t>(m)].stack_pos < nodes_[static_cast<size_t>(cur)].stack_pos) {
        entry.reaches_open = m;
      }
    };
    std::vector<Entry> stack;
    auto enter = [&](uint32_t n) {
      Node& node = nodes_[n];
      if (node.shape == Shape::kLeaf || node.state != State::kNew) return;
      node.state = State::kOpen;
      int32_t t = node.value.raw()->type_index;
      bool can_close = node.shape == Shape::kObject || t == kTVMFFIList || t == kTVMFFIDict;
      int64_t pos = static_cast<int64_t>(stack.size());
      node.stack_pos = static_cast<int32_t>(pos);
      stack.push_back(
          {n, 0, can_close ? pos : (stack.empty() ? -1 : stack.back().last_mutable), -1});
    };
    enter(static_cast<uint32_t>(root));
    while (!stack.empty()) {
      Entry& top = stack.back();
      const Node& node = nodes_[top.node];
      if (top.next < node.num_children) {
        int32_t c = children_[node.child_begin + top.next++];
        if (c < 0) continue;
        const Node& child = nodes_[static_cast<size_t>(c)];
        if (child.state == State::kOpen && top.last_mutable < child.stack_pos) {
          Fail(top.node, "refers back to node " + std::to_string(c) +
                             " through Arrays and Maps only: such a cycle cannot exist (only a "
                             "List, Dict or object can close one)");
        }
        if (child.state == State::kOpen) {
          note_open(top, c);
        } else if (child.state == State::kFilled) {
          note_open(top, child.stack_pos);
        }
        enter(static_cast<uint32_t>(c));
        continue;
      }
      uint32_t done = top.node;
      int32_t reaches = top.reaches_open == static_cast<int32_t>(done) ? -1 : top.reaches_open;
      stack.pop_back();
      FillNode(done);
      nodes_[done].state = State::kFilled;
      nodes_[done].stack_pos = reaches;
      if (!stack.empty()) note_open(stack.back(), reaches);
    }
  }

  const Any& Child(const Node& node, uint32_t k) const {
    return nodes_[static_cast<size_t>(children_[node.child_begin + k])].value;
  }

  void FillNode(uint32_t n) {
    Node& node = nodes_[n];
    TVMFFIObject* obj = node.value.raw()->v_obj;
    switch (node.shape) {
      case Shape::kSeq: {
        // In chunks: a temporary copy of a million items would double the
        // memory a big list needs while it is filled.
        constexpr uint32_t kChunk = 512;
        TVMFFIAny items[kChunk];
        for (uint32_t k = 0; k < node.num_children; k += kChunk) {
          uint32_t n = std::min(kChunk, node.num_children - k);
          for (uint32_t j = 0; j < n; ++j) items[j] = *Child(node, k + j).raw();
          TVM_FFI_CHECK_SAFE_CALL(TVMFFISeqInsert(obj, dataclass::SeqOf(obj).size, items, n));
        }
        return;
      }
      case Shape::kMap: {
        const TVMFFIMapCell& cell = dataclass::MapOf(obj);
        for (uint32_t k = 0; k < node.num_children; k += 2) {
          // An Array key is hashed by its contents as it is inserted (other
          // objects key by identity): one still being built (a cycle runs
          // through it back to a node not yet filled) would be stored under
          // the hash of its unfinished contents.
          const Node& key = nodes_[static_cast<size_t>(children_[node.child_begin + k])];
          if (key.shape == Shape::kSeq && key.value.raw()->type_index == kTVMFFIArray &&
              (key.state == State::kOpen ||
               (key.stack_pos >= 0 &&
                nodes_[static_cast<size_t>(key.stack_pos)].state == State::kOpen))) {
            Fail(n, "key node " + std::to_string(children_[node.child_begin + k]) +
                        " is part of a cycle through its own map: a key must be complete "
                        "before it is hashed");
          }
          int64_t before = cell.size;
          if (TVMFFIMapSetItem(obj, Child(node, k).raw(), Child(node, k + 1).raw()) != 0) {
            Error err = details::MoveFromRaised();
            Fail(n, "key node " + std::to_string(children_[node.child_begin + k]) + ": " +
                        err.kind() + ": " + err.message());
          }
          if (cell.size == before) {
            Fail(n, "key node " + std::to_string(children_[node.child_begin + k]) +
                        " is a key already in the map");
          }
        }
        return;
      }
      case Shape::kObject: {
        FieldCursor fields(obj->type_index);
        std::string type_key;
        for (uint32_t k = 0; k < node.num_children; ++k) {
          if (children_[node.child_begin + k] < 0) continue;
          if (type_key.empty()) type_key = details::TypeIndexToKey(obj->type_index);
          SetField(n, type_key, obj, fields[k], *Child(node, k).raw());
        }
        return;
      }
      case Shape::kLeaf:
        return;
    }
  }

  // On a fault: whatever the shells were given goes, so no cycle among them survives.
  void EmptyShells() {
    nodes_.ForEach([&](Node& node) {
      if (node.shape == Shape::kLeaf || node.value.raw()->type_index < kTVMFFIStaticObjectBegin)
        return;
      TVMFFIObject* obj = node.value.raw()->v_obj;
      if (node.shape == Shape::kSeq) {
        (void)TVMFFISeqErase(obj, 0, dataclass::SeqOf(obj).size);
      } else if (node.shape == Shape::kMap) {
        (void)TVMFFIMapClear(obj);
      } else {
        FieldCursor fields(obj->type_index);
        for (uint32_t k = 0; k < node.num_children && k < fields.size(); ++k) {
          if (children_.size() <= node.child_begin + k || children_[node.child_begin + k] < 0)
            continue;
          ClearField(obj, fields[k]);
        }
      }
    });
    details::MoveFromRaised();  // any error raised while emptying is not the one reported
  }

  static void ClearField(TVMFFIObject* obj, const TVMFFIFieldInfo* f) {
    char* addr = reinterpret_cast<char*>(obj) + f->offset;
    if (f->storage == kTVMFFIFieldStorageObject) {
      TVMFFIObject*& slot = *reinterpret_cast<TVMFFIObject**>(addr);
      TVMFFIObject* old = slot;
      slot = nullptr;
      if (old) details::DecRef(old);
    } else if (f->storage == kTVMFFIFieldStorageAny) {
      TVMFFIAny& slot = *reinterpret_cast<TVMFFIAny*>(addr);
      TVMFFIAny old = slot;
      slot = details::NoneAny();
      details::DecRefAny(old);
    } else if (f->storage == kTVMFFIFieldStorageOther) {
      TVMFFIAny none = details::NoneAny();
      (void)TVMFFIFieldSetValue(f, addr, &none);
    }
  }

  NodeTable nodes_;
  std::deque<TypeFacts> facts_;    // by type index (a deque: growing keeps references valid)
  std::vector<int32_t> children_;  // node numbers; -1: a field with nothing to fill
  std::string last_key_ = std::string(1, '\0');  // no type key is "\0"
  int32_t last_index_ = -1;
};

}  // namespace

Any ReadGraph(std::string_view text) { return GraphReader().Run(text); }

}  // namespace serialization
}  // namespace ffi
}  // namespace tvm
