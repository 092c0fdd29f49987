/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file object.cc
 * \brief Reference counting and the ABI version, exported for callers that
 *        cannot use the inline C++ helpers (C code, other languages).
 */
#include <tvm/ffi/object.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace {
// Read on every object's destruction (and creation): the initial-exec model
// makes each a plain %fs-relative access instead of a __tls_get_addr call
// (about 40 instructions per object). A few bytes of the static TLS space
// glibc keeps for libraries loaded after start.
#if defined(__GNUC__) || defined(__clang__)
#define TVM_FFI_FAST_TLS __attribute__((tls_model("initial-exec")))
#else
#define TVM_FFI_FAST_TLS
#endif

/*! \brief Objects waiting for their deleter on this thread (see TVMFFIObjectDestroy). */
TVM_FFI_FAST_TLS thread_local std::vector<TVMFFIObject*>* pending_deletes = nullptr;

// ---------------------------------------------------------------------------
// The live-object count
//
// Every object is counted twice, once by whoever made it and once by
// TVMFFIObjectDestroy, on hot paths (a py_class construction, a container
// made per call). A shared atomic would put a locked instruction on each;
// instead each thread owns a slot it alone writes (a plain load and store),
// and the count sums the slots. A thread's slot outlives the thread (its
// counts stay in the sum) and goes to the next thread that starts.
// ---------------------------------------------------------------------------

struct LiveSlot {
  std::atomic<int64_t> live{0};  // created minus destroyed by the slot's threads
};

struct LiveSlots {
  std::mutex mutex;
  std::vector<LiveSlot*> all;    // never freed: a slot's count is part of the sum
  std::vector<LiveSlot*> free;   // slots of threads that have ended
  std::atomic<int64_t> late{0};  // counted by a thread after its slot was returned
};

LiveSlots& Slots() {
  static LiveSlots* slots = new LiveSlots();  // outlives every thread's last count
  return *slots;
}

TVM_FFI_FAST_TLS thread_local LiveSlot* t_slot = nullptr;
TVM_FFI_FAST_TLS thread_local bool t_slot_returned = false;

/*! \brief Hands the thread's slot back when the thread ends. */
struct SlotReturn {
  ~SlotReturn() {
    if (t_slot != nullptr) {
      std::lock_guard<std::mutex> lock(Slots().mutex);
      Slots().free.push_back(t_slot);
    }
    t_slot = nullptr;
    t_slot_returned = true;  // later counts on this thread go to `late`
  }
};
thread_local SlotReturn t_slot_return;

LiveSlot* AcquireSlot() noexcept {
  if (t_slot_returned) return nullptr;
  try {
    (void)&t_slot_return;  // first use on this thread: registers its destructor
    LiveSlots& slots = Slots();
    std::lock_guard<std::mutex> lock(slots.mutex);
    if (!slots.free.empty()) {
      t_slot = slots.free.back();
      slots.free.pop_back();
    } else {
      auto slot = std::make_unique<LiveSlot>();
      slots.all.push_back(slot.get());
      t_slot = slot.release();
    }
    return t_slot;
  } catch (...) {
    return nullptr;  // out of memory: this count goes to `late` (called from deleters)
  }
}

inline void CountLive(int64_t delta) {
  LiveSlot* slot = t_slot;
  if (slot == nullptr && (slot = AcquireSlot()) == nullptr) {
    Slots().late.fetch_add(delta, std::memory_order_relaxed);
    return;
  }
  // This thread is the slot's only writer: no read-modify-write needed.
  slot->live.store(slot->live.load(std::memory_order_relaxed) + delta, std::memory_order_relaxed);
}
}  // namespace

extern "C" {

void TVMFFIObjectDestroy(TVMFFIObject* obj) {
  CountLive(-1);
  if (pending_deletes != nullptr) {
    // Inside another deleter: queue it, the outermost call runs it.
    pending_deletes->push_back(obj);
    return;
  }
  std::vector<TVMFFIObject*> queue;
  pending_deletes = &queue;
  obj->deleter(obj);
  while (!queue.empty()) {
    TVMFFIObject* next = queue.back();
    queue.pop_back();
    next->deleter(next);
  }
  pending_deletes = nullptr;
}

void TVMFFIObjectNoteCreated(void) { CountLive(1); }

int64_t TVMFFIObjectLiveCount(void) {
  LiveSlots& slots = Slots();
  std::lock_guard<std::mutex> lock(slots.mutex);
  int64_t total = slots.late.load(std::memory_order_relaxed);
  for (const LiveSlot* slot : slots.all) total += slot->live.load(std::memory_order_relaxed);
  return total;
}

void TVMFFIGetVersion(int32_t* major, int32_t* minor, int32_t* patch) {
  *major = TVM_FFI_VERSION_MAJOR;
  *minor = TVM_FFI_VERSION_MINOR;
  *patch = TVM_FFI_VERSION_PATCH;
}

int TVMFFIObjectIncRef(TVMFFIObjectHandle obj) {
  if (obj != nullptr) tvm::ffi::details::IncRef(obj);
  return 0;
}

int TVMFFIObjectDecRef(TVMFFIObjectHandle obj) {
  if (obj != nullptr) tvm::ffi::details::DecRef(obj);
  return 0;
}

}  // extern "C"
