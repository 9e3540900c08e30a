"""BL504, BL505: the prose that restates a score table (得分, 满分, 等次) against the table."""
from __future__ import annotations

from typing import Optional

from ..facts import Num, ScoreClaim
from ..model import Evidence, Severity
from ..numbers import fmt
from ..rubric import expected_grade, grade_scheme, load_rubric
from ..tables.scores import ScoreItem, ScoreTable, precision
from . import rule
from ._scores import differs, scores_under, total_of
from ._util import operand, report_recomputed


def _section(table: ScoreTable, label: str) -> Optional[ScoreItem]:
    hits = [s for s in table.sections() if s.label and (label.endswith(s.label) or s.label.endswith(label))]
    return max(hits, key=lambda s: len(s.label)) if hits else None


def _table_total(table: ScoreTable) -> tuple[Optional[Num], list[Num]]:
    """The table's 总分 (stated row, else None) and the scores it sums."""
    parts = [n for _, n in scores_under(table, None)]
    total = table.total()
    return (total.score if total is not None else None), parts


@rule("BL504", "score-restated", Severity.ERROR)
def score_restated(ctx) -> None:
    """文中得分与评分表不符 — a score restated in the text differs from the score table.

    What it checks: 「此次自评评分为93.78分，其中部门决策满分20分，得分19.9分」 restates the
    table's total and the 分值 and 得分 of a section; each is compared with the
    table (a section's 得分 is the sum of the scores under it). 「最终得分87分
    （满分90分）」 also restates the 满分: the 分值 of the rows that were scored.
    A table the text stops inside, before its 总分 row, has lost rows and is not compared.

    Why it matters: the report's text is what readers quote; a score that differs from the table
    misreports the evaluation.

    Example: 「自评得分91分」 in the text while the score table's 总分 is 92.

    Fix: make the text and the table agree.
    """
    tables = [t for t in ctx.score_tables if any(it.score for it in t.items)]
    if len(tables) != 1:
        return  # which table a sentence restates is only clear when there is one
    table = tables[0]
    if table.partial:
        return  # rows lost: its sums are not the table's
    for c in ctx.facts.of(ScoreClaim):
        if c.claim == "total":
            if "项目" in c.context and not any(it.kind == "budget" for it in table.items):
                continue  # a project's score, not the whole table's
            stated_total, parts = _table_total(table)
            if parts and differs(c.value, parts):
                _restated(ctx, c.value, "总分", parts, stated_total)
            scored = [table.weight_of_item(it) for it in table.under(None) if it.score is not None and it.weight_of is None]
            if c.weight is not None and scored and all(scored) and total_of(scored) != c.weight.value:
                _restated(ctx, c.weight, "满分（已评分各项分值之和）", scored, None)
        elif c.claim == "section":
            sec = _section(table, c.label)
            if sec is None:
                continue
            parts = [n for _, n in scores_under(table, sec.index)]
            if parts and differs(c.value, parts):
                _restated(ctx, c.value, f"{sec.label}得分", parts, None)
            if sec.weight is not None and c.weight.value != sec.weight.value:
                _restated(ctx, c.weight, f"{sec.label}分值", [sec.weight], None)


def _restated(ctx, stated: Num, what: str, parts: list[Num], table_total: Optional[Num]) -> None:
    got = total_of(parts)
    d = precision(parts + [stated])
    ops = [operand("评分表", p) for p in parts] if len(parts) <= 12 else [operand("评分表总分", table_total)] \
        if table_total is not None else []
    report_recomputed(ctx, stated, got,
                      zh=f"文中{what} {stated.text} 分，评分表为 {fmt(got, d)} 分",
                      en=f"the text gives {what} as {stated.text}, the score table gives {fmt(got, d)}",
                      operands=ops, decimals=d, unit="分", suggestion=f"{fmt(got, d)}分",
                      related=[p.span for p in parts[:12]])


@rule("BL505", "grade-vs-score", Severity.ERROR)
def grade_vs_score(ctx) -> None:
    """等次与得分不符 — the 等次 named does not match the score it is given for.

    What it checks: with the default tiers (优 ≥ 90, 良 80–<90, 中 60–<80, 差 < 60; or
    合格 ≥ 60 / 不合格) a total of 86 分 cannot be 「评价等次：优」. The score
    is the one stated just before the grade (「综合得分96分 评价等次 优」), or the
    score table's total. Tiers are set in the rubric file (``rubric`` in the
    configuration).

    Why it matters: the 等次 is what the evaluation is remembered by; a grade its score does not earn
    overstates or understates the result.

    Example: 「综合得分88.5分，评价等次为优」 with 优 ≥ 90.

    Fix: correct the grade or the score.
    """
    rubric = load_rubric(ctx.config.rubric)
    tables = [t for t in ctx.score_tables if t.total() is not None and t.total().score is not None]
    for c in ctx.facts.of(ScoreClaim):
        if c.claim != "grade":
            continue
        score = c.value or (tables[0].total().score if len(tables) == 1 else None)
        scheme = grade_scheme(rubric, c.grade)
        if score is None or scheme is None:
            continue
        canon, tiers = scheme
        want = expected_grade(tiers, score.value)
        if want == canon:
            continue
        ctx.report(c.span,
                   zh=f"等次「{c.grade}」与得分 {score.text} 分不符（按等次标准应为「{want}」）",
                   en=f"grade '{c.grade}' does not match the score {score.text} (the tiers give '{want}')",
                   evidence=Evidence(stated=c.grade, recomputed=want, operands=[operand("得分", score)],
                                     note="；".join(f"{n} ≥ {f}" for n, f in tiers), suggestion=want),
                   related=[score.span])
