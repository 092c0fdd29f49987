# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Compare benchmark results of this package with the reference package.

    python compare.py OURS.json [REFERENCE.json]

Both files are written by ``run.py --json``. For each case the table shows
ours and the reference's ns/op, the ratio ours/reference, the target that
ratio is judged against (DESIGN.md section 6) and PASS or MISS. Python
baselines (``py.*``, ``overhead.*``) are shown for context and not judged.
Without a reference file (or where a case is ``n/a`` on either side) the
verdict is ``n/a``.

The exit status is always 0: benchmarks inform, they never fail CI.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path


@dataclasses.dataclass(frozen=True)
class Target:
    """A case's goal: ours/reference at most ``max_ratio``."""

    max_ratio: float
    note: str = ""

    def describe(self) -> str:
        """The target as shown in the table, e.g. ``<= 0.25x ref``."""
        return f"<= {self.max_ratio:g}x ref"


#: Cases with a target of their own; every other judged case uses DEFAULT_TARGET.
TARGETS: dict[str, Target] = {
    "call.nop": Target(0.25, "a no-op native call: at most 1/4 of the reference's time"),
}

#: No slower than the reference.
DEFAULT_TARGET = Target(1.0, "no slower than the reference")


@dataclasses.dataclass(frozen=True)
class Run:
    """The contents of one ``run.py --json`` file."""

    package: str
    python: str
    results: dict[str, float | None]


def is_baseline(name: str) -> bool:
    """Whether a case is a plain-Python baseline rather than a judged case."""
    return name.startswith(("py.", "overhead."))


def target_for(name: str) -> Target:
    """The target a case's ratio is judged against."""
    return TARGETS.get(name, DEFAULT_TARGET)


def load(path: Path) -> Run:
    """Read one results file."""
    data = json.loads(path.read_text())
    if not isinstance(data, dict) or not isinstance(data.get("results"), dict):
        raise ValueError(f"{path}: not a run.py --json file")
    results: dict[str, float | None] = {}
    for name, value in data["results"].items():
        results[str(name)] = float(value) if isinstance(value, (int, float)) else None
    return Run(
        package=str(data.get("package", path.stem)),
        python=str(data.get("python", "?")),
        results=results,
    )


def format_ns(value: float | None) -> str:
    """A ns/op figure, or ``n/a``."""
    return "n/a" if value is None else f"{value:,.1f}"


def compare(ours: Run, ref: Run | None) -> list[tuple[str, ...]]:
    """The table rows: case, ours, reference, ratio, target, verdict."""
    names = list(ours.results)
    if ref is not None:
        names += [n for n in ref.results if n not in ours.results]
    rows: list[tuple[str, ...]] = []
    for name in names:
        mine = ours.results.get(name)
        theirs = ref.results.get(name) if ref is not None else None
        ratio = mine / theirs if mine is not None and theirs else None
        if is_baseline(name):
            target, verdict = "python baseline", "-"
        else:
            goal = target_for(name)
            target = goal.describe()
            if ratio is None:
                verdict = "n/a"
            else:
                verdict = "PASS" if ratio <= goal.max_ratio else "MISS"
        rows.append((
            name,
            format_ns(mine),
            format_ns(theirs) if ref is not None else "-",
            "n/a" if ratio is None else f"{ratio:.3f}",
            target,
            verdict,
        ))
    return rows


def render(rows: Sequence[tuple[str, ...]], header: tuple[str, ...]) -> str:
    """A fixed-width text table (first column left-aligned, numbers right)."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    align = ["<", ">", ">", ">", "<", "<"]

    def line(cells: tuple[str, ...]) -> str:
        return " | ".join(f"{c:{a}{w}}" for c, a, w in zip(cells, align, widths)).rstrip()

    rule = "-+-".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def summary(rows: Sequence[tuple[str, ...]]) -> str:
    """The closing line: how many judged cases met their target."""
    verdicts: Mapping[str, int] = {
        v: sum(1 for r in rows if r[5] == v) for v in ("PASS", "MISS", "n/a")
    }
    judged = sum(verdicts.values())
    misses = [r[0] for r in rows if r[5] == "MISS"]
    text = (f"summary: {verdicts['PASS']} PASS, {verdicts['MISS']} MISS, "
            f"{verdicts['n/a']} n/a of {judged} judged cases")
    return text + (f" (missed: {', '.join(misses)})" if misses else "")


def main(argv: Sequence[str]) -> int:
    """Print the comparison of the given files; always returns 0."""
    if not 1 <= len(argv) <= 2:
        print(__doc__)
        return 0
    try:
        ours = load(Path(argv[0]))
        ref = load(Path(argv[1])) if len(argv) == 2 else None
    except (OSError, ValueError) as exc:
        print(f"compare.py: cannot read results: {exc}")
        return 0
    ref_label = f"{ref.package} (Python {ref.python})" if ref else "none"
    print(f"ours: {ours.package} (Python {ours.python}); reference: {ref_label}")
    header = ("case", "ours ns/op", "reference ns/op", "ratio (ours/ref)", "target", "verdict")
    rows = compare(ours, ref)
    print(render(rows, header))
    print(summary(rows))
    if ref is None:
        print("(no reference results: ratios are n/a)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
