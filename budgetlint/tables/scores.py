"""Typed rows of score tables (评分表, 指标体系, 项目支出绩效自评表).

A ``ScoreItem`` is one indicator, section or total of a score table, with its
分值 (weight) and 得分 (score) as ``Num`` facts that keep the span of the
cell they were read from. Readers build the grid of cells; ``header.py``
gives columns their meaning and turns the grid into these items.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, Optional

from pydantic import BaseModel

from ..facts import Num
from ..model import Span


@dataclass(slots=True)
class TextCell:
    """A stretch of cell text (rubric, note, target …) with the span it came from."""

    text: str
    span: Span


@dataclass(slots=True)
class ScoreItem:
    """One row of a score table.

    ``kind`` is ``section`` for a heading that carries its own 分值 (「投入（15分）」,
    or an 一级指标 with a 分值 column), ``item`` for a scored indicator, ``total``
    for 总分/合计. ``parent`` is the index of the enclosing section. A weight
    cell merged over several items is held by the first of them; the others
    point at it with ``weight_of``.

    A dataclass with slots, as table cells and rows are: the readers build one for every row of
    every score table, and a pydantic model cost several times as much to build. ``ScoreTable``
    accepts them as they are and dumps them field by field, as before.
    """

    index: int = 0
    kind: Literal["section", "item", "total", "budget"] = "item"
    level: int = 0
    label: str = ""
    label_span: Optional[Span] = None
    parent: Optional[int] = None
    weight: Optional[Num] = None
    score: Optional[Num] = None
    weight_of: Optional[int] = None
    rubric: Optional[TextCell] = None
    note: Optional[TextCell] = None
    target: Optional[TextCell] = None
    actual: Optional[TextCell] = None
    budget_initial: Optional[Num] = None
    budget: Optional[Num] = None
    executed: Optional[Num] = None
    rate: Optional[Num] = None


class ScoreTable(BaseModel):
    """The score items of one table, in reading order."""

    layout: str = ""
    items: list[ScoreItem] = []
    # rows may be missing: flattened onto one line, or the text stops inside the table before its 总分 row
    partial: bool = False

    def children(self, i: Optional[int]) -> list[ScoreItem]:
        return [it for it in self.items if it.parent == i and it.kind in ("section", "item", "budget")]

    def sections(self) -> list[ScoreItem]:
        return [it for it in self.items if it.kind == "section"]

    def leaves(self) -> list[ScoreItem]:
        return [it for it in self.items if it.kind == "item"]

    def total(self) -> Optional[ScoreItem]:
        return next((it for it in self.items if it.kind == "total"), None)

    def under(self, i: Optional[int]) -> list[ScoreItem]:
        """Scored rows (items and budget rows) below section ``i`` (the whole table for None)."""
        out = []
        for it in self.items:
            if it.kind not in ("item", "budget"):
                continue
            p = it.parent
            while p is not None and p != i:
                p = self.items[p].parent
            if i is None or p == i:
                out.append(it)
        return out

    def weight_of_item(self, it: ScoreItem) -> Optional[Num]:
        return it.weight if it.weight_of is None else self.items[it.weight_of].weight


def precision(nums: list[Num]) -> int:
    return max((n.decimals for n in nums), default=0)


def sum_tolerance(parts: list[Num], total: Optional[Num] = None) -> Decimal:
    """How far a stated sum may differ from the sum of its stated parts through rounding.

    Scores are usually exact; only those written at the table's finest
    precision (5.41 among whole numbers) may be rounded from a formula, so
    each of them, and the total, may be off by half a unit of that precision.
    """
    d = precision(parts + ([total] if total else []))
    if d == 0:
        return Decimal(0)
    half = Decimal(5).scaleb(-(d + 1))
    n = sum(1 for p in parts if p.decimals == d) + (1 if total is not None and total.decimals == d else 0)
    return half * n


def path_of(table: ScoreTable, it: ScoreItem) -> str:
    names, p = [it.label], it.parent
    while p is not None:
        names.append(table.items[p].label)
        p = table.items[p].parent
    return "/".join(reversed([n for n in names if n]))


def score_facts(doc, tables) -> list[dict]:
    """Every 分值 and 得分 cell of the score tables as a flat fact with its location (for ``budgetlint facts``)."""
    out = []
    for n, t in enumerate(tables):
        scores = getattr(t, "scores", None)
        if scores is None:
            continue
        for it in scores.items:
            for what, num in (("weight", it.weight), ("score", it.score)):
                if num is None:
                    continue
                out.append({"kind": f"score-table.{what}", "table": n, "layout": scores.layout, "row": it.kind,
                            "path": path_of(scores, it), "value": num.text,
                            "location": doc.locate(num.span).model_dump(exclude_none=True)})
    return out
