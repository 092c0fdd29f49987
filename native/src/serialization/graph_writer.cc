/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file graph_writer.cc
 * \brief An object graph to the JSON graph format (apache-tvm-ffi's):
 *        `{"root_index": i, "nodes": [{"type": key, "data": ...}], "metadata": ...}`.
 *
 * Nodes are numbered in post-order, children first, as the reference numbers
 * them, so the same graph gives the same text. The walk keeps an explicit
 * stack (no recursion: a million-deep chain is fine) and writes each node's
 * text the moment its children have their numbers. A node met again (shared)
 * reuses its number. A node met again while still open (a cycle) is given
 * its number then; its text, written when it closes, is moved to that place.
 * Primitive values are numbered once per distinct value, like the reference.
 */
#include <tvm/ffi/enum.h>
#include <tvm/ffi/extra/serialization.h>

#include <cstring>
#include <deque>

#include <unordered_map>

#include "../dataclass/graph.h"
#include "../dynamic/dynamic_type.h"
#include "graph_format.h"
#include "json.h"

namespace tvm {
namespace ffi {
namespace serialization {
namespace {

using dataclass::FieldCursor;
using dataclass::NodeKind;
using reflection::type_attr::kDataToJson;

class GraphWriter {
 public:
  GraphWriter() : nodes_(&text_) {}

  std::string Run(const TVMFFIAny& root, const TVMFFIAny& metadata) {
    root_ = dataclass::RootObject(root);
    int64_t root_index = Visit(root);
    while (!frames_.empty()) Step();
    if (root_index < 0) root_index = finished_root_;
    std::string out;
    out.reserve(text_.size() + 64);
    json::Writer w(&out);
    w.Raw("{\"root_index\":");
    w.Int(root_index);
    w.Raw(",\"nodes\":[");
    if (!reordered_) {
      out.append(text_);
    } else {
      for (size_t i = 0; i < spans_.size(); ++i) {
        if (i != 0) w.Char(',');
        out.append(text_, spans_[i].first, spans_[i].second);
      }
    }
    w.Char(']');
    if (metadata.type_index != kTVMFFINone) {
      w.Raw(",\"metadata\":");
      w.AnyValue(metadata, "metadata");
    }
    w.Char('}');
    return out;
  }

 private:
  struct Frame {
    Any hold;  // the object, held while its node is open
    TVMFFIObject* obj;
    NodeKind kind;
    bool shared;
    int64_t pos;         // the next child
    int64_t cur;         // the child being visited (for error paths)
    size_t child_begin;  // its children's numbers start here in children_
    int64_t reserved;    // the number a cycle gave it, or -1
    FieldCursor fields;  // reflected objects
  };

  // One step: visit the top frame's next child, or close the frame.
  void Step() {
    Frame& f = frames_.back();
    TVMFFIAny child;
    if (!NextChild(f, &child)) {
      Close();
      return;
    }
    int64_t index = Visit(child);
    keep_.clear();
    if (index >= 0) children_.push_back(index);
  }

  bool NextChild(Frame& f, TVMFFIAny* child) {
    switch (f.kind) {
      case NodeKind::kSeq: {
        const TVMFFISeqCell& c = dataclass::SeqOf(f.obj);
        if (f.pos >= c.size) return false;
        f.cur = f.pos++;
        *child = c.data[f.cur];
        return true;
      }
      case NodeKind::kMap: {
        const TVMFFIMapCell& c = dataclass::MapOf(f.obj);
        if (f.pos >= 2 * c.size) return false;
        f.cur = f.pos++;
        const TVMFFIMapEntry& e = c.entries[f.cur / 2];
        *child = f.cur % 2 == 0 ? e.key : e.value;
        return true;
      }
      default: {
        while (static_cast<size_t>(f.pos) < f.fields.size()) {
          const TVMFFIFieldInfo* field = f.fields[static_cast<size_t>(f.pos)];
          f.cur = f.pos++;
          if (IsInlineField(field)) continue;
          *child = dataclass::ReadField(f.obj, field, &keep_);
          return true;
        }
        return false;
      }
    }
  }

  // The number of a value's node, or -1 when a frame was pushed for it
  // (its number comes when it closes).
  int64_t Visit(const TVMFFIAny& v) {
    switch (v.type_index) {
      case kTVMFFINone:
        if (none_index_ < 0) none_index_ = Leaf("None", [](json::Writer*) {}, false);
        return none_index_;
      case kTVMFFIBool: {
        int64_t& slot = bool_index_[v.v_int64 != 0];
        if (slot < 0) slot = Leaf("bool", [&](json::Writer* w) { w->Bool(v.v_int64 != 0); });
        return slot;
      }
      case kTVMFFIInt:
        return Memoized(&ints_, v.v_int64, "int", [&](json::Writer* w) { w->Int(v.v_int64); });
      case kTVMFFIFloat: {
        uint64_t bits;
        std::memcpy(&bits, &v.v_float64, sizeof(bits));
        return Memoized(&floats_, bits, "float", [&](json::Writer* w) { w->Float(v.v_float64); });
      }
      case kTVMFFIRawStr:
      case kTVMFFISmallStr:
      case kTVMFFIStr: {
        std::string_view s = json::StringOf(v);
        auto it = strings_.find(std::string(s));
        if (it != strings_.end()) return it->second;
        int64_t index = Leaf(kStrKey, [&](json::Writer* w) { w->String(s, "a str"); });
        strings_.emplace(std::string(s), index);
        return index;
      }
      case kTVMFFISmallBytes:
      case kTVMFFIBytes: {
        std::string_view s = json::StringOf(v);
        auto it = bytes_.find(std::string(s));
        if (it != bytes_.end()) return it->second;
        std::string encoded;
        json::Base64Encode(s, &encoded);
        int64_t index = Leaf(kBytesKey, [&](json::Writer* w) { w->String(encoded); });
        bytes_.emplace(std::string(s), index);
        return index;
      }
      default:
        break;
    }
    if (!dataclass::IsObject(v)) Unserializable(v, "it is not an object the format can hold");
    TVMFFIObject* obj = v.v_obj;
    bool shared = dataclass::MaybeShared(obj, root_);
    if (shared) {
      if (int64_t* hit = memo_.find(obj)) {
        if (*hit >= 0) return *hit;
        // Still open: a cycle. It gets its number now.
        Frame& open = frames_[static_cast<size_t>(-*hit - 2)];
        if (open.reserved < 0) {
          open.reserved = next_index_++;
          spans_.emplace_back(0, 0);
          reordered_ = true;
        }
        return open.reserved;
      }
    }
    NodeKind kind = dataclass::KindOf(v);
    int32_t type_index = obj->type_index;
    int64_t index = -1;
    if (type_index == kTVMFFISentinel) {
      const char* name = obj == TVMFFIGetSentinel(kTVMFFISentinelMissing) ? "MISSING" : "KWARGS";
      index = Leaf(type_index, [&](json::Writer* w) { w->String(name); });
    } else if (details::IsUniqueInstanceType(type_index)) {
      const auto* variant =
          reinterpret_cast<const EnumObj*>(details::ObjectUnsafe::FromHeader(obj));
      index = Leaf(type_index,
                   [&](json::Writer* w) { w->String(variant->name.view(), "an enum name"); });
    } else if (kind == NodeKind::kSeq || kind == NodeKind::kMap) {
      Push(v, kind, shared);
    } else if (kind == NodeKind::kReflected) {
      const TypeFacts& facts = FactsOf(type_index);
      if (const FunctionObj* hook = facts.to_json) {
        Any data = dataclass::CallHook(hook, dataclass::ObjectView(obj));
        std::string what =
            std::string(kDataToJson) + " of `" + details::TypeIndexToKey(type_index) + "`";
        index = Leaf(type_index, [&](json::Writer* w) { w->AnyValue(*data.raw(), what.c_str()); });
      } else {
        if (!facts.creatable) {
          Unserializable(v,
                         "the type registers no __ffi_new__ and no __data_to_json__, so it could "
                         "not be loaded back");
        }
        Push(v, kind, shared);
      }
    } else {
      Unserializable(v, kind == NodeKind::kOpaque ? "opaque Python objects have no JSON form"
                                                  : "this kind of object has no JSON form");
    }
    if (index >= 0 && shared) memo_.put(obj, index);
    return index;
  }

  /*! \brief What writing an object of one type needs, looked up once per type and run. */
  struct TypeFacts {
    bool ready = false;
    bool creatable = false;
    const FunctionObj* to_json = nullptr;
    std::string prefix;  // `{"type":"<key>","data":`, made when first written
  };

  TypeFacts& FactsOf(int32_t type_index) {
    size_t slot = static_cast<size_t>(type_index);
    if (slot >= facts_.size()) facts_.resize(slot + 1);
    TypeFacts& f = facts_[slot];
    if (!f.ready) {
      f.to_json = DataToJsonHook(type_index);
      f.creatable = IsCreatable(type_index);
      f.ready = true;
    }
    return f;
  }

  void Push(const TVMFFIAny& v, NodeKind kind, bool shared) {
    Frame f;
    f.hold = Any(AnyView::FromRaw(v));
    f.obj = v.v_obj;
    f.kind = kind;
    f.shared = shared;
    f.pos = 0;
    f.cur = -1;
    f.child_begin = children_.size();
    f.reserved = -1;
    if (kind == NodeKind::kReflected) f.fields = FieldCursor(v.v_obj->type_index);
    if (shared) memo_.put(v.v_obj, -2 - static_cast<int64_t>(frames_.size()));
    frames_.push_back(std::move(f));
  }

  // Writes the top frame's node and pops it.
  void Close() {
    Frame& f = frames_.back();
    const int64_t* kids = children_.data() + f.child_begin;
    int32_t type_index = f.obj->type_index;
    int64_t index = Node(
        type_index,
        [&](json::Writer* w) {
          if (f.kind != NodeKind::kReflected) {
            w->Char('[');
            for (size_t i = f.child_begin; i < children_.size(); ++i) {
              if (i != f.child_begin) w->Char(',');
              w->Int(children_[i]);
            }
            w->Char(']');
            return;
          }
          w->Char('{');
          size_t k = 0;
          for (size_t i = 0; i < f.fields.size(); ++i) {
            const TVMFFIFieldInfo* field = f.fields[i];
            if (i != 0) w->Char(',');
            w->String(std::string_view(field->name.data, field->name.size), "a field name");
            w->Char(':');
            if (!IsInlineField(field)) {
              w->Int(kids[k++]);
              continue;
            }
            TVMFFIAny value = dataclass::ReadField(f.obj, field, &keep_);
            switch (value.type_index) {
              case kTVMFFIInt:
                w->Int(value.v_int64);
                break;
              case kTVMFFIFloat:
                w->Float(value.v_float64);
                break;
              case kTVMFFIBool:
                w->Bool(value.v_int64 != 0);
                break;
              case kTVMFFINone:
                w->Null();
                break;
              default:
                TVM_FFI_THROW(TypeError)
                    << "field `" << std::string_view(field->name.data, field->name.size) << "` of `"
                    << details::TypeIndexToKey(type_index) << "` holds a `"
                    << details::AnyTypeName(value) << "`, not its declared type";
            }
          }
          keep_.clear();
          w->Char('}');
        },
        f.reserved);
    if (f.shared) memo_.put(f.obj, index);
    children_.resize(f.child_begin);
    frames_.pop_back();
    if (frames_.empty()) {
      finished_root_ = index;
    } else {
      children_.push_back(index);
    }
  }

  template <typename WriteData>
  int64_t Leaf(int32_t type_index, WriteData write) {
    return Node(type_index, write, -1);
  }
  template <typename WriteData>
  int64_t Leaf(const char* type_key, WriteData write, bool has_data = true) {
    return NodeWithKey(type_key, write, -1, has_data);
  }

  template <typename WriteData>
  int64_t Node(int32_t type_index, WriteData write, int64_t reserved) {
    return NodeWithKey(TypeKeyPrefix(type_index), write, reserved, true, true);
  }

  // Writes `{"type":...,"data":...}`; `key` is the type key, or (prefixed)
  // the ready-made `{"type":"...","data":` text.
  template <typename WriteData>
  int64_t NodeWithKey(const std::string_view key, WriteData write, int64_t reserved, bool has_data,
                      bool prefixed = false) {
    int64_t index = reserved >= 0 ? reserved : next_index_++;
    if (!reordered_ && index != 0) nodes_.Char(',');
    size_t start = text_.size();
    if (prefixed) {
      nodes_.Raw(key);
    } else {
      nodes_.Raw("{\"type\":");
      nodes_.String(key);
      if (has_data) nodes_.Raw(",\"data\":");
    }
    write(&nodes_);
    nodes_.Char('}');
    if (reordered_) {
      if (reserved < 0)
        spans_.emplace_back(start, text_.size() - start);
      else
        spans_[static_cast<size_t>(reserved)] = {start, text_.size() - start};
    } else {
      spans_.emplace_back(start, text_.size() - start);
    }
    return index;
  }

  std::string_view TypeKeyPrefix(int32_t type_index) {
    TypeFacts& f = FactsOf(type_index);
    if (f.prefix.empty()) {
      json::Writer w(&f.prefix);
      w.Raw("{\"type\":");
      w.String(details::TypeIndexToKey(type_index), "a type key");
      w.Raw(",\"data\":");
    }
    return f.prefix;
  }

  template <typename Map, typename Key, typename WriteData>
  int64_t Memoized(Map* map, Key key, const char* type_key, WriteData write) {
    auto it = map->find(key);
    if (it != map->end()) return it->second;
    int64_t index = Leaf(type_key, write);
    map->emplace(key, index);
    return index;
  }

  [[noreturn]] void Unserializable(const TVMFFIAny& v, const char* why) {
    throw Error("TypeError",
                "cannot serialize `" + details::AnyTypeName(v) + "` at " + Path() + ": " + why);
  }

  // Where the walk is, from the root: root[3].next["key"].
  std::string Path() {
    std::string path = "root";
    for (Frame& f : frames_) {
      if (f.kind == NodeKind::kSeq) {
        path += "[" + std::to_string(f.cur) + "]";
      } else if (f.kind == NodeKind::kMap) {
        const TVMFFIMapEntry& e = dataclass::MapOf(f.obj).entries[f.cur / 2];
        if (f.cur % 2 == 0) {
          path += ".keys()[" + std::to_string(f.cur / 2) + "]";
        } else if (e.key.type_index == kTVMFFIInt) {
          path += "[" + std::to_string(e.key.v_int64) + "]";
        } else if (e.key.type_index == kTVMFFIStr || e.key.type_index == kTVMFFISmallStr) {
          std::string quoted;
          json::Writer(&quoted).String(json::StringOf(e.key));
          path += "[" + quoted + "]";
        } else {
          path += ".values()[" + std::to_string(f.cur / 2) + "]";
        }
      } else {
        const TVMFFIFieldInfo* field = f.fields[static_cast<size_t>(f.cur)];
        path += "." + std::string(field->name.data, field->name.size);
      }
    }
    return path;
  }

  const TVMFFIObject* root_ = nullptr;
  std::string text_;                              // the nodes' text, in the order written
  json::Writer nodes_;                            // into text_
  std::vector<std::pair<size_t, size_t>> spans_;  // per number: where its text is
  bool reordered_ = false;  // a cycle gave out a number early: assemble from spans_
  int64_t next_index_ = 0;
  int64_t finished_root_ = -1;
  std::vector<Frame> frames_;
  std::vector<int64_t> children_;
  std::vector<Any> keep_;
  dataclass::SmallMap<const void*, int64_t> memo_;  // >= 0: number; -2 - k: open at frame k
  int64_t none_index_ = -1;
  int64_t bool_index_[2] = {-1, -1};
  std::unordered_map<int64_t, int64_t> ints_;
  std::unordered_map<uint64_t, int64_t> floats_;
  std::unordered_map<std::string, int64_t> strings_;
  std::unordered_map<std::string, int64_t> bytes_;
  std::deque<TypeFacts> facts_;  // by type index (a deque: growing keeps references valid)
};

}  // namespace

std::string WriteGraph(const TVMFFIAny& value, const TVMFFIAny& metadata) {
  return GraphWriter().Run(value, metadata);
}

}  // namespace serialization
}  // namespace ffi
}  // namespace tvm
