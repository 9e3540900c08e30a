"""BL3xx rates: 完成(年初)预算的X% and 执行率 against actual ÷ budget."""
from __future__ import annotations

from decimal import Decimal

from ..facts import Rate
from ..model import Severity
from ..numbers import fmt
from . import rule
from ._util import amount_operand, report_recomputed

HUNDRED = Decimal(100)


@rule("BL301", "completion-rate", Severity.ERROR)
def completion_rate(ctx) -> None:
    """完成预算比例与决算数/预算数不符 — a completion or execution rate is not actual ÷ budget.

    What it checks: in 「年初预算为366.09万元，支出决算为379.03万元，完成年初预算的103.53%」 the rate
    is recomputed from the budget and actual amounts of the same sentence,
    each taken as the interval its rounding allows. A budget of 0 cannot
    give a rate and is left to the document rules.

    Why it matters: the completion rate is how a 决算 is judged against its budget; a wrong rate
    misstates how well the budget was kept.

    Example: 「年初预算为366.09万元，支出决算为379.03万元，完成年初预算的105.53%」: 379.03 ÷ 366.09 = 103.53%.

    Fix: correct the rate (the finding gives the recomputed one) or the amounts.
    """
    for c in ctx.facts.of(Rate):
        actual, budget = ctx.facts.get(c.actual), ctx.facts.get(c.budget)
        if actual is None or budget is None or c.rate.unit != "%" or c.rate.approx:
            continue
        if actual.value.unit != budget.value.unit or budget.value.value == 0:
            continue
        b_iv = ctx.interval(budget.value, tail=False)
        if b_iv.lo <= 0:
            continue
        ratio = (ctx.interval(actual.value, tail=False) / b_iv).scale(HUNDRED)
        if ratio.overlaps(ctx.interval(c.rate)):
            continue
        exact = actual.value.value / budget.value.value * HUNDRED
        shown = fmt(exact, max(c.rate.decimals, 2))
        report_recomputed(
            ctx, c.rate, exact,
            zh=f"完成预算比例 {c.rate.text}% 与 {actual.value.text}÷{budget.value.text}={shown}% 不符",
            en=f"completion rate {c.rate.text}% differs from {actual.value.text} / {budget.value.text} = {shown}%",
            operands=[amount_operand(actual), amount_operand(budget)],
        )
