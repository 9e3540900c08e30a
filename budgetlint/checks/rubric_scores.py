"""BL510: a score against the rubric printed in its own row (评分标准)."""
from __future__ import annotations


from ..facts import Num, Rate
from ..model import Evidence, Severity
from ..numbers import Interval, fmt, half_unit
from ..extract.rates import subjects
from ..rubric import prepare, rubric_score
from . import rule
from ._scores import item_operand


def _figures(ctx):
    """``lookup(text, quarter)``: the stated value of the rate a text names, None if not stated.

    A rate stated twice with different values (BL314) stands for the hull of both.
    """
    stated: dict[tuple, list[Num]] = {}
    for f in ctx.facts.of(Rate):
        stated.setdefault((f.key, f.quarter), []).append(f.rate)

    def lookup(text: str, quarter):
        keys = subjects(text)
        vals = stated.get((keys[0], quarter)) if keys else None
        if not vals:
            return None
        ivs = [ctx.interval(v) for v in vals]
        return Interval(min(iv.lo for iv in ivs), max(iv.hi for iv in ivs))

    return lookup


@rule("BL510", "rubric-score", Severity.ERROR)
def rubric_score_check(ctx) -> None:
    """得分不符合评分标准 — the score breaks the rubric printed in its own row.

    What it checks: where a row's 评分标准 is a tier table (「≥90%的，得1分；75%–90%得0.7分」,
    「80% ≤ 满意度 < 90% 的，得2分」), a per-point deduction (「每超过一个百分点扣0.5
    分，扣完为止」) or linear formulas (「一季度预算执行率得分=(一季度支出进度/序时进度
    25%)×1分 … 全年平均支出进度得分=全年平均执行率×2分」), and the figure it applies
    to is stated in the document (「固定资产总体使用率达到97.84%」), the score is
    recomputed and compared. A formula component never earns more than its
    points; a part with no computable rule but a stated worth (「（1分）」) may
    give 0 to that worth; at a tier boundary either tier is accepted.

    Why it matters: a self-assessed score must follow the rubric printed beside it; a score the
    rubric does not give is an unearned (or lost) point.

    Example: 「编外人员控制率为23.53%」 with the rubric 「比率>10%的，得0分」 and a
    self-assessed 得分 of 1.

    Fix: correct the score (or the figure the rubric was applied to).
    """
    lookup = _figures(ctx)
    for table in ctx.score_tables:
        for it in table.leaves():
            weight = table.weight_of_item(it)
            if it.score is None or it.rubric is None or weight is None or it.weight_of is not None:
                continue
            got = rubric_score(prepare(it.rubric.text), it.label, weight.value, subjects, lookup)
            if got is None:
                continue
            allowed, how = got
            stated = Interval.exact(it.score.value).widen(half_unit(max(it.score.decimals, 2)))
            if allowed.overlaps(stated):
                continue
            d = max(it.score.decimals, 2)
            want = fmt(allowed.lo, d) if allowed.lo == allowed.hi else f"{fmt(allowed.lo, d)}–{fmt(allowed.hi, d)}"
            ctx.report(it.score.span,
                       zh=f"{it.label}得分 {it.score.text} 分不符合其评分标准（按文中数据应得 {want} 分）",
                       en=f"{it.label}: score {it.score.text} breaks its rubric (the stated figures give {want})",
                       evidence=Evidence(stated=f"{it.score.text}分", recomputed=f"{want}分",
                                         operands=[item_operand(it, it.score, "得分")], note=how, suggestion=f"{want}分"),
                       related=[it.rubric.span])
