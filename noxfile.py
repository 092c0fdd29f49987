# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Developer and CI sessions.

    nox -s tests        pytest (Python suites and the C++ API tests) on every
                        supported Python (tests-3.10 ... tests-3.13 each alone)
    nox -s stubs        regenerate the stub of tvm_ffi.core and fail if it differs
                        from the committed one (``-- --update`` rewrites it)
    nox -s typecheck    mypy --strict, pyright and basedpyright on the package and
                        tests/typecheck; basedpyright --verifytypes must be 100%
    nox -s bench        benchmarks, beside the reference package apache-tvm-ffi,
                        on every supported Python (bench-3.12 etc. for one)
    nox -s sanitize     the C++ API tests without Python (LeakSanitizer on),
                        then the test suite, on a build with AddressSanitizer
                        and UndefinedBehaviorSanitizer, on the newest
                        supported Python (its own build, in build/sanitize)
    nox -s docs         the Sphinx site (warnings are errors) into build/docs/html,
                        then every Python example in it run by sphinx.ext.doctest
    nox -s lint         ruff (check and format) and clang-format, reporting
                        without changing any file
    nox -s fuzz         the atheris fuzz target of conversion and containers
                        for a minute on the seed corpus (``-- FLAGS`` replaces
                        the libFuzzer flags)

The package is built into a wheel once per source state and Python version
(keyed by a hash of the files the build reads) and every session installs
that wheel, so a CI run compiles the C++ once per interpreter however many
sessions it runs. Where ccache is on PATH, the builds go through it: the core
and testing libraries (about 70% of the compile time) do not depend on the
Python version, so only the first interpreter's build compiles them.

Interpreters are found on PATH as pythonX.Y, or in pyenv's versions folder
when PATH has only pyenv's shims (which refuse versions not selected).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import nox
from nox.command import CommandFailed

ROOT = Path(__file__).resolve().parent
WHEEL_CACHE = ROOT / ".nox" / "_wheels"
# The supported Pythons (pyproject's classifiers list the same); CI runs
# the suite on each. The newest also runs the sanitizer build.
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
BUILD_INPUTS = ("CMakeLists.txt", "pyproject.toml", "native", "tvm_ffi", "stubs")
CORE_STUB = ROOT / "stubs" / "tvm_ffi" / "core.pyi"
STUB_PATTERNS = ROOT / "stubs" / "core_patterns.txt"
CCACHE_DIR = ROOT / ".nox" / "_ccache"

nox.options.sessions = ["tests"]
nox.options.default_venv_backend = "venv"


def _runs(exe: str) -> bool:
    try:
        return subprocess.run([exe, "-c", ""], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _expose_interpreters() -> None:
    """Makes every supported Python that exists here findable by nox.

    A pyenv shim named python3.12 is on PATH even when 3.12 is not selected,
    and then fails, so nox would report the interpreter missing. For such a
    version, a link to pyenv's real interpreter goes into a private folder
    put first on PATH (only pythonX.Y links: `python` and `python3` keep
    meaning what they meant).
    """
    links = ROOT / ".nox" / "_interpreters"
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    for version in PYTHONS:
        name = f"python{version}"
        found = shutil.which(name)
        if found is not None and _runs(found):
            continue
        candidates = sorted(pyenv_root.glob(f"versions/{version}.*/bin/{name}"))
        if not candidates:
            continue  # nox reports it missing if a session needs it
        links.mkdir(parents=True, exist_ok=True)
        link = links / name
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(candidates[-1])
    if links.is_dir() and str(links) not in os.environ["PATH"].split(os.pathsep):
        os.environ["PATH"] = f"{links}{os.pathsep}{os.environ['PATH']}"


_expose_interpreters()


def _source_digest(python_version: str) -> str:
    """A hash of everything the wheel is built from, and the Python it is for."""
    digest = hashlib.sha256(python_version.encode())
    for entry in BUILD_INPUTS:
        path = ROOT / entry
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for f in files:
            if "__pycache__" in f.parts:
                continue
            digest.update(str(f.relative_to(ROOT)).encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


def compiler_cache_env() -> dict[str, str]:
    """The environment that routes CMake's compiles through ccache, if present.

    The cache lives under .nox (shared by every session and interpreter of a
    run, and by later runs of this checkout). Builds in different temporary
    folders (pip builds each wheel in its own) share entries: the compile
    lines name sources and headers by their absolute paths in this checkout,
    the objects relative to the build folder, and CCACHE_NOHASHDIR keeps the
    folder itself out of the key. No CCACHE_BASEDIR: it would rewrite the
    source paths relative to the build folder, so __FILE__ would escape
    -fmacro-prefix-map (CMakeLists.txt) as "../../native/...". Without
    ccache nothing changes but the time.
    """
    if shutil.which("ccache") is None:
        return {}
    launchers = ("CMAKE_C_COMPILER_LAUNCHER", "CMAKE_CXX_COMPILER_LAUNCHER")
    # A launcher the caller set (sccache, say) wins, for both languages.
    wanted = {} if any(n in os.environ for n in launchers) else dict.fromkeys(launchers, "ccache")
    wanted |= {"CCACHE_DIR": str(CCACHE_DIR), "CCACHE_NOHASHDIR": "1"}
    # So does a cache the caller set (a shared one).
    return {name: value for name, value in wanted.items() if name not in os.environ}


def install_package(session: nox.Session) -> None:
    """Install tvm-ffi-nb from the cached wheel, building it first if needed."""
    version = session.run("python", "-c", "import sys; print(sys.version)", silent=True)
    wheel_dir = WHEEL_CACHE / _source_digest(str(version))
    wheels = sorted(wheel_dir.glob("*.whl"))
    if not wheels:
        session.run(
            "python",
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "-w",
            str(wheel_dir),
            env=compiler_cache_env(),
        )
        wheels = sorted(wheel_dir.glob("*.whl"))
    session.install("--force-reinstall", "--no-deps", str(wheels[0]))
    session.install("typing-extensions>=4.6")


#: What the test suite imports besides the package; numpy is required, not
#: optional: its scalars' conversion is tested, and a missing numpy must fail
#: the run rather than skip those tests.
# mypy: tests/test_stubgen.py type-checks the modules it generates (and
# pyright too, where it is installed), with the version typecheck pins.
TEST_DEPS = ("pytest>=7", "pytest-xdist>=3.5", "hypothesis>=6", "numpy>=1.22", "mypy==2.4.1")
#: The suite runs on every core (CI has two). Whole files go to one worker,
#: so a module's tests keep their order and its live-object fixture
#: (tests/conftest.py) sees all of them; `-- -n 0` runs it in one process.
PARALLEL = ("-n", "auto", "--dist", "loadfile")


#: The checkers `typecheck` runs, pinned: a new release may infer differently
#: and would otherwise fail CI with no change here. Raise them deliberately.
TYPE_CHECKERS = ("mypy==2.4.1", "pyright[nodejs]==1.1.414", "basedpyright==1.40.2")


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite against the built wheel."""
    install_package(session)
    session.install(*TEST_DEPS)
    # Run from a directory without the source tree's tvm_ffi/, so the installed
    # package (with its native module) is the one imported.
    session.chdir(ROOT / "tests")
    session.run(
        "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", *PARALLEL, ".", *session.posargs
    )


SANITIZE_FLAGS = (
    "-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
)


@nox.session(python=PYTHONS[-1])
def sanitize(session: nox.Session) -> None:
    """The C++ API tests, then the test suite, under ASan and UBSan: a
    memory error or undefined behaviour anywhere in the native code fails
    the run, and so does a leak of the core library.

    The build has its own directory (incremental across runs) and includes
    tvm_ffi_native_tests, the C++ API tests in a process without Python:
    that one runs with LeakSanitizer on, so anything the core library
    allocates and loses fails it. The Python suite runs with leak checking
    off, because the interpreter keeps objects alive at exit (its balance
    of live native objects is checked per test module instead); CPython
    itself is not instrumented, so the sanitizer runtimes are preloaded.
    """
    session.install(
        "scikit-build-core>=0.10", "nanobind>=2.4", "typing-extensions>=4.6", *TEST_DEPS
    )
    link = "-fsanitize=address,undefined"
    build_dir = ROOT / "build" / "sanitize"
    session.install(
        "--no-build-isolation",
        "--no-deps",
        "--force-reinstall",
        str(ROOT),
        f"-Cbuild-dir={build_dir}",
        "-Ccmake.build-type=RelWithDebInfo",
        f"-Ccmake.define.CMAKE_CXX_FLAGS={SANITIZE_FLAGS}",
        f"-Ccmake.define.CMAKE_SHARED_LINKER_FLAGS={link}",
        f"-Ccmake.define.CMAKE_MODULE_LINKER_FLAGS={link}",
        f"-Ccmake.define.CMAKE_EXE_LINKER_FLAGS={link}",
        "-Ccmake.define.TVM_FFI_BUILD_NATIVE_TESTS=ON",
        env=compiler_cache_env(),
    )
    # Instrumented itself, so no preloading; its run path finds the build
    # tree's libraries. A leak report makes the exit status nonzero.
    session.run(
        str(build_dir / "tvm_ffi_native_tests"),
        external=True,
        env={
            "ASAN_OPTIONS": "detect_leaks=1:abort_on_error=0:halt_on_error=1",
            "LSAN_OPTIONS": "report_objects=1",
            "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1",
        },
    )
    runtimes = [
        session.run("gcc", f"-print-file-name={lib}", external=True, silent=True).strip()  # type: ignore[union-attr]
        for lib in ("libasan.so", "libubsan.so")
    ]
    env = {
        "LD_PRELOAD": " ".join(runtimes),
        "ASAN_OPTIONS": "detect_leaks=0:abort_on_error=0:halt_on_error=1",
        "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1",
    }
    session.chdir(ROOT / "tests")
    # -s: a sanitizer report goes to stderr as the process stops; pytest's
    # capture would swallow it.
    session.run(
        "python",
        "-m",
        "pytest",
        "-q",
        "-s",
        "-p",
        "no:cacheprovider",
        *PARALLEL,
        ".",
        *session.posargs,
        env=env,
    )


@nox.session
def stubs(session: nox.Session) -> None:
    """Check (or with ``-- --update``, rewrite) the generated stub of tvm_ffi.core."""
    install_package(session)
    session.install("nanobind>=2.4")
    tmp = Path(session.create_tmp()).resolve()
    fresh = tmp / "core.pyi"
    session.chdir(tmp)  # import the installed package, not the source tree
    session.run(
        "python",
        "-m",
        "nanobind.stubgen",
        "-q",
        "-P",
        "-m",
        "tvm_ffi.core",
        "-p",
        str(STUB_PATTERNS),
        "-o",
        str(fresh),
    )
    if "--update" in session.posargs:
        CORE_STUB.parent.mkdir(parents=True, exist_ok=True)
        CORE_STUB.write_text(fresh.read_text())
        session.log(f"wrote {CORE_STUB.relative_to(ROOT)}")
        return
    if not CORE_STUB.exists() or CORE_STUB.read_text() != fresh.read_text():
        session.error(
            f"{CORE_STUB.relative_to(ROOT)} is out of date: run `nox -s stubs -- --update` "
            "and commit the result"
        )
    session.log("stub is up to date")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict, pyright and basedpyright (strict) over the package and
    the typing cases, and basedpyright's --verifytypes at 100%."""
    install_package(session)
    session.install(*TYPE_CHECKERS)
    session.chdir(ROOT / "tests")
    session.run("python", str(ROOT / "tests" / "typecheck" / "run_checks.py"))


@nox.session(python=PYTHONS[-1])
def plugin(session: nox.Session) -> None:
    """Build examples/plugin against the wheel just built, install it, check its
    generated typed module is current, run its tests."""
    install_package(session)
    session.install("scikit-build-core>=0.10", "pytest>=7")
    example = ROOT / "examples" / "plugin"
    build_dir = Path(session.create_tmp()).resolve() / "plugin-build"
    session.install(
        "--no-build-isolation",
        "--no-deps",
        "--force-reinstall",
        f"-Cbuild-dir={build_dir}",
        str(example),
    )
    session.chdir(example / "tests")  # the installed my_plugin, not the source folder
    # The committed typed module must be what the generator writes for the
    # library just built (the command is the one in the module's header).
    library = session.run(
        "python",
        "-c",
        "import importlib.util, pathlib; "
        "spec = importlib.util.find_spec('my_plugin'); "
        "print(pathlib.Path(spec.origin).with_name('libmy_plugin.so'))",
        silent=True,
    ).strip()  # type: ignore[union-attr]
    session.run(
        "python",
        "-m",
        "tvm_ffi.stubgen",
        library,
        "--export",
        "count_chars",
        "--eq",
        "my_plugin.Vec2",
        "--header",
        "# Copyright (c) 2026 The tvm-ffi-nb authors.",
        "--header",
        "# SPDX-License-Identifier: Apache-2.0",
        "-o",
        str(example / "my_plugin" / "_api.py"),
        "--check",
    )
    session.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", ".", *session.posargs)


@nox.session(python=PYTHONS)
def bench(session: nox.Session) -> None:
    """Benchmarks: this package, Python dataclasses, and apache-tvm-ffi side by side."""
    install_package(session)
    out_dir = Path(session.create_tmp()).resolve()
    ours = out_dir / "ours.json"
    session.chdir(ROOT / "benchmarks")
    session.run("python", "run.py", "--json", str(ours))
    # The reference package in its own virtualenv, same script, same names.
    ref = out_dir / "reference.json"
    ref_session = ROOT / ".nox" / f"_bench_reference-{session.python}"
    if not (ref_session / "bin" / "python").exists():
        session.run("python", "-m", "venv", str(ref_session))
    ref_python = str(ref_session / "bin" / "python")
    try:
        session.run(
            ref_python, "-m", "pip", "install", "-q", "apache-tvm-ffi", "pytest", external=True
        )
        session.run(ref_python, "run.py", "--json", str(ref), external=True)
    except Exception:  # noqa: BLE001 - the reference may be unavailable; report ours alone
        session.warn("reference package unavailable; reporting this package alone")
        ref = None  # type: ignore[assignment]
    args = ["compare.py", str(ours)] + ([str(ref)] if ref else [])
    session.run("python", *args)
    if ref:
        # The reference must load the JSON graphs this package writes.
        graphs = out_dir / "json-graphs"
        session.run("python", "serialization_interchange.py", "write", str(graphs))
        session.run(ref_python, "serialization_interchange.py", "check", str(graphs), external=True)
    session.run("python", "memory.py")
    session.run("python", "serialization_memory.py")
    session.run("python", "inline_cached.py")


@nox.session
def demo(session: nox.Session) -> None:
    """Run the README's demo against the built wheel."""
    install_package(session)
    session.chdir(ROOT / "examples")
    session.run("python", "demo.py")


DOCS_REQUIREMENTS = ("sphinx>=7", "myst-parser>=2")


@nox.session(python=PYTHONS[-1])
def docs(session: nox.Session) -> None:
    """Build the documentation with warnings as errors, then run its examples.

    The API pages are generated from the installed wheel's docstrings; the
    doctest builder runs every ``{doctest}`` block of the pages; then
    docs/test_snippets.py compiles and runs the C++ examples under
    docs/snippets (once here, not on every Python of the test suite: each
    is a C++ build).
    """
    install_package(session)
    session.install(*DOCS_REQUIREMENTS, "pytest>=7")
    out = ROOT / "build" / "docs"
    # From docs/, so the source tree's tvm_ffi/ (without its native module)
    # is not the one imported.
    session.chdir(ROOT / "docs")
    for builder in ("html", "doctest"):
        session.run(
            "python",
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            builder,
            "-d",
            str(out / "doctrees"),
            ".",
            str(out / builder),
            *session.posargs,
        )
    session.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_snippets.py")
    session.log(f"docs built in {out / 'html'}")


#: The C and C++ sources clang-format checks.
CPP_GLOBS = ("native/**/*.h", "native/**/*.cc", "examples/**/*.cc", "docs/snippets/*.cc")
#: Pinned, as in .pre-commit-config.yaml: another version formats differently.
LINT_REQUIREMENTS = ("ruff==0.17.6", "clang-format==23.1.5")


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check, ruff format --check and clang-format --dry-run: reports
    what would change and fails if anything would, never edits a file."""
    session.install(*LINT_REQUIREMENTS)
    session.chdir(ROOT)
    failures = []
    for command in (
        ["ruff", "check", "--no-fix", "."],
        ["ruff", "format", "--check", "--diff", "."],
    ):
        try:
            session.run(*command)
        except CommandFailed:
            failures.append(command[1])
    sources = sorted({str(p.relative_to(ROOT)) for g in CPP_GLOBS for p in ROOT.glob(g)})
    try:
        session.run("clang-format", "--dry-run", "--Werror", *sources)
    except CommandFailed:
        failures.append("clang-format")
    if failures:
        session.error(f"lint: {', '.join(failures)} would change files (nothing was changed)")


#: libFuzzer flags of a CI fuzz run: bounded in time and memory; a single
#: input taking 30 s counts as a hang.
FUZZ_FLAGS = ("-max_total_time=60", "-rss_limit_mb=4096", "-timeout=30")


@nox.session(python="3.11")
def fuzz(session: nox.Session) -> None:
    """Fuzz conversion, container operations, the engines and the testing
    fixtures (fuzz/convert_ops.py), then the JSON graph loader
    (fuzz/json_graph_ops.py), with atheris, each from its committed corpus;
    any finding fails the session and leaves its input in the tmp dir.

    On 3.11, which atheris ships wheels for. New corpus entries go to a
    scratch copy, so the committed corpus only changes by hand.
    """
    install_package(session)
    session.install("atheris>=2.3")
    tmp = Path(session.create_tmp()).resolve()
    flags = session.posargs or list(FUZZ_FLAGS)
    # Two targets, a minute each: conversion and containers, then the JSON graph loader.
    for target, corpus_name in (
        ("fuzz_convert.py", "corpus"),
        ("fuzz_json_graph.py", "corpus_json"),
    ):
        corpus = tmp / corpus_name
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.copytree(ROOT / "fuzz" / corpus_name, corpus)
        session.chdir(tmp)  # the installed package, and crash files land here
        session.run("python", str(ROOT / "fuzz" / target), *flags, str(corpus))
