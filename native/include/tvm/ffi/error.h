/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file tvm/ffi/error.h
 * \brief Error: the exception type of the C++ API and its bridge to the C ABI.
 *
 * An Error is both a C++ exception and a reference to an Error object (kind,
 * message, backtrace). Throwing one inside a packed function turns into a -1
 * return with the object raised in thread-local storage; a -1 return seen by
 * a C++ caller turns back into a thrown Error. The kind ("TypeError", ...)
 * survives every crossing, so Python sees the same exception class.
 */
#ifndef TVM_FFI_ERROR_H_
#define TVM_FFI_ERROR_H_

#include <tvm/ffi/object.h>

#include <exception>
#include <new>
#include <sstream>
#include <string>
#include <utility>

namespace tvm {
namespace ffi {

namespace details {
/*! \brief Drops the error a failed call left in thread-local storage, if any. */
inline void ClearRaised() {
  TVMFFIObjectHandle dropped = nullptr;
  TVMFFIErrorMoveFromRaised(&dropped);
  if (dropped != nullptr) TVMFFIObjectDecRef(dropped);
}
}  // namespace details

/*! \brief The Error object layout: header, then the C ABI cell. */
class ErrorObj : public Object {
 public:
  TVMFFIErrorCell cell;
  static constexpr const char* _type_key = "ffi.Error";
  static constexpr bool _type_final = true;
  static int32_t RuntimeTypeIndex() { return TypeIndex::kTVMFFIError; }
};

/*!
 * \brief A C++ exception carrying an Error object.
 */
class Error : public ObjectRef, public std::exception {
 public:
  Error() = default;
  /*! \brief Makes an error of `kind` (e.g. "ValueError") with `message`. */
  Error(const std::string& kind, const std::string& message, const std::string& backtrace = "") {
    TVMFFIByteArray k = details::ToByteArray(kind), m = details::ToByteArray(message),
                    b = details::ToByteArray(backtrace);
    TVMFFIObject* out = nullptr;
    if (TVMFFIErrorCreate(&k, &m, &b, nullptr, &out) != 0) throw std::bad_alloc();
    data_ = details::ObjectPtrUnsafe::Adopt<Object>(out);
  }
  /*! \brief Wraps an existing Error object. */
  explicit Error(ObjectPtr<Object> obj) : ObjectRef(std::move(obj)) {}

  std::string kind() const { return Str(cell().kind); }
  std::string message() const { return Str(cell().message); }
  /*!
   * \brief The error's traceback text. An error that carries a foreign
   * exception as its payload (a Python exception crossing C++) records
   * none when it is made: its language binding renders the exception's
   * own traceback here, once asked, through the global function
   * `ffi.ErrorPayloadBacktrace` (so crossing N frames costs O(N), not
   * O(N^2) for formatting the growing traceback at every crossing).
   */
  std::string backtrace() const {
    const TVMFFIErrorCell& c = cell();
    if (c.backtrace.size != 0 || c.payload.type_index < TypeIndex::kTVMFFIStaticObjectBegin) {
      return Str(c.backtrace);
    }
    return RenderPayloadBacktrace(c.payload);
  }

  const char* what() const noexcept override {
    try {
      what_ = kind() + ": " + message();
      return what_.c_str();
    } catch (...) {
      return "tvm::ffi::Error";
    }
  }

 private:
  const TVMFFIErrorCell& cell() const { return static_cast<const ErrorObj*>(get())->cell; }
  static std::string Str(const TVMFFIByteArray& b) { return std::string(b.data, b.size); }
  static std::string RenderPayloadBacktrace(const TVMFFIAny& payload) {
    static const char kName[] = "ffi.ErrorPayloadBacktrace";
    TVMFFIByteArray name{kName, sizeof(kName) - 1};
    TVMFFIObjectHandle fn = nullptr;
    if (TVMFFIFunctionGetGlobal(&name, &fn) != 0 || fn == nullptr) return "";
    TVMFFIAny out;
    out.type_index = TypeIndex::kTVMFFINone;
    out.zero_padding = 0;
    out.v_int64 = 0;
    int rc = TVMFFIFunctionCall(fn, &payload, 1, &out);
    TVMFFIObjectDecRef(fn);
    std::string text;
    if (rc == 0 && out.type_index == TypeIndex::kTVMFFIStr) {
      const auto* bytes = reinterpret_cast<const TVMFFIBytesCell*>(out.v_obj + 1);
      text.assign(bytes->bytes.data, bytes->bytes.size);
    } else if (rc == 0 && out.type_index == TypeIndex::kTVMFFISmallStr) {
      text.assign(out.v_bytes, out.small_len);
    } else if (rc != 0) {
      details::ClearRaised();  // no text, rather than a second error
    }
    if (rc == 0 && out.type_index >= TypeIndex::kTVMFFIStaticObjectBegin) {
      TVMFFIObjectDecRef(out.v_obj);
    }
    return text;
  }
  mutable std::string what_;
};

namespace details {

/*!
 * \brief Collects a message with `<<` and throws an Error when destroyed.
 * Used through TVM_FFI_THROW; records where the throw happened.
 */
class ErrorBuilder {
 public:
  ErrorBuilder(const char* kind, const char* file, int line, const char* func)
      : kind_(kind), file_(file), line_(line), func_(func) {}
  std::ostringstream& stream() { return stream_; }
  [[noreturn]] ~ErrorBuilder() noexcept(false) {
    std::string where = std::string("  File \"") + file_ + "\", line " + std::to_string(line_) +
                        ", in " + func_ + "\n";
    throw Error(kind_, stream_.str(), where);
  }

 private:
  const char* kind_;
  const char* file_;
  int line_;
  const char* func_;
  std::ostringstream stream_;
};

/*! \brief Takes the raised error after a -1 return (RuntimeError if none). */
inline Error MoveFromRaised() {
  TVMFFIObject* err = nullptr;
  TVMFFIErrorMoveFromRaised(&err);
  if (err == nullptr) return Error("RuntimeError", "a call failed without raising an error");
  return Error(ObjectPtrUnsafe::Adopt<Object>(err));
}

/*! \brief Raises `e` into thread-local storage (for the C boundary). */
inline void SetRaised(const Error& e) { TVMFFIErrorSetRaised(ObjectRefUnsafe::Header(e)); }

inline int32_t RegisterTypeKey(const char* type_key, int32_t parent_index) {
  TVMFFIByteArray key = ToByteArray(type_key);
  int32_t index = -1;
  if (TVMFFITypeGetOrAllocIndex(&key, -1, parent_index, &index) != 0) throw MoveFromRaised();
  return index;
}

}  // namespace details
}  // namespace ffi
}  // namespace tvm

/*!
 * \brief Throws an Error of the given kind: `TVM_FFI_THROW(ValueError) << "bad " << x;`
 */
#define TVM_FFI_THROW(ErrorKind) \
  ::tvm::ffi::details::ErrorBuilder(#ErrorKind, __FILE__, __LINE__, TVM_FFI_FUNC_SIG).stream()

/*! \brief Throws `ErrorKind` with the message when `cond` is false. */
#define TVM_FFI_CHECK(cond, ErrorKind) \
  if (!(cond)) TVM_FFI_THROW(ErrorKind) << "Check failed: (" #cond ") is false: "

/*! \brief Calls a C ABI function and turns a -1 return into a thrown Error. */
#define TVM_FFI_CHECK_SAFE_CALL(expr)                             \
  do {                                                            \
    if ((expr) != 0) throw ::tvm::ffi::details::MoveFromRaised(); \
  } while (0)

/*!
 * \brief Brackets the body of an `extern "C"` function: every C++ exception
 * becomes a raised error and a -1 return, so none crosses the C boundary.
 */
#define TVM_FFI_SAFE_CALL_BEGIN() try {
#define TVM_FFI_SAFE_CALL_END()                                            \
  return 0;                                                                \
  }                                                                        \
  catch (const ::tvm::ffi::Error& err) {                                   \
    ::tvm::ffi::details::SetRaised(err);                                   \
    return -1;                                                             \
  }                                                                        \
  catch (const std::bad_alloc&) {                                          \
    TVMFFIErrorSetRaisedFromCStr("MemoryError", "out of memory");          \
    return -1;                                                             \
  }                                                                        \
  catch (const std::exception& err) {                                      \
    TVMFFIErrorSetRaisedFromCStr("RuntimeError", err.what());              \
    return -1;                                                             \
  }                                                                        \
  catch (...) {                                                            \
    TVMFFIErrorSetRaisedFromCStr("RuntimeError", "unknown C++ exception"); \
    return -1;                                                             \
  }

#endif  // TVM_FFI_ERROR_H_
