/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file engines.cc
 * \brief Python entry points of the dataclass engines, and the hooks that
 *        let the engines handle Python objects held opaquely.
 *
 * Each entry point converts its arguments once and makes one call into the
 * core library for the whole graph.
 */
#include <nanobind/nanobind.h>

#include "module.h"
#include "nb_helpers.h"

namespace nb = nanobind;

namespace tvm_ffi_py {
namespace {

/*! \brief A borrowed view of a Python value for the duration of a call. */
struct View {
  TempRefs temps;
  TVMFFIAny value;
  explicit View(nb::handle h) {
    if (!PyToAnyView(h.ptr(), &value, &temps)) throw nb::python_error();
  }
};

/*!
 * \brief Registers Python's repr/==/hash as the engine hooks of opaque Python
 * objects, so a Python value inside a native graph prints, compares and
 * hashes as it does in Python.
 */
void RegisterOpaqueHooks() {
  nb::module_ builtins = nb::module_::import_("builtins");
  // The trailing recursion callback is unused (Python recurses itself) and
  // arrives as None.
  nb::object repr_fn = nb::cpp_function(
      [](nb::handle obj, nb::handle) {
        PyObject* r = PyObject_Repr(obj.ptr());
        if (r == nullptr) throw nb::python_error();
        return nb::steal<nb::str>(r);
      },
      nb::arg("obj").none(), nb::arg("fn_repr").none());
  nb::object eq_fn = nb::cpp_function(
      [](nb::handle a, nb::handle b, nb::handle) {
        int r = PyObject_RichCompareBool(a.ptr(), b.ptr(), Py_EQ);
        if (r < 0) throw nb::python_error();
        return r == 1;
      },
      nb::arg("lhs").none(), nb::arg("rhs").none(), nb::arg("fn_eq").none());
  nb::object hash_fn = nb::cpp_function(
      [](nb::handle obj, nb::handle) {
        Py_hash_t h = PyObject_Hash(obj.ptr());
        if (h == -1 && PyErr_Occurred()) throw nb::python_error();
        return static_cast<int64_t>(h);
      },
      nb::arg("obj").none(), nb::arg("fn_hash").none());
  const std::pair<const char*, nb::object*> hooks[] = {
      {"__ffi_repr__", &repr_fn}, {"__ffi_eq__", &eq_fn}, {"__ffi_hash__", &hash_fn}};
  for (const auto& [name, fn] : hooks) {
    TVMFFIByteArray n{name, std::strlen(name)};
    const TVMFFITypeAttrColumn* column = TVMFFIGetTypeAttrColumn(&n);
    if (column != nullptr && column->size > kTVMFFIOpaquePyObject &&
        column->data[kTVMFFIOpaquePyObject].type_index != kTVMFFINone) {
      continue;  // registered by an earlier import of the module
    }
    TVMFFIObject* f = FunctionFromPyCallable(fn->ptr());
    if (f == nullptr) throw nb::python_error();
    TVMFFIAny value;
    value.type_index = kTVMFFIFunction;
    value.zero_padding = 0;
    value.v_obj = f;
    int rc = TVMFFITypeRegisterAttr(kTVMFFIOpaquePyObject, &n, &value);
    TVMFFIObjectDecRef(f);
    ThrowIfFailed(rc);
  }
  (void)builtins;
}

/*! \brief Object views of two wrappers for the engines. */
bool BothObjects(PyObject* a, PyObject* b, TVMFFIAny* x, TVMFFIAny* y) {
  if (!IsObjectWrapper(b)) return false;
  TVMFFIObject* ha = reinterpret_cast<PyFFIObject*>(a)->handle;
  TVMFFIObject* hb = reinterpret_cast<PyFFIObject*>(b)->handle;
  if (ha == nullptr || hb == nullptr) return false;
  *x = TVMFFIAny{ha->type_index, {0}, {0}};
  x->v_obj = ha;
  *y = TVMFFIAny{hb->type_index, {0}, {0}};
  y->v_obj = hb;
  return true;
}

PyObject* RichCompare(PyObject* self, PyObject* other, int op, bool order) {
  TVMFFIAny x, y;
  if (!BothObjects(self, other, &x, &y)) Py_RETURN_NOTIMPLEMENTED;
  if (op == Py_EQ || op == Py_NE) {
    int32_t eq = 0;
    if (TVMFFIRecursiveEq(&x, &y, &eq) != 0) return RaisePythonFromFFIError();
    return PyBool_FromLong((op == Py_EQ) == (eq != 0));
  }
  if (!order) Py_RETURN_NOTIMPLEMENTED;
  int32_t c = 0;
  if (TVMFFIRecursiveCompare(&x, &y, &c) != 0) return RaisePythonFromFFIError();
  switch (op) {
    case Py_LT:
      return PyBool_FromLong(c < 0);
    case Py_LE:
      return PyBool_FromLong(c <= 0);
    case Py_GT:
      return PyBool_FromLong(c > 0);
    default:
      return PyBool_FromLong(c >= 0);
  }
}

PyObject* RichCompareEq(PyObject* self, PyObject* other, int op) {
  return RichCompare(self, other, op, false);
}
PyObject* RichCompareOrder(PyObject* self, PyObject* other, int op) {
  return RichCompare(self, other, op, true);
}

Py_hash_t EngineHash(PyObject* self) {
  TVMFFIObject* h = HandleOf(self);
  if (h == nullptr) return -1;
  TVMFFIAny v = TVMFFIAny{h->type_index, {0}, {0}};
  v.v_obj = h;
  int64_t out = 0;
  // Python's rule: a List or Dict inside makes the value unhashable.
  if (TVMFFIValueHash(&v, &out) != 0) {
    RaisePythonFromFFIError();
    return -1;
  }
  return out == -1 ? -2 : static_cast<Py_hash_t>(out);
}

}  // namespace

PyObject* ReprViaEngine(PyObject* obj) {
  TempRefs temps;
  TVMFFIAny view, out;
  if (!PyToAnyView(obj, &view, &temps)) return nullptr;
  if (TVMFFIReprPrint(&view, &out) != 0) return RaisePythonFromFFIError();
  return AnyOwnedToPy(out);
}

void BindEngines(nb::module_& m) {
  RegisterOpaqueHooks();
  m.def(
      "_set_engine_slots",
      [](nb::handle cls, bool eq, bool order, bool hash) {
        // The dunders stay in the class dict; the C slots skip their Python
        // frames. Assigning __eq__/__hash__ later resets the slots as usual.
        PyTypeObject* tp = RequireObjectSubclass(cls);
        if (eq) tp->tp_richcompare = order ? RichCompareOrder : RichCompareEq;
        if (hash) tp->tp_hash = EngineHash;
        PyType_Modified(tp);
      },
      nb::arg("cls"), nb::arg("eq"), nb::arg("order"), nb::arg("hash"),
      nb::sig(
          "def _set_engine_slots(cls: type[Object], eq: bool, order: bool, hash: bool) -> None"),
      "Points the class's comparison and hash slots straight at the native engines.");
  m.def(
      "_repr",
      [](nb::handle value) {
        PyObject* r = ReprViaEngine(value.ptr());
        if (r == nullptr) throw nb::python_error();
        return nb::steal<nb::str>(r);
      },
      nb::arg("value").none(), "ReprPrint of a value (one native call for the whole graph).");
  m.def(
      "_eq",
      [](nb::handle a, nb::handle b) {
        View x(a), y(b);
        int32_t out = 0;
        ThrowIfFailed(TVMFFIRecursiveEq(&x.value, &y.value, &out));
        return out != 0;
      },
      nb::arg("lhs").none(), nb::arg("rhs").none(), "Structural equality (RecursiveEq).");
  m.def(
      "_hash",
      [](nb::handle value) {
        View v(value);
        int64_t out = 0;
        ThrowIfFailed(TVMFFIValueHash(&v.value, &out));
        // Python reserves -1 for errors in hash slots.
        return out == -1 ? int64_t{-2} : out;
      },
      nb::arg("value").none(),
      "hash() of a value: structural, consistent with _eq; TypeError for a List or Dict inside.");
  m.def(
      "_compare",
      [](nb::handle a, nb::handle b) {
        View x(a), y(b);
        int32_t out = 0;
        ThrowIfFailed(TVMFFIRecursiveCompare(&x.value, &y.value, &out));
        return out;
      },
      nb::arg("lhs").none(), nb::arg("rhs").none(), "Three-way structural comparison: -1, 0 or 1.");
  m.def(
      "_deepcopy",
      [](nb::handle value) {
        View v(value);
        TVMFFIAny out;
        ThrowIfFailed(TVMFFIDeepCopy(&v.value, &out));
        PyObject* r = AnyOwnedToPy(out);
        if (r == nullptr) throw nb::python_error();
        return nb::steal(r);
      },
      nb::arg("value").none(), nb::sig("def _deepcopy(value: typing.Any) -> typing.Any"),
      "A deep copy preserving sharing and cycles (one native call).");
}

}  // namespace tvm_ffi_py
