/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file container.cc
 * \brief Storage of Array/List (a growable vector of Anys) and Map/Dict (an
 *        insertion-ordered entry vector plus an open-addressing index).
 *
 * Element storage is owned here so that any library may mutate a container
 * made by another. Every mutation first builds its new state, then swaps it
 * in, then drops the old references: a deleter that runs on the last
 * reference may re-enter the container and must see it consistent.
 */
#include <tvm/ffi/any.h>

#include "hash.h"

#include <cmath>
#include <cstdlib>
#include <new>
#include <string_view>
#include <vector>

namespace tvm {
namespace ffi {
namespace {

// ---------------------------------------------------------------------------
// Sequences
// ---------------------------------------------------------------------------

struct SeqBlock {
  TVMFFIObject header;
  TVMFFISeqCell cell;
};

/*! \brief Owned copies of some values, released on scope exit unless taken. */
/*! \brief Rejects a negative count, or items missing for a positive one. */
void CheckItems(const char* function, const void* items, int64_t n) {
  if (n < 0 || (n > 0 && items == nullptr)) {
    TVM_FFI_THROW(ValueError) << function << ": " << n << " items"
                              << (n < 0 ? " (a negative count)" : " at a NULL pointer");
  }
}

class OwnedValues {
 public:
  OwnedValues(const TVMFFIAny* items, int64_t n) {
    values_.reserve(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) values_.push_back(details::CopyViewToOwned(items[i]));
  }
  ~OwnedValues() {
    for (const TVMFFIAny& v : values_) details::DecRefAny(v);
  }
  /*! \brief Moves the values out; the caller owns them now. */
  const TVMFFIAny* Take() {
    taken_ = values_;
    values_.clear();
    return taken_.data();
  }
  size_t size() const { return values_.size(); }

 private:
  std::vector<TVMFFIAny> values_;
  std::vector<TVMFFIAny> taken_;
};

void FreeSeq(TVMFFIObject* obj) {
  auto* block = reinterpret_cast<SeqBlock*>(obj);
  // Detach first: dropping an item may free objects that look at this one.
  TVMFFIAny* data = block->cell.data;
  int64_t size = block->cell.size;
  block->cell = TVMFFISeqCell{nullptr, 0, 0};
  for (int64_t i = 0; i < size; ++i) details::DecRefAny(data[i]);
  std::free(data);
  std::free(block);
}

SeqBlock* CheckSeq(TVMFFIObject* obj) {
  if (obj == nullptr || (obj->type_index != kTVMFFIArray && obj->type_index != kTVMFFIList)) {
    TVM_FFI_THROW(TypeError) << "expected an Array or List";
  }
  return reinterpret_cast<SeqBlock*>(obj);
}

void Reserve(TVMFFISeqCell* cell, int64_t need) {
  if (need <= cell->capacity) return;
  int64_t cap = cell->capacity < 4 ? 4 : cell->capacity;
  while (cap < need) cap *= 2;
  auto* data = static_cast<TVMFFIAny*>(std::realloc(cell->data, sizeof(TVMFFIAny) * cap));
  if (data == nullptr) throw std::bad_alloc();
  cell->data = data;
  cell->capacity = cap;
}

// ---------------------------------------------------------------------------
// Key hashing and equality: by value for POD and strings, identity otherwise.
// ---------------------------------------------------------------------------

// ---------------------------------------------------------------------------
// Maps
// ---------------------------------------------------------------------------

/*! \brief The hash index: slots hold entry positions, -1 for empty. */
struct MapIndex {
  std::vector<int64_t> slots;
};

struct MapBlock {
  TVMFFIObject header;
  TVMFFIMapCell cell;
};

MapIndex* IndexOf(MapBlock* m) { return static_cast<MapIndex*>(m->cell.index); }

void FreeMap(TVMFFIObject* obj) {
  auto* block = reinterpret_cast<MapBlock*>(obj);
  TVMFFIMapEntry* entries = block->cell.entries;
  int64_t size = block->cell.size;
  delete IndexOf(block);
  block->cell = TVMFFIMapCell{nullptr, 0, 0, nullptr};
  for (int64_t i = 0; i < size; ++i) {
    details::DecRefAny(entries[i].key);
    details::DecRefAny(entries[i].value);
  }
  std::free(entries);
  std::free(block);
}

MapBlock* CheckMap(TVMFFIObject* obj) {
  if (obj == nullptr || (obj->type_index != kTVMFFIMap && obj->type_index != kTVMFFIDict)) {
    TVM_FFI_THROW(TypeError) << "expected a Map or Dict";
  }
  return reinterpret_cast<MapBlock*>(obj);
}

/*! \brief Position of `key` in the entries, or -1; `*slot_out` is where it is or would go. */
int64_t Probe(MapBlock* m, const TVMFFIAny& key, uint64_t hash, size_t* slot_out) {
  std::vector<int64_t>& slots = IndexOf(m)->slots;
  size_t mask = slots.size() - 1;
  for (size_t s = hash & mask;; s = (s + 1) & mask) {
    int64_t pos = slots[s];
    if (pos < 0) {
      *slot_out = s;
      return -1;
    }
    if (TVMFFIAnyKeyEqual(&m->cell.entries[pos].key, &key)) {
      *slot_out = s;
      return pos;
    }
  }
}

void RebuildIndex(MapBlock* m, size_t min_slots) {
  size_t n = 8;
  while (n < min_slots * 2) n *= 2;
  MapIndex* index = IndexOf(m);
  index->slots.assign(n, -1);
  for (int64_t i = 0; i < m->cell.size; ++i) {
    size_t slot = 0;
    Probe(m, m->cell.entries[i].key, TVMFFIAnyKeyHash(&m->cell.entries[i].key), &slot);
    index->slots[slot] = i;
  }
}

/*! \brief Inserts or replaces; takes ownership of `key` and `value`. */
void MapPutOwned(MapBlock* m, TVMFFIAny key, TVMFFIAny value) {
  uint64_t hash = TVMFFIAnyKeyHash(&key);
  size_t slot = 0;
  int64_t pos = Probe(m, key, hash, &slot);
  if (pos >= 0) {
    TVMFFIAny old = m->cell.entries[pos].value;
    m->cell.entries[pos].value = value;
    details::DecRefAny(key);
    details::DecRefAny(old);
    return;
  }
  if (m->cell.size == m->cell.capacity) {
    int64_t cap = m->cell.capacity < 4 ? 4 : m->cell.capacity * 2;
    auto* entries = static_cast<TVMFFIMapEntry*>(
        std::realloc(m->cell.entries, sizeof(TVMFFIMapEntry) * cap));
    if (entries == nullptr) {
      details::DecRefAny(key);
      details::DecRefAny(value);
      throw std::bad_alloc();
    }
    m->cell.entries = entries;
    m->cell.capacity = cap;
  }
  m->cell.entries[m->cell.size] = TVMFFIMapEntry{key, value};
  IndexOf(m)->slots[slot] = m->cell.size;
  m->cell.size += 1;
  if (static_cast<size_t>(m->cell.size) * 2 > IndexOf(m)->slots.size()) {
    RebuildIndex(m, static_cast<size_t>(m->cell.size));
  }
}

}  // namespace
}  // namespace ffi
}  // namespace tvm

using namespace tvm::ffi;  // NOLINT(*)

extern "C" {

uint64_t TVMFFIAnyKeyHash(const TVMFFIAny* v) {
  if (v->type_index == kTVMFFIArray) {
    // Arrays are immutable: they key by value (a Python tuple key is found
    // again), through the structural hash.
    int64_t h = 0;
    if (TVMFFIRecursiveHash(v, &h) != 0) {
      TVMFFIObject* err = nullptr;
      TVMFFIErrorMoveFromRaised(&err);  // unhashable contents: fall back to identity
      if (err != nullptr) details::DecRef(err);
      return HashMix(static_cast<uint64_t>(v->v_int64));
    }
    return static_cast<uint64_t>(h);
  }
  if (auto s = details::AnyStringView(*v)) return HashBytes(*s, 1);
  if (auto b = details::AnyBytesView(*v)) return HashBytes(*b, 2);
  switch (v->type_index) {
    case kTVMFFINone:
      return 0;
    case kTVMFFIFloat: {
      double d = v->v_float64;
      if (d == 0.0) d = 0.0;  // -0.0 and 0.0 are equal keys
      int64_t bits;
      std::memcpy(&bits, &d, sizeof(bits));
      return HashMix(static_cast<uint64_t>(bits) ^ 3);
    }
    case kTVMFFIOpaquePyObject: {
      const auto* cell = reinterpret_cast<const TVMFFIOpaqueObjectCell*>(v->v_obj + 1);
      return HashMix(reinterpret_cast<uint64_t>(cell->handle));
    }
    default:
      return HashMix(static_cast<uint64_t>(v->v_int64) + static_cast<uint64_t>(v->type_index));
  }
}

int TVMFFIAnyKeyEqual(const TVMFFIAny* a, const TVMFFIAny* b) {
  if (auto sa = details::AnyStringView(*a)) {
    auto sb = details::AnyStringView(*b);
    return sb && *sa == *sb;
  }
  if (auto ba = details::AnyBytesView(*a)) {
    auto bb = details::AnyBytesView(*b);
    return bb && *ba == *bb;
  }
  if (a->type_index != b->type_index) return 0;
  if (a->type_index == kTVMFFIArray) {
    if (a->v_obj == b->v_obj) return 1;
    int32_t eq = 0;
    if (TVMFFIRecursiveEq(a, b, &eq) != 0) {
      TVMFFIObject* err = nullptr;
      TVMFFIErrorMoveFromRaised(&err);
      if (err != nullptr) details::DecRef(err);
      return 0;
    }
    return eq;
  }
  switch (a->type_index) {
    case kTVMFFINone:
      return 1;
    case kTVMFFIFloat:
      return a->v_float64 == b->v_float64;
    case kTVMFFIOpaquePyObject: {
      const auto* ca = reinterpret_cast<const TVMFFIOpaqueObjectCell*>(a->v_obj + 1);
      const auto* cb = reinterpret_cast<const TVMFFIOpaqueObjectCell*>(b->v_obj + 1);
      return ca->handle == cb->handle;
    }
    default:
      return a->v_int64 == b->v_int64;
  }
}

int TVMFFISeqCreate(int32_t type_index, const TVMFFIAny* items, int64_t n,
                    TVMFFIObjectHandle* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  if (type_index != kTVMFFIArray && type_index != kTVMFFIList) {
    TVM_FFI_THROW(ValueError) << "TVMFFISeqCreate: type index must be Array or List";
  }
  CheckItems("TVMFFISeqCreate", items, n);
  OwnedValues values(items, n);
  auto* block = static_cast<SeqBlock*>(std::malloc(sizeof(SeqBlock)));
  if (block == nullptr) throw std::bad_alloc();
  block->header = TVMFFIObject{1, type_index, &FreeSeq, nullptr};
  TVMFFIObjectNoteCreated();
  block->cell = TVMFFISeqCell{nullptr, 0, 0};
  try {
    Reserve(&block->cell, n);
  } catch (...) {
    std::free(block);
    throw;
  }
  if (n != 0) std::memcpy(block->cell.data, values.Take(), sizeof(TVMFFIAny) * n);
  block->cell.size = n;
  *out = &block->header;
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFISeqSetItem(TVMFFIObjectHandle seq, int64_t i, const TVMFFIAny* value) {
  TVM_FFI_SAFE_CALL_BEGIN();
  SeqBlock* s = CheckSeq(seq);
  if (i < 0 || i >= s->cell.size) TVM_FFI_THROW(IndexError) << "index " << i << " out of range";
  TVMFFIAny owned = details::CopyViewToOwned(*value);
  TVMFFIAny old = s->cell.data[i];
  s->cell.data[i] = owned;
  details::DecRefAny(old);
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFISeqInsert(TVMFFIObjectHandle seq, int64_t i, const TVMFFIAny* items, int64_t n) {
  TVM_FFI_SAFE_CALL_BEGIN();
  SeqBlock* s = CheckSeq(seq);
  if (i < 0 || i > s->cell.size) TVM_FFI_THROW(IndexError) << "index " << i << " out of range";
  // Copy first: `items` may point into this very sequence.
  CheckItems("TVMFFISeqInsert", items, n);
  OwnedValues values(items, n);
  Reserve(&s->cell, s->cell.size + n);
  TVMFFIAny* data = s->cell.data;
  // (memmove/memcpy must not see the NULL data of an empty sequence, even for 0 bytes.)
  if (s->cell.size > i) std::memmove(data + i + n, data + i, sizeof(TVMFFIAny) * (s->cell.size - i));
  if (n != 0) std::memcpy(data + i, values.Take(), sizeof(TVMFFIAny) * n);
  s->cell.size += n;
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFISeqErase(TVMFFIObjectHandle seq, int64_t begin, int64_t end) {
  TVM_FFI_SAFE_CALL_BEGIN();
  SeqBlock* s = CheckSeq(seq);
  if (begin < 0 || end > s->cell.size || begin > end) {
    TVM_FFI_THROW(IndexError) << "erase range [" << begin << ", " << end << ") out of range";
  }
  std::vector<TVMFFIAny> removed(s->cell.data + begin, s->cell.data + end);
  TVMFFIAny* data = s->cell.data;
  if (s->cell.size > end) std::memmove(data + begin, data + end, sizeof(TVMFFIAny) * (s->cell.size - end));
  s->cell.size -= (end - begin);
  for (const TVMFFIAny& v : removed) details::DecRefAny(v);
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFISeqReverse(TVMFFIObjectHandle seq) {
  TVM_FFI_SAFE_CALL_BEGIN();
  SeqBlock* s = CheckSeq(seq);
  for (int64_t a = 0, b = s->cell.size - 1; a < b; ++a, --b) {
    std::swap(s->cell.data[a], s->cell.data[b]);
  }
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIMapCreate(int32_t type_index, const TVMFFIAny* keys, const TVMFFIAny* values, int64_t n,
                    TVMFFIObjectHandle* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  if (type_index != kTVMFFIMap && type_index != kTVMFFIDict) {
    TVM_FFI_THROW(ValueError) << "TVMFFIMapCreate: type index must be Map or Dict";
  }
  CheckItems("TVMFFIMapCreate", keys, n);
  CheckItems("TVMFFIMapCreate", values, n);
  auto* block = static_cast<MapBlock*>(std::malloc(sizeof(MapBlock)));
  if (block == nullptr) throw std::bad_alloc();
  block->header = TVMFFIObject{1, type_index, &FreeMap, nullptr};
  TVMFFIObjectNoteCreated();
  block->cell = TVMFFIMapCell{nullptr, 0, 0, new MapIndex()};
  ObjectPtr<Object> guard = details::ObjectPtrUnsafe::Adopt<Object>(&block->header);
  RebuildIndex(block, static_cast<size_t>(n));
  for (int64_t i = 0; i < n; ++i) {
    MapPutOwned(block, details::CopyViewToOwned(keys[i]), details::CopyViewToOwned(values[i]));
  }
  *out = details::ObjectPtrUnsafe::Release(std::move(guard));
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIMapFind(TVMFFIObjectHandle map, const TVMFFIAny* key, TVMFFIAny* out_value,
                  int* out_found) {
  TVM_FFI_SAFE_CALL_BEGIN();
  MapBlock* m = CheckMap(map);
  size_t slot = 0;
  int64_t pos = Probe(m, *key, TVMFFIAnyKeyHash(key), &slot);
  *out_found = pos >= 0 ? 1 : 0;
  if (pos >= 0 && out_value != nullptr) *out_value = m->cell.entries[pos].value;
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIMapSetItem(TVMFFIObjectHandle map, const TVMFFIAny* key, const TVMFFIAny* value) {
  TVM_FFI_SAFE_CALL_BEGIN();
  MapBlock* m = CheckMap(map);
  MapPutOwned(m, details::CopyViewToOwned(*key), details::CopyViewToOwned(*value));
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIMapErase(TVMFFIObjectHandle map, const TVMFFIAny* key, int* out_found) {
  TVM_FFI_SAFE_CALL_BEGIN();
  MapBlock* m = CheckMap(map);
  size_t slot = 0;
  int64_t pos = Probe(m, *key, TVMFFIAnyKeyHash(key), &slot);
  *out_found = pos >= 0 ? 1 : 0;
  if (pos >= 0) {
    // Keep insertion order: shift the tail down, then re-index.
    // O(n) per erase; fine for the sizes maps see here.
    TVMFFIMapEntry removed = m->cell.entries[pos];
    std::memmove(m->cell.entries + pos, m->cell.entries + pos + 1,
                 sizeof(TVMFFIMapEntry) * (m->cell.size - pos - 1));
    m->cell.size -= 1;
    RebuildIndex(m, static_cast<size_t>(m->cell.size));
    details::DecRefAny(removed.key);
    details::DecRefAny(removed.value);
  }
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIMapClear(TVMFFIObjectHandle map) {
  TVM_FFI_SAFE_CALL_BEGIN();
  MapBlock* m = CheckMap(map);
  std::vector<TVMFFIMapEntry> removed(m->cell.entries, m->cell.entries + m->cell.size);
  m->cell.size = 0;
  RebuildIndex(m, 0);
  for (const TVMFFIMapEntry& e : removed) {
    details::DecRefAny(e.key);
    details::DecRefAny(e.value);
  }
  TVM_FFI_SAFE_CALL_END();
}

}  // extern "C"
