"""Word (.docx): body paragraphs and tables in document order (python-docx).

Each paragraph is one line of ``Document.text`` (a soft line break inside it
starts a new line) with a region ``paragraph=N`` (1-based, counting every body
paragraph, empty ones too, as Word's navigation does). Each table row is one
tab-separated line; every cell gets a region ``table=T, cell=RrCc`` and the
table goes to ``Document.tables``. Line numbers count from the top of the
extracted text. Headers, footers, text boxes and comments are not read.
"""
from __future__ import annotations

from ..document import Document
from ..tables.model import Table
from . import InputError
from ._build import TextBuilder, join_cell_lines
from ._zip import open_office_zip


def _grid(table) -> list[list]:
    """Cells by grid position; a merged cell repeats in python-docx, so later copies point at the first."""
    first: dict = {}  # <w:tc> element -> its first grid position; keys keep lxml's proxies (and their identity) alive
    grid = []
    for r, row in enumerate(table.rows):
        out: list = []
        for c, cell in enumerate(row.cells):
            if cell._tc in first:
                out.append(first[cell._tc])
            else:
                first[cell._tc] = (r, c)
                out.append(join_cell_lines(cell.text))
        grid.append(out)
    return grid


def read_docx(path: str) -> Document:
    open_office_zip(path, ".docx", "word/document.xml")
    import docx
    from docx.table import Table as DocxTable

    try:
        document = docx.Document(path)
        blocks = list(document.iter_inner_content())
    except Exception as e:  # python-docx raises KeyError, lxml errors, ValueError… on damaged parts
        raise InputError(path, f".docx 文件已损坏，无法解析（{type(e).__name__}）",
                         f"corrupt .docx file, cannot be parsed ({type(e).__name__})") from None
    b = TextBuilder()
    paragraph = tables = 0
    above = ""  # the paragraph just before a table: its caption when short
    for block in blocks:
        if isinstance(block, DocxTable):
            tables += 1
            label = str(tables)
            grid = _grid(block)
            if not grid:
                continue
            rows = b.rows(grid, where=lambda r, c, t=label: {"table": t, "cell": f"R{r + 1}C{c + 1}"})
            title = above.strip() if len(above.strip()) <= 60 else ""
            b.tables.append(Table(title=title, rows=rows, source="docx",
                                  span=rows[0].span.cover(rows[-1].span)))
        else:
            paragraph += 1
            start = b.pos
            above = block.text.replace("\r", "")
            b.add(above)
            b.region(start, paragraph=paragraph)
            b.add("\n")
    return b.document(path, "docx")

