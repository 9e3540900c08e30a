"""Typed rows of score tables (评分表, 指标体系, 项目支出绩效自评表).

A ``ScoreItem`` is one indicator, section or total of a score table, with its
分值 (weight) and 得分 (score) as ``Num`` facts that keep the span of the
cell they were read from. Readers build the grid of cells; ``header.py``
gives columns their meaning and turns the grid into these items.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel

from ..facts import Num
from ..model import Span


class TextCell(BaseModel):
    """A stretch of cell text (rubric, note, target …) with the span it came from."""

    text: str
    span: Span


class ScoreItem(BaseModel):
    """One row of a score table.

    ``kind`` is ``section`` for a heading that carries its own 分值 (「投入（15分）」,
    or an 一级指标 with a 分值 column), ``item`` for a scored indicator, ``total``
    for 总分/合计. ``parent`` is the index of the enclosing section. A weight
    cell merged over several items is held by the first of them; the others
    point at it with ``weight_of``.
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

    def children(self, i: Optional[int]) -> list[ScoreItem]:
        return [it for it in self.items if it.parent == i and it.kind in ("section", "item")]

    def sections(self) -> list[ScoreItem]:
        return [it for it in self.items if it.kind == "section"]

    def leaves(self) -> list[ScoreItem]:
        return [it for it in self.items if it.kind == "item"]

    def total(self) -> Optional[ScoreItem]:
        return next((it for it in self.items if it.kind == "total"), None)
