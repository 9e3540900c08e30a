"""The one table model every reader produces and every table check reads."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from pydantic import BaseModel, PrivateAttr

from ..facts import Num
from ..model import Location, Span
from .scores import ScoreTable


@dataclass(slots=True)
class Cell:
    """One table cell. A dataclass with slots rather than a pydantic model: a document may have
    tens of thousands (26,600 on a 2.9 MB document), and a model costs a dict each (about 300
    bytes against 110). Models holding cells accept them as they are and dump them field by
    field, as before."""

    text: str
    span: Span
    col: int = 0
    merged: bool = False
    """Covered by a merged cell: ``text`` and ``span`` are those of the merge's first cell."""
    location: Optional[Location] = None
    """Where a person finds the cell (page, sheet!cell, table/row/cell); set by the pdf/docx/xlsx readers."""

    @property
    def number(self) -> Optional[Decimal]:
        """The cell's value if it is a plain number (thousands separators and % allowed)."""
        v = Num.cell_value(self.text)
        return v[0] if v is not None else None

    @property
    def decimals(self) -> int:
        v = Num.cell_value(self.text)
        return v[1] if v is not None else 0


@dataclass(slots=True)
class Row:
    """One row of cells. A dataclass with slots, as ``Cell`` is: readers build a row for every line
    they look at, and a model costs four times as much to build. ``Table`` accepts rows as they are
    and dumps them field by field, as before."""

    cells: list[Cell]
    span: Span
    index: int = 0

    def texts(self) -> list[str]:
        return [c.text.strip() for c in self.cells]


def row_span(cells: list[Cell]) -> Span:
    """From the first cell's start to the last cell's end; a row of one cell shares that cell's (immutable)
    span, as most rows of the layouts written one cell per line are, rather than building its copy."""
    return cells[0].span if len(cells) == 1 else cells[0].span.cover(cells[-1].span)


class Table(BaseModel):
    """Rows of one table; ``columns`` names each column's meaning when headers were recognised."""

    title: str = ""
    rows: list[Row] = []
    columns: list[str] = []
    source: str = "text"
    span: Optional[Span] = None
    scores: Optional[ScoreTable] = None  # score items when header words name 分值/得分 columns
    unread: str = ""
    """Why the rows could not be rebuilt (a table flattened onto one line …); such a table is not checked."""
    _three_public: Optional[tuple] = PrivateAttr(default=None)
    """(the text above the table, the 三公 table rebuilt from it and the rows, or None): prose segmentation and
    extraction both ask (``three_public.three_public_tables``), the rows are read once."""
