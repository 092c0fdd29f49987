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

#include "dataclass/graph.h"
#include "hash.h"
#include "container_internal.h"
#include "map_keys.h"
#include "numeric.h"

#include <cmath>
#include <cstdlib>
#include <new>
#include <string_view>
#include <vector>

namespace tvm {
namespace ffi {

// ---------------------------------------------------------------------------
// Key hashing and equality (map_keys.h has the rule)
// ---------------------------------------------------------------------------

uint64_t KeyHash(const TVMFFIAny& v) {
  if (IsNumber(v)) return HashNumber(v);
  if (v.type_index == kTVMFFIArray) {
    // Arrays are immutable: they key by value (a Python tuple key is found
    // again). Python's hash rule refuses one holding a mutable container,
    // whose hash could change while it is a key.
    return static_cast<uint64_t>(dataclass::ValueHash(v));
  }
  if (auto s = details::AnyStringView(v)) return HashBytes(*s, 1);
  if (auto b = details::AnyBytesView(v)) return HashBytes(*b, 2);
  switch (v.type_index) {
    case kTVMFFINone:
      return 0;
    case kTVMFFIOpaquePyObject: {
      const auto* cell = reinterpret_cast<const TVMFFIOpaqueObjectCell*>(v.v_obj + 1);
      return HashMix(reinterpret_cast<uint64_t>(cell->handle));
    }
    default:
      return HashMix(static_cast<uint64_t>(v.v_int64) + static_cast<uint64_t>(v.type_index));
  }
}

bool KeyEqual(const TVMFFIAny& a, const TVMFFIAny& b) {
  int order = 0;
  // NaN equals NaN here, as in the engines: a NaN key can be found, deleted
  // and round-tripped through a dict (a float value has no identity).
  if (NumericCompare(a, b, &order)) return order == 0;
  if (auto sa = details::AnyStringView(a)) {
    auto sb = details::AnyStringView(b);
    return sb && *sa == *sb;
  }
  if (auto ba = details::AnyBytesView(a)) {
    auto bb = details::AnyBytesView(b);
    return bb && *ba == *bb;
  }
  if (a.type_index != b.type_index) return false;
  switch (a.type_index) {
    case kTVMFFINone:
      return true;
    case kTVMFFIArray:
      return a.v_obj == b.v_obj || dataclass::Equal(a, b);
    case kTVMFFIOpaquePyObject: {
      const auto* ca = reinterpret_cast<const TVMFFIOpaqueObjectCell*>(a.v_obj + 1);
      const auto* cb = reinterpret_cast<const TVMFFIOpaqueObjectCell*>(b.v_obj + 1);
      return ca->handle == cb->handle;
    }
    default:
      return a.v_int64 == b.v_int64;
  }
}

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

/*! \brief Runs `fn`; false if it threw (the error is dropped: the caller cannot report it). */
template <typename F>
bool CallDroppingError(F&& fn) {
  try {
    fn();
    return true;
  } catch (...) {
    return false;
  }
}

// ---------------------------------------------------------------------------
// Maps
// ---------------------------------------------------------------------------

/*!
 * \brief The hash index: slots hold entry positions, -1 for empty;
 * `hashes[i]` is the key hash of entry i (kept, so re-slotting never calls a
 * key's hash hooks again).
 */
struct MapIndex {
  std::vector<int64_t> slots;
  std::vector<uint64_t> hashes;
  /*! \brief Bumped whenever entries move or go, so a probe can tell. */
  uint64_t generation = 0;
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
  const MapIndex& index = *IndexOf(m);
  size_t mask = index.slots.size() - 1;
  for (size_t s = hash & mask;; s = (s + 1) & mask) {
    int64_t pos = index.slots[s];
    if (pos < 0) {
      *slot_out = s;
      return -1;
    }
    // Equal keys hash alike: only a matching hash needs the (maybe
    // structural) comparison.
    if (index.hashes[pos] != hash) continue;
    uint64_t generation = index.generation;
    bool equal = KeyEqual(m->cell.entries[pos].key, key);
    // An eq hook inside an Array key may have changed this very map: the
    // slot and position seen are stale (and the entry maybe freed).
    if (index.generation != generation) {
      TVM_FFI_THROW(RuntimeError) << "the map changed while its keys were being compared";
    }
    if (equal) {
      *slot_out = s;
      return pos;
    }
  }
}

/*!
 * \brief Re-slots every entry from its stored hash. The keys are distinct,
 * so no key is hashed or compared: nothing here can fail half-way.
 */
void RebuildIndex(MapBlock* m, size_t min_slots) {
  size_t n = 8;
  while (n < min_slots * 2) n *= 2;
  MapIndex* index = IndexOf(m);
  index->generation += 1;
  index->slots.assign(n, -1);
  for (int64_t i = 0; i < m->cell.size; ++i) {
    size_t s = index->hashes[i] & (n - 1);
    while (index->slots[s] >= 0) s = (s + 1) & (n - 1);
    index->slots[s] = i;
  }
}

/*! \brief Inserts or replaces; takes ownership of `key` and `value` (released on failure). */
void MapPutOwned(MapBlock* m, TVMFFIAny key, TVMFFIAny value) {
  struct Release {  // drops whichever of the two is still ours on exit
    TVMFFIAny* key;
    TVMFFIAny* value;
    ~Release() {
      if (key != nullptr) details::DecRefAny(*key);
      if (value != nullptr) details::DecRefAny(*value);
    }
  } release{&key, &value};
  uint64_t hash = KeyHash(key);  // TypeError for an unhashable key
  size_t slot = 0;
  int64_t pos = Probe(m, key, hash, &slot);
  if (pos >= 0) {
    // Python's rule: the first key stays, the value is replaced.
    std::swap(m->cell.entries[pos].value, value);  // `value` now holds the old one
    return;
  }
  MapIndex* index = IndexOf(m);
  index->hashes.reserve(static_cast<size_t>(m->cell.size) + 1);  // before anything changes
  if (m->cell.size == m->cell.capacity) {
    int64_t cap = m->cell.capacity < 4 ? 4 : m->cell.capacity * 2;
    auto* entries =
        static_cast<TVMFFIMapEntry*>(std::realloc(m->cell.entries, sizeof(TVMFFIMapEntry) * cap));
    if (entries == nullptr) throw std::bad_alloc();
    m->cell.entries = entries;
    m->cell.capacity = cap;
  }
  m->cell.entries[m->cell.size] = TVMFFIMapEntry{key, value};
  index->hashes.push_back(hash);
  index->generation += 1;
  index->slots[slot] = m->cell.size;
  m->cell.size += 1;
  release.key = release.value = nullptr;  // the map owns them now
  if (static_cast<size_t>(m->cell.size) * 2 > index->slots.size()) {
    RebuildIndex(m, static_cast<size_t>(m->cell.size));
  }
}

}  // namespace

namespace details {
void SeqReserve(TVMFFIObject* seq, int64_t capacity) { Reserve(&CheckSeq(seq)->cell, capacity); }
}  // namespace details

}  // namespace ffi
}  // namespace tvm

using namespace tvm::ffi;

extern "C" {

uint64_t TVMFFIAnyKeyHash(const TVMFFIAny* value) {
  uint64_t h = 0;
  if (CallDroppingError([&] { h = KeyHash(*value); })) return h;
  return HashMix(static_cast<uint64_t>(value->v_int64));  // a key no map holds
}

int TVMFFIAnyKeyEqual(const TVMFFIAny* lhs, const TVMFFIAny* rhs) {
  bool eq = false;
  return CallDroppingError([&] { eq = KeyEqual(*lhs, *rhs); }) && eq ? 1 : 0;
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
  if (s->cell.size > i)
    std::memmove(data + i + n, data + i, sizeof(TVMFFIAny) * (s->cell.size - i));
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
  if (s->cell.size > end)
    std::memmove(data + begin, data + end, sizeof(TVMFFIAny) * (s->cell.size - end));
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
  int64_t pos = Probe(m, *key, KeyHash(*key), &slot);
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
  int64_t pos = Probe(m, *key, KeyHash(*key), &slot);
  *out_found = pos >= 0 ? 1 : 0;
  if (pos >= 0) {
    // Keep insertion order: shift the tail down, then re-index.
    // O(n) per erase; fine for the sizes maps see here.
    TVMFFIMapEntry removed = m->cell.entries[pos];
    std::memmove(m->cell.entries + pos, m->cell.entries + pos + 1,
                 sizeof(TVMFFIMapEntry) * (m->cell.size - pos - 1));
    std::vector<uint64_t>& hashes = IndexOf(m)->hashes;
    hashes.erase(hashes.begin() + pos);
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
  IndexOf(m)->hashes.clear();
  RebuildIndex(m, 0);
  for (const TVMFFIMapEntry& e : removed) {
    details::DecRefAny(e.key);
    details::DecRefAny(e.value);
  }
  TVM_FFI_SAFE_CALL_END();
}

}  // extern "C"
