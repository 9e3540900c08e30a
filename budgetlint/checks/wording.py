"""BL7xx wording: comparison words and written calculations against the numbers."""
from __future__ import annotations

from .. import vocabulary as V
from ..facts import Comparison, Expression
from ..model import Evidence, Severity
from ..numbers import Interval, fmt
from . import rule
from ._util import amount_operand, operand, report_recomputed

_WORDS_EN = {">": "greater than", "<": "less than", "=": "equal to", "<=": "not more than", ">=": "not less than"}


@rule("BL701", "comparison-wording", Severity.ERROR)
def comparison_wording(ctx) -> None:
    """大于/小于/等于的表述与数字不符 — the comparison word contradicts the two amounts.

    What it checks: 「年初预算为0万元，支出决算为203.59万元。决算数小于年初预算数的主要原因是…」:
    203.59 is not less than 0. The two amounts are the nearest ones of the
    named roles (决算数, 年初预算数, 预算数) stated before the comparison in the
    same paragraph; 「等于」 holds when the two agree within rounding, 「大于」 when
    some values their rounding allows are in that order (0.03 and 0.03 may be
    249 元 and 248 元).

    Why it matters: the comparison word is the sentence's conclusion; a word the figures contradict
    states the opposite of what happened.

    Example: 「年初预算为100万元，支出决算为120万元。决算数少于年初预算数」: 120 > 100.

    Fix: correct the word (大于/小于/等于) or the amounts.
    """
    for c in ctx.facts.of(Comparison):
        left, right = ctx.facts.get(c.left), ctx.facts.get(c.right)
        if left is None or right is None or left.value.unit != right.value.unit:
            continue
        li, ri = ctx.interval(left.value), ctx.interval(right.value)
        lv, rv = left.value.value, right.value.value
        if c.relation == "=":
            wrong = not li.overlaps(ri)
        elif c.relation == "<=":  # 未超过: wrong only if the left is beyond the right whatever the rounding
            wrong = li.lo > ri.hi
        elif c.relation == ">=":
            wrong = li.hi < ri.lo
        else:  # 大于/小于 is wrong only if no values the two roundings allow are in that order
            big, small = (left, right) if c.relation == ">" else (right, left)
            wrong = ctx.interval(big.value, tail=False).hi <= ctx.interval(small.value, tail=False).lo
        if not wrong:
            continue
        actual = ">" if lv > rv else ("<" if lv < rv else "=")
        word_zh = V.correct_comparison(c.word, actual)
        ctx.report(
            c.word_span,
            zh=f"「{c.left_label}{c.word}{c.right_label}」与数字不符：{left.value.text} {actual} {right.value.text}，应为“{word_zh}”",
            en=f"'{c.word}' ({_WORDS_EN[c.relation]}) contradicts the amounts: {left.value.text} is {_WORDS_EN[actual]} {right.value.text}",
            evidence=Evidence(stated=c.word, recomputed=f"{left.value.text} {actual} {right.value.text}",
                              operands=[amount_operand(left), amount_operand(right)], suggestion=word_zh),
            related=[left.value.span, right.value.span],
        )


@rule("BL702", "written-expression", Severity.ERROR)
def written_expression(ctx) -> None:
    """算式结果不符 — a written calculation does not evaluate to the result written after it.

    What it checks: 「全年平均执行率 = Σ(85.07% + 102.83% + 80.56% + 80.56%) ÷ 4 = 90.69%」
    evaluates to 87.255%, not 90.69%. Every number is taken as its rounding
    interval (whole numbers without % such as 「÷ 4」 are exact counts).

    Why it matters: a calculation written out invites readers to check it; a wrong result is visible
    to all of them.

    Example: 「全年平均执行率 = Σ(85.07% + 102.83% + 80.56% + 80.56%) ÷ 4 = 90.69%」: it is 87.255%.

    Fix: correct the result or the terms.
    """
    for e in ctx.facts.of(Expression):
        stated = ctx.interval(e.result)
        if Interval(e.computed_lo, e.computed_hi).overlaps(stated):
            continue
        unit = e.result.unit or ""
        shown = fmt(e.computed, max(e.result.decimals, 2))
        report_recomputed(
            ctx, e.result, e.computed,
            zh=f"算式 {e.source} 的结果为 {shown}{unit}，与所写 {e.result.text}{unit} 不符",
            en=f"the calculation {e.source} gives {shown}{unit}, not the written {e.result.text}{unit}",
            operands=[operand("项", t) for t in e.terms],
        )
