# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""tvm_ffi.cpp.load_inline / build_inline: C++ source text compiled against
the installed headers, cached by content, loaded as a Module; and what it
refuses (bad names, broken source, a cache folder it cannot write)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import tvm_ffi
from tvm_ffi import config, cpp

#: Why this module may leave native objects alive (conftest.live_objects_balance).
KEEPS_NATIVE_OBJECTS = "loads inline modules, whose functions stay registered"

pytestmark = pytest.mark.skipif(shutil.which("c++") is None, reason="needs a C++ compiler")

SOURCE = r"""
int64_t scale(int64_t x, double by) { return static_cast<int64_t>(x * by); }
tvm::ffi::String shout(const tvm::ffi::String& s) { return tvm::ffi::String(std::string(s) + "!"); }
TVM_FFI_STATIC_INIT_BLOCK() {
  tvm::ffi::reflection::GlobalDef().def("inline_test.negate", [](int64_t x) { return -x; });
}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[tvm_ffi.Module, Path]:
    cache = tmp_path_factory.mktemp("inline-cache")
    mod = cpp.load_inline(
        "inline_test",
        cpp_sources=SOURCE,
        functions={"scale": 'Scales x.\nBy a "factor".', "shout": ""},
        build_directory=str(cache),
    )
    return mod, cache


def test_exported_functions_are_callable_and_checked(built: tuple[tvm_ffi.Module, Path]) -> None:
    mod, _ = built
    assert mod.scale(4, 2.5) == 10 and mod["shout"]("hey") == "hey!"
    assert mod.get_function_doc("scale") == 'Scales x.\nBy a "factor".'
    assert mod.get_function_doc("shout") is None  # an empty docstring exports none
    # A docstring is data: no function name reaches it.
    assert "_doc_scale" not in mod and "doc_scale" not in mod
    with pytest.raises(TypeError):
        mod.scale("four", 2.0)
    with pytest.raises(AttributeError, match="exports no function `missing`"):
        mod.missing
    assert tvm_ffi.get_global_func("inline_test.negate")(3) == -3  # its init block ran


def test_same_input_reuses_the_build_and_the_module(built: tuple[tvm_ffi.Module, Path]) -> None:
    mod, cache = built
    again = cpp.load_inline(
        "inline_test",
        cpp_sources=SOURCE,
        functions={"scale": 'Scales x.\nBy a "factor".', "shout": ""},
        build_directory=str(cache),
    )
    assert again is mod
    (folder,) = [p for p in cache.iterdir() if p.name.startswith("inline_test_")]
    library = folder / "libinline_test.so"
    assert mod.path == str(library.resolve())
    stamp = library.stat().st_mtime_ns
    # A new process finds the library and compiles nothing (it is not rewritten).
    script = textwrap.dedent(f"""
        import tvm_ffi.cpp as cpp
        path = cpp.build_inline("inline_test", cpp_sources={SOURCE!r},
                                functions={{"scale": "Scales x.\\nBy a \\"factor\\".", "shout": ""}},
                                build_directory={str(cache)!r})
        print(path)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(library)
    assert library.stat().st_mtime_ns == stamp
    changed = cpp.build_inline(
        "inline_test", cpp_sources=SOURCE, functions="scale", build_directory=str(cache)
    )
    assert Path(changed).parent != folder  # other exports, another build


def test_functions_as_one_name_or_a_sequence(tmp_path: Path) -> None:
    source = "int64_t one() { return 1; }\nint64_t two() { return 2; }\n"
    mod = cpp.load_inline(
        "inline_names",
        cpp_sources=[source],
        functions=["one", "two"],
        build_directory=str(tmp_path),
    )
    assert (mod.one(), mod.two()) == (1, 2)
    single = cpp.load_inline(
        "inline_name",
        cpp_sources=source,
        functions="two",
        extra_cflags=["-DUNUSED_FLAG=1"],
        build_directory=str(tmp_path),
    )
    assert single.two() == 2 and "one" not in single


def test_cache_folder_from_the_environment(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import tvm_ffi.cpp as cpp
        mod = cpp.load_inline("inline_env", cpp_sources="int64_t seven() { return 7; }",
                              functions="seven")
        print(mod.seven(), mod.path)
    """)
    env = {**os.environ, "TVM_FFI_CACHE_DIR": str(tmp_path / "env-cache")}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    value, path = out.stdout.split()
    assert value == "7" and path.startswith(str((tmp_path / "env-cache").resolve()))


def test_concurrent_builds_of_one_module_agree(tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import tvm_ffi.cpp as cpp
        mod = cpp.load_inline("inline_race", cpp_sources="int64_t nine() {{ return 9; }}",
                              functions="nine", build_directory={str(tmp_path)!r})
        print(mod.nine(), mod.path)
    """)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [p.communicate() for p in procs]
    assert all(p.returncode == 0 for p in procs), results
    outputs = {out for out, _ in results}
    assert len(outputs) == 1 and outputs.pop().startswith("9 ")
    (folder,) = tmp_path.iterdir()
    assert sorted(p.name for p in folder.iterdir()) == [
        ".lock",
        "inline_race.cc",
        "libinline_race.so",
    ]


def test_native_tracebacks_name_the_source_and_headers_not_their_folders(tmp_path: Path) -> None:
    source = textwrap.dedent("""
        void fails() { TVM_FFI_THROW(ValueError) << "inline failure"; }
        int64_t twice(int64_t x) { return 2 * x; }
    """)
    mod = cpp.load_inline(
        "inline_paths",
        cpp_sources=source,
        functions=["fails", "twice"],
        build_directory=str(tmp_path),
    )
    seen_by_cpp = tvm_ffi.get_global_func("testing.error_seen_by_cpp")
    # Thrown in the inline source: named by the module, not the cache folder.
    kind, message, in_source = seen_by_cpp(mod.fails)
    assert (kind, message) == ("ValueError", "inline failure")
    assert re.search(r'File "inline_paths\.cc", line \d+, in ', in_source), in_source
    # Thrown in a header compiled into it (the argument count check).
    kind, _, in_header = seen_by_cpp(mod.twice)
    assert kind == "TypeError"
    assert re.search(r'File "tvm/ffi/function\.h", line \d+, in ', in_header), in_header
    for folder in (tmp_path, tmp_path.resolve(), config.get_include_dir()):
        assert str(folder) not in in_source + in_header


def test_compiler_errors_carry_the_compilers_message(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="compiling inline_broken.cc failed") as info:
        cpp.load_inline(
            "inline_broken",
            cpp_sources="int64_t f() { return undeclared_thing; }",
            functions="f",
            build_directory=str(tmp_path),
        )
    assert "undeclared_thing" in str(info.value)
    (folder,) = tmp_path.iterdir()
    assert not list(folder.glob("*.so")) and not list(folder.glob(".lib*"))  # nothing half-built


def test_bad_arguments_are_refused_before_building(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="module name `not a name` is not a C\\+\\+ identifier"):
        cpp.build_inline("not a name", cpp_sources="", build_directory=str(tmp_path))
    with pytest.raises(ValueError, match="has no cpp_sources"):
        cpp.build_inline("empty", build_directory=str(tmp_path))
    with pytest.raises(ValueError, match="`bad-name` is not a C\\+\\+ identifier"):
        cpp.build_inline(
            "x", cpp_sources="int f();", functions=["bad-name"], build_directory=str(tmp_path)
        )
    with pytest.raises(TypeError, match="docstring of `f` must be a str"):
        cpp.build_inline(
            "x",
            cpp_sources="int f();",
            functions={"f": 3},  # type: ignore[dict-item]
            build_directory=str(tmp_path),
        )
    with pytest.raises(TypeError, match="cpp_sources: expected str items, got int"):
        cpp.build_inline("x", cpp_sources=[1], build_directory=str(tmp_path))  # type: ignore[list-item]
    assert list(tmp_path.iterdir()) == []


def test_a_cache_folder_that_cannot_be_written(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError, match="cannot build in .*a-file"):
        cpp.build_inline(
            "inline_ro", cpp_sources="int f() { return 1; }", build_directory=str(blocker / "cache")
        )
    if os.geteuid() != 0:  # root writes through permission bits
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(PermissionError, match="cannot build in"):
            cpp.build_inline(
                "inline_ro", cpp_sources="int f() { return 1; }", build_directory=str(locked)
            )


def test_cxx_names_the_compiler_and_may_carry_a_launcher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CXX", "env c++")  # `env` stands in for a launcher such as ccache
    mod = cpp.load_inline(
        "inline_launcher",
        cpp_sources="int64_t five() { return 5; }",
        functions="five",
        build_directory=str(tmp_path),
    )
    assert mod.five() == 5
    monkeypatch.setenv("CXX", "no-such-compiler-here")
    with pytest.raises(RuntimeError, match="compiler named by CXX .* is not found"):
        cpp.build_inline("inline_launcher", cpp_sources="int f();", build_directory=str(tmp_path))
