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
from itertools import accumulate
from typing import Optional

from ..document import Document
from ..model import Span
from .header import build_scores, meaning
from .rebuild import is_header_cell, rebuild_cells, rebuild_rows
from .three_public import three_public_items
from .vocabulary import is_label_head, not_applicable, three_item, value_role
from .wrapped import wrapped_scores
from .model import Cell, Row, Table, row_span


# a line break and a line holding only a page's number, printed in its header or footer, which PDF text
# leaves between two rows of a table (「— 2 —」, 「第2页，共9页」); found in one pass over the text
_PAGE_NUMBER = re.compile(r"\n[^\S\n]*(?:[-—–－][^\S\n]*\d{1,4}[^\S\n]*[-—–－]|第[^\S\n]*\d{1,4}[^\S\n]*页"
                          r"(?:[^\S\n]*[,，/]?[^\S\n]*共[^\S\n]*\d{1,4}[^\S\n]*页)?)[^\S\n]*(?![^\n])")


Lines = list[tuple[int, str]]
"""(start offset, line) of lines of a document's text, split once and shared by every reader."""


def split_lines(text: str) -> Lines:
    """(start offset, line) for every line of ``text``: each offset is the one before plus that line's length
    and its line break, summed without a Python step per line."""
    lines = text.split("\n")
    return list(zip(accumulate(map((1).__add__, map(len, lines)), initial=0), lines))


# a bare line's class by the length of its stripped text, one letter: e empty, 0 blank, a up to 14 characters
# (too short for the eight fields of a flattened table), b up to 40 (a cell of a table written one cell per
# line), c up to 60 (a row of a space-separated table), d longer
_WIDTH_CLASS = "0" + "a" * 14 + "b" * 26 + "c" * 20 + "d"
_SHORT_RUN = re.compile(r"[e0ab]{6,}")
_BEFORE_EMPTY = re.compile(r"[ab](?=e)")
_PARAGRAPH = re.compile(r"[^e]+")  # the lines of a short run between its empty ones
_SPACE_RUN = re.compile(r"[abc]{3,}")
_FLAT_LINE = re.compile(r"[bcd]")
_TAB_LINE = re.compile(r"[tq]")
_TEXT_LINE = re.compile(r"[^e0]")  # between two tab lines: a line with text and no tab


def line_classes(lines: Lines) -> str:
    """One letter per line: its width class (``_WIDTH_CLASS``) when it holds no tab and no ``|``, else
    ``_marked_class``. What the readers of bare lines and of pipes ask of every line, asked once; they find
    their runs in it with a regex."""
    return "".join([(_WIDTH_CLASS[min(len(line.strip()), 61)] if line else "e")
                    if "\t" not in line and "|" not in line else _marked_class(line) for _, line in lines])


def _marked_class(line: str) -> str:
    """A line holding a tab or a ``|``: t a tab, p a ``|`` and no tab; o (q with a tab) pipes only."""
    if "|" in line and _PIPES_ONLY.match(line):
        return "q" if "\t" in line else "o"
    return "t" if "\t" in line else "p"


def _table(rows: list[Row], sure: bool = True) -> Table:
    """A text table of ``rows``; its score items are added once it is kept (``read_tables``)."""
    return Table(rows=rows, span=rows[0].span.cover(rows[-1].span), source="text",
                 unread="" if sure else "rows do not fit the header")


# a character of every column word that makes a table a score table, whichever reads it: 分值, 得分, 满分, 权重,
# 指标值 or 目标值 with 完成值 or 实际完成, 执行数 (with 全年预算 and section labels such as 「(20)」 giving 分值)
_SCORE_MARKS = "分权值完执"


def _add_scores(t: Table, layout: str) -> None:
    """The score items of a table whose rows were rebuilt with confidence, else of its cells read as a stream;
    none for a table none of whose cells holds a character of ``_SCORE_MARKS`` (most tables: no reader asked)."""
    text = "".join([c.text for r in t.rows for c in r.cells])
    if any(mark in text for mark in _SCORE_MARKS):
        t.scores = (build_scores([r.cells for r in t.rows], layout) if not t.unread else None) or wrapped_scores(t)


def _split_row(pos: int, line: str, sep: str, index: int) -> Row:
    cells, start, step = [], pos, len(sep)
    for col, part in enumerate(line.split(sep)):
        end = start + len(part)
        cells.append(Cell(part, Span(start, end), col))  # by position: built for every field
        start = end + step
    return Row(cells=cells, span=Span(start=pos, end=pos + len(line)), index=index)


def read_tab_separated(lines: Lines, classes: str, skip: set[int] = frozenset()) -> list[Table]:
    """Consecutive lines holding tabs form one table; each tab-separated field is a cell.

    Inside a table, a line that starts with two or more tabs is a row too (a
    continuation whose first cells are merged); blank lines do not end a table.
    Only the lines holding a tab are visited (classes t and q of ``line_classes``):
    a line with text and no tab between two of them ends the table.
    """
    tables: list[Table] = []
    rows: list[Row] = []
    after = 0  # the line after the last tab line visited
    for m in _TAB_LINE.finditer(classes):
        if rows and _TEXT_LINE.search(classes, after, m.start()):
            tables.append(_table(rows))
            rows = []
        after = m.end()
        pos, line = lines[m.start()]
        inner = "\t" in line.strip("\t ")
        if pos not in skip and (inner or (rows and line.startswith("\t\t") and line.strip())):
            rows.append(_split_row(pos, line, "\t", len(rows)))
        elif rows and line.strip():
            tables.append(_table(rows))
            rows = []
    if rows:
        tables.append(_table(rows))
    return tables


_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")


_PIPES_ONLY = re.compile(r"^\s*\|+\s*$")


# runs of lines holding | and no tab (p, o), a bare line that is not blank (a to d) joining beside a line of
# pipes only (o, q) in ``line_classes``
_PIPE_RUN = re.compile(r"(?:[po]|(?<=[oq])[abcd]|[abcd](?=[oq]))+")


def _pipe_runs(lines: Lines, classes: str) -> list[Lines]:
    """Runs of lines holding ``|`` (no tabs); a pipe-free line joins a run beside a line of pipes only."""
    runs = [lines[m.start():m.end()] for m in _PIPE_RUN.finditer(classes)]
    return [r for r in runs if sum(ln.count("|") for _, ln in r) >= 3]


def _cell(pos: int, raw: str, col: int) -> Cell:
    lead = len(raw) - len(raw.lstrip())
    text = raw.strip()
    return Cell(text, Span(pos + lead, pos + lead + len(text)), col)


def _row(cells: list[Cell], index: int) -> Row:
    for col, c in enumerate(cells):
        c.col = col
    return Row(cells=cells, span=row_span(cells), index=index)


def _markdown_row(pos: int, line: str, index: int) -> Row:
    """``| a | b |``: outer pipes dropped, every inner field a cell (empty ones too)."""
    lead = len(line) - len(line.lstrip())
    body, start = line.strip(), pos + lead
    if body.startswith("|"):
        body, start = body[1:], start + 1
    if body.endswith("|"):
        body = body[:-1]
    cells = []
    for f in body.split("|"):
        cells.append(_cell(start, f, len(cells)))
        start += len(f) + 1
    return _row(cells, index)


def _terminated_width(line: str) -> int:
    body = line.rstrip()
    return body.count("|") + (0 if body.endswith("|") else 1)


def _outer_pipes(run: list[tuple[int, str]]) -> list[bool]:
    """For each line, whether its first ``|`` is an outer pipe (Markdown) rather than the end of an empty cell.

    Lines not starting with ``|`` settle the run's row width; a line starting
    with ``|`` is Markdown when the run has no such lines, or when dropping its
    outer pipes gives that width and reading the pipe as an empty cell does not
    (so 「| | 小计 | 3 |」 under 「项目 | 合计 | 小计 | 分值 |」 keeps its empty first cell).
    """
    widths = [_terminated_width(ln) for _, ln in run
              if ln.strip() and not ln.lstrip().startswith("|") and ln.count("|") >= 2]
    width = max(set(widths), key=widths.count) if widths else None
    out = []
    for _, ln in run:
        body = ln.strip()
        if not body.startswith("|") or _PIPES_ONLY.match(ln):
            out.append(False)
            continue
        inner = body.count("|") - 1 if body.endswith("|") and len(body) > 1 else body.count("|")
        out.append(width is None or (inner == width and _terminated_width(body) != width))
    return out


def _field(at: int, raw: str) -> Cell:
    """The cell of one field ``raw`` at ``at``: its text stripped, an empty cell where it starts when blank."""
    text = raw.strip()
    if not text:
        return Cell("", Span(at, at))
    start = at + len(raw) - len(raw.lstrip())
    return Cell(text, Span(start, start + len(text)))


def _run_rows(run: list[tuple[int, str]]) -> list[Row]:
    """Rows of a run of ``|`` lines, every layout at once.

    Markdown lines (``| a | b |``) are rows of their own. Elsewhere every
    ``|`` closes the cell before it, across line ends: a line with two or more
    cells is a row (its end closes its last cell: ``a | b | c``); cells written
    one per line (「合计 |」, 「|」 for an empty cell, 「x」 between lines of
    pipes) are rows of one cell, cut into real rows later from the header's width.
    """
    rows: list[Row] = []
    pending: list[tuple[int, str]] = []  # pieces of the open cell: (offset, text)

    def close() -> Cell:
        pieces = [p for p in pending if p[1].strip()]
        at = pending[0][0] if pending else 0
        pending.clear()
        if len(pieces) == 1:
            return _field(*pieces[0])
        if not pieces:
            return Cell("", Span(at, at))
        first, last = pieces[0], pieces[-1]
        start = first[0] + len(first[1]) - len(first[1].lstrip())
        text = "".join(p[1].strip() for p in pieces)
        return Cell(text, Span(start, last[0] + len(last[1].rstrip())))

    for (pos, line), outer in zip(run, _outer_pipes(run)):
        if _PIPE_RULE.match(line):
            continue
        if outer:
            if any(t.strip() for _, t in pending):
                rows.append(_row([close()], len(rows)))
            pending.clear()
            rows.append(_markdown_row(pos, line, len(rows)))
            continue
        fields = line.split("|")
        cells: list[Cell] = []
        at = pos
        for f in fields[:-1]:
            if pending:
                pending.append((at, f))
                cells.append(close())
            else:
                cells.append(_field(at, f))  # the common case: a cell within the line, built directly
            at += len(f) + 1
        tail = fields[-1]
        if tail.strip() and len(fields) > 1:
            if pending:
                pending.append((at, tail))
                cells.append(close())
            else:
                cells.append(_field(at, tail))
        elif tail.strip() or not pending:
            pending.append((at, tail))
        if sum(1 for c in cells if c.text) >= 2:
            rows.append(_row(cells, len(rows)))
        else:
            rows.extend(_row([c], len(rows) + n) for n, c in enumerate(cells))
    if any(t.strip() for _, t in pending):
        rows.append(_row([close()], len(rows)))
    return rows


def read_pipe(lines: Lines, classes: str) -> list[Table]:
    """Cells separated by ``|``, in any of the layouts pages and exports produce.

    Markdown rows (``| a | b |``, the ``|---|`` rule skipped), rows without
    outer pipes (``a | b | c`` or ``a | b |``, a first empty cell kept in
    place), cells one per line ending in `` |``, and cells between lines of
    pipes; rows of one cell are cut to the width the header words give.
    """
    tables: list[Table] = []
    for run in _pipe_runs(lines, classes):
        rows = [r for r in _run_rows(run) if r.cells]
        if rows:
            rows, sure = rebuild_rows(rows)
            tables.append(_table(rows, sure))
    return tables


def read_cell_per_line(lines: Lines) -> tuple[list[Table], set[int]]:
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

    for pos, line in lines:
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
    rows, sure = rebuild_rows(rows)
    if not any(len(r.cells) > 1 for r in rows) and not three_public_items(c.text for r in rows for c in r.cells):
        return None
    return _table(rows, sure)


def _short_runs(lines: Lines, classes: str) -> list[tuple[Lines, str]]:
    """Runs of lines holding no tab and no ``|``, each short enough to be one table cell (40 characters at
    most: classes a and b of ``_WIDTH_CLASS``), six of them or more not blank; with their classes."""
    runs = [(lines[m.start():m.end()], m.group()) for m in _SHORT_RUN.finditer(classes)]
    return [(run, kinds) for run, kinds in runs if len(kinds) - kinds.count("0") - kinds.count("e") >= 6]


def _line_cells(run: Lines, kinds: str) -> list[Cell]:
    """The cells of a run (its lines' classes ``kinds``): paragraphs between empty lines when the run is written
    that way (a paragraph of spaces is an empty cell), else one cell per line (an empty line an empty cell)."""
    content = len(kinds) - kinds.count("0") - kinds.count("e")
    spaced = len(_BEFORE_EMPTY.findall(kinds))  # lines with text right before an empty line
    if spaced * 5 >= content * 4:  # a paragraph: the lines between empty ones, most often a single line of text
        return [_cell(*run[m.start()], 0) if m.group() in ("a", "b") else _paragraph(run[m.start():m.end()])
                for m in _PARAGRAPH.finditer(kinds)]
    return [_cell(pos, ln, 0) for pos, ln in run]


def _paragraph(group: Lines) -> Cell:
    """The cell of a paragraph of lines: their texts joined, from the first text to the last; an empty cell at
    its start when it holds only spaces."""
    pieces = [(p, t) for p, t in group if t.strip()]
    if not pieces:
        return Cell("", Span(group[0][0], group[0][0]))
    a = pieces[0][0] + len(pieces[0][1]) - len(pieces[0][1].lstrip())
    b = pieces[-1][0] + len(pieces[-1][1].rstrip())
    return Cell("".join(t.strip() for _, t in pieces), Span(a, b))


def read_line_cells(lines: Lines, classes: str) -> list[Table]:
    """Tables written one cell per line (bare lines, or paragraphs between empty lines: Word cells).

    Only runs whose cells hold a header the standard tables use (cut into rows
    of its width) or the items of a 三公 table are tables; the table starts at
    that header and ends with its last row holding a number.
    """
    tables = []
    for run, kinds in _short_runs(lines, classes):
        cells = _line_cells(run, kinds)
        texts = [c.text for c in cells]
        if not any(is_header_cell(t) for t in texts) and not three_public_items(texts):
            continue  # no header word to cut rows by (a header joined from two cells holds one) and no 三公 items
        rebuilt = rebuild_cells(cells)  # rows of one cell each are built only for a 三公 stream
        rows, sure = rebuilt or ([], True)
        start = next((i for i, r in enumerate(rows) if len(r.cells) > 1), None)
        if start is None:  # a 三公 stream: a row for each cell, from the items' label head
            if not three_public_items(texts):
                continue
            first = next(i for i, t in enumerate(texts) if three_item(t) not in (None, "other"))
            start = max((i for i in range(first) if is_label_head(texts[i])), default=first)
            last = next((i for i in reversed(range(len(texts))) if _DIGIT.search(texts[i])), -1)
            rows = [_row([c], n) for n, c in enumerate(cells[start:last + 1])]
        else:
            last = next((i for i in reversed(range(len(rows))) if any(_DIGIT.search(c.text) for c in rows[i].cells)), -1)
            rows = rows[start:last + 1]
            for n, r in enumerate(rows):
                r.index = n
        if rows:
            tables.append(_table(rows, sure))
    return tables


def _is_value(field: str) -> bool:
    """A value field of a space-separated row: a number, 「-」 or 「不需填列」."""
    return bool(_NUMBER_TOKEN.match(field)) or not_applicable(field) or field in ("-", "—", "－")


def _values(tokens: list[tuple[int, str]]) -> int:
    """Where the value fields at the end of a line's fields start."""
    k = len(tokens)
    while k > 0 and _is_value(tokens[k - 1][1]):
        k -= 1
    return k


def _header_line(tokens: list[tuple[int, str]], k: int) -> bool:
    """Whether a line of a space-separated table is its header: no value field, a column word among its fields."""
    return k == len(tokens) and any(value_role(t) or is_label_head(t) for _, t in tokens)


def _space_label(line: str, tokens: list[tuple[int, str]], k: int) -> str:
    """The first cell's text of ``_space_cells``: the header's first word, the label, or the first value."""
    if k and not _header_line(tokens, k):
        return line[tokens[0][0]:tokens[k - 1][0] + len(tokens[k - 1][1])]
    return tokens[0][1]


def _space_cells(pos: int, line: str, tokens: list[tuple[int, str]], k: int) -> list[Cell]:
    """The cells of a line of a space-separated table: its label (fields before ``k``), then its value fields."""
    if _header_line(tokens, k):
        return [Cell(text=t, span=Span(start=pos + a, end=pos + a + len(t))) for a, t in tokens]
    cells = []
    if k:
        a, b = tokens[0][0], tokens[k - 1][0] + len(tokens[k - 1][1])
        cells.append(Cell(text=line[a:b], span=Span(start=pos + a, end=pos + b)))
    cells += [Cell(text=t, span=Span(start=pos + a, end=pos + a + len(t))) for a, t in tokens[k:]]
    return cells


def read_space_rows(lines: Lines, classes: str) -> list[Table]:
    """Space-separated 三公 tables: each line a label and the values after it (empty cells dropped).

    A run of short lines (60 characters at most: classes a to c of ``_WIDTH_CLASS``),
    three or more of them a label followed by numbers (or 「单位不需填列」), whose
    labels name the 三公 items; the 三公 reader rebuilds the rows from these
    cells and says when a row's values do not fit the header.
    """
    tables = []
    for found in _SPACE_RUN.finditer(classes):
        run = lines[found.start():found.end()]
        if sum(1 for _, line in run if _is_value(line.split()[-1])) < 3:
            continue  # fewer than three lines ending in values: no table, no rows built
        fields = []
        for pos, line in run:
            tokens = [(m.start(), m.group()) for m in _FIELD.finditer(line)]
            fields.append((pos, line, tokens, _values(tokens)))
        if not three_public_items(_space_label(line, tokens, k) for _, line, tokens, k in fields):
            continue  # the rows' labels name no 三公 items: no cells built
        rows = [_row(_space_cells(*f), n) for n, f in enumerate(fields)]
        tables.append(Table(rows=rows, span=rows[0].span.cover(rows[-1].span), source="text"))
    return tables


_NUMBER_TOKEN = re.compile(r"^[-−]?[\d,]+(?:\.\d+)?[%％]?$")
_FIELD = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")
_NUMBER_END = re.compile(r"\d+(?:\.\d+)?[%％]?$")
_PROSE_MARK = re.compile(r"[，。；;]|(?<!\d),|,(?!\d)")
_HEAD_TOKEN = re.compile(r"指标|行次|栏次|得分|分值|预算数|决算数|执行数|执行率|金额|合计|总计")


def read_flattened(text: str, lines: Lines, classes: str) -> list[Table]:
    """A whole table flattened onto one line: many short fields, a fifth or more of them numbers,
    header words of the standard tables (or three 三公 items) among them, hardly any sentence punctuation.

    A 三公 table still reads as a stream of labels and values. Otherwise labels
    and values come apart in such a line (values after a run of labels, empty
    cells dropped), so its rows cannot be rebuilt with confidence: the table is
    kept, marked unread (BL125 says so), and its line is not read as prose.
    """
    from .three_public import rebuild, title_before

    tables = []
    for m in _FLAT_LINE.finditer(classes):  # lines without tab or |, long enough for eight fields and seven spaces
        pos, line = lines[m.start()]
        fields = line.split()
        if len(fields) < 8 or len(_PROSE_MARK.findall(line)) * 20 > len(fields):
            continue  # too few fields for any table, or sentences (the cheap tests first: most lines are prose)
        if sum(1 for t in fields if _NUMBER_TOKEN.match(t) or _NUMBER_END.search(t)) * 5 < len(fields):
            continue
        tokens = [(m.start(), m.group()) for m in _FIELD.finditer(line)]  # the fields and where they start
        three = three_public_items(t for _, t in tokens)
        if len(tokens) < (8 if three else 20) or not (three or sum(
                1 for _, t in tokens if _HEAD_TOKEN.search(t) or meaning(t) or value_role(t)) >= 3):
            continue
        cells = [Cell(text=t, span=Span(start=pos + k, end=pos + k + len(t)), col=n) for n, (k, t) in enumerate(tokens)]
        t = Table(rows=[Row(cells=cells, span=Span(start=pos, end=pos + len(line)))],
                  span=Span(start=pos, end=pos + len(line)), source="text", unread="flattened")
        read = rebuild(t, title_before(text, pos)[0]) if three else None
        if read is not None and read.doubtful is None:
            t.unread = ""  # a 三公 table reads as a stream of labels and values, whatever the line breaks
        tables.append(t)
    return tables


def claimed(tables: list[Table], text: str) -> list[Span]:
    """The spans the table readers rebuilt (or saw and could not): prose segmentation skips them."""
    from .three_public import three_public_tables

    spans = [t.span for t in tables if t.span is not None and t.source == "text" and (t.unread or t.scores)]
    spans += [t.span for t in three_public_tables(tables, text)]
    return spans


def read_tables(doc: Document) -> list[Table]:
    """All tables found in the text of ``doc`` by the text-layout readers, in document order.

    The readers claim their lines in turn (tab-indented cells, tabs, pipes,
    pdftotext layout, one cell per line, space-separated, flattened lines): a
    table another reader already read is not read twice.
    """
    from .layout import read_layout

    text = doc.text
    every = split_lines(text)
    pages = {m.start() for m in _PAGE_NUMBER.finditer("\n" + text)}  # the offsets of page-number lines
    lines = [(pos, line) for pos, line in every if pos not in pages] if pages else every  # which cut no table
    classes = line_classes(lines)
    cell_tables, claimed = read_cell_per_line(lines) if text.startswith("\t") or "\n\t" in text else ([], set())
    found: list[tuple[Optional[str], list[Table]]] = [  # each reader's tables, and the layout it scores them as
        ("cell-per-line", cell_tables),
        ("tab", read_tab_separated(lines, classes, claimed) if "\t" in text else []),
        ("pipe", read_pipe(lines, classes) if "|" in text else []),
        (None, read_layout(doc, every)),
        ("line-cells", read_line_cells(lines, classes)),
        (None, read_space_rows(lines, classes)),
        (None, read_flattened(text, lines, classes)),
    ]
    kept: list[Table] = []
    for layout, tables in found:
        for t in tables:
            if any(k.span.start < t.span.end and t.span.start < k.span.end for k in kept):
                continue  # a reader earlier in the list has claimed these lines
            if layout is not None:
                _add_scores(t, layout)
            kept.append(t)
    return sorted(kept, key=lambda t: t.span.start)
