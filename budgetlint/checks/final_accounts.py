"""BL111–BL117: the identities within each standard 部门决算公开表格 (ledgers and classification tables).

Tables are recognised by ``budgetlint.tables.final_accounts``; each rule here
is one identity the national template imposes. Every cell is taken as the
interval its rounding allows (a blank cell is an exact 0, the tables'
convention), and a total may differ by the document's 0.01 tail, so only
differences rounding cannot explain are reported, at the total's cell, with
the parts as operands.
"""
from __future__ import annotations

from typing import Optional

from ..model import Severity
from ..tables.final_accounts import Line
from ..tables.model import Cell
from . import rule
from ._cells import check_sum, label


def first_value(line: Line) -> tuple[str, Optional[Cell]]:
    for k, c in line.cells.items():
        return k, c
    return "", None


# ---------------------------------------------------------------------------
# ledger tables (收入支出决算总表, 财政拨款收入支出决算总表)

def _ledger_groups(lines: list[Line]):
    """Split one side of a ledger: (合计 line, numbered items before it, [(addend, its sub-items)], 总计 line)."""
    items, total, addends, grand = [], None, [], None
    for ln in lines:
        name = ln.name
        if name in ("总计", "收入总计", "支出总计"):
            grand = ln
        elif total is None and name.endswith("合计"):
            total = ln
        elif total is None:
            if ln.numbered:
                items.append(ln)
        elif ln.numbered and addends:
            addends[-1][1].append(ln)
        elif not ln.numbered and ln.label:
            addends.append((ln, []))
    return total, items, addends, grand


def _ledgers(ctx):
    for t in ctx.final_tables:
        if t.kind in ("summary", "fiscal_summary"):
            for side, cols in enumerate(t.columns):
                yield t, side, cols, _ledger_groups(t.side_lines(side))


@rule("BL111", "table-items-sum", Severity.ERROR)
def table_items_sum(ctx) -> None:
    """决算总表各项之和与本年收入（支出）合计不符 — the numbered items do not add up to their 合计.

    What it checks: in 收入支出决算总表 and 财政拨款收入支出决算总表 the numbered lines (一、一般
    公共预算财政拨款收入 … 八、其他收入; 一、一般公共服务支出 …) add up to 本年收入
    合计 / 本年支出合计, in every value column; the numbered lines under 年初（年末）
    结转和结余 add up to it.

    Why it matters: the 总表 is the first table a reader checks; a 合计 that its items contradict makes
    every figure of the disclosure doubtful.

    Example: 支出 items 264.87 + 10.82 + 2.71 + 29.42 = 307.82, so 本年支出合计
    317.82 is wrong.

    Fix: correct the item or the 合计 (the finding suggests the sum).
    """
    for t, side, cols, (total, items, addends, _) in _ledgers(ctx):
        for col in cols:
            if total is not None and items:
                check_sum(ctx, (label(t, total, col), total.cells.get(col)),
                          [(label(t, ln, col), ln.cells.get(col)) for ln in items if ln.cells.get(col) is not None],
                          "各项之和", "the sum of the items")
            for addend, subs in addends:
                if subs:
                    check_sum(ctx, (label(t, addend, col), addend.cells.get(col)),
                              [(label(t, ln, col), ln.cells.get(col)) for ln in subs if ln.cells.get(col) is not None],
                              "其下各项之和", "the sum of its sub-items")


@rule("BL112", "table-grand-total", Severity.ERROR)
def table_grand_total(ctx) -> None:
    """总计与本年合计加结转结余不符 — 总计 ≠ 本年合计 + 结余 lines.

    What it checks: 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余;
    支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余 (财政拨款收入支出决算总表:
    本年收入合计 + 年初财政拨款结转和结余, 本年支出合计 + 年末财政拨款结转和结余).

    Why it matters: the 总计 is what the unit had and spent; an error here breaks the balance of the
    whole table.

    Example: 本年收入合计 9746.50 + 年初结转和结余 112.88 = 9859.38 = 总计.

    Fix: correct the 总计 or the line that is wrong.
    """
    for t, side, cols, (total, items, addends, grand) in _ledgers(ctx):
        if total is None or grand is None:
            continue
        for col in cols:
            parts = [(label(t, total, col), total.cells.get(col))]
            parts += [(label(t, a, col), a.cells.get(col)) for a, _ in addends if a.cells.get(col) is not None]
            check_sum(ctx, (label(t, grand, col), grand.cells.get(col)), [p for p in parts if p[1] is not None],
                      "本年合计与结转结余之和", "本年合计 plus the balances")


@rule("BL113", "table-totals-balance", Severity.ERROR)
def table_totals_balance(ctx) -> None:
    """收入总计与支出总计不等 — the two sides of a 决算总表 must balance.

    What it checks: in 收入支出决算总表 and 财政拨款收入支出决算总表 the 收入 side's 总计 equals the
    支出 side's 总计 (its 合计 column).

    Why it matters: a 决算总表 that does not balance has lost or invented money on one side.

    Example: 收入总计 9859.38 against 支出总计 9869.38.

    Fix: find the side whose lines are wrong (BL111/BL112 usually point at it).
    """
    for t in ctx.final_tables:
        if t.kind not in ("summary", "fiscal_summary") or len(t.columns) < 2:
            continue
        grands = [_ledger_groups(t.side_lines(s))[3] for s in (0, 1)]
        if not all(grands):
            continue
        left = (label(t, grands[0], "收入"), first_value(grands[0])[1])
        right = first_value(grands[1])[1]
        if left[1] is None or right is None:
            continue
        check_sum(ctx, (label(t, grands[1], "支出"), right), [left], "收入总计", "the income 总计")


# ---------------------------------------------------------------------------
# classification tables (收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表, 基金, 国资)

def _children(lines: list[Line], parent: Line) -> list[Line]:
    want = {1: 5, 2: 7}.get(parent.level)
    return [ln for ln in lines if want and len(ln.code) == want and ln.code.startswith(parent.code)]


@rule("BL115", "class-hierarchy", Severity.ERROR)
def class_hierarchy(ctx) -> None:
    """类 ≠ Σ款 or 款 ≠ Σ项 — a functional-classification row does not add up.

    What it checks: in tables listed by 支出功能分类科目 (收入决算表, 支出决算表, 一般公共预算财政
    拨款支出决算表, 政府性基金/国有资本经营预算表), each 类 (3-digit code) is the
    sum of its 款 (5 digits) and each 款 the sum of its 项 (7 digits), column by
    column. The 基本支出决算表 does the same with 经济分类 codes (301 = Σ 301xx).

    Why it matters: the classification codes promise that each level adds up; a row that does not
    was mistyped or misclassified.

    Example: 201 一般公共服务支出 264.87 with 款 20139 社会工作事务 254.87.

    Fix: correct the row that is wrong.
    """
    for t in ctx.final_tables:
        for parent in t.lines:
            kids = [k for k in _children(t.lines, parent) if k.side == parent.side]
            if not kids:
                continue
            for col, cell in parent.cells.items():
                check_sum(ctx, (label(t, parent, col), cell),
                          [(label(t, k, col), k.cells[col]) for k in kids if col in k.cells],
                          "下级科目之和", "the sum of its sub-classes")


@rule("BL116", "table-total-row", Severity.ERROR)
def table_total_row(ctx) -> None:
    """合计行与各类之和不符 — the 合计 row is not the sum of the 类 rows.

    What it checks: in classification tables the 合计 row equals the sum of the 类 (top-level)
    rows in every column. In 一般公共预算财政拨款基本支出决算表 the 人员经费合计
    and 公用经费合计 equal the sum of the 经济分类 类 on their side (工资福利支出 +
    对个人和家庭的补助; 商品和服务支出 + 资本性支出 …).

    Why it matters: the 合计 row is the figure other tables and the 说明 repeat; if the 类 rows
    contradict it, the error spreads.

    Example: 合计 1200.00 with 类 rows 850.00 + 340.00 = 1190.00.

    Fix: correct the 合计 or the row that is wrong.
    """
    for t in ctx.final_tables:
        for total in t.lines:
            if not total.name.endswith("合计") or total.code:
                continue
            tops = [ln for ln in t.lines if ln.side == total.side and ln.level == 1]
            if not tops:
                continue
            for col, cell in total.cells.items():
                check_sum(ctx, (label(t, total, col), cell),
                          [(label(t, k, col), k.cells[col]) for k in tops if col in k.cells],
                          "各类之和", "the sum of the 类 rows")


_COMPONENT_STOP = ("年末结转和结余", "年初结转和结余", "本年收入")


@rule("BL117", "table-row-total", Severity.ERROR)
def table_row_total(ctx) -> None:
    """合计列与各列之和不符 — a row's 合计 column is not the sum of its component columns.

    What it checks: 本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴
    收入 + 其他收入; 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 +
    对附属单位补助支出; in 一般公共预算财政拨款支出决算表 合计 = 基本支出 + 项目支出;
    in 财政拨款收入支出决算总表 合计 = 一般公共预算 + 政府性基金 + 国有资本经营预算.

    Why it matters: each column splits the row's money by source or purpose; a 合计 that its columns
    contradict hides an unexplained difference.

    Example: 本年支出合计 317.82 with 基本支出 200.00 + 项目支出 107.82 = 307.82.

    Fix: correct the row's 合计 or the component that is wrong.
    """
    for t in ctx.final_tables:
        for cols in t.columns:
            tot = next((i for i, c in enumerate(cols) if c.endswith(("合计", "小计"))), None)
            if tot is None:
                continue
            comps = []
            for c in cols[tot + 1:]:
                if c in _COMPONENT_STOP or c.endswith(("结转和结余", "决算数", "预算数")):
                    break
                comps.append(c)
            if len(comps) < 2:
                continue
            for ln in t.lines:
                if cols[tot] in ln.cells:
                    check_sum(ctx, (label(t, ln, cols[tot]), ln.cells[cols[tot]]),
                              [(label(t, ln, c), ln.cells[c]) for c in comps if c in ln.cells],
                              "各列之和", "the sum of the component columns")
