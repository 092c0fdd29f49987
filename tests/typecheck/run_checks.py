# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Runs mypy --strict and pyright over the package and the typing cases.

- the installed ``tvm_ffi`` package and every ``pass_*.py`` must be clean;
- every ``fail_*.py`` must be rejected exactly on the lines marked ``# E``
  (no more, no fewer), by each checker.
Exits non-zero on any difference.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MYPY_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): error:")


def expected_lines(path: Path) -> set[int]:
    return {
        i for i, line in enumerate(path.read_text().splitlines(), 1) if line.rstrip().endswith("# E")
    }


def mypy_errors(target: list[str]) -> dict[str, set[int]]:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--show-traceback", *target],
        capture_output=True, text=True, cwd=HERE,
    )
    errors: dict[str, set[int]] = {}
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


def pyright_errors(target: list[str]) -> dict[str, set[int]]:
    proc = subprocess.run(
        [sys.executable, "-m", "pyright", "--outputjson", *target],
        capture_output=True, text=True, cwd=HERE,
    )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        print(proc.stdout, proc.stderr)
        raise SystemExit("pyright did not produce a report") from None
    errors: dict[str, set[int]] = {}
    for diag in report.get("generalDiagnostics", []):
        if diag["severity"] == "error":
            errors.setdefault(Path(diag["file"]).name, set()).add(diag["range"]["start"]["line"] + 1)
            print(f"  pyright: {Path(diag['file']).name}:{diag['range']['start']['line'] + 1}: "
                  f"{diag['message'].splitlines()[0]}")
    return errors


def main() -> int:
    import tvm_ffi

    package_dir = str(Path(tvm_ffi.__file__).parent)
    # mypy checks the installed package by name (a site-packages path would
    # make site-packages a root); pyright takes the directory.
    package_target = {"mypy": ["-p", "tvm_ffi"], "pyright": [package_dir]}
    passes = sorted(HERE.glob("pass_*.py"))
    fails = sorted(HERE.glob("fail_*.py"))
    ok = True
    for name, check in (("mypy", mypy_errors), ("pyright", pyright_errors)):
        print(f"== {name}")
        package_errors = check(package_target[name])
        if package_errors:
            print(f"{name}: the tvm_ffi package is not clean: {package_errors}")
            ok = False
        errors = check([str(p) for p in passes + fails])
        for p in passes:
            if errors.get(p.name):
                print(f"{name}: {p.name} should be clean, errors on lines {sorted(errors[p.name])}")
                ok = False
        for p in fails:
            want, got = expected_lines(p), errors.get(p.name, set())
            if want != got:
                print(f"{name}: {p.name}: missing errors on {sorted(want - got)}, "
                      f"unexpected errors on {sorted(got - want)}")
                ok = False
    print("typecheck:", "all cases as expected" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
