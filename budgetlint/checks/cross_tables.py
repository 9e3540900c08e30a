"""BL118, BL120, BL122: the same quantity in two standard 决算 tables."""
from __future__ import annotations


from ..model import Evidence, Operand, Severity
from ..tables.final_accounts import FinalTable, Line, value_of
from . import rule
from ._cells import by_kind, cell_interval, check_sum, first_value, label


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
    parts = [(label(basic, ln), first_value(ln)[1]) for ln in (staff, public)]
    if all(c is not None for _, c in parts):
        check_sum(ctx, (label(gpb, total, "基本支出"), cell), parts, "人员经费与公用经费之和",
                  "人员经费 plus 公用经费")


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
        return first_value(ln)[1] if ln else None

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
