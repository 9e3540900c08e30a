"""PDF: text per page with pypdfium2, ruled tables with pdfplumber only on pages that draw lines.

Measured on the corpus PDFs (docs/formats.md, scripts/bench_pdf.py): pypdfium2
extracts the Chinese text as well as pdfplumber at ~20x the speed, and
pdfplumber's ruled-table finder recovers the 决算 tables cell by cell, merged
header cells included. So every page is read with pypdfium2, and only pages
holding vector paths (table rules) are handed to pdfplumber; on those pages
the text outside the tables comes from pdfplumber too, so prose and table rows
interleave in reading (top-to-bottom) order.

Each page becomes one region (``page=N``, line numbers restarting at 1 on
every page); pages are separated by one newline so that a sentence running
over a page break is rejoined by the normaliser.
"""
from __future__ import annotations

import re
from typing import Optional

from ..document import Document
from ..tables.model import Table
from . import InputError
from ._build import TextBuilder, join_cell_lines

_MIN_PATHS = 4  # fewer vector paths than this cannot rule a table
_TITLE = re.compile(r"表\s*[（(]?[续]?[）)]?\s*$|表\d*$")


def _open(path: str):
    import pypdfium2 as pdfium

    with open(path, "rb") as f:
        head = f.read(1024)
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - 2048))
        tail = f.read()
    if b"%PDF-" not in head:
        raise InputError(path, "不是 PDF 文件（缺少 %PDF- 文件头）", "not a PDF file (no %PDF- header)")
    if b"%%EOF" not in tail:
        raise InputError(path, "PDF 文件不完整（缺少 %%EOF 结尾，可能下载或复制时被截断）",
                         "truncated PDF (no %%EOF trailer: cut off while downloading or copying?)")
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise InputError(path, "PDF 已加密（需要密码），无法读取", "encrypted PDF (password required)") from None
        why = re.search(r"PDFium: ([^)]*)", str(e))
        why = why.group(1).rstrip(".") if why else str(e)
        raise InputError(path, f"PDF 文件已损坏，无法解析（{why}）", f"corrupt PDF, cannot be parsed ({why})") from None


def _clean(text: str) -> str:
    """pypdfium2 ends lines with CRLF; blank lines at either end of a page carry nothing."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(ln.rstrip() for ln in lines).strip("\n")


def _grid(tb) -> list[list]:
    """The table as a grid; a position covered by a merged cell holds that cell's (row, col)."""
    texts = tb.extract()
    rows = tb.rows
    cols = tb.columns
    grid: list[list] = []
    for r, row in enumerate(rows):
        out: list = []
        for c, bbox in enumerate(row.cells):
            if bbox is not None:
                out.append(join_cell_lines(texts[r][c] or ""))
                continue
            x = (cols[c].bbox[0] + cols[c].bbox[2]) / 2 if c < len(cols) else None
            y = (row.bbox[1] + row.bbox[3]) / 2
            out.append(_anchor(rows, r, c, x, y))
        grid.append(out)
    return grid


def _anchor(rows, r: int, c: int, x: Optional[float], y: float):
    """The merged cell covering (r, c): look left along the row, then up the column."""
    def covers(b) -> bool:
        return b is not None and (x is None or b[0] <= x <= b[2]) and b[1] <= y <= b[3]

    for cc in range(c - 1, -1, -1):
        if covers(rows[r].cells[cc]):
            return (r, cc)
    for rr in range(r - 1, -1, -1):
        for cc in range(c, -1, -1):
            if cc < len(rows[rr].cells) and covers(rows[rr].cells[cc]):
                return (rr, cc)
    return ""


def _title(lines: list[str]) -> str:
    """The table's caption: the last line above it that names a table (…决算表)."""
    for ln in reversed(lines):
        s = ln.strip()
        if s and _TITLE.search(s) and not s.startswith(("注", "单位")) and len(s) <= 60:
            return s
    return ""


class _PdfReader:
    def __init__(self, path: str):
        self.path = path
        self.b = TextBuilder()
        self.last_table: Optional[Table] = None  # open to continuation onto the next page
        self._plumber = None

    def plumber_page(self, index: int):
        if self._plumber is None:
            import pdfplumber

            self._plumber = pdfplumber.open(self.path)
        return self._plumber.pages[index]

    def close(self) -> None:
        if self._plumber is not None:
            self._plumber.close()

    def tables_or_nothing(self, index: int, start: int, textpage, height: float) -> bool:
        """``table_page``, or nothing written when pdfplumber fails on a damaged page (its text is still read)."""
        try:
            return self.table_page(index, textpage, height)
        except Exception:  # pdfminer raises many types on malformed content streams
            self.b.truncate(start)
            self.last_table = None
            return False

    def table_page(self, index: int, textpage, height: float) -> bool:
        """Lay out a page holding ruled tables; False when pdfplumber finds none.

        The tables come from pdfplumber; the text above, between and below them from
        pypdfium2 (in the order the PDF writes it: pdfplumber's position sort scrambles
        lines whose baselines wobble, as on the finance bureau's pages).
        """
        page = self.plumber_page(index)
        found = sorted((t for t in page.find_tables() if t.rows), key=lambda t: t.bbox[1])
        if not found:
            return False
        top = 0.0
        for tb in found + [None]:
            bottom = tb.bbox[1] if tb else height
            text = _clean(textpage.get_text_bounded(left=0, bottom=height - bottom, right=page.width, top=height - top))
            above = text.split("\n") if text else []
            for ln in above:
                self.b.line(ln)
                self.last_table = None
            if tb:
                self.add_table(tb, above)
                top = tb.bbox[3]
        return True

    def add_table(self, tb, above: list[str]) -> None:
        grid = _grid(tb)
        title = _title(above)
        prev = self.last_table
        if prev is not None and not title and prev.rows and len(prev.rows[0].cells) == len(grid[0]):
            rows = self.b.rows(grid, first_index=len(prev.rows))
            prev.rows.extend(rows)
            prev.span = prev.span.cover(rows[-1].span)
            return
        rows = self.b.rows(grid)
        table = Table(title=title, rows=rows, source="pdf", span=rows[0].span.cover(rows[-1].span))
        self.b.tables.append(table)
        self.last_table = table

    def read(self) -> Document:
        import pypdfium2.raw as raw

        pdf = _open(self.path)
        try:
            images = chars = 0
            for i in range(len(pdf)):
                page = pdf[i]
                if i:
                    self.b.add("\n")
                start = self.b.pos
                paths = sum(1 for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=1))
                textpage = page.get_textpage()
                if paths < _MIN_PATHS or not self.tables_or_nothing(i, start, textpage, page.get_height()):
                    text = _clean(textpage.get_text_range())
                    if text.strip():
                        self.b.line(text)
                        self.last_table = None
                    else:
                        images += sum(1 for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE]))
                chars += self.b.pos - start
                self.b.drop_newline()
                self.b.region(start, page=i + 1, lines_relative=True)
        finally:
            pdf.close()
            self.close()
        if not self.b.pos or not chars:
            if images:
                raise InputError(self.path, "PDF 没有文字层（扫描件），不支持 OCR", "no text layer: OCR is not supported")
            raise InputError(self.path, "PDF 中没有可提取的文字", "PDF holds no extractable text")
        return self.b.document(self.path, "pdf")


def read_pdf(path: str) -> Document:
    return _PdfReader(path).read()
