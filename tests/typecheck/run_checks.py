# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Runs the type checkers over the package and the typing cases.

- the installed ``tvm_ffi`` package must be clean under mypy --strict,
  pyright (strict) and basedpyright (strict);
- ``basedpyright --verifytypes tvm_ffi --ignoreexternal`` must score 100%
  with no public function or class missing a docstring;
- every ``pass_*.py`` must be clean, and every ``fail_*.py`` rejected
  exactly on the lines marked ``# E`` (no more, no fewer), by each checker.

Prints each checker's time on the cases and the size of the suite; exits
non-zero on any difference.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
MYPY_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): error:")
Errors = dict[str, set[int]]


def checker_env() -> dict[str, str]:
    """The environment pyright-based checkers run in.

    They find packages through the ``python`` on PATH (this interpreter's
    folder goes first) and cannot follow an editable install's import hook;
    the folder holding the imported ``tvm_ffi`` goes on PYTHONPATH, which
    for an installed wheel is site-packages itself (no change).
    """
    import tvm_ffi

    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    package_parent = str(Path(tvm_ffi.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH")) if p)
    return env


def expected_lines(path: Path) -> set[int]:
    return {
        i
        for i, line in enumerate(path.read_text().splitlines(), 1)
        if line.rstrip().endswith("# E")
    }


def mypy_errors(target: list[str]) -> Errors:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--show-traceback", *target],
        capture_output=True,
        text=True,
        cwd=HERE,
    )
    errors: Errors = {}
    for line in proc.stdout.splitlines():
        m = MYPY_LINE.match(line)
        if m:
            errors.setdefault(Path(m["file"]).name, set()).add(int(m["line"]))
    if proc.returncode not in (0, 1):
        print(proc.stdout, proc.stderr)
        raise SystemExit("mypy crashed")
    if errors:
        print(proc.stdout)
    return errors


def pyright_like(tool: str) -> Callable[[list[str]], Errors]:
    """The error lines reported by ``tool`` (pyright or basedpyright) with
    tests/typecheck/pyrightconfig.json (strict)."""

    def run(target: list[str]) -> Errors:
        proc = subprocess.run(
            [tool, "--outputjson", *target],
            capture_output=True,
            text=True,
            cwd=HERE,
            env=checker_env(),
        )
        try:
            report = json.loads(proc.stdout)
        except json.JSONDecodeError:
            print(proc.stdout, proc.stderr)
            raise SystemExit(f"{tool} did not produce a report") from None
        errors: Errors = {}
        for diag in report.get("generalDiagnostics", []):
            if diag["severity"] == "error":
                name, line = Path(diag["file"]).name, diag["range"]["start"]["line"] + 1
                errors.setdefault(name, set()).add(line)
                print(f"  {tool}: {name}:{line}: {diag['message'].splitlines()[0]}")
        return errors

    return run


def tool_path(name: str) -> str:
    """The checker's script installed beside this interpreter."""
    return str(Path(sys.executable).parent / name)


def verify_types() -> bool:
    """basedpyright's completeness report of the public API: 100% of the
    symbols of known type and a docstring on every function and class."""
    proc = subprocess.run(
        [tool_path("basedpyright"), "--verifytypes", "tvm_ffi", "--ignoreexternal", "--outputjson"],
        capture_output=True,
        text=True,
        cwd=HERE,
        env=checker_env(),
    )
    try:
        report = json.loads(proc.stdout)["typeCompleteness"]
    except (json.JSONDecodeError, KeyError):
        print(proc.stdout, proc.stderr)
        raise SystemExit("basedpyright --verifytypes did not produce a report") from None
    score = report["completenessScore"]
    undocumented = report["missingFunctionDocStringCount"] + report["missingClassDocStringCount"]
    counts = report["exportedSymbolCounts"]
    print(
        f"== verifytypes: {score:.1%} ({counts['withKnownType']} known, "
        f"{counts['withAmbiguousType']} ambiguous, {counts['withUnknownType']} unknown), "
        f"{undocumented} without a docstring"
    )
    for symbol in report["symbols"]:
        for diag in symbol["diagnostics"]:
            print(f"  {symbol['name']}: {diag['message'].splitlines()[0]}")
    return score == 1 and undocumented == 0 and report["pyTypedPath"] is not None


def main() -> int:
    import tvm_ffi

    package_dir = str(Path(tvm_ffi.__file__).parent)
    passes = sorted(HERE.glob("pass_*.py"))
    fails = sorted(HERE.glob("fail_*.py"))
    marked = sum(len(expected_lines(p)) for p in fails)
    print(
        f"typing cases: {len(passes)} clean programs, {len(fails)} failing programs "
        f"with {marked} marked lines"
    )
    ok = verify_types()
    checkers: list[tuple[str, Callable[[list[str]], Errors], list[str]]] = [
        # mypy checks the installed package by name (a site-packages path
        # would make site-packages a root); the others take the directory.
        ("mypy", mypy_errors, ["-p", "tvm_ffi"]),
        ("pyright", pyright_like(tool_path("pyright")), [package_dir]),
        ("basedpyright", pyright_like(tool_path("basedpyright")), [package_dir]),
    ]
    for name, check, package_target in checkers:
        print(f"== {name}")
        package_errors = check(package_target)
        if package_errors:
            print(f"{name}: the tvm_ffi package is not clean: {package_errors}")
            ok = False
        start = time.perf_counter()
        errors = check([str(p) for p in passes + fails])
        print(f"{name}: the cases took {time.perf_counter() - start:.1f} s")
        for p in passes:
            if errors.get(p.name):
                print(f"{name}: {p.name} should be clean, errors on lines {sorted(errors[p.name])}")
                ok = False
        for p in fails:
            want, got = expected_lines(p), errors.get(p.name, set())
            if want != got:
                print(
                    f"{name}: {p.name}: missing errors on {sorted(want - got)}, "
                    f"unexpected errors on {sorted(got - want)}"
                )
                ok = False
    print("typecheck:", "all cases as expected" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
