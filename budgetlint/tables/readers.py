"""Table readers for text layouts: turn runs of table-like lines into ``Table``s."""
from __future__ import annotations

from ..document import Document
from ..model import Span
from .model import Cell, Row, Table


def read_tab_separated(doc: Document) -> list[Table]:
    """Consecutive lines holding tabs form one table; each tab-separated field is a cell."""
    tables: list[Table] = []
    rows: list[Row] = []
    pos = 0
    for line in doc.text.split("\n"):
        if "\t" in line.strip("\t "):
            cells, col, start = [], 0, pos
            for part in line.split("\t"):
                cells.append(Cell(text=part, span=Span(start=start, end=start + len(part)), col=col))
                start += len(part) + 1
                col += 1
            rows.append(Row(cells=cells, span=Span(start=pos, end=pos + len(line)), index=len(rows)))
        elif rows and line.strip():
            tables.append(Table(rows=rows, span=rows[0].span.cover(rows[-1].span)))
            rows = []
        pos += len(line) + 1
    if rows:
        tables.append(Table(rows=rows, span=rows[0].span.cover(rows[-1].span)))
    return tables


def read_tables(doc: Document) -> list[Table]:
    """All tables found in the text of ``doc`` by the text-layout readers."""
    return read_tab_separated(doc)
