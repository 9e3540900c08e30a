"""PDF pages as images, with the box of each finding's statement, for the HTML report.

pypdfium2 renders the page; the statement's characters are found on the page
with PDFium's own text search and their boxes give the rectangle. The reader
wrote each page's text top to bottom (prose above, between and below the
ruled tables), so the k-th occurrence of a statement in that page's text is
taken to be the k-th occurrence on the page in the same order (top to
bottom, left to right).
"""
from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field

SCALE = 1.5  # 108 dpi: numbers in the tables stay legible
PAD = 2.0    # points of margin around a box, so the mark surrounds the characters rather than covering them


@dataclass
class Wanted:
    """A statement to mark: its text and how many times that text comes before it on the page."""

    key: str
    text: str
    occurrence: int


@dataclass
class PageImage:
    src: str  # a data: URI (PNG)
    width: int
    height: int
    boxes: dict[str, list[tuple[float, float, float, float]]] = field(default_factory=dict)  # key -> % left, top, w, h


def _needle(text: str) -> str:
    """What to search for: the statement's longest line (PDFium's text has its own line breaks)."""
    return max((ln.strip() for ln in text.splitlines()), key=len, default="")


def render_pages(path: str, wanted: dict[int, list[Wanted]]) -> dict[int, PageImage]:
    """Render the pages ``wanted`` names (1-based) with the boxes of their statements."""
    import pypdfium2 as pdfium

    out: dict[int, PageImage] = {}
    pdf = pdfium.PdfDocument(path)
    try:
        for number, items in sorted(wanted.items()):
            page = pdf[number - 1]
            left, floor, right, ceiling = page.get_bbox()
            w, h = right - left, ceiling - floor
            image = page.render(scale=SCALE, grayscale=True).to_pil()
            buf = io.BytesIO()
            image.save(buf, format="PNG", optimize=True)
            img = PageImage("data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii"),
                            image.width, image.height)
            textpage = page.get_textpage()
            for item in items:
                rects = _lines(_find(textpage, _needle(item.text), item.occurrence))
                img.boxes[item.key] = [(100 * (x0 - PAD - left) / w, 100 * (ceiling - y1 - PAD) / h,
                                        100 * (x1 - x0 + 2 * PAD) / w, 100 * (y1 - y0 + 2 * PAD) / h)
                                       for x0, y0, x1, y1 in rects]
            out[number] = img
    finally:
        pdf.close()
    return out


def _find(textpage, needle: str, occurrence: int) -> list[tuple[float, float, float, float]]:
    """Rectangles (PDF units: left, bottom, right, top) of the ``occurrence``-th match of ``needle``."""
    if not needle:
        return []
    searcher = textpage.search(needle, match_case=True)
    hits = []
    while (hit := searcher.get_next()) is not None:
        index, count = hit
        rects = [textpage.get_rect(i) for i in range(textpage.count_rects(index, count))]
        if rects:
            hits.append(rects)
    if not hits:
        return []
    hits.sort(key=lambda rects: (-round(rects[0][3]), rects[0][0]))
    return hits[min(occurrence, len(hits) - 1)]


def _lines(rects: list) -> list:
    """One rectangle per line: PDFium gives one per run of characters, often several per number."""
    out: list[list[float]] = []
    for x0, y0, x1, y1 in sorted(rects, key=lambda r: (-r[3], r[0])):
        last = out[-1] if out else None
        if last and y0 < last[3] and y1 > last[1]:  # overlaps the line before vertically: same line
            last[:] = [min(last[0], x0), min(last[1], y0), max(last[2], x1), max(last[3], y1)]
        else:
            out.append([x0, y0, x1, y1])
    return [tuple(r) for r in out]
