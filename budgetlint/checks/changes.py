"""BL4xx year-over-year: 增加/减少 X 万元, 增长/下降 Y% against the amount they describe."""
from __future__ import annotations

from decimal import Decimal

from ..facts import Change, ChangeBreakdown
from ..vocabulary import MONEY_UNITS, direction
from ..model import Evidence, Severity
from ..numbers import corners, fmt
from . import rule
from ._util import amount_operand, operand, report_recomputed

HUNDRED = Decimal(100)


def _same_unit(a, b) -> bool:
    """万 and 万元 (亿 and 亿元) are one unit."""
    return a.unit == b.unit or (a.is_money and b.is_money and MONEY_UNITS[a.unit] == MONEY_UNITS[b.unit])


@rule("BL401", "change-rate", Severity.ERROR)
def change_rate(ctx) -> None:
    """增减幅度与增减额不符 — a growth rate is not change ÷ the previous value.

    What it checks: 「收、支总计949.54万元。与上年相比，减少367.99万元，减少27.93%」 implies a
    previous value of 949.54 + 367.99 = 1317.53 万元 and a rate of
    367.99 ÷ 1317.53 = 27.93%. The same holds against 年初预算 (「比年初预算数
    增加6.85万元，增长10.49%」). All three numbers are taken as rounding intervals
    (the author divided the unrounded amounts, so the 0.01 tail is not added):
    「下降12%」 stands for [11.5%, 12.5%). When the previous value may be 0
    (「1.5万元，比去年增加1.5万元，增长50%」) the rate is only bounded below;
    when it must be negative (「0.00万元，较上年增加1.00万元，增长0%」: −1.00), the
    rate is taken on its size (1.00 ÷ 1.00 = 100%).
    When the previous year's figure is stated too (「431万元，比上年433万元减少3万元，
    下降0.46%」), the amount and the rate may each fit the two years within
    rounding (433 − 431 lies in [1, 3]) and still contradict each other:
    3 ÷ 433 = 0.69%, not 0.46%; that is reported here, the rest by BL403.

    Why it matters: the rate and the amount of a change describe the same change; when they
    disagree, one of them was computed on the wrong base or mistyped.

    Example: 「收、支总计949.54万元。与上年相比，减少367.99万元，减少28.93%」: 367.99 ÷ 1317.53 = 27.93%.

    Fix: correct the rate or the amount of the change.
    """
    for ch in ctx.facts.of(Change):
        cur = ctx.facts.get(ch.current)
        if cur is None or ch.amount is None or ch.rate is None or ch.direction == "none":
            continue
        if ch.rate.unit != "%" or not _same_unit(ch.amount, cur.value) or ch.amount.approx or ch.rate.approx:
            continue
        if ch.previous is not None:
            _rate_on_stated_base(ctx, ch, cur)  # BL403 checks each against the two years
            continue
        sign = Decimal(-1) if ch.direction == "up" else Decimal(1)
        cur_iv, amt_iv = ctx.interval(cur.value, tail=False), ctx.interval(ch.amount, tail=False)
        prev_iv = cur_iv + amt_iv.scale(sign)
        if prev_iv.lo <= 0 <= prev_iv.hi:
            # the previous value may be 0 (any rate) or tiny: the rate is at least amount ÷ largest previous value
            # (「增长100%」 from nothing is the documents' convention for a new item, and is not reported)
            if prev_iv.hi > 0 and amt_iv.lo > 0 and ch.rate.value != HUNDRED \
                    and ctx.interval(ch.rate).hi < amt_iv.lo / prev_iv.hi * HUNDRED:
                least = fmt(amt_iv.lo / prev_iv.hi * HUNDRED, 2)
                ctx.report(ch.rate.span,
                           zh=f"{ch.verb.rstrip('了')}幅度 {ch.rate.text}% 不可能：本期 {cur.value.text} 与增减额 {ch.amount.text} "
                              f"推得上期数至多 {fmt(prev_iv.hi, 4)}，幅度至少 {least}%",
                           en=f"rate of change {ch.rate.text}% is impossible: {cur.value.text} and the change {ch.amount.text} "
                              f"leave a previous value of at most {fmt(prev_iv.hi, 4)}, so the rate is at least {least}%",
                           evidence=Evidence(stated=f"{ch.rate.text}%", recomputed=f"≥ {least}%",
                                             operands=[amount_operand(cur), operand("增减额", ch.amount)]),
                           related=[cur.value.span, ch.amount.span])
            continue
        # a rise larger than the value it rose to leaves a negative previous value: the rate is on its size
        rng = corners(lambda c, a: a / abs(c + sign * a) * HUNDRED, cur_iv, amt_iv)
        prev = cur.value.value + sign * ch.amount.value
        if rng is None or rng.overlaps(ctx.interval(ch.rate)):
            continue
        exact = ch.amount.value / abs(prev) * HUNDRED
        shown, was = fmt(exact, max(ch.rate.decimals, 2)), fmt(prev, max(ctx.decimals(cur.value), ctx.decimals(ch.amount)))
        base = was if prev > 0 else f"|{was}|"
        report_recomputed(
            ctx, ch.rate, exact,
            zh=f"{ch.verb.rstrip('了')}幅度 {ch.rate.text}% 与 {ch.amount.text}÷{base}={shown}% 不符（上期数由本期 {cur.value.text} 推得）",
            en=f"rate of change {ch.rate.text}% differs from {ch.amount.text} / {base} = {shown}% (previous value derived from {cur.value.text})",
            operands=[amount_operand(cur), operand("增减额", ch.amount)],
            note=f"上期数 = {cur.value.text} {'−' if sign < 0 else '+'} {ch.amount.text} = {was}",
        )


def _rate_on_stated_base(ctx, ch: Change, cur) -> None:
    """Both years stated, the amount and the rate each fitting them: the rate must be amount ÷ previous."""
    prev = ctx.facts.get(ch.previous)
    if prev is None or not _same_unit(prev.value, cur.value):
        return
    p_iv, c_iv, a_iv = (ctx.interval(n, tail=False) for n in (prev.value, cur.value, ch.amount))
    if p_iv.lo <= 0:
        return
    diff_iv = ctx.interval(cur.value) - ctx.interval(prev.value)
    years = corners(lambda c, p: abs(c - p) / p * HUNDRED, c_iv, p_iv)
    rate_iv = ctx.interval(ch.rate)
    if not (diff_iv.overlaps(a_iv) or diff_iv.overlaps(a_iv.scale(Decimal(-1)))) or years is None \
            or not (years.overlaps(rate_iv) or (diff_iv.lo <= 0 <= diff_iv.hi and rate_iv.lo <= years.hi)):
        return  # BL403 reports the amount or the rate against the years
    rng = corners(lambda a, p: a / p * HUNDRED, a_iv, p_iv)
    if rng is None or rng.overlaps(rate_iv):
        return
    exact = ch.amount.value / prev.value.value * HUNDRED
    shown = fmt(exact, max(ch.rate.decimals, 2))
    report_recomputed(
        ctx, ch.rate, exact,
        zh=f"{ch.verb.rstrip('了')}幅度 {ch.rate.text}% 与 增减额 {ch.amount.text}÷上期 {prev.value.text}={shown}% 不符",
        en=f"rate of change {ch.rate.text}% differs from the change {ch.amount.text} / the previous {prev.value.text} = {shown}%",
        operands=[operand("增减额", ch.amount), amount_operand(prev)])


@rule("BL402", "change-direction", Severity.ERROR)
def change_direction(ctx) -> None:
    """增减方向与幅度矛盾 — 下降/减少 more than 100%, or a change of 0 described with a rate.

    What it checks: A value cannot fall by more than 100% of itself, and 「减少0万元，下降5%」 is
    self-contradictory, as is 「减0.04万元，增0.01%」 (the amount falls, the rate
    says it rose). Such statements usually come from a swapped sign or a
    rate computed on the wrong base.

    Why it matters: such a change cannot happen; the statement is self-contradictory whatever the
    true figures are.

    Example: 「减少0万元，下降5%」, or 「下降120%」.

    Fix: check the direction word and the base of the rate.
    """
    for ch in ctx.facts.of(Change):
        r = ch.rate
        if r is None or r.unit != "%":
            continue
        bad = ch.direction == "down" and ctx.interval(r).lo > HUNDRED
        # with the current value known, BL401 weighs the rate against the rounded 0 (「减少0.00万元，下降0.99%」
        # is right when the previous value was 0.01 万元); without it, a rate on a change of 0 is a contradiction
        zero = ch.amount is not None and ch.amount.value == 0 and ctx.interval(r).lo > 0 and ch.current is None
        rate_way = direction(ch.rate_verb) if ch.rate_verb else ch.direction
        if ch.amount is not None and ch.amount.value and r.value and {ch.direction, rate_way} == {"up", "down"}:
            ctx.report(r.span, zh=f"增减方向矛盾：金额「{ch.verb}」{ch.amount.text}，比率却「{ch.rate_verb}」{r.text}%",
                       en=f"contradictory direction: the amount '{ch.verb}' {ch.amount.text} but the rate '{ch.rate_verb}' {r.text}%",
                       evidence=Evidence(stated=f"{ch.rate_verb}{r.text}%", suggestion=f"{ch.verb}{r.text}%",
                                         operands=[operand("增减额", ch.amount)]),
                       related=[ch.amount.span])
            continue
        if not (bad or zero):
            continue
        ctx.report(
            r.span,
            zh=(f"{ch.verb.rstrip('了')} {r.text}% 超过100%，数值不可能减少超过其自身" if bad
                else f"增减额为0，却写明变动 {r.text}%"),
            en=(f"a decrease of {r.text}% exceeds 100%" if bad else f"the change is 0 but a rate of {r.text}% is stated"),
            evidence=Evidence(stated=f"{r.text}%", operands=[operand("增减额", ch.amount)] if ch.amount else []),
        )


@rule("BL404", "part-base-exceeds-whole", Severity.ERROR)
def part_base_exceeds_whole(ctx) -> None:
    """部分的上期数超过整体的上期数 — a part's rate implies a base larger than the whole's.

    What it checks: a rate and an amount of change imply the base they were
    computed on (amount ÷ rate). In a list of the parts' changes after a total
    change, no part may imply a larger base than the whole. Every number is
    taken as its rounding interval.

    Why it matters: a part cannot have been larger than the whole; the part's
    rate is wrong (often the share of the change, or a typo).

    Example: 「基本支出较上年增17.1万元，增幅17.18%」 gives 17.1 ÷ 17.18% ≈ 99.5 万元;
    its part 「对个人和家庭补助支出较上年增加0.11万元，增幅0.01%」 implies
    0.11 ÷ 0.01% = 1100 万元.

    Fix: recompute the part's rate on its own previous value.
    """
    for cb in ctx.facts.of(ChangeBreakdown):
        total = ctx.facts.get(cb.total)
        whole = _implied_base(ctx, total)
        if whole is None:
            continue
        for ch in (ctx.facts.get(i) for i in cb.items):
            part = _implied_base(ctx, ch)
            if part is None or part.lo <= whole.hi:
                continue
            base = ch.amount.value / ch.rate.value * HUNDRED
            ctx.report(ch.rate.span,
                       zh=f"{ch.amount.text}÷{ch.rate.text}% 推得上期数约 {fmt(base, 2)}，大于整体的上期数约 {fmt(whole.mid, 2)}"
                          f"（{total.amount.text}÷{total.rate.text}%）",
                       en=f"{ch.amount.text} / {ch.rate.text}% implies a previous value of about {fmt(base, 2)}, more than the "
                          f"whole's {fmt(whole.mid, 2)} ({total.amount.text} / {total.rate.text}%)",
                       evidence=Evidence(stated=f"{ch.rate.text}%", recomputed=f"上期数 ≈ {fmt(base, 2)}",
                                         operands=[operand("增减额", ch.amount), operand("整体增减额", total.amount),
                                                   operand("整体增减率", total.rate)]),
                       related=[ch.amount.span, total.amount.span, total.rate.span])


def _implied_base(ctx, ch: Change):
    """The previous value an amount of change and its rate imply (amount ÷ rate), as an interval."""
    if ch.amount is None or ch.rate is None or ch.rate.unit != "%" or ch.amount.approx or ch.rate.approx:
        return None
    rate = ctx.interval(ch.rate)
    if rate.lo <= 0:
        return None
    return corners(lambda a, r: a / r * HUNDRED, ctx.interval(ch.amount, tail=False), rate)


@rule("BL403", "change-against-both-years", Severity.ERROR)
def change_against_both_years(ctx) -> None:
    """增减额、方向或幅度与两年数字不符 — the change contradicts the two stated years.

    What it checks: 「本年支出100.00万元，上年支出80.00万元，增加25.00万元，增长25.00%」: both
    years are stated, so the change must be 100.00 − 80.00 = 20.00 (an
    increase), and the rate 20.00 ÷ 80.00 = 25.00%. Reports a wrong amount, a
    wrong direction word (增加 for a fall, 持平 for any change) or a wrong rate.

    Why it matters: with both years stated, the change is determined; a different amount, word or
    rate misreports the trend.

    Example: 「本年支出80.00万元，上年支出100.00万元，增加20.00万元」: 80 − 100 is a fall.

    Fix: correct the amount, the word or the rate as the finding says.
    """
    for ch in ctx.facts.of(Change):
        cur, prev = ctx.facts.get(ch.current), ctx.facts.get(ch.previous)
        if cur is None or prev is None or ch.direction == "none" or not _same_unit(cur.value, prev.value):
            continue
        diff_iv = ctx.interval(cur.value) - ctx.interval(prev.value)
        diff = cur.value.value - prev.value.value
        d = ctx.decimals(cur.value)
        ops = [amount_operand(cur), amount_operand(prev)]
        if (ch.direction == "up" and diff_iv.hi < 0) or (ch.direction == "down" and diff_iv.lo > 0) \
                or (ch.direction == "flat" and not diff_iv.lo <= 0 <= diff_iv.hi):
            word = "减少" if diff < 0 else "增加"
            ctx.report((ch.amount or ch.rate or ch).span, zh=f"「{ch.verb}」与数字不符：{cur.value.text} 比 {prev.value.text} {'少' if diff < 0 else '多'} {fmt(abs(diff), d)}，应为“{word}”",
                       en=f"'{ch.verb}' contradicts the figures: {cur.value.text} vs {prev.value.text} is a change of {fmt(diff, d)}",
                       evidence=Evidence(stated=ch.verb, recomputed=fmt(diff, d), operands=ops, suggestion=word),
                       related=[cur.value.span, prev.value.span])
            continue
        if ch.amount is not None and _same_unit(ch.amount, cur.value):
            a_iv = ctx.interval(ch.amount)
            if not (diff_iv.overlaps(a_iv) or diff_iv.overlaps(a_iv.scale(Decimal(-1)))):
                report_recomputed(ctx, ch.amount, abs(diff),
                                  zh=f"增减额 {ch.amount.text} 与 {cur.value.text}−{prev.value.text}={fmt(diff, d)} 不符",
                                  en=f"change {ch.amount.text} differs from {cur.value.text} − {prev.value.text} = {fmt(diff, d)}",
                                  operands=ops)
        if ch.rate is not None and ch.rate.unit == "%":
            p_iv = ctx.interval(prev.value, tail=False)
            if p_iv.lo <= 0:
                continue
            r_iv = corners(lambda c, p: abs(c - p) / p * HUNDRED, ctx.interval(cur.value, tail=False), p_iv)
            if r_iv is not None and diff_iv.lo <= 0 <= diff_iv.hi:
                r_iv = type(r_iv)(Decimal(0), r_iv.hi)
            if r_iv is None or r_iv.overlaps(ctx.interval(ch.rate)):
                continue
            exact = abs(diff) / prev.value.value * HUNDRED
            shown = fmt(exact, max(ch.rate.decimals, 2))
            report_recomputed(ctx, ch.rate, exact,
                              zh=f"{ch.verb.rstrip('了')}幅度 {ch.rate.text}% 与 |{cur.value.text}−{prev.value.text}|÷{prev.value.text}={shown}% 不符",
                              en=f"rate {ch.rate.text}% differs from |{cur.value.text} − {prev.value.text}| / {prev.value.text} = {shown}%",
                              operands=ops)
