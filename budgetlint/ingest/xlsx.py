"""Excel (.xlsx): every worksheet becomes one table (openpyxl, cached values, merged cells resolved).

Each non-empty row of a sheet is one tab-separated line of ``Document.text``
(trailing empty cells dropped, so a row holding one cell of prose reads as a
sentence) and every non-empty cell is a region ``sheet=…, cell=D12`` whose line
numbers start at 1 inside the cell: a finding is reported as ``表3!D12``.
Values are shown as Excel displays them: formulas by their last computed
value, numbers with their number format's decimals (``0.00``, ``0.00%``).
A formula never computed (file written by a program, not saved by Excel) has
no value and reads as empty.
"""
from __future__ import annotations

import datetime as dt
import re
import warnings
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable

from ..document import Document
from ..tables.model import Table
from . import InputError
from ._build import TextBuilder, join_cell_lines
from ._zip import open_office_zip

_DECIMALS = re.compile(r"0(?:\.(0+))?")  # the digits part of a number format: 0, 0.00, #,##0.0


def display(value, number_format: str = "General") -> str:
    """The cell as Excel shows it (decimals from the number format; no scientific notation)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (int, float, Decimal)):
        # Excel keeps 15 significant digits: 1286.4000000000001 is 1286.4
        d = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
        fmt = (number_format or "General").split(";")[0]
        m = _DECIMALS.search(fmt)
        if "%" in fmt:
            d *= 100
        if m:  # Excel rounds halves away from zero: 0.125 shown as 0.00 is 0.13
            d = d.quantize(Decimal(1).scaleb(-len(m.group(1) or "")), rounding=ROUND_HALF_UP)
            text = format(d, ",f" if "," in fmt else "f")
        else:
            text = format(d.to_integral() if d == d.to_integral() else d.normalize(), "f")
        return text + ("%" if "%" in fmt else "")
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def sheet_grid(texts: dict[tuple[int, int], str], merges: Iterable[tuple[int, int, int, int]]) -> tuple[list[list], list[int]]:
    """Rows that hold a value, as grid rows over columns A…last; merged areas resolved.

    ``texts`` maps (row, column), 1-based, of every cell holding a value to its
    shown text; ``merges`` are (first row, first column, last row, last column).
    """
    if not texts:
        return [], []
    last_row, last_col = max(r for r, _ in texts), max(c for _, c in texts)
    merged = {}
    for min_row, min_col, max_row, max_col in merges:  # clipped to the used area: a merge over a whole column stays cheap
        for r in range(min_row, min(max_row, last_row) + 1):
            for c in range(min_col, min(max_col, last_col) + 1):
                if (r, c) != (min_row, min_col):
                    merged[(r, c)] = (min_row, min_col)
    rows_used = sorted({r for r, _ in texts})
    grid_row = {r: i for i, r in enumerate(rows_used)}
    grid = []
    for r in rows_used:
        row_texts = [texts.get((r, c), "") for c in range(1, last_col + 1)]
        single = sum(1 for t in row_texts if t) == 1
        out: list = []
        for c, t in enumerate(row_texts, start=1):
            anchor = merged.get((r, c))
            if anchor and anchor[0] in grid_row:
                out.append((grid_row[anchor[0]], anchor[1] - 1))
            else:
                out.append(t if single else join_cell_lines(t))
        grid.append(out)
    return grid, rows_used


def add_sheet(b: TextBuilder, name: str, texts: dict[tuple[int, int], str],
              merges: Iterable[tuple[int, int, int, int]], source: str) -> None:
    """Write one worksheet as one table titled with its name; cells located as ``name!D12``."""
    from openpyxl.utils import get_column_letter

    grid, rows_used = sheet_grid(texts, merges)
    if not grid:
        return
    if b.pos:
        b.add("\n")
    rows = b.rows(grid, trim=True, where=lambda r, c: {
        "sheet": name, "cell": f"{get_column_letter(c + 1)}{rows_used[r]}", "lines_relative": True})
    b.tables.append(Table(title=name, rows=rows, source=source, span=rows[0].span.cover(rows[-1].span)))


def read_xlsx(path: str) -> Document:
    open_office_zip(path, ".xlsx", "xl/workbook.xml")
    import openpyxl

    try:
        with warnings.catch_warnings():  # openpyxl warns about features it drops (data validation…)
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as e:  # openpyxl raises KeyError, lxml errors, ValueError… on damaged parts
        raise InputError(path, f".xlsx 文件已损坏，无法解析（{type(e).__name__}）",
                         f"corrupt .xlsx file, cannot be parsed ({type(e).__name__})") from None
    b = TextBuilder()
    for ws in wb.worksheets:
        texts = {k: display(c.value, c.number_format)
                 for k, c in ws._cells.items() if c.value is not None}  # openpyxl keeps every cell it saw here
        merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
        add_sheet(b, ws.title, texts, merges, "xlsx")
    wb.close()
    if not b.tables:
        raise InputError(path, "工作簿中没有任何数据", "the workbook holds no data")
    return b.document(path, "xlsx")
