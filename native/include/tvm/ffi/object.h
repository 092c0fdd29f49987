/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file tvm/ffi/object.h
 * \brief Object, ObjectPtr, ObjectRef and the type-declaration macros.
 *
 * An Object is a C++ class whose first (and only) base member is the C ABI
 * header `TVMFFIObject`. The class has no vtable of its own, so a pointer to
 * the Object subobject *is* the C handle. Derived classes may add virtual
 * functions; the handle is still always obtained through `Object*`.
 */
#ifndef TVM_FFI_OBJECT_H_
#define TVM_FFI_OBJECT_H_

#include <tvm/ffi/base_details.h>

#include <atomic>
#include <cstddef>
#include <new>
#include <string>
#include <type_traits>
#include <utility>

namespace tvm {
namespace ffi {

/*! \brief The static type indices, named as in the C ABI. */
struct TypeIndex {
  static constexpr int32_t kTVMFFINone = ::kTVMFFINone;
  static constexpr int32_t kTVMFFIInt = ::kTVMFFIInt;
  static constexpr int32_t kTVMFFIBool = ::kTVMFFIBool;
  static constexpr int32_t kTVMFFIFloat = ::kTVMFFIFloat;
  static constexpr int32_t kTVMFFIOpaquePtr = ::kTVMFFIOpaquePtr;
  static constexpr int32_t kTVMFFIRawStr = ::kTVMFFIRawStr;
  static constexpr int32_t kTVMFFISmallStr = ::kTVMFFISmallStr;
  static constexpr int32_t kTVMFFISmallBytes = ::kTVMFFISmallBytes;
  static constexpr int32_t kTVMFFIObject = ::kTVMFFIObject;
  static constexpr int32_t kTVMFFIStr = ::kTVMFFIStr;
  static constexpr int32_t kTVMFFIBytes = ::kTVMFFIBytes;
  static constexpr int32_t kTVMFFIError = ::kTVMFFIError;
  static constexpr int32_t kTVMFFIFunction = ::kTVMFFIFunction;
  static constexpr int32_t kTVMFFIArray = ::kTVMFFIArray;
  static constexpr int32_t kTVMFFIMap = ::kTVMFFIMap;
  static constexpr int32_t kTVMFFIList = ::kTVMFFIList;
  static constexpr int32_t kTVMFFIDict = ::kTVMFFIDict;
  static constexpr int32_t kTVMFFIOpaquePyObject = ::kTVMFFIOpaquePyObject;
  static constexpr int32_t kTVMFFIStaticObjectBegin = ::kTVMFFIStaticObjectBegin;
  static constexpr int32_t kTVMFFIDynObjectBegin = ::kTVMFFIDynObjectBegin;
};

namespace details {

struct ObjectUnsafe;
struct ObjectPtrUnsafe;
struct ObjectRefUnsafe;
/*!
 * \brief Selects a reference type's constructor that adopts an existing
 * object (containers: their default constructor would make an empty one).
 */
struct AdoptObjectTag {};

/*!
 * \brief Registers (or finds) a dynamic type and returns its index.
 * Defined in error.h (it throws an Error), which the end of this header
 * includes, so including object.h alone is enough to declare a type.
 */
int32_t RegisterTypeKey(const char* type_key, int32_t parent_index);

/*! \brief The type key of a registered index ("<unregistered:N>" otherwise). */
inline std::string TypeIndexToKey(int32_t type_index) {
  const TVMFFITypeInfo* info = TVMFFIGetTypeInfo(type_index);
  if (info == nullptr) return "<unregistered:" + std::to_string(type_index) + ">";
  return std::string(info->type_key.data, info->type_key.size);
}

TVM_FFI_INLINE void IncRef(TVMFFIObject* obj) {
  __atomic_fetch_add(&obj->ref_count, 1u, __ATOMIC_RELAXED);
}

TVM_FFI_INLINE void DecRef(TVMFFIObject* obj) {
  // acq_rel so that every write through other references happens-before the
  // deleter that runs on the last one.
  if (__atomic_fetch_sub(&obj->ref_count, 1u, __ATOMIC_ACQ_REL) == 1u) {
    if (obj->deleter != nullptr) TVMFFIObjectDestroy(obj);
  }
}

}  // namespace details

/*!
 * \brief Base class of every object in the system.
 *
 * Subclasses declare their type with TVM_FFI_DECLARE_OBJECT_INFO[_FINAL] and
 * are allocated with make_object<T>(), which fills in the header.
 * Class-level traits a subclass may override:
 *  - `_type_final`: no subclasses (enables a cheaper IsInstance).
 *  - `_type_child_slots`: a hint of how many direct subclasses to expect.
 *  - `_type_mutable`: fields may be written after construction (Python
 *    setters are installed for def_rw fields only when this is true).
 */
class Object {
 public:
  Object() { header_ = TVMFFIObject{0, 0, nullptr, nullptr}; }
  // Copying an object copies its fields, never its identity or refcount.
  Object(const Object&) : Object() {}
  Object(Object&&) : Object() {}
  Object& operator=(const Object&) { return *this; }
  Object& operator=(Object&&) { return *this; }

  /*! \brief The runtime type index of this object. */
  int32_t type_index() const { return header_.type_index; }
  /*! \brief The registered type key of this object. */
  std::string GetTypeKey() const { return details::TypeIndexToKey(header_.type_index); }
  /*! \brief Whether this object is a TargetType (or a subclass of it). */
  template <typename TargetType>
  bool IsInstance() const;
  /*! \brief The current strong reference count (for tests and diagnostics). */
  uint32_t use_count() const { return __atomic_load_n(&header_.ref_count, __ATOMIC_RELAXED); }

  static constexpr const char* _type_key = "ffi.Object";
  static constexpr bool _type_final = false;
  static constexpr uint32_t _type_child_slots = 0;
  static constexpr bool _type_mutable = false;
  static int32_t RuntimeTypeIndex() { return TypeIndex::kTVMFFIObject; }

 protected:
  TVMFFIObject header_;

  friend struct details::ObjectUnsafe;
  template <typename>
  friend class ObjectPtr;
};

namespace details {
/*! \brief Conversions between Object* and the C handle. Internal. */
struct ObjectUnsafe {
  static TVM_FFI_INLINE TVMFFIObject* GetHeader(const Object* obj) {
    return const_cast<TVMFFIObject*>(&obj->header_);
  }
  static TVM_FFI_INLINE Object* FromHeader(TVMFFIObject* h) {
    // header_ is the first member of a non-polymorphic standard class.
    return reinterpret_cast<Object*>(h);
  }
};

/*! \brief Whether an object of `object_index` is-a `target_index`. */
inline bool IsInstanceOfIndex(int32_t object_index, int32_t target_index) {
  if (object_index == target_index || target_index == TypeIndex::kTVMFFIObject) return true;
  const TVMFFITypeInfo* target = TVMFFIGetTypeInfo(target_index);
  const TVMFFITypeInfo* info = TVMFFIGetTypeInfo(object_index);
  if (target == nullptr || info == nullptr) return false;
  return info->type_depth > target->type_depth &&
         info->type_ancestors[target->type_depth] == target_index;
}
}  // namespace details

template <typename TargetType>
inline bool Object::IsInstance() const {
  if constexpr (std::is_same_v<TargetType, Object>) {
    return true;
  } else if constexpr (TargetType::_type_final) {
    return header_.type_index == TargetType::RuntimeTypeIndex();
  } else {
    return details::IsInstanceOfIndex(header_.type_index, TargetType::RuntimeTypeIndex());
  }
}

/*!
 * \brief An intrusive strong pointer to an Object subclass.
 */
template <typename T>
class ObjectPtr {
 public:
  ObjectPtr() = default;
  ObjectPtr(std::nullptr_t) {}
  ObjectPtr(const ObjectPtr& other) : data_(other.data_) { IncRefIf(); }
  ObjectPtr(ObjectPtr&& other) noexcept : data_(other.data_) { other.data_ = nullptr; }
  template <typename U, typename = std::enable_if_t<std::is_base_of_v<T, U>>>
  ObjectPtr(const ObjectPtr<U>& other) : data_(other.data_) {
    IncRefIf();
  }
  template <typename U, typename = std::enable_if_t<std::is_base_of_v<T, U>>>
  ObjectPtr(ObjectPtr<U>&& other) noexcept : data_(other.data_) {
    other.data_ = nullptr;
  }
  ~ObjectPtr() { reset(); }

  ObjectPtr& operator=(const ObjectPtr& other) {
    ObjectPtr(other).swap(*this);
    return *this;
  }
  ObjectPtr& operator=(ObjectPtr&& other) noexcept {
    ObjectPtr(std::move(other)).swap(*this);
    return *this;
  }

  void swap(ObjectPtr& other) noexcept { std::swap(data_, other.data_); }
  T* get() const { return data_; }
  T* operator->() const { return data_; }
  T& operator*() const { return *data_; }
  explicit operator bool() const { return data_ != nullptr; }
  bool operator==(std::nullptr_t) const { return data_ == nullptr; }
  bool operator!=(std::nullptr_t) const { return data_ != nullptr; }
  bool operator==(const ObjectPtr& o) const { return data_ == o.data_; }
  bool operator!=(const ObjectPtr& o) const { return data_ != o.data_; }
  uint32_t use_count() const { return data_ ? data_->use_count() : 0; }

  void reset() {
    if (data_ != nullptr) {
      details::DecRef(details::ObjectUnsafe::GetHeader(data_));
      data_ = nullptr;
    }
  }

 private:
  void IncRefIf() {
    if (data_ != nullptr) details::IncRef(details::ObjectUnsafe::GetHeader(data_));
  }
  T* data_{nullptr};

  template <typename>
  friend class ObjectPtr;
  friend struct details::ObjectPtrUnsafe;
};

namespace details {
/*! \brief Adopting and releasing raw references. Internal. */
struct ObjectPtrUnsafe {
  /*! \brief Takes over one reference owned by the caller. */
  template <typename T>
  static ObjectPtr<T> Adopt(TVMFFIObject* h) {
    ObjectPtr<T> p;
    p.data_ = static_cast<T*>(ObjectUnsafe::FromHeader(h));
    return p;
  }
  /*! \brief Adds a reference to a borrowed handle. */
  template <typename T>
  static ObjectPtr<T> Borrow(TVMFFIObject* h) {
    if (h != nullptr) IncRef(h);
    return Adopt<T>(h);
  }
  /*! \brief Gives up the reference to the caller. */
  template <typename T>
  static TVMFFIObject* Release(ObjectPtr<T>&& p) {
    T* raw = p.data_;
    p.data_ = nullptr;
    return raw ? ObjectUnsafe::GetHeader(raw) : nullptr;
  }
  template <typename T>
  static TVMFFIObject* Header(const ObjectPtr<T>& p) {
    return p.data_ ? ObjectUnsafe::GetHeader(p.data_) : nullptr;
  }
};

template <typename T>
void ObjectDeleter(TVMFFIObject* h) {
  delete static_cast<T*>(ObjectUnsafe::FromHeader(h));
}
}  // namespace details

/*!
 * \brief Allocates a T (an Object subclass) and returns the first reference.
 */
template <typename T, typename... Args>
ObjectPtr<T> make_object(Args&&... args) {
  static_assert(std::is_base_of_v<Object, T>, "make_object needs an Object subclass");
  T* ptr = new T(std::forward<Args>(args)...);
  TVMFFIObject* h = details::ObjectUnsafe::GetHeader(ptr);
  h->type_index = T::RuntimeTypeIndex();
  h->deleter = &details::ObjectDeleter<T>;
  h->ref_count = 1;
  TVMFFIObjectNoteCreated();
  return details::ObjectPtrUnsafe::Adopt<T>(h);
}

/*!
 * \brief Base class of typed references to objects (`String`, `Array`,
 * user-defined `FooRef`...). Nullable unless the subclass says otherwise.
 */
class ObjectRef {
 public:
  using ContainerType = Object;
  static constexpr bool _type_is_nullable = true;

  ObjectRef() = default;
  explicit ObjectRef(ObjectPtr<Object> data) : data_(std::move(data)) {}
  ObjectRef(std::nullptr_t) {}

  const Object* get() const { return data_.get(); }
  const Object* operator->() const { return data_.get(); }
  bool defined() const { return data_ != nullptr; }
  bool operator==(std::nullptr_t) const { return data_ == nullptr; }
  bool operator!=(std::nullptr_t) const { return data_ != nullptr; }
  /*! \brief Identity comparison. */
  bool same_as(const ObjectRef& other) const { return data_ == other.data_; }
  uint32_t use_count() const { return data_.use_count(); }

  /*! \brief Returns the object as `const T*` when it is-a T, else nullptr. */
  template <typename T>
  const T* as() const {
    if (data_ != nullptr && data_->template IsInstance<T>()) {
      return static_cast<const T*>(data_.get());
    }
    return nullptr;
  }

 protected:
  ObjectPtr<Object> data_;

  friend struct details::ObjectRefUnsafe;
};

namespace details {
struct ObjectRefUnsafe {
  template <typename RefType>
  static RefType FromPtr(ObjectPtr<Object> p) {
    if constexpr (std::is_constructible_v<RefType, AdoptObjectTag, ObjectPtr<Object>>) {
      return RefType(AdoptObjectTag{}, std::move(p));
    } else {
      RefType r;
      static_cast<ObjectRef&>(r).data_ = std::move(p);
      return r;
    }
  }
  static const ObjectPtr<Object>& GetPtr(const ObjectRef& r) { return r.data_; }
  static TVMFFIObject* Header(const ObjectRef& r) { return ObjectPtrUnsafe::Header(r.data_); }
};
}  // namespace details

/*! \brief Whether `ref` holds a T (or subclass); null is not an instance. */
template <typename T>
bool IsInstance(const ObjectRef& ref) {
  return ref.defined() && ref->IsInstance<T>();
}

/*! \brief Downcast without a check; the caller knows the type. */
template <typename SubRef, typename BaseRef>
SubRef GetRef(const typename SubRef::ContainerType* ptr) {
  return details::ObjectRefUnsafe::FromPtr<SubRef>(
      details::ObjectPtrUnsafe::Borrow<Object>(details::ObjectUnsafe::GetHeader(ptr)));
}

}  // namespace ffi
}  // namespace tvm

/*!
 * \brief Declares the runtime type of an Object subclass.
 *
 * The index is allocated on first use from the core registry, by key, so
 * every library that declares the same key gets the same index.
 */
#define TVM_FFI_DECLARE_OBJECT_INFO(TypeKey, TypeName, ParentType)                     \
  static constexpr const char* _type_key = TypeKey;                                    \
  using _type_parent = ParentType;                                                     \
  TVM_FFI_LIBRARY_LOCAL_BEGIN                                                          \
  TVM_FFI_LIBRARY_LOCAL static int32_t RuntimeTypeIndex() {                            \
    static int32_t tindex =                                                            \
        ::tvm::ffi::details::RegisterTypeKey(TypeKey, ParentType::RuntimeTypeIndex()); \
    return tindex;                                                                     \
  }                                                                                    \
  TVM_FFI_LIBRARY_LOCAL_END                                                            \
  static constexpr bool _type_final = false

/*! \brief Like TVM_FFI_DECLARE_OBJECT_INFO, for a type with no subclasses. */
#define TVM_FFI_DECLARE_OBJECT_INFO_FINAL(TypeKey, TypeName, ParentType)               \
  static constexpr const char* _type_key = TypeKey;                                    \
  using _type_parent = ParentType;                                                     \
  TVM_FFI_LIBRARY_LOCAL_BEGIN                                                          \
  TVM_FFI_LIBRARY_LOCAL static int32_t RuntimeTypeIndex() {                            \
    static int32_t tindex =                                                            \
        ::tvm::ffi::details::RegisterTypeKey(TypeKey, ParentType::RuntimeTypeIndex()); \
    return tindex;                                                                     \
  }                                                                                    \
  TVM_FFI_LIBRARY_LOCAL_END                                                            \
  static constexpr bool _type_final = true

/*!
 * \brief Defines the usual members of a nullable reference type `TypeName`
 * over object `ObjectName`: constructors, `operator->`, `get()`.
 */
#define TVM_FFI_DEFINE_OBJECT_REF_METHODS_NULLABLE(TypeName, ParentType, ObjectName)           \
  TypeName() = default;                                                                        \
  explicit TypeName(::tvm::ffi::ObjectPtr<ObjectName> n)                                       \
      : ParentType(::tvm::ffi::ObjectPtr<typename ParentType::ContainerType>(std::move(n))) {} \
  TypeName(std::nullptr_t) : ParentType(nullptr) {}                                            \
  const ObjectName* operator->() const { return static_cast<const ObjectName*>(data_.get()); } \
  const ObjectName* get() const { return operator->(); }                                       \
  ObjectName* get_mutable() const {                                                            \
    return const_cast<ObjectName*>(static_cast<const ObjectName*>(data_.get()));               \
  }                                                                                            \
  using ContainerType = ObjectName;                                                            \
  static constexpr bool _type_is_nullable = true

// Last, once everything above exists: error.h includes this header (a no-op
// by now) and defines RegisterTypeKey, which the macros above call.
#include <tvm/ffi/error.h>

#endif  // TVM_FFI_OBJECT_H_
