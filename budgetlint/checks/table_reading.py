"""BL125: tables seen but not read, so that "no finding" is not taken for "checked"."""
from __future__ import annotations

from ..model import Severity
from . import rule
from ._tables import three_public


@rule("BL125", "table-not-rebuilt", Severity.INFO)
def table_not_rebuilt(ctx) -> None:
    """表格行无法可靠还原，未检查 — a table's header is recognised but its rows cannot be rebuilt.

    The table counterpart of BL901: when a row holds more or fewer values than
    the header has columns (cells dropped by the export, values run
    together), the table is not checked rather than guessed at, and this note
    says where.

    Example: 项目 | 2016年执行数 | 2017年预算数, then 「公务接待费 150000」 with
    one value for two columns.

    Fix: publish the table with every cell, empty ones included.
    """
    for tb in ctx.tables:
        if tb.unread and tb.span is not None:
            ctx.report(tb.span, zh="表格被压成一行，单元格与数值无法可靠对应，表格未检查",
                       en="a table flattened onto one line: its labels and values cannot be matched reliably; not checked")
    for t in three_public(ctx):
        if t.doubtful is not None:
            c = t.doubtful
            ctx.report(c.span, zh=f"{t.title or '“三公”经费表'}：「{c.text.strip()}」一行的数值个数与表头不符，表格未检查",
                       en=f"{t.title or '三公 table'}: the row '{c.text.strip()}' does not fit the header; the table was not checked")
