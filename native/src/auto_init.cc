/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file auto_init.cc
 * \brief The generated constructor (`__ffi_init__`) of reflected types, and
 *        the helpers that build objects from field values.
 *
 * One implementation, over the registry's field records, serves every type
 * with reflected fields: C++ types registered by ObjectDef, plugin types,
 * and (later) Python-defined types. The parameter order follows Python:
 * required positional parameters, then positional ones with defaults, then
 * keyword-only ones; fields with init(false) take their default.
 */
#include <tvm/ffi/reflection/registry.h>

#include "dataclass/graph.h"
#include "dynamic/dynamic_type.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace tvm {
namespace ffi {
namespace {

/*! \brief One parameter of a generated constructor. */
struct InitParam {
  const TVMFFIFieldInfo* field;
  /*! \brief 0: required positional, 1: positional with default, 2: keyword-only. */
  int kind;
};

/*! \brief The precomputed parameter table of one type. */
struct InitPlan {
  std::string type_key;
  /*! \brief The type's blank allocator (`__ffi_new__`), found once. */
  const FunctionObj* new_fn = nullptr;
  /*! \brief For dynamic types: their layout, allocated without the Function call. */
  const dynamic::Layout* dynamic_layout = nullptr;
  std::vector<InitParam> params;
  /*! \brief Fields left out of the signature that have a default to apply. */
  std::vector<const TVMFFIFieldInfo*> defaulted_hidden;
  size_t num_positional = 0;
};

std::string_view Name(const TVMFFIFieldInfo* f) {
  return std::string_view(f->name.data, f->name.size);
}

InitPlan BuildPlan(int32_t type_index) {
  InitPlan plan;
  plan.type_key = details::TypeIndexToKey(type_index);
  std::vector<InitParam> required, optional, kw_only;
  for (const TVMFFIFieldInfo* f : dataclass::FieldsOf(type_index)) {
    bool has_default = (f->flags & kTVMFFIFieldFlagHasDefault) != 0;
    if (f->flags & kTVMFFIFieldFlagInitOff) {
      if (has_default) plan.defaulted_hidden.push_back(f);
    } else if (f->flags & kTVMFFIFieldFlagKwOnly) {
      kw_only.push_back({f, 2});
    } else if (has_default) {
      optional.push_back({f, 1});
    } else {
      required.push_back({f, 0});
    }
  }
  plan.num_positional = required.size() + optional.size();
  // Registered attributes live as long as the process: a plain pointer is safe.
  plan.new_fn = dataclass::HookOf(type_index, dataclass::Hook::kNew);
  plan.dynamic_layout = dynamic::FinishedLayoutOf(type_index);
  for (auto* group : {&required, &optional, &kw_only}) {
    plan.params.insert(plan.params.end(), group->begin(), group->end());
  }
  return plan;
}

/*! \brief The default of a field (calling its factory when it has one). */
Any DefaultOf(const TVMFFIFieldInfo* f) {
  AnyView stored = AnyView::FromRaw(f->default_value);
  if (f->flags & kTVMFFIFieldFlagDefaultFromFactory) return stored.cast<Function>()();
  return Any(stored);
}

/*! \brief Writes `value` into the field, with the class and field in any error. */
void SetField(const std::string& type_key, TVMFFIObject* obj, const TVMFFIFieldInfo* f,
              const TVMFFIAny& value) {
  if (dataclass::WriteField(obj, f, value) != 0) {
    Error err = details::MoveFromRaised();
    throw Error(err.kind(), type_key + "." + std::string(Name(f)) + ": " + err.message(),
                err.backtrace());
  }
}

/*!
 * \brief A new blank object of the type, from its allocator. Checked to be
 * an instance of the type: fields are then written at its offsets.
 */
Any NewBlank(const FunctionObj* new_fn, int32_t type_index, const std::string& type_key) {
  if (new_fn == nullptr) {
    TVM_FFI_THROW(TypeError) << "cannot construct `" << type_key
                             << "`: it registers no blank allocator (__ffi_new__)";
  }
  TVMFFIAny result = details::NoneAny();
  if (new_fn->cell.safe_call(new_fn->cell.self, nullptr, 0, &result) != 0) {
    throw details::MoveFromRaised();
  }
  Any obj = Any::FromRawOwned(result);
  if (obj.type_index() < kTVMFFIStaticObjectBegin ||
      !details::IsInstanceOfIndex(obj.type_index(), type_index)) {
    TVM_FFI_THROW(TypeError) << "__ffi_new__ of `" << type_key << "` must return a `" << type_key
                             << "`, got `" << obj.GetTypeKey() << "`";
  }
  return obj;
}

/*! \brief The generated constructor of one type; builds its plan on first call. */
class AutoInit {
 public:
  explicit AutoInit(int32_t type_index) : type_index_(type_index) {}

  void operator()(PackedArgs args, Any* rv) {
    // Built lazily: an ancestor's fields may be registered after this type's
    // ObjectDef ran (static initialisation order across files).
    // The flag first: std::call_once touches thread-local state on every
    // call (libstdc++), a cost on each construction once the plan exists.
    if (!built_.load(std::memory_order_acquire)) {
      std::call_once(once_, [this] {
        plan_ = BuildPlan(type_index_);
        built_.store(true, std::memory_order_release);
      });
    }
    const InitPlan& plan = plan_;
    TVMFFIObject* kwargs = TVMFFIGetSentinel(kTVMFFISentinelKwargs);
    int32_t num_pos = 0;
    while (num_pos < args.size() && !IsSentinel(args[num_pos], kwargs)) ++num_pos;
    if (static_cast<size_t>(num_pos) > plan.num_positional) {
      TVM_FFI_THROW(TypeError) << plan.type_key << ".__init__() takes " << plan.num_positional
                               << " positional argument" << (plan.num_positional == 1 ? "" : "s")
                               << " but " << num_pos << " were given";
    }
    // Inline storage for the usual sizes; the heap only for wide types.
    constexpr size_t kInline = 16;
    const TVMFFIAny* inline_given[kInline] = {};
    std::vector<const TVMFFIAny*> heap_given;
    const TVMFFIAny** given = inline_given;
    if (plan.params.size() > kInline) {
      heap_given.assign(plan.params.size(), nullptr);
      given = heap_given.data();
    }
    for (int32_t i = 0; i < num_pos; ++i) given[i] = args[i].raw();
    int32_t rest = args.size() - num_pos - 1;
    if (rest > 0 && rest % 2 != 0) {
      TVM_FFI_THROW(TypeError) << plan.type_key << ".__init__(): keyword arguments must come "
                               << "in name, value pairs after KWARGS";
    }
    for (int32_t i = num_pos + 1; i + 1 < args.size(); i += 2) {
      std::optional<std::string> key = args[i].try_cast<std::string>();
      if (!key)
        TVM_FFI_THROW(TypeError) << plan.type_key << ".__init__(): keyword names must be str";
      size_t p = 0;
      while (p < plan.params.size() && Name(plan.params[p].field) != *key) ++p;
      if (p == plan.params.size()) {
        TVM_FFI_THROW(TypeError) << plan.type_key
                                 << ".__init__() got an unexpected keyword argument '" << *key
                                 << "'";
      }
      if (given[p] != nullptr) {
        TVM_FFI_THROW(TypeError) << plan.type_key
                                 << ".__init__() got multiple values for argument '" << *key << "'";
      }
      given[p] = args[i + 1].raw();
    }
    bool any_missing = false;
    for (size_t p = 0; p < plan.params.size(); ++p) {
      any_missing |=
          given[p] == nullptr && !(plan.params[p].field->flags & kTVMFFIFieldFlagHasDefault);
    }
    if (any_missing) {
      std::string missing;
      for (size_t p = 0; p < plan.params.size(); ++p) {
        if (given[p] == nullptr && !(plan.params[p].field->flags & kTVMFFIFieldFlagHasDefault)) {
          missing +=
              (missing.empty() ? "'" : ", '") + std::string(Name(plan.params[p].field)) + "'";
        }
      }
      TVM_FFI_THROW(TypeError) << plan.type_key
                               << ".__init__() missing required argument(s): " << missing;
    }
    Any obj = plan.dynamic_layout ? dynamic::NewBlankObject(plan.dynamic_layout)
                                  : NewBlank(plan.new_fn, type_index_, plan.type_key);
    TVMFFIObject* h = obj.raw()->v_obj;
    for (size_t p = 0; p < plan.params.size(); ++p) {
      const TVMFFIFieldInfo* f = plan.params[p].field;
      if (given[p] != nullptr) {
        SetField(plan.type_key, h, f, *given[p]);
      } else {
        Any d = DefaultOf(f);
        SetField(plan.type_key, h, f, *d.raw());
      }
    }
    for (const TVMFFIFieldInfo* f : plan.defaulted_hidden) {
      Any d = DefaultOf(f);
      SetField(plan.type_key, h, f, *d.raw());
    }
    *rv = std::move(obj);
  }

 private:
  static bool IsSentinel(const AnyView& v, TVMFFIObject* sentinel) {
    return v.type_index() == kTVMFFISentinel && v.raw()->v_obj == sentinel;
  }

  int32_t type_index_;
  std::once_flag once_;
  std::atomic<bool> built_{false};
  InitPlan plan_;
};

/*!
 * \brief The generated constructor's parameters, as rows
 * [name, kind (0 required, 1 with default, 2 keyword-only), default or
 * MISSING, default-is-a-factory]. Python builds inspect.Signature from it.
 */
Array<Any> AutoInitSignature(int32_t type_index) {
  InitPlan plan = BuildPlan(type_index);
  TVMFFIAny missing_raw = details::NoneAny();
  missing_raw.type_index = kTVMFFISentinel;
  missing_raw.v_obj = TVMFFIGetSentinel(kTVMFFISentinelMissing);
  AnyView missing = AnyView::FromRaw(missing_raw);
  std::vector<Any> rows;
  for (const InitParam& p : plan.params) {
    bool has_default = p.field->flags & kTVMFFIFieldFlagHasDefault;
    bool factory = p.field->flags & kTVMFFIFieldFlagDefaultFromFactory;
    Any def = has_default ? Any(AnyView::FromRaw(p.field->default_value)) : Any(missing);
    rows.push_back(
        Array<Any>{Any(std::string(Name(p.field))), Any(int64_t{p.kind}), def, Any(factory)});
  }
  return Array<Any>(rows);
}

/*!
 * \brief `ffi.MakeObjectFromPackedArgs(type_key, name, value, ...)`: a blank
 * object of the type with the named fields set, the others at their
 * registered defaults (or, without one, as the blank allocator left them).
 */
void MakeObjectFromPackedArgs(PackedArgs args, Any* rv) {
  if (args.size() < 1 || args.size() % 2 != 1) {
    TVM_FFI_THROW(TypeError) << "ffi.MakeObjectFromPackedArgs(type_key, name, value, ...) "
                             << "takes a type key and name/value pairs";
  }
  std::string type_key = args[0].cast<std::string>();
  TVMFFIByteArray key = details::ToByteArray(type_key);
  int32_t type_index = -1;
  TVM_FFI_CHECK_SAFE_CALL(TVMFFITypeKeyToIndex(&key, &type_index));
  std::vector<const TVMFFIFieldInfo*> fields =
      dataclass::FieldsOf(type_index);  // a copy: hooks may run
  std::vector<const TVMFFIAny*> given(fields.size(), nullptr);
  for (int32_t i = 1; i < args.size(); i += 2) {
    std::string name = args[i].cast<std::string>();
    size_t k = 0;
    while (k < fields.size() && Name(fields[k]) != name) ++k;
    if (k == fields.size()) {
      TVM_FFI_THROW(TypeError) << "`" << type_key << "` has no field `" << name << "`";
    }
    given[k] = args[i + 1].raw();
  }
  // Unnamed fields take their registered default; one with no default keeps
  // the value the blank allocator gave it.
  Any obj = NewBlank(dataclass::HookOf(type_index, dataclass::Hook::kNew), type_index, type_key);
  for (size_t k = 0; k < fields.size(); ++k) {
    if (given[k] != nullptr) {
      SetField(type_key, obj.raw()->v_obj, fields[k], *given[k]);
    } else if (fields[k]->flags & kTVMFFIFieldFlagHasDefault) {
      Any d = DefaultOf(fields[k]);
      SetField(type_key, obj.raw()->v_obj, fields[k], *d.raw());
    }
  }
  *rv = std::move(obj);
}

}  // namespace
}  // namespace ffi
}  // namespace tvm

using namespace tvm::ffi;

TVM_FFI_STATIC_INIT_BLOCK() {
  reflection::GlobalDef()
      .def("ffi.AutoInitSignature", AutoInitSignature)
      .def_packed("ffi.MakeObjectFromPackedArgs", MakeObjectFromPackedArgs);
}

extern "C" int TVMFFITypeMakeAutoInit(int32_t type_index, TVMFFIObjectHandle* out) {
  TVM_FFI_SAFE_CALL_BEGIN();
  if (TVMFFIGetTypeInfo(type_index) == nullptr) {
    TVM_FFI_THROW(KeyError) << "no type with index " << type_index;
  }
  auto init = std::make_shared<AutoInit>(type_index);
  Function f = Function::FromPacked([init](PackedArgs args, Any* rv) { (*init)(args, rv); });
  *out = details::ObjectPtrUnsafe::Release(ObjectPtr<Object>(details::ObjectRefUnsafe::GetPtr(f)));
  TVM_FFI_SAFE_CALL_END();
}
