/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file plugin.cc
 * \brief What the static initialisers of a library being loaded report:
 *        an ABI it was built against that this core library cannot host,
 *        or a block that threw. The loader (tvm_ffi.load_module) takes the
 *        report after dlopen returns, on the same thread; when there is one
 *        it takes back what the library registered (the load journal).
 */
#include <tvm/ffi/error.h>

#include "registry_internal.h"

#include <string>
#include <utility>
#include <vector>

namespace {

/*!
 * \brief The first problem reported on this thread since the loader last
 * looked. dlopen runs a library's initialisers on the loading thread, so
 * concurrent loads on other threads do not mix their reports.
 */
thread_local tvm::ffi::Error* t_load_error = nullptr;

void Report(const char* kind, const std::string& message) {
  if (t_load_error != nullptr) return;  // the first one is the cause
  t_load_error = new tvm::ffi::Error(kind, message);
}

/*!
 * \brief What one load added to the registry: the types it created and,
 * per global function it set, what that name held before (owned, or NULL).
 * Global functions are taken back first (they may hold objects of the
 * types), then the types, newest first (a child before its parent).
 */
struct LoadJournal {
  std::vector<int32_t> new_types;
  std::vector<std::pair<std::string, TVMFFIObject*>> globals;
  LoadJournal* outer = nullptr;  // a library loaded from another's initialiser

  void Release() {
    for (auto& entry : globals) {
      if (entry.second != nullptr) tvm::ffi::details::DecRef(entry.second);
    }
    globals.clear();
  }

  void RollBack() {
    for (auto it = globals.rbegin(); it != globals.rend(); ++it) {
      TVMFFIByteArray name{it->first.data(), it->first.size()};
      if (it->second != nullptr) {
        TVMFFIFunctionSetGlobal(&name, it->second, 1);
      } else {
        int removed = 0;
        TVMFFIFunctionRemoveGlobal(&name, &removed);
      }
    }
    Release();
    for (auto it = new_types.rbegin(); it != new_types.rend(); ++it) {
      try {
        tvm::ffi::details::RetractType(*it);
      } catch (...) {  // a type another thread derived from meanwhile stays
      }
    }
    new_types.clear();
  }
};

/*! \brief The journal of the load in progress on this thread, or NULL. */
thread_local LoadJournal* t_journal = nullptr;

}  // namespace

namespace tvm {
namespace ffi {
namespace details {

void JournalNewType(int32_t type_index) {
  if (t_journal == nullptr) return;
  try {
    t_journal->new_types.push_back(type_index);
  } catch (...) {  // out of memory: this type would survive a rollback
  }
}

void JournalGlobalFunction(const std::string& name, TVMFFIObject* previous) {
  if (t_journal == nullptr) return;
  for (const auto& entry : t_journal->globals) {
    if (entry.first == name) return;  // the value before the load is already kept
  }
  try {
    t_journal->globals.emplace_back(name, previous);
    if (previous != nullptr) IncRef(previous);
  } catch (...) {
  }
}

}  // namespace details
}  // namespace ffi
}  // namespace tvm

int TVMFFIPluginLoadBegin(void) {
  TVM_FFI_SAFE_CALL_BEGIN();
  auto* journal = new LoadJournal();
  journal->outer = t_journal;
  t_journal = journal;
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIPluginLoadEnd(int32_t roll_back) {
  TVM_FFI_SAFE_CALL_BEGIN();
  LoadJournal* journal = t_journal;
  if (journal == nullptr) {
    TVM_FFI_THROW(RuntimeError) << "TVMFFIPluginLoadEnd without TVMFFIPluginLoadBegin";
  }
  t_journal = journal->outer;  // the rollback itself is not journaled
  if (roll_back != 0) {
    journal->RollBack();
  } else {
    journal->Release();
  }
  delete journal;
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIPluginABICompatible(int32_t major, int32_t minor) {
  if (major == TVM_FFI_VERSION_MAJOR && minor <= TVM_FFI_VERSION_MINOR) return 1;
  try {
    Report("ImportError", "the library was built against tvm_ffi ABI " + std::to_string(major) +
                              "." + std::to_string(minor) + ", but this process has ABI " +
                              std::to_string(TVM_FFI_VERSION_MAJOR) + "." +
                              std::to_string(TVM_FFI_VERSION_MINOR) +
                              " (rebuild it against the installed tvm_ffi)");
  } catch (...) {  // out of memory: the refusal stands without its message
  }
  return 0;
}

void TVMFFIPluginInitFailed(const char* message) {
  try {
    Report("ImportError", std::string("a static initialiser of the library failed: ") +
                              (message != nullptr ? message : "(no message)"));
  } catch (...) {
  }
}

void TVMFFIPluginTakeLoadError(TVMFFIObjectHandle* out) {
  *out = nullptr;
  if (t_load_error == nullptr) return;
  tvm::ffi::Error* error = t_load_error;
  t_load_error = nullptr;
  TVMFFIObject* header = tvm::ffi::details::ObjectRefUnsafe::Header(*error);
  TVMFFIObjectIncRef(header);
  *out = header;
  delete error;
}
