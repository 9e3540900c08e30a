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
from .three_public import three_public_items
from .vocabulary import is_label_head, value_role
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


_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")


_PIPES_ONLY = re.compile(r"^\s*\|+\s*$")


def _pipe_runs(text: str) -> list[list[tuple[int, str]]]:
    """Runs of lines holding ``|`` (no tabs); a pipe-free line joins a run beside a line of pipes only."""
    lines = list(_lines(text))
    piped = ["|" in ln and "\t" not in ln for _, ln in lines]
    only = [bool(_PIPES_ONLY.match(ln)) for _, ln in lines]
    member = [piped[i] or (ln.strip() != "" and "\t" not in ln and (
        (i > 0 and only[i - 1]) or (i + 1 < len(lines) and only[i + 1]))) for i, (_, ln) in enumerate(lines)]
    runs: list[list[tuple[int, str]]] = []
    for i, keep in enumerate(member):
        if keep:
            if not runs or not member[i - 1]:
                runs.append([])
            runs[-1].append(lines[i])
    return [r for r in runs if sum(ln.count("|") for _, ln in r) >= 3]


def _cell(pos: int, raw: str, col: int) -> Cell:
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    return Cell(text=text, span=Span(start=pos + lead, end=pos + lead + len(text)), col=col)


def _row(cells: list[Cell], index: int) -> Row:
    for col, c in enumerate(cells):
        c.col = col
    return Row(cells=cells, span=cells[0].span.cover(cells[-1].span), index=index)


def _markdown_rows(run: list[tuple[int, str]]) -> list[Row]:
    """``| a | b |`` rows: each line one row, its outer pipes dropped, every inner field a cell (empty ones too)."""
    rows: list[Row] = []
    for pos, line in run:
        if _PIPE_RULE.match(line):
            continue
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        start = pos + lead
        if body.startswith("|"):
            body, start = body[1:], start + 1
        if body.endswith("|"):
            body = body[:-1]
        fields, cells = body.split("|"), []
        for f in fields:
            cells.append(_cell(start, f, len(cells)))
            start += len(f) + 1
        rows.append(_row(cells, len(rows)))
    return rows


def _terminated_rows(run: list[tuple[int, str]]) -> list[Row]:
    """``a | b |`` rows and ``cell |`` lines: every ``|`` ends the cell before it, across line ends.

    A line with two or more cells is a row of its own (its end closes its last
    cell); cells written one per line (「合计 |」, 「|」 for an empty cell,
    「x」 between lines of pipes) are rows of one cell, cut into real rows later
    from the header's width.
    """
    rows: list[Row] = []
    pending: list[tuple[int, str]] = []  # pieces of the open cell: (offset, text)

    def close() -> Cell:
        text = "\n".join(t for _, t in pending)
        at = pending[0][0] if pending else 0
        c = _cell(at, text, 0) if pending else Cell(text="", span=Span(start=at, end=at))
        if "\n" in text.strip():  # a cell broken over lines: its span covers the pieces
            first = next(p for p in pending if p[1].strip())
            last = next(p for p in reversed(pending) if p[1].strip())
            c = Cell(text=re.sub(r"\s*\n\s*", "", text.strip()), span=Span(
                start=first[0] + len(first[1]) - len(first[1].lstrip()), end=last[0] + len(last[1].rstrip())))
        pending.clear()
        return c

    for pos, line in run:
        fields = line.split("|")
        cells: list[Cell] = []
        at = pos
        for k, f in enumerate(fields[:-1]):
            pending.append((at, f))
            cells.append(close())
            at += len(f) + 1
        tail = fields[-1]
        if tail.strip() and len(fields) > 1:
            pending.append((at, tail))
            cells.append(close())
        elif tail.strip() or not pending:
            pending.append((at, tail))
        if sum(1 for c in cells if c.text) >= 2:
            rows.append(_row(cells, len(rows)))
        else:
            rows.extend(_row([c], len(rows) + n) for n, c in enumerate(cells))
    if pending and any(t.strip() for _, t in pending):
        rows.append(_row([close()], len(rows)))
    return rows


def read_pipe(doc: Document) -> list[Table]:
    """Cells separated by ``|``, in any of the layouts pages and exports produce.

    Markdown rows (``| a | b |``, the ``|---|`` rule skipped) are read line by
    line, their outer pipes dropped; whether a run has outer pipes is decided
    for the whole run, so a row starting with an empty cell keeps its column.
    Rows without outer pipes (``a | b | c`` or ``a | b |``), cells one per line
    ending in `` |``, and cells between lines of pipes are read with every ``|``
    closing the cell before it.
    """
    tables: list[Table] = []
    for run in _pipe_runs(doc.text):
        content = [ln.strip() for _, ln in run if ln.strip() and not _PIPES_ONLY.match(ln)]
        markdown = sum(1 for ln in content if ln.startswith("|")) * 2 > len(content)
        rows = _markdown_rows(run) if markdown else _terminated_rows(run)
        rows = [r for r in rows if r.cells]
        if rows:
            tables.append(_table(rebuild_rows(rows), "text", "pipe"))
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
    rows = [_row([_cell(pos, ln, 0)], n) for n, (pos, ln) in enumerate(cells)]
    rows = rebuild_rows(rows)
    if not any(len(r.cells) > 1 for r in rows) and not three_public_items(c.text for r in rows for c in r.cells):
        return None
    return _table(rows, "text", "cell-per-line")


def _header_run_ok(texts: list[str]) -> bool:
    """Cells that name the columns of one row: three or more header words, or a label column word and a value word."""
    if len(texts) >= 3 and is_header_row([GridCell(t, Span(start=0, end=0)) for t in texts]):
        return True
    return len(texts) >= 2 and is_label_head(texts[0]) and all(value_role(t) for t in texts[1:])


def _is_header_cell(text: str) -> bool:
    return _header_word(text) or is_label_head(text) or value_role(text) is not None


def rebuild_rows(rows: list[Row]) -> list[Row]:
    """Rows of a layout that writes one cell per line, cut to the width the header words give.

    Where most rows hold one cell, a run of header cells (年初预算数, 全年预算数 …;
    一级指标, 分值, 得分 …; 项目, 预算数 …) fixes the row width and the cells
    that follow are cut into rows of that width until the next header run.
    Cells before the first header run, and tables without one, are left as
    they are (the 三公 reader reads them as a stream).
    """
    if sum(1 for r in rows if len(r.cells) > 1) * 5 > len(rows):
        return rows
    cells = [c for r in rows for c in r.cells]
    runs: list[tuple[int, int]] = []
    for i, c in enumerate(cells):
        if not _is_header_cell(c.text):
            continue
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    runs = [(a, b) for a, b in runs if _header_run_ok([cells[k].text for k in range(a, b)])]
    if not runs:
        return rows
    out = [_row([c], n) for n, c in enumerate(cells[:runs[0][0]])]
    for n, (a, b) in enumerate(runs):
        end = runs[n + 1][0] if n + 1 < len(runs) else len(cells)
        width = b - a
        for k in [a] + list(range(b, end, width)):
            chunk = cells[k:k + width] if k == a else cells[k:min(k + width, end)]
            out.append(_row([c.model_copy() for c in chunk], len(out)))
    return out


_NUMBER_TOKEN = re.compile(r"^[-−]?[\d,]+(?:\.\d+)?[%％]?$")
_HEAD_TOKEN = re.compile(r"指标|行次|栏次|得分|分值|预算数|决算数|执行数|执行率|金额|合计|总计")


def read_flattened(doc: Document) -> list[Table]:
    """A whole table flattened onto one line: many short fields, a fifth or more of them numbers,
    header words of the standard tables among them, hardly any sentence punctuation.

    Labels and values come apart in such a line (values after a run of labels,
    empty cells dropped), so its rows cannot be rebuilt with confidence: the
    table is kept, marked unread (BL125 says so), and its line is not read as prose.
    """
    tables = []
    for pos, line in _lines(doc.text):
        if len(line) < 150 or "\t" in line or "|" in line:
            continue
        tokens = [(m.start(), m.group()) for m in re.finditer(r"\S+", line)]
        numbers = sum(1 for _, t in tokens if _NUMBER_TOKEN.match(t) or re.search(r"\d+(?:\.\d+)?[%％]?$", t))
        heads = sum(1 for _, t in tokens if _HEAD_TOKEN.search(t) or meaning(t) or value_role(t))
        prose = len(re.findall(r"[，。；]", line))
        if len(tokens) >= 20 and numbers * 5 >= len(tokens) and heads >= 3 and prose * 20 <= len(tokens):
            cells = [Cell(text=t, span=Span(start=pos + k, end=pos + k + len(t)), col=n)
                     for n, (k, t) in enumerate(tokens)]
            tables.append(Table(rows=[Row(cells=cells, span=Span(start=pos, end=pos + len(line)))],
                                span=Span(start=pos, end=pos + len(line)), source="text",
                                unread="flattened"))
    return tables


def claimed(tables: list[Table], text: str) -> list[Span]:
    """The spans the table readers rebuilt (or saw and could not): prose segmentation skips them."""
    from .three_public import three_public_tables

    spans = [t.span for t in tables if t.span is not None and t.source == "text" and (t.unread or t.scores)]
    spans += [t.span for t in three_public_tables(tables, text)]
    return spans


def read_tables(doc: Document) -> list[Table]:
    """All tables found in the text of ``doc`` by the text-layout readers."""
    from .layout import read_layout

    cell_tables, claimed = read_cell_per_line(doc)
    return read_tab_separated(doc, claimed) + read_pipe(doc) + cell_tables + read_layout(doc) + read_flattened(doc)
