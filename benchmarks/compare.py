# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Compare benchmark results of this package with the reference package.

    python compare.py OURS.json [REFERENCE.json]

Both files are written by ``run.py --json``. For each case the table shows
ours and the reference's ns/op and the ratio ours/reference; for a case with
a Python baseline (a ``py.*`` case of the same run), the baseline's name and
each package's ratio to its own run's baseline; then the target (DESIGN.md
section 6) and PASS or MISS.

A target is judged against the reference (ours/reference, the default) or
against a named baseline case of our own run (``against="baseline:py.x"``:
ours/``py.x`` in OURS.json), for goals such as "within 2x of a slots
dataclass", which do not depend on how fast the reference is. Python
baselines (``py.*``, ``overhead.*``) are shown for context and not judged.
Where the figure a target needs is missing (no reference file, a case
``n/a`` on either side) the verdict is ``n/a``.

The exit status is always 0: benchmarks inform, they never fail CI.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

#: ``Target.against`` for a target judged against the reference package.
REFERENCE = "reference"
#: The prefix of ``Target.against`` naming a baseline case of our own run.
BASELINE_PREFIX = "baseline:"


@dataclasses.dataclass(frozen=True)
class Target:
    """A case's goal: its ratio to ``against`` at most ``max_ratio``.

    ``against`` is ``"reference"`` (ours / the reference's figure for the
    same case) or ``"baseline:CASE"`` (ours / CASE's figure in our own run,
    e.g. ``"baseline:py.dataclass.field_read"``).
    """

    max_ratio: float
    note: str = ""
    against: str = REFERENCE

    def __post_init__(self) -> None:
        if self.against != REFERENCE and not (
            self.against.startswith(BASELINE_PREFIX) and len(self.against) > len(BASELINE_PREFIX)
        ):
            raise ValueError(
                f"Target.against must be {REFERENCE!r} or "
                f"'{BASELINE_PREFIX}CASE', got {self.against!r}"
            )

    @property
    def baseline(self) -> str | None:
        """The baseline case judged against, or None for the reference."""
        if self.against.startswith(BASELINE_PREFIX):
            return self.against[len(BASELINE_PREFIX) :]
        return None

    def describe(self) -> str:
        """The target as shown in the table, e.g. ``<= 0.25x ref`` or ``<= 2x base``."""
        return f"<= {self.max_ratio:g}x {'base' if self.baseline else 'ref'}"


#: Cases with a target of their own; every other judged case uses DEFAULT_TARGET.
TARGETS: dict[str, Target] = {
    "call.nop": Target(0.25, "a no-op native call: at most 1/4 of the reference's time"),
    # Reflection (c_class), judged against a slots dataclass in our own run.
    "c_class.construct": Target(
        1.0,
        "construction no slower than a slots dataclass",
        against="baseline:py.dataclass.construct",
    ),
    "c_class.field_read": Target(
        2.0, "field read within 2x of a slots dataclass", against="baseline:py.dataclass.field_read"
    ),
    "c_class.field_write": Target(
        2.0,
        "field write within 2x of a slots dataclass",
        against="baseline:py.dataclass.field_write",
    ),
    # py_class, against slots / frozen dataclasses in our own run.
    "py_class.construct": Target(
        1.0,
        "construction no slower than a slots dataclass",
        against="baseline:py.dataclass.construct3",
    ),
    "py_class.construct_kw": Target(
        1.0,
        "keyword construction no slower than a slots dataclass",
        against="baseline:py.dataclass.construct3_kw",
    ),
    **{
        f"py_class.{op}.{n}": Target(
            3.0 if n == "s" else 2.0,
            f"field {op} within {3 if n == 's' else 2}x of a slots dataclass",
            against=f"baseline:py.dataclass.{op}.{n}",
        )
        for op in ("read", "write")
        for n in ("i", "f", "b", "o", "s")
    },
    "py_class.eq": Target(
        1.0, "== no slower than a dataclass", against="baseline:py.frozen_dataclass.eq2"
    ),
    "py_class.hash": Target(
        1.0, "hash no slower than a dataclass", against="baseline:py.frozen_dataclass.hash2"
    ),
    # A 100,000-object py_class graph, against the reference's py_class.
    "py_class.graph.build_100k": Target(0.1, "building the graph: at most 1/10 of the reference's"),
    **{
        f"py_class.graph.{op}_100k": Target(1 / 3, f"{op}: at most 1/3 of the reference's time")
        for op in ("repr", "eq", "deepcopy")
    },
    # Enums, against the reference's Enum (DESIGN.md 6; about 1.7 us there for get).
    **{
        f"enum.{op}": Target(0.1, f"{what}: at most 1/10 of the reference's time")
        for op, what in (
            ("get", "Cls.get(name)"),
            ("attr_read", "an EnumAttrMap read"),
            ("field_read", "a declared-field read of a variant"),
        )
    },
    # Engines on whole graphs, against the reference.
    "engine.repr.list_100k": Target(0.5, "at most 1/2 of the reference's time"),
    "engine.eq.list_100k": Target(0.5, "at most 1/2 of the reference's time"),
    "engine.deepcopy.list_100k": Target(0.5, "at most 1/2 of the reference's time"),
    # The JSON graph format, against the reference.
    **{
        f"{prefix}.{op}_json{suffix}": Target(
            0.5, f"{op}_json_graph_str: at most 1/2 of the reference's time"
        )
        for prefix, suffix in (("serialization", ".list_100k"), ("py_class.graph", "_100k"))
        for op in ("to", "from")
    },
    "py_class.graph.pickle_100k": Target(
        1.0,
        "pickle.dumps + loads no slower than slots dataclasses",
        against="baseline:py.dataclass.pickle_100k",
    ),
    "engine.repr.chain_10k": Target(0.01, "linear: under 1% of the reference's (quadratic) time"),
    # == and hash of one small object, against a frozen dataclass in our own run.
    "c_class.eq": Target(
        1.0, "== no slower than a dataclass", against="baseline:py.frozen_dataclass.eq"
    ),
    "c_class.hash": Target(
        1.0, "hash no slower than a dataclass", against="baseline:py.frozen_dataclass.hash"
    ),
}

#: No slower than the reference.
DEFAULT_TARGET = Target(1.0, "no slower than the reference")


@dataclasses.dataclass(frozen=True)
class Run:
    """The contents of one ``run.py --json`` file."""

    package: str
    python: str
    results: dict[str, float | None]
    baselines: dict[str, str] = dataclasses.field(default_factory=dict)
    notes: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass(frozen=True)
class Row:
    """One line of the comparison table."""

    case: str
    ours: str
    reference: str
    ratio_ref: str
    baseline: str
    ours_base: str
    ref_base: str
    target: str
    verdict: str

    def cells(self) -> tuple[str, ...]:
        """The row's cells, in column order."""
        return dataclasses.astuple(self)


#: Column titles, in the order of :class:`Row`'s fields.
HEADER = Row(
    "case",
    "ours ns/op",
    "ref ns/op",
    "ours/ref",
    "baseline",
    "ours/base",
    "ref/base",
    "target",
    "verdict",
)
#: Column alignment (text left, figures right), in the same order.
ALIGN = ("<", ">", ">", ">", "<", ">", ">", "<", "<")


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
    raw_baselines = data.get("baselines")
    baselines: dict[str, str] = {}
    if isinstance(raw_baselines, dict):
        baselines = {str(k): str(v) for k, v in raw_baselines.items()}
    return Run(
        package=str(data.get("package", path.stem)),
        python=str(data.get("python", "?")),
        results=results,
        baselines=baselines,
        notes=[str(n) for n in data.get("notes") or []],
    )


def format_ns(value: float | None) -> str:
    """A ns/op figure, or ``n/a``."""
    return "n/a" if value is None else f"{value:,.1f}"


def ratio_of(num: float | None, den: float | None) -> float | None:
    """``num / den``, or None when either is missing (or ``den`` is 0)."""
    return num / den if num is not None and den else None


def format_ratio(value: float | None) -> str:
    """A ratio with three decimals (four below 0.01), or ``n/a``."""
    if value is None:
        return "n/a"
    return f"{value:.4f}" if value < 0.01 else f"{value:.3f}"


def baseline_of(name: str, ours: Run, ref: Run | None) -> str | None:
    """The baseline case shown beside ``name``: its target's, else the one
    ``run.py`` linked it to (in either run)."""
    goal = target_for(name)
    if goal.baseline is not None:
        return goal.baseline
    return ours.baselines.get(name) or (ref.baselines.get(name) if ref is not None else None)


def compare(ours: Run, ref: Run | None) -> list[Row]:
    """The table rows, one per case of either run (ours first, in run order)."""
    names = list(ours.results)
    if ref is not None:
        names += [n for n in ref.results if n not in ours.results]
    rows: list[Row] = []
    for name in names:
        mine = ours.results.get(name)
        theirs = ref.results.get(name) if ref is not None else None
        ratio_ref = ratio_of(mine, theirs)
        base = None if is_baseline(name) else baseline_of(name, ours, ref)
        ours_base = ratio_of(mine, ours.results.get(base)) if base else None
        ref_base = ratio_of(theirs, ref.results.get(base)) if base and ref is not None else None
        if is_baseline(name):
            target, verdict = "python baseline", "-"
        else:
            goal = target_for(name)
            target = goal.describe()
            judged = ours_base if goal.baseline is not None else ratio_ref
            if judged is None:
                verdict = "n/a"
            else:
                verdict = "PASS" if judged <= goal.max_ratio else "MISS"
        rows.append(
            Row(
                case=name,
                ours=format_ns(mine),
                reference=format_ns(theirs) if ref is not None else "-",
                ratio_ref=format_ratio(ratio_ref) if ref is not None else "-",
                baseline=base or "",
                ours_base=format_ratio(ours_base) if base else "",
                ref_base=(format_ratio(ref_base) if ref is not None else "-") if base else "",
                target=target,
                verdict=verdict,
            )
        )
    return rows


def render(rows: Sequence[Row], header: Row = HEADER) -> str:
    """A fixed-width text table (text left-aligned, figures right)."""
    table = [header.cells(), *(r.cells() for r in rows)]
    widths = [max(len(cells[i]) for cells in table) for i in range(len(ALIGN))]

    def line(cells: tuple[str, ...]) -> str:
        return " | ".join(
            f"{c:{a}{w}}" for c, a, w in zip(cells, ALIGN, widths, strict=True)
        ).rstrip()

    rule = "-+-".join("-" * w for w in widths)
    return "\n".join([line(table[0]), rule, *(line(c) for c in table[1:])])


def summary(rows: Sequence[Row]) -> str:
    """The closing line: how many judged cases met their target."""
    verdicts: Mapping[str, int] = {
        v: sum(1 for r in rows if r.verdict == v) for v in ("PASS", "MISS", "n/a")
    }
    judged = sum(verdicts.values())
    misses = [r.case for r in rows if r.verdict == "MISS"]
    text = (
        f"summary: {verdicts['PASS']} PASS, {verdicts['MISS']} MISS, "
        f"{verdicts['n/a']} n/a of {judged} judged cases"
    )
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
    rows = compare(ours, ref)
    print(render(rows))
    print(
        "ours/ref: ours / the reference, same case; ours/base, ref/base: each package / "
        "the baseline case of its own run."
    )
    print("target: 'ref' is judged on ours/ref, 'base' on ours/base.")
    print(summary(rows))
    for note in ours.notes:
        print(f"note: {note}")
    if ref is None:
        print("(no reference results: ratios to the reference are n/a)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
