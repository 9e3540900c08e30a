"""BL119, BL123, BL124: the 三公 tables, whatever their orientation and layout.

A 三公 table is read by ``budgetlint.tables.three_public`` from the 决算
tables of a PDF/Word/Excel file or from any text layout, items down the rows
or across the columns. Rows printed under it that are not 三公 items
(会议费, 培训费, 团组数 …) are not part of its 合计.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..model import Evidence, Operand, Severity
from ..numbers import Interval, fmt, half_unit
from ..tables.final_accounts import is_blank, value_of
from ..tables.model import Cell
from ..tables.three_public import PARTS, ThreePublic
from ..tables.vocabulary import THREE_ZH
from . import rule
from ._cells import cell_interval, check_sum


def _name(t: ThreePublic, item: str, col: int) -> str:
    head = t.columns[col].label or {"budget": "预算数", "actual": "决算数"}.get(t.columns[col].role or "", "")
    return "·".join(x for x in (t.title or "“三公”经费表", THREE_ZH[item], head) if x)


def _subtotal_breaks(ctx, t: ThreePublic, j: int) -> bool:
    """The 公务用车 小计 disagrees with its sub-items while the 合计 agrees with them in its place."""
    cells = [t.cell(it, j) for it in ("total", "abroad", "buy", "run", "reception", "cars")]
    if any(c is None for c in cells):
        return False
    ivs = [cell_interval(ctx, c, tail=k == 0) for k, c in enumerate(cells)]
    if any(iv is None for iv in ivs):
        return False
    total, abroad, buy, run, reception, cars = ivs
    return (abroad + buy + run + reception).overlaps(total) and not (buy + run).overlaps(cars.widen(Decimal("0.01")))


@rule("BL119", "three-public-sum", Severity.ERROR)
def three_public_sum(ctx) -> None:
    """“三公”经费合计与各项之和不符 — the “三公” items do not add up to their 合计.

    What it checks: “三公”经费 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费,
    and 公务用车购置及运行维护费 = 公务用车购置费 + 公务用车运行维护费, in every amount
    column (预算数, 决算数, 上年, 本年, 增减额), items down the rows or across the
    columns, in any layout. Rows such as 会议费 or 培训费 printed under the table
    are not part of the 合计. When only the 公务用车 小计 disagrees with its
    sub-items and the 合计 holds with them in its place, the 小计 alone is reported.

    Why it matters: the “三公” figures are the most read part of a disclosure; a
    合计 that its items contradict is noticed by the public first.

    Example: 公务用车费 0 with 其中 公务用车运行维护费 32.65 and 公务用车购置 0:
    0 ≠ 32.65 + 0 (the 合计 34.35 = 0 + 1.70 + 32.65 holds with the sub-items).

    Fix: correct the 合计 or the item.
    """
    for t in ctx.three_public:
        for j, col in enumerate(t.columns):
            if col.role == "rate":
                continue
            for whole, parts in PARTS.items():
                total = t.cell(whole, j)
                cells = [(p, t.cell(p, j)) for p in parts]
                if total is None or any(c is None for _, c in cells):
                    continue
                if whole == "total" and _subtotal_breaks(ctx, t, j):
                    continue  # the 合计 holds with the 公务用车 sub-items: the 小计 alone is wrong (reported there)
                what = ("各项之和", "the sum of the items") if whole == "total" else \
                    ("购置费与运行维护费之和", "purchase plus running costs")
                check_sum(ctx, (_name(t, whole, j), total), [(_name(t, p, j), c) for p, c in cells], *what)


@rule("BL123", "three-public-change", Severity.ERROR)
def three_public_change(ctx) -> None:
    """“三公”经费增减额与两年之差不符 — a 增减额 cell is not 本年 − 上年.

    What it checks: in a 三公 table with 上年 and 本年 columns (or two years),
    each item's 增减额 equals its 本年 amount minus its 上年 amount, within the
    rounding of the three cells.

    Why it matters: the 增减额 is what readers compare between years; a figure
    that the two years do not give misstates the change.

    Example: 上年 13.06, 本年 10.20, 增减额 −2.68: 10.20 − 13.06 = −2.86.

    Fix: recompute the 增减额 from the two years.
    """
    for t in ctx.three_public:
        years, change = t.years(), t.column("change")
        if years is None or change is None:
            continue
        prev, cur = years
        for item in t.cells:
            c, a, b = t.cell(item, change), t.cell(item, cur), t.cell(item, prev)
            if c is not None and a is not None and b is not None:
                check_sum(ctx, (_name(t, item, change), c), [(_name(t, item, cur), a), (_name(t, item, prev), b)],
                          "本年与上年之差", "this year minus last year", sign=[1, -1])


def _rate_interval(ctx, change: Cell, prev: Cell) -> Optional[Interval]:
    d, p = cell_interval(ctx, change), cell_interval(ctx, prev)
    if d is None or p is None or p.lo <= 0:
        return None
    q = d / p
    return q.scale(Decimal(100)) if q is not None else None


@rule("BL124", "three-public-rate", Severity.ERROR)
def three_public_rate(ctx) -> None:
    """“三公”经费增减率与增减额不符 — a 增减率 cell is not 增减额 ÷ 上年.

    What it checks: each item's 增减率 equals its 增减额 divided by its 上年
    amount. Inputs and the stated rate are taken as the intervals their
    rounding allows; a rate of an item whose 上年 amount is 0 is not checked.

    Why it matters: a rate computed on the wrong base (本年 instead of 上年) or
    with a slipped digit overstates or hides the change.

    Example: 上年 13.06, 增减额 −2.86, 增减率 −2.19%: −2.86 ÷ 13.06 = −21.90%.

    Fix: recompute the rate on the 上年 amount.
    """
    for t in ctx.three_public:
        years, rate, change = t.years(), t.column("rate"), t.column("change")
        if years is None or rate is None:
            continue
        prev, cur = years
        for item in t.cells:
            r, b = t.cell(item, rate), t.cell(item, prev)
            d = t.cell(item, change) if change is not None else None
            if r is None or b is None or is_blank(r) or value_of(r) is None or value_of(b) in (None, Decimal(0)):
                continue
            if d is None:
                continue
            iv = _rate_interval(ctx, d, b)
            stated = value_of(r)
            if iv is None or iv.overlaps(Interval.exact(stated).widen(half_unit(r.decimals))):
                continue
            exact = value_of(d) / value_of(b) * 100
            shown = max(r.decimals, 2)
            ctx.report(r.span, zh=f"{_name(t, item, rate)} {r.text.strip()} 与 增减额 {d.text.strip()} ÷ 上年 {b.text.strip()} = {fmt(exact, shown)}% 不符",
                       en=f"{_name(t, item, rate)} {r.text.strip()} differs from {d.text.strip()} / {b.text.strip()} = {fmt(exact, shown)}%",
                       evidence=Evidence(stated=r.text.strip(), recomputed=f"{fmt(exact, shown)}%",
                                         operands=[Operand(label=_name(t, item, change), value=d.text.strip(), span=d.span),
                                                   Operand(label=_name(t, item, prev), value=b.text.strip(), span=b.span)],
                                         difference=fmt(stated - exact, shown), suggestion=f"{fmt(exact, r.decimals)}%"),
                       related=[d.span, b.span])
