/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file deepcopy.cc
 * \brief DeepCopy: copies a graph, preserving sharing and cycles.
 *
 * Every object is first copied shallowly (containers by the core,
 * reflected objects by their `__ffi_shallow_copy__`), recorded in a memo
 * and queued; the queue then rewires each copy's children to their copies.
 * A node reached twice is copied once; a cycle points back at the copy.
 * Immutable leaves (numbers, strings, bytes) and identity objects
 * (functions, errors, sentinels, foreign objects) are shared, not copied.
 */

#include "graph.h"
#include "small_set.h"

namespace tvm {
namespace ffi {
namespace dataclass {
namespace {

class DeepCopier {
 public:
  Any Run(const TVMFFIAny& root) {
    Any result = CopyOf(root);
    while (!work_.empty()) {
      auto [copy, original] = work_.back();
      work_.pop_back();
      Rewire(copy, original);
    }
    return result;
  }

 private:
  /*! \brief The value to store in a copy in place of `v`. */
  Any CopyOf(const TVMFFIAny& v) {
    NodeKind kind = KindOf(v);
    if (!IsObject(v) || (kind != NodeKind::kSeq && kind != NodeKind::kMap &&
                         kind != NodeKind::kReflected)) {
      return Any(AnyView::FromRaw(v));  // shared as it is
    }
    TVMFFIObject* obj = v.v_obj;
    // Only a shared object can be met again (see MaybeShared).
    bool shared = MaybeShared(obj);
    if (Any* hit = shared ? memo_.find(obj) : nullptr) return *hit;
    TVMFFIObject* copy = nullptr;
    if (kind == NodeKind::kSeq) {
      const TVMFFISeqCell& c = SeqOf(obj);
      TVM_FFI_CHECK_SAFE_CALL(TVMFFISeqCreate(obj->type_index, c.data, c.size, &copy));
    } else if (kind == NodeKind::kMap) {
      // The entries are re-inserted when rewired (keys may be copied too).
      TVM_FFI_CHECK_SAFE_CALL(TVMFFIMapCreate(obj->type_index, nullptr, nullptr, 0, &copy));
    } else {
      const FunctionObj* shallow = HookOf(obj->type_index, Hook::kShallowCopy);
      if (shallow == nullptr) {
        TVM_FFI_THROW(TypeError) << "cannot deep copy `" << details::TypeIndexToKey(obj->type_index)
                                 << "`: the type registers no __ffi_shallow_copy__ (is it copyable?)";
      }
      Any made = CallHook(shallow, ObjectView(obj));
      if (!IsObject(*made.raw()) || made.raw()->v_obj->type_index != obj->type_index) {
        TVM_FFI_THROW(TypeError) << "__ffi_shallow_copy__ of `"
                                 << details::TypeIndexToKey(obj->type_index)
                                 << "` must return an object of the same type";
      }
      copy = made.ReleaseRaw().v_obj;
    }
    Any result = Any::FromRawOwned(ObjectView(copy));
    if (shared) memo_.put(obj, result);
    work_.push_back({copy, obj});
    return result;
  }

  void Rewire(TVMFFIObject* copy, TVMFFIObject* original) {
    switch (KindOf(ObjectView(original))) {
      case NodeKind::kSeq: {
        const TVMFFISeqCell& c = SeqOf(original);
        for (int64_t i = 0; i < c.size; ++i) {
          if (!IsObject(c.data[i])) continue;
          Any child = CopyOf(c.data[i]);
          if (child.raw()->v_obj != c.data[i].v_obj) {
            TVM_FFI_CHECK_SAFE_CALL(TVMFFISeqSetItem(copy, i, child.raw()));
          }
        }
        return;
      }
      case NodeKind::kMap: {
        const TVMFFIMapCell& c = MapOf(original);
        for (int64_t i = 0; i < c.size; ++i) {
          Any key = CopyOf(c.entries[i].key);
          Any value = CopyOf(c.entries[i].value);
          TVM_FFI_CHECK_SAFE_CALL(TVMFFIMapSetItem(copy, key.raw(), value.raw()));
        }
        return;
      }
      default: {
        for (const TVMFFIFieldInfo* f : FieldsOf(original->type_index)) {
          TVMFFIAny value = ReadField(original, f, &keep_);
          if (!IsObject(value)) continue;
          Any child = CopyOf(value);
          if (child.raw()->v_obj == value.v_obj) continue;
          if (f->setter(reinterpret_cast<char*>(copy) + f->offset, child.raw()) != 0) {
            throw details::MoveFromRaised();
          }
        }
      }
    }
  }

  SmallMap<const void*, Any> memo_;
  std::vector<std::pair<TVMFFIObject*, TVMFFIObject*>> work_;
  std::vector<Any> keep_;
};

}  // namespace

Any DeepCopyValue(const TVMFFIAny& v) { return DeepCopier().Run(v); }

}  // namespace dataclass
}  // namespace ffi
}  // namespace tvm
