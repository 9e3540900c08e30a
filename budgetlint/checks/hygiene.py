"""BL910–BL939: document hygiene that reviewers find in published 决算 disclosures.

Template leftovers (XX, 「增长（下降）」, 「（如持平作持平表述）」), years that
contradict the report year, rates without their unit, doubled punctuation and
完成年初预算的X% where the 年初预算 is 0. The patterns are read by
extract/hygiene.py (never on table rows or the dot leaders of a table of
contents); the rules judge the ``Hygiene`` facts.
"""
from __future__ import annotations

from ..facts import Amount, Hygiene, Rate
from ..model import Evidence, Severity
from ..numbers import corners
from . import rule


def _each(ctx, what: str):
    return (h for h in ctx.facts.of(Hygiene) if h.what == what)


@rule("BL910", "template-placeholder", Severity.WARNING)
def template_placeholder(ctx) -> None:
    """模板占位符未替换 — XX / XXX / ×× left where a name or figure belongs.

    What it checks: 「收入支出总计 XXX 万元」 or 「上海市 XX 局」 is the template's placeholder.
    On a blank template this is expected: switch the rule off with
    ``--ignore BL910``.

    Why it matters: a placeholder in a published document shows the template was not filled in, and
    leaves a figure or name missing.

    Example: 「收入支出总计 XXX 万元」.

    Fix: write the figure or name.
    """
    for h in _each(ctx, "placeholder"):
        ctx.report(h.span, zh=f"模板占位符「{h.text}」未替换", en=f"template placeholder '{h.text}' left in the text",
                   evidence=Evidence(stated=h.text, suggestion="填写实际名称或数字"))


@rule("BL911", "template-alternative", Severity.WARNING)
def template_alternative(ctx) -> None:
    """模板备选用语未删除 — 「下降（增长）」「增加（减少）」「大于（小于）」.

    What it checks: the template offers both words; the author must keep the one that is
    true: 「下降（增长）27.78%」 should read 「下降 27.78%」. Before a change of
    0 (「增加（减少）0万元」) both words are true, and nothing is reported.

    Why it matters: both alternatives left in place leave the direction of the change unstated.

    Example: 「下降（增长）27.78%」.

    Fix: delete the wrong alternative.
    """
    for h in _each(ctx, "alternative"):
        ctx.report(h.span, zh=f"模板备选用语「{h.text}」未删除，应只保留「{h.words[0]}」或「{h.words[1]}」",
                   en=f"template alternative '{h.text}' left: keep one of the two words",
                   evidence=Evidence(stated=h.text, suggestion=h.words[0]))


@rule("BL912", "template-instruction", Severity.WARNING)
def template_instruction(ctx) -> None:
    """模板填写说明未删除 — 「（如持平作持平表述）」「（不涉及的不列）」「仍保留该表格式……」.

    What it checks: instructions addressed to the author were copied into the published
    text. 「（可选项）」 after an indicator of the standard 评分表 framework is the
    indicator's label, not an instruction.

    Why it matters: instructions meant for the author, published, show the document was not
    finished.

    Example: 「（如持平作持平表述）」 left after a sentence.

    Fix: delete the instruction.
    """
    for h in _each(ctx, "instruction"):
        ctx.report(h.span, zh=f"模板填写说明「{h.text}」未删除", en=f"template instruction '{h.text}' left in the text",
                   evidence=Evidence(stated=h.text, suggestion="删除"))


@rule("BL913", "year-mismatch", Severity.WARNING)
def year_mismatch(ctx) -> None:
    """年份与报告年度不符 — a heading or 截至日期 names another year than the report's.

    What it checks: in a 2024 决算, 「2023年度部门决算情况说明」 or 「截至2023年12月31日，本部门共有
    车辆……」 is a leftover of last year's text. The report year is the year the
    document names most often in 「20XX年度」.

    Why it matters: a year from another report shows text copied from last year's document and not
    updated.

    Example: 「2023年度部门决算情况说明」 as the title of a 2024 决算.

    Fix: write the report year.
    """
    year = ctx.facts.report_year
    if year is None:
        return
    for h in (h for h in ctx.facts.of(Hygiene) if h.what in ("heading_year", "until_year")):
        y = int(h.words[0])
        if y != year:
            ctx.report(h.part, zh=f"年份 {y} 与报告年度 {year} 不符", en=f"year {y} contradicts the report year {year}",
                       evidence=Evidence(stated=str(y), recomputed=str(year), suggestion=str(year)))


@rule("BL914", "previous-year-mismatch", Severity.WARNING)
def previous_year_mismatch(ctx) -> None:
    """与上年比较的年份不是上一年 — 「与2022年度相比」 in a 2024 决算.

    What it checks: year-over-year comparisons of a 决算 compare with the previous year; any
    other year is a leftover or a typo. A sentence about another year
    (「2020年度收入合计…与2019年相比」) is compared with the year before its own.

    Why it matters: a comparison with another year than the previous one is a copied leftover or a
    typo, and the change it states is not the one the reader expects.

    Example: 「与2022年度相比」 in a 2024 决算.

    Fix: write the previous year (report year − 1).
    """
    year = ctx.facts.report_year
    if year is None:
        return
    for h in _each(ctx, "previous_year"):
        y = int(h.words[0])
        if h.own_year is not None and y == h.own_year - 1:
            continue  # 「2020年度收入合计…与2019年相比」: the sentence's own year is the base
        if y not in (year - 1, year):
            ctx.report(h.part, zh=f"比较年度 {y} 不是上一年度 {year - 1}", en=f"compared year {y} is not the previous year {year - 1}",
                       evidence=Evidence(stated=str(y), recomputed=str(year - 1), suggestion=str(year - 1)))


@rule("BL915", "rate-without-unit", Severity.WARNING)
def rate_without_unit(ctx) -> None:
    """增长率缺少单位 — 「增长 13.95。」 with no % (or 万元).

    What it checks: A rate or amount without its unit cannot be read: is 13.95 a percentage
    or 万元?

    Why it matters: a figure without its unit can be read as a percentage or as an amount; the
    reader cannot tell which.

    Example: 「比上年增长 13.95。」

    Fix: add the unit (「增长 13.95%」).
    """
    for h in _each(ctx, "bare_rate"):
        word, number = h.words
        ctx.report(h.part, zh=f"「{word}{number}」缺少单位（%或万元）", en=f"'{number}' after {word} has no unit (% or 万元)",
                   evidence=Evidence(stated=number, suggestion=f"{number}%"))


@rule("BL916", "doubled-punctuation", Severity.WARNING)
def doubled_punctuation(ctx) -> None:
    """标点重复 — 「。。」「，，」.

    What it checks: the same punctuation mark written twice in a row in prose (「。。」「，，」「、、」),
    outside table rows and the dot leaders of a table of contents.

    Why it matters: doubled punctuation is a typing slip that makes a published document look
    unchecked.

    Example: 「支出决算为379.03万元。。」

    Fix: delete one of the two marks.
    """
    for h in _each(ctx, "doubled"):
        ctx.report(h.span, zh=f"标点重复「{h.text}」", en=f"doubled punctuation '{h.text}'",
                   evidence=Evidence(stated=h.text, suggestion=h.words[0]))


@rule("BL917", "completion-of-zero-budget", Severity.ERROR)
def completion_of_zero_budget(ctx) -> None:
    """年初预算为0却写完成年初预算的X% — the base of the rate is zero.

    What it checks: 「年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，完成年初
    预算的 95.89%」: a rate of a zero budget is undefined; the 95.89% is
    307.82 / 321.02, the 全年预算.

    Why it matters: a rate of a zero budget is undefined; the figure written is a rate of another
    base and misleads the reader about which.

    Example: 「年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%」.

    Fix: write 「完成全年预算的 95.89%」.
    """
    rates = [c for c in ctx.facts.of(Rate) if "年初" in c.base_label]
    if not rates:
        return  # most documents: the amounts are not gathered at all
    by_sentence: dict[int, list[Amount]] = {}
    for a in ctx.facts.of(Amount):
        if a.value.is_money:
            by_sentence.setdefault(a.sentence, []).append(a)
    for c in rates:
        before = [a for a in by_sentence.get(c.sentence, []) if a.value.span.start < c.rate.span.start]
        zero = next((a for a in before if a.role == "budget_initial" and a.value.value == 0), None)
        if zero is None:
            continue
        same = [a for a in before if a.value.value != 0]
        actual = next((a for a in reversed(same) if a.role == "actual"), None)
        note, suggestion = None, None
        for b in (a for a in same if a is not actual and actual is not None):
            iv = corners(lambda x, y: x / y * 100, ctx.interval(actual.value), ctx.interval(b.value))
            if iv is not None and iv.overlaps(ctx.interval(c.rate)):
                note = f"{c.rate.text}% = {actual.value.text} / {b.value.text}"
                suggestion = f"完成{'全年预算' if '全年' in b.subject else '预算'}的{c.rate.text}%"
                break
        ctx.report(c.rate.span, zh=f"年初预算为 0，「完成年初预算的{c.rate.text}%」无从计算" + (f"；该比率是 {note}" if note else ""),
                   en="the 年初预算 is 0: a completion rate of it is undefined" + (f"; the rate is {note}" if note else ""),
                   evidence=Evidence(stated=f"{c.rate.text}%", note=note, suggestion=suggestion), related=[zero.value.span])
