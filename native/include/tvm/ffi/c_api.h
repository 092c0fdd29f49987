/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file tvm/ffi/c_api.h
 * \brief The C ABI of tvm_ffi: the only thing that crosses a shared-library
 *        boundary.
 *
 * Everything here is plain C: POD structs and `extern "C"` functions. The core
 * library (libtvm_ffi), the Python module and third-party plugins built with
 * another compiler all talk through these declarations, so they share one
 * type registry and one global function table.
 *
 * Conventions
 *  - Every exported function returns 0 on success and -1 when it raised an
 *    error; the error object then waits in thread-local storage and is taken
 *    with TVMFFIErrorMoveFromRaised. Nothing ever throws across this boundary.
 *  - Handles are `TVMFFIObject*`; a function that returns a handle through an
 *    out-parameter hands over one strong reference.
 *  - A `TVMFFIAny` passed as an argument is borrowed; one written to a result
 *    slot is owned by the receiver.
 */
#ifndef TVM_FFI_C_API_H_
#define TVM_FFI_C_API_H_

#include <stddef.h>
#include <stdint.h>

#if defined(_MSC_VER)
#define TVM_FFI_DLL_EXPORT __declspec(dllexport)
#else
#define TVM_FFI_DLL_EXPORT __attribute__((visibility("default")))
#endif

#ifndef TVM_FFI_DLL
#define TVM_FFI_DLL TVM_FFI_DLL_EXPORT
#endif

/*!
 * \brief The ABI version. The major is bumped when a struct layout or a
 * function signature changes, the minor when functions are added. A library
 * built against (major, minor) loads into a core library of the same major
 * and the same or a later minor (TVMFFIPluginABICompatible).
 *
 * Defining TVM_FFI_VERSION_MAJOR / _MINOR before this header is only for
 * testing that check (a plugin built "against another version").
 */
#ifndef TVM_FFI_VERSION_MAJOR
#define TVM_FFI_VERSION_MAJOR 0
#endif
#ifndef TVM_FFI_VERSION_MINOR
#define TVM_FFI_VERSION_MINOR 3
#endif
#define TVM_FFI_VERSION_PATCH 0

#ifdef __cplusplus
extern "C" {
#endif

/*!
 * \brief Static type indices.
 *
 * Indices below kTVMFFIStaticObjectBegin are POD values stored inline in an
 * Any; indices from kTVMFFIStaticObjectBegin on are heap objects whose Any
 * payload is a `TVMFFIObject*`. Types registered at run time by key get
 * indices from kTVMFFIDynObjectBegin on.
 */
typedef enum {
  kTVMFFIAny = -1, /*!< Only used in type signatures: "any value". */
  kTVMFFINone = 0,
  kTVMFFIInt = 1,
  kTVMFFIBool = 2,
  kTVMFFIFloat = 3,
  kTVMFFIOpaquePtr = 4,
  /*! \brief A borrowed NUL-terminated C string (only valid inside a call). */
  kTVMFFIRawStr = 8,
  /*! \brief A string of at most 7 bytes stored inline in the Any. */
  kTVMFFISmallStr = 11,
  /*! \brief Bytes, at most 7, stored inline in the Any. */
  kTVMFFISmallBytes = 12,
  kTVMFFIStaticObjectBegin = 64,
  kTVMFFIObject = 64,
  kTVMFFIStr = 65,
  kTVMFFIBytes = 66,
  kTVMFFIError = 67,
  kTVMFFIFunction = 68,
  kTVMFFIArray = 71,
  kTVMFFIMap = 72,
  kTVMFFIModule = 73,
  /*! \brief A foreign (Python) object held opaquely; see TVMFFIOpaqueObjectCell. */
  kTVMFFIOpaquePyObject = 74,
  kTVMFFIList = 75,
  kTVMFFIDict = 76,
  /*! \brief MISSING and KWARGS (see TVMFFIGetSentinel). */
  kTVMFFISentinel = 77,
  kTVMFFIStaticObjectEnd = 78,
  kTVMFFIDynObjectBegin = 128
} TVMFFITypeIndex;

#define TVM_FFI_SMALL_STR_MAX 7

/*! \brief A span of bytes: not owned, not NUL-terminated unless said. */
typedef struct {
  const char* data;
  size_t size;
} TVMFFIByteArray;

/*!
 * \brief Header of every heap object.
 *
 * The reference count is modified with atomic builtins only. `deleter` is set
 * by whoever allocated the object, so an object made in a plugin is freed by
 * the plugin's allocator no matter who drops the last reference.
 *
 * `binding_slot` belongs to the language binding (the Python module): it
 * caches the binding's live wrapper for this object so that an object
 * returned to Python comes back as the same Python object. The binding sets
 * it when it creates a wrapper and clears it when the wrapper dies; nobody
 * else touches it.
 */
typedef struct TVMFFIObject {
  uint32_t ref_count;
  int32_t type_index;
  void (*deleter)(struct TVMFFIObject* self);
  void* binding_slot;
} TVMFFIObject;

typedef TVMFFIObject* TVMFFIObjectHandle;

/*!
 * \brief The 16-byte tagged value that crosses every boundary.
 *
 * `type_index` says what the payload holds. For kTVMFFISmallStr and
 * kTVMFFISmallBytes, `small_len` is the length and the bytes live in
 * `v_bytes` (NUL-terminated for strings when len < 8).
 */
typedef struct TVMFFIAny {
  int32_t type_index;
  union {
    uint32_t zero_padding;
    uint32_t small_len;
  };
  union {
    int64_t v_int64;
    double v_float64;
    void* v_ptr;
    const char* v_c_str;
    TVMFFIObject* v_obj;
    char v_bytes[8];
  };
} TVMFFIAny;

/*! \brief Payload of String and Bytes objects; `data` points just after it. */
typedef struct {
  TVMFFIByteArray bytes;
} TVMFFIBytesCell;

/*!
 * \brief The packed calling convention.
 * \param self The closure data given at creation.
 * \param args Borrowed arguments.
 * \param num_args Number of arguments.
 * \param result Where to write the (owned) result; it arrives as None.
 * \return 0 on success, -1 with an error raised.
 */
typedef int (*TVMFFISafeCallType)(void* self, const TVMFFIAny* args, int32_t num_args,
                                  TVMFFIAny* result);

/*!
 * \brief Payload of Function objects, right after the header.
 *
 * Callers read `safe_call` and `self` directly, so a call costs one indirect
 * jump and no exported-function hop.
 */
typedef struct {
  TVMFFISafeCallType safe_call;
  void* self;
} TVMFFIFunctionCell;

/*! \brief Payload of Error objects: kind ("ValueError"), message, context. */
typedef struct {
  TVMFFIByteArray kind;
  TVMFFIByteArray message;
  /*! \brief Where the error came from, oldest frame first, one per line. */
  TVMFFIByteArray backtrace;
  /*!
   * \brief Optional payload for the language that raised it (for Python, the
   * original exception as an OpaquePyObject), so a round trip through C++ can
   * re-raise the very same exception object. kTVMFFINone when absent.
   */
  TVMFFIAny payload;
} TVMFFIErrorCell;

/*! \brief Payload of Array and List objects: `size` Anys at `data`. */
typedef struct {
  TVMFFIAny* data;
  int64_t size;
  int64_t capacity;
} TVMFFISeqCell;

/*! \brief One key/value pair of a Map or Dict. */
typedef struct {
  TVMFFIAny key;
  TVMFFIAny value;
} TVMFFIMapEntry;

/*!
 * \brief Payload of Map and Dict objects.
 *
 * `entries[0..size)` hold the items in insertion order; `index` is private to
 * the core library (the hash index over the entries).
 */
typedef struct {
  TVMFFIMapEntry* entries;
  int64_t size;
  int64_t capacity;
  void* index;
} TVMFFIMapCell;

/*!
 * \brief Payload of an OpaquePyObject: a foreign handle, the name of its
 * foreign type (for error messages: "expected int but got Foo") and how to
 * release it. The core library never looks inside `handle`.
 */
typedef struct {
  void* handle;
  void (*release)(void* handle);
  TVMFFIByteArray type_name;
} TVMFFIOpaqueObjectCell;

/* ------------------------------------------------------------------------- */
/* Reflection records                                                        */
/* ------------------------------------------------------------------------- */

/*! \brief Field flags (TVMFFIFieldInfo::flags). */
typedef enum {
  /*! \brief The field may be written after construction. */
  kTVMFFIFieldFlagWritable = 1 << 0,
  /*! \brief default_value holds the default. */
  kTVMFFIFieldFlagHasDefault = 1 << 1,
  /*! \brief default_value is a Function called for each default. */
  kTVMFFIFieldFlagDefaultFromFactory = 1 << 2,
  kTVMFFIFieldFlagReprOff = 1 << 3,
  kTVMFFIFieldFlagHashOff = 1 << 4,
  kTVMFFIFieldFlagCompareOff = 1 << 5,
  /*! \brief Not a parameter of the generated constructor. */
  kTVMFFIFieldFlagInitOff = 1 << 6,
  /*! \brief Keyword-only parameter of the generated constructor. */
  kTVMFFIFieldFlagKwOnly = 1 << 7,
  /*!
   * \brief `setter` holds a Function (a TVMFFIObject*, cast), called as
   * `setter(OpaquePtr field_address, value)`: fields whose check needs more
   * than a function pointer knows (dynamic types' declared schemas). Call
   * setters through TVMFFIFieldSetValue, which handles both forms.
   */
  kTVMFFIFieldFlagSetterIsFunction = 1 << 8,
  /*!
   * \brief A value of `static_type_index` (an instance of it, for object
   * types; an exact match otherwise) passes the setter unchanged, so
   * TVMFFIFieldSetValue stores it without calling the setter. Only for the
   * inline object and Any storages.
   */
  kTVMFFIFieldFlagDirectStore = 1 << 9
} TVMFFIFieldFlag;

/*!
 * \brief How a field is stored, so bindings can read and write the common
 * kinds directly at `offset` without calling the getter or setter.
 */
typedef enum {
  /*! \brief Only through getter/setter. */
  kTVMFFIFieldStorageOther = 0,
  /*! \brief int64_t. */
  kTVMFFIFieldStorageInt64 = 1,
  /*! \brief double. */
  kTVMFFIFieldStorageFloat64 = 2,
  /*! \brief bool, one byte. */
  kTVMFFIFieldStorageBool = 3,
  /*! \brief One (nullable) TVMFFIObject* holding a strong reference. */
  kTVMFFIFieldStorageObject = 4,
  /*! \brief A TVMFFIAny owning its value. */
  kTVMFFIFieldStorageAny = 5
} TVMFFIFieldStorage;

/*! \brief Reads the field at `field` into an owned `*result`. */
typedef int (*TVMFFIFieldGetter)(void* field, TVMFFIAny* result);
/*!
 * \brief Converts `*value` to the field's type and stores it at `field`.
 * Raises TypeError (and leaves the field unchanged) when it does not convert.
 */
typedef int (*TVMFFIFieldSetter)(void* field, const TVMFFIAny* value);

/*! \brief Reflection record of one field. */
typedef struct TVMFFIFieldInfo {
  TVMFFIByteArray name;
  TVMFFIByteArray doc;
  /*! \brief The declared type as users read it: "int", "Array<str>". */
  TVMFFIByteArray type_str;
  int64_t flags;
  /*! \brief Byte offset of the field from the object header. */
  int64_t offset;
  /*! \brief A TVMFFIFieldStorage. */
  int32_t storage;
  /*! \brief Index of the declared type; kTVMFFIAny when any value fits. */
  int32_t static_type_index;
  TVMFFIFieldGetter getter;
  TVMFFIFieldSetter setter;
  /*! \brief The default value, or a Function when DefaultFromFactory. */
  TVMFFIAny default_value;
  /*! \brief User metadata: a Map, or None. */
  TVMFFIAny metadata;
} TVMFFIFieldInfo;

/*! \brief Method flags. */
typedef enum { kTVMFFIMethodFlagStatic = 1 << 0 } TVMFFIMethodFlag;

/*! \brief Reflection record of one method; instance methods take self first. */
typedef struct TVMFFIMethodInfo {
  TVMFFIByteArray name;
  TVMFFIByteArray doc;
  int64_t flags;
  /*! \brief A Function. */
  TVMFFIAny method;
  TVMFFIAny metadata;
} TVMFFIMethodInfo;

/*! \brief Type flags (TVMFFITypeMetadata::flags). */
typedef enum {
  /*! \brief Fields may change after construction (C++ `_type_mutable`). */
  kTVMFFITypeFlagMutable = 1 << 0,
  /*! \brief No subclasses. */
  kTVMFFITypeFlagFinal = 1 << 1,
  /*! \brief `__ffi_init__` is the generated constructor (TVMFFITypeMakeAutoInit). */
  kTVMFFITypeFlagAutoInit = 1 << 2
} TVMFFITypeFlag;

/*! \brief Per-type metadata beyond the key and hierarchy. */
typedef struct {
  TVMFFIByteArray doc;
  int64_t flags;
  /*! \brief sizeof the C++ object (0 when unknown). */
  int64_t total_size;
} TVMFFITypeMetadata;

/*! \brief Registry record for a type; owned by the core library, never freed. */
typedef struct TVMFFITypeInfo {
  int32_t type_index;
  /*! \brief Number of ancestors; Object has depth 0. */
  int32_t type_depth;
  TVMFFIByteArray type_key;
  /*! \brief type_ancestors[d] is the ancestor at depth d, for d < type_depth. */
  const int32_t* type_ancestors;
  /*! \brief Hash of the key, stable across processes. */
  uint64_t type_key_hash;
  /*! \brief This type's own fields (not its ancestors'), in registration order. */
  int32_t num_fields;
  int32_t num_methods;
  const TVMFFIFieldInfo* fields;
  const TVMFFIMethodInfo* methods;
  /*! \brief NULL until registered. */
  const TVMFFITypeMetadata* metadata;
} TVMFFITypeInfo;

/*!
 * \brief A type attribute column: data[type_index] is the attribute's value
 * for that type (None when unset), for type_index < size.
 */
typedef struct {
  const TVMFFIAny* data;
  int32_t size;
} TVMFFITypeAttrColumn;

/* ------------------------------------------------------------------------- */
/* Version                                                                   */
/* ------------------------------------------------------------------------- */

/*! \brief Writes the core library's ABI version; a plugin checks the major. */
TVM_FFI_DLL void TVMFFIGetVersion(int32_t* major, int32_t* minor, int32_t* patch);

/* ------------------------------------------------------------------------- */
/* Loading libraries (plugins)                                               */
/* ------------------------------------------------------------------------- */

/*!
 * \brief Asked by each static initialiser of a library (the code of
 * TVM_FFI_STATIC_INIT_BLOCK) before it registers anything: nonzero when a
 * library built against ABI (major, minor) may register into this core
 * library. When not, the refusal is recorded for the loader (see
 * TVMFFIPluginTakeLoadError) and the block is skipped, so a library of an
 * incompatible ABI registers nothing. These three functions never change.
 */
TVM_FFI_DLL int TVMFFIPluginABICompatible(int32_t major, int32_t minor);

/*! \brief Records that a static initialiser of the library being loaded threw. */
TVM_FFI_DLL void TVMFFIPluginInitFailed(const char* message);

/*!
 * \brief Moves out (as a new reference) the first load error recorded on
 * this thread since the last call, an Error object, or NULL when none.
 */
TVM_FFI_DLL void TVMFFIPluginTakeLoadError(TVMFFIObjectHandle* out);

/*!
 * \brief Starts the load journal of this thread: until the matching
 * TVMFFIPluginLoadEnd, the types this thread registers and the global
 * functions it sets are recorded. The loader brackets dlopen with the pair.
 */
TVM_FFI_DLL int TVMFFIPluginLoadBegin(void);

/*!
 * \brief Ends the journal TVMFFIPluginLoadBegin started. With `roll_back`
 * nonzero, takes back what was recorded: each global function set gets its
 * previous value back (or is removed), and each new type is retracted, so a
 * library whose initialiser failed leaves the registry as it was.
 */
TVM_FFI_DLL int TVMFFIPluginLoadEnd(int32_t roll_back);

/* ------------------------------------------------------------------------- */
/* Objects                                                                   */
/* ------------------------------------------------------------------------- */

/*! \brief Adds a strong reference. Never fails. */
TVM_FFI_DLL int TVMFFIObjectIncRef(TVMFFIObjectHandle obj);
/*! \brief Drops a strong reference; the deleter runs when it was the last. */
TVM_FFI_DLL int TVMFFIObjectDecRef(TVMFFIObjectHandle obj);

/*!
 * \brief Runs the deleter of an object whose last reference was just dropped.
 *
 * Deletions that happen inside a deleter (a chain of objects each holding
 * the next) are queued and run one after another by the outermost call,
 * so freeing a million-long chain uses constant stack.
 */
TVM_FFI_DLL void TVMFFIObjectDestroy(TVMFFIObjectHandle obj);

/* ------------------------------------------------------------------------- */
/* Type registry                                                             */
/* ------------------------------------------------------------------------- */

/*!
 * \brief Returns the index registered for `type_key`, allocating one when new.
 * \param type_key The unique key, e.g. "testing.TestIntPair".
 * \param static_type_index A fixed index for built-in types, or -1 to allocate.
 * \param parent_type_index The parent's index (kTVMFFIObject for roots).
 * \param out_type_index The index.
 *
 * Registering an existing key with the same parent returns its index; with a
 * different parent it raises a RuntimeError.
 */
TVM_FFI_DLL int TVMFFITypeGetOrAllocIndex(const TVMFFIByteArray* type_key,
                                          int32_t static_type_index, int32_t parent_type_index,
                                          int32_t* out_type_index);

/*! \brief Looks up a key; raises KeyError when it is not registered. */
TVM_FFI_DLL int TVMFFITypeKeyToIndex(const TVMFFIByteArray* type_key, int32_t* out_type_index);

/*! \brief The record of a registered index, or NULL when there is none. */
TVM_FFI_DLL const TVMFFITypeInfo* TVMFFIGetTypeInfo(int32_t type_index);

/*!
 * \brief Adds a field to a type's reflection record (strings and values are
 * copied). A name the type already has raises RuntimeError.
 */
TVM_FFI_DLL int TVMFFITypeRegisterField(int32_t type_index, const TVMFFIFieldInfo* info);

/*! \brief Adds a method to a type's reflection record. */
TVM_FFI_DLL int TVMFFITypeRegisterMethod(int32_t type_index, const TVMFFIMethodInfo* info);

/*! \brief Sets a type's metadata (copied; a later call replaces it). */
TVM_FFI_DLL int TVMFFITypeRegisterMetadata(int32_t type_index, const TVMFFITypeMetadata* meta);

/*!
 * \brief Sets attribute `name` of a type (a new reference to `value` is kept).
 *
 * Register once, then mutate: setting the same (type, name) twice raises a
 * RuntimeError. An attribute meant to change is registered once as a
 * mutable container (Dict, List) and mutated in place.
 */
TVM_FFI_DLL int TVMFFITypeRegisterAttr(int32_t type_index, const TVMFFIByteArray* name,
                                       const TVMFFIAny* value);

/*!
 * \brief The column of attribute `name`, or NULL when no type has it. The
 * column stays valid (and at the same address) for the life of the process.
 */
TVM_FFI_DLL const TVMFFITypeAttrColumn* TVMFFIGetTypeAttrColumn(const TVMFFIByteArray* name);

/*!
 * \brief Makes the generated constructor of a type from its reflected fields
 * (its ancestors' first): a packed Function taking the parameters
 * `(required..., optional=default..., *, keyword_only...)`, keyword arguments
 * after the KWARGS sentinel. Fields with kTVMFFIFieldFlagInitOff take their
 * default. The object is allocated with the type's `__ffi_new__`.
 */
TVM_FFI_DLL int TVMFFITypeMakeAutoInit(int32_t type_index, TVMFFIObjectHandle* out);

/*! \brief One past the largest allocated type index. */
TVM_FFI_DLL int32_t TVMFFIGetNumTypeIndices(void);

/*!
 * \brief Converts `*value` with the field's setter and stores it at `addr`
 * (the field's address in an object), whichever form the setter has.
 */
TVM_FFI_DLL int TVMFFIFieldSetValue(const TVMFFIFieldInfo* field, void* addr,
                                    const TVMFFIAny* value);

/* ------------------------------------------------------------------------- */
/* Strings and bytes                                                         */
/* ------------------------------------------------------------------------- */

/*! \brief Makes a String object holding a copy of `data`. */
TVM_FFI_DLL int TVMFFIStringFromByteArray(const TVMFFIByteArray* data, TVMFFIObjectHandle* out);
/*! \brief Makes a Bytes object holding a copy of `data`. */
TVM_FFI_DLL int TVMFFIBytesFromByteArray(const TVMFFIByteArray* data, TVMFFIObjectHandle* out);

/* ------------------------------------------------------------------------- */
/* Functions                                                                 */
/* ------------------------------------------------------------------------- */

/*!
 * \brief Wraps a packed callable as a Function object.
 * \param self Closure data passed back to `safe_call`.
 * \param safe_call The entry point.
 * \param deleter Releases `self` when the Function dies (may be NULL).
 */
TVM_FFI_DLL int TVMFFIFunctionCreate(void* self, TVMFFISafeCallType safe_call,
                                     void (*deleter)(void* self), TVMFFIObjectHandle* out);

/*!
 * \brief Records the declared types of a Function's parameters and result,
 * written `(int, Array<str>) -> float` with the TypeStr of each (a type key
 * for object types). Function::FromTyped sets it; stub generators read it.
 * Set it once, before the Function is shared; `schema` is copied.
 */
TVM_FFI_DLL int TVMFFIFunctionSetTypeSchema(TVMFFIObjectHandle func, const TVMFFIByteArray* schema);

/*!
 * \brief The schema recorded by TVMFFIFunctionSetTypeSchema, borrowed from
 * `func` (valid while it lives); size 0 when none was recorded (a packed one).
 */
TVM_FFI_DLL int TVMFFIFunctionGetTypeSchema(TVMFFIObjectHandle func, TVMFFIByteArray* out);

/*! \brief Calls a Function object (same contract as TVMFFISafeCallType). */
TVM_FFI_DLL int TVMFFIFunctionCall(TVMFFIObjectHandle func, const TVMFFIAny* args, int32_t num_args,
                                   TVMFFIAny* result);

/*!
 * \brief Registers `func` under `name` in the global table.
 * \param can_override When 0, an existing name raises a RuntimeError.
 */
TVM_FFI_DLL int TVMFFIFunctionSetGlobal(const TVMFFIByteArray* name, TVMFFIObjectHandle func,
                                        int can_override);

/*! \brief Fetches a global function; `*out` is NULL when none is registered. */
TVM_FFI_DLL int TVMFFIFunctionGetGlobal(const TVMFFIByteArray* name, TVMFFIObjectHandle* out);

/*! \brief Removes a global; `*out_removed` says whether the name existed. */
TVM_FFI_DLL int TVMFFIFunctionRemoveGlobal(const TVMFFIByteArray* name, int* out_removed);

/*! \brief The registered names as an Array of String (a new reference). */
TVM_FFI_DLL int TVMFFIFunctionListGlobalNames(TVMFFIObjectHandle* out_array);

/* ------------------------------------------------------------------------- */
/* Errors                                                                    */
/* ------------------------------------------------------------------------- */

/*!
 * \brief Makes an Error object.
 * \param payload Optional (may be NULL): see TVMFFIErrorCell::payload.
 */
TVM_FFI_DLL int TVMFFIErrorCreate(const TVMFFIByteArray* kind, const TVMFFIByteArray* message,
                                  const TVMFFIByteArray* backtrace, const TVMFFIAny* payload,
                                  TVMFFIObjectHandle* out);

/*! \brief Stores `error` (a new reference is taken) as this thread's raised error. */
TVM_FFI_DLL void TVMFFIErrorSetRaised(TVMFFIObjectHandle error);

/*! \brief Convenience: makes an Error from C strings and raises it. */
TVM_FFI_DLL void TVMFFIErrorSetRaisedFromCStr(const char* kind, const char* message);

/*!
 * \brief Takes this thread's raised error (ownership moves to the caller).
 * `*out` is NULL when none is pending.
 */
TVM_FFI_DLL void TVMFFIErrorMoveFromRaised(TVMFFIObjectHandle* out);

/*!
 * \brief Makes a copy of `error` whose backtrace has `frame` appended; used
 * when an error crosses a language boundary and the crossing adds context.
 */
TVM_FFI_DLL int TVMFFIErrorAppendContext(TVMFFIObjectHandle error, const TVMFFIByteArray* frame,
                                         TVMFFIObjectHandle* out);

/* ------------------------------------------------------------------------- */
/* Containers                                                                */
/*                                                                           */
/* Element storage of containers is owned by the core library, so any        */
/* library may mutate a List or Dict made by another. Reads go straight to   */
/* the cells; writes go through these functions.                             */
/* ------------------------------------------------------------------------- */

/*!
 * \brief Makes an Array (type_index kTVMFFIArray) or List (kTVMFFIList)
 * holding copies (new references) of `items[0..n)`.
 */
TVM_FFI_DLL int TVMFFISeqCreate(int32_t type_index, const TVMFFIAny* items, int64_t n,
                                TVMFFIObjectHandle* out);

/*! \brief Replaces item `i` (0 <= i < size) with a copy of `value`. */
TVM_FFI_DLL int TVMFFISeqSetItem(TVMFFIObjectHandle seq, int64_t i, const TVMFFIAny* value);

/*! \brief Inserts copies of `items[0..n)` before position `i` (0 <= i <= size). */
TVM_FFI_DLL int TVMFFISeqInsert(TVMFFIObjectHandle seq, int64_t i, const TVMFFIAny* items,
                                int64_t n);

/*! \brief Removes items `[begin, end)`. */
TVM_FFI_DLL int TVMFFISeqErase(TVMFFIObjectHandle seq, int64_t begin, int64_t end);

/*! \brief Reverses the items in place. */
TVM_FFI_DLL int TVMFFISeqReverse(TVMFFIObjectHandle seq);

/*!
 * \brief Makes a Map (kTVMFFIMap) or Dict (kTVMFFIDict) from key/value pairs;
 * a repeated key keeps the last value, at the first key's position.
 */
TVM_FFI_DLL int TVMFFIMapCreate(int32_t type_index, const TVMFFIAny* keys, const TVMFFIAny* values,
                                int64_t n, TVMFFIObjectHandle* out);

/*!
 * \brief Finds `key`. On a hit writes a borrowed view of the value to
 * `*out_value` (when not NULL) and sets `*out_found` to 1.
 */
TVM_FFI_DLL int TVMFFIMapFind(TVMFFIObjectHandle map, const TVMFFIAny* key, TVMFFIAny* out_value,
                              int* out_found);

/*! \brief Inserts or replaces `key`. */
TVM_FFI_DLL int TVMFFIMapSetItem(TVMFFIObjectHandle map, const TVMFFIAny* key,
                                 const TVMFFIAny* value);

/*! \brief Removes `key`; `*out_found` says whether it was there. */
TVM_FFI_DLL int TVMFFIMapErase(TVMFFIObjectHandle map, const TVMFFIAny* key, int* out_found);

/*! \brief Removes every item. */
TVM_FFI_DLL int TVMFFIMapClear(TVMFFIObjectHandle map);

/*!
 * \brief Hash of a value as a map key, consistent with TVMFFIAnyKeyEqual.
 *
 * Python's key rule: numbers by value across kinds (1, 1.0 and True are one
 * key and hash alike; -0.0 is 0; every NaN is one key, since a 16-byte value
 * has no identity to tell NaNs apart), strings and bytes by content, Arrays
 * by structure (TVMFFIValueHash: one holding a List or Dict is unhashable,
 * TypeError), other objects by identity.
 *
 * Never fails: a key the maps refuse (an unhashable Array, or one whose hash
 * hook fails) hashes by identity here.
 */
TVM_FFI_DLL uint64_t TVMFFIAnyKeyHash(const TVMFFIAny* value);
/*!
 * \brief Key equality matching TVMFFIAnyKeyHash: 1 when one key, else 0
 * (also when comparing Arrays runs an eq hook that fails).
 */
TVM_FFI_DLL int TVMFFIAnyKeyEqual(const TVMFFIAny* lhs, const TVMFFIAny* rhs);

/* ------------------------------------------------------------------------- */
/* Misc                                                                      */
/* ------------------------------------------------------------------------- */

/*!
 * \brief Makes an opaque object wrapping a foreign handle. `release(handle)`
 * runs when the last reference goes (for Python it takes the GIL and drops
 * the reference); `type_name` is copied.
 */
TVM_FFI_DLL int TVMFFIOpaqueObjectCreate(void* handle, void (*release)(void* handle),
                                         const TVMFFIByteArray* type_name, TVMFFIObjectHandle* out);

/*!
 * \brief Counts an object coming to life. make_object and the core
 * library's own allocators call it; code that fills in an object header by
 * hand (with a deleter) must call it too, as TVMFFIObjectDestroy counts every
 * object going.
 */
TVM_FFI_DLL void TVMFFIObjectNoteCreated(void);

/*!
 * \brief Objects created and not yet destroyed, process-wide. Cheap to keep
 * (each thread counts in its own slot, summed here), so it is kept in every
 * build: a test checks that what it made is gone.
 */
TVM_FFI_DLL int64_t TVMFFIObjectLiveCount(void);

/*! \brief Called by TVMFFIObjectVisitOwnedLeaves; a nonzero result stops the walk. */
typedef int (*TVMFFIOwnedLeafVisitor)(TVMFFIObject* leaf, void* ctx);

/*!
 * \brief Calls `visit(leaf, ctx)` for each OpaquePyObject and Function that
 * `root` owns alone, and returns the first nonzero result (else 0).
 *
 * "Owns alone": reached from `root` through objects that each have exactly
 * one reference (their parent's; `root`'s own count must be 1), following
 * container items, an Error's payload and reflected fields stored inline
 * (kTVMFFIFieldStorageAny / Object; fields behind a getter are not read).
 * Such a subgraph is a tree, so the walk needs no visited set, and nothing
 * outside it can reach its leaves. A language binding's cycle collector uses
 * this to see the references to its own objects that a native subgraph
 * holds on behalf of one wrapper (Python's tp_traverse). Runs no user code
 * and takes no lock.
 *
 * Exact only while no thread can take a new reference into the subgraph
 * except through its owner: code that hands a borrowed pointer to another
 * thread (no reference taken) and lets the owner's language run meanwhile
 * breaks that. Out of memory for its stack, a walk reports what it saw so far.
 */
TVM_FFI_DLL int TVMFFIObjectVisitOwnedLeaves(TVMFFIObject* root, TVMFFIOwnedLeafVisitor visit,
                                             void* ctx);

/* ------------------------------------------------------------------------- */
/* Dataclass engines: repr, hash, ==, ordering, deep copy over object graphs */
/*                                                                           */
/* Iterative (explicit stacks), cycle and DAG aware, driven by the registry's */
/* reflection data; hooks (__ffi_repr__, __ffi_hash__, __ffi_eq__,            */
/* __ffi_compare__, __ffi_shallow_copy__) replace the default per type.       */
/* ------------------------------------------------------------------------- */

/*! \brief Writes the repr of `value` as an owned string value to `*out`. */
TVM_FFI_DLL int TVMFFIReprPrint(const TVMFFIAny* value, TVMFFIAny* out);
/*! \brief Structural hash, consistent with TVMFFIRecursiveEq. */
TVM_FFI_DLL int TVMFFIRecursiveHash(const TVMFFIAny* value, int64_t* out);
/*!
 * \brief Python's `hash()` of a value: TVMFFIRecursiveHash (the same hash),
 * except that a List or Dict anywhere in the graph raises
 * `TypeError: unhashable type: 'List'` (or 'Dict'), as Python refuses a
 * tuple holding a list: their contents, and so the hash, can change.
 */
TVM_FFI_DLL int TVMFFIValueHash(const TVMFFIAny* value, int64_t* out);
/*! \brief Structural equality: `*out` is 1 or 0. */
TVM_FFI_DLL int TVMFFIRecursiveEq(const TVMFFIAny* lhs, const TVMFFIAny* rhs, int32_t* out);
/*!
 * \brief Three-way structural comparison (-1, 0, 1), lexicographic over the
 * fields with compare on; TypeError for values that do not order.
 */
TVM_FFI_DLL int TVMFFIRecursiveCompare(const TVMFFIAny* lhs, const TVMFFIAny* rhs, int32_t* out);
/*! \brief A deep copy (owned) preserving sharing and cycles. */
TVM_FFI_DLL int TVMFFIDeepCopy(const TVMFFIAny* value, TVMFFIAny* out);

/*!
 * \brief The JSON graph text of `value` (an owned String in `*out`), in
 * apache-tvm-ffi's format, with `metadata` (a JSON-compatible value, or
 * None for none) under "metadata". TypeError naming the type and the path
 * from the root for a part that has no JSON form.
 */
TVM_FFI_DLL int TVMFFIToJSONGraphString(const TVMFFIAny* value, const TVMFFIAny* metadata,
                                        TVMFFIAny* out);
/*!
 * \brief The value the JSON graph `text` describes (owned, in `*out`).
 * Safe on untrusted text: ValueError naming the node and the fault.
 */
TVM_FFI_DLL int TVMFFIFromJSONGraphString(const TVMFFIByteArray* text, TVMFFIAny* out);
/*!
 * \brief Parses JSON text into ffi values (null, bool, int, float, str, an
 * Array for an array, a Map with str keys for an object).
 */
TVM_FFI_DLL int TVMFFIJSONParse(const TVMFFIByteArray* text, TVMFFIAny* out);
/*! \brief The JSON text (an owned String) of a JSON-compatible ffi value. */
TVM_FFI_DLL int TVMFFIJSONStringify(const TVMFFIAny* value, TVMFFIAny* out);

/* ------------------------------------------------------------------------- */
/* Sentinels                                                                 */
/* ------------------------------------------------------------------------- */

/*! \brief Which built-in sentinel (TVMFFIGetSentinel). */
typedef enum {
  /*! \brief "no value given" (repr `<MISSING>`). */
  kTVMFFISentinelMissing = 0,
  /*!
   * \brief Marks the start of keyword arguments in a packed call: the
   * positional arguments, then KWARGS, then name, value, name, value...
   */
  kTVMFFISentinelKwargs = 1
} TVMFFISentinelKind;

/*! \brief The sentinel object (borrowed; it lives for the whole process). */
TVM_FFI_DLL TVMFFIObject* TVMFFIGetSentinel(int32_t kind);

#ifdef __cplusplus
}  // extern "C"
#endif

// Dynamic types and enums: the rest of the ABI, in its own file.
#include <tvm/ffi/c_api_dynamic.h>

#endif  // TVM_FFI_C_API_H_
