"""Table cells understood: the table half of ``budgetlint facts``' coverage.

A numeric cell is seen in any table a reader produced; it is used when a
recognised table reads it: a 分值, 得分, money or target cell of a score table,
a value cell of a 三公 table or of a 决算 table line, or the classification code
that labels such a line.
"""
from __future__ import annotations

from ..facts import read_cell


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


def unread_numbers(table, used: set[int], codes: set[str]) -> tuple[int, int]:
    """(numeric cells of ``table``, those no recognised table reads)."""
    seen = hit = 0
    for row in table.rows:
        for c in row.cells:
            read = None if c.merged else read_cell(c.text)  # where Num.from_cell would read the number
            if read is None:
                continue
            seen += 1
            hit += c.span.start in used or c.span.start + read[0] in used or c.text.strip() in codes
    return seen, seen - hit


def table_coverage(tables, finals, three=()) -> tuple[int, int]:
    """(numeric cells seen, numeric cells a score, 三公 or 决算 table reads) over ``tables``."""
    used, codes = _used(tables, finals, three)
    seen = unread = 0
    for t in tables:
        s, u = unread_numbers(t, used, codes)
        seen, unread = seen + s, unread + u
    return seen, seen - unread


def tables_unread(tables, finals, three) -> list:
    """Tables holding numbers of which no recognised table reads any."""
    used, codes = _used(tables, finals, three)
    out = []
    for t in tables:
        s, u = unread_numbers(t, used, codes)
        if s and s == u:
            out.append(t)
    return out
