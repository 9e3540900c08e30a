"""PDF: text and ruled tables per page, all read through pypdfium2; pdfplumber's table geometry.

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

A scanned page (images, and no text or no more than a stamped page number)
is read by OCR with the ``ocr`` extra (``ocr.py``), or else left unread with
a note (BL902) at its page; a PDF of scanned pages only, without OCR, is
refused.

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
from . import InputError
from ._layout import PageWriter, edge, ruled_tables


_STAMP = 12  # characters: no more text than a page number or a stamp on a scanned page


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


def _edges(page, ceiling: float) -> list[dict]:
    """Horizontal and vertical segments of the page's vector paths, as pdfplumber edges.

    ``ceiling`` is the PDF y of the page's top edge; edges measure down from it.

    Paths inside form XObjects (at most 15 deep) are placed with their form's matrix. Curves are skipped.
    """
    import pypdfium2.raw as raw

    x, y, mat = ctypes.c_float(), ctypes.c_float(), raw.FS_MATRIX()
    edges: list[dict] = []

    def add(p, q) -> None:
        e = edge(p[0], ceiling - p[1], q[0], ceiling - q[1])
        if e:
            edges.append(e)

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
    return edges


def _scanned(page, textpage) -> bool:
    """A scanned page: images and no text, or images over half the page and a few characters at most
    (a page number stamped on a scan)."""
    import pypdfium2.raw as raw

    images = [obj.get_bounds() for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE])]
    if not images:
        return False
    chars = len("".join(textpage.get_text_range().split()))
    if not chars:
        return True
    left, floor, right, ceiling = page.get_bbox()
    covered = sum(max(0.0, min(r, right) - max(x, left)) * max(0.0, min(t, ceiling) - max(b, floor))
                  for x, b, r, t in images)
    return chars <= _STAMP and covered >= (right - left) * (ceiling - floor) / 2


class _PdfReader(PageWriter):
    def __init__(self, path: str):
        super().__init__("pdf")
        self.path = path

    def page(self, page, textpage) -> None:
        """Write one page: the text above, between and below its ruled tables, and the tables."""
        left, floor, right, ceiling = page.get_bbox()  # the page box: its origin need not be (0, 0)

        def text_in(box) -> str:
            return _clean(textpage.get_text_bounded(left=box[0], bottom=ceiling - box[3], right=box[2],
                                                    top=ceiling - box[1]))

        tables = ruled_tables(_edges(page, ceiling))

        def band(top: float, bottom: float) -> str:
            return text_in((left, top, right, bottom)) if tables else _clean(textpage.get_text_range())

        self.write_page(tables, text_in, band, ceiling - floor)

    def read(self) -> Document:
        from .ocr import engine, read_page

        pdf = _open(self.path)
        scanned = False  # an image-only page was left unread
        ocr = None
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                textpage = page.get_textpage()
                start = self.start_page(i)
                read_by_ocr, unread = False, None
                if not _scanned(page, textpage):
                    self.page(page, textpage)
                else:
                    ocr = ocr or engine()
                    if ocr:
                        read_by_ocr = read_page(ocr, page, self.b)
                        self.last_table = None
                        if not read_by_ocr:
                            unread = (f"第 {i + 1} 页是扫描图像，OCR 未识别出文字，其上内容未检查",
                                      f"page {i + 1} is a scanned image on which OCR read no text: nothing on it was checked")
                    else:
                        scanned = True
                        unread = (f"第 {i + 1} 页是扫描图像，没有文字层，其上内容未检查（安装 budgetlint[ocr] 可识别）",
                                  f"page {i + 1} is a scanned image with no text layer: nothing on it was checked "
                                  "(install budgetlint[ocr] to read it)")
                self.end_page(start, i, unread, read_by_ocr)
            has_text = self.finish()
        finally:
            pdf.close()
        if not has_text:
            if scanned:
                raise InputError(self.path, "PDF 没有文字层（扫描件）；安装 budgetlint[ocr] 后可用 OCR 识别",
                                 "no text layer (scanned): install budgetlint[ocr] to read it by OCR")
            if ocr:
                raise InputError(self.path, "PDF 没有文字层（扫描件），OCR 也未识别出文字",
                                 "no text layer (scanned), and OCR read no text on it")
            raise InputError(self.path, "PDF 中没有可提取的文字", "PDF holds no extractable text")
        return self.b.document(self.path, "pdf")


def read_pdf(path: str) -> Document:
    return _PdfReader(path).read()
