"""BL4xx year-over-year: 增加/减少 X 万元, 增长/下降 Y% against the amount they describe."""
from __future__ import annotations

from decimal import Decimal

from ..facts import Change
from ..model import Evidence, Severity
from ..numbers import corners, fmt
from . import rule
from ._util import amount_operand, operand

HUNDRED = Decimal(100)


@rule("BL401", "change-rate", Severity.ERROR)
def change_rate(ctx) -> None:
    """增减幅度与增减额不符 — a growth rate is not change ÷ the previous value.

    「收、支总计949.54万元。与上年相比，减少367.99万元，减少27.93%」 implies a
    previous value of 949.54 + 367.99 = 1317.53 万元 and a rate of
    367.99 ÷ 1317.53 = 27.93%. The same holds against 年初预算 (「比年初预算数
    增加6.85万元，增长10.49%」). All three numbers are taken as rounding intervals.

    Fix: correct the rate or the amount of the change.
    """
    for ch in ctx.facts.of(Change):
        cur = ctx.facts.get(ch.current)
        if cur is None or ch.amount is None or ch.rate is None or ch.direction == "none":
            continue
        if ch.rate.unit != "%" or ch.amount.unit != cur.value.unit or ch.amount.approx or ch.rate.approx:
            continue
        sign = Decimal(-1) if ch.direction == "up" else Decimal(1)
        cur_iv, amt_iv = ctx.interval(cur.value), ctx.interval(ch.amount)
        prev_iv = cur_iv + amt_iv.scale(sign)
        if prev_iv.lo <= 0:
            continue  # the previous value may be 0 or less: the rate can be anything
        rng = corners(lambda c, a: a / (c + sign * a) * HUNDRED, cur_iv, amt_iv)
        prev = cur.value.value + sign * ch.amount.value
        if rng is None or rng.overlaps(ctx.interval(ch.rate)):
            continue
        exact = ch.amount.value / prev * HUNDRED
        d = max(ch.rate.decimals, 2)
        ctx.report(
            ch.rate.span,
            zh=f"{ch.verb.rstrip('了')}幅度 {ch.rate.text}% 与 {ch.amount.text}÷{fmt(prev, ctx.decimals(cur.value))}={fmt(exact, d)}% 不符（上期数由本期 {cur.value.text} 推得）",
            en=f"rate of change {ch.rate.text}% differs from {ch.amount.text} / {fmt(prev, ctx.decimals(cur.value))} = {fmt(exact, d)}% (previous value derived from {cur.value.text})",
            evidence=Evidence(stated=f"{ch.rate.text}%", recomputed=f"{fmt(exact, d)}%",
                              operands=[amount_operand(cur), operand("增减额", ch.amount)],
                              difference=fmt(ch.rate.value - exact, d), suggestion=f"{fmt(exact, ch.rate.decimals)}%",
                              note=f"上期数 = {cur.value.text} {'−' if sign < 0 else '+'} {ch.amount.text} = {fmt(prev, ctx.decimals(cur.value))}"),
            related=[cur.value.span, ch.amount.span],
        )


@rule("BL402", "change-direction", Severity.ERROR)
def change_direction(ctx) -> None:
    """增减方向与幅度矛盾 — 下降/减少 more than 100%, or a change of 0 described with a rate.

    A value cannot fall by more than 100% of itself, and 「减少0万元，下降5%」 is
    self-contradictory. Such statements usually come from a swapped sign or a
    rate computed on the wrong base.

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
        if not (bad or zero):
            continue
        ctx.report(
            r.span,
            zh=(f"{ch.verb.rstrip('了')} {r.text}% 超过100%，数值不可能减少超过其自身" if bad
                else f"增减额为0，却写明变动 {r.text}%"),
            en=(f"a decrease of {r.text}% exceeds 100%" if bad else f"the change is 0 but a rate of {r.text}% is stated"),
            evidence=Evidence(stated=f"{r.text}%", operands=[operand("增减额", ch.amount)] if ch.amount else []),
        )
