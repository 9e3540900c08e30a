"""BL520–BL522: the 项目资金 block of a 项目支出绩效自评表 (执行率, its 得分, sources adding up)."""
from __future__ import annotations

from decimal import Decimal

from ..model import Severity
from ..numbers import Interval, fmt, half_unit
from ..tables.scores import ScoreItem, ScoreTable, precision, sum_tolerance
from . import rule
from ._scores import differs, total_of
from ._util import operand, report_recomputed


def _fund_rows(table: ScoreTable) -> list[tuple[ScoreItem, list[ScoreItem]]]:
    """Each 年度资金总额 row with the source rows (当年财政拨款, 上年结转, 其他资金) that follow it."""
    out, i = [], 0
    items = table.items
    while i < len(items):
        if items[i].kind == "budget":
            j = i + 1
            while j < len(items) and items[j].kind == "budget":
                j += 1
            out.append((items[i], items[i + 1:j]))
            i = j
        else:
            i += 1
    return out


_COLUMNS = {"budget_initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数"}


@rule("BL520", "execution-rate", Severity.ERROR)
def execution_rate(ctx) -> None:
    """执行率与全年执行数/全年预算数不符 — the 执行率 of a 项目支出绩效自评表 row is off.

    What it checks: 执行率 = 全年执行数 ÷ 全年预算数 (the adjusted budget). When the stated rate
    only matches 全年执行数 ÷ 年初预算数 the finding says that base was used;
    when it matches neither it gives the recomputed rate.

    Why it matters: the execution rate decides the budget-execution score; a wrong rate gives a
    wrong score.

    Example: 全年预算数 150, 全年执行数 138, 执行率 95%: 138 ÷ 150 = 92.00%.

    Fix: recompute the rate on 全年预算数.
    """
    for table in ctx.score_tables:
        for row, _ in _fund_rows(table):
            if row.rate is None or row.executed is None or row.budget is None or row.budget.value == 0:
                continue
            stated = ctx.interval(row.rate)
            nums = [row.executed, row.budget] + ([row.budget_initial] if row.budget_initial else [])
            tol = sum_tolerance(nums)
            ex = Interval.exact(row.executed.value).widen(tol)
            on_budget = (ex / Interval.exact(row.budget.value).widen(tol)).scale(Decimal(100))
            if on_budget.overlaps(stated):
                continue
            d = max(row.rate.decimals, 2)
            note = None
            if row.budget_initial is not None and row.budget_initial.value:
                on_initial = (ex / Interval.exact(row.budget_initial.value).widen(tol)).scale(Decimal(100))
                if on_initial.overlaps(stated):
                    note = f"所述执行率以年初预算数 {row.budget_initial.text} 为基数"
            report_recomputed(ctx, row.rate, on_budget.mid,
                              zh=f"{row.label}执行率 {row.rate.text}% 与 全年执行数 {row.executed.text} ÷ 全年预算数 "
                                 f"{row.budget.text} = {fmt(on_budget.mid, d)}% 不符",
                              en=f"{row.label}: execution rate {row.rate.text}% differs from {row.executed.text} / "
                                 f"{row.budget.text} = {fmt(on_budget.mid, d)}%",
                              operands=[operand("全年执行数", row.executed), operand("全年预算数", row.budget)],
                              decimals=d, note=note, unit="%")


@rule("BL521", "execution-score", Severity.ERROR)
def execution_score(ctx) -> None:
    """预算执行率得分与执行率×分值不符 — the budget-execution score is not rate × weight (capped at the weight).

    What it checks: in the 项目支出绩效自评表 the budget-execution score is 执行率 × 分值, and
    never more than the 分值: 92% × 10 = 9.2. The stated 执行率 is used (BL520
    checks the rate itself).

    Why it matters: the budget-execution score is computed, not judged; a different score is an
    arithmetic error in the 评分表.

    Example: 执行率 92%, 分值 10, 得分 10: 92% × 10 = 9.2.

    Fix: correct the 得分.
    """
    for table in ctx.score_tables:
        for row, _ in _fund_rows(table):
            if row.rate is None or row.weight is None or row.score is None:
                continue
            rate = ctx.interval(row.rate).scale(Decimal("0.01"))
            want = Interval(min(rate.lo, Decimal(1)), min(rate.hi, Decimal(1))).scale(row.weight.value)
            stated = Interval.exact(row.score.value).widen(half_unit(row.score.decimals))
            if want.overlaps(stated):
                continue
            d = max(row.score.decimals, 2)
            report_recomputed(ctx, row.score, want.mid,
                              zh=f"预算执行率得分 {row.score.text} 分，按 执行率 {row.rate.text}% × 分值 {row.weight.text} "
                                 f"应为 {fmt(want.mid, d)} 分",
                              en=f"budget execution score {row.score.text}; {row.rate.text}% × {row.weight.text} gives "
                                 f"{fmt(want.mid, d)}",
                              operands=[operand("执行率", row.rate), operand("分值", row.weight)],
                              decimals=d, unit="分", suggestion=f"{fmt(want.mid, d)}分")


@rule("BL522", "fund-sources", Severity.ERROR)
def fund_sources(ctx) -> None:
    """年度资金总额与各资金来源之和不符 — per column of the 项目支出绩效自评表.

    What it checks: for 年初预算数, 全年预算数 and 全年执行数 alike, 年度资金总额 = 当年财政拨款 +
    上年结转资金 + 其他资金 (empty cells and 「—」 count as not stated; a column is
    checked when every source states it).

    Why it matters: the total funds of a project must be the sum of their sources; a mismatch hides
    money with no stated source.

    Example: 年度资金总额 138 with 当年财政拨款 126 + 上年结转资金 10 = 136.

    Fix: correct the total or the source that was mistyped.
    """
    for table in ctx.score_tables:
        for row, sources in _fund_rows(table):
            if len(sources) < 2:
                continue
            for col, name in _COLUMNS.items():
                total = getattr(row, col)
                parts = [getattr(s, col) for s in sources]
                if total is None or any(p is None for p in parts) or not differs(total, parts):
                    continue
                got = total_of(parts)
                d = precision(parts + [total])
                report_recomputed(ctx, total, got,
                                  zh=f"{row.label}{name} {total.text}，各资金来源合计 {fmt(got, d)}",
                                  en=f"{row.label} {name} {total.text}, but its sources add up to {fmt(got, d)}",
                                  operands=[operand(f"{s.label}{name}", p) for s, p in zip(sources, parts)],
                                  decimals=d, unit="", suggestion=fmt(got, d))
