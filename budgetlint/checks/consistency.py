"""BL6xx consistency: one quantity stated twice in a document with different values."""
from __future__ import annotations

import re
from functools import lru_cache

from ..facts import Amount, Breakdown
from ..model import Severity
from ..extract.subjects import is_standard
from . import rule
from ._util import amount_operand, report_recomputed

_YEAR = re.compile(r"\d{4}年")


@lru_cache(maxsize=4096)
def _standard(entity: str) -> bool:
    """Whether an entity is a standard quantity: the costliest test, so made last, and kept (documents
    name the same few quantities again and again)."""
    return is_standard(entity)


def _comparable_key(ctx, a: Amount) -> str | None:
    """A key for a standard quantity named in full here (not inherited from an earlier clause), else None."""
    if not a.value.is_money or a.value.approx:
        return None
    return a.key if _named_in_full(a.subject, a.entity, ctx.facts.report_year) else None


@lru_cache(maxsize=4096)
def _named_in_full(subject: str, entity: str, year: int | None) -> bool:
    """Whether ``subject`` names the standard quantity ``entity`` itself, of the report's year. Kept, as
    ``_standard``: a document's amounts name the same few subjects again and again."""
    if entity not in subject.replace("“", "").replace("”", ""):
        return False
    if "上年" in subject or "同期" in subject:
        return False
    if _YEAR.search(subject) and not subject.lstrip().startswith(str(year)):
        return False  # figures of another year
    return _standard(entity)


@rule("BL601", "restated-differently", Severity.ERROR)
def restated_differently(ctx) -> None:
    """同一数据前后不一致 — the same quantity is stated twice with different values.

    What it checks: 「2023年度收入合计886.82万元」 in one section and 「收入合计868.82万元」 in another
    cannot both be right. Quantities are matched by their normalised subject
    (quotes, list markers and dates folded; 本年收入合计 = 收入合计), their role
    (年初预算, 决算 …) and, for list items, the total they belong to; values
    that agree within rounding and the 0.01 tail convention are the same.

    Why it matters: a quantity restated with another value leaves the reader to guess which one is
    true.

    Example: 「2023年度收入合计886.82万元」 in one section and 「收入合计868.82万元」 in another.

    Fix: make the two statements agree; the finding names both places.
    """
    first: dict[str, Amount] = {}
    totals = {i: bd.total for bd in ctx.facts.of(Breakdown) for i in bd.items}
    for a in ctx.facts.of(Amount):
        key = _comparable_key(ctx, a)
        if key is None:
            continue
        if a.id in totals:
            key = f"{ctx.facts.get(totals[a.id]).key}/{key}"
        b = first.setdefault(key, a)
        if b is not a and b.value.unit == a.value.unit and not ctx.interval(b.value).overlaps(ctx.interval(a.value)):
            report_recomputed(
                ctx, a.value, b.value.value,
                zh=f"{a.entity}前文为 {b.value.text}{b.value.unit}，此处为 {a.value.text}{a.value.unit}，前后不一致",
                en=f"{a.entity} was stated as {b.value.text} {b.value.unit} earlier, here {a.value.text} {a.value.unit}",
                operands=[amount_operand(b)], decimals=max(ctx.decimals(a.value), b.value.decimals),
            )
