"""BL910–BL939: document hygiene that reviewers find in published 决算 disclosures.

Template leftovers (XX, 「增长（下降）」, 「（如持平作持平表述）」), years that
contradict the report year, rates without their unit, doubled punctuation and
完成年初预算的X% where the 年初预算 is 0. Each is a plain pattern over the
text; none of them fires on table rows or on the dot leaders of a table of
contents.
"""
from __future__ import annotations

import re
from ..facts import Amount, Completion
from ..model import Evidence, Severity, Span
from ..numbers import corners
from . import rule
from .narrative import report_year

_PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:[Xx]{2,}|[×✕]{2,}|[*＊]{3,})(?![A-Za-z])")
_ALTERNATIVE = re.compile(r"(增加|减少|增长|下降|上升|降低|大于|小于|高于|低于)\s*[(（]\s*(增加|减少|增长|下降|上升|降低|大于|小于|高于|低于)\s*[)）]")
_INSTRUCTION = re.compile(
    r"[(（【][^()（）【】\n]{0,30}(?:如持平|如无|如有|不涉及的?不列|请填|请根据|填写|此处|根据实际|按实际情况|可选(?!项)|删除)[^()（）【】\n]{0,30}[)）】]"
    r"|仍保留该表格式[^。\n]*|并在本表下方作下述说明")
_ZERO = re.compile(r"\s*(?:为\s*)?0(?:\.0*)?(?![\d.])")
_TOC = re.compile(r"(?:\.{4,}|…{2,}|·{4,}|-{4,})\s*\d*\s*$")


def _lines(text: str):
    """(start offset, line) for every prose line: table rows (tabs) and table-of-contents lines skipped."""
    pos = 0
    for line in text.split("\n"):
        if "\t" not in line.strip() and not _TOC.search(line):
            yield pos, line
        pos += len(line) + 1


def _each(ctx, pattern: re.Pattern):
    for start, line in _lines(ctx.doc.text):
        for m in pattern.finditer(line):
            yield Span(start=start + m.start(), end=start + m.end()), m


@rule("BL910", "template-placeholder", Severity.WARNING)
def template_placeholder(ctx) -> None:
    """模板占位符未替换 — XX / XXX / ×× left where a name or figure belongs.

    「收入支出总计 XXX 万元」 or 「上海市 XX 局」 is the template's placeholder.
    On a blank template this is expected: switch the rule off with
    ``--ignore BL910``.

    Fix: write the figure or name.
    """
    for span, m in _each(ctx, _PLACEHOLDER):
        before = ctx.doc.text[ctx.doc.text.rfind("\n", 0, span.start) + 1:span.start]
        if before.count("“") > before.count("”"):
            continue  # quoted: the text mentions the template's wording, as in 「未描述“完成年初预算的XX%”」
        ctx.report(span, zh=f"模板占位符「{m.group()}」未替换", en=f"template placeholder '{m.group()}' left in the text",
                   evidence=Evidence(stated=m.group(), suggestion="填写实际名称或数字"))


@rule("BL911", "template-alternative", Severity.WARNING)
def template_alternative(ctx) -> None:
    """模板备选用语未删除 — 「下降（增长）」「增加（减少）」「大于（小于）」.

    The template offers both words; the author must keep the one that is
    true: 「下降（增长）27.78%」 should read 「下降 27.78%」. Before a change of
    0 (「增加（减少）0万元」) both words are true, and nothing is reported.

    Fix: delete the wrong alternative.
    """
    for span, m in _each(ctx, _ALTERNATIVE):
        if _ZERO.match(ctx.doc.text, span.end):
            continue
        ctx.report(span, zh=f"模板备选用语「{m.group()}」未删除，应只保留「{m.group(1)}」或「{m.group(2)}」",
                   en=f"template alternative '{m.group()}' left: keep one of the two words",
                   evidence=Evidence(stated=m.group(), suggestion=m.group(1)))


@rule("BL912", "template-instruction", Severity.WARNING)
def template_instruction(ctx) -> None:
    """模板填写说明未删除 — 「（如持平作持平表述）」「（不涉及的不列）」「仍保留该表格式……」.

    Instructions addressed to the author were copied into the published
    text. 「（可选项）」 after an indicator of the standard 评分表 framework is the
    indicator's label, not an instruction.

    Fix: delete the instruction.
    """
    for span, m in _each(ctx, _INSTRUCTION):
        ctx.report(span, zh=f"模板填写说明「{m.group()}」未删除", en=f"template instruction '{m.group()}' left in the text",
                   evidence=Evidence(stated=m.group(), suggestion="删除"))


_HEADING_YEAR = re.compile(r"(20\d\d)\s*年度?\s*(?:部门|单位)?\s*决算")
_UNTIL = re.compile(r"截[至止]\s*(20\d\d)\s*年\s*12\s*月\s*31\s*日")
_PREVIOUS = re.compile(r"(?:与|较|比|同)\s*(?:上年度?|上一年度?)?\s*[(（]?\s*(20\d\d)\s*年度?\s*[)）]?\s*(?:相比|比较|对比|同期|决算|增|减|持平|[,，])")


def _is_heading(text: str, offset: int) -> bool:
    """A short line of its own, not a sentence: a title or section heading."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start:end if end >= 0 else len(text)].strip()
    return len(line) <= 40 and not line.endswith(("。", "；", "，"))


@rule("BL913", "year-mismatch", Severity.WARNING)
def year_mismatch(ctx) -> None:
    """年份与报告年度不符 — a heading or 截至日期 names another year than the report's.

    In a 2024 决算, 「2023年度部门决算情况说明」 or 「截至2023年12月31日，本部门共有
    车辆……」 is a leftover of last year's text. The report year is the year the
    document names most often in 「20XX年度」.

    Fix: write the report year.
    """
    year = report_year(ctx.doc.text)
    if year is None:
        return
    for pattern in (_HEADING_YEAR, _UNTIL):
        for span, m in _each(ctx, pattern):
            y = int(m.group(1))
            if pattern is _HEADING_YEAR and not _is_heading(ctx.doc.text, span.start):
                continue  # 「公开了2020年度决算信息」 in running text names another year on purpose
            if y != year:
                s = Span(start=span.start + m.start(1) - m.start(), end=span.start + m.end(1) - m.start())
                ctx.report(s, zh=f"年份 {y} 与报告年度 {year} 不符", en=f"year {y} contradicts the report year {year}",
                           evidence=Evidence(stated=str(y), recomputed=str(year), suggestion=str(year)))


@rule("BL914", "previous-year-mismatch", Severity.WARNING)
def previous_year_mismatch(ctx) -> None:
    """与上年比较的年份不是上一年 — 「与2022年度相比」 in a 2024 决算.

    Year-over-year comparisons of a 决算 compare with the previous year; any
    other year is a leftover or a typo. A sentence about another year
    (「2020年度收入合计…与2019年相比」) is compared with the year before its own.

    Fix: write the previous year (report year − 1).
    """
    year = report_year(ctx.doc.text)
    if year is None:
        return
    for span, m in _each(ctx, _PREVIOUS):
        y = int(m.group(1))
        own = re.findall(r"(20\d\d)年", ctx.doc.text[span.start - m.start():span.start])
        if own and y == int(own[-1]) - 1:
            continue  # 「2020年度收入合计…与2019年相比」: the sentence's own year is the base
        if y not in (year - 1, year):
            s = Span(start=span.start + m.start(1) - m.start(), end=span.start + m.end(1) - m.start())
            ctx.report(s, zh=f"比较年度 {y} 不是上一年度 {year - 1}", en=f"compared year {y} is not the previous year {year - 1}",
                       evidence=Evidence(stated=str(y), recomputed=str(year - 1), suggestion=str(year - 1)))


_BARE_RATE = re.compile(r"(增长|下降|增加|减少|上升|降低|提高|占|完成[^，。；]{0,8}的)\s*(\d+\.\d+)\s*(?=[。，；,;])")


@rule("BL915", "rate-without-unit", Severity.WARNING)
def rate_without_unit(ctx) -> None:
    """增长率缺少单位 — 「增长 13.95。」 with no % (or 万元).

    A rate or amount without its unit cannot be read: is 13.95 a percentage
    or 万元?

    Fix: add the unit (「增长 13.95%」).
    """
    for span, m in _each(ctx, _BARE_RATE):
        s = Span(start=span.start + m.start(2) - m.start(), end=span.start + m.end(2) - m.start())
        ctx.report(s, zh=f"「{m.group(1)}{m.group(2)}」缺少单位（%或万元）", en=f"'{m.group(2)}' after {m.group(1)} has no unit (% or 万元)",
                   evidence=Evidence(stated=m.group(2), suggestion=f"{m.group(2)}%"))


_DOUBLE = re.compile(r"(?<![。，、；：！？,;])([。，、；：！？,;])\1(?![。，、；：！？,;])")


@rule("BL916", "doubled-punctuation", Severity.WARNING)
def doubled_punctuation(ctx) -> None:
    """标点重复 — 「。。」「，，」.

    Fix: delete one.
    """
    for span, m in _each(ctx, _DOUBLE):
        ctx.report(span, zh=f"标点重复「{m.group()}」", en=f"doubled punctuation '{m.group()}'",
                   evidence=Evidence(stated=m.group(), suggestion=m.group(1)))


_ZERO_BUDGET = re.compile(r"年初预算(?:数)?(?:为|是)?\s*(0(?:\.0+)?)\s*(?:万元|元|亿元)")


@rule("BL917", "completion-of-zero-budget", Severity.ERROR)
def completion_of_zero_budget(ctx) -> None:
    """年初预算为0却写完成年初预算的X% — the base of the rate is zero.

    「年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，完成年初
    预算的 95.89%」: a rate of a zero budget is undefined; the 95.89% is
    307.82 / 321.02, the 全年预算.

    Fix: write 「完成全年预算的 95.89%」.
    """
    amounts = [a for a in ctx.facts.of(Amount) if a.value.is_money]
    text = ctx.doc.text
    for c in ctx.facts.of(Completion):
        if "年初" not in c.base_label:
            continue
        start = max(text.rfind("。", 0, c.rate.span.start) + 1, c.rate.span.start - 300)
        window = text[start:c.rate.span.start]
        z = _ZERO_BUDGET.search(window)
        if not z:
            continue
        zero = Span(start=start + z.start(1), end=start + z.end(1))
        same = [a for a in amounts if start <= a.value.span.start < c.rate.span.start and a.value.value != 0]
        actual = next((a for a in reversed(same) if a.role == "actual"), None)
        note, suggestion = None, None
        for b in (a for a in same if a is not actual and actual is not None):
            iv = corners(lambda x, y: x / y * 100, ctx.interval(actual.value), ctx.interval(b.value))
            if iv is not None and iv.overlaps(ctx.interval(c.rate)):
                note = f"{c.rate.text}% = {actual.value.text} / {b.value.text}"
                base = "全年预算" if "全年" in text[max(start, b.value.span.start - 12):b.value.span.start] else "预算"
                suggestion = f"完成{base}的{c.rate.text}%"
                break
        ctx.report(c.rate.span, zh=f"年初预算为 0，「完成年初预算的{c.rate.text}%」无从计算" + (f"；该比率是 {note}" if note else ""),
                   en="the 年初预算 is 0: a completion rate of it is undefined" + (f"; the rate is {note}" if note else ""),
                   evidence=Evidence(stated=f"{c.rate.text}%", note=note, suggestion=suggestion), related=[zero])
