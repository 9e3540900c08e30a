"""BL1xx sums: the items of a list against the total they break down."""
from __future__ import annotations

import re
from decimal import Decimal

from .. import vocabulary as V
from ..facts import Amount, Breakdown, Change, ChangeBreakdown, Enumeration, Num
from ..model import Evidence, Severity
from ..numbers import Interval, fmt, isum
from ..extract.subjects import ROLE_WORDS, clean, is_budget
from . import rule
from ._util import amount_operand, operand, per_document, report_recomputed


def _value_in(n: Num, unit: str | None) -> Decimal:
    if n.is_money and unit in V.MONEY_UNITS and n.unit != unit:
        return n.in_unit(unit)
    return n.value


def _item_interval(ctx, n: Num, unit: str | None) -> Interval:
    iv = ctx.interval(n, tail=False)
    if n.is_money and unit in V.MONEY_UNITS and n.unit != unit:
        k = V.convert(Decimal(1), n.unit, unit)
        return iv.scale(k)
    return iv


def _label(total: Amount) -> str:
    role = ROLE_WORDS.get(total.role, "")
    return f"{total.entity}{role}" if total.entity else (total.subject or role)


@per_document
def breakdowns(ctx) -> list[tuple[Breakdown, Amount, list[Amount]]]:
    """Each list (其中 / 主要用于 / numbered items) with its total and items, none of them approximate."""
    out = []
    for bd in ctx.facts.of(Breakdown):
        total = ctx.facts.get(bd.total)
        items = [ctx.facts.get(i) for i in bd.items]
        if total is None or total.value.approx or any(a.value.approx for a in items):
            continue
        out.append((bd, total, items))
    return out


@rule("BL101", "breakdown-sum", Severity.ERROR)
def breakdown_sum(ctx) -> None:
    """其中各项之和与所述合计不符 — the items of a list do not add up to their total.

    What it checks: A total followed by 「其中：」 (or 「主要用于以下方面：」, or numbered items
    1、2、… in the following paragraphs) with two or more items must equal the
    sum of the items. Every number is taken as the interval its rounding
    allows, and the total may differ by the document's 0.01 tail convention,
    so only differences that rounding cannot explain are reported.

    A list that says it is partial (「其中主要有…」, 「…等」) is only reported
    when its items exceed the total.

    Why it matters: a total that its own parts contradict is the most common typing error in a 说明,
    and a reader cannot tell which figure is right.

    Example: 「年初预算数为463.48万元……其中：1、…年初预算为366.09万元 …」
    where the nine items add up to 461.57 万元.

    Fix: correct the item or the total; the finding suggests the total that
    the items imply.
    """
    reported: set[int] = set()
    for bd, total, items in breakdowns(ctx):
        if len(items) < 2 or total.id in reported:
            continue
        unit = total.value.unit
        sum_iv = isum(_item_interval(ctx, a.value, unit) for a in items)
        tot_iv = ctx.interval(total.value)
        if sum_iv.overlaps(tot_iv) or (bd.partial and sum_iv.hi < tot_iv.lo):
            continue
        plain = isum(Interval.exact(a.value.value).widen(ctx.interval(a.value, tail=False).hi - a.value.value) for a in items)
        if any(a.value.unit != unit for a in items if a.value.is_money) and plain.overlaps(tot_iv):
            continue  # numerically right but units differ: BL801 reports it
        d = max(ctx.decimals(total.value), max(ctx.decimals(a.value) for a in items))
        computed = sum(_value_in(a.value, unit) for a in items)
        label, u = _label(total), unit or ""
        report_recomputed(
            ctx, total.value, computed, decimals=d,
            zh=f"{label}：其中各项合计 {fmt(computed, d)}{u}，与所述 {total.value.text}{u} 相差 {fmt(abs(computed - total.value.value), d)}{u}",
            en=f"{label}: the {len(items)} items add up to {fmt(computed, d)} {u}, not the stated {total.value.text} {u} (difference {fmt(abs(computed - total.value.value), d)})",
            operands=[amount_operand(a) for a in items],
        )
        reported.add(total.id)


@rule("BL102", "part-exceeds-total", Severity.ERROR)
def part_exceeds_total(ctx) -> None:
    """其中单项超过合计 — a single 其中 item is larger than the total it belongs to.

    What it checks: each item of a 其中 list against its total: a part of a total cannot
    exceed it (beyond rounding).

    Why it matters: a part larger than its whole is impossible; one of the two figures was mistyped
    or copied from another line.

    Example: 「授予中小企业合同金额222.27万元，其中：授予小微企业合同金额230万元」: 230 > 222.27.

    Fix: correct the part or the total.
    """
    for bd, total, items in breakdowns(ctx):
        if len(items) != 1:
            continue
        a = items[0]
        unit = total.value.unit
        iv, tot_iv = _item_interval(ctx, a.value, unit), ctx.interval(total.value)
        if iv.lo > tot_iv.hi and total.value.value >= 0:
            d = ctx.decimals(total.value)
            v = _value_in(a.value, unit)
            ctx.report(
                a.value.span,
                zh=f"其中项 {a.value.text}{a.value.unit or ''} 大于其合计 {total.value.text}{unit or ''}（{_label(total)}）",
                en=f"the part {a.value.text} {a.value.unit or ''} exceeds its total {total.value.text} {unit or ''} ({_label(total)})",
                evidence=Evidence(stated=f"{a.value.text}{a.value.unit or ''}", recomputed=f"≤ {total.value.text}{unit or ''}",
                                  operands=[amount_operand(total), amount_operand(a)],
                                  difference=fmt(v - total.value.value, d)),
                related=[total.value.span],
            )


@rule("BL801", "unit-slip", Severity.ERROR)
def unit_slip(ctx) -> None:
    """单位不一致 — items add up only if their unit is ignored (万元 items, 亿元 total).

    What it checks: 「支出合计1.25亿元，其中：基本支出0.5万元，项目支出0.75万元」: the digits add up,
    the units do not; one of the units is a slip.

    Why it matters: items that add up only if their unit is ignored contain a unit slip that changes
    a figure ten thousand times.

    Example: 「支出合计1.25亿元，其中：基本支出0.5万元，项目支出0.75万元」.

    Fix: write the items and the total in the same unit.
    """
    for bd, total, items in breakdowns(ctx):
        unit = total.value.unit
        if len(items) < 2 or not total.value.is_money or all(a.value.unit == unit for a in items):
            continue
        conv = isum(_item_interval(ctx, a.value, unit) for a in items)
        tot_iv = ctx.interval(total.value)
        raw = isum(ctx.interval(a.value, tail=False) for a in items)
        if not conv.overlaps(tot_iv) and raw.overlaps(tot_iv):
            units = "、".join(sorted({a.value.unit for a in items if a.value.unit != unit}))
            ctx.report(
                total.value.span,
                zh=f"单位不一致：各项以{units}计，合计 {total.value.text}{unit} 只在忽略单位时相符",
                en=f"unit slip: the items are in {units}, and add up to the total {total.value.text} {unit} only if units are ignored",
                evidence=Evidence(stated=f"{total.value.text}{unit}", operands=[amount_operand(a) for a in items],
                                  note=f"各项单位 {units} / 合计单位 {unit}"),
                related=[a.value.span for a in items],
            )


_CLASS = re.compile(r"^\s*(?:\d{1,2}[、.．]|[(（]\d{1,2}[)）])?\s*(.+?)\s*[(（]类[)）]")


def _class_name(text: str) -> str:
    return re.sub(r"支出$", "", clean(text))


@rule("BL103", "class-items-sum", Severity.ERROR)
def class_items_sum(ctx) -> None:
    """类级金额与其下各项（项）合计不符 — a 类 amount differs from the sum of its 项 items.

    What it checks: 决算说明 first give 「主要用于以下方面：一般公共服务（类）支出399.26万元…」 and then
    list each 项 with its 类/款/项 classification 「1、一般公共服务支出（类）…（款）…（项）…
    支出决算为379.03万元」. When both lists break down the same total, the 项 items
    of each 类 must add up to that 类's amount (within rounding and the tail).

    Why it matters: the two lists restate the same money; when they disagree, one of them misreports
    where the money went.

    Example: 「一般公共服务（类）支出399.26万元」 while its 项 items are 379.03 and 10.23 万元 (389.26).

    Fix: correct the 类 amount or the 项 amounts.
    """
    lists = [(bd, ctx.facts.get(bd.total)) for bd in ctx.facts.of(Breakdown) if bd.total is not None]
    for bd, total in lists:
        if not bd.headings or is_budget(total.role):
            continue
        groups: dict[str, list[Amount]] = {}
        for heading, i in zip(bd.headings, bd.items):
            m = _CLASS.match(heading)
            if m:
                groups.setdefault(_class_name(m.group(1)), []).append(ctx.facts.get(i))
        if not groups:
            continue
        for other, other_total in lists:
            if other is bd or other.headings or other_total.value.value != total.value.value:
                continue
            for i in other.items:
                cls = ctx.facts.get(i)
                parts = groups.get(_class_name(cls.entity))
                if not parts or cls.value.unit != total.value.unit:
                    continue
                sum_iv = isum(ctx.interval(a.value, tail=False) for a in parts)
                if sum_iv.overlaps(ctx.interval(cls.value)):
                    continue
                d = ctx.decimals(cls.value)
                computed = sum(a.value.value for a in parts)
                u = cls.value.unit or ""
                report_recomputed(
                    ctx, cls.value, computed,
                    zh=f"{cls.entity}：其下各项合计 {fmt(computed, d)}{u}，与所述 {cls.value.text}{u} 相差 {fmt(abs(computed - cls.value.value), d)}{u}",
                    en=f"{cls.entity}: its items add up to {fmt(computed, d)} {u}, not the stated {cls.value.text} {u}",
                    operands=[amount_operand(a) for a in parts],
                )


def _signed(ctx, ch: Change, unit: str, tail: bool) -> Interval:
    iv = _item_interval(ctx, ch.amount, unit) if not tail else ctx.interval(ch.amount)
    return iv.scale(Decimal(-1)) if ch.direction == "down" else iv


@rule("BL104", "change-breakdown-sum", Severity.ERROR)
def change_breakdown_sum(ctx) -> None:
    """各项增减额之和与总增减额不符 — the changes of the parts do not add up to the change of the whole.

    What it checks: a total change followed by the changes of its parts (after
    其中, or in numbered paragraphs after 「…如下：」) must equal their signed sum.
    Increases count positive, decreases negative; every amount is taken as its
    rounding interval, the total with the 0.01 tail. Lists where a part's change
    is not given are not checked (``budgetlint facts`` shows no change_breakdown).

    Why it matters: the parts' changes explain the change of the whole; when they
    do not add up, one of them, or the total, is wrong.

    Example: 「基本支出预算较上年增17.1万元……主要变动原因如下：1.工资福利支出较上年增18.67万元……
    2.商品和服务支出较上年减0.04万元……3.对个人和家庭补助支出较上年增加0.11万元」: the
    parts change by 18.67 − 0.04 + 0.11 = 18.74 万元, not 17.1.

    Fix: correct the total change or the part that is off.
    """
    for cb in ctx.facts.of(ChangeBreakdown):
        total = ctx.facts.get(cb.total)
        items = [ctx.facts.get(i) for i in cb.items]
        if total.amount.approx or any(c.amount.approx for c in items):
            continue
        unit = total.amount.unit
        sum_iv = isum(_signed(ctx, c, unit, tail=False) for c in items)
        if sum_iv.overlaps(_signed(ctx, total, unit, tail=True)):
            continue
        d = max(ctx.decimals(c.amount) for c in [total, *items])
        computed = sum(_value_in(c.amount, unit) * (-1 if c.direction == "down" else 1) for c in items)
        stated = total.amount.value * (-1 if total.direction == "down" else 1)
        terms = " ".join(f"{'−' if c.direction == 'down' else '+'} {c.amount.text}" for c in items).lstrip("+ ")
        report_recomputed(
            ctx, total.amount, abs(computed), decimals=d,
            zh=f"各项增减额合计 {terms} = {fmt(computed, d)}{unit}，与所述{total.verb} {total.amount.text}{unit} 不符",
            en=f"the parts change by {terms} = {fmt(computed, d)} {unit}, not by the stated {fmt(stated, d)} {unit}",
            operands=[operand(c.verb, c.amount) for c in items],
        )


@rule("BL105", "count-enumeration", Severity.ERROR)
def count_enumeration(ctx) -> None:
    """所述个数与列举项数不符 — a count differs from the number of names listed after it.

    What it checks: a count with its measure word (「10个」) followed by 即, 分别为,
    分别是 or 包括 and a list of names must name that many. Items are counted at
    、; when the last one holds 和/及 it may be one item or two, and both counts
    are accepted. A list ending in 等 is only reported when it names more than
    the count.

    Why it matters: a count that its own list contradicts leaves the reader not
    knowing which units or items there are.

    Example: 「直属事业单位10个，即县国库集中支付中心、县财政信息中心、……、县经济开发区财政所。」
    names 9 units, not 10.

    Fix: correct the count or complete the list.
    """
    for e in ctx.facts.of(Enumeration):
        if e.at_least <= e.count <= e.at_most or (e.partial and e.at_least <= e.count):
            continue
        named = e.at_least if e.count < e.at_least else e.at_most
        ctx.report(e.span, zh=f"所述 {e.count}{e.unit}，其后列举了 {named} 项",
                   en=f"states {e.count} ({e.unit}), but names {named} after it",
                   evidence=Evidence(stated=f"{e.count}{e.unit}", recomputed=f"{named}{e.unit}",
                                     note="、".join(e.items)[:120], suggestion=f"{named}{e.unit}"))
