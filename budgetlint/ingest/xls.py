"""Excel 97–2003 (.xls) through xlrd: every worksheet one table, as the .xlsx reader writes it.

Cells read as Excel shows them: numbers through their number format (the
same ``display`` as .xlsx), dates as ISO dates, error cells as ``#DIV/0!``…;
merged ranges resolved; locations ``sheet!B4``. Formulas read as the value
Excel saved. A ``.xls`` that is really a web page or a .xlsx (systems often
export those under this name) is read as what it is.
"""
from __future__ import annotations

from ..document import Document
from . import InputError
from ._build import TextBuilder
from .office import _misnamed, sniff
from .xlsx import add_sheet, display


def _value(book, cell):
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERR")
    return cell.value


def read_xls(path: str) -> Document:
    kind = sniff(path)
    other = _misnamed(path, kind, "xlsx")
    if other:
        doc = other(path)
        doc.kind = "xls"
        return doc
    if kind != "ole":
        raise InputError(path, "不是有效的 .xls 文件（不是 Excel 97–2003 工作簿）",
                         "not a valid .xls file (not an Excel 97-2003 workbook)")
    import xlrd

    try:
        book = xlrd.open_workbook(path, formatting_info=True, on_demand=True)
    except Exception as e:  # xlrd raises XLRDError, CompDocError, struct.error… on damaged files
        raise InputError(path, f".xls 文件已损坏，无法解析（{type(e).__name__}）",
                         f"corrupt .xls file, cannot be parsed ({type(e).__name__})") from None
    b = TextBuilder()
    try:
        for sheet in book.sheets():
            texts = {}
            for r in range(sheet.nrows):
                for c, cell in enumerate(sheet.row(r)):
                    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                        continue
                    xf = book.xf_list[cell.xf_index] if cell.xf_index is not None else None
                    fmt = book.format_map[xf.format_key].format_str if xf and xf.format_key in book.format_map else "General"
                    texts[(r + 1, c + 1)] = display(_value(book, cell), fmt)
            merges = [(rlo + 1, clo + 1, rhi, chi) for rlo, rhi, clo, chi in sheet.merged_cells]
            add_sheet(b, sheet.name, texts, merges, "xls")
    except Exception as e:
        raise InputError(path, f".xls 文件已损坏，无法解析（{type(e).__name__}）",
                         f"corrupt .xls file, cannot be parsed ({type(e).__name__})") from None
    finally:
        book.release_resources()
    if not b.tables:
        raise InputError(path, "工作簿中没有任何数据", "the workbook holds no data")
    return b.document(path, "xls")
