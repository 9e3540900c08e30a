"""BL110–BL149: the identities of the standard 部门决算公开表格.

Tables are recognised by ``budgetlint.tables.final_accounts``; each rule here
is one identity the national template imposes. Every cell is taken as the
interval its rounding allows (a blank cell is an exact 0, the tables'
convention), and a total may differ by the document's 0.01 tail, so only
differences rounding cannot explain are reported, at the total's cell, with
the parts as operands.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..facts import Amount
from ..model import Evidence, Operand, Severity
from ..numbers import Interval, fmt, half_unit, isum
from ..tables.final_accounts import NAMES, REQUIRED, FinalTable, Line, is_blank, value_of
from ..tables.model import Cell
from . import rule

Part = tuple[str, Cell]  # (label, cell)


def by_kind(ctx, kind: str) -> Optional[FinalTable]:
    return next((t for t in ctx.final_tables if t.kind == kind), None)


def cell_interval(ctx, cell: Cell, tail: bool = False) -> Optional[Interval]:
    """Values a cell may stand for; blank and zero cells are exact 0, unreadable cells None."""
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
    ctx.report(
        t_cell.span,
        zh=f"{t_label} {t_cell.text.strip() or '（空）'} 与{what_zh} {fmt(computed, d)} 不符，相差 {fmt(abs(computed - stated), d)}",
        en=f"{t_label} {t_cell.text.strip() or '(blank)'} differs from {what_en} {fmt(computed, d)} (difference {fmt(abs(computed - stated), d)})",
        evidence=Evidence(stated=t_cell.text.strip() or "0", recomputed=fmt(computed, d),
                          operands=[Operand(label=lb, value=c.text.strip() or "0", span=c.span) for lb, c in parts],
                          difference=fmt(computed - stated, d), suggestion=fmt(computed, d)),
        related=[c.span for c in cells], code=code,
    )
    return True


def _first_value(line: Line) -> tuple[str, Optional[Cell]]:
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
        left = (label(t, grands[0], "收入"), _first_value(grands[0])[1])
        right = _first_value(grands[1])[1]
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


@rule("BL118", "basic-expenditure-split", Severity.ERROR)
def basic_expenditure_split(ctx) -> None:
    """基本支出 ≠ 人员经费 + 公用经费 — across the 一般公共预算 tables.

    What it checks: the 基本支出 合计 of 一般公共预算财政拨款支出决算表 equals 人员经费合计 +
    公用经费合计 of 一般公共预算财政拨款基本支出决算表.

    Why it matters: the 基本支出 of one table is split into 人员经费 and 公用经费 in the next; when they
    disagree, one table misstates the money.

    Example: 基本支出 5364.75 with 人员经费合计 4884.09 and 公用经费合计 480.66.

    Fix: correct the table that is wrong.
    """
    gpb, basic = by_kind(ctx, "gpb_expenditure"), by_kind(ctx, "gpb_basic")
    if gpb is None or basic is None or gpb.total_line() is None:
        return
    total = gpb.total_line()
    cell = total.cells.get("基本支出")
    staff, public = basic.find("人员经费合计", "人员经费"), basic.find("公用经费合计", "公用经费")
    if cell is None or staff is None or public is None:
        return
    parts = [(label(basic, ln), _first_value(ln)[1]) for ln in (staff, public)]
    if all(c is not None for _, c in parts):
        check_sum(ctx, (label(gpb, total, "基本支出"), cell), parts, "人员经费与公用经费之和",
                  "人员经费 plus 公用经费")


_THREE = [("total", ("合计",)), ("abroad", ("因公出国",)), ("cars", ("小计",)), ("buy", ("购置费",)),
          ("run", ("运行",)), ("reception", ("接待",))]


def three_public_cells(t: FinalTable) -> dict[tuple[str, str], Cell]:
    """三公 table cells keyed by (item, 'budget'|'actual')."""
    out: dict[tuple[str, str], Cell] = {}
    line = next((ln for ln in t.lines if ln.cells), None)
    if line is None:
        return out
    for col, cell in line.cells.items():
        role = "budget" if col.endswith("预算数") else "actual" if col.endswith("决算数") else ""
        name = col.replace("购置及运行", "")
        for item, words in _THREE:
            if role and any(w in name for w in words) and (item, role) not in out:
                if item == "run" and "购置费" in name:
                    continue
                out[(item, role)] = cell
                break
    return out


_THREE_ZH = {"total": "合计", "abroad": "因公出国（境）费", "cars": "公务用车购置及运行维护费",
             "buy": "公务用车购置费", "run": "公务用车运行维护费", "reception": "公务接待费"}


@rule("BL119", "three-public-sum", Severity.ERROR)
def three_public_sum(ctx) -> None:
    """“三公”经费合计与各项之和不符 — the “三公” items do not add up to their 合计.

    What it checks: “三公”经费 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费, and
    公务用车购置及运行维护费 = 公务用车购置费 + 公务用车运行维护费, for 预算数 and
    决算数 alike.

    Why it matters: the “三公” figures are the most read part of a disclosure; a 合计 that its items
    contradict is noticed by the public first.

    Example: 合计 8.60 with 因公出国（境）费 1.00 + 公务用车购置及运行维护费 5.20 + 公务接待费 2.50 = 8.70.

    Fix: correct the 合计 or the item.
    """
    t = by_kind(ctx, "three_public")
    if t is None:
        return
    cells = three_public_cells(t)
    for role, word in (("budget", "预算数"), ("actual", "决算数")):
        def part(item):
            c = cells.get((item, role))
            return (f"{t.name}·{_THREE_ZH[item]}·{word}", c) if c is not None else None

        tot, cars = part("total"), part("cars")
        items = [p for p in (part("abroad"), cars, part("reception")) if p]
        if tot and len(items) == 3:
            check_sum(ctx, tot, items, "各项之和", "the sum of the items")
        subs = [p for p in (part("buy"), part("run")) if p]
        if cars and len(subs) == 2:
            check_sum(ctx, cars, subs, "购置费与运行维护费之和", "purchase plus running costs")


# ---------------------------------------------------------------------------
# the same quantity in two tables

def _class_lines(t: FinalTable) -> dict[str, Line]:
    """Top-level expenditure classes by folded name (类 rows, or numbered 支出 lines of a ledger)."""
    if t.kind in ("summary", "fiscal_summary"):
        return {ln.name: ln for ln in t.side_lines(1) if ln.numbered}
    return {ln.name: ln for ln in t.classes()}


def cross_pairs(ctx):
    """(label_a, cell_a, label_b, cell_b): cells that the template says hold the same quantity."""
    s, inc, exp = by_kind(ctx, "summary"), by_kind(ctx, "income"), by_kind(ctx, "expenditure")
    fs, gpb = by_kind(ctx, "fiscal_summary"), by_kind(ctx, "gpb_expenditure")
    pairs = []

    def first(ln):
        return _first_value(ln)[1] if ln else None

    if s and inc and inc.total_line():
        ln = s.find("本年收入合计", side=0)
        c = inc.total_line().cells.get("本年收入合计")
        if ln and c is not None:
            pairs.append((label(s, ln), first(ln), label(inc, inc.total_line(), "本年收入合计"), c))
    if s and exp and exp.total_line():
        ln = s.find("本年支出合计", side=1)
        c = exp.total_line().cells.get("本年支出合计")
        if ln and c is not None:
            pairs.append((label(s, ln), first(ln), label(exp, exp.total_line(), "本年支出合计"), c))
    if s and exp:
        rows = _class_lines(exp)
        for name, ln in _class_lines(s).items():
            if name in rows and "本年支出合计" in rows[name].cells:
                pairs.append((label(s, ln), first(ln), label(exp, rows[name], "本年支出合计"),
                              rows[name].cells["本年支出合计"]))
    if fs and gpb:
        rows = _class_lines(gpb)
        for name, ln in _class_lines(fs).items():
            c = ln.cells.get("一般公共预算财政拨款")
            if name in rows and c is not None and "合计" in rows[name].cells:
                pairs.append((label(fs, ln, "一般公共预算财政拨款"), c, label(gpb, rows[name], "合计"),
                              rows[name].cells["合计"]))
        ln = fs.find("本年支出合计", side=1)
        if ln and gpb.total_line() and ln.cells.get("一般公共预算财政拨款") is not None:
            pairs.append((label(fs, ln, "一般公共预算财政拨款"), ln.cells["一般公共预算财政拨款"],
                          label(gpb, gpb.total_line(), "合计"), gpb.total_line().cells.get("合计")))
    return [p for p in pairs if p[1] is not None and p[3] is not None]


@rule("BL120", "cross-table", Severity.ERROR)
def cross_table(ctx) -> None:
    """两张决算表中同一数据不一致 — the same quantity differs between two tables.

    What it checks: 本年收入合计 of 收入支出决算总表 equals the 合计 of 收入决算表; 本年支出合计 and
    each 支出 class equal the 支出决算表 rows; each class of 财政拨款收入支出决算总表
    (一般公共预算财政拨款 column) equals the 一般公共预算财政拨款支出决算表 row.
    A difference within the 0.01 tail (sums of rounded rows) is not reported.

    Why it matters: the nine tables restate the same quantities; the same figure must be the same in
    every table.

    Example: 本年支出合计 9759.38 in 收入支出决算总表, 9769.38 in 支出决算表.

    Fix: correct the table that is wrong.
    """
    for la, ca, lb, cb in cross_pairs(ctx):
        check_sum(ctx, (lb, cb), [(la, ca)], la, la)


@rule("BL121", "cell-unreadable", Severity.INFO)
def cell_unreadable(ctx) -> None:
    """决算表单元格无法读取，未检查 — a value cell holds text that is not a number.

    What it checks: A value cell such as 「1,2O4.5」 (letter O) or 「见附表」 cannot take part in
    the identities; the identities it belongs to are not checked. This is
    reported so that "no finding" is not mistaken for "checked".

    Why it matters: a cell that cannot be read leaves its identities unchecked; saying so keeps "no
    finding" from meaning "checked".

    Example: a 决算数 cell reading 「1,2O4.5」.

    Fix: write the number, or leave the cell blank when the value is zero.
    """
    for t in ctx.final_tables:
        for ln in t.lines:
            for col, cell in ln.cells.items():
                if not is_blank(cell) and value_of(cell) is None:
                    ctx.report(cell.span, zh=f"{label(t, ln, col)} 的内容「{cell.text.strip()}」不是数字，相关勾稽关系未检查",
                               en=f"{label(t, ln, col)} holds '{cell.text.strip()}', not a number; its identities were not checked")


@rule("BL110", "tables-missing", Severity.INFO)
def tables_missing(ctx) -> None:
    """决算公开表格不全 — a 决算 disclosure lacks some of the nine standard tables.

    What it checks: A complete 部门决算 disclosure publishes 收入支出决算总表, 收入决算表, 支出决算表,
    财政拨款收入支出决算总表, 一般公共预算财政拨款支出决算表, 一般公共预算财政拨款
    基本支出决算表, 财政拨款“三公”经费支出决算表, 政府性基金预算财政拨款收入支出
    决算表 and 国有资本经营预算财政拨款收入支出决算表. When some are recognised and
    others are not, the missing ones are listed (info: they may sit in another file).
    A 情况说明 published without any table gets one info note saying that its
    figures were not compared with tables.

    Why it matters: a 决算 disclosure is judged complete only with all nine tables; and a 说明 without
    tables cannot be checked against them, so silence would look like a clean result.

    Example: a 说明 that shows 收入支出决算总表 and 支出决算表 but not the other seven tables.

    Fix: publish the missing tables (an empty table still keeps its format).
    """
    found = {t.kind for t in ctx.final_tables}
    if not found & set(REQUIRED):
        at = ctx.facts.final_accounts_note
        amounts = sum(1 for a in ctx.facts.of(Amount) if a.value.is_money)
        if at is not None and amounts >= 3:
            ctx.report(at, zh="未找到决算公开表格：情况说明中的数字未与表格比对",
                       en="no 决算 tables found: the figures of the 情况说明 were not compared with tables")
        return
    missing = [NAMES[k] for k in REQUIRED if k not in found]
    if missing:
        first = min(ctx.final_tables, key=lambda t: t.span.start)
        ctx.report(first.parts[0].rows[0].span if first.parts[0].rows else first.span,
                   zh=f"决算公开表格缺少：{'、'.join(missing)}",
                   en=f"the 决算 disclosure lacks: {', '.join(missing)}")


@rule("BL122", "cross-table-tail", Severity.INFO)
def cross_table_tail(ctx) -> None:
    """两张决算表中同一数据仅差尾数 — two tables hold the same quantity a cent apart.

    What it checks: 「卫生健康支出」 236.63 in 收入支出决算总表 and 236.64 in 支出决算表: a class
    total summed from rounded rows in one table and rounded from 元 in the
    other. Within the 0.01 tail this is not an error (BL120 stays silent); it
    is shown for readers who want the tables to agree to the cent.

    Why it matters: a cent apart is explained by rounding, but readers who compare the tables will
    ask; the note tells them why.

    Example: 卫生健康支出 236.63 in 收入支出决算总表 and 236.64 in 支出决算表.

    Fix: take both figures from the same source.
    """
    for la, ca, lb, cb in cross_pairs(ctx):
        a, b = value_of(ca), value_of(cb)
        ia, ib = cell_interval(ctx, ca), cell_interval(ctx, cb, tail=True)
        if a is None or b is None or a == b or ia is None or ib is None or not ia.overlaps(ib):
            continue
        ctx.report(cb.span, zh=f"{lb} {cb.text.strip()} 与 {la} {ca.text.strip()} 仅差尾数",
                   en=f"{lb} {cb.text.strip()} and {la} {ca.text.strip()} differ by the rounding tail only",
                   evidence=Evidence(stated=cb.text.strip(), recomputed=ca.text.strip(),
                                     operands=[Operand(label=la, value=ca.text.strip(), span=ca.span)],
                                     difference=str(b - a)),
                   related=[ca.span])
