"""The figures of a run, at each scale, with their floors, growth and targets; and how they print.

A figure is measured at every scale of the run (``large`` and ``xl``, or one scale). At each scale
it has a value (the median of its runs), maybe a CPU time, and its ratio to its floor (a floor
measured in the same run: the bare Textual app, ``import sqlmodel``, sqlite-utils). Its growth is
its value at the last scale ÷ at the first. Its targets are checked where they apply: at the
first scale (the "large" role), at the last (the "×10" role), at every scale, or on the growth.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

BASE, BIG, EVERY, GROWTH = "large", "xl", "every", "growth"


@dataclass(frozen=True)
class Rule:
    """A target: ``on`` the ratio to the floor, the value, or the growth; ``at`` the scale of a
    role (BASE: the first scale, BIG: the last of two, EVERY: each one), or GROWTH."""

    on: str  # "ratio", "value" or "growth"
    bound: float
    at: str = EVERY
    least: bool = False  # ≥ bound (a throughput) rather than ≤

    def text(self, unit: str) -> str:
        sign = "≥" if self.least else "≤"
        return f"{sign} {self.bound:g}" + (f" {unit}" if self.on == "value" else "×")

    def met(self, number: float) -> bool:
        return number >= self.bound if self.least else number <= self.bound


@dataclass
class Measure:
    value: float
    cpu: float | None = None  # ms of CPU where known: a noisy machine moves it less
    ratio: float | None = None  # to the floor (for a throughput: floor ÷ figure)
    runs: int = 0
    note: str | None = None  # "its warm-up run only": too slow to run again


@dataclass
class Verdict:
    where: str  # a scale's name, or "growth"
    target: str
    met: bool


@dataclass
class Figure:
    key: str
    label: str
    unit: str = "ms"
    floor: str | None = None  # the key of the figure this one is compared with
    throughput: bool = False
    shared: bool = False  # measured once for every scale (a floor that is not the database's)
    rules: tuple[Rule, ...] = ()
    at: dict[str, Measure] = field(default_factory=dict)
    growth: float | None = None  # value at the last scale ÷ at the first
    cpu_growth: float | None = None
    targets: list[Verdict] = field(default_factory=list)


class Figures:
    """The figures of a run, in the order they were first measured."""

    def __init__(self, scales: list[str]) -> None:
        self.scales = scales
        self.items: dict[str, Figure] = {}

    def figure(self, key: str, label: str, unit: str = "ms", **kwargs: Any) -> Figure:
        if key not in self.items:
            self.items[key] = Figure(key, label, unit, **kwargs)
        return self.items[key]

    def add(self, figure: Figure, scale: str, measure: Measure) -> None:
        figure.at[scale] = measure

    def finish(self) -> None:
        """Ratios to the floors, growth, and each target's verdict."""
        for f in self.items.values():
            floor = self.items.get(f.floor) if f.floor else None
            for scale, m in f.at.items():
                base = floor.at.get(scale) if floor else None
                if base is not None and m.value > 0:
                    m.ratio = base.value / m.value if f.throughput else m.value / base.value
            first, last = (f.at.get(s) for s in (self.scales[0], self.scales[-1]))
            if len(self.scales) > 1 and not f.shared and first and last and first.value > 0:
                f.growth = last.value / first.value
                if first.cpu and last.cpu:
                    f.cpu_growth = last.cpu / first.cpu
            f.targets = list(self._verdicts(f))

    def role(self, scale: str) -> str:
        """BIG for the last of two scales or for xl measured alone, else BASE."""
        if len(self.scales) > 1:
            return BIG if scale == self.scales[-1] else BASE
        return BIG if scale == "xl" else BASE

    def _verdicts(self, f: Figure):
        for rule in f.rules:
            if rule.at == GROWTH:
                if f.growth is not None:
                    yield Verdict(GROWTH, rule.text(f.unit), rule.met(f.growth))
                continue
            for scale, m in f.at.items():
                if rule.at not in (EVERY, self.role(scale)):
                    continue
                number = m.ratio if rule.on == "ratio" else m.value
                if number is not None:
                    yield Verdict(scale, rule.text(f.unit), rule.met(number))

    def as_json(self) -> list[dict[str, Any]]:
        out = []
        for f in self.items.values():
            item = asdict(f)
            item["rules"] = [r.text(f.unit) for r in f.rules]
            out.append(item)
        return out


def number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def _verdicts_text(f: Figure, one_scale: bool) -> str:
    parts = []
    for v in f.targets:
        where = "" if one_scale and v.where != GROWTH else f"{v.where} "
        parts.append(f"{where}{v.target} {'ok' if v.met else 'MISSED'}")
    return "; ".join(parts)


def rows(figures: Figures) -> tuple[list[str], list[list[str]]]:
    """The table: a header and one row per figure, every cell text."""
    scales = figures.scales
    one = len(scales) == 1
    header = ["figure"]
    for s in scales:
        header += [s, "cpu", "ratio"]
    if not one:
        header += ["growth", "cpu growth"]
    header.append("targets")
    body = []
    for f in figures.items.values():
        row = [f.label]
        for s in scales:
            m = f.at.get(s)
            if m is None:
                row += ["", "", ""]
                continue
            slow = " (1 run)" if m.note else ""
            row.append(f"{number(m.value)} {f.unit}{slow}")
            row.append(f"{number(m.cpu)} ms" if m.cpu is not None else "")
            row.append(f"{m.ratio:.2f}×" if m.ratio is not None else "")
        if not one:
            row.append(f"×{f.growth:.2f}" if f.growth is not None else "")
            row.append(f"×{f.cpu_growth:.2f}" if f.cpu_growth is not None else "")
        row.append(_verdicts_text(f, one))
        body.append(row)
    return header, body


def text_table(figures: Figures) -> list[str]:
    header, body = rows(figures)
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = []
    for r in [header, *body]:
        cells = [r[0].ljust(widths[0])]
        cells += [c.rjust(w) for c, w in zip(r[1:-1], widths[1:-1], strict=True)]
        lines.append("  ".join([*cells, r[-1]]).rstrip())
    return lines


def markdown_table(figures: Figures) -> list[str]:
    header, body = rows(figures)
    lines = ["| " + " | ".join(header) + " |"]
    lines.append("| --- | " + " | ".join("---:" for _ in header[1:-1]) + " | --- |")
    for r in body:
        cells = [c.replace("MISSED", "**missed**").replace("|", "\\|") for c in r]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


NOTES = (
    "ratio: the figure ÷ its floor in the same run (for the import, sqlite-utils' time ÷ the "
    "import's: a share of its throughput); cpu: the CPU time of the same runs, where known; "
    "growth: the value at the last scale ÷ at the first; '(1 run)': a figure so slow that its "
    "warm-up run was its only one."
)


def render(figures: Figures, meta: dict[str, Any], markdown: bool = False) -> str:
    m = meta["machine"]
    lines = [
        f"pipeline-tui benchmarks, {meta['started']}: {m['system']}, {m['cpus']} CPUs "
        f"({m['cpu']}), Python {m['python']}; load average {meta['load_before']} → "
        f"{meta['load_after']}",
    ]
    for scale in meta["scales"]:
        db = scale["database"]
        counts = ", ".join(f"{t} {n:,}" for t, n in db["rows"].items())
        lines.append(f"{scale['name']}: {db['name']}: {counts}")
    lines += [
        f"today {meta['today']}; each figure the median of {meta['rounds']} whole-process runs "
        f"or up to {meta['repeat']} in-process runs; the run took {meta['seconds']:.0f} s",
        "",
        *(markdown_table(figures) if markdown else text_table(figures)),
        "",
        NOTES,
    ]
    return "\n".join(lines)
