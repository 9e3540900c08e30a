"""Shared by the binary readers: build ``Document.text``, its regions and its tables in one pass.

A reader walks its file in reading order and appends prose lines and table
rows. Table rows are written as tab-separated cells, one row per line, so the
prose segmenter skips them (they are not sentences) while every ``Cell`` of
``Document.tables`` keeps a span onto its characters in ``Document.text``.
"""
from __future__ import annotations

import re
from typing import Callable, Optional, Sequence, Union

from ..document import Document, Note, Region
from ..model import Span
from ..tables.model import Cell, Row, Table

_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_INNER_BREAK = re.compile(r"[ \t]*\n[ \t]*")
_CJK_CHAR = re.compile(f"[{_CJK}]")


def join_cell_lines(text: str) -> str:
    """One line per cell: a wrapped CJK cell (「一般公共预\\n算财政拨款」) joins without a space."""

    def repl(m: re.Match) -> str:
        a = m.string[m.start() - 1] if m.start() else ""
        b = m.string[m.end()] if m.end() < len(m.string) else ""
        return "" if _CJK_CHAR.match(a) or _CJK_CHAR.match(b) else " "

    return _INNER_BREAK.sub(repl, text.replace("\t", " ").strip())


class TextBuilder:
    """Accumulates text, regions and tables; ``document()`` hands them over as a ``Document``."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.pos = 0
        self.regions: list[Region] = []
        self.tables: list[Table] = []
        self.notes: list[Note] = []

    def add(self, s: str) -> Span:
        self._parts.append(s)
        start, self.pos = self.pos, self.pos + len(s)
        return Span(start=start, end=self.pos)

    def line(self, s: str) -> Span:
        """Append ``s`` as a line of its own (newline added)."""
        span = self.add(s)
        self.add("\n")
        return span

    def drop_newline(self) -> None:
        """Take back the newline just written (a region should end at its last character)."""
        if self._parts and self._parts[-1] == "\n":
            self._parts.pop()
            self.pos -= 1

    def region(self, start: int, **where) -> None:
        """Record that text from ``start`` to here came from ``where`` (page=, sheet=, cell=, …)."""
        if self.pos > start:
            self.regions.append(Region(start=start, end=self.pos, **where))

    def rows(self, grid: Sequence[Sequence[Union[str, tuple[int, int]]]], where: Optional[Callable[[int, int], dict]] = None,
             trim: bool = False, first_index: int = 0) -> list[Row]:
        """Write a grid as tab-separated lines and return its rows.

        A cell given as ``(r, c)`` is covered by the merged cell at that position
        (rows counted within ``grid``): it is written empty and gets the merged
        cell's text and span, with ``merged=True``. ``where(r, c)`` gives a
        region per cell (spreadsheet cells); ``trim`` drops trailing empty cells
        from the written line, so a row holding one cell of prose reads as prose.
        """
        out: list[Row] = []
        anchors: dict[tuple[int, int], Cell] = {}
        for r, grid_row in enumerate(grid):
            row_start = self.pos
            last = len(grid_row)
            if trim:
                while last and (not isinstance(grid_row[last - 1], str) or not grid_row[last - 1]):
                    last -= 1
            cells: list[Cell] = []
            for c, value in enumerate(grid_row):
                if c and c < last:
                    self.add("\t")
                if isinstance(value, tuple):
                    a = anchors.get(value)
                    cells.append(Cell(text=a.text if a else "", span=a.span if a else Span(start=self.pos, end=self.pos),
                                      col=c, merged=True))
                    continue
                start = self.pos
                span = self.add(value) if c < last else Span(start=start, end=start)
                if where and value:
                    self.region(start, **where(r, c))
                cell = Cell(text=value, span=span, col=c)
                anchors[(r, c)] = cell
                cells.append(cell)
            out.append(Row(cells=cells, span=Span(start=row_start, end=self.pos), index=first_index + r))
            self.add("\n")
        return out

    def document(self, path: str, kind: str) -> Document:
        text = "".join(self._parts)
        if text.endswith("\n"):
            text = text[:-1]
        doc = Document(path=path, text=text, kind=kind, regions=self.regions, tables=self.tables, notes=self.notes)
        for table in self.tables:
            for row in table.rows:
                for cell in row.cells:
                    if cell.text:
                        cell.location = doc.locate(cell.span)
        return doc
