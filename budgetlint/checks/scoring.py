"""BL501–BL503: a score table against itself (得分 ≤ 分值, 分值 add up, 总分 adds up)."""
from __future__ import annotations

from typing import Optional

from ..facts import Num
from ..model import Evidence, Severity
from ..numbers import fmt
from ..tables.scores import ScoreItem, ScoreTable, precision
from . import rule
from ._scores import differs, item_operand, scores_under, total_of
from ._util import report_recomputed


@rule("BL501", "score-exceeds-weight", Severity.ERROR)
def score_exceeds_weight(ctx) -> None:
    """得分超过分值 — an indicator's 得分 is higher than its 分值.

    What it checks: A row of a score table cannot earn more than it is worth. Where one 分值
    cell is merged over several rows (「经济效益 / 社会效益 / 生态效益」 sharing
    15 分), their 得分 together are compared with it.

    Why it matters: an indicator cannot earn more than its weight; the total score is overstated.

    Example: 「预算调整率 … 3 4」 (分值 3, 自评得分 4).

    Fix: correct the 得分 (or the 分值 if the row's weight was mistyped).
    """
    for table in ctx.score_tables:
        groups: dict[int, list[ScoreItem]] = {}
        for it in table.items:
            if it.kind in ("item", "budget") and it.score is not None:
                groups.setdefault(it.index if it.weight_of is None else it.weight_of, []).append(it)
        for head, members in groups.items():
            weight = table.items[head].weight
            if weight is None:
                continue
            got = total_of([m.score for m in members])
            if got <= weight.value:
                continue
            last = members[-1]
            names = "、".join(m.label for m in members)
            d = precision([m.score for m in members] + [weight])
            ctx.report(last.score.span,
                       zh=f"{names}得分 {fmt(got, d)} 分超过其分值 {weight.text} 分",
                       en=f"{names}: score {fmt(got, d)} exceeds its weight {weight.text}",
                       evidence=Evidence(stated=f"{fmt(got, d)}分", recomputed=f"≤ {weight.text}分",
                                         operands=[item_operand(table.items[head], weight, "分值")] +
                                         [item_operand(m, m.score, "得分") for m in members],
                                         difference=fmt(got - weight.value, d), suggestion=f"≤ {weight.text}分"),
                       related=[weight.span])


def _weight_parts(table: ScoreTable, children: list[ScoreItem]) -> Optional[list[tuple[ScoreItem, Num]]]:
    """The 分值 cells that make up a head's weight; a section without its own 分值 stands for its rows'."""
    parts = []
    for c in children:
        if c.weight_of is not None or (c.kind == "budget" and c.weight is None):
            continue
        if c.weight is not None:
            parts.append((c, c.weight))
            continue
        inner = _weight_parts(table, table.children(c.index)) if c.kind == "section" else None
        if not inner:
            return None
        parts.extend(inner)
    return parts or None


@rule("BL502", "weights-sum", Severity.ERROR)
def weightstotal_of(ctx) -> None:
    """分值合计不符 — the 分值 of a section's indicators do not add up to the section's 分值.

    What it checks: 「过程（40 分）」 must be the sum of its 二级指标 (预算执行 15 + 预算管理 15 +
    资产管理 10); each 二级指标 the sum of its 三级指标; the 一级指标 the 总分 row's
    分值 (usually 100). A merged 分值 cell counts once. In a 项目支出绩效自评表
    whose 总分 row states no 分值, budget execution and the indicators must
    make 100. Where rows may be missing, only parts that add up to more than
    their section are reported: a table flattened onto one line, whose sections
    are read from the labels written with their 分值 (「产出指标 (60 分)」), and a
    table the text stops inside, before its 总分 row (an excerpt).

    Why it matters: the weights of a 评分表 must divide its 100 points exactly; a section whose
    indicators do not add up was mistyped or changed without its parts.

    Example: 「过程（40分）」 over 预算执行 15 + 预算管理 15 + 资产管理 5 = 35.

    Fix: correct the section's 分值 or one of the indicators' (the finding
    gives the sum of the parts).
    """
    for table in ctx.score_tables:
        total = table.total()
        heads = [(s, table.children(s.index)) for s in table.sections() if s.weight is not None]
        if total is not None and total.weight is not None:
            heads.append((total, table.children(None)))
        if total is not None and total.weight is None and total.label_span is not None \
                and any(it.kind == "budget" and it.weight for it in table.items):
            _form_weights(ctx, table, total)
        for head, children in heads:
            parts = _weight_parts(table, children)
            if not parts:
                continue
            cells = [w for _, w in parts]
            got = total_of(cells)
            if got == head.weight.value or (table.partial and got < head.weight.value):
                continue
            d = precision(cells + [head.weight])
            report_recomputed(ctx, head.weight, got,
                              zh=f"{head.label}分值 {head.weight.text} 分，其下各项分值合计 {fmt(got, d)} 分",
                              en=f"{head.label}: weight {head.weight.text}, but its parts' weights add up to {fmt(got, d)}",
                              operands=[item_operand(c, w, "分值") for c, w in parts],
                              decimals=d, unit="分", suggestion=f"{fmt(got, d)}分")


def _form_weights(ctx, table: ScoreTable, total: ScoreItem) -> None:
    """项目支出绩效自评表 without a 分值 on its 总分 row: budget execution and indicators make 100."""
    parts = _weight_parts(table, table.children(None))
    if not parts or total_of([w for _, w in parts]) == 100:
        return
    got = total_of([w for _, w in parts])
    d = precision([w for _, w in parts])
    ctx.report(total.label_span,
               zh=f"预算执行率与各绩效指标分值合计 {fmt(got, d)} 分，应为 100 分",
               en=f"the weights of budget execution and the indicators add up to {fmt(got, d)}, not 100",
               evidence=Evidence(stated="100分", recomputed=f"{fmt(got, d)}分",
                                 operands=[item_operand(c, w, "分值") for c, w in parts], difference=fmt(got - 100, d)),
               related=[w.span for _, w in parts])


@rule("BL503", "score-total", Severity.ERROR)
def score_total(ctx) -> None:
    """总分与各项得分合计不符 — the 总分/合计 row is not the sum of the 得分 above it.

    What it checks: every scored row counts once (rows left blank, such as an indicator not
    scored in self-evaluation, do not). Scores written at the table's finest
    precision (5.41) may be rounded from a formula, so the sum may differ by
    half a unit for each of them; whole scores are taken as exact.

    Why it matters: the total decides the grade; a total its rows contradict gives the wrong grade.

    Example: a 总分 of 98.2 under rows whose 得分 add up to 99.5.

    Fix: correct the total or the row that was mistyped.
    """
    for table in ctx.score_tables:
        total = table.total()
        parts = scores_under(table, None)
        if total is None or total.score is None or not parts or not differs(total.score, [p for _, p in parts]):
            continue
        got = total_of([p for _, p in parts])
        d = precision([p for _, p in parts] + [total.score])
        report_recomputed(ctx, total.score, got,
                          zh=f"{total.label} {total.score.text} 分，各项得分合计 {fmt(got, d)} 分",
                          en=f"{total.label} {total.score.text}, but the scores above add up to {fmt(got, d)}",
                          operands=[item_operand(it, n, "得分") for it, n in parts],
                          decimals=d, unit="分", suggestion=f"{fmt(got, d)}分")
