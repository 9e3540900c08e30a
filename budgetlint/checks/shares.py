"""BL2xx shares: 占X% against part ÷ whole, and the shares of one list against 100%."""
from __future__ import annotations

from decimal import Decimal

from .. import vocabulary as V
from ..facts import Breakdown, Share
from ..model import Evidence, Severity
from ..numbers import Interval, fmt, half_unit, isum, round_to
from . import rule
from ._util import amount_operand, operand, report_recomputed

HUNDRED = Decimal(100)


def _converted(ctx, a, unit):
    iv = ctx.interval(a.value, tail=False)
    if a.value.unit != unit and a.value.is_money:
        iv = iv.scale(V.convert(Decimal(1), a.value.unit, unit))
    return iv


def _plugged(ctx, sh: Share, ratio: Interval, siblings: list[Share]) -> bool:
    """Shares of a list nudged by one last digit so that they total exactly 100% (a common convention)."""
    if ratio.distance(ctx.interval(sh.value)) > half_unit(sh.value.decimals) * 2:
        return False
    if len(siblings) < 2 or sum(s.value.value for s in siblings) != HUNDRED:
        return False
    whole = ctx.facts.get(sh.whole).value.value
    if not whole:
        return False
    honest = sum(round_to(ctx.facts.get(s.part).value.value / whole * HUNDRED, s.value.decimals)
                 for s in siblings if s.part is not None)
    return honest != HUNDRED  # plain rounding would miss 100%, so one share had to give


@rule("BL201", "share-mismatch", Severity.ERROR)
def share_mismatch(ctx) -> None:
    """占比与金额不符 — a stated share differs from part ÷ whole.

    What it checks: 「财政拨款收入791.59万元，占89.26%」 is recomputed as 791.59 ÷ 886.82 when
    886.82 is the total of the list the amount belongs to, or the quantity the
    share names (「占本年支出合计的85.87%」 → the 本年支出合计 stated earlier).
    The share is an error only if no values inside the rounding intervals of
    the part and the whole give a share that rounds to the stated one (the
    author computed it from the unrounded amounts, which lie in those
    intervals, so the 0.01 tail is not added here). Shares nudged by one last
    digit so that a list's shares total exactly 100% are accepted.

    Why it matters: a share is how readers compare items; a share that its own amounts contradict
    misleads them about proportions.

    Example: 「2023年度支出合计921.87万元。财政拨款支出791.59万元，占本年支出合计的86.87%」: 791.59 ÷ 921.87 = 85.87%.

    Fix: correct the share (the finding gives the recomputed one) or the amount.
    """
    by_whole: dict[int, list[Share]] = {}
    for sh in ctx.facts.of(Share):
        if sh.whole is not None and sh.value.unit == "%":
            by_whole.setdefault(sh.whole, []).append(sh)
    for sh in ctx.facts.of(Share):
        part, whole = ctx.facts.get(sh.part), ctx.facts.get(sh.whole)
        if part is None or whole is None or part.id == whole.id or sh.value.approx:
            continue
        if not sh.value.is_percent or sh.value.unit != "%":
            continue
        if part.value.is_money != whole.value.is_money or (not part.value.is_money and part.value.unit != whole.value.unit):
            continue
        p_iv = _converted(ctx, part, whole.value.unit)
        w_iv = ctx.interval(whole.value, tail=False)
        ratio = p_iv / w_iv if w_iv.lo > 0 else None
        if ratio is None:
            continue
        ratio = ratio.scale(HUNDRED)
        stated = ctx.interval(sh.value)
        if ratio.overlaps(stated) or _plugged(ctx, sh, ratio, by_whole.get(sh.whole, [])):
            continue
        if not whole.value.value:
            continue
        exact = part.value.in_unit(whole.value.unit) if part.value.is_money else part.value.value
        exact = exact / whole.value.value * HUNDRED
        shown = fmt(exact, max(sh.value.decimals, 2))
        report_recomputed(
            ctx, sh.value, exact,
            zh=f"占比 {sh.value.text}% 与 {part.value.text}÷{whole.value.text}={shown}% 不符",
            en=f"share {sh.value.text}% differs from {part.value.text} / {whole.value.text} = {shown}%",
            operands=[amount_operand(part), amount_operand(whole)],
        )


@rule("BL202", "shares-not-100", Severity.ERROR)
def shares_not_100(ctx) -> None:
    """各项占比合计不为100% — the shares of every item of one list must add up to 100%.

    What it checks: when each item of a list (「其中：A x万元，占a%；B y万元，占b%……」) states its
    share of the same total, the shares must add up to 100% within their
    rounding (each stated share stands for ± half its last digit).

    Why it matters: the shares of one list divide one total; if they do not make 100%, at least one
    of them is wrong.

    Example: 「其中：基本支出480.00万元，占40.68%；项目支出700.00万元，占59.50%」: 100.18%.

    Fix: correct the share that is off; the items' amounts tell which.
    """
    shares_by_part: dict[int, Share] = {}
    for sh in ctx.facts.of(Share):
        if sh.part is not None and sh.value.unit == "%":
            shares_by_part.setdefault(sh.part, sh)
    for bd in ctx.facts.of(Breakdown):
        shares = [shares_by_part.get(i) for i in bd.items]
        if len(shares) < 2 or any(s is None for s in shares) or any(s.whole != bd.total for s in shares):
            continue
        total = isum(ctx.interval(s.value) for s in shares)
        if total.overlaps(Interval.exact(HUNDRED)):
            continue
        d = max(s.value.decimals for s in shares)
        stated_sum = sum(s.value.value for s in shares)
        ctx.report(
            shares[-1].value.span.cover(shares[0].value.span),
            zh=f"同一构成的各项占比合计 {fmt(stated_sum, d)}%，不等于100%",
            en=f"the shares of one breakdown add up to {fmt(stated_sum, d)}%, not 100%",
            evidence=Evidence(stated=f"{fmt(stated_sum, d)}%", recomputed="100%",
                              operands=[operand("占比", s.value) for s in shares],
                              difference=fmt(stated_sum - HUNDRED, d)),
            related=[s.value.span for s in shares],
        )
