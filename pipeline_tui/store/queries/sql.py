"""Pieces of SQL shared by the query modules: vocabulary literals and the one keyset pager."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline_tui.domain.vocabulary import OPEN_STAGES
from pipeline_tui.store.reader import Reader


def literal(word: str) -> str:
    """A vocabulary word as an SQL literal (the vocabulary is ours: plain lowercase words)."""
    if not word.replace("_", "").isalnum():
        raise ValueError(f"not a vocabulary word: {word!r}")
    return f"'{word}'"


def in_list(words: Sequence[str]) -> str:
    """``('lead', 'contacted', …)``: vocabulary words as an SQL list."""
    return "(" + ", ".join(literal(w) for w in words) + ")"


OPEN_IN = in_list(OPEN_STAGES)

_PARAMETER = re.compile(r":(\w+)")


def and_where(sql: str, conditions: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """``sql`` (its WHERE clause open) with `` AND <condition>`` for each condition whose value
    is not None, and the parameters they bind: each condition names one ``:parameter``, bound
    to its value. ``and_where(sql, {"a.channel = :channel": channel})``."""
    params: dict[str, Any] = {}
    for condition, value in conditions.items():
        if value is not None:
            sql += f" AND {condition}"
            (name,) = _PARAMETER.findall(condition)
            params[name] = value
    return sql, params


def open_index(column: str) -> str:
    """The stage's position in OPEN_STAGES (0 = lead); NULL for won, lost and NULL."""
    whens = " ".join(f"WHEN {literal(s)} THEN {i}" for i, s in enumerate(OPEN_STAGES))
    return f"CASE {column} {whens} END"


@dataclass(frozen=True)
class Keyset:
    """An ORDER BY for keyset pages: ``(expression, descending)`` pairs, the last one unique.

    A page is the rows after the last one shown, found by the values of these columns (an index
    seek), so page 300 costs what page 1 does. With every column in one direction the condition
    is a row value (``(a, b) > (x, y)``), which SQLite and PostgreSQL answer with one seek.
    """

    columns: tuple[tuple[str, bool], ...]

    def order_by(self) -> str:
        return ", ".join(f"{expr} DESC" if desc else expr for expr, desc in self.columns)

    def after(self, values: Sequence[Any]) -> tuple[str, dict[str, Any]]:
        """The condition "after ``values``" and its parameters."""
        if len(values) != len(self.columns):
            raise ValueError("a keyset position has one value per column")
        params = {f"after_{i}": value for i, value in enumerate(values)}
        names = [f":after_{i}" for i in range(len(values))]
        exprs = [expr for expr, _ in self.columns]
        directions = {desc for _, desc in self.columns}
        if len(directions) == 1:
            op = "<" if directions.pop() else ">"
            return f"({', '.join(exprs)}) {op} ({', '.join(names)})", params
        # Mixed directions: spelled out, column by column.
        terms = []
        for i, (expr, desc) in enumerate(self.columns):
            equal = [f"{e} = {n}" for e, n in zip(exprs[:i], names[:i], strict=True)]
            terms.append(" AND ".join([*equal, f"{expr} {'<' if desc else '>'} {names[i]}"]))
        return "(" + " OR ".join(f"({t})" for t in terms) + ")", params


def page(
    q: Reader,
    sql: str,
    keyset: Keyset,
    *,
    params: Mapping[str, Any] | None = None,
    after: Sequence[Any] | None = None,
    limit: int,
) -> list[tuple[Any, ...]]:
    """One keyset page of ``sql`` (a SELECT whose WHERE clause is already open: it ends with a
    condition, ``WHERE 1 = 1`` at least), ordered by ``keyset``, after ``after``."""
    values = dict(params or {})
    if after is not None:
        condition, extra = keyset.after(after)
        sql += f" AND {condition}"
        values.update(extra)
    values["limit"] = int(limit)
    return q.rows(f"{sql} ORDER BY {keyset.order_by()} LIMIT :limit", values)
