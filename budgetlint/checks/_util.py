"""Helpers shared by the rule families: evidence operands, the stated-versus-recomputed report, values
derived once per document."""
from __future__ import annotations

from decimal import Decimal
from functools import wraps
from typing import Optional

from ..facts import Amount, Num
from ..model import Evidence, Operand, Span
from ..numbers import fmt


def per_document(make):
    """``make(ctx)`` worked out once per document (``Context.once``) however many rules ask for it."""

    @wraps(make)
    def get(ctx):
        return ctx.once(make)

    return get


def operand(label: str, n: Num) -> Operand:
    unit = n.unit or ""
    return Operand(label=label, value=f"{n.text}{unit}", span=n.span)


def amount_operand(a: Amount) -> Operand:
    return operand(a.subject.strip("、,:") or a.entity or a.key, a.value)


def report_recomputed(ctx, stated: Num, exact: Decimal, zh: str, en: str, operands: list[Operand],
                      decimals: Optional[int] = None, note: Optional[str] = None, *, unit: Optional[str] = None,
                      suggestion: Optional[str] = None, related: Optional[list[Span]] = None,
                      code: Optional[str] = None) -> None:
    """Report ``stated`` against ``exact`` recomputed from ``operands``.

    The evidence carries both values (shown to ``decimals``, by default the
    stated precision, two places at least for a percentage), the difference
    (stated − recomputed) and the suggestion (the recomputed value at the
    stated precision, or ``suggestion``). ``unit`` (「分」, 「%」, or "" for
    none) replaces the stated number's own unit after every value. Every
    operand's span is related to the finding, or the spans of ``related``;
    ``code`` reports under another rule than the running one.
    """
    unit = (stated.unit or "") if unit is None else unit
    shown = decimals if decimals is not None else max(ctx.decimals(stated), 2 if stated.is_percent else 0)
    ctx.report(
        stated.span, zh=zh, en=en,
        evidence=Evidence(stated=f"{stated.text}{unit}", recomputed=f"{fmt(exact, shown)}{unit}", operands=operands,
                          difference=fmt(stated.value - exact, shown),
                          suggestion=suggestion or f"{fmt(exact, ctx.decimals(stated))}{unit}", note=note),
        related=[o.span for o in operands if o.span is not None] if related is None else related, code=code,
    )
