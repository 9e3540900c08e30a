"""Shared by the fixed-layout readers (PDF, OFD): ruled tables from rules, pages written top to bottom.

A page gives its horizontal and vertical rules as pdfplumber edges (``top``
and ``bottom`` measured down from the page top); pdfplumber's geometry,
redone on tuples in ``ruling``, snaps and joins them, intersects them and
groups the cells into tables. Each table becomes a grid of cell texts (``grid``), and the page is
written as the text above each table, the table, and the text below
(``PageWriter``). A table with no caption above it and the column count of
the last table of the previous page continues that table.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from ..document import Note, Region
from ..model import Span
from ..tables.model import Table
from ._build import TextBuilder, join_cell_lines
from .ruling import Box, find_tables

MIN_EDGES = 4       # fewer rules than this cannot make a table
TOLERANCE = 3       # pdfplumber's default snap/join/intersection tolerance, in points
_TITLE = re.compile(r"表\s*[（(]?[续]?[）)]?\s*$|表\d*$")


def edge(x0: float, y0: float, x1: float, y1: float) -> Optional[dict]:
    """A segment as a pdfplumber edge when it is horizontal or vertical (y measured down), else None."""
    if abs(y0 - y1) < 0.5 and abs(x1 - x0) >= 1:
        top = (y0 + y1) / 2
        return {"orientation": "h", "x0": min(x0, x1), "x1": max(x0, x1), "top": top, "bottom": top,
                "width": abs(x1 - x0), "height": 0}
    if abs(x0 - x1) < 0.5 and abs(y1 - y0) >= 1:
        xm = (x0 + x1) / 2
        return {"orientation": "v", "x0": xm, "x1": xm, "top": min(y0, y1), "bottom": max(y0, y1),
                "width": 0, "height": abs(y1 - y0)}
    return None


def ruled_tables(edges: list[dict], tolerance: float = TOLERANCE) -> list[list[Box]]:
    """Groups of cell boxes, one group per ruled table, top to bottom (pdfplumber's 'lines' strategy)."""
    h = [(e["top"], e["x0"], e["x1"]) for e in edges if e["orientation"] == "h"]
    v = [(e["x0"], e["top"], e["bottom"]) for e in edges if e["orientation"] == "v"]
    return find_tables(h, v, tolerance, MIN_EDGES)


def grid(cells: list[Box], text_in: Callable[[Box], str]) -> list[list]:
    """The table as a grid over the distinct cell left edges and tops.

    A grid position where no cell starts is covered by a merged cell: it holds
    that cell's (row, col).
    """
    xs = sorted({c[0] for c in cells})
    tops = sorted({c[1] for c in cells})
    starting = {(c[1], c[0]): c for c in cells}
    out = []
    for top in tops:
        row: list = []
        for x0 in xs:
            cell = starting.get((top, x0))
            if cell:
                row.append(join_cell_lines(text_in(cell)))
                continue
            cover = next((c for c in cells if c[0] <= x0 + 0.1 < c[2] and c[1] <= top + 0.1 < c[3]), None)
            row.append((tops.index(cover[1]), xs.index(cover[0])) if cover else "")
        out.append(row)
    return out


def title(lines: list[str]) -> str:
    """The table's caption: the last line above it that names a table (…决算表)."""
    for ln in reversed(lines):
        s = ln.strip()
        if s and _TITLE.search(s) and not s.startswith(("注", "单位")) and len(s) <= 60:
            return s
    return ""


class PageWriter:
    """Writes pages of text and ruled tables into one ``TextBuilder``; tables may run over pages."""

    def __init__(self, source: str):
        self.source = source
        self.b = TextBuilder()
        self.last_table: Optional[Table] = None  # open to continuation onto the next page

    def start_page(self, index: int) -> int:
        """Begin page ``index`` (0-based): pages are separated by one newline. Returns where it starts."""
        if index:
            self.b.add("\n")
        return self.b.pos

    def end_page(self, start: int, index: int, unread: Optional[tuple[str, str]] = None, ocr: bool = False) -> None:
        """Record the page's region; an empty page keeps a zero-width one, where ``unread`` (zh, en) is noted."""
        if self.b.pos == start:
            self.b.regions.append(Region(start=start, end=start, page=index + 1, lines_relative=True))
            if unread:
                self.b.notes.append(Note(Span(start=start, end=start), *unread))
            return
        self.b.drop_newline()
        self.b.region(start, page=index + 1, lines_relative=True, ocr=ocr)

    def finish(self) -> bool:
        """Close the last page; whether any page held text."""
        if self.b.regions and self.b.regions[-1].start == self.b.pos:
            self.b.add("\n")  # the text keeps the (empty) line an empty last page points at
        return any(r.end > r.start for r in self.b.regions)

    def write_page(self, tables: list[list[Box]], text_in: Callable[[Box], str], band: Callable[[float, float], str],
             height: float) -> None:
        """Write one page: ``band(top, bottom)`` is the text between two heights, ``text_in`` a cell's text."""
        top = 0.0
        for cells in tables + [None]:
            bottom = height if cells is None else min(c[1] for c in cells)
            text = band(top, bottom)
            above = text.split("\n") if text else []
            for ln in above:
                self.b.line(ln)
                self.last_table = None
            if cells is not None:
                self.add_table(grid(cells, text_in), above)
                top = max(c[3] for c in cells)

    def add_table(self, rows_grid: list[list], above: list[str]) -> None:
        caption = title(above)
        prev = self.last_table
        if prev is not None and not caption and prev.rows and len(prev.rows[0].cells) == len(rows_grid[0]):
            rows = self.b.rows(rows_grid, first_index=len(prev.rows))
            prev.rows.extend(rows)
            prev.span = prev.span.cover(rows[-1].span)
            return
        rows = self.b.rows(rows_grid)
        table = Table(title=caption, rows=rows, source=self.source, span=rows[0].span.cover(rows[-1].span))
        self.b.tables.append(table)
        self.last_table = table
