"""Helpers of the score-table rules: an item's operand, sums of stated scores within their rounding."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..facts import Num
from ..model import Operand
from ..tables.scores import ScoreItem, ScoreTable, sum_tolerance
from ._util import operand


def item_operand(it: ScoreItem, n: Num, what: str) -> Operand:
    return operand(f"{it.label or it.kind}{what}", n)


def total_of(nums: list[Num]) -> Decimal:
    return sum((n.value for n in nums), Decimal(0))


def scores_under(table: ScoreTable, i: Optional[int]) -> list[tuple[ScoreItem, Num]]:
    return [(it, it.score) for it in table.under(i) if it.score is not None]


def differs(stated: Num, parts: list[Num]) -> bool:
    return abs(total_of(parts) - stated.value) > sum_tolerance(parts, stated)
