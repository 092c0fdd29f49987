# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The JSON graph API from C++ (tvm/ffi/extra/serialization.h), in a plugin
built with load_inline: a graph of the plugin's own type written and loaded
entirely in C++, the JSON-value forms, and the C++ error of a bad text."""

from __future__ import annotations

import json
import shutil

import pytest

import tvm_ffi
from tvm_ffi import cpp
from tvm_ffi.serialization import from_json_graph_str, to_json_graph_str

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "loads a plugin, whose types and functions stay registered"

pytestmark = pytest.mark.skipif(shutil.which("c++") is None, reason="needs a C++ compiler")

SOURCE = r"""
#include <tvm/ffi/extra/serialization.h>

namespace ffi = tvm::ffi;
namespace refl = tvm::ffi::reflection;

class BoxObj : public ffi::Object {
 public:
  int64_t v = 0;
  double w = 0;
  ffi::String label;
  ffi::Any next;
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("ser_cpp.Box", BoxObj, ffi::Object);
};

TVM_FFI_STATIC_INIT_BLOCK() {
  refl::ObjectDef<BoxObj>()
      .def_rw("v", &BoxObj::v)
      .def_rw("w", &BoxObj::w)
      .def_rw("label", &BoxObj::label)
      .def_rw("next", &BoxObj::next, refl::default_(ffi::Any()));
  refl::GlobalDef()
      // Builds a shared, cyclic graph, writes it and loads it back, all in C++.
      .def("ser_cpp.round_trip_in_cpp", []() -> ffi::Any {
        auto a = ffi::make_object<BoxObj>();
        auto b = ffi::make_object<BoxObj>();
        a->v = 1;
        a->w = -0.0;
        a->label = "a";
        b->v = 2;
        b->label = "b";
        a->next = ffi::ObjectRef(b);
        b->next = ffi::List<ffi::Any>({ffi::ObjectRef(a), ffi::ObjectRef(b)});
        ffi::Map<ffi::String, ffi::Any> meta({{"by", "cpp"}});
        ffi::String text = ffi::ToJSONGraphString(ffi::ObjectRef(a), meta);
        ffi::Any back = ffi::FromJSONGraphString(text.view());
        b->next = nullptr;  // break the cycle of the original
        return ffi::List<ffi::Any>({text, back});
      })
      .def("ser_cpp.to_graph", [](ffi::AnyView v) { return ffi::ToJSONGraph(v); })
      .def("ser_cpp.from_graph", [](ffi::AnyView g) { return ffi::FromJSONGraph(g); })
      // Bytes, so a test can hand the reader text that is not UTF-8.
      .def("ser_cpp.load_error", [](ffi::Bytes text) -> ffi::String {
        try {
          ffi::FromJSONGraphString(text.view());
        } catch (const ffi::Error& err) {
          return err.kind() + ": " + err.message();
        }
        return "no error";
      });
}
"""


@pytest.fixture(scope="module")
def plugin(tmp_path_factory: pytest.TempPathFactory) -> tvm_ffi.Module:
    return cpp.load_inline(
        "ser_cpp", cpp_sources=SOURCE, build_directory=str(tmp_path_factory.mktemp("ser"))
    )


def test_a_cyclic_graph_round_trips_in_cpp(plugin: tvm_ffi.Module) -> None:
    text, back = tvm_ffi.get_global_func("ser_cpp.round_trip_in_cpp")()
    doc = json.loads(text)
    assert doc["metadata"] == {"by": "cpp"}
    assert doc["nodes"][doc["root_index"]]["type"] == "ser_cpp.Box"
    assert (back.v, back.label, back.next.v, back.next.label) == (1, "a", 2, "b")
    assert back.next.next[0].same_as(back) and back.next.next[1].same_as(back.next)
    back.next.next = None  # break the loaded cycle


def test_python_loads_what_cpp_wrote(plugin: tvm_ffi.Module) -> None:
    text, back = tvm_ffi.get_global_func("ser_cpp.round_trip_in_cpp")()
    again = from_json_graph_str(text)
    assert to_json_graph_str(again, {"by": "cpp"}) == text
    for obj in (back, again):
        obj.next.next = None


def test_json_value_forms(plugin: tvm_ffi.Module) -> None:
    graph = tvm_ffi.get_global_func("ser_cpp.to_graph")(tvm_ffi.List([1, "x", None]))
    assert isinstance(graph, tvm_ffi.Map) and graph["root_index"] == 3
    assert [n["type"] for n in graph["nodes"]] == ["int", "ffi.String", "None", "ffi.List"]
    assert list(tvm_ffi.get_global_func("ser_cpp.from_graph")(graph)) == [1, "x", None]


def test_a_bad_text_is_a_value_error_in_cpp(plugin: tvm_ffi.Module) -> None:
    load_error = tvm_ffi.get_global_func("ser_cpp.load_error")
    message = load_error(b'{"root_index":0,"nodes":[]}')
    assert message == "ValueError: invalid JSON graph: `root_index` 0 is not a node (there are 0)"


@pytest.mark.parametrize(
    "text",
    [b'"\xff"', b'"\xc0\xaf"', b'"\xed\xa0\x80"', b'"\xf4\x90\x80\x80"', b'"\xe2\x82"'],
    ids=["invalid-byte", "overlong", "surrogate", "past-max", "truncated"],
)
def test_text_that_is_not_utf8_is_refused(plugin: tvm_ffi.Module, text: bytes) -> None:
    message = tvm_ffi.get_global_func("ser_cpp.load_error")(text)
    assert message == "ValueError: invalid JSON at line 1, column 2: invalid UTF-8 in a string"


def test_valid_multibyte_utf8_is_kept(plugin: tvm_ffi.Module) -> None:
    text = '{"root_index":0,"nodes":[{"type":"ffi.String","data":"\u00e9\u20ac\U0001f600"}]}'
    assert tvm_ffi.get_global_func("ser_cpp.load_error")(text.encode()) == "no error"
