/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file dynamic_type.cc
 * \brief Object types laid out at run time: their memory layout, allocator,
 *        shallow copy, deleter and schema-checked fields (the C ABI's
 *        "Dynamic types" section; Python's @py_class is the user).
 *
 * An object of a dynamic type is one allocation: the header, the nearest
 * C++ ancestor's members (built in place by its registered
 * TVMFFIObjectLayout), then each dynamic level's fields in declaration
 * order, every one aligned to its storage. Fields are inline storages only
 * (int64, double, bool byte, object pointer, Any), so the engines and the
 * Python module read them without a getter call. Blank objects are zeroed:
 * 0, 0.0, false, NULL and None are all-zero bytes.
 */
#include <tvm/ffi/reflection/registry.h>

#include "../registry_internal.h"
#include "dynamic_type.h"
#include "type_schema.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <vector>

namespace tvm {
namespace ffi {
namespace dynamic {

namespace {
/*! \brief A field the deleter and the copier must handle (object and Any slots). */
struct OwnedSlot {
  int64_t offset;
  int32_t storage;
};

}  // namespace

/*! \brief The layout of one dynamic type, extended field by field until finished. */
struct Layout {
  int32_t type_index = -1;
  std::string type_key;
  /*! \brief The dynamic parent, or NULL when the parent is Object or a C++ type. */
  const Layout* parent = nullptr;
  /*! \brief The nearest C++ ancestor's in-place layout, or NULL for Object. */
  const TVMFFIObjectLayout* native = nullptr;
  int64_t size = sizeof(TVMFFIObject);
  int64_t alignment = alignof(TVMFFIObject);
  std::vector<OwnedSlot> owned;
  /*! \brief Whether size/alignment start from the parent's (set by the first field). */
  bool started = false;
  bool finished = false;
  /*!
   * \brief The `__ffi_shallow_copy__` Finish made, held for good; set
   * with `finished`, before it is registered (the registration may fail,
   * say when another was registered first, so the deep copier compares
   * before using its code directly: ShallowCopyHookOf).
   */
  Function shallow_copy;
};

namespace {

constexpr int32_t kMaxLayouts = 1 << 16;

/*!
 * \brief Layouts by type index. Entries are published before any object of
 * the type exists and never freed, so the deleter reads them lock-free.
 */
std::atomic<Layout*>* Layouts() {
  static auto* table = new std::atomic<Layout*>[kMaxLayouts]();
  return table;
}

std::mutex& LayoutMutex() {
  static auto* m = new std::mutex();
  return *m;
}

Layout* FindLayout(int32_t type_index) {
  if (type_index < 0 || type_index >= kMaxLayouts) return nullptr;
  return Layouts()[type_index].load(std::memory_order_acquire);
}

Layout* RequireUnfinished(int32_t type_index) {
  Layout* l = FindLayout(type_index);
  if (l == nullptr)
    TVM_FFI_THROW(KeyError) << "type index " << type_index << " is not a dynamic type";
  if (l->finished)
    TVM_FFI_THROW(RuntimeError) << "dynamic type `" << l->type_key << "` is already finished";
  return l;
}

/*! \brief The `__ffi_layout__` of a C++ type, or NULL. */
const TVMFFIObjectLayout* NativeLayoutOf(int32_t type_index) {
  TVMFFIByteArray name = details::ToByteArray("__ffi_layout__");
  const TVMFFITypeAttrColumn* column = TVMFFIGetTypeAttrColumn(&name);
  if (column == nullptr || type_index >= column->size) return nullptr;
  const TVMFFIAny& v = column->data[type_index];
  return v.type_index == kTVMFFIOpaquePtr ? static_cast<const TVMFFIObjectLayout*>(v.v_ptr)
                                          : nullptr;
}

int64_t AlignUp(int64_t n, int64_t a) { return (n + a - 1) / a * a; }

int64_t WidthOf(int32_t storage) {
  switch (storage) {
    case kTVMFFIFieldStorageBool:
      return 1;
    case kTVMFFIFieldStorageAny:
      return sizeof(TVMFFIAny);
    default:
      return 8;
  }
}

int32_t StaticTypeOf(const TypeSchema& s) {
  using K = TypeSchema::Kind;
  switch (s.kind) {
    case K::kInt:
      return kTVMFFIInt;
    case K::kFloat:
      return kTVMFFIFloat;
    case K::kBool:
      return kTVMFFIBool;
    case K::kStr:
      return kTVMFFIStr;
    case K::kBytes:
      return kTVMFFIBytes;
    case K::kFunction:
      return kTVMFFIFunction;
    case K::kObject:
      return s.type_index;
    case K::kArray:
      return kTVMFFIArray;
    case K::kList:
      return kTVMFFIList;
    case K::kMap:
      return kTVMFFIMap;
    case K::kDict:
      return kTVMFFIDict;
    case K::kOptional:
      return StaticTypeOf(s.args[0]);
    default:
      return kTVMFFIAny;
  }
}

/*!
 * \brief Whether a value of the schema's static type is always stored
 * unchanged: true for plain object types, Function, str and bytes (and an
 * Optional of them); false for containers (their items are checked) and
 * unions.
 */
bool IsDirectStore(const TypeSchema& s) {
  using K = TypeSchema::Kind;
  if (s.kind == K::kOptional) return IsDirectStore(s.args[0]);
  return s.kind == K::kObject || s.kind == K::kFunction || s.kind == K::kStr || s.kind == K::kBytes;
}

// The getters of the inline storages (the module and the engines read these
// slots directly; the getter serves generic C++ callers).
int GetInt64(void* f, TVMFFIAny* out) {
  out->type_index = kTVMFFIInt;
  out->zero_padding = 0;
  out->v_int64 = *static_cast<int64_t*>(f);
  return 0;
}
int GetFloat64(void* f, TVMFFIAny* out) {
  out->type_index = kTVMFFIFloat;
  out->zero_padding = 0;
  out->v_float64 = *static_cast<double*>(f);
  return 0;
}
int GetBool(void* f, TVMFFIAny* out) {
  out->type_index = kTVMFFIBool;
  out->zero_padding = 0;
  out->v_int64 = *static_cast<uint8_t*>(f) != 0;
  return 0;
}
int GetObject(void* f, TVMFFIAny* out) {
  TVMFFIObject* o = *static_cast<TVMFFIObject**>(f);
  *out = details::NoneAny();
  if (o != nullptr) {
    details::IncRef(o);
    out->type_index = o->type_index;
    out->v_obj = o;
  }
  return 0;
}
int GetAny(void* f, TVMFFIAny* out) {
  *out = details::CopyViewToOwned(*static_cast<TVMFFIAny*>(f));
  return 0;
}

TVMFFIFieldGetter GetterOf(int32_t storage) {
  switch (storage) {
    case kTVMFFIFieldStorageInt64:
      return GetInt64;
    case kTVMFFIFieldStorageFloat64:
      return GetFloat64;
    case kTVMFFIFieldStorageBool:
      return GetBool;
    case kTVMFFIFieldStorageObject:
      return GetObject;
    default:
      return GetAny;
  }
}

/*! \brief Stores an already converted value into a slot, releasing the old one. */
void StoreConverted(int32_t storage, void* addr, Any value) {
  const TVMFFIAny& v = *value.raw();
  switch (storage) {
    case kTVMFFIFieldStorageInt64:
      *static_cast<int64_t*>(addr) = v.v_int64;
      return;
    case kTVMFFIFieldStorageFloat64:
      *static_cast<double*>(addr) = v.v_float64;
      return;
    case kTVMFFIFieldStorageBool:
      *static_cast<uint8_t*>(addr) = v.v_int64 != 0;
      return;
    case kTVMFFIFieldStorageObject: {
      TVMFFIObject* old = *static_cast<TVMFFIObject**>(addr);
      *static_cast<TVMFFIObject**>(addr) =
          v.type_index >= kTVMFFIStaticObjectBegin ? value.ReleaseRaw().v_obj : nullptr;
      if (old != nullptr) details::DecRef(old);
      return;
    }
    default: {
      TVMFFIAny old = *static_cast<TVMFFIAny*>(addr);
      *static_cast<TVMFFIAny*>(addr) = value.ReleaseRaw();
      details::DecRefAny(old);
      return;
    }
  }
}

/*! \brief The setter Function of a field: check against the schema, then store. */
Function MakeSetter(std::shared_ptr<const TypeSchema> schema, int32_t storage) {
  return Function::FromPacked([schema, storage](PackedArgs args, Any* rv) {
    void* addr = args[0].cast<void*>();
    Any converted;
    if (!schema->Convert(*args[1].raw(), &converted)) {
      TVM_FFI_THROW(TypeError) << "expected `" << schema->text << "` but got `"
                               << details::AnyTypeName(*args[1].raw()) << "`";
    }
    StoreConverted(storage, addr, std::move(converted));
  });
}

void ReleaseSlots(TVMFFIObject* h, const Layout* layout) {
  char* base = reinterpret_cast<char*>(h);
  for (const Layout* l = layout; l != nullptr; l = l->parent) {
    for (const OwnedSlot& s : l->owned) {
      if (s.storage == kTVMFFIFieldStorageObject) {
        TVMFFIObject* o = *reinterpret_cast<TVMFFIObject**>(base + s.offset);
        if (o != nullptr) details::DecRef(o);
      } else {
        details::DecRefAny(*reinterpret_cast<TVMFFIAny*>(base + s.offset));
      }
    }
  }
}

// The aligned operator new goes to aligned_alloc, about twice the work of
// a plain allocation; the plain one already aligns to
// __STDCPP_DEFAULT_NEW_ALIGNMENT__ (16 on the platforms we build for),
// which covers every layout without an over-aligned C++ base. Allocation
// and Free pick the same form from the same layout.
bool NeedsAlignedNew(const Layout* layout) {
  return static_cast<size_t>(layout->alignment) > __STDCPP_DEFAULT_NEW_ALIGNMENT__;
}

void Free(TVMFFIObject* h, const Layout* layout) {
  if (NeedsAlignedNew(layout)) {
    ::operator delete(static_cast<void*>(h),
                      std::align_val_t(static_cast<size_t>(layout->alignment)));
  } else {
    ::operator delete(static_cast<void*>(h));
  }
}

void DeleteDynamic(TVMFFIObject* h) {
  const Layout* layout = FindLayout(h->type_index);
  ReleaseSlots(h, layout);
  if (layout->native != nullptr) layout->native->destruct(h);
  Free(h, layout);
}

/*! \brief Raw memory for an object of `layout`, zeroed past the C++ part. */
TVMFFIObject* AllocateRaw(const Layout* layout) {
  void* mem = NeedsAlignedNew(layout)
                  ? ::operator new(static_cast<size_t>(layout->size),
                                   std::align_val_t(static_cast<size_t>(layout->alignment)))
                  : ::operator new(static_cast<size_t>(layout->size));
  int64_t native_size = layout->native ? layout->native->size : 0;
  std::memset(static_cast<char*>(mem) + native_size, 0,
              static_cast<size_t>(layout->size - native_size));
  return static_cast<TVMFFIObject*>(mem);
}

void InitHeader(TVMFFIObject* h, const Layout* layout) {
  h->ref_count = 1;
  h->type_index = layout->type_index;
  h->deleter = DeleteDynamic;
  h->binding_slot = nullptr;
  TVMFFIObjectNoteCreated();
}

ObjectRef AdoptObject(TVMFFIObject* h) {
  return details::ObjectRefUnsafe::FromPtr<ObjectRef>(details::ObjectPtrUnsafe::Adopt<Object>(h));
}

ObjectRef NewBlank(const Layout* layout) {
  TVMFFIObject* h = AllocateRaw(layout);
  if (layout->native != nullptr) {
    try {
      layout->native->construct(h);
    } catch (...) {
      Free(h, layout);
      throw;
    }
  }
  InitHeader(h, layout);
  return AdoptObject(h);
}

ObjectRef ShallowCopy(const Layout* layout, const TVMFFIObject* src) {
  if (src->type_index != layout->type_index) {
    TVM_FFI_THROW(TypeError) << "__ffi_shallow_copy__ of `" << layout->type_key << "` got a `"
                             << details::TypeIndexToKey(src->type_index) << "`";
  }
  if (layout->native != nullptr && layout->native->copy_construct == nullptr) {
    TVM_FFI_THROW(TypeError) << "cannot copy `" << layout->type_key
                             << "`: its C++ base is not copyable";
  }
  TVMFFIObject* h = AllocateRaw(layout);
  int64_t native_size = layout->native ? layout->native->size : 0;
  if (layout->native != nullptr) {
    try {
      layout->native->copy_construct(h, src);
    } catch (...) {
      Free(h, layout);
      throw;
    }
  }
  // The dynamic part, bitwise, then one more reference per owned slot.
  std::memcpy(reinterpret_cast<char*>(h) + native_size,
              reinterpret_cast<const char*>(src) + native_size,
              static_cast<size_t>(layout->size - native_size));
  if (native_size == 0) std::memset(h, 0, sizeof(TVMFFIObject));
  for (const Layout* l = layout; l != nullptr; l = l->parent) {
    for (const OwnedSlot& s : l->owned) {
      char* addr = reinterpret_cast<char*>(h) + s.offset;
      if (s.storage == kTVMFFIFieldStorageObject) {
        TVMFFIObject* o = *reinterpret_cast<TVMFFIObject**>(addr);
        if (o != nullptr) details::IncRef(o);
      } else {
        details::IncRefAny(*reinterpret_cast<TVMFFIAny*>(addr));
      }
    }
  }
  InitHeader(h, layout);
  return AdoptObject(h);
}

/*!
 * \brief Places the layout after its parent's object; done at the first
 * field or at finish, when the parent (which may have been pending when
 * this type was created) is complete.
 */
void Start(Layout* l) {
  if (l->started) return;
  if (l->parent != nullptr && !l->parent->finished) {
    TVM_FFI_THROW(RuntimeError) << "cannot lay out `" << l->type_key << "`: its parent `"
                                << l->parent->type_key << "` is not finished";
  }
  if (l->parent != nullptr) {
    l->size = l->parent->size;
    l->alignment = l->parent->alignment;
  } else if (l->native != nullptr) {
    l->size = l->native->size;
    l->alignment = std::max<int64_t>(l->alignment, l->native->alignment);
  }
  l->started = true;
}

int32_t Create(const std::string& key, int32_t parent_index) {
  const TVMFFITypeInfo* parent = TVMFFIGetTypeInfo(parent_index);
  if (parent == nullptr || parent_index < kTVMFFIStaticObjectBegin) {
    TVM_FFI_THROW(TypeError) << "cannot define `" << key << "`: parent type index " << parent_index
                             << " is not a registered object type";
  }
  std::string parent_key(parent->type_key.data, parent->type_key.size);
  if (parent->metadata != nullptr && (parent->metadata->flags & kTVMFFITypeFlagFinal)) {
    TVM_FFI_THROW(TypeError) << "cannot define `" << key << "`: `" << parent_key << "` is final";
  }
  std::lock_guard<std::mutex> lock(LayoutMutex());
  auto layout = std::make_unique<Layout>();
  layout->type_key = key;
  if (const Layout* p = FindLayout(parent_index)) {
    layout->parent = p;
    layout->native = p->native;
  } else if (parent_index != kTVMFFIObject) {
    layout->native = NativeLayoutOf(parent_index);
    if (layout->native == nullptr) {
      TVM_FFI_THROW(TypeError) << "cannot define `" << key << "` as a subtype of `" << parent_key
                               << "`: that type registers no in-place layout (__ffi_layout__)";
    }
  }
  TVMFFIByteArray k{key.data(), key.size()};
  int32_t existing = -1;
  if (TVMFFITypeKeyToIndex(&k, &existing) == 0) {
    TVM_FFI_THROW(RuntimeError) << "type key `" << key << "` is already registered (by `"
                                << details::TypeIndexToKey(existing) << "`)";
  }
  details::MoveFromRaised();  // the KeyError of the lookup
  int32_t index = -1;
  int32_t first_new = TVMFFIGetNumTypeIndices();
  if (TVMFFITypeGetOrAllocIndex(&k, -1, parent_index, &index) != 0) throw details::MoveFromRaised();
  if (index < first_new || FindLayout(index) != nullptr) {
    // Another library registered the key between the check and here: it is
    // theirs (GetOrAlloc handed back their index), not a new dynamic type.
    TVM_FFI_THROW(RuntimeError) << "type key `" << key << "` is already registered";
  }
  if (index >= kMaxLayouts) TVM_FFI_THROW(RuntimeError) << "too many dynamic types";
  layout->type_index = index;
  Layouts()[index].store(layout.release(), std::memory_order_release);
  return index;
}

void AddField(int32_t type_index, const TVMFFIFieldInfo& given) {
  std::lock_guard<std::mutex> lock(LayoutMutex());
  Layout* l = RequireUnfinished(type_index);
  std::string name(given.name.data, given.name.size);
  Start(l);
  auto schema = std::make_shared<const TypeSchema>(
      TypeSchema::Parse(std::string_view(given.type_str.data, given.type_str.size)));
  TVMFFIFieldInfo info = given;
  info.storage = schema->Storage();
  info.static_type_index = StaticTypeOf(*schema);
  int64_t width = WidthOf(info.storage);
  info.offset = AlignUp(l->size, width == 1 ? 1 : 8);
  info.getter = GetterOf(info.storage);
  Function setter = MakeSetter(schema, info.storage);
  info.setter = reinterpret_cast<TVMFFIFieldSetter>(details::ObjectUnsafe::GetHeader(setter.get()));
  info.flags |= kTVMFFIFieldFlagSetterIsFunction;
  if (IsDirectStore(*schema)) info.flags |= kTVMFFIFieldFlagDirectStore;
  Any checked_default;
  if ((info.flags & kTVMFFIFieldFlagHasDefault) &&
      !(info.flags & kTVMFFIFieldFlagDefaultFromFactory)) {
    if (!schema->Convert(given.default_value, &checked_default)) {
      TVM_FFI_THROW(TypeError) << "the default of field `" << name << "` of `" << l->type_key
                               << "` must be `" << schema->text << "`, got `"
                               << details::AnyTypeName(given.default_value) << "`";
    }
    info.default_value = *checked_default.raw();
  } else if (info.flags & kTVMFFIFieldFlagDefaultFromFactory) {
    if (given.default_value.type_index != kTVMFFIFunction) {
      TVM_FFI_THROW(TypeError) << "the default factory of field `" << name << "` of `"
                               << l->type_key << "` must be a Function";
    }
  }
  info.type_str = TVMFFIByteArray{schema->text.data(), schema->text.size()};
  // The registry takes its own reference to the setter Function.
  if (TVMFFITypeRegisterField(type_index, &info) != 0) throw details::MoveFromRaised();
  details::IncRef(details::ObjectUnsafe::GetHeader(setter.get()));
  l->size = info.offset + width;
  if (info.storage == kTVMFFIFieldStorageObject || info.storage == kTVMFFIFieldStorageAny) {
    l->owned.push_back({info.offset, info.storage});
  }
}

void Finish(int32_t type_index, int64_t flags) {
  Layout* l = nullptr;
  {
    std::lock_guard<std::mutex> lock(LayoutMutex());
    l = RequireUnfinished(type_index);
    Start(l);
    l->size = AlignUp(l->size, l->alignment);
    // Made before the layout is published as finished: the deep copier
    // reads it, without the lock, for objects of a finished type.
    const Layout* made_for = l;
    l->shallow_copy = Function::FromTyped(
        [made_for](ObjectRef self) {
          return ShallowCopy(made_for, details::ObjectUnsafe::GetHeader(self.get()));
        },
        l->type_key + ".__ffi_shallow_copy__");
    l->finished = true;
  }
  const Layout* layout = l;
  TVMFFITypeMetadata meta{TVMFFIByteArray{nullptr, 0}, flags | kTVMFFITypeFlagAutoInit,
                          layout->size};
  if (TVMFFITypeRegisterMetadata(type_index, &meta) != 0) throw details::MoveFromRaised();
  std::string prefix = layout->type_key + ".";
  reflection::details::RegisterTypeAttr(
      type_index, "__ffi_new__",
      Function::FromTyped([layout]() { return NewBlank(layout); }, prefix + "__ffi_new__"));
  reflection::details::RegisterTypeAttr(type_index, "__ffi_shallow_copy__", l->shallow_copy);
  TVMFFIObject* init = nullptr;
  if (TVMFFITypeMakeAutoInit(type_index, &init) != 0) throw details::MoveFromRaised();
  Any init_fn =
      details::ObjectRefUnsafe::FromPtr<Function>(details::ObjectPtrUnsafe::Adopt<Object>(init));
  reflection::details::RegisterTypeAttr(type_index, "__ffi_init__", init_fn);
}

void Retract(int32_t type_index) {
  // The layout is never freed (a reader may hold it); kept reachable in a
  // list of its own so LeakSanitizer (the native test runner) sees no leak.
  static auto* retracted = new std::vector<const Layout*>();
  std::lock_guard<std::mutex> lock(LayoutMutex());
  const Layout* layout = RequireUnfinished(type_index);
  details::RetractType(type_index);
  retracted->push_back(layout);
  Layouts()[type_index].store(nullptr, std::memory_order_release);
}

}  // namespace

const Layout* FinishedLayoutOf(int32_t type_index) {
  const Layout* l = FindLayout(type_index);
  return l != nullptr && l->finished ? l : nullptr;
}

Any NewBlankObject(const Layout* layout) { return NewBlank(layout); }

const FunctionObj* ShallowCopyHookOf(const Layout* layout) {
  return static_cast<const FunctionObj*>(layout->shallow_copy.get());
}

Any ShallowCopyObject(const Layout* layout, const TVMFFIObject* src) {
  return ShallowCopy(layout, src);
}

}  // namespace dynamic
}  // namespace ffi
}  // namespace tvm

namespace ffi_dyn = tvm::ffi::dynamic;

extern "C" {

int TVMFFIDynamicTypeCreate(const TVMFFIByteArray* type_key, int32_t parent_type_index,
                            int32_t* out_type_index) {
  TVM_FFI_SAFE_CALL_BEGIN();
  if (type_key == nullptr || type_key->data == nullptr || out_type_index == nullptr) {
    TVM_FFI_THROW(ValueError) << "TVMFFIDynamicTypeCreate: NULL type key or output";
  }
  *out_type_index = ffi_dyn::Create(std::string(type_key->data, type_key->size), parent_type_index);
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIDynamicTypeAddField(int32_t type_index, const TVMFFIFieldInfo* info) {
  TVM_FFI_SAFE_CALL_BEGIN();
  if (info == nullptr || info->name.data == nullptr || info->type_str.data == nullptr) {
    TVM_FFI_THROW(ValueError) << "TVMFFIDynamicTypeAddField: NULL field record, name or schema";
  }
  ffi_dyn::AddField(type_index, *info);
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFIDynamicTypeFinish(int32_t type_index, int64_t type_flags) {
  TVM_FFI_SAFE_CALL_BEGIN();
  ffi_dyn::Finish(type_index, type_flags);
  TVM_FFI_SAFE_CALL_END();
}

int TVMFFITypeRetract(int32_t type_index) {
  TVM_FFI_SAFE_CALL_BEGIN();
  ffi_dyn::Retract(type_index);
  TVM_FFI_SAFE_CALL_END();
}

namespace {

/*!
 * \brief The direct store of kTVMFFIFieldFlagDirectStore: true when `value`
 * is of the field's static type and was stored.
 */
bool TryDirectStore(const TVMFFIFieldInfo* field, void* addr, const TVMFFIAny* value) {
  int32_t t = value->type_index;
  int32_t want = field->static_type_index;
  if (field->storage == kTVMFFIFieldStorageObject) {
    if (t < kTVMFFIStaticObjectBegin || !tvm::ffi::details::IsInstanceOfIndex(t, want))
      return false;
    tvm::ffi::details::IncRef(value->v_obj);
    TVMFFIObject* old = *static_cast<TVMFFIObject**>(addr);
    *static_cast<TVMFFIObject**>(addr) = value->v_obj;
    if (old != nullptr) tvm::ffi::details::DecRef(old);
    return true;
  }
  bool fits = t == want || (want == kTVMFFIStr && t == kTVMFFISmallStr) ||
              (want == kTVMFFIBytes && t == kTVMFFISmallBytes) ||
              (t >= kTVMFFIStaticObjectBegin && want >= kTVMFFIStaticObjectBegin &&
               tvm::ffi::details::IsInstanceOfIndex(t, want));
  if (!fits || field->storage != kTVMFFIFieldStorageAny) return false;
  TVMFFIAny old = *static_cast<TVMFFIAny*>(addr);
  *static_cast<TVMFFIAny*>(addr) = tvm::ffi::details::CopyViewToOwned(*value);
  tvm::ffi::details::DecRefAny(old);
  return true;
}

}  // namespace

int TVMFFIFieldSetValue(const TVMFFIFieldInfo* field, void* addr, const TVMFFIAny* value) {
  if (field == nullptr || addr == nullptr || value == nullptr) {
    TVMFFIErrorSetRaisedFromCStr("ValueError", "TVMFFIFieldSetValue: NULL field, address or value");
    return -1;
  }
  if (!(field->flags & kTVMFFIFieldFlagSetterIsFunction)) return field->setter(addr, value);
  if ((field->flags & kTVMFFIFieldFlagDirectStore) && TryDirectStore(field, addr, value)) return 0;
  const auto* fn = reinterpret_cast<const tvm::ffi::FunctionObj*>(field->setter);
  TVMFFIAny args[2];
  args[0].type_index = kTVMFFIOpaquePtr;
  args[0].zero_padding = 0;
  args[0].v_ptr = addr;
  args[1] = *value;
  TVMFFIAny result = tvm::ffi::details::NoneAny();
  int rc = fn->cell.safe_call(fn->cell.self, args, 2, &result);
  if (rc == 0) tvm::ffi::details::DecRefAny(result);
  return rc;
}

}  // extern "C"
