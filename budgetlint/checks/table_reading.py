"""BL125: tables seen but not read, so that "no finding" is not taken for "checked"."""
from __future__ import annotations

from ..model import Severity
from ..extract.coverage import tables_unread
from ..tables.rebuild import column_meaning, is_header_cell
from . import rule


def _standard_header(tb) -> bool:
    """Header words of the standard tables (three or more meanings) and five or more number cells."""
    texts = [c.text for r in tb.rows for c in r.cells]
    meanings = {column_meaning(t) for t in texts if t.strip() and is_header_cell(t)} - {None, "label"}
    return len(meanings) >= 3 and sum(1 for r in tb.rows for c in r.cells if c.number is not None) >= 5


@rule("BL125", "table-not-rebuilt", Severity.INFO)
def table_not_rebuilt(ctx) -> None:
    """表格行无法可靠还原，未检查 — a table's header is recognised but its rows cannot be rebuilt.

    What it checks: the table counterpart of BL901. When a row holds more or
    fewer values than the header has columns (cells dropped by the export,
    values run together), when a table is flattened onto one line with its
    labels and values apart, or when the header words of a standard table are
    there but none of its numbers could be placed, the table is not checked
    rather than guessed at, and this note says where.

    Why it matters: "no finding" must not be mistaken for "checked"; a guessed
    row would turn a layout problem into a false alarm.

    Example: 项目 | 2016年执行数 | 2017年预算数, then 「公务接待费 150000」 with one
    value for two columns.

    Fix: publish the table with every cell, empty ones included.
    """
    unread = tables_unread(ctx.tables, ctx.final_tables, ctx.three_public)
    for tb in ctx.tables:
        if tb.span is None or tb.source != "text":
            continue
        if tb.unread == "flattened":
            ctx.report(tb.span, zh="表格被压成一行，单元格与数值无法可靠对应，表格未检查",
                       en="a table flattened onto one line: its labels and values cannot be matched reliably; not checked")
        elif any(tb is u for u in unread) and _standard_header(tb):
            ctx.report(tb.span, zh="识别到标准表格的表头，但表格各行无法可靠还原，表格未检查",
                       en="the header of a standard table is recognised but its rows cannot be rebuilt; not checked")
    for t in ctx.three_public:
        if t.doubtful is not None:
            c = t.doubtful
            ctx.report(c.span, zh=f"{t.title or '“三公”经费表'}：「{c.text.strip()}」一行的数值个数与表头不符，表格未检查",
                       en=f"{t.title or '三公 table'}: the row '{c.text.strip()}' does not fit the header; the table was not checked")
