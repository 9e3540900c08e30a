"""BL31x–BL33x: named control and execution rates recomputed from their inputs, and their thresholds."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from ..facts import Num, Rate
from ..model import Evidence, Severity
from ..numbers import Interval, fmt, isum
from ..extract.rates import ADJUST, SPEC_BY_KEY, recompute
from ..rubric import OPS, load_rubric
from . import rule
from ._util import operand, report_recomputed

HUNDRED = Decimal(100)
_LABELS = {"actual": "实际数", "base": "基数", "inside": "在编人数", "outside": "编外人数",
           "change": "调整额", "initial": "年初预算", "adjusted": "调整后预算"}


def named_rates(ctx) -> list[Rate]:
    """The rates of the document that have a name (控制率, 执行率 …), in document order."""
    return sorted((f for f in ctx.facts.of(Rate) if f.key), key=lambda f: f.rate.span.start)


def box(ctx, n: Num) -> Interval:
    """A stated input as the interval it stands for; head counts are exact."""
    if n.unit == "人":
        return Interval.exact(n.value)
    return ctx.interval(n)


def _report_rate(ctx, f: Rate, got: Interval, formula: str, note: str = "") -> None:
    d = max(f.rate.decimals, 2)
    report_recomputed(ctx, f.rate, got.mid,
                      zh=f"{f.key} {f.rate.text}% 与按「{formula}」重算的 {fmt(got.mid, d)}% 不符",
                      en=f"{f.key} {f.rate.text}% differs from {fmt(got.mid, d)}% recomputed as {formula}",
                      operands=[operand(_LABELS.get(k, k), n) for k, n in f.inputs.items()], note=note or None)


@rule("BL310", "control-rate", Severity.ERROR)
def control_rate(ctx) -> None:
    """控制率/执行率与其构成数据不符 — a named rate is not what its inputs give.

    What it checks: each named rate, recomputed from the inputs stated in the same paragraph:
    财政供养人员控制率 = 实有人数 ÷ 编制数; 编外人员控制率 = 编外 ÷（在编 + 编外）;
    “三公”经费控制率 = 实际支出 ÷ 预算; 日常公用经费控制率 = 决算数 ÷ 预算数;
    政府采购执行率 = 实际采购 ÷ 采购计划; 固定资产利用率 = 在用 ÷ 总额;
    预算执行率 = 全年支出 ÷ 全年预算; 项目支出预算完成率; 季度支出进度 =
    累计支出 ÷ 总预算; 季度执行率 = 支出进度 ÷ 序时进度. Every input is the
    interval its rounding allows (a stated 97.44% stands for 97.435–97.445%).
    Rates the core grammar already reads as 完成预算的X% / 执行率 (BL301) are
    left to it.

    Why it matters: control and execution rates are scored in the 评分表; a rate its own inputs
    contradict earns points it should not.

    Example: 「实际在编人员52人，实际编外人员16人，编外人员控制率为25.53%」 —
    16 ÷ 68 = 23.53%.

    Fix: correct the rate (the finding gives the recomputed one) or its inputs.
    """
    for f in named_rates(ctx):
        spec = SPEC_BY_KEY.get(f.key)
        if spec is None or spec is ADJUST or set(spec.inputs) - set(f.inputs):
            continue
        got = recompute(spec, {k: Interval.exact(n.value) if k in spec.exact else box(ctx, n)
                               for k, n in f.inputs.items()})
        if got is not None and not got.overlaps(ctx.interval(f.rate)):
            _report_rate(ctx, f, got, spec.formula_zh)


def _adjustments(ctx):
    """(fact, rate on the 年初 base, rate on the adjusted base) for every stated 预算调整率."""
    for f in named_rates(ctx):
        if f.key != ADJUST.key or "initial" not in f.inputs:
            continue
        init = box(ctx, f.inputs["initial"])
        adjusted = box(ctx, f.inputs["adjusted"]) if "adjusted" in f.inputs else None
        change = box(ctx, f.inputs["change"]) if "change" in f.inputs else (adjusted - init if adjusted else None)
        if change is None:
            continue
        if change.hi < 0:
            change = Interval(-change.hi, -change.lo)
        on_init = (change / init).scale(HUNDRED) if init.lo > 0 else None
        on_adj = (change / adjusted).scale(HUNDRED) if adjusted and adjusted.lo > 0 else None
        yield f, on_init, on_adj


@rule("BL311", "adjustment-rate", Severity.ERROR)
def adjustment_rate(ctx) -> None:
    """预算调整率与调整额不符 — the budget adjustment rate matches neither base.

    What it checks: 预算调整率 = 调整额 ÷ 年初预算 in most rubrics; some documents divide by
    the adjusted budget instead (BL312 notes that). When neither base
    reproduces the stated rate, it is an error. The 调整额 is the stated
    increase, or 调整后 − 年初 when none is stated.

    Why it matters: the adjustment rate is a scored indicator; a rate that matches no base cannot be
    verified by the reviewer.

    Example: 「年初预算数为57,373.02万元 … 调整为64,689.48万元，较年初预算数增加了
    7,316.46万元。当年度预算调整比例为13.31%」: 12.75% on the 年初 base, 11.31% on
    the adjusted one.

    Fix: correct the rate, and say which base it uses.
    """
    for f, on_init, on_adj in _adjustments(ctx):
        stated = ctx.interval(f.rate)
        if on_init is None or any(iv is not None and iv.overlaps(stated) for iv in (on_init, on_adj)):
            continue
        _report_rate(ctx, f, on_init, "调整额 ÷ 年初预算",
                     note=f"以调整后预算为基数为 {fmt(on_adj.mid, 2)}%" if on_adj is not None else "")


@rule("BL312", "adjustment-rate-base", Severity.INFO)
def adjustment_rate_base(ctx) -> None:
    """预算调整率以调整后预算为基数 — noted so the reader knows which base the rate uses.

    What it checks: when only 调整额 ÷ 调整后预算 reproduces the stated 预算调整率, the note gives
    the rate on the 年初预算 base, which rubrics usually mean (it is higher).

    Why it matters: rubrics mean the 年初 base; a rate on the adjusted base is lower and may earn
    points it would not on the intended base.

    Example: 「较年初预算数增加了7,316.46万元。当年度预算调整比例为11.31%」 with
    年初 57,373.02 and 调整后 64,689.48 万元: 11.31% is on the adjusted base; on
    the 年初 base it is 12.75%.

    Fix: say which base the rate uses, or give it on the 年初预算 base if the rubric means that one.
    """
    for f, on_init, on_adj in _adjustments(ctx):
        stated = ctx.interval(f.rate)
        if on_adj is None or on_init is None or on_init.overlaps(stated) or not on_adj.overlaps(stated):
            continue
        d = max(f.rate.decimals, 2)
        ctx.report(f.rate.span,
                   zh=f"预算调整率 {f.rate.text}% 以调整后预算为基数；以年初预算为基数应为 {fmt(on_init.mid, d)}%",
                   en=f"budget adjustment rate {f.rate.text}% uses the adjusted budget as its base; "
                      f"on the year-start budget it is {fmt(on_init.mid, d)}%",
                   evidence=Evidence(stated=f"{f.rate.text}%", recomputed=f"{fmt(on_init.mid, d)}%",
                                     operands=[operand(_LABELS[k], n) for k, n in f.inputs.items()],
                                     note="调整额 ÷ 调整后预算"),
                   related=[n.span for n in f.inputs.values()])


@rule("BL313", "average-rate", Severity.ERROR)
def average_rate(ctx) -> None:
    """全年平均执行率与各季度执行率的平均值不符 — the average execution rate is not the mean of the quarters.

    What it checks: 全年平均执行率 = Σ(季度执行率) ÷ 4: compared with the four rates listed
    beside it (「分季预算执行率分别为85.07%、102.83%、80.56%及94.29%，全年平均预算
    执行率为90.69%」), or else with the 季度执行率 stated for each quarter.

    Why it matters: the average is scored; an average that its quarters contradict earns the wrong
    points.

    Example: 「分季预算执行率分别为85.07%、102.83%、80.56%及94.29%，全年平均预算执行率为91.69%」: the mean is 90.69%.

    Fix: correct the average or the quarterly rate that was mistyped.
    """
    facts = named_rates(ctx)
    quarterly = {f.quarter: f.rate for f in facts if f.key == "季度执行率" and f.quarter}
    for f in facts:
        if f.key != "全年平均执行率":
            continue
        terms = f.listed if len(f.listed) >= 2 else [quarterly[q] for q in range(1, 5) if q in quarterly]
        if len(terms) != 4 and not f.listed:
            continue
        got = isum(ctx.interval(t) for t in terms).scale(Decimal(1) / len(terms))
        if got.overlaps(ctx.interval(f.rate)):
            continue
        d = max(f.rate.decimals, 2)
        report_recomputed(ctx, f.rate, got.mid,
                          zh=f"全年平均执行率 {f.rate.text}% 与各季度执行率的平均值 {fmt(got.mid, d)}% 不符",
                          en=f"the average execution rate {f.rate.text}% differs from the mean of the quarterly rates, "
                             f"{fmt(got.mid, d)}%",
                          operands=[operand("季度执行率", t) for t in terms])


_MET = ("未超", "未超过", "在预算范围内", "达到要求", "符合要求", "达到自评要求", "控制在")
_NOT_MET = ("未达到", "未达", "超过", "超出", "不符合")


@lru_cache(maxsize=8)
def _thresholds(path):
    return load_rubric(path).get("thresholds", {})


@rule("BL330", "rate-threshold", Severity.INFO)
def rate_threshold(ctx) -> None:
    """控制率未达到标准 — a rate on the wrong side of its threshold (context, info level).

    What it checks: thresholds come from the rubric file (三公经费控制率 ≤ 100%, 财政供养人员控制率
    ≤ 100%, 编外人员控制率 < 5% …). Being over a threshold is not an arithmetic
    error, so it is shown for context; BL331 reports a document that claims
    the threshold was met when the figure says otherwise.

    Why it matters: a rate past its threshold loses points in the 评分表; readers reviewing the score
    want to see it.

    Example: 「编外人员控制率为23.53%」 with the rubric's threshold 编外人员控制率 < 5%.

    Fix: nothing to fix in the arithmetic; explain the deviation, or turn the note off with
    ``--ignore BL330``.
    """
    _thresholds_check(ctx, claimed=False)


@rule("BL331", "threshold-claim", Severity.WARNING)
def threshold_claim(ctx) -> None:
    """声称达标但比率未达标 — the text claims a threshold was met, the rate says it was not.

    What it checks: 「编外人员控制率为23.53%，符合要求」 against a threshold of < 5%.

    Why it matters: claiming a threshold was met when the figure says otherwise overstates
    performance.

    Example: 「编外人员控制率为23.53%，符合要求」 against a threshold of < 5%.

    Fix: correct the claim or the rate.
    """
    _thresholds_check(ctx, claimed=True)


def _thresholds_check(ctx, claimed: bool) -> None:
    limits = _thresholds(ctx.config.rubric)
    for f in named_rates(ctx):
        lim = limits.get(f.key)
        if lim is None or OPS[lim["op"]](f.rate.value, Decimal(str(lim["value"]))):
            continue
        tail = f.text[f.text.find(f.rate.text):]
        says_met = any(w in tail for w in _MET) and not any(w in tail for w in _NOT_MET)
        if says_met != claimed:
            continue
        rule_text = f"{f.key} {lim['op']} {lim['value']}%"
        if claimed:
            zh, en = f"文中称达标，但{f.key} {f.rate.text}% 不满足 {rule_text}", \
                f"the text claims the threshold is met, but {f.key} {f.rate.text}% does not satisfy {rule_text}"
        else:
            zh, en = f"{f.key} {f.rate.text}% 未达到标准（{rule_text}）", \
                f"{f.key} {f.rate.text}% misses the threshold ({rule_text})"
        ctx.report(f.rate.span, zh=zh, en=en,
                   evidence=Evidence(stated=f"{f.rate.text}%", note=rule_text))


@rule("BL314", "rate-restated", Severity.WARNING)
def rate_restated(ctx) -> None:
    """同一比率前后不一致 — the same named rate is stated twice with different values.

    What it checks: 「公众满意度得分为86.34分」 in one section and 「满意度为85.34%」 in another
    cannot both be right (a survey result written in 分 and in % is one
    figure). Rates are matched by name and, for quarterly figures, quarter;
    values that agree within rounding are the same.

    Why it matters: one figure stated twice with two values leaves the reader to guess which is
    true.

    Example: 「公众满意度得分为86.34分」 in one section, 「满意度为85.34%」 in another.

    Fix: make the two statements agree; the finding names both places.
    """
    first: dict[tuple, Rate] = {}
    for f in named_rates(ctx):
        key = (f.key, f.quarter)
        if key not in first:
            first[key] = f
            continue
        a = first[key]
        if ctx.interval(a.rate).overlaps(ctx.interval(f.rate)):
            continue
        report_recomputed(ctx, f.rate, a.rate.value,
                          zh=f"{f.key} {f.rate.text}% 与前文所述 {a.rate.text}% 不一致",
                          en=f"{f.key} is given as {f.rate.text}% here and as {a.rate.text}% earlier",
                          operands=[operand(f"前文{f.key}", a.rate)], decimals=max(a.rate.decimals, f.rate.decimals))
