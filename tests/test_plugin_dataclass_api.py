# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""The dataclass reflection API used from a plugin: every ObjectDef trait
(defaults, factories, keyword-only, init(false) per field and per class, an
explicit typed constructor, repr/hash/compare flags, metadata), the engine
hooks of TypeAttrDef, inheritance of auto-init, the engines called from
C++, and a C++ enum with attributes; one library built with load_inline,
then bound and used from Python."""

from __future__ import annotations

import copy
import inspect
import shutil
from pathlib import Path
from typing import Any, ClassVar

import pytest

import tvm_ffi
from tvm_ffi import cpp
from tvm_ffi.dataclasses import Enum, c_class, fields

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "loads a plugin, whose types and functions stay registered"

pytestmark = pytest.mark.skipif(shutil.which("c++") is None, reason="needs a C++ compiler")

SOURCE = r"""
#include <tvm/ffi/extra/dataclass.h>

namespace ffi = tvm::ffi;
namespace refl = tvm::ffi::reflection;

// Auto-init from fields: two required ints, then a str with a default.
class SegmentObj : public ffi::Object {
 public:
  int64_t start = 0;
  int64_t stop = 0;
  ffi::String tag;
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("api_test.Segment", SegmentObj, ffi::Object);
};

// Every kind of init trait on one type.
class JobObj : public ffi::Object {
 public:
  int64_t workers = 0;
  double timeout = 0;
  ffi::String queue;
  ffi::Dict<ffi::String, int64_t> stats;
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("api_test.Job", JobObj, ffi::Object);
};

// No constructor from Python at all; C++ makes them.
class TokenObj : public ffi::Object {
 public:
  int64_t id = 0;
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("api_test.Token", TokenObj, ffi::Object);
};

// An explicit typed constructor instead of auto-init.
class SpanObj : public ffi::Object {
 public:
  int64_t lo, hi;
  SpanObj(int64_t lo, int64_t hi) : lo(lo), hi(hi) {}
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("api_test.Span", SpanObj, ffi::Object);
};

// Flags: `note` takes no part in repr, hash or comparison; metadata on `id`.
class RecordObj : public ffi::Object {
 public:
  int64_t id = 0;
  ffi::String note;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("api_test.Record", RecordObj, ffi::Object);
};

// Engine hooks: only `name` matters to repr, ==, hash and ordering.
class NamedObj : public ffi::Object {
 public:
  ffi::String name;
  int64_t version = 0;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("api_test.Named", NamedObj, ffi::Object);
};

// Auto-init over an inheritance chain.
class BaseCfgObj : public ffi::Object {
 public:
  int64_t base_needed = 0;
  int64_t base_optional = 0;
  static constexpr bool _type_mutable = true;
  static constexpr uint32_t _type_child_slots = 1;
  TVM_FFI_DECLARE_OBJECT_INFO("api_test.BaseCfg", BaseCfgObj, ffi::Object);
};

class DerivedCfgObj : public BaseCfgObj {
 public:
  int64_t derived_needed = 0;
  int64_t derived_kw = 0;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("api_test.DerivedCfg", DerivedCfgObj, BaseCfgObj);
};

// A C++ enum with a declared field and attributes.
class ModeObj : public ffi::EnumObj {
 public:
  bool lossless = false;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("api_test.Mode", ModeObj, ffi::EnumObj);
};

TVM_FFI_STATIC_INIT_BLOCK() {
  refl::ObjectDef<SegmentObj>()
      .def_rw("start", &SegmentObj::start)
      .def_rw("stop", &SegmentObj::stop)
      .def_rw("tag", &SegmentObj::tag, refl::default_(""));
  refl::ObjectDef<JobObj>()
      .def_rw("workers", &JobObj::workers)
      .def_rw("timeout", &JobObj::timeout, refl::default_(2.5))
      .def_rw("queue", &JobObj::queue, refl::kw_only(true), refl::default_("main"))
      .def_rw("stats", &JobObj::stats, refl::init(false),
              refl::default_factory([] { return ffi::Dict<ffi::String, int64_t>(); }));
  refl::ObjectDef<TokenObj>(refl::init(false)).def_rw("id", &TokenObj::id);
  refl::ObjectDef<SpanObj>()
      .def(refl::init<int64_t, int64_t>())
      .def_ro("lo", &SpanObj::lo)
      .def_ro("hi", &SpanObj::hi);
  refl::ObjectDef<RecordObj>()
      .def_ro("id", &RecordObj::id, refl::Metadata({{"unit", "count"}}))
      .def_ro("note", &RecordObj::note, refl::default_(""), refl::repr(false),
              refl::hash(false), refl::compare(false));
  refl::ObjectDef<NamedObj>()
      .def_ro("name", &NamedObj::name)
      .def_ro("version", &NamedObj::version, refl::default_(int64_t{1}));
  refl::TypeAttrDef<NamedObj>()
      .def(refl::type_attr::kRepr,
           [](const ffi::Object* self, const ffi::Function& fn_repr) -> ffi::String {
             auto* obj = static_cast<const NamedObj*>(self);
             return "Named<" + std::string(fn_repr(ffi::AnyView(obj->name)).cast<ffi::String>()) + ">";
           })
      .def(refl::type_attr::kEq,
           [](const ffi::Object* lhs, const ffi::Object* rhs, const ffi::Function& fn_eq) -> bool {
             return fn_eq(ffi::AnyView(static_cast<const NamedObj*>(lhs)->name),
                          ffi::AnyView(static_cast<const NamedObj*>(rhs)->name)).cast<bool>();
           })
      .def(refl::type_attr::kHash,
           [](const ffi::Object* self, const ffi::Function& fn_hash) -> int64_t {
             return fn_hash(ffi::AnyView(static_cast<const NamedObj*>(self)->name)).cast<int64_t>();
           })
      .def(refl::type_attr::kCompare,
           [](const ffi::Object* lhs, const ffi::Object* rhs, const ffi::Function& fn_cmp) -> int32_t {
             return fn_cmp(ffi::AnyView(static_cast<const NamedObj*>(lhs)->name),
                           ffi::AnyView(static_cast<const NamedObj*>(rhs)->name)).cast<int32_t>();
           });
  refl::ObjectDef<BaseCfgObj>()
      .def_rw("base_needed", &BaseCfgObj::base_needed)
      .def_rw("base_optional", &BaseCfgObj::base_optional, refl::default_(int64_t{7}));
  refl::ObjectDef<DerivedCfgObj>()
      .def_rw("derived_needed", &DerivedCfgObj::derived_needed)
      .def_rw("derived_kw", &DerivedCfgObj::derived_kw, refl::kw_only(true));
  refl::ObjectDef<ModeObj>(refl::init(false)).def_ro("lossless", &ModeObj::lossless);
  refl::EnumDef<ModeObj>("raw").set_attr("ratio", 1.0);
  refl::EnumDef<ModeObj>("packed").set_attr("ratio", 0.5);
  refl::GlobalDef()
      .def("api_test.make_token", [](int64_t id) {
        auto obj = ffi::make_object<TokenObj>();
        obj->id = id;
        return ffi::ObjectRef(obj);
      })
      .def("api_test.engines", [](ffi::AnyView a, ffi::AnyView b) {
        return ffi::Array<ffi::Any>{ffi::ReprPrint(a), ffi::RecursiveEq(a, b),
                                    ffi::RecursiveHash(a) == ffi::RecursiveHash(b),
                                    ffi::RecursiveLt(a, b), ffi::DeepCopy(a)};
      });
}
"""


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> tvm_ffi.Module:
    return cpp.load_inline(
        "api_test", cpp_sources=SOURCE, build_directory=str(tmp_path_factory.mktemp("api"))
    )


def test_auto_init_with_defaults_and_registration(api: tvm_ffi.Module) -> None:
    @tvm_ffi.register_object("api_test.Segment")
    class Segment(tvm_ffi.Object):
        start: int
        stop: int
        tag: str

    assert str(inspect.signature(Segment)) == "(start, stop, tag='')"
    s = Segment(1, 4)
    assert (s.start, s.stop, s.tag) == (1, 4, "")
    assert Segment(1, 4, tag="x").tag == "x"
    s.stop = 9
    assert repr(s) == 'api_test.Segment(start=1, stop=9, tag="")'
    with pytest.raises(TypeError, match="stop"):
        Segment(1)


def test_every_init_trait(api: tvm_ffi.Module) -> None:
    @c_class("api_test.Job")
    class Job(tvm_ffi.Object):
        workers: int
        timeout: float
        queue: str
        stats: tvm_ffi.Dict[str, int]

    assert str(inspect.signature(Job)) == "(workers, timeout=2.5, *, queue='main')"
    a, b = Job(2), Job(3, queue="side")
    assert (a.timeout, a.queue, b.queue) == (2.5, "main", "side")
    a.stats["runs"] = 1
    assert len(b.stats) == 0  # a fresh Dict per object from the factory
    with pytest.raises(TypeError):
        Job(1, 2.0, "positional-queue")  # type: ignore[misc]


def test_no_init_and_explicit_init(api: tvm_ffi.Module) -> None:
    @c_class("api_test.Token")
    class Token(tvm_ffi.Object):
        id: int

    @c_class("api_test.Span")
    class Span(tvm_ffi.Object):
        lo: int
        hi: int

    with pytest.raises(TypeError, match="Token"):
        Token(1)  # type: ignore[call-arg]
    token = tvm_ffi.get_global_func("api_test.make_token")(5)
    assert type(token) is Token and token.id == 5
    span = Span(3, 8)  # type: ignore[call-arg]
    assert (span.lo, span.hi) == (3, 8)
    with pytest.raises(TypeError):
        Span(3)  # type: ignore[call-arg]
    with pytest.raises(AttributeError):
        span.lo = 1  # def_ro


def test_field_flags_and_metadata(api: tvm_ffi.Module) -> None:
    @c_class("api_test.Record", eq=True, unsafe_hash=True)
    class Record(tvm_ffi.Object):
        id: int
        note: str

    one, other = Record(1, note="a"), Record(1, note="b")
    assert repr(one) == "api_test.Record(id=1)"  # note: repr(false)
    assert one == other and hash(one) == hash(other)  # note: compare/hash(false)
    assert one != Record(2)
    by_name = {f.name: f for f in fields(Record)}
    assert dict(by_name["id"].metadata) == {"unit": "count"}


def test_engine_hooks_from_type_attrs(api: tvm_ffi.Module) -> None:
    @c_class("api_test.Named", eq=True, order=True, frozen=True)
    class Named(tvm_ffi.Object):
        name: str
        version: int

    a, b = Named("alpha", version=1), Named("alpha", version=2)
    assert repr(a) == 'Named<"alpha">' and repr(tvm_ffi.List([a])) == '[Named<"alpha">]'
    assert a == b and hash(a) == hash(b)
    assert a < Named("beta") and not b < a
    # The same engines, called from C++.
    text, equal, same_hash, less, copied = tvm_ffi.get_global_func("api_test.engines")(a, b)
    assert (text, equal, same_hash, less) == ('Named<"alpha">', True, True, False)
    assert copied == a and not copied.same_as(a)
    assert copy.deepcopy(a) == a


def test_auto_init_over_inheritance(api: tvm_ffi.Module) -> None:
    @c_class("api_test.BaseCfg")
    class BaseCfg(tvm_ffi.Object):
        base_needed: int
        base_optional: int

    @c_class("api_test.DerivedCfg")
    class DerivedCfg(BaseCfg):
        derived_needed: int
        derived_kw: int

    assert (
        str(inspect.signature(DerivedCfg))
        == "(base_needed, derived_needed, base_optional=7, *, derived_kw)"
    )
    d = DerivedCfg(1, 2, derived_kw=3)
    assert (d.base_needed, d.derived_needed, d.base_optional, d.derived_kw) == (1, 2, 7, 3)
    assert isinstance(d, BaseCfg)
    with pytest.raises(TypeError, match="derived_kw"):
        DerivedCfg(1, 2)


def test_a_cpp_enum_with_attributes(api: tvm_ffi.Module) -> None:
    class Mode(Enum, type_key="api_test.Mode"):
        lossless: bool
        raw: ClassVar[Mode]
        packed: ClassVar[Mode]

    assert [m.name for m in Mode] == ["raw", "packed"] and Mode.packed.value == 1
    ratio: Any = Mode.def_attr("ratio", default=0.0)
    assert ratio[Mode.packed] == 0.5 and ratio[Mode.raw] == 1.0
    assert repr(Mode.raw) == "api_test.Mode.raw"
    assert Mode.get("packed") is Mode.packed


def test_the_library_is_named_after_the_module(api: tvm_ffi.Module) -> None:
    assert Path(api.path).name == "libapi_test.so"  # caching itself: tests/test_inline.py
