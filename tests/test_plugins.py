# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Plugins: libraries compiled here, against the installed package (with the
flags ``python -m tvm_ffi.config`` prints), loaded with ``load_module``:
exported functions, registrations, an enum, and every refusal (a wrong ABI,
a throwing initialiser, a library that is not ours, a file that is none)."""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest

import tvm_ffi
from tvm_ffi import core
from tvm_ffi.dataclasses import Enum, auto

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "loads plugins, whose types and functions stay registered"

pytestmark = pytest.mark.skipif(shutil.which("g++") is None, reason="needs a C++ compiler")

#: One type and one function; @VALUE@ is what the function returns.
_HALF = r"""
    #include <tvm/ffi/tvm_ffi.h>
    namespace ffi = tvm::ffi;
    class HalfObj : public ffi::Object {
     public:
      int64_t n = 0;
      TVM_FFI_DECLARE_OBJECT_INFO_FINAL("plugin_test.Half", HalfObj, ffi::Object);
    };
    TVM_FFI_STATIC_INIT_BLOCK() {
      ffi::reflection::ObjectDef<HalfObj>().def_ro("n", &HalfObj::n);
      ffi::reflection::GlobalDef().def("plugin_test.half_made", []() { return @VALUE@; });
    }
"""
_THROWING_BLOCK = """
    TVM_FFI_STATIC_INIT_BLOCK() { TVM_FFI_THROW(ValueError) << "refusing to start"; }
"""

SOURCES = {
    "exports": r"""
        #include <tvm/ffi/tvm_ffi.h>
        namespace ffi = tvm::ffi;
        int64_t AddOne(int64_t x) { return x + 1; }
        ffi::String Greet(const ffi::String& who) { return ffi::String("hi " + std::string(who.c_str())); }
        TVM_FFI_DLL_EXPORT_TYPED_FUNC(add_one, AddOne);
        TVM_FFI_DLL_EXPORT_TYPED_FUNC(greet, Greet);
        // A safe call written by hand, not by the macro: it knows no query.
        extern "C" TVM_FFI_DLL_EXPORT int __tvm_ffi_raw_count(
            void*, const TVMFFIAny*, int32_t num_args, TVMFFIAny* result) {
          if (num_args < 0) {
            TVMFFIErrorSetRaisedFromCStr("ValueError", "bad argument count");
            return -1;
          }
          result->type_index = kTVMFFIInt;
          result->zero_padding = 0;
          result->v_int64 = num_args;
          return 0;
        }
        TVM_FFI_STATIC_INIT_BLOCK() {
          ffi::reflection::GlobalDef().def("plugin_test.twice", [](int64_t x) { return 2 * x; });
        }
    """,
    # An enum of the plugin's own, with a declared field and an attribute.
    "enum": r"""
        #include <tvm/ffi/tvm_ffi.h>
        namespace ffi = tvm::ffi;
        namespace refl = tvm::ffi::reflection;
        class DeviceKindObj : public ffi::EnumObj {
         public:
          bool has_memory = false;
          TVM_FFI_DECLARE_OBJECT_INFO_FINAL("plugin_test.DeviceKind", DeviceKindObj, ffi::EnumObj);
        };
        TVM_FFI_STATIC_INIT_BLOCK() {
          refl::ObjectDef<DeviceKindObj>(refl::init(false)).def_ro("has_memory", &DeviceKindObj::has_memory);
          refl::EnumDef<DeviceKindObj>("cpu").set_attr("lanes", int64_t{1});
          refl::EnumDef<DeviceKindObj>("gpu").set_attr("lanes", int64_t{32});
          refl::GlobalDef().def("plugin_test.device_kind", [](const ffi::String& name) {
            return ffi::EnumObj::Get<DeviceKindObj>(name);
          });
        }
    """,
    # Registers a type and a function, then a later initialiser throws: the
    # load must take both back; the fixed build then registers them afresh.
    "throws": _HALF.replace("@VALUE@", "1") + _THROWING_BLOCK,
    "throws_fixed": _HALF.replace("@VALUE@", "2"),
    # Built "against another ABI": its init block must not run.
    "wrong_abi": r"""
        #define TVM_FFI_VERSION_MAJOR 7
        #define TVM_FFI_VERSION_MINOR 2
        #include <tvm/ffi/tvm_ffi.h>
        TVM_FFI_STATIC_INIT_BLOCK() {
          tvm::ffi::reflection::GlobalDef().def("plugin_test.from_wrong_abi", []() { return 1; });
        }
    """,
    # Claims a key a C++ type of the core's testing library already has.
    "taken_key": r"""
        #include <tvm/ffi/tvm_ffi.h>
        namespace ffi = tvm::ffi;
        class ImpostorObj : public ffi::Object {
         public:
          int64_t a = 0;
          TVM_FFI_DECLARE_OBJECT_INFO_FINAL("testing.TestIntPair", ImpostorObj, ffi::Object);
        };
        TVM_FFI_STATIC_INIT_BLOCK() {
          ffi::reflection::GlobalDef().def("plugin_test.impostor_fn", []() { return 1; });
          ffi::reflection::ObjectDef<ImpostorObj>().def_ro("a", &ImpostorObj::a);
        }
    """,
    # Claims the name of a global function that exists.
    "taken_function": r"""
        #include <tvm/ffi/tvm_ffi.h>
        TVM_FFI_STATIC_INIT_BLOCK() {
          tvm::ffi::reflection::GlobalDef().def("plugin_test.twice", [](int64_t x) { return 3 * x; });
        }
    """,
    "not_ours": 'extern "C" int plain_c_function(void) { return 1; }\n',
}


def _flags() -> list[str]:
    out = subprocess.run(
        [sys.executable, "-m", "tvm_ffi.config", "--cxxflags", "--ldflags", "--libs"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.split()


@pytest.fixture(scope="module")
def plugins(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each source built into lib<name>.so, in parallel (two at a time)."""
    root = tmp_path_factory.mktemp("plugins")
    flags = _flags()
    jobs: list[tuple[str, subprocess.Popen[str]]] = []
    built: dict[str, Path] = {}
    for name, source in SOURCES.items():
        src = root / f"{name}.cc"
        src.write_text(source)
        lib = root / f"lib{name}.so"
        built[name] = lib
        jobs.append(
            (
                name,
                subprocess.Popen(
                    ["g++", "-shared", "-fPIC", "-O1", str(src), "-o", str(lib), *flags],
                    stderr=subprocess.PIPE,
                    text=True,
                ),
            )
        )
        if len(jobs) >= 2:
            _wait(jobs.pop(0))
    for job in jobs:
        _wait(job)
    return built


def _wait(job: tuple[str, subprocess.Popen[str]]) -> None:
    name, proc = job
    _, err = proc.communicate()
    assert proc.returncode == 0, f"building {name} failed:\n{err}"


def _include_dir() -> Path:
    out = subprocess.run(
        [sys.executable, "-m", "tvm_ffi.config", "--includedir"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return Path(out.strip())


def test_every_public_header_compiles_and_links_alone(tmp_path: Path) -> None:
    """One shared library per installed header, linked with --no-undefined:
    a header that declares what another defines fails here."""
    include = _include_dir()
    headers = sorted(p.relative_to(include).as_posix() for p in include.rglob("*.h"))
    assert "tvm/ffi/enum.h" in headers and "tvm/ffi/reflection/enum_def.h" in headers
    flags = _flags()
    failures: list[str] = []
    running: list[tuple[str, subprocess.Popen[str]]] = []

    def reap(job: tuple[str, subprocess.Popen[str]]) -> None:
        _, err = job[1].communicate()
        if job[1].returncode != 0:
            failures.append(f"{job[0]}:\n{err}")

    for i, header in enumerate(headers):
        src = tmp_path / f"h{i}.cc"
        src.write_text(f"#include <{header}>\nint header_{i}_compiles() {{ return {i}; }}\n")
        cmd = [
            "g++",
            "-shared",
            "-fPIC",
            "-O0",
            "-Wall",
            "-Werror",
            str(src),
            "-o",
            str(tmp_path / f"libh{i}.so"),
            "-Wl,--no-undefined",
            *flags,
        ]
        running.append((header, subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)))
        if len(running) >= 2:
            reap(running.pop(0))
    for job in running:
        reap(job)
    assert not failures, "\n".join(failures)


def test_exported_functions_and_registrations(plugins: dict[str, Path]) -> None:
    mod = tvm_ffi.load_module(plugins["exports"])
    assert isinstance(mod, tvm_ffi.Module) and mod.path == str(plugins["exports"].resolve())
    assert mod.add_one(41) == 42
    assert mod["greet"]("you") == "hi you"
    assert mod.get_function("add_one") is mod.add_one
    assert "greet" in mod and "nothing" not in mod
    assert tvm_ffi.get_global_func("plugin_test.twice")(21) == 42
    with pytest.raises(TypeError, match="add_one"):
        mod.add_one("x")
    # The module hands out the typed Function itself (one dispatch per call);
    # a hand-written symbol is wrapped as it is.
    assert mod.raw_count(1, 2, 3) == 3 and mod.raw_count() == 0


def test_header_paths_in_tracebacks_are_relative_to_the_include_dir(
    plugins: dict[str, Path],
) -> None:
    # --cxxflags maps the include folder away, as find_package(tvm_ffi) does.
    mod = tvm_ffi.load_module(plugins["exports"])
    kind, _, backtrace = tvm_ffi.get_global_func("testing.error_seen_by_cpp")(mod.add_one)
    assert kind == "TypeError"  # no argument: thrown by the header's argument check
    assert 'File "tvm/ffi/function.h", line ' in backtrace
    assert str(_include_dir()) not in backtrace


def test_loading_twice_gives_the_same_module(plugins: dict[str, Path]) -> None:
    assert tvm_ffi.load_module(plugins["exports"]) is tvm_ffi.load_module(str(plugins["exports"]))


def test_missing_exports_are_named(plugins: dict[str, Path]) -> None:
    mod = tvm_ffi.load_module(plugins["exports"])
    with pytest.raises(AttributeError, match="exports no function `nothing`"):
        mod.nothing
    with pytest.raises(KeyError, match="nothing"):
        mod["nothing"]
    assert mod.get_function("nothing", allow_missing=True) is None
    # A symbol of the core library, reachable through the plugin's dependencies,
    # is not the plugin's export.
    assert mod.get_function("TVMFFIGetVersion", allow_missing=True) is None


def test_a_plugin_enum_is_bound_from_python(plugins: dict[str, Path]) -> None:
    tvm_ffi.load_module(plugins["enum"])

    class DeviceKind(Enum, type_key="plugin_test.DeviceKind"):
        has_memory: bool
        cpu: ClassVar[DeviceKind]
        gpu: ClassVar[DeviceKind]
        tpu = auto()

    assert [k.name for k in DeviceKind] == ["cpu", "gpu", "tpu"]
    assert tvm_ffi.get_global_func("plugin_test.device_kind")("tpu") is DeviceKind.tpu
    assert DeviceKind.def_attr("lanes", default=0)[DeviceKind.gpu] == 32
    assert DeviceKind.cpu.has_memory is False


def test_a_library_of_another_abi_registers_nothing(plugins: dict[str, Path]) -> None:
    major, minor, _ = tvm_ffi.core.ABI_VERSION  # not hard-coded: it grows with the C ABI
    for _ in range(2):  # the retry fails the same way
        with pytest.raises(
            ImportError,
            match=rf"built against tvm_ffi ABI 7\.2, but this "
            rf"process has ABI {major}\.{minor}",
        ):
            tvm_ffi.load_module(plugins["wrong_abi"])
    assert tvm_ffi.get_global_func("plugin_test.from_wrong_abi", allow_missing=True) is None


def test_a_throwing_initialiser_is_an_import_error_and_is_undone(plugins: dict[str, Path]) -> None:
    with pytest.raises(ImportError, match="static initialiser .* failed: ValueError: refusing"):
        tvm_ffi.load_module(plugins["throws"])
    # What its first initialiser registered is gone...
    assert tvm_ffi.get_global_func("plugin_test.half_made", allow_missing=True) is None
    assert core._object_type_key_to_index("plugin_test.Half") is None
    # ...so a fixed build registers the same names afresh.
    tvm_ffi.load_module(plugins["throws_fixed"])
    assert tvm_ffi.get_global_func("plugin_test.half_made")() == 2
    made = tvm_ffi.get_global_func("ffi.MakeObjectFromPackedArgs")("plugin_test.Half", "n", 3)
    assert made.type_key == "plugin_test.Half" and made.n == 3


def test_keys_and_names_already_taken_are_refused(plugins: dict[str, Path]) -> None:
    import tvm_ffi.testing as T

    index = core._object_type_key_to_index("testing.TestIntPair")
    assert index is not None

    def state() -> tuple[object, ...]:
        info = tvm_ffi.type_info(index)
        attrs = [
            core._lookup_type_attr(index, name)
            for name in ("__ffi_new__", "__ffi_init__", "__ffi_layout__", "__ffi_shallow_copy__")
        ]
        return (
            tuple(f.name for f in info.fields),
            tuple(m.name for m in info.methods),
            tuple(a is None for a in attrs),
        )

    before = state()
    with pytest.raises(ImportError, match="TestIntPair"):
        tvm_ffi.load_module(plugins["taken_key"])
    assert state() == before  # what it added to the existing type is taken back
    assert tvm_ffi.get_global_func("plugin_test.impostor_fn", allow_missing=True) is None
    pair = T.TestIntPair(1, 2)  # the original type is untouched
    assert (pair.a, pair.b, pair.sum()) == (1, 2, 3)
    tvm_ffi.load_module(plugins["exports"])  # registers plugin_test.twice
    with pytest.raises(ImportError, match="plugin_test.twice.*already registered"):
        tvm_ffi.load_module(plugins["taken_function"])
    assert tvm_ffi.get_global_func("plugin_test.twice")(5) == 10  # the first one stays


def test_objects_outlive_their_module(plugins: dict[str, Path]) -> None:
    # There is no unloading: a library stays while anything it made may live.
    tvm_ffi.load_module(plugins["enum"])
    variant = tvm_ffi.get_global_func("plugin_test.device_kind")("gpu")
    greet = tvm_ffi.load_module(plugins["exports"]).greet
    gc.collect()
    assert variant.name == "gpu" and greet("again") == "hi again"


def test_a_library_not_built_against_us_is_refused(plugins: dict[str, Path]) -> None:
    with pytest.raises(ImportError, match="not a tvm_ffi library"):
        tvm_ffi.load_module(plugins["not_ours"])


def test_files_that_are_no_library(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no library at"):
        tvm_ffi.load_module(tmp_path / "absent.so")
    junk = tmp_path / "junk.so"
    junk.write_text("not an ELF file")
    with pytest.raises(OSError, match="dynamic loader refused"):
        tvm_ffi.load_module(junk)
    with pytest.raises(FileNotFoundError):
        tvm_ffi.load_module(tmp_path)  # a directory
