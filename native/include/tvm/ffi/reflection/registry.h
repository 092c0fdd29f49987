/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file tvm/ffi/reflection/registry.h
 * \brief Registration: GlobalDef (global functions), ObjectDef (reflected
 *        fields, methods, constructors) and TypeAttrDef (type attributes).
 *
 * Everything registered here is stored in the core registry through the C
 * ABI, so Python, the dataclass engines and plugins all read the same data.
 *
 *     TVM_FFI_STATIC_INIT_BLOCK() {
 *       namespace refl = tvm::ffi::reflection;
 *       refl::ObjectDef<PointObj>()
 *           .def_rw("x", &PointObj::x)
 *           .def_rw("label", &PointObj::label, refl::default_(""), refl::kw_only(true));
 *     }
 */
#ifndef TVM_FFI_REFLECTION_REGISTRY_H_
#define TVM_FFI_REFLECTION_REGISTRY_H_

#include <tvm/ffi/container/map.h>
#include <tvm/ffi/function.h>

#include <cstdio>
#include <new>
#include <string>
#include <type_traits>
#include <utility>

namespace tvm {
namespace ffi {
namespace reflection {

/*! \brief Names of the type attributes the framework reads. */
namespace type_attr {
inline constexpr const char* kInit = "__ffi_init__";
inline constexpr const char* kNew = "__ffi_new__";
inline constexpr const char* kShallowCopy = "__ffi_shallow_copy__";
/*! \brief An OpaquePtr to the type's TVMFFIObjectLayout (extension by dynamic types). */
inline constexpr const char* kLayout = "__ffi_layout__";
inline constexpr const char* kRepr = "__ffi_repr__";
inline constexpr const char* kHash = "__ffi_hash__";
inline constexpr const char* kEq = "__ffi_eq__";
inline constexpr const char* kCompare = "__ffi_compare__";
/*!
 * \brief A Function `(self) -> JSON value` giving a type's own "data" in
 * the JSON graph format, in place of its fields.
 */
inline constexpr const char* kDataToJson = "__data_to_json__";
/*! \brief A Function `(JSON value) -> object`, the inverse of kDataToJson. */
inline constexpr const char* kDataFromJson = "__data_from_json__";
}  // namespace type_attr

/*!
 * \brief Registers global functions, chained:
 *
 *     refl::GlobalDef().def("my.add", [](int64_t a, int64_t b) { return a + b; })
 *                      .def_packed("my.sum", [](PackedArgs args, Any* rv) { ... });
 */
class GlobalDef {
 public:
  /*! \brief Registers a typed callable (arguments are checked). */
  template <typename F>
  GlobalDef& def(const std::string& name, F&& f, const std::string& doc = "") {
    (void)doc;
    Function::SetGlobal(name, Function::FromTyped(std::forward<F>(f), name));
    return *this;
  }
  /*! \brief Registers a packed callable `(PackedArgs, Any*)`. */
  template <typename F>
  GlobalDef& def_packed(const std::string& name, F&& f, const std::string& doc = "") {
    (void)doc;
    Function::SetGlobal(name, Function::FromPacked(std::forward<F>(f)));
    return *this;
  }
};

// ---------------------------------------------------------------------------
// Field and class traits
// ---------------------------------------------------------------------------

/*! \brief Sets (or clears) one TVMFFIFieldFlag; made by kw_only/init/repr/hash/compare. */
struct FlagTrait {
  int64_t flag;
  bool set;
};

/*! \brief Keyword-only parameter of the generated constructor. */
inline FlagTrait kw_only(bool value = true) { return FlagTrait{kTVMFFIFieldFlagKwOnly, value}; }
/*!
 * \brief On a field: include it in (true) or leave it out of (false) the
 * generated constructor. On ObjectDef itself: `init(false)` generates none.
 */
inline FlagTrait init(bool value) { return FlagTrait{kTVMFFIFieldFlagInitOff, !value}; }
/*! \brief Include the field in (true) or leave it out of (false) repr. */
inline FlagTrait repr(bool value) { return FlagTrait{kTVMFFIFieldFlagReprOff, !value}; }
/*! \brief Include the field in (true) or leave it out of (false) hashing. */
inline FlagTrait hash(bool value) { return FlagTrait{kTVMFFIFieldFlagHashOff, !value}; }
/*! \brief Include the field in (true) or leave it out of (false) comparison. */
inline FlagTrait compare(bool value) { return FlagTrait{kTVMFFIFieldFlagCompareOff, !value}; }

/*! \brief An explicit constructor `T(Args...)`, registered as `__ffi_init__`. */
template <typename... Args>
struct InitCtor {};
/*! \brief `def(refl::init<int64_t, int64_t>())`: construct with T(a, b). */
template <typename... Args>
InitCtor<Args...> init() {
  return {};
}

/*! \brief A literal default, captured once at registration. */
class default_ {
 public:
  template <typename V>
  explicit default_(V value) : value_(Any(std::move(value))) {}
  const Any& value() const { return value_; }

 private:
  Any value_;
};

/*! \brief A default made by calling `fn()` each time one is needed. */
class default_factory {
 public:
  template <typename F>
  explicit default_factory(F fn) : fn_(Function::FromTyped(std::move(fn), "default_factory")) {}
  const Function& fn() const { return fn_; }

 private:
  Function fn_;
};

/*! \brief The names used before default_ / default_factory; still accepted. */
using DefaultValue = default_;
using DefaultFactory = default_factory;

/*! \brief User metadata attached to a field: `refl::Metadata({{"unit", "ms"}})`. */
class Metadata {
 public:
  Metadata(std::initializer_list<std::pair<String, Any>> items)
      : map_(std::vector<std::pair<String, Any>>(items)) {}
  const Map<String, Any>& map() const { return map_; }

 private:
  Map<String, Any> map_;
};

namespace details {

/*! \brief The index of a declared type, as TVMFFIFieldInfo::static_type_index. */
template <typename T>
int32_t StaticTypeIndex() {
  if constexpr (std::is_same_v<T, Any> || std::is_same_v<T, AnyView>) {
    return kTVMFFIAny;
  } else if constexpr (std::is_same_v<T, bool>) {
    return kTVMFFIBool;
  } else if constexpr (std::is_integral_v<T>) {
    return kTVMFFIInt;
  } else if constexpr (std::is_floating_point_v<T>) {
    return kTVMFFIFloat;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return kTVMFFIStr;
  } else if constexpr (std::is_base_of_v<ObjectRef, T>) {
    return T::ContainerType::RuntimeTypeIndex();
  } else {
    return kTVMFFIAny;
  }
}

template <typename T>
struct IsObjectPtr : std::false_type {};
template <typename T>
struct IsObjectPtr<ObjectPtr<T>> : std::true_type {};

/*! \brief How a field of type T is laid out (TVMFFIFieldStorage). */
template <typename T>
constexpr int32_t StorageOf() {
  if constexpr (std::is_same_v<T, int64_t>) {
    return kTVMFFIFieldStorageInt64;
  } else if constexpr (std::is_same_v<T, double>) {
    return kTVMFFIFieldStorageFloat64;
  } else if constexpr (std::is_same_v<T, bool> && sizeof(bool) == 1) {
    return kTVMFFIFieldStorageBool;
  } else if constexpr (std::is_same_v<T, Any>) {
    return kTVMFFIFieldStorageAny;
  } else if constexpr ((std::is_base_of_v<ObjectRef, T> || IsObjectPtr<T>::value) &&
                       sizeof(T) == sizeof(void*)) {
    return kTVMFFIFieldStorageObject;
  } else {
    return kTVMFFIFieldStorageOther;
  }
}

template <typename T>
int FieldGetter(void* field, TVMFFIAny* result) {
  TVM_FFI_SAFE_CALL_BEGIN();
  *result = Any(*static_cast<const T*>(field)).ReleaseRaw();
  TVM_FFI_SAFE_CALL_END();
}

/*!
 * \brief How T is built in place, for dynamic types extending it (a static
 * of the library defining T, alive as long as that library is loaded).
 */
template <typename T>
struct InPlaceLayout {
  static void Construct(void* mem) { new (mem) T(); }
  static void Destruct(void* mem) { static_cast<T*>(mem)->~T(); }
  static constexpr void (*CopyFn())(void*, const void*) {
    if constexpr (std::is_copy_constructible_v<T>) {
      return [](void* mem, const void* src) { new (mem) T(*static_cast<const T*>(src)); };
    } else {
      return nullptr;
    }
  }
  static inline const TVMFFIObjectLayout value = {static_cast<int64_t>(sizeof(T)),
                                                  static_cast<int64_t>(alignof(T)), &Construct,
                                                  CopyFn(), &Destruct};
};

template <typename T>
int FieldSetter(void* field, const TVMFFIAny* value) {
  TVM_FFI_SAFE_CALL_BEGIN();
  std::optional<T> v = TypeTraits<T>::TryCastFromAnyView(value);
  if (!v.has_value()) {
    throw Error("TypeError", "expected `" + TypeTraits<T>::TypeStr() + "` but got `" +
                                 ffi::details::AnyTypeName(*value) + "`");
  }
  *static_cast<T*>(field) = *std::move(v);
  TVM_FFI_SAFE_CALL_END();
}

/*! \brief Byte offset of `T::*member` from T's object header. */
template <typename T, typename Class, typename FieldT>
int64_t FieldOffset(FieldT Class::* member) {
  // A fake, non-null address: static_cast of a null pointer would not adjust.
  T* probe = reinterpret_cast<T*>(uintptr_t{4096});
  const char* field = reinterpret_cast<const char*>(&(probe->*member));
  const char* header = reinterpret_cast<const char*>(static_cast<Object*>(probe));
  return static_cast<int64_t>(field - header);
}

/*! \brief Raises when a C ABI registration call failed. */
inline void Check(int rc) {
  if (rc != 0) throw ffi::details::MoveFromRaised();
}

inline void RegisterTypeAttr(int32_t type_index, const char* name, const Any& value) {
  TVMFFIByteArray n = ffi::details::ToByteArray(name);
  Check(TVMFFITypeRegisterAttr(type_index, &n, value.raw()));
}

}  // namespace details

/*!
 * \brief Registers the reflection data of an object type T: fields with
 * traits, methods, an explicit or generated constructor, and the blank
 * allocator and shallow copy the dataclass engines use.
 *
 * Class-level traits: `ObjectDef<T>(refl::init(false))` registers no
 * constructor (objects are made by factories or from C++).
 */
template <typename T>
class ObjectDef {
 public:
  template <typename... ClassTraits>
  explicit ObjectDef(ClassTraits&&... traits) : type_index_(T::RuntimeTypeIndex()) {
    (ApplyClassTrait(traits), ...);
    RegisterMetadata(0);
  }

  ObjectDef(const ObjectDef&) = delete;
  ObjectDef& operator=(const ObjectDef&) = delete;

  /*! \brief Registers the generated constructor (unless disabled) when done. */
  ~ObjectDef() {
    try {
      Finish();
    } catch (const std::exception& e) {
      // A destructor must not throw; registration errors here are bugs in
      // the registering library, so say so loudly.
      std::fprintf(stderr, "tvm_ffi: registering `%s` failed: %s\n", T::_type_key, e.what());
    }
  }

  /*! \brief A read-only field. Traits: doc string, default_, kw_only, init, repr, hash, compare,
   * Metadata. */
  template <typename Class, typename FieldT, typename... Traits>
  ObjectDef& def_ro(const char* name, FieldT Class::* member, Traits&&... traits) {
    RegisterField(name, member, false, std::forward<Traits>(traits)...);
    return *this;
  }

  /*! \brief A field writable from Python (and from the generated constructor). */
  template <typename Class, typename FieldT, typename... Traits>
  ObjectDef& def_rw(const char* name, FieldT Class::* member, Traits&&... traits) {
    static_assert(
        T::_type_mutable,
        "def_rw needs a mutable type: declare `static constexpr bool _type_mutable = true;`");
    RegisterField(name, member, true, std::forward<Traits>(traits)...);
    return *this;
  }

  /*! \brief An explicit constructor T(Args...), registered as `__ffi_init__`. */
  template <typename... Args>
  ObjectDef& def(InitCtor<Args...>, const char* doc = "") {
    (void)doc;
    has_init_ = true;
    Function ctor =
        Function::FromTyped([](Args... args) { return make_object<T>(std::move(args)...); },
                            std::string(T::_type_key) + ".__init__");
    details::RegisterTypeAttr(type_index_, type_attr::kInit, ctor);
    return *this;
  }

  /*!
   * \brief An instance method: a member function pointer, or a callable whose
   * first parameter is `const T*`, `T*` or a reference type to T.
   */
  template <typename Func>
  ObjectDef& def(const char* name, Func&& func, const char* doc = "") {
    RegisterMethod(name, MakeMethod(name, std::forward<Func>(func)), 0, doc);
    return *this;
  }

  /*! \brief A static method (no self). */
  template <typename Func>
  ObjectDef& def_static(const char* name, Func&& func, const char* doc = "") {
    RegisterMethod(
        name, Function::FromTyped(std::forward<Func>(func), std::string(T::_type_key) + "." + name),
        kTVMFFIMethodFlagStatic, doc);
    return *this;
  }

 private:
  void RegisterMetadata(int64_t extra_flags) {
    TVMFFITypeMetadata meta{TVMFFIByteArray{"", 0},
                            (T::_type_mutable ? kTVMFFITypeFlagMutable : 0) |
                                (T::_type_final ? kTVMFFITypeFlagFinal : 0) | extra_flags,
                            static_cast<int64_t>(sizeof(T))};
    details::Check(TVMFFITypeRegisterMetadata(type_index_, &meta));
  }

  void ApplyClassTrait(const FlagTrait& t) {
    if (t.flag == kTVMFFIFieldFlagInitOff) auto_init_ = !t.set;
  }

  struct FieldSpec {
    int64_t flags = 0;
    Any default_value;
    Any metadata;
    std::string doc;
  };
  static void Apply(FieldSpec& s, const FlagTrait& t) {
    s.flags = t.set ? (s.flags | t.flag) : (s.flags & ~t.flag);
  }
  static void Apply(FieldSpec& s, const default_& d) {
    s.flags = (s.flags | kTVMFFIFieldFlagHasDefault) & ~kTVMFFIFieldFlagDefaultFromFactory;
    s.default_value = d.value();
  }
  static void Apply(FieldSpec& s, const default_factory& d) {
    s.flags |= kTVMFFIFieldFlagHasDefault | kTVMFFIFieldFlagDefaultFromFactory;
    s.default_value = d.fn();
  }
  static void Apply(FieldSpec& s, const Metadata& m) { s.metadata = m.map(); }
  static void Apply(FieldSpec& s, const char* doc) { s.doc = doc; }
  static void Apply(FieldSpec& s, const std::string& doc) { s.doc = doc; }

  template <typename Class, typename FieldT, typename... Traits>
  void RegisterField(const char* name, FieldT Class::* member, bool writable, Traits&&... traits) {
    static_assert(std::is_base_of_v<Class, T>, "the field must belong to T or a base of T");
    FieldSpec spec;
    if (writable) spec.flags |= kTVMFFIFieldFlagWritable;
    (Apply(spec, traits), ...);
    std::string type_str = TypeTraits<FieldT>::TypeStr();
    TVMFFIFieldInfo info;
    info.name = ffi::details::ToByteArray(name);
    info.doc = ffi::details::ToByteArray(spec.doc);
    info.type_str = ffi::details::ToByteArray(type_str);
    info.flags = spec.flags;
    info.offset = details::FieldOffset<T>(member);
    info.storage = details::StorageOf<FieldT>();
    info.static_type_index = details::StaticTypeIndex<FieldT>();
    info.getter = &details::FieldGetter<FieldT>;
    info.setter = &details::FieldSetter<FieldT>;
    info.default_value = *spec.default_value.raw();
    info.metadata = *spec.metadata.raw();
    details::Check(TVMFFITypeRegisterField(type_index_, &info));
  }

  template <typename Func>
  Function MakeMethod(const char* name, Func&& func) {
    std::string full = std::string(T::_type_key) + "." + name;
    if constexpr (std::is_member_function_pointer_v<std::decay_t<Func>>) {
      return WrapMember(func, full, ffi::details::FunctionSignature<std::decay_t<Func>>());
    } else {
      // A callable taking `const T*` (or a reference type) as self: its
      // first argument is checked like any other.
      return Function::FromTyped(std::forward<Func>(func), full);
    }
  }

  template <typename MemFn, typename R, typename... Args>
  static Function WrapMember(MemFn fn, const std::string& full,
                             ffi::details::FunctionSignature<R (*)(Args...)>) {
    return Function::FromTyped(
        [fn](const T* self, Args... args) -> R {
          return (const_cast<T*>(self)->*fn)(std::forward<Args>(args)...);
        },
        full);
  }

  void RegisterMethod(const char* name, const Function& f, int64_t flags, const char* doc) {
    Any method = f;
    TVMFFIMethodInfo info;
    info.name = ffi::details::ToByteArray(name);
    info.doc = ffi::details::ToByteArray(doc);
    info.flags = flags;
    info.method = *method.raw();
    info.metadata = ffi::details::NoneAny();
    details::Check(TVMFFITypeRegisterMethod(type_index_, &info));
  }

  void Finish() {
    if (finished_) return;
    finished_ = true;
    if constexpr (std::is_default_constructible_v<T>) {
      details::RegisterTypeAttr(type_index_, type_attr::kNew,
                                Function::FromTyped([]() { return make_object<T>(); },
                                                    std::string(T::_type_key) + ".__ffi_new__"));
      if constexpr (!T::_type_final) {
        details::RegisterTypeAttr(
            type_index_, type_attr::kLayout,
            static_cast<void*>(const_cast<TVMFFIObjectLayout*>(&details::InPlaceLayout<T>::value)));
      }
    }
    if constexpr (std::is_copy_constructible_v<T>) {
      details::RegisterTypeAttr(type_index_, type_attr::kShallowCopy,
                                Function::FromTyped(
                                    [](ObjectRef self) -> ObjectRef {
                                      const T* p = self.as<T>();
                                      if (p == nullptr)
                                        TVM_FFI_THROW(TypeError) << "expected a " << T::_type_key;
                                      return ObjectRef(ObjectPtr<Object>(make_object<T>(*p)));
                                    },
                                    std::string(T::_type_key) + ".__ffi_shallow_copy__"));
    }
    if (auto_init_ && !has_init_) {
      TVMFFIObject* init = nullptr;
      details::Check(TVMFFITypeMakeAutoInit(type_index_, &init));
      Any f = ffi::details::ObjectRefUnsafe::FromPtr<Function>(
          ffi::details::ObjectPtrUnsafe::Adopt<Object>(init));
      details::RegisterTypeAttr(type_index_, type_attr::kInit, f);
      RegisterMetadata(kTVMFFITypeFlagAutoInit);
    }
  }

  int32_t type_index_;
  bool auto_init_ = true;
  bool has_init_ = false;
  bool finished_ = false;
};

/*!
 * \brief Registers type attributes of T (hooks, tables):
 *
 *     refl::TypeAttrDef<MyObj>().def(refl::type_attr::kHash, my_hash);
 *
 * Each (type, name) can be registered once; see TVMFFITypeRegisterAttr.
 */
template <typename T>
class TypeAttrDef {
 public:
  TypeAttrDef() : type_index_(T::RuntimeTypeIndex()) {}

  /*! \brief A callable (wrapped as a Function) or any value. */
  template <typename V>
  TypeAttrDef& def(const char* name, V&& value) {
    using D = std::decay_t<V>;
    if constexpr (TypeTraits<D>::enabled) {
      details::RegisterTypeAttr(type_index_, name, Any(std::forward<V>(value)));
    } else {
      details::RegisterTypeAttr(
          type_index_, name,
          Function::FromTyped(std::forward<V>(value), std::string(T::_type_key) + "." + name));
    }
    return *this;
  }

 private:
  int32_t type_index_;
};

}  // namespace reflection
}  // namespace ffi
}  // namespace tvm

#endif  // TVM_FFI_REFLECTION_REGISTRY_H_
