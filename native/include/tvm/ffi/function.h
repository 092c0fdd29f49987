/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file tvm/ffi/function.h
 * \brief Function: a packed callable shared by every language, and the
 *        wrapping of typed C++ callables into packed ones.
 *
 * The packed convention (TVMFFISafeCallType) passes borrowed Anys and returns
 * one owned Any. A typed lambda becomes packed through Function::FromTyped,
 * which checks the argument count and converts each argument with its
 * TypeTraits, raising TypeError with the function's signature on a mismatch.
 */
#ifndef TVM_FFI_FUNCTION_H_
#define TVM_FFI_FUNCTION_H_

#include <tvm/ffi/any.h>
#include <tvm/ffi/container/seq.h>
#include <tvm/ffi/optional.h>
#include <tvm/ffi/string.h>

#include <sstream>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

namespace tvm {
namespace ffi {

static_assert(sizeof(AnyView) == sizeof(TVMFFIAny), "AnyView must be layout-compatible");
static_assert(sizeof(Any) == sizeof(TVMFFIAny), "Any must be layout-compatible");

/*! \brief Object layout of Function: the header, then the C ABI cell. */
class FunctionObj : public Object {
 public:
  TVMFFIFunctionCell cell;
  static constexpr const char* _type_key = "ffi.Function";
  static constexpr bool _type_final = true;
  static int32_t RuntimeTypeIndex() { return TypeIndex::kTVMFFIFunction; }
};

/*! \brief The borrowed arguments of a packed call. */
class PackedArgs {
 public:
  PackedArgs(const AnyView* args, int32_t size) : args_(args), size_(size) {}
  int32_t size() const { return size_; }
  const AnyView& operator[](int32_t i) const { return args_[i]; }
  const AnyView* data() const { return args_; }
  /*! \brief The arguments from `begin` on. */
  PackedArgs Slice(int32_t begin) const { return PackedArgs(args_ + begin, size_ - begin); }

 private:
  const AnyView* args_;
  int32_t size_;
};

namespace details {

template <typename F>
struct FunctionSignature : FunctionSignature<decltype(&F::operator())> {};
template <typename R, typename... Args>
struct FunctionSignature<R (*)(Args...)> {
  using Return = R;
  using ArgsTuple = std::tuple<std::decay_t<Args>...>;
  static constexpr size_t kNumArgs = sizeof...(Args);
};
template <typename R, typename... Args>
struct FunctionSignature<R(Args...)> : FunctionSignature<R (*)(Args...)> {};
template <typename C, typename R, typename... Args>
struct FunctionSignature<R (C::*)(Args...) const> : FunctionSignature<R (*)(Args...)> {};
template <typename C, typename R, typename... Args>
struct FunctionSignature<R (C::*)(Args...)> : FunctionSignature<R (*)(Args...)> {};

template <typename T>
std::string TypeStrOf() {
  if constexpr (std::is_void_v<T>) {
    return "None";
  } else {
    return TypeTraits<std::decay_t<T>>::TypeStr();
  }
}

/*! \brief "name(0: int, 1: str) -> float", as shown in argument errors. */
template <typename Sig, size_t... I>
std::string SignatureString(const std::string& name, std::index_sequence<I...>) {
  std::ostringstream os;
  os << name << "(";
  ((os << (I == 0 ? "" : ", ") << I << ": "
       << TypeStrOf<std::tuple_element_t<I, typename Sig::ArgsTuple>>()),
   ...);
  os << ") -> " << TypeStrOf<typename Sig::Return>();
  return os.str();
}

/*! \brief "(int, str) -> float": the declared types, as TVMFFIFunctionSetTypeSchema records them.
 */
template <typename Sig, size_t... I>
std::string TypeSchemaString(std::index_sequence<I...>) {
  std::ostringstream os;
  os << "(";
  ((os << (I == 0 ? "" : ", ") << TypeStrOf<std::tuple_element_t<I, typename Sig::ArgsTuple>>()),
   ...);
  os << ") -> " << TypeStrOf<typename Sig::Return>();
  return os.str();
}

/*! \brief A typed callable with its name, called through the packed convention. */
template <typename F>
struct TypedCallable {
  using Sig = FunctionSignature<F>;
  F f;
  std::string name;
  std::string signature;

  void operator()(PackedArgs args, Any* rv) const {
    constexpr size_t n = Sig::kNumArgs;
    if (args.size() != static_cast<int32_t>(n)) {
      for (int32_t i = 0; i < args.size(); ++i) {
        if (args[i].type_index() == kTVMFFISentinel &&
            args[i].raw()->v_obj == TVMFFIGetSentinel(kTVMFFISentinelKwargs)) {
          TVM_FFI_THROW(TypeError) << "`" << signature << "` takes no keyword arguments";
        }
      }
      TVM_FFI_THROW(TypeError) << "Mismatched number of arguments when calling: `" << signature
                               << "`. Expected " << n << " but got " << args.size() << " arguments";
    }
    Invoke(args, rv, std::make_index_sequence<n>());
  }

  template <size_t... I>
  void Invoke(PackedArgs args, Any* rv, std::index_sequence<I...>) const {
    if constexpr (std::is_void_v<typename Sig::Return>) {
      f(Cast<std::tuple_element_t<I, typename Sig::ArgsTuple>>(args, I)...);
    } else {
      *rv = Any(f(Cast<std::tuple_element_t<I, typename Sig::ArgsTuple>>(args, I)...));
    }
  }

  template <typename T>
  T Cast(PackedArgs args, size_t i) const {
    std::optional<T> v = args[static_cast<int32_t>(i)].template try_cast<T>();
    if (!v.has_value()) {
      TVM_FFI_THROW(TypeError) << "Mismatched type on argument #" << i << " when calling: `"
                               << signature << "`. Expected `" << TypeTraits<T>::TypeStr()
                               << "` but got `" << AnyTypeName(*args[static_cast<int32_t>(i)].raw())
                               << "`";
    }
    return *std::move(v);
  }
};

}  // namespace details

/*!
 * \brief A reference to a packed function object. Nullable.
 */
class Function : public ObjectRef {
 public:
  TVM_FFI_DEFINE_OBJECT_REF_METHODS_NULLABLE(Function, ObjectRef, FunctionObj);

  /*! \brief Wraps `f(PackedArgs args, Any* rv)` as a Function. */
  template <typename F>
  static Function FromPacked(F f) {
    using Fn = std::decay_t<F>;
    TVMFFIObject* out = nullptr;
    Fn* self = new Fn(std::move(f));
    if (TVMFFIFunctionCreate(self, &SafeCall<Fn>, &Delete<Fn>, &out) != 0) {
      delete self;
      throw details::MoveFromRaised();
    }
    return details::ObjectRefUnsafe::FromPtr<Function>(
        details::ObjectPtrUnsafe::Adopt<Object>(out));
  }

  /*!
   * \brief Wraps a typed callable; `name` appears in argument errors:
   * "Mismatched type on argument #0 when calling: `name(0: int) -> int`".
   * The declared types are recorded as the Function's type schema.
   */
  template <typename F>
  static Function FromTyped(F f, std::string name = "<anonymous>") {
    using Sig = details::FunctionSignature<std::decay_t<F>>;
    std::string sig =
        details::SignatureString<Sig>(name, std::make_index_sequence<Sig::kNumArgs>());
    Function out = FromPacked(
        details::TypedCallable<std::decay_t<F>>{std::move(f), std::move(name), std::move(sig)});
    std::string schema = details::TypeSchemaString<Sig>(std::make_index_sequence<Sig::kNumArgs>());
    TVMFFIByteArray bytes = details::ToByteArray(schema);
    TVM_FFI_CHECK_SAFE_CALL(
        TVMFFIFunctionSetTypeSchema(details::ObjectRefUnsafe::Header(out), &bytes));
    return out;
  }

  /*! \brief Calls the function with C++ values; a raised error is thrown. */
  template <typename... Args>
  Any operator()(Args&&... args) const {
    AnyView packed[sizeof...(Args) + 1] = {AnyView(std::forward<Args>(args))...};
    return CallPacked(PackedArgs(packed, static_cast<int32_t>(sizeof...(Args))));
  }

  /*! \brief Calls the function with already packed arguments. */
  Any CallPacked(PackedArgs args) const {
    const FunctionObj* f = get();
    if (f == nullptr) TVM_FFI_THROW(RuntimeError) << "calling a null Function";
    TVMFFIAny result = details::NoneAny();
    if (f->cell.safe_call(f->cell.self, reinterpret_cast<const TVMFFIAny*>(args.data()),
                          args.size(), &result) != 0) {
      throw details::MoveFromRaised();
    }
    return Any::FromRawOwned(result);
  }

  /*! \brief The global function named `name`, if registered. */
  static Optional<Function> GetGlobal(const std::string& name) {
    TVMFFIByteArray n = details::ToByteArray(name);
    TVMFFIObject* out = nullptr;
    TVM_FFI_CHECK_SAFE_CALL(TVMFFIFunctionGetGlobal(&n, &out));
    if (out == nullptr) return Optional<Function>();
    return Optional<Function>(
        details::ObjectRefUnsafe::FromPtr<Function>(details::ObjectPtrUnsafe::Adopt<Object>(out)));
  }
  /*! \brief The global function named `name`; ValueError when missing. */
  static Function GetGlobalRequired(const std::string& name) {
    Optional<Function> f = GetGlobal(name);
    if (!f.has_value()) TVM_FFI_THROW(ValueError) << "global function `" << name << "` not found";
    return *f;
  }
  /*! \brief Registers `func` as `name`; RuntimeError on a clash unless `can_override`. */
  static void SetGlobal(const std::string& name, const Function& func, bool can_override = false) {
    TVMFFIByteArray n = details::ToByteArray(name);
    TVM_FFI_CHECK_SAFE_CALL(
        TVMFFIFunctionSetGlobal(&n, details::ObjectRefUnsafe::Header(func), can_override));
  }
  /*! \brief The names of all global functions. */
  static Array<String> ListGlobalNames() {
    TVMFFIObject* out = nullptr;
    TVM_FFI_CHECK_SAFE_CALL(TVMFFIFunctionListGlobalNames(&out));
    return details::ObjectRefUnsafe::FromPtr<Array<String>>(
        details::ObjectPtrUnsafe::Adopt<Object>(out));
  }

 private:
  template <typename Fn>
  static int SafeCall(void* self, const TVMFFIAny* args, int32_t num_args, TVMFFIAny* result) {
    TVM_FFI_SAFE_CALL_BEGIN();
    Any rv;
    (*static_cast<Fn*>(self))(PackedArgs(reinterpret_cast<const AnyView*>(args), num_args), &rv);
    *result = rv.ReleaseRaw();
    TVM_FFI_SAFE_CALL_END();
  }
  template <typename Fn>
  static void Delete(void* self) {
    delete static_cast<Fn*>(self);
  }
};

namespace details {
/*! \brief The num_args that asks an exported symbol for its Function (see below). */
constexpr int32_t kExportedFunctionQuery = -1;
}  // namespace details

}  // namespace ffi
}  // namespace tvm

/*!
 * \brief Exports a typed C++ callable from a library as `ExportName`:
 *
 *     int64_t AddOne(int64_t x) { return x + 1; }
 *     TVM_FFI_DLL_EXPORT_TYPED_FUNC(add_one, AddOne);
 *
 * makes the C symbol `__tvm_ffi_add_one` (a TVMFFISafeCallType), which
 * `tvm_ffi.load_module(path).add_one` calls. Arguments are checked as for
 * Function::FromTyped; the Function is made on the first call.
 *
 * Called with num_args == kExportedFunctionQuery, the symbol instead returns
 * that Function (a new reference), so a loader can call it directly: a
 * call through the module then costs what a call of a built-in one does,
 * not two dispatches. The marker `__tvm_ffityped_add_one` says the symbol
 * answers that query (a hand-written safe call is never probed).
 */
#define TVM_FFI_DLL_EXPORT_TYPED_FUNC(ExportName, Callable)                                       \
  extern "C" TVM_FFI_DLL_EXPORT const int32_t __tvm_ffityped_##ExportName = 1;                    \
  extern "C" TVM_FFI_DLL_EXPORT int __tvm_ffi_##ExportName(void* self, const TVMFFIAny* args,     \
                                                           int32_t num_args, TVMFFIAny* result) { \
    TVM_FFI_SAFE_CALL_BEGIN();                                                                    \
    static const ::tvm::ffi::Function f = ::tvm::ffi::Function::FromTyped(Callable, #ExportName); \
    TVMFFIObject* header = ::tvm::ffi::details::ObjectRefUnsafe::Header(f);                       \
    if (num_args == ::tvm::ffi::details::kExportedFunctionQuery) {                                \
      ::tvm::ffi::details::IncRef(header);                                                        \
      result->type_index = kTVMFFIFunction;                                                       \
      result->zero_padding = 0;                                                                   \
      result->v_obj = header;                                                                     \
      return 0;                                                                                   \
    }                                                                                             \
    return TVMFFIFunctionCall(header, args, num_args, result);                                    \
    TVM_FFI_SAFE_CALL_END();                                                                      \
  }                                                                                               \
  static_assert(true, "a semicolon follows")

/*!
 * \brief Attaches a docstring to a function exported with
 * TVM_FFI_DLL_EXPORT_TYPED_FUNC(ExportName, ...):
 *
 *     TVM_FFI_DLL_EXPORT_TYPED_FUNC_DOC(add_one, "Returns x + 1.");
 *
 * makes the NUL-terminated C string `__tvm_ffidoc_add_one`, which
 * `tvm_ffi.load_module(path).get_function_doc("add_one")` reads.
 */
#define TVM_FFI_DLL_EXPORT_TYPED_FUNC_DOC(ExportName, DocString)                    \
  extern "C" TVM_FFI_DLL_EXPORT const char __tvm_ffidoc_##ExportName[] = DocString; \
  static_assert(true, "a semicolon follows")

#endif  // TVM_FFI_FUNCTION_H_
