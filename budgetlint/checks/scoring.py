"""BL5xx scoring: score tables against themselves and against the prose that restates them."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from ..facts import Num, Rate, ScoreClaim
from ..model import Evidence, Operand, Severity
from ..numbers import fmt
from ..numbers import Interval, half_unit
from ..extract.rates import subjects
from ..rubric import expected_grade, grade_scheme, load_rubric, prepare, rubric_score
from ..tables.scores import ScoreItem, ScoreTable, precision, sum_tolerance
from . import rule
from ._util import operand


def _op(it: ScoreItem, n: Num, what: str) -> Operand:
    return operand(f"{it.label or it.kind}{what}", n)


def _sum(nums: list[Num]) -> Decimal:
    return sum((n.value for n in nums), Decimal(0))


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
            got = _sum([m.score for m in members])
            if got <= weight.value:
                continue
            last = members[-1]
            names = "、".join(m.label for m in members)
            d = precision([m.score for m in members] + [weight])
            ctx.report(last.score.span,
                       zh=f"{names}得分 {fmt(got, d)} 分超过其分值 {weight.text} 分",
                       en=f"{names}: score {fmt(got, d)} exceeds its weight {weight.text}",
                       evidence=Evidence(stated=f"{fmt(got, d)}分", recomputed=f"≤ {weight.text}分",
                                         operands=[_op(table.items[head], weight, "分值")] +
                                         [_op(m, m.score, "得分") for m in members],
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
def weights_sum(ctx) -> None:
    """分值合计不符 — the 分值 of a section's indicators do not add up to the section's 分值.

    What it checks: 「过程（40 分）」 must be the sum of its 二级指标 (预算执行 15 + 预算管理 15 +
    资产管理 10); each 二级指标 the sum of its 三级指标; the 一级指标 the 总分 row's
    分值 (usually 100). A merged 分值 cell counts once. In a 项目支出绩效自评表
    whose 总分 row states no 分值, budget execution and the indicators must
    make 100.

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
            got = _sum(cells)
            if got == head.weight.value:
                continue
            d = precision(cells + [head.weight])
            ctx.report(head.weight.span,
                       zh=f"{head.label}分值 {head.weight.text} 分，其下各项分值合计 {fmt(got, d)} 分",
                       en=f"{head.label}: weight {head.weight.text}, but its parts' weights add up to {fmt(got, d)}",
                       evidence=Evidence(stated=f"{head.weight.text}分", recomputed=f"{fmt(got, d)}分",
                                         operands=[_op(c, w, "分值") for c, w in parts],
                                         difference=fmt(head.weight.value - got, d), suggestion=f"{fmt(got, d)}分"),
                       related=[w.span for w in cells])


def _form_weights(ctx, table: ScoreTable, total: ScoreItem) -> None:
    """项目支出绩效自评表 without a 分值 on its 总分 row: budget execution and indicators make 100."""
    parts = _weight_parts(table, table.children(None))
    if not parts or _sum([w for _, w in parts]) == 100:
        return
    got = _sum([w for _, w in parts])
    d = precision([w for _, w in parts])
    ctx.report(total.label_span,
               zh=f"预算执行率与各绩效指标分值合计 {fmt(got, d)} 分，应为 100 分",
               en=f"the weights of budget execution and the indicators add up to {fmt(got, d)}, not 100",
               evidence=Evidence(stated="100分", recomputed=f"{fmt(got, d)}分",
                                 operands=[_op(c, w, "分值") for c, w in parts], difference=fmt(got - 100, d)),
               related=[w.span for _, w in parts])


def _scores_under(table: ScoreTable, i: Optional[int]) -> list[tuple[ScoreItem, Num]]:
    return [(it, it.score) for it in table.under(i) if it.score is not None]


def _differs(stated: Num, parts: list[Num]) -> bool:
    return abs(_sum(parts) - stated.value) > sum_tolerance(parts, stated)


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
        parts = _scores_under(table, None)
        if total is None or total.score is None or not parts or not _differs(total.score, [p for _, p in parts]):
            continue
        got = _sum([p for _, p in parts])
        d = precision([p for _, p in parts] + [total.score])
        ctx.report(total.score.span,
                   zh=f"{total.label} {total.score.text} 分，各项得分合计 {fmt(got, d)} 分",
                   en=f"{total.label} {total.score.text}, but the scores above add up to {fmt(got, d)}",
                   evidence=Evidence(stated=f"{total.score.text}分", recomputed=f"{fmt(got, d)}分",
                                     operands=[_op(it, n, "得分") for it, n in parts],
                                     difference=fmt(total.score.value - got, d), suggestion=f"{fmt(got, d)}分"),
                   related=[n.span for _, n in parts])


def _section(table: ScoreTable, label: str) -> Optional[ScoreItem]:
    hits = [s for s in table.sections() if s.label and (label.endswith(s.label) or s.label.endswith(label))]
    return max(hits, key=lambda s: len(s.label)) if hits else None


def _table_total(table: ScoreTable) -> tuple[Optional[Num], list[Num]]:
    """The table's 总分 (stated row, else None) and the scores it sums."""
    parts = [n for _, n in _scores_under(table, None)]
    total = table.total()
    return (total.score if total is not None else None), parts


@rule("BL504", "score-restated", Severity.ERROR)
def score_restated(ctx) -> None:
    """文中得分与评分表不符 — a score restated in the text differs from the score table.

    What it checks: 「此次自评评分为93.78分，其中部门决策满分20分，得分19.9分」 restates the
    table's total and the 分值 and 得分 of a section; each is compared with the
    table (a section's 得分 is the sum of the scores under it). 「最终得分87分
    （满分90分）」 also restates the 满分: the 分值 of the rows that were scored.

    Why it matters: the report's text is what readers quote; a score that differs from the table
    misreports the evaluation.

    Example: 「自评得分91分」 in the text while the score table's 总分 is 92.

    Fix: make the text and the table agree.
    """
    tables = [t for t in ctx.score_tables if any(it.score for it in t.items)]
    if len(tables) != 1:
        return  # which table a sentence restates is only clear when there is one
    table = tables[0]
    for c in ctx.facts.of(ScoreClaim):
        if c.claim == "total":
            if "项目" in c.context and not any(it.kind == "budget" for it in table.items):
                continue  # a project's score, not the whole table's
            stated_total, parts = _table_total(table)
            if parts and _differs(c.value, parts):
                _restated(ctx, c.value, "总分", parts, stated_total)
            scored = [table.weight_of_item(it) for it in table.under(None) if it.score is not None and it.weight_of is None]
            if c.weight is not None and scored and all(scored) and _sum(scored) != c.weight.value:
                _restated(ctx, c.weight, "满分（已评分各项分值之和）", scored, None)
        elif c.claim == "section":
            sec = _section(table, c.label)
            if sec is None:
                continue
            parts = [n for _, n in _scores_under(table, sec.index)]
            if parts and _differs(c.value, parts):
                _restated(ctx, c.value, f"{sec.label}得分", parts, None)
            if sec.weight is not None and c.weight.value != sec.weight.value:
                _restated(ctx, c.weight, f"{sec.label}分值", [sec.weight], None)


def _restated(ctx, stated: Num, what: str, parts: list[Num], table_total: Optional[Num]) -> None:
    got = _sum(parts)
    d = precision(parts + [stated])
    ops = [operand("评分表", p) for p in parts] if len(parts) <= 12 else [operand("评分表总分", table_total)] \
        if table_total is not None else []
    ctx.report(stated.span,
               zh=f"文中{what} {stated.text} 分，评分表为 {fmt(got, d)} 分",
               en=f"the text gives {what} as {stated.text}, the score table gives {fmt(got, d)}",
               evidence=Evidence(stated=f"{stated.text}分", recomputed=f"{fmt(got, d)}分", operands=ops,
                                 difference=fmt(stated.value - got, d), suggestion=f"{fmt(got, d)}分"),
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
                                         operands=[_op(it, it.score, "得分")], note=how, suggestion=f"{want}分"),
                       related=[it.rubric.span])


def _fund_rows(table: ScoreTable) -> list[tuple[ScoreItem, list[ScoreItem]]]:
    """Each 年度资金总额 row with the source rows (当年财政拨款, 上年结转, 其他资金) that follow it."""
    out, i = [], 0
    items = table.items
    while i < len(items):
        if items[i].kind == "budget":
            j = i + 1
            while j < len(items) and items[j].kind == "budget":
                j += 1
            out.append((items[i], items[i + 1:j]))
            i = j
        else:
            i += 1
    return out


_COLUMNS = {"budget_initial": "年初预算数", "budget": "全年预算数", "executed": "全年执行数"}


@rule("BL520", "execution-rate", Severity.ERROR)
def execution_rate(ctx) -> None:
    """执行率与全年执行数/全年预算数不符 — the 执行率 of a 项目支出绩效自评表 row is off.

    What it checks: 执行率 = 全年执行数 ÷ 全年预算数 (the adjusted budget). When the stated rate
    only matches 全年执行数 ÷ 年初预算数 the finding says that base was used;
    when it matches neither it gives the recomputed rate.

    Why it matters: the execution rate decides the budget-execution score; a wrong rate gives a
    wrong score.

    Example: 全年预算数 150, 全年执行数 138, 执行率 95%: 138 ÷ 150 = 92.00%.

    Fix: recompute the rate on 全年预算数.
    """
    for table in ctx.score_tables:
        for row, _ in _fund_rows(table):
            if row.rate is None or row.executed is None or row.budget is None or row.budget.value == 0:
                continue
            stated = ctx.interval(row.rate)
            nums = [row.executed, row.budget] + ([row.budget_initial] if row.budget_initial else [])
            tol = sum_tolerance(nums)
            ex = Interval.exact(row.executed.value).widen(tol)
            on_budget = (ex / Interval.exact(row.budget.value).widen(tol)).scale(Decimal(100))
            if on_budget.overlaps(stated):
                continue
            d = max(row.rate.decimals, 2)
            note = None
            if row.budget_initial is not None and row.budget_initial.value:
                on_initial = (ex / Interval.exact(row.budget_initial.value).widen(tol)).scale(Decimal(100))
                if on_initial.overlaps(stated):
                    note = f"所述执行率以年初预算数 {row.budget_initial.text} 为基数"
            ctx.report(row.rate.span,
                       zh=f"{row.label}执行率 {row.rate.text}% 与 全年执行数 {row.executed.text} ÷ 全年预算数 "
                          f"{row.budget.text} = {fmt(on_budget.mid, d)}% 不符",
                       en=f"{row.label}: execution rate {row.rate.text}% differs from {row.executed.text} / "
                          f"{row.budget.text} = {fmt(on_budget.mid, d)}%",
                       evidence=Evidence(stated=f"{row.rate.text}%", recomputed=f"{fmt(on_budget.mid, d)}%",
                                         operands=[operand("全年执行数", row.executed), operand("全年预算数", row.budget)],
                                         difference=fmt(row.rate.value - on_budget.mid, d), note=note,
                                         suggestion=f"{fmt(on_budget.mid, row.rate.decimals)}%"),
                       related=[row.executed.span, row.budget.span])


@rule("BL521", "execution-score", Severity.ERROR)
def execution_score(ctx) -> None:
    """预算执行率得分与执行率×分值不符 — the budget-execution score is not rate × weight (capped at the weight).

    What it checks: in the 项目支出绩效自评表 the budget-execution score is 执行率 × 分值, and
    never more than the 分值: 92% × 10 = 9.2. The stated 执行率 is used (BL520
    checks the rate itself).

    Why it matters: the budget-execution score is computed, not judged; a different score is an
    arithmetic error in the 评分表.

    Example: 执行率 92%, 分值 10, 得分 10: 92% × 10 = 9.2.

    Fix: correct the 得分.
    """
    for table in ctx.score_tables:
        for row, _ in _fund_rows(table):
            if row.rate is None or row.weight is None or row.score is None:
                continue
            rate = ctx.interval(row.rate).scale(Decimal("0.01"))
            want = Interval(min(rate.lo, Decimal(1)), min(rate.hi, Decimal(1))).scale(row.weight.value)
            stated = Interval.exact(row.score.value).widen(half_unit(max(row.score.decimals, 2)))
            if want.overlaps(stated):
                continue
            d = max(row.score.decimals, 2)
            ctx.report(row.score.span,
                       zh=f"预算执行率得分 {row.score.text} 分，按 执行率 {row.rate.text}% × 分值 {row.weight.text} 应为 "
                          f"{fmt(want.mid, d)} 分",
                       en=f"budget execution score {row.score.text}; {row.rate.text}% × {row.weight.text} gives "
                          f"{fmt(want.mid, d)}",
                       evidence=Evidence(stated=f"{row.score.text}分", recomputed=f"{fmt(want.mid, d)}分",
                                         operands=[operand("执行率", row.rate), operand("分值", row.weight)],
                                         difference=fmt(row.score.value - want.mid, d),
                                         suggestion=f"{fmt(want.mid, d)}分"),
                       related=[row.rate.span, row.weight.span])


@rule("BL522", "fund-sources", Severity.ERROR)
def fund_sources(ctx) -> None:
    """年度资金总额与各资金来源之和不符 — per column of the 项目支出绩效自评表.

    What it checks: for 年初预算数, 全年预算数 and 全年执行数 alike, 年度资金总额 = 当年财政拨款 +
    上年结转资金 + 其他资金 (empty cells and 「—」 count as not stated; a column is
    checked when every source states it).

    Why it matters: the total funds of a project must be the sum of their sources; a mismatch hides
    money with no stated source.

    Example: 年度资金总额 138 with 当年财政拨款 126 + 上年结转资金 10 = 136.

    Fix: correct the total or the source that was mistyped.
    """
    for table in ctx.score_tables:
        for row, sources in _fund_rows(table):
            if len(sources) < 2:
                continue
            for col, name in _COLUMNS.items():
                total = getattr(row, col)
                parts = [getattr(s, col) for s in sources]
                if total is None or any(p is None for p in parts) or not _differs(total, parts):
                    continue
                got = _sum(parts)
                d = precision(parts + [total])
                ctx.report(total.span,
                           zh=f"{row.label}{name} {total.text}，各资金来源合计 {fmt(got, d)}",
                           en=f"{row.label} {name} {total.text}, but its sources add up to {fmt(got, d)}",
                           evidence=Evidence(stated=total.text, recomputed=fmt(got, d),
                                             operands=[operand(f"{s.label}{name}", p) for s, p in zip(sources, parts)],
                                             difference=fmt(total.value - got, d), suggestion=fmt(got, d)),
                           related=[p.span for p in parts])
