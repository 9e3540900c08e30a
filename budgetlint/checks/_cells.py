"""Helpers of the table rules: a 决算 table by kind, a cell's interval, a labelled sum of cells checked and reported."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..facts import Num
from ..model import Operand
from ..numbers import Interval, fmt, half_unit, isum
from ..tables.final_accounts import FinalTable, Line, is_blank, value_of
from ..tables.model import Cell
from ._util import report_recomputed

Part = tuple[str, Cell]  # (label, cell)


def by_kind(ctx, kind: str) -> Optional[FinalTable]:
    """The recognised 决算 table of ``kind`` (summary, income, gpb_expenditure …), if any."""
    return next((t for t in ctx.final_tables if t.kind == kind), None)


def cell_interval(ctx, cell: Cell, tail: bool = False) -> Optional[Interval]:
    """Values a cell may stand for; blank and zero cells are exact 0, unreadable cells None.
    Worked out once per cell and document (kept with the cell, so its id stays its own): the table
    rules and the narrative rules ask for the same cells again and again."""
    key = (id(cell), tail)
    if key not in ctx._cell_intervals:
        ctx._cell_intervals[key] = cell, _cell_interval(ctx, cell, tail)
    return ctx._cell_intervals[key][1]


def _cell_interval(ctx, cell: Cell, tail: bool) -> Optional[Interval]:
    v = value_of(cell)
    if v is None:
        return None
    if v == 0:
        return Interval.exact(v)
    d = cell.decimals
    extra = Decimal(ctx.config.tail_digits).scaleb(-d) if tail else Decimal(0)
    return Interval.exact(v).widen(half_unit(d) + extra)


def label(table: FinalTable, line: Line, column: str = "") -> str:
    name = line.label or line.code
    col = f"·{column}" if column and column not in ("决算数",) else ""
    return f"{table.name}·{name}{col}"


def check_sum(ctx, total: Part, parts: list[Part], what_zh: str, what_en: str, code: Optional[str] = None,
              sign: Optional[list[int]] = None) -> bool:
    """Report when ``parts`` (each added with its sign) cannot add up to ``total``; True when reported."""
    t_label, t_cell = total
    cells = [c for _, c in parts]
    if t_cell is None or (is_blank(t_cell) and all(is_blank(c) for c in cells)):
        return False
    t_iv = cell_interval(ctx, t_cell, tail=True)
    ivs = [cell_interval(ctx, c) for c in cells]
    if t_iv is None or any(iv is None for iv in ivs):
        return False  # an unreadable cell: BL121 says so
    signs = sign or [1] * len(parts)
    s_iv = isum(iv if k > 0 else Interval(-iv.hi, -iv.lo) for iv, k in zip(ivs, signs))
    if s_iv.overlaps(t_iv):
        return False
    d = max([t_cell.decimals] + [c.decimals for c in cells])
    computed = sum((value_of(c) * k for c, k in zip(cells, signs)), Decimal(0))
    stated = value_of(t_cell)
    report_recomputed(
        ctx, Num(text=t_cell.text.strip() or "0", value=stated, decimals=t_cell.decimals, span=t_cell.span), computed,
        zh=f"{t_label} {t_cell.text.strip() or '（空）'} 与{what_zh} {fmt(computed, d)} 不符，相差 {fmt(abs(computed - stated), d)}",
        en=f"{t_label} {t_cell.text.strip() or '(blank)'} differs from {what_en} {fmt(computed, d)} (difference {fmt(abs(computed - stated), d)})",
        operands=[Operand(label=lb, value=c.text.strip() or "0", span=c.span) for lb, c in parts],
        decimals=d, unit="", suggestion=fmt(computed, d), code=code,
    )
    return True


def first_value(line: Line) -> tuple[str, Optional[Cell]]:
    for k, c in line.cells.items():
        return k, c
    return "", None
