"""BL55x indicator targets: 年度指标值 against 实际完成值, and the score given for them."""
from __future__ import annotations

from ..facts import Target
from ..model import Evidence, Severity
from . import rule
from ._util import operand


def _unmet(ctx):
    """(table, row, target fact) for every indicator whose actual misses its target."""
    for t in ctx.facts.of(Target):
        if t.verdict == "not met":
            table = ctx.score_tables[t.table]
            yield table, table.items[t.row], t


@rule("BL550", "unmet-target-full-score", Severity.ERROR)
def unmet_target_full_score(ctx) -> None:
    """未完成指标值却得满分 — a quantitative target was missed and the row still has its full 分值.

    What it checks: the 年度指标值 is read as a comparison (「≥5个」 → 完成值 ≥ 5个, 「不超过1.2万元」
    → 完成值 ≤ 1.2万元, 「全省排名前7位」 → 排名 ≤ 7) and the 实际完成值 as a value
    or bound (「3个」, 「同比压缩超50%」 → > 50%); money units are converted
    (万 = 万元). Qualitative targets (有效, 达到预期) and values in other units
    are not compared. A row whose actual misses its target cannot earn the
    full 分值; the finding says how the target was read.

    Why it matters: a missed target with full marks overstates the project's performance; reviewers
    look for exactly this.

    Example: 「新增站点数量 ≥5个 3个 10 10」.

    Fix: deduct points (and explain the deviation in 偏差原因分析), or correct
    the target or actual value.
    """
    for table, it, t in _unmet(ctx):
        weight = table.weight_of_item(it)
        if it.score is None or weight is None or it.weight_of is not None or it.score.value < weight.value:
            continue
        ctx.report(it.score.span,
                   zh=f"{it.label}：实际完成值「{it.actual.text}」未达到年度指标值「{it.target.text}」"
                      f"（读作 {t.target_reading}），却得满分 {it.score.text} 分",
                   en=f"{it.label}: the actual value '{it.actual.text}' misses the target '{it.target.text}' "
                      f"(read as {t.target_reading}), yet the row has its full score {it.score.text}",
                   evidence=Evidence(stated=f"{it.score.text}分", recomputed=f"< {weight.text}分",
                                     operands=[operand("分值", weight)],
                                     note=f"指标值读作 {t.target_reading}；完成值读作 {t.actual_reading}"),
                   related=[it.target.span, it.actual.span])


@rule("BL551", "unmet-target", Severity.INFO)
def unmet_target(ctx) -> None:
    """未达到年度指标值 — an indicator's actual value misses its target (context, info level).

    What it checks: shown for rows without a full score to question (tables with no 得分
    column, or rows already deducted), so a reader sees every missed target
    and how it was read. BL550 covers a missed target given full marks.

    Why it matters: every missed target should be explained in the 偏差原因分析; listing them helps the
    reader check that it is.

    Example: 「满意度 ≥95% 90% 10 8」: 90% misses 95%, and the row already lost 2 points.

    Fix: explain the deviation in 偏差原因分析, or correct the target or the actual value.
    """
    for table, it, t in _unmet(ctx):
        weight = table.weight_of_item(it)
        if it.score is not None and weight is not None and it.score.value >= weight.value:
            continue
        ctx.report(it.actual.span,
                   zh=f"{it.label}：实际完成值「{it.actual.text}」未达到年度指标值「{it.target.text}」（读作 {t.target_reading}）",
                   en=f"{it.label}: the actual value '{it.actual.text}' misses the target '{it.target.text}' "
                      f"(read as {t.target_reading})",
                   evidence=Evidence(note=f"指标值读作 {t.target_reading}；完成值读作 {t.actual_reading}"),
                   related=[it.target.span])
