"""Table cells understood: the table half of ``budgetlint facts``' coverage.

A numeric cell is seen in any table a reader produced; it is used when a
recognised table reads it: a 分值, 得分 or money cell of a score table, a value
cell of a 决算 table line, or the classification code that labels such a line.
"""
from __future__ import annotations

from ..facts import Num


def table_coverage(tables, finals) -> tuple[int, int]:
    """(numeric cells seen, numeric cells a score or 决算 table reads) over ``tables``."""
    used: set[int] = set()
    codes: set[str] = set()
    for t in tables:
        for it in (t.scores.items if t.scores is not None else []):
            used.update(n.span.start for n in (it.weight, it.score, it.budget_initial, it.budget, it.executed, it.rate)
                        if n is not None)
    for ft in finals:
        for line in ft.lines:
            used.update(c.span.start for c in line.cells.values())
            codes.add(line.code)
    seen = hit = 0
    for t in tables:
        for row in t.rows:
            for c in row.cells:
                n = None if c.merged else Num.from_cell(c.text, c.span.start)
                if n is None:
                    continue
                seen += 1
                hit += c.span.start in used or n.span.start in used or c.text.strip() in codes
    return seen, hit
