/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file owned_leaves.cc
 * \brief TVMFFIObjectVisitOwnedLeaves: the foreign references a native
 *        subgraph holds on behalf of the one reference to its root.
 *
 * Python's cycle collector cannot see into native memory. A Python object
 * kept alive by a List that its own attribute holds (`h.l = List([h])`)
 * would leak: the collector sees the wrapper, not the reference the List's
 * OpaquePyObject holds. A wrapper's tp_traverse reports those references,
 * and this walk finds them.
 *
 * It follows only objects with a reference count of one. Each such object is
 * referenced by its parent in the walk and by nothing else, so the objects
 * reached form a tree (no visited set needed), and whatever its leaves hold
 * is held on behalf of the root's single owner alone: reporting it to the
 * collector as that owner's reference is exact. A shared object stops the
 * walk; the collector then sees fewer references, which only ever keeps
 * objects alive (conservative), never frees a live one.
 *
 * The counts can only fall while the walk runs: a thread can take a new
 * reference to an object only through one it already holds, and nothing
 * outside the tree holds one into it.
 */
#include <tvm/ffi/c_api.h>

#include <vector>

#include "dataclass/graph.h"

namespace {

using tvm::ffi::dataclass::FieldsOf;
using tvm::ffi::dataclass::MapOf;
using tvm::ffi::dataclass::SeqOf;

bool OwnedAlone(const TVMFFIObject* obj) {
  return __atomic_load_n(&obj->ref_count, __ATOMIC_RELAXED) == 1;
}

/*! \brief Pushes the object in `v`, if it is one that only its parent references. */
void PushIfOwned(const TVMFFIAny& v, std::vector<TVMFFIObject*>* stack) {
  if (v.type_index >= kTVMFFIStaticObjectBegin && v.v_obj != nullptr && OwnedAlone(v.v_obj)) {
    stack->push_back(v.v_obj);
  }
}

/*! \brief Pushes the children of a reflected object held in inline fields. */
void PushFields(TVMFFIObject* obj, std::vector<TVMFFIObject*>* stack) {
  // Enum variants are registry singletons: never owned by one wrapper.
  if (tvm::ffi::details::IsUniqueInstanceType(obj->type_index)) return;
  for (const TVMFFIFieldInfo* f : FieldsOf(obj->type_index)) {
    const char* addr = reinterpret_cast<const char*>(obj) + f->offset;
    if (f->storage == kTVMFFIFieldStorageAny) {
      PushIfOwned(*reinterpret_cast<const TVMFFIAny*>(addr), stack);
    } else if (f->storage == kTVMFFIFieldStorageObject) {
      TVMFFIObject* child = *reinterpret_cast<TVMFFIObject* const*>(addr);
      if (child != nullptr && OwnedAlone(child)) stack->push_back(child);
    }
  }
}

int Walk(TVMFFIObject* root, TVMFFIOwnedLeafVisitor visit, void* ctx) {
  std::vector<TVMFFIObject*> stack{root};
  while (!stack.empty()) {
    TVMFFIObject* obj = stack.back();
    stack.pop_back();
    switch (obj->type_index) {
      case kTVMFFIOpaquePyObject:
      case kTVMFFIFunction:
        if (int rc = visit(obj, ctx)) return rc;
        break;
      case kTVMFFIArray:
      case kTVMFFIList: {
        const TVMFFISeqCell& seq = SeqOf(obj);
        for (int64_t i = 0; i < seq.size; ++i) PushIfOwned(seq.data[i], &stack);
        break;
      }
      case kTVMFFIMap:
      case kTVMFFIDict: {
        const TVMFFIMapCell& map = MapOf(obj);
        for (int64_t i = 0; i < map.size; ++i) {
          PushIfOwned(map.entries[i].key, &stack);
          PushIfOwned(map.entries[i].value, &stack);
        }
        break;
      }
      case kTVMFFIError:
        PushIfOwned(reinterpret_cast<const TVMFFIErrorCell*>(obj + 1)->payload, &stack);
        break;
      case kTVMFFIStr:
      case kTVMFFIBytes:
      case kTVMFFIModule:
      case kTVMFFISentinel:
        break;  // hold nothing a collector could want
      default:
        PushFields(obj, &stack);
        break;
    }
  }
  return 0;
}

}  // namespace

extern "C" int TVMFFIObjectVisitOwnedLeaves(TVMFFIObject* root, TVMFFIOwnedLeafVisitor visit,
                                            void* ctx) {
  if (root == nullptr || !OwnedAlone(root)) return 0;
  try {
    return Walk(root, visit, ctx);
  } catch (...) {
    return 0;  // out of memory for the stack or a field list: nothing can be done here
  }
}
