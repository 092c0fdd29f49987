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

#include "../dynamic/dynamic_type.h"
#include "graph.h"
#include "small_set.h"

namespace tvm {
namespace ffi {
namespace dataclass {
namespace {

class DeepCopier {
 public:
  DeepCopier() {}  // user-provided: `DeepCopier()` skips zero-filling the object
  DeepCopier(const DeepCopier&) = delete;
  DeepCopier& operator=(const DeepCopier&) = delete;

  Any Run(const TVMFFIAny& root) {
    root_ = RootObject(root);
    Any result = CopyOf(root);
    while (!work_.empty()) {
      auto [copy, original] = work_.back();
      work_.pop_back();
      Rewire(copy, original);
    }
    return result;
  }

 private:
  /*!
   * \brief The value to store in a copy in place of `v`. `own_refs` counts
   * the references to `v`'s object that the copier itself holds (the
   * shallow copy of the parent still pointing at the original), so they do
   * not make a single-parent object look shared.
   */
  Any CopyOf(const TVMFFIAny& v, uint32_t own_refs = 0) {
    NodeKind kind = KindOf(v);
    if (!IsObject(v) ||
        (kind != NodeKind::kSeq && kind != NodeKind::kMap && kind != NodeKind::kReflected)) {
      return Any(AnyView::FromRaw(v));  // shared as it is
    }
    TVMFFIObject* obj = v.v_obj;
    // Only a shared object can be met again (see MaybeShared).
    bool shared = obj == root_ || __atomic_load_n(&obj->ref_count, __ATOMIC_RELAXED) > 1 + own_refs;
    if (Any* hit = shared ? memo_.find(obj) : nullptr) return *hit;
    // Every original is held until the copy is done: a hook (a Python
    // __ffi_shallow_copy__, say) may mutate the graph being copied and drop
    // the last other reference to an object that is queued for rewiring, or
    // whose address keys the memo.
    held_.Hold(obj);
    TVMFFIObject* copy = nullptr;
    if (kind == NodeKind::kSeq) {
      copy = ShallowCopyContainer(obj).ReleaseRaw().v_obj;
    } else if (kind == NodeKind::kMap) {
      // The entries are re-inserted when rewired (keys may be copied too).
      TVM_FFI_CHECK_SAFE_CALL(TVMFFIMapCreate(obj->type_index, nullptr, nullptr, 0, &copy));
    } else {
      Any made = ShallowCopyReflected(obj);
      if (!IsObject(*made.raw()) || made.raw()->v_obj->type_index != obj->type_index) {
        TVM_FFI_THROW(TypeError) << "__ffi_shallow_copy__ of `"
                                 << details::TypeIndexToKey(obj->type_index)
                                 << "` must return an object of the same type";
      }
      if (made.raw()->v_obj == obj) {
        // The type copies as itself (an immutable type may): share it, and
        // never rewire it, which would write into the original.
        if (shared) memo_.put(obj, made);
        return made;
      }
      copy = made.ReleaseRaw().v_obj;
    }
    Any result = Any::FromRawOwned(ObjectView(copy));
    if (shared) memo_.put(obj, result);
    work_.push_back({copy, obj});
    return result;
  }

  /*! \brief What the type's `__ffi_shallow_copy__` returns for `obj`. */
  static Any ShallowCopyReflected(TVMFFIObject* obj) {
    const FunctionObj* shallow = HookOf(obj->type_index, Hook::kShallowCopy);
    // A dynamic type's (a py_class's) own hook: its work without the call.
    const dynamic::Layout* layout = dynamic::FinishedLayoutOf(obj->type_index);
    if (layout != nullptr && shallow != nullptr && shallow == dynamic::ShallowCopyHookOf(layout)) {
      return dynamic::ShallowCopyObject(layout, obj);
    }
    if (shallow == nullptr) {
      TVM_FFI_THROW(TypeError) << "cannot deep copy `" << details::TypeIndexToKey(obj->type_index)
                               << "`: the type registers no __ffi_shallow_copy__ (is it copyable?)";
    }
    return CallHook(shallow, ObjectView(obj));
  }

  void Rewire(TVMFFIObject* copy, TVMFFIObject* original) {
    switch (KindOf(ObjectView(original))) {
      case NodeKind::kSeq: {
        // The copy was made from the original's items and is ours alone:
        // its slots are replaced in place. A hook may have resized the
        // original since, so both sizes bound the walk (re-read each step).
        const TVMFFISeqCell& c = SeqOf(original);
        TVMFFIAny* slots = const_cast<TVMFFISeqCell&>(SeqOf(copy)).data;
        const int64_t copy_size = SeqOf(copy).size;
        for (int64_t i = 0; i < c.size && i < copy_size; ++i) {
          if (!IsObject(c.data[i])) continue;
          Any child = CopyOf(c.data[i], slots[i].v_obj == c.data[i].v_obj ? 1 : 0);
          if (child.raw()->v_obj != slots[i].v_obj) {
            TVMFFIAny old = slots[i];
            slots[i] = child.ReleaseRaw();
            details::DecRefAny(old);
          }
        }
        return;
      }
      case NodeKind::kMap: {
        const TVMFFIMapCell& c = MapOf(original);
        for (int64_t i = 0; i < c.size; ++i) {
          // Owned: copying the key may run a hook that changes the map.
          Any key_original(AnyView::FromRaw(c.entries[i].key));
          Any value_original(AnyView::FromRaw(c.entries[i].value));
          Any key = CopyOf(*key_original.raw());
          Any value = CopyOf(*value_original.raw());
          TVM_FFI_CHECK_SAFE_CALL(TVMFFIMapSetItem(copy, key.raw(), value.raw()));
        }
        return;
      }
      default: {
        FieldCursor fields(original->type_index);  // hooks may register fields meanwhile
        for (size_t k = 0; k < fields.size(); ++k) {
          const TVMFFIFieldInfo* f = fields[k];
          TVMFFIAny value = ReadField(original, f, &keep_);
          if (!IsObject(value)) continue;
          Any child = CopyOf(value, RefsHeldByCopy(copy, f, value.v_obj));
          if (child.raw()->v_obj == value.v_obj) continue;
          if (TVMFFIFieldSetValue(f, reinterpret_cast<char*>(copy) + f->offset, child.raw()) != 0) {
            throw details::MoveFromRaised();
          }
        }
      }
    }
  }

  /*!
   * \brief References to `child` the copier holds through field `f`: the
   * shallow copy's own field (when it still points at the original child)
   * and, for fields read through a getter, the value parked in keep_. For a
   * getter-read field the copy's value is not looked at: the child counts
   * as shared, which only costs a memo entry.
   */
  static uint32_t RefsHeldByCopy(TVMFFIObject* copy, const TVMFFIFieldInfo* f,
                                 const TVMFFIObject* child) {
    const char* addr = reinterpret_cast<const char*>(copy) + f->offset;
    switch (f->storage) {
      case kTVMFFIFieldStorageObject:
        return *reinterpret_cast<TVMFFIObject* const*>(addr) == child ? 1 : 0;
      case kTVMFFIFieldStorageAny: {
        const auto& a = *reinterpret_cast<const TVMFFIAny*>(addr);
        return IsObject(a) && a.v_obj == child ? 1 : 0;
      }
      default:
        return 0;  // not read back: 0 keeps the child counted as shared
    }
  }

  const TVMFFIObject* root_ = nullptr;
  HookPins held_;  // every original, until the copy is done (see CopyOf)
  SmallMap<const void*, Any> memo_;
  std::vector<std::pair<TVMFFIObject*, TVMFFIObject*>> work_;
  std::vector<Any> keep_;
};

}  // namespace

Any DeepCopyValue(const TVMFFIAny& v) { return DeepCopier().Run(v); }

Any ShallowCopyContainer(TVMFFIObject* obj) {
  TVMFFIObject* copy = nullptr;
  switch (KindOf(ObjectView(obj))) {
    case NodeKind::kSeq: {
      const TVMFFISeqCell& c = SeqOf(obj);
      TVM_FFI_CHECK_SAFE_CALL(TVMFFISeqCreate(obj->type_index, c.data, c.size, &copy));
      break;
    }
    case NodeKind::kMap: {
      const TVMFFIMapCell& c = MapOf(obj);
      std::vector<TVMFFIAny> keys, values;
      keys.reserve(static_cast<size_t>(c.size));
      values.reserve(static_cast<size_t>(c.size));
      for (int64_t i = 0; i < c.size; ++i) {
        keys.push_back(c.entries[i].key);
        values.push_back(c.entries[i].value);
      }
      TVM_FFI_CHECK_SAFE_CALL(
          TVMFFIMapCreate(obj->type_index, keys.data(), values.data(), c.size, &copy));
      break;
    }
    default:
      TVM_FFI_THROW(TypeError) << "expected an Array, List, Map or Dict, got `"
                               << details::TypeIndexToKey(obj->type_index) << "`";
  }
  return Any::FromRawOwned(ObjectView(copy));
}

}  // namespace dataclass
}  // namespace ffi
}  // namespace tvm
