/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file graph.h
 * \brief What the dataclass engines share: classifying a value, listing an
 *        object's reflected fields, reading a field, finding a hook.
 *
 * Internal to the core library.
 */
#ifndef TVM_FFI_SRC_DATACLASS_GRAPH_H_
#define TVM_FFI_SRC_DATACLASS_GRAPH_H_

#include <tvm/ffi/function.h>
#include <tvm/ffi/reflection/registry.h>

#include <memory>
#include <string>
#include <vector>

#include "../hash.h"
#include "../registry_internal.h"
#include "small_set.h"

namespace tvm {
namespace ffi {
namespace dataclass {

/*! \brief How an engine treats a value. */
enum class NodeKind {
  kNone,
  kInt,
  kBool,
  kFloat,
  kStr,
  kBytes,
  kOpaquePtr,
  kSeq,        // Array, List
  kMap,        // Map, Dict
  kReflected,  // any other object: compared through its fields (or hooks)
  kIdentity,   // Function, Error, Module, Sentinel, enum variants: compared by identity
  kOpaque,     // a foreign (Python) object: by identity unless a hook says otherwise
};

inline NodeKind KindOf(const TVMFFIAny& v) {
  switch (v.type_index) {
    case kTVMFFINone:
      return NodeKind::kNone;
    case kTVMFFIInt:
      return NodeKind::kInt;
    case kTVMFFIBool:
      return NodeKind::kBool;
    case kTVMFFIFloat:
      return NodeKind::kFloat;
    case kTVMFFIRawStr:
    case kTVMFFISmallStr:
    case kTVMFFIStr:
      return NodeKind::kStr;
    case kTVMFFISmallBytes:
    case kTVMFFIBytes:
      return NodeKind::kBytes;
    case kTVMFFIOpaquePtr:
      return NodeKind::kOpaquePtr;
    case kTVMFFIArray:
    case kTVMFFIList:
      return NodeKind::kSeq;
    case kTVMFFIMap:
    case kTVMFFIDict:
      return NodeKind::kMap;
    case kTVMFFIFunction:
    case kTVMFFIError:
    case kTVMFFIModule:
    case kTVMFFISentinel:
      return NodeKind::kIdentity;
    case kTVMFFIOpaquePyObject:
      return NodeKind::kOpaque;
    default:
      // An unassigned POD index (only reachable through the C ABI) is no
      // object: treated as raw bits, never dereferenced.
      if (v.type_index < kTVMFFIStaticObjectBegin) return NodeKind::kOpaquePtr;
      // Enum variants are singletons: equal only to themselves, never copied.
      return details::IsUniqueInstanceType(v.type_index) ? NodeKind::kIdentity
                                                         : NodeKind::kReflected;
  }
}

inline bool IsObject(const TVMFFIAny& v) { return v.type_index >= kTVMFFIStaticObjectBegin; }

inline const TVMFFISeqCell& SeqOf(TVMFFIObject* o) {
  return *reinterpret_cast<const TVMFFISeqCell*>(o + 1);
}
inline const TVMFFIMapCell& MapOf(TVMFFIObject* o) {
  return *reinterpret_cast<const TVMFFIMapCell*>(o + 1);
}

/*!
 * \brief All reflected fields of a type (ancestors' first), cached per thread
 * and rebuilt when the type gains fields.
 */
const std::vector<const TVMFFIFieldInfo*>& FieldsOf(int32_t type_index);

/*!
 * \brief A type's field list for a walk that may run hooks between steps.
 * A hook can register fields (define a type, say), which rebuilds the
 * cached lists; the cursor notices through the registry's field generation
 * and fetches the list again. Fields are only ever added, so an index seen
 * before stays valid.
 */
class FieldCursor {
 public:
  FieldCursor() = default;
  explicit FieldCursor(int32_t type_index) : type_index_(type_index) { Fetch(); }

  size_t size() {
    Refresh();
    return size_;
  }
  const TVMFFIFieldInfo* operator[](size_t i) {
    Refresh();
    return data_[i];
  }

 private:
  void Refresh() {
    if (generation_ != details::FieldLayoutGeneration()) Fetch();
  }
  void Fetch() {
    generation_ = details::FieldLayoutGeneration();
    const std::vector<const TVMFFIFieldInfo*>& fields = FieldsOf(type_index_);
    data_ = fields.data();
    size_ = fields.size();
  }

  int32_t type_index_ = -1;
  uint64_t generation_ = 0;
  const TVMFFIFieldInfo* const* data_ = nullptr;
  size_t size_ = 0;
};

/*!
 * \brief Reads a field as a view. Inline storage kinds need no copy; other
 * kinds go through the getter and the owned value is parked in `keep`.
 */
inline TVMFFIAny ReadField(TVMFFIObject* obj, const TVMFFIFieldInfo* f, std::vector<Any>* keep) {
  char* addr = reinterpret_cast<char*>(obj) + f->offset;
  TVMFFIAny v = details::NoneAny();
  switch (f->storage) {
    case kTVMFFIFieldStorageInt64:
      v.type_index = kTVMFFIInt;
      v.v_int64 = *reinterpret_cast<int64_t*>(addr);
      return v;
    case kTVMFFIFieldStorageFloat64:
      v.type_index = kTVMFFIFloat;
      v.v_float64 = *reinterpret_cast<double*>(addr);
      return v;
    case kTVMFFIFieldStorageBool:
      v.type_index = kTVMFFIBool;
      v.v_int64 = *reinterpret_cast<uint8_t*>(addr) != 0;
      return v;
    case kTVMFFIFieldStorageAny:
      return *reinterpret_cast<TVMFFIAny*>(addr);
    case kTVMFFIFieldStorageObject: {
      TVMFFIObject* child = *reinterpret_cast<TVMFFIObject**>(addr);
      if (child != nullptr) {
        v.type_index = child->type_index;
        v.v_obj = child;
      }
      return v;
    }
    default: {
      TVMFFIAny owned;
      if (f->getter(addr, &owned) != 0) throw details::MoveFromRaised();
      keep->push_back(Any::FromRawOwned(owned));
      return *keep->back().raw();
    }
  }
}

/*!
 * \brief Writes a field with the setter's checks and conversions; the exact
 * kinds of the inline storages (an int into an int64 field, ...) are stored
 * directly, as the setter would store them unchanged. Returns the setter's
 * status (nonzero with the error raised).
 */
inline int WriteField(TVMFFIObject* obj, const TVMFFIFieldInfo* f, const TVMFFIAny& value) {
  char* addr = reinterpret_cast<char*>(obj) + f->offset;
  if (f->storage == kTVMFFIFieldStorageInt64 && value.type_index == kTVMFFIInt) {
    *reinterpret_cast<int64_t*>(addr) = value.v_int64;
    return 0;
  }
  if (f->storage == kTVMFFIFieldStorageFloat64 && value.type_index == kTVMFFIFloat) {
    *reinterpret_cast<double*>(addr) = value.v_float64;
    return 0;
  }
  if (f->storage == kTVMFFIFieldStorageBool && value.type_index == kTVMFFIBool) {
    *reinterpret_cast<uint8_t*>(addr) = value.v_int64 != 0;
    return 0;
  }
  return TVMFFIFieldSetValue(f, addr, &value);
}

/*! \brief The hooks the engines look up, by type attribute. */
enum class Hook { kRepr, kHash, kEq, kCompare, kShallowCopy, kNew, kCount };

/*! \brief The type attribute name of a hook ("__ffi_repr__", ...). */
const char* HookName(Hook hook);

/*! \brief The hook of a type, or nullptr when it registers none. */
const FunctionObj* HookOf(int32_t type_index, Hook hook);

/*! \brief The key of a value's type, for messages. */
inline std::string TypeKeyOf(const TVMFFIAny& v) { return details::AnyTypeName(v); }

using ::tvm::ffi::HashBytes;

inline uint64_t Combine(uint64_t seed, uint64_t h) {
  return HashMix(seed ^ (h + 0x9e3779b97f4a7c15ull + (seed << 6) + (seed >> 2)));
}

/*! \brief A view of a C++ value, or of a raw TVMFFIAny as it is. */
template <typename T>
AnyView ViewOf(const T& v) {
  if constexpr (std::is_same_v<std::decay_t<T>, TVMFFIAny>) {
    return AnyView::FromRaw(v);
  } else {
    return AnyView(v);
  }
}

/*! \brief Calls a hook Function with views; a raised error is thrown. */
template <typename... Args>
Any CallHook(const FunctionObj* hook, const Args&... args) {
  AnyView packed[] = {ViewOf(args)...};
  TVMFFIAny result = details::NoneAny();
  if (hook->cell.safe_call(hook->cell.self, reinterpret_cast<const TVMFFIAny*>(packed),
                           static_cast<int32_t>(sizeof...(Args)), &result) != 0) {
    throw details::MoveFromRaised();
  }
  return Any::FromRawOwned(result);
}

/*!
 * \brief A hook's result as T, or TypeError naming the hook, the type and
 * what it returned instead (`expected` reads like "a bool").
 */
template <typename T>
T CheckedHookResult(const Any& result, Hook hook, int32_t type_index, const char* expected) {
  std::optional<T> value = result.try_cast<T>();
  if (!value) {
    TVM_FFI_THROW(TypeError) << HookName(hook) << " of `" << details::TypeIndexToKey(type_index)
                             << "` must return " << expected << ", got `" << result.GetTypeKey()
                             << "`";
  }
  return *std::move(value);
}

/*!
 * \brief Whether an object may be reached twice in a graph. An object with a
 * single reference has one parent: it is met once and cannot be on a cycle
 * reachable from the root (its one reference would have to come from the
 * cycle itself), so the engines skip their visited/memo tables for it. That
 * keeps big tree-shaped graphs out of the hash tables entirely.
 */
inline bool MaybeShared(const TVMFFIObject* obj) {
  return __atomic_load_n(&obj->ref_count, __ATOMIC_RELAXED) > 1;
}

/*!
 * \brief MaybeShared, counting the root of the walk as shared whatever its
 * count: the caller may hand over a borrowed view of an object that only its
 * own cycle keeps alive (refcount 1), and that walk must still end.
 */
inline bool MaybeShared(const TVMFFIObject* obj, const TVMFFIObject* root) {
  return obj == root || MaybeShared(obj);
}

/*! \brief The object of a root value, or nullptr. */
inline const TVMFFIObject* RootObject(const TVMFFIAny& v) {
  return v.type_index >= kTVMFFIStaticObjectBegin ? v.v_obj : nullptr;
}

/*!
 * \brief References an engine takes, only around hook calls, on the objects
 * it has yet to finish.
 *
 * The engines walk with borrowed pointers: the graph holds everything, and
 * taking a reference per node would cost two atomic operations each. A hook
 * can run arbitrary code, though (Python's `__repr__` of an object inside a
 * List, a Python `__ffi_eq__`), and drop the last reference to an object
 * whose frame is still on the engine's stack. So before each hook call the
 * engine pins the stack entries not pinned yet (from the watermark up), and
 * the references are released when the walk ends. Each entry is pinned at
 * most once: nothing on graphs without hooks, O(nodes) with them.
 */
class HookPins {
 public:
  HookPins() = default;
  HookPins(const HookPins&) = delete;
  HookPins& operator=(const HookPins&) = delete;
  ~HookPins() {
    for (TVMFFIObject* obj : held_) details::DecRef(obj);
  }

  /*! \brief Holds `obj` (if any) until the walk ends. */
  void Hold(TVMFFIObject* obj) {
    if (obj == nullptr) return;
    details::IncRef(obj);
    held_.push_back(obj);
  }
  void Hold(const TVMFFIAny& v) {
    if (IsObject(v)) Hold(v.v_obj);
  }

  /*! \brief Calls pin(i) for the stack entries [watermark, size) and raises the watermark. */
  template <typename PinEntry>
  void PinStack(size_t size, PinEntry pin) {
    for (size_t i = watermark_; i < size; ++i) pin(i);
    if (size > watermark_) watermark_ = size;
  }

  /*! \brief The stack shrank to `size`: entries pushed from there on are not pinned. */
  void Popped(size_t size) {
    if (size < watermark_) watermark_ = size;
  }

 private:
  size_t watermark_ = 0;
  std::vector<TVMFFIObject*> held_;
};

/*!
 * \brief What an engine run shares with the runs its hooks start through
 * the `fn_eq` / `fn_hash` / `fn_cmp` they are given: the objects (hash) and
 * pairs (eq, compare) whose hook is running. A hook that comes back to one of
 * them (through a container holding `self`, say) is answered as on a cycle
 * (equal, a constant hash, 0) instead of starting runs that recurse without
 * end. Owned jointly by the run and the Function handed to the hook, so a
 * hook that keeps that Function can still call it after the run.
 */
struct HookScope {
  SmallSet<const void*> objects;
  SmallSet<std::pair<const void*, const void*>> pairs;
};

/*! \brief Inserts a key for the lifetime of the guard (erased on unwinding too). */
template <typename Set, typename Key>
class ScopedEntry {
 public:
  ScopedEntry(Set* set, Key key) : set_(set), key_(key) { set_->insert(key_); }
  ~ScopedEntry() { set_->erase(key_); }
  ScopedEntry(const ScopedEntry&) = delete;
  ScopedEntry& operator=(const ScopedEntry&) = delete;

 private:
  Set* set_;
  Key key_;
};

/*! \brief A view of an object handle as an Any. */
inline TVMFFIAny ObjectView(TVMFFIObject* obj) {
  TVMFFIAny v = details::NoneAny();
  v.type_index = obj->type_index;
  v.v_obj = obj;
  return v;
}

// The engines' entry points (repr.cc, compare.cc, deepcopy.cc), behind the C ABI in api.cc.
std::string Repr(const TVMFFIAny& value);
bool Equal(const TVMFFIAny& a, const TVMFFIAny& b);
int Compare(const TVMFFIAny& a, const TVMFFIAny& b);
int64_t Hash(const TVMFFIAny& v);
/*! \brief Hash() with Python's rule: TypeError on a List or Dict anywhere. */
int64_t ValueHash(const TVMFFIAny& v);
Any DeepCopyValue(const TVMFFIAny& v);

/*!
 * \brief A new container of the same kind holding the same items (the
 * containers' `__ffi_shallow_copy__`; DeepCopy's first step for sequences).
 * TypeError for anything but an Array, List, Map or Dict.
 */
Any ShallowCopyContainer(TVMFFIObject* obj);

}  // namespace dataclass
}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_SRC_DATACLASS_GRAPH_H_
