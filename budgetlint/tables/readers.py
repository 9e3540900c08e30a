"""Table readers for text layouts: turn runs of table-like lines into ``Table``s.

Four layouts are found in extracted documents:

- tab-separated rows (empty fields for merged cells, header rows repeated at
  page breaks, rows shifted by one column);
- ``|``-separated rows (Markdown tables, web page copies);
- one cell per line, tab-indented (Word exports of the 项目支出绩效自评表);
- ``pdftotext`` layout: a row's cells broken over several lines and its
  numbers standing together on one line (layout.py).

Every reader yields rows of cells with spans; where header words name 分值 /
得分 columns, ``header.build_scores`` adds the typed score items.
"""
from __future__ import annotations

import re

from ..document import Document
from ..model import Span
from .header import GridCell, build_scores, is_header_row, meaning
from .model import Cell, Row, Table


def _lines(text: str):
    """(start offset, line) for every line of ``text``."""
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _table(rows: list[Row], source: str, layout: str) -> Table:
    t = Table(rows=rows, span=rows[0].span.cover(rows[-1].span), source=source)
    grid = [[GridCell(c.text, c.span) for c in r.cells] for r in rows]
    t.scores = build_scores(grid, layout)
    return t


def _split_row(pos: int, line: str, sep: str, index: int) -> Row:
    cells, col, start = [], 0, pos
    for part in line.split(sep):
        cells.append(Cell(text=part, span=Span(start=start, end=start + len(part)), col=col))
        start += len(part) + len(sep)
        col += 1
    return Row(cells=cells, span=Span(start=pos, end=pos + len(line)), index=index)


def read_tab_separated(doc: Document, skip: set[int] = frozenset()) -> list[Table]:
    """Consecutive lines holding tabs form one table; each tab-separated field is a cell.

    Inside a table, a line that starts with two or more tabs is a row too (a
    continuation whose first cells are merged); blank lines do not end a table.
    """
    tables: list[Table] = []
    rows: list[Row] = []
    for pos, line in _lines(doc.text):
        inner = "\t" in line.strip("\t ")
        if pos not in skip and (inner or (rows and line.startswith("\t\t") and line.strip())):
            rows.append(_split_row(pos, line, "\t", len(rows)))
        elif rows and line.strip():
            tables.append(_table(rows, "text", "tab"))
            rows = []
    if rows:
        tables.append(_table(rows, "text", "tab"))
    return tables


_PIPE_ROW = re.compile(r"^\s*\|?[^|\n]*(\|[^|\n]*){2,}\|?\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")


def read_pipe(doc: Document) -> list[Table]:
    """Rows with cells separated by ``|`` (Markdown tables; the ``|---|`` rule row is skipped)."""
    tables: list[Table] = []
    rows: list[Row] = []
    for pos, line in _lines(doc.text):
        if "\t" not in line and _PIPE_ROW.match(line):
            if _PIPE_RULE.match(line):
                continue
            lead = len(line) - len(line.lstrip())
            body = line.strip()
            start = pos + lead + (1 if body.startswith("|") else 0)
            body = body[1:] if body.startswith("|") else body
            body = body[:-1] if body.endswith("|") else body
            rows.append(_split_row(start, body, "|", len(rows)))
        elif rows:
            tables.append(_table(rows, "text", "pipe"))
            rows = []
    if rows:
        tables.append(_table(rows, "text", "pipe"))
    return tables


def _header_word(text: str) -> bool:
    t = text.strip()
    return bool(t) and len(t) <= 14 and not re.search(r"\d", t) and meaning(t) is not None


def read_cell_per_line(doc: Document) -> tuple[list[Table], set[int]]:
    """Word exports: each cell on its own tab-indented line, whitespace-only lines for empty cells.

    A run of three or more header words (年初预算数, 全年预算数 …; 一级指标, 分值,
    得分 …) fixes the row width; the cells that follow are cut into rows of
    that width until the next header run. Returns the tables and the line
    offsets they claimed, so the tab-separated reader leaves them alone.
    """
    tables: list[Table] = []
    claimed: set[int] = set()
    block: list[tuple[int, str]] = []

    def flush():
        cells = [(p, ln) for p, ln in block]
        while cells and not cells[-1][1].strip():
            cells.pop()
        t = _cells_to_table(cells)
        if t is not None:
            tables.append(t)
            claimed.update(p for p, _ in cells)

    for pos, line in _lines(doc.text):
        one_cell = line.startswith("\t") and "\t" not in line.strip("\t ")
        if one_cell or (block and not line.strip()):
            block.append((pos, line))
        else:
            if block:
                flush()
            block = []
    if block:
        flush()
    return tables, claimed


def _cells_to_table(cells: list[tuple[int, str]]):
    header_at = [i for i, (_, ln) in enumerate(cells) if _header_word(ln)]
    runs: list[tuple[int, int]] = []
    for i in header_at:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    runs = [(a, b) for a, b in runs if b - a >= 3 and
            is_header_row([GridCell(cells[k][1], Span(start=0, end=0)) for k in range(a, b)])]
    if not runs:
        return None
    rows: list[Row] = []
    for n, (a, b) in enumerate(runs):
        end = runs[n + 1][0] if n + 1 < len(runs) else len(cells)
        width = b - a
        chunks = [cells[a:b]] + [cells[k:min(k + width, end)] for k in range(b, end, width)]
        for chunk in chunks:
            row_cells = []
            for col, (pos, ln) in enumerate(chunk):
                lead = len(ln) - len(ln.lstrip())
                text = ln.strip()
                row_cells.append(Cell(text=text, span=Span(start=pos + lead, end=pos + lead + len(text)), col=col))
            rows.append(Row(cells=row_cells, span=Span(start=chunk[0][0], end=chunk[-1][0] + len(chunk[-1][1])),
                            index=len(rows)))
    return _table(rows, "text", "cell-per-line")


def read_tables(doc: Document) -> list[Table]:
    """All tables found in the text of ``doc`` by the text-layout readers."""
    from .layout import read_layout

    cell_tables, claimed = read_cell_per_line(doc)
    return read_tab_separated(doc, claimed) + read_pipe(doc) + cell_tables + read_layout(doc)
