"""PDF: text and ruled tables per page, all read through pypdfium2; the table geometry in ``ruling``.

Measured on the corpus PDFs (docs/formats.md, scripts/bench_pdf.py): pypdfium2
reads the Chinese text intact, in the order the PDF writes it, 20-50x faster
than pdfplumber, whose position sort scrambles lines with uneven baselines.
pdfplumber's ruled-table finder recovers the 决算 tables cell by cell, but
most of its time goes into pdfminer parsing the whole page. So the table
rules are read from pypdfium2's path objects (raw calls, one pass over the
page's objects) and handed to ``ruling.find_tables``, pdfplumber's geometry
(snap and join the rules, intersect them, group cells into tables) redone on
tuples; each cell's text is pypdfium2's text inside the cell. This gives the
same cells as ``pdfplumber.Page.find_tables`` on every corpus table, without
importing pdfplumber or pdfminer.

On each page, prose lines and table rows come in top-to-bottom order; each
table row is a tab-separated line (see ``_build``). Each page becomes one
region (``page=N``, line numbers restarting at 1 on every page); pages are
separated by one newline so that a sentence running over a page break is
rejoined by the normaliser.
"""
from __future__ import annotations

import ctypes
import re
from typing import Optional

from ..document import Document
from ..tables.model import Table
from . import InputError
from ._build import TextBuilder, join_cell_lines
from .ruling import Box, HEdge, VEdge, find_tables

_MIN_EDGES = 4       # fewer rules than this cannot make a table
_TOLERANCE = 3       # pdfplumber's default snap/join/intersection tolerance, in points
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
    """pypdfium2 ends lines with CRLF; trailing blanks and blank lines at either end carry nothing."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(ln.rstrip() for ln in lines).strip("\n")


def _compose(m: tuple, n: tuple) -> tuple:
    """The PDF matrix product m·n (apply m, then n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def _edges(page, ceiling: float) -> tuple[list[HEdge], list[VEdge]]:
    """Horizontal and vertical segments of the page's vector paths.

    ``ceiling`` is the PDF y of the page's top edge; edges measure down from it.

    Paths inside form XObjects are placed with their form's matrix. Curves are skipped.
    """
    import pypdfium2.raw as raw

    x, y, mat = ctypes.c_float(), ctypes.c_float(), raw.FS_MATRIX()
    h_edges: list[HEdge] = []
    v_edges: list[VEdge] = []

    def add(p, q) -> None:
        (x0, y0), (x1, y1) = p, q
        if abs(y0 - y1) < 0.5 and abs(x1 - x0) >= 1:
            h_edges.append((ceiling - (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x0 - x1) < 0.5 and abs(y1 - y0) >= 1:
            v_edges.append(((x0 + x1) / 2, ceiling - max(y0, y1), ceiling - min(y0, y1)))

    def path(obj, m: tuple) -> None:
        a, b, c, d, e, f = m
        prev = start = None
        for i in range(raw.FPDFPath_CountSegments(obj)):
            seg = raw.FPDFPath_GetPathSegment(obj, i)
            raw.FPDFPathSegment_GetPoint(seg, x, y)
            p = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = p
            elif kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
                add(prev, p)
            prev = p
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                add(p, start)
                prev = start

    def walk(count: int, get, outer: Optional[tuple], depth: int = 0) -> None:
        """The path objects among ``count`` objects, descending into forms (raw calls: no wrapper per object)."""
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
                continue
            raw.FPDFPageObj_GetMatrix(obj, mat)
            m = (mat.a, mat.b, mat.c, mat.d, mat.e, mat.f)
            if outer is not None:
                m = _compose(m, outer)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                path(obj, m)
            elif depth < 15:
                walk(raw.FPDFFormObj_CountObjects(obj), lambda k, form=obj: raw.FPDFFormObj_GetObject(form, k), m,
                     depth + 1)

    walk(raw.FPDFPage_CountObjects(page.raw), lambda k: raw.FPDFPage_GetObject(page.raw, k), None)
    return h_edges, v_edges


def _ruled_tables(page, ceiling: float) -> list[list[Box]]:
    """Groups of cell boxes, one group per ruled table, top to bottom (pdfplumber's 'lines' strategy)."""
    return find_tables(*_edges(page, ceiling), tolerance=_TOLERANCE, min_edges=_MIN_EDGES)


def _grid(cells: list[Box], text_in) -> list[list]:
    """The table as a grid over the distinct cell left edges and tops.

    A grid position where no cell starts is covered by a merged cell: it holds
    that cell's (row, col).
    """
    xs = sorted({c[0] for c in cells})
    tops = sorted({c[1] for c in cells})
    starting = {(c[1], c[0]): c for c in cells}
    grid = []
    for top in tops:
        row: list = []
        for x0 in xs:
            cell = starting.get((top, x0))
            if cell:
                row.append(join_cell_lines(text_in(cell)))
                continue
            cover = next((c for c in cells if c[0] <= x0 + 0.1 < c[2] and c[1] <= top + 0.1 < c[3]), None)
            row.append((tops.index(cover[1]), xs.index(cover[0])) if cover else "")
        grid.append(row)
    return grid


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

    def page(self, page) -> None:
        """Write one page: the text above, between and below its ruled tables, and the tables."""
        left, floor, right, ceiling = page.get_bbox()  # the page box: its origin need not be (0, 0)
        textpage = page.get_textpage()

        def text_in(box: Box) -> str:
            return _clean(textpage.get_text_bounded(left=box[0], bottom=ceiling - box[3], right=box[2],
                                                    top=ceiling - box[1]))

        top = 0.0
        tables = _ruled_tables(page, ceiling)
        for cells in tables + [None]:
            bottom = ceiling - floor if cells is None else min(c[1] for c in cells)
            text = text_in((left, top, right, bottom)) if tables else _clean(textpage.get_text_range())
            above = text.split("\n") if text else []
            for ln in above:
                self.b.line(ln)
                self.last_table = None
            if cells is not None:
                self.add_table(_grid(cells, text_in), above)
                top = max(c[3] for c in cells)

    def add_table(self, grid: list[list], above: list[str]) -> None:
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
                self.page(page)
                if self.b.pos == start:
                    images += sum(1 for _ in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE]))
                chars += self.b.pos - start
                self.b.drop_newline()
                self.b.region(start, page=i + 1, lines_relative=True)
        finally:
            pdf.close()
        if not chars:
            if images:
                raise InputError(self.path, "PDF 没有文字层（扫描件），不支持 OCR", "no text layer: OCR is not supported")
            raise InputError(self.path, "PDF 中没有可提取的文字", "PDF holds no extractable text")
        return self.b.document(self.path, "pdf")


def read_pdf(path: str) -> Document:
    return _PdfReader(path).read()
