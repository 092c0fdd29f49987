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
#include <tvm/ffi/any.h>
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
 * \brief What one load changed in the registry, in order: the types it
 * created, and each change to what existed before (a global function set,
 * a field, method, attribute or metadata of an older type). A rollback
 * undoes the changes newest first, then retracts the new types, newest
 * first (a child before its parent). Changes to the new types themselves
 * are not recorded: retracting a type takes them with it.
 */
struct LoadJournal {
  enum class Kind { kGlobal, kField, kMethod, kAttr, kMetadata };
  struct Change {
    Kind kind;
    int32_t type_index;
    std::string name;
    TVMFFIAny previous;  // owned: a global's or a method's old value, or None
    bool had_metadata;   // kMetadata: there was metadata; kMethod: there was a method
    TVMFFITypeMetadata metadata;
    std::string doc;            // backs metadata.doc, or the old method's doc
    TVMFFIAny method_metadata;  // owned: the old method's metadata
    int64_t method_flags;
  };
  std::vector<int32_t> new_types;
  std::vector<Change> changes;
  LoadJournal* outer = nullptr;  // a library loaded from another's initialiser

  bool IsNew(int32_t type_index) const {
    for (int32_t t : new_types) {
      if (t == type_index) return true;
    }
    return false;
  }

  void Record(Change change) {
    try {
      changes.push_back(std::move(change));
    } catch (...) {  // out of memory: this change would survive a rollback
      tvm::ffi::details::DecRefAny(change.previous);
      tvm::ffi::details::DecRefAny(change.method_metadata);
    }
  }

  void Release() {
    for (Change& c : changes) {
      tvm::ffi::details::DecRefAny(c.previous);
      tvm::ffi::details::DecRefAny(c.method_metadata);
    }
    changes.clear();
  }

  void Undo(Change& c) {
    namespace d = tvm::ffi::details;
    switch (c.kind) {
      case Kind::kGlobal: {
        TVMFFIByteArray name{c.name.data(), c.name.size()};
        if (c.previous.type_index != kTVMFFINone) {
          TVMFFIFunctionSetGlobal(&name, c.previous.v_obj, 1);
        } else {
          int removed = 0;
          TVMFFIFunctionRemoveGlobal(&name, &removed);
        }
        d::DecRefAny(c.previous);
        break;
      }
      case Kind::kField:
        d::UndoField(c.type_index, c.name);
        break;
      case Kind::kMethod: {
        if (!c.had_metadata) {
          d::UndoMethod(c.type_index, c.name, nullptr);
          break;
        }
        TVMFFIMethodInfo old{TVMFFIByteArray{c.name.data(), c.name.size()},
                             TVMFFIByteArray{c.doc.data(), c.doc.size()}, c.method_flags,
                             c.previous, c.method_metadata};
        d::UndoMethod(c.type_index, c.name, &old);  // takes both references
        c.method_metadata = d::NoneAny();
        break;
      }
      case Kind::kAttr:
        d::UndoAttr(c.type_index, c.name);
        break;
      case Kind::kMetadata:
        d::UndoMetadata(c.type_index, c.had_metadata ? &c.metadata : nullptr, c.doc);
        break;
    }
    c.previous = d::NoneAny();
  }

  void RollBack() {
    for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
      try {
        Undo(*it);
      } catch (...) {  // best effort: the rest is still undone
      }
    }
    changes.clear();
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

/*! \brief A change to record, or NULL when there is no load or the type is the load's own. */
LoadJournal* JournalFor(int32_t type_index) {
  if (t_journal == nullptr || (type_index >= 0 && t_journal->IsNew(type_index))) return nullptr;
  return t_journal;
}

LoadJournal::Change MakeChange(LoadJournal::Kind kind, int32_t type_index, std::string name) {
  return LoadJournal::Change{
      kind,  type_index,           std::move(name), tvm::ffi::details::NoneAny(),
      false, TVMFFITypeMetadata{}, std::string(),   tvm::ffi::details::NoneAny(),
      0};
}

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
  LoadJournal* j = JournalFor(-1);
  if (j == nullptr) return;
  try {
    LoadJournal::Change c = MakeChange(LoadJournal::Kind::kGlobal, -1, name);
    if (previous != nullptr) {
      IncRef(previous);
      c.previous.type_index = kTVMFFIFunction;
      c.previous.v_obj = previous;
    }
    j->Record(std::move(c));
  } catch (...) {
  }
}

void JournalField(int32_t type_index, const std::string& name) {
  if (LoadJournal* j = JournalFor(type_index)) {
    try {
      j->Record(MakeChange(LoadJournal::Kind::kField, type_index, name));
    } catch (...) {
    }
  }
}

void JournalMethod(int32_t type_index, const std::string& name, const TVMFFIMethodInfo* previous) {
  if (LoadJournal* j = JournalFor(type_index)) {
    try {
      LoadJournal::Change c = MakeChange(LoadJournal::Kind::kMethod, type_index, name);
      if (previous != nullptr) {  // the whole record comes back: doc, flags, metadata too
        c.had_metadata = true;
        c.doc.assign(previous->doc.data ? previous->doc.data : "", previous->doc.size);
        c.method_flags = previous->flags;
        c.previous = CopyViewToOwned(previous->method);
        c.method_metadata = CopyViewToOwned(previous->metadata);
      }
      j->Record(std::move(c));
    } catch (...) {
    }
  }
}

void JournalAttr(int32_t type_index, const std::string& name) {
  // An enum's tables are made once and never replaced (enum.cc hands them
  // out by address); variants a failed load added to an older enum stay.
  if (name.rfind("__ffi_enum_", 0) == 0) return;
  if (LoadJournal* j = JournalFor(type_index)) {
    try {
      j->Record(MakeChange(LoadJournal::Kind::kAttr, type_index, name));
    } catch (...) {
    }
  }
}

void JournalMetadata(int32_t type_index, const TVMFFITypeMetadata* previous) {
  if (LoadJournal* j = JournalFor(type_index)) {
    try {
      LoadJournal::Change c = MakeChange(LoadJournal::Kind::kMetadata, type_index, std::string());
      if (previous != nullptr) {
        c.had_metadata = true;
        c.metadata = *previous;
        c.doc.assign(previous->doc.data ? previous->doc.data : "", previous->doc.size);
      }
      j->Record(std::move(c));
    } catch (...) {
    }
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
