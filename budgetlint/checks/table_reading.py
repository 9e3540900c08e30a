"""BL110, BL121, BL125: tables missing, cells unreadable, tables seen but not rebuilt — "no finding" is not "checked"."""
from __future__ import annotations

from itertools import islice

from ..facts import Amount
from ..model import Severity
from ..tables.final_accounts import is_blank, value_of
from ..tables.vocabulary import NAMES, REQUIRED
from ..tables.rebuild import column_meaning, is_header_cell
from . import rule
from ._cells import label


def _standard_header(tb) -> bool:
    """Header words of the standard tables (three or more meanings) and five or more number cells."""
    texts = [c.text for r in tb.rows for c in r.cells]
    meanings = {column_meaning(t) for t in texts if t.strip() and is_header_cell(t)} - {None, "label"}
    numbers = (c for r in tb.rows for c in r.cells if c.number is not None)
    return len(meanings) >= 3 and next(islice(numbers, 4, None), None) is not None  # a fifth: the cells stop there


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
        money = (a for a in ctx.facts.of(Amount) if a.value.is_money)
        if at is not None and next(islice(money, 2, None), None) is not None:  # three amounts or more
            ctx.report(at, zh="未找到决算公开表格：情况说明中的数字未与表格比对",
                       en="no 决算 tables found: the figures of the 情况说明 were not compared with tables")
        return
    missing = [NAMES[k] for k in REQUIRED if k not in found]
    if missing:
        first = min(ctx.final_tables, key=lambda t: t.span.start)
        ctx.report(first.parts[0].rows[0].span if first.parts[0].rows else first.span,
                   zh=f"决算公开表格缺少：{'、'.join(missing)}",
                   en=f"the 决算 disclosure lacks: {', '.join(missing)}")


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
        if t.kind == "three_public" and all(p.source == "text" for p in t.parts):
            continue  # read by the 三公 reader, which says when it cannot (BL125)
        for ln in t.lines:
            for col, cell in ln.cells.items():
                if not is_blank(cell) and value_of(cell) is None:
                    ctx.report(cell.span, zh=f"{label(t, ln, col)} 的内容「{cell.text.strip()}」不是数字，相关勾稽关系未检查",
                               en=f"{label(t, ln, col)} holds '{cell.text.strip()}', not a number; its identities were not checked")


@rule("BL125", "table-not-rebuilt", Severity.INFO)
def table_not_rebuilt(ctx) -> None:
    """表格行无法可靠还原，未检查 — a table's header is recognised but its rows cannot be rebuilt.

    What it checks: the table counterpart of BL901. When a row holds more or
    fewer values than the header has columns (cells dropped by the export,
    values run together), when a table is flattened onto one line with its
    labels and values apart (only the 分值 written beside their labels, 「产出指标
    (60 分)」, are then checked, by BL502), or when the header words of a standard table are
    there but none of its numbers could be placed, the table is not checked
    rather than guessed at, and this note says where.

    Why it matters: "no finding" must not be mistaken for "checked"; a guessed
    row would turn a layout problem into a false alarm.

    Example: 项目 | 2016年执行数 | 2017年预算数, then 「公务接待费 150000」 with one
    value for two columns.

    Fix: publish the table with every cell, empty ones included.
    """
    for tb in ctx.tables:
        if tb.span is None or tb.source != "text":
            continue
        if tb.unread == "flattened" and tb.scores is not None:
            ctx.report(tb.span, zh="表格被压成一行，单元格与数值无法可靠对应，仅检查了标注在名称后的分值",
                       en="a table flattened onto one line: its values cannot be matched to their rows; "
                          "only the 分值 written beside their labels were checked")
        elif tb.unread == "flattened":
            ctx.report(tb.span, zh="表格被压成一行，单元格与数值无法可靠对应，表格未检查",
                       en="a table flattened onto one line: its labels and values cannot be matched reliably; not checked")
        elif any(tb is u for u in ctx.unread_tables) and _standard_header(tb):
            first = next(c for r in tb.rows for c in r.cells if c.text.strip())
            ctx.report(first.span, zh="识别到标准表格的表头，但表格各行无法可靠还原，表格未检查",
                       en="the header of a standard table is recognised but its rows cannot be rebuilt; not checked")
    for t in ctx.three_public:
        if t.doubtful is not None:
            c = t.doubtful
            ctx.report(c.span, zh=f"{t.title or '“三公”经费表'}：「{c.text.strip()}」一行的数值个数与表头不符，表格未检查",
                       en=f"{t.title or '三公 table'}: the row '{c.text.strip()}' does not fit the header; the table was not checked")
