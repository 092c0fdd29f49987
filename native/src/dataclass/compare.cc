/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file compare.cc
 * \brief RecursiveEq, RecursiveCompare and RecursiveHash.
 *
 * The three agree on what is compared:
 *  - numbers (int, bool, float) compare by value, as in Python (1 == 1.0 ==
 *    True), and a float with an integral value hashes like that int;
 *  - other values of different kinds differ, except that a short (inline)
 *    and a long (object) string, or bytes, compare by content;
 *  - floats: NaN equals NaN, and -0.0 equals 0.0 (they hash alike);
 *  - sequences (Array or List, alike) element by element; mappings (Map or
 *    Dict, alike): same keys (matched as the map matches them) with equal
 *    values, insertion order ignored;
 *  - reflected objects: same type, then the fields with compare on (hash
 *    uses the fields with hash *and* compare on, so equal objects hash
 *    equal); hooks replace the default per type;
 *  - Functions, errors, sentinels, foreign objects: identity.
 * Cycles end the walk: a pair (or node) met again while in progress is taken
 * as equal (or hashed as a constant). ValueHash (Python's hash()) is Hash
 * that refuses a List or Dict met anywhere (TypeError, unhashable type).
 */
#include <cmath>
#include <cstring>

#include "../map_keys.h"
#include "../numeric.h"
#include "graph.h"
#include "small_set.h"

namespace tvm {
namespace ffi {
namespace dataclass {
namespace {

/*!
 * \brief Equality of two non-object values of the same kind, or strings/bytes
 * (numbers never get here: NumericCompare takes them first).
 */
bool LeafEq(const TVMFFIAny& a, const TVMFFIAny& b, NodeKind kind) {
  switch (kind) {
    case NodeKind::kNone:
      return true;
    case NodeKind::kStr:
      return *details::AnyStringView(a) == *details::AnyStringView(b);
    case NodeKind::kBytes:
      return *details::AnyBytesView(a) == *details::AnyBytesView(b);
    case NodeKind::kOpaquePtr:
      return a.v_ptr == b.v_ptr;
    default:
      return false;
  }
}

[[noreturn]] void ThrowEqWithoutHash(int32_t type_index) {
  TVM_FFI_THROW(TypeError) << "unhashable type: `" << details::TypeIndexToKey(type_index)
                           << "` defines __ffi_eq__ without __ffi_hash__, so the default hash "
                              "would break the eq/hash contract";
}

// ---------------------------------------------------------------------------
// Equality
// ---------------------------------------------------------------------------

class EqChecker {
 public:
  // User-provided: `EqChecker()` then skips zero-filling the object (the
  // tables' inline storage) before constructing it.
  explicit EqChecker(std::shared_ptr<HookScope> scope = nullptr) : scope_(std::move(scope)) {}

  bool Run(const TVMFFIAny& a, const TVMFFIAny& b) {
    root_a_ = RootObject(a);
    root_b_ = RootObject(b);
    work_->push_back({a, b});
    while (!work_->empty()) {
      auto [x, y] = work_->back();
      work_->pop_back();
      pins_.Popped(work_->size());
      if (!Visit(x, y)) return false;
    }
    return true;
  }

 private:
  /*! \brief Before a hook runs: the pending pairs, and the pair at hand, stay alive. */
  void PinForHook(TVMFFIObject* x, TVMFFIObject* y) {
    pins_.PinStack(work_->size(), [this](size_t i) {
      pins_.Hold((*work_)[i].first);
      pins_.Hold((*work_)[i].second);
    });
    pins_.Hold(x);
    pins_.Hold(y);
  }

  bool Visit(const TVMFFIAny& a, const TVMFFIAny& b) {
    int numeric = 0;
    if (NumericCompare(a, b, &numeric)) {
      // NaN sorts after numbers in ordering, but NaN == NaN only between floats.
      return numeric == 0;
    }
    NodeKind ka = KindOf(a), kb = KindOf(b);
    if (ka != kb) return false;
    if (!IsObject(a) || !IsObject(b) || ka == NodeKind::kStr || ka == NodeKind::kBytes) {
      if (IsObject(a) != IsObject(b) && ka != NodeKind::kStr && ka != NodeKind::kBytes)
        return false;
      return LeafEq(a, b, ka);
    }
    TVMFFIObject* x = a.v_obj;
    TVMFFIObject* y = b.v_obj;
    if (x == y) return true;
    // Reflected objects must be of one type; an Array may equal a List.
    if (ka == NodeKind::kReflected && x->type_index != y->type_index) return false;
    if (scope_ != nullptr && scope_->pairs.contains({x, y})) return true;  // back through a hook
    // In progress or done: taken as equal (a mismatch shows up elsewhere).
    // A pair can repeat only if both sides are shared.
    if (MaybeShared(x, root_a_) && MaybeShared(y, root_b_) && !seen_.insert({x, y})) return true;
    switch (ka) {
      case NodeKind::kSeq: {
        const TVMFFISeqCell &cx = SeqOf(x), &cy = SeqOf(y);
        if (cx.size != cy.size) return false;
        for (int64_t i = cx.size - 1; i >= 0; --i) work_->push_back({cx.data[i], cy.data[i]});
        return true;
      }
      case NodeKind::kMap: {
        const TVMFFIMapCell &cx = MapOf(x), &cy = MapOf(y);
        if (cx.size != cy.size) return false;
        for (int64_t i = 0; i < cx.size; ++i) {
          TVMFFIAny other;
          int found = 0;
          TVM_FFI_CHECK_SAFE_CALL(TVMFFIMapFind(y, &cx.entries[i].key, &other, &found));
          if (!found) return false;
          work_->push_back({cx.entries[i].value, other});
        }
        return true;
      }
      case NodeKind::kReflected: {
        if (const FunctionObj* hook = HookOf(x->type_index, Hook::kEq)) {
          PinForHook(x, y);
          ScopedEntry in_hook(&Scope()->pairs, std::pair<const void*, const void*>{x, y});
          return CheckedHookResult<bool>(CallHook(hook, ObjectView(x), ObjectView(y), NestedEq()),
                                         Hook::kEq, x->type_index, "a bool");
        }
        const auto& fields = FieldsOf(x->type_index);
        for (auto it = fields.rbegin(); it != fields.rend(); ++it) {
          if ((*it)->flags & kTVMFFIFieldFlagCompareOff) continue;
          work_->push_back({ReadField(x, *it, &keep_), ReadField(y, *it, &keep_)});
        }
        return true;
      }
      case NodeKind::kOpaque: {
        if (const FunctionObj* hook = HookOf(x->type_index, Hook::kEq)) {
          PinForHook(x, y);
          return CheckedHookResult<bool>(CallHook(hook, ObjectView(x), ObjectView(y), Function()),
                                         Hook::kEq, x->type_index, "a bool");
        }
        return reinterpret_cast<const TVMFFIOpaqueObjectCell*>(x + 1)->handle ==
               reinterpret_cast<const TVMFFIOpaqueObjectCell*>(y + 1)->handle;
      }
      default:
        return false;  // identity kinds, and x != y
    }
  }

 public:
  static bool RecursiveEqImpl(const TVMFFIAny& a, const TVMFFIAny& b) {
    return EqChecker().Run(a, b);
  }

 private:
  const std::shared_ptr<HookScope>& Scope() {
    if (scope_ == nullptr) scope_ = std::make_shared<HookScope>();
    return scope_;
  }

  /*! \brief The `fn_eq` given to hooks: made once per run, sharing its scope. */
  const Function& NestedEq() {
    if (!nested_.defined()) {
      nested_ = Function::FromTyped(
          [scope = Scope()](AnyView l, AnyView r) {
            return EqChecker(scope).Run(*l.raw(), *r.raw());
          },
          "fn_eq");
    }
    return nested_;
  }

  PooledVector<std::pair<TVMFFIAny, TVMFFIAny>> work_;
  SmallSet<std::pair<const void*, const void*>> seen_;
  const TVMFFIObject* root_a_ = nullptr;
  const TVMFFIObject* root_b_ = nullptr;
  std::vector<Any> keep_;
  HookPins pins_;
  std::shared_ptr<HookScope> scope_;  // made on the first hook call, or the outer run's
  Function nested_;
};

// ---------------------------------------------------------------------------
// Three-way comparison
// ---------------------------------------------------------------------------

[[noreturn]] void ThrowUnordered(const TVMFFIAny& a, const TVMFFIAny& b) {
  TVM_FFI_THROW(TypeError) << "'<' not supported between `" << TypeKeyOf(a) << "` and `"
                           << TypeKeyOf(b) << "`";
}

class Comparer {
 public:
  // User-provided: `Comparer()` then skips zero-filling the object (the
  // tables' inline storage) before constructing it.
  explicit Comparer(std::shared_ptr<HookScope> scope = nullptr) : scope_(std::move(scope)) {}

  int Run(const TVMFFIAny& a, const TVMFFIAny& b) {
    root_a_ = RootObject(a);
    root_b_ = RootObject(b);
    int r = 0;
    if (Open(a, b, &r)) return r;
    while (!stack_->empty()) {
      Frame& f = stack_->back();
      if (f.next < f.count) {
        TVMFFIAny x, y;
        Child(f, f.next++, &x, &y);
        if (Open(x, y, &r)) {
          if (r != 0) return r;
        }
        continue;
      }
      int tail = f.kind == NodeKind::kSeq
                     ? (SeqOf(f.a).size > SeqOf(f.b).size) - (SeqOf(f.a).size < SeqOf(f.b).size)
                     : 0;
      if (f.shared) {
        in_progress_.erase({f.a, f.b});
        if (tail == 0) equal_.insert({f.a, f.b});  // a DAG meets this pair again: no re-walk
      }
      stack_->pop_back();
      pins_.Popped(stack_->size());
      if (tail != 0) return tail;
    }
    return 0;
  }

 private:
  struct Frame {
    TVMFFIObject* a;
    TVMFFIObject* b;
    NodeKind kind;
    int64_t next;
    int64_t count;
    bool shared;         // recorded in in_progress_ (and equal_ when done)
    FieldCursor fields;  // reflected objects
  };

  /*! \brief Compares leaves (true, result in *r), or opens a frame (false). */
  bool Open(const TVMFFIAny& a, const TVMFFIAny& b, int* r) {
    *r = 0;
    if (NumericCompare(a, b, r)) return true;
    NodeKind ka = KindOf(a), kb = KindOf(b);
    if (ka != kb) ThrowUnordered(a, b);
    switch (ka) {
      case NodeKind::kNone:
        return true;
      case NodeKind::kStr: {
        int c = details::AnyStringView(a)->compare(*details::AnyStringView(b));
        *r = (c > 0) - (c < 0);
        return true;
      }
      case NodeKind::kBytes: {
        int c = details::AnyBytesView(a)->compare(*details::AnyBytesView(b));
        *r = (c > 0) - (c < 0);
        return true;
      }
      default:
        break;
    }
    if (!IsObject(a) || !IsObject(b)) ThrowUnordered(a, b);
    TVMFFIObject* x = a.v_obj;
    TVMFFIObject* y = b.v_obj;
    if (x == y) return true;
    if (ka == NodeKind::kReflected && x->type_index != y->type_index) {
      // Ordering across types only within one hierarchy line is not defined
      // either: unrelated types raise.
      ThrowUnordered(a, b);
    }
    if (MaybeShared(x, root_a_) && MaybeShared(y, root_b_) &&
        (in_progress_.contains({x, y}) || equal_.contains({x, y}))) {
      return true;  // a cycle, or a pair already known equal
    }
    if (ka == NodeKind::kSeq) {
      int64_t n = std::min(SeqOf(x).size, SeqOf(y).size);
      Push(x, y, ka, n);
      return false;
    }
    if (ka == NodeKind::kReflected) {
      if (scope_ != nullptr && scope_->pairs.contains({x, y})) return true;  // back through a hook
      if (const FunctionObj* hook = HookOf(x->type_index, Hook::kCompare)) {
        pins_.PinStack(stack_->size(), [this](size_t i) {
          pins_.Hold((*stack_)[i].a);
          pins_.Hold((*stack_)[i].b);
        });
        pins_.Hold(x);
        pins_.Hold(y);
        ScopedEntry in_hook(&Scope()->pairs, std::pair<const void*, const void*>{x, y});
        int64_t v = CheckedHookResult<int64_t>(
            CallHook(hook, ObjectView(x), ObjectView(y), NestedCompare()), Hook::kCompare,
            x->type_index, "an int");
        *r = (v > 0) - (v < 0);
        return true;
      }
      FieldCursor fields(x->type_index);
      int64_t count = static_cast<int64_t>(fields.size());
      Push(x, y, ka, count, fields);
      return false;
    }
    ThrowUnordered(a, b);  // maps, functions, foreign objects: no order
  }

  const std::shared_ptr<HookScope>& Scope() {
    if (scope_ == nullptr) scope_ = std::make_shared<HookScope>();
    return scope_;
  }

  /*! \brief The `fn_cmp` given to hooks: made once per run, sharing its scope. */
  const Function& NestedCompare() {
    if (!nested_.defined()) {
      nested_ = Function::FromTyped(
          [scope = Scope()](AnyView l, AnyView r) {
            return static_cast<int32_t>(Comparer(scope).Run(*l.raw(), *r.raw()));
          },
          "fn_cmp");
    }
    return nested_;
  }

  void Push(TVMFFIObject* x, TVMFFIObject* y, NodeKind kind, int64_t count,
            FieldCursor fields = FieldCursor()) {
    bool shared = MaybeShared(x, root_a_) && MaybeShared(y, root_b_);
    if (shared) in_progress_.insert({x, y});
    stack_->push_back(Frame{x, y, kind, 0, count, shared, fields});
  }

  void Child(Frame& f, int64_t i, TVMFFIAny* x, TVMFFIAny* y) {
    if (f.kind == NodeKind::kSeq) {
      // Sizes re-read: a hook may have shrunk either sequence since.
      bool in_range = i < SeqOf(f.a).size && i < SeqOf(f.b).size;
      *x = in_range ? SeqOf(f.a).data[i] : details::NoneAny();
      *y = in_range ? SeqOf(f.b).data[i] : details::NoneAny();
      return;
    }
    const TVMFFIFieldInfo* field = f.fields[i];
    if (field->flags & kTVMFFIFieldFlagCompareOff) {
      *x = *y = details::NoneAny();
      return;
    }
    *x = ReadField(f.a, field, &keep_);
    *y = ReadField(f.b, field, &keep_);
  }

  PooledVector<Frame> stack_;  // pooled: a sort compares many times
  const TVMFFIObject* root_a_ = nullptr;
  const TVMFFIObject* root_b_ = nullptr;
  SmallSet<std::pair<const void*, const void*>> in_progress_;
  SmallSet<std::pair<const void*, const void*>> equal_;
  std::vector<Any> keep_;
  HookPins pins_;
  std::shared_ptr<HookScope> scope_;  // made on the first hook call, or the outer run's
  Function nested_;
};

// ---------------------------------------------------------------------------
// Hash
// ---------------------------------------------------------------------------

uint64_t LeafHash(const TVMFFIAny& v, NodeKind kind) {
  switch (kind) {
    case NodeKind::kNone:
      return 0x6e6f6e65;
    case NodeKind::kInt:
    case NodeKind::kBool:
    case NodeKind::kFloat:
      return HashNumber(v);  // shared with the map keys
    case NodeKind::kStr:
      return HashBytes(*details::AnyStringView(v), 0x57);
    case NodeKind::kBytes:
      return HashBytes(*details::AnyBytesView(v), 0x42);
    case NodeKind::kOpaquePtr:
      return HashMix(reinterpret_cast<uint64_t>(v.v_ptr));
    default:
      return 0;
  }
}

[[noreturn]] void ThrowUnhashableMutable(int32_t type_index) {
  // Python's wording and class names: this is what `hash()` raises.
  TVM_FFI_THROW(TypeError) << "unhashable type: '" << (type_index == kTVMFFIList ? "List" : "Dict")
                           << "'";
}

class Hasher {
 public:
  /*!
   * \param refuse_mutable Python's rule for hash(): a List or Dict anywhere
   *        raises TypeError, as Python refuses a tuple holding a list (the
   *        hash would change with the list). RecursiveHash hashes them.
   */
  // User-provided: `Hasher()` then skips zero-filling the object (the
  // tables' inline storage) before constructing it.
  explicit Hasher(bool refuse_mutable = false, std::shared_ptr<HookScope> scope = nullptr)
      : refuse_mutable_(refuse_mutable), scope_(std::move(scope)) {}

  uint64_t Run(const TVMFFIAny& root) {
    root_ = RootObject(root);
    uint64_t h = 0;
    if (Open(root, &h)) return h;
    while (true) {
      Frame& f = stack_->back();
      if (f.next < f.count) {
        uint64_t child = 0;
        TVMFFIAny v = Child(f);
        if (Open(v, &child)) Absorb(child);
        continue;
      }
      uint64_t done = Finish(f);
      if (MaybeShared(f.obj, root_)) {
        memo_.put(f.obj, done);
        on_stack_.erase(f.obj);
      }
      stack_->pop_back();
      pins_.Popped(stack_->size());
      if (stack_->empty()) return done;
      Absorb(done);
    }
  }

 private:
  struct Frame {
    TVMFFIObject* obj;
    NodeKind kind;
    int64_t next;
    int64_t count;
    uint64_t h;
    uint64_t key_hash;   // for maps: the key of the entry being hashed
    FieldCursor fields;  // reflected objects
  };

  /*! \brief Hashes a leaf (true) or opens a frame for an object (false). */
  bool Open(const TVMFFIAny& v, uint64_t* h) {
    NodeKind kind = KindOf(v);
    if (!IsObject(v) || kind == NodeKind::kStr || kind == NodeKind::kBytes) {
      *h = LeafHash(v, kind);
      return true;
    }
    TVMFFIObject* obj = v.v_obj;
    if (refuse_mutable_ && (obj->type_index == kTVMFFIList || obj->type_index == kTVMFFIDict)) {
      ThrowUnhashableMutable(obj->type_index);
    }
    bool shared = MaybeShared(obj, root_);
    if (const uint64_t* memo = shared ? memo_.find(obj) : nullptr) {
      *h = *memo;
      return true;
    }
    // Seeded by kind for containers (an Array equals a List with the same
    // items, so they hash alike), by type key for reflected objects.
    const TVMFFITypeInfo* info = TVMFFIGetTypeInfo(obj->type_index);
    uint64_t type_seed = kind == NodeKind::kSeq   ? 0x5e9u
                         : kind == NodeKind::kMap ? 0x3a9u
                         : info                   ? info->type_key_hash
                                                  : static_cast<uint64_t>(obj->type_index);
    if (on_stack_.contains(obj) || (scope_ != nullptr && scope_->objects.contains(obj))) {
      *h = HashMix(type_seed ^ 0xc7c1e);  // a cycle: a constant per type
      return true;
    }
    switch (kind) {
      case NodeKind::kSeq:
        Push(obj, kind, SeqOf(obj).size, type_seed);
        return false;
      case NodeKind::kMap:
        Push(obj, kind, MapOf(obj).size, type_seed);
        return false;
      case NodeKind::kReflected: {
        if (const FunctionObj* hook = HookOf(obj->type_index, Hook::kHash)) {
          PinForHook(obj);
          Any r;
          {
            ScopedEntry in_hook(&Scope()->objects, static_cast<const void*>(obj));
            r = CallHook(hook, ObjectView(obj), NestedHash());
          }
          int64_t value = CheckedHookResult<int64_t>(r, Hook::kHash, obj->type_index, "an int");
          *h = Combine(type_seed, static_cast<uint64_t>(value));
          if (shared) memo_.put(obj, *h);
          return true;
        }
        if (HookOf(obj->type_index, Hook::kEq) != nullptr) ThrowEqWithoutHash(obj->type_index);
        FieldCursor fields(obj->type_index);
        int64_t count = static_cast<int64_t>(fields.size());
        Push(obj, kind, count, type_seed, fields);
        return false;
      }
      case NodeKind::kOpaque:
        if (const FunctionObj* hook = HookOf(obj->type_index, Hook::kHash)) {
          PinForHook(obj);
          *h = static_cast<uint64_t>(CheckedHookResult<int64_t>(
              CallHook(hook, ObjectView(obj), Function()), Hook::kHash, obj->type_index, "an int"));
          return true;
        }
        *h = HashMix(reinterpret_cast<uint64_t>(
            reinterpret_cast<const TVMFFIOpaqueObjectCell*>(obj + 1)->handle));
        return true;
      default:
        *h = HashMix(reinterpret_cast<uint64_t>(obj));  // identity kinds
        return true;
    }
  }

  const std::shared_ptr<HookScope>& Scope() {
    if (scope_ == nullptr) scope_ = std::make_shared<HookScope>();
    return scope_;
  }

  /*! \brief The `fn_hash` given to hooks: made once per run, sharing its scope. */
  const Function& NestedHash() {
    if (!nested_.defined()) {
      nested_ = Function::FromTyped(
          [refuse = refuse_mutable_, scope = Scope()](AnyView child) {
            return static_cast<int64_t>(Hasher(refuse, scope).Run(*child.raw()));
          },
          "fn_hash");
    }
    return nested_;
  }

  /*! \brief Before a hook runs: the open frames, and the object at hand, stay alive. */
  void PinForHook(TVMFFIObject* obj) {
    pins_.PinStack(stack_->size(), [this](size_t i) { pins_.Hold((*stack_)[i].obj); });
    pins_.Hold(obj);
  }

  void Push(TVMFFIObject* obj, NodeKind kind, int64_t count, uint64_t seed,
            FieldCursor fields = FieldCursor()) {
    if (MaybeShared(obj, root_)) on_stack_.insert(obj);
    // Maps: entries are hashed 2 steps each (key, then value).
    stack_->push_back(
        Frame{obj, kind, 0, kind == NodeKind::kMap ? 2 * count : count, seed, 0, fields});
  }

  TVMFFIAny Child(Frame& f) {
    int64_t i = f.next++;
    // Sizes re-read: a hook may have shrunk the container since.
    if (f.kind == NodeKind::kSeq) {
      return i < SeqOf(f.obj).size ? SeqOf(f.obj).data[i] : details::NoneAny();
    }
    if (f.kind == NodeKind::kMap) {
      if (i / 2 >= MapOf(f.obj).size) return details::NoneAny();
      const TVMFFIMapEntry& e = MapOf(f.obj).entries[i / 2];
      if (i % 2 == 0) {
        // Keys hash as the map matches them (by value or identity).
        f.key_hash = KeyHash(e.key);
        return details::NoneAny();  // absorbed as a no-op, see Absorb
      }
      return e.value;
    }
    const TVMFFIFieldInfo* field = f.fields[i];
    if (field->flags & (kTVMFFIFieldFlagHashOff | kTVMFFIFieldFlagCompareOff)) {
      return details::NoneAny();
    }
    return ReadField(f.obj, field, &keep_);
  }

  void Absorb(uint64_t child) {
    Frame& f = stack_->back();
    if (f.kind == NodeKind::kMap) {
      if (f.next % 2 == 1) return;  // the key step: its hash is in key_hash
      // Order-independent: a sum of per-entry hashes.
      f.h += HashMix(f.key_hash * 0x9e3779b97f4a7c15ull ^ child);
      return;
    }
    f.h = Combine(f.h, child);
  }

  uint64_t Finish(const Frame& f) { return Combine(f.h, static_cast<uint64_t>(f.count)); }

  bool refuse_mutable_;
  PooledVector<Frame> stack_;
  const TVMFFIObject* root_ = nullptr;
  SmallMap<const TVMFFIObject*, uint64_t> memo_;
  SmallSet<const TVMFFIObject*> on_stack_;
  std::vector<Any> keep_;
  HookPins pins_;
  std::shared_ptr<HookScope> scope_;  // made on the first hook call, or the outer run's
  Function nested_;
};

}  // namespace

bool Equal(const TVMFFIAny& a, const TVMFFIAny& b) { return EqChecker::RecursiveEqImpl(a, b); }
int Compare(const TVMFFIAny& a, const TVMFFIAny& b) { return Comparer().Run(a, b); }
int64_t Hash(const TVMFFIAny& v) { return static_cast<int64_t>(Hasher().Run(v)); }
int64_t ValueHash(const TVMFFIAny& v) { return static_cast<int64_t>(Hasher(true).Run(v)); }

}  // namespace dataclass
}  // namespace ffi
}  // namespace tvm
