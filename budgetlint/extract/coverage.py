"""Table cells understood: the table half of ``budgetlint facts``' coverage.

A numeric cell is seen in any table a reader produced; it is used when a
recognised table reads it: a 分值, 得分, money or target cell of a score table,
a value cell of a 三公 table or of a 决算 table line, or the classification code
that labels such a line.

A cell that no table reads and that is no part of a checkable statement is
not counted at all: a number of an index column (行次, 栏次, 序号: three or more
integers counting up one by one, down a column or in reading order), a year or a date (a
four-digit 19xx/20xx, a number followed by 年, 月 or 日), the page number
after the leader dots of a table of contents (「二、机构设置.....|10」), a count of a row
that names its unit in brackets (「因公出国(境)团组数(个)」, 「公务用车保有量(辆)」:
no rule adds up or divides people, vehicles or groups) and the number of a
row that names an identifier (文号, 电话, 编号, 邮编). The cells of a table whose
labels carry pinyin glosses (「公務(wù)用車」, a mirror copy) are not counted
either, as the glossed prose lines are not (``readable.py``; BL903 says how
much was left unread). Everything else a reader saw counts, read or not.
"""
from __future__ import annotations

import re

from ..facts import read_cell
from .readable import GLOSS

_YEAR = re.compile(r"^(?:19|20)\d\d$")
_DATE_NEXT = re.compile(r"^[年月日]$")
_LEADER = re.compile(r"(?:\.{3,}|…+|·{3,})\s*$")
_COUNT_ROW = re.compile(r"[（(](?:个|人|人次|名|辆|批|批次|次|台|套|家|项)[)）]")
_IDENTIFIER_ROW = re.compile(r"文号|电话|编号|邮编")


def _used(tables, finals, three) -> tuple[set[int], set[str]]:
    used: set[int] = set()
    codes: set[str] = set()
    for t in tables:
        for it in (t.scores.items if t.scores is not None else []):
            used.update(n.span.start for n in (it.weight, it.score, it.budget_initial, it.budget, it.executed, it.rate,
                                               it.target, it.actual) if n is not None)
    for ft in finals:
        for line in ft.lines:
            used.update(c.span.start for c in line.cells.values())
            codes.add(line.code)
    for tp in three:
        used.update(c.span.start for row in tp.cells.values() for c in row if c is not None)
    return used, codes


def _counting_up(ks, integers: dict[int, int]) -> set[int]:
    """Those of ``ks`` (in order) in runs of three or more integers counting up one by one (``integers``:
    the integer each cell holding one holds)."""
    out: set[int] = set()
    run: list[int] = []
    last = None
    for k in ks:
        v = integers.get(k)
        if v is None:
            continue
        if last is not None and v == last + 1:
            run.append(k)
        else:
            run = [k]
        last = v
        if len(run) >= 3:
            out.update(run)
    return out


def _index_cells(table, cells: list) -> set[int]:
    """Cells of an index column (行次, 栏次, 序号): integers counting up down a column, or in reading
    order (a stream or a flattened line)."""
    integers = {k: int(t) for k, t in enumerate(c.text.strip() for c in cells) if t.isdigit()}
    if len(integers) < 3:
        return set()  # no run of three
    column_of = [j for row in table.rows for j in range(len(row.cells))]
    columns: dict[int, list[int]] = {}
    for k in integers:  # the other cells of a column break no run: only the integers are listed
        columns.setdefault(column_of[k], []).append(k)
    out = _counting_up(list(integers), integers)
    for ks in columns.values():
        out |= _counting_up(ks, integers)
    return out


def _outside(cells: list, rows: list, k: int) -> bool:
    """Whether numeric cell ``k`` is no part of a checkable statement: a year, a date, a page number after
    the leader dots of a table of contents, a count, an identifier."""
    t = cells[k].text.strip()
    label = next((c.text for c in rows[k].cells if c.text.strip()), "")
    after = cells[k + 1].text.strip() if k + 1 < len(cells) else ""
    before = cells[k - 1].text if k else ""
    return bool(_YEAR.match(t) or _DATE_NEXT.match(after) or _LEADER.search(before) or _COUNT_ROW.search(label)
                or _IDENTIFIER_ROW.search(label))


def unread_numbers(table, used: set[int], codes: set[str]) -> tuple[int, int]:
    """(numeric cells of ``table`` that count, those no recognised table reads).

    A cell no table reads counts only when it may be part of a checkable statement (module docstring)."""
    cells = [c for row in table.rows for c in row.cells]
    texts = [c.text for c in cells]
    joined = "\n".join(texts)  # no gloss spans a line break, and every gloss has its 「(」
    if "(" in joined and GLOSS.search(joined) and sum(1 for t in texts if GLOSS.search(t)) >= 2:
        return 0, 0  # a glossed copy's table: unreadable, like its prose
    rows = index = None  # each cell's row and the index column's cells, found when a cell no table reads asks
    seen = hit = 0
    for k, number in enumerate(map(read_cell, texts)):  # where Num.from_cell would read the number
        c = cells[k]
        if number is None or c.merged:
            continue
        read = c.span.start in used or c.span.start + number[0] in used or c.text.strip() in codes
        if not read and index is None:
            index = _index_cells(table, cells)
            rows = [row for row in table.rows for _ in row.cells]
        if not read and (k in index or _outside(cells, rows, k)):
            continue
        seen += 1
        hit += read
    return seen, seen - hit


def table_coverage(tables, finals, three=()) -> tuple[int, int, list]:
    """(numeric cells seen, numeric cells a score, 三公 or 决算 table reads) over ``tables``, and the
    tables holding numbers of which no recognised table reads any."""
    used, codes = _used(tables, finals, three)
    seen = unread = 0
    none_read = []
    for t in tables:
        s, u = unread_numbers(t, used, codes)
        seen, unread = seen + s, unread + u
        if s and s == u:
            none_read.append(t)
    return seen, seen - unread, none_read
