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


def _sheet_grid(ws) -> tuple[list[list], list[int]]:
    """Rows that hold a value, as grid rows over columns A…last; merged areas resolved."""
    cells = {k: c for k, c in ws._cells.items() if c.value is not None}  # openpyxl keeps every cell it saw here
    if not cells:
        return [], []
    last_row, last_col = max(r for r, _ in cells), max(c for _, c in cells)
    merged = {}
    for rng in ws.merged_cells.ranges:  # clipped to the used area: a merge over a whole column stays cheap
        for r in range(rng.min_row, min(rng.max_row, last_row) + 1):
            for c in range(rng.min_col, min(rng.max_col, last_col) + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    merged[(r, c)] = (rng.min_row, rng.min_col)
    rows_used = sorted({r for r, _ in cells})
    grid_row = {r: i for i, r in enumerate(rows_used)}
    grid = []
    for r in rows_used:
        texts = [display(cells[(r, c)].value, cells[(r, c)].number_format) if (r, c) in cells else ""
                 for c in range(1, last_col + 1)]
        single = sum(1 for t in texts if t) == 1
        out: list = []
        for c, t in enumerate(texts, start=1):
            anchor = merged.get((r, c))
            if anchor and anchor[0] in grid_row:
                out.append((grid_row[anchor[0]], anchor[1] - 1))
            else:
                out.append(t if single else join_cell_lines(t))
        grid.append(out)
    return grid, rows_used


def read_xlsx(path: str) -> Document:
    open_office_zip(path, ".xlsx", "xl/workbook.xml")
    import openpyxl
    from openpyxl.utils import get_column_letter

    try:
        with warnings.catch_warnings():  # openpyxl warns about features it drops (data validation…)
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as e:  # openpyxl raises KeyError, lxml errors, ValueError… on damaged parts
        raise InputError(path, f".xlsx 文件已损坏，无法解析（{type(e).__name__}）",
                         f"corrupt .xlsx file, cannot be parsed ({type(e).__name__})") from None
    b = TextBuilder()
    for ws in wb.worksheets:
        grid, rows_used = _sheet_grid(ws)
        if not grid:
            continue
        if b.pos:
            b.add("\n")
        rows = b.rows(grid, trim=True, where=lambda r, c, name=ws.title, used=rows_used: {
            "sheet": name, "cell": f"{get_column_letter(c + 1)}{used[r]}", "lines_relative": True})
        b.tables.append(Table(title=ws.title, rows=rows, source="xlsx", span=rows[0].span.cover(rows[-1].span)))
    wb.close()
    if not b.tables:
        raise InputError(path, "工作簿中没有任何数据", "the workbook holds no data")
    return b.document(path, "xlsx")
