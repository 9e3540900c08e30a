"""Header words of the standard tables: what a label or a column header says a cell holds.

One place for the words the table readers rebuild rows from: the titles of
the nine 决算 tables, the column headers of score tables (分值, 得分, 一级指标 …,
年初预算数 … 执行率), the indicator categories of the 项目支出绩效自评表, the
items of the 三公 tables (and the rows printed under them that are not part
of their 合计), the label columns (项目, 科目 …) and the value columns of the
决算, 预算 and 三公 tables (预算数, 决算数, 上年, 本年, 增减额, 增减率 …). The
words of prose statements are in ``budgetlint.vocabulary``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from ..lazyre import lazy_compile

# (kind, title as written once spaces and quotes are removed), most specific first.
KINDS: list[tuple[str, str]] = [
    ("fiscal_summary", "财政拨款收入支出决算总表"),
    ("summary", "收入支出决算总表"),
    ("gpb_basic", "一般公共预算财政拨款基本支出决算表"),
    ("gpb_expenditure", "一般公共预算财政拨款支出决算明细表"),
    ("gpb_expenditure", "一般公共预算财政拨款支出决算表"),
    ("gov_fund", "政府性基金预算财政拨款收入支出决算表"),
    ("gov_fund", "政府性基金预算财政拨款支出决算表"),
    ("soe_capital", "国有资本经营预算财政拨款收入支出决算表"),
    ("soe_capital", "国有资本经营预算财政拨款支出决算表"),
    ("three_public", "三公经费支出决算表"),
    ("office_running", "机关运行经费支出决算表"),
    ("office_running", "机关运行经费"),
    ("procurement", "政府采购支出决算表"),
    ("procurement", "政府采购情况表"),
    ("income", "收入决算表"),
    ("expenditure", "支出决算表"),
]
NAMES = {
    "summary": "收入支出决算总表", "income": "收入决算表", "expenditure": "支出决算表",
    "fiscal_summary": "财政拨款收入支出决算总表", "gpb_expenditure": "一般公共预算财政拨款支出决算表",
    "gpb_basic": "一般公共预算财政拨款基本支出决算表", "gov_fund": "政府性基金预算财政拨款收入支出决算表",
    "soe_capital": "国有资本经营预算财政拨款收入支出决算表", "three_public": "财政拨款“三公”经费支出决算表",
    "office_running": "机关运行经费支出决算表", "procurement": "政府采购支出决算表",
}
# The nine tables every complete 部门决算 disclosure must publish.
REQUIRED = ["summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic",
            "three_public", "gov_fund", "soe_capital"]

# first match wins: 评分标准 before 得分/评分, 指标分值 before 指标
MEANINGS: list[tuple[str, re.Pattern]] = [(m, lazy_compile(p)) for m, p in [
    ("rubric", r"评分标准|计分标准|评分规则|评分办法|评分细则"),
    ("deviation", r"偏差原因"),
    ("note", r"扣分原因|其他说明|备注"),
    ("desc", r"指标解释|指标说明|指标内涵|^说明$"),
    ("budget_initial", r"年初预算"),
    ("budget", r"全年预算|调整后预算"),
    ("executed", r"全年执行|预算执行数|执行数"),
    ("rate", r"执行率"),
    ("target", r"年度指标值|^指标值|目标值|预期目标|预期指标值"),
    ("actual", r"实际完成值|^完成值|实际值|实际完成情况|实际完成指标值"),
    ("weight", r"分值|权重|满分"),
    ("score", r"得分|打分|自评分|^评分$"),
    ("name1", r"一级指标"),
    ("name2", r"二级指标"),
    ("name3", r"三级指标"),
    ("name", r"^(?:指标)?名称$|^(?:绩效|评价)?指标$|项目资金|^年度总体目标$"),
]]

_SQUASH = lazy_compile(r"[\s“”\"'‘’「」、]")
_NUMBERING = lazy_compile(r"^(?:其中[:：]?)?(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d))*")
_OTHER = lazy_compile(r"会议|培训|团组|人数|人次|批次|辆|保有量|购置数|统计数|行次|栏次")

# the label and header words below are asked of the same short cell texts again and again (each
# reader, each row rebuilt, the 三公 reader): their answers are kept, a bounded number of them
word_cache = lru_cache(maxsize=4096)

# 三公 items, in the order of the national template; cars = buy + run, total = abroad + cars + reception
THREE_ITEMS = ("total", "abroad", "cars", "buy", "run", "reception")
THREE_ZH = {"total": "合计", "abroad": "因公出国（境）费", "cars": "公务用车购置及运行维护费",
            "buy": "公务用车购置费", "run": "公务用车运行维护费", "reception": "公务接待费",
            "subtotal": "小计"}

LABEL_HEAD = lazy_compile(r"^(?:三公经费)?(?:支出)?(?:项目|科目)(?:名称)?$")
# (role, pattern) of a value column's header, first match wins; 'band' heads a group of columns below it
VALUE_WORDS: list[tuple[str, re.Pattern]] = [(r, lazy_compile(p)) for r, p in [
    ("rate", r"增减率|增减幅度|增减比例|增长率|变动率|增幅|降幅|增减%|百分比"),
    ("change", r"增减额|增减金额|增减数|增加额|减少额|^增减$|^决算对比$"),
    ("band", r"增减情况|增减变化|比较|对比"),
    ("budget", r"预算"),
    ("actual", r"决算|执行数|实际支出|支出数|实际数"),
]]
_WHEN = [("prev", lazy_compile(r"上年|去年|上一年")), ("cur", lazy_compile(r"本年|当年|今年"))]
_NOT_APPLICABLE = lazy_compile(r"不需填列|不适用|无此项|^无$")


def squash(text: str) -> str:
    return _SQUASH.sub("", text or "")


@word_cache
def three_item(text: str) -> Optional[str]:
    """The 三公 item a row or column label names: total, abroad, cars, buy, run, reception, subtotal, other.

    「其中:(1)公务用车运行维护费」 → run; 「一、“三公”经费合计」 → total;
    「二、会议费」 → other (printed under the table, not part of its 合计).
    """
    t = squash(text)
    if not t or len(t) > 24 or re.search(r"\d{2,}|\d\.\d", _NUMBERING.sub("", t)):
        return None
    t = re.sub(r"[()（）]", "", _NUMBERING.sub("", t))
    if _OTHER.search(t):
        return "other"
    if re.search(r"合计|总计", t) or t in ("三公经费", "三公经费支出"):
        return "total"
    if t == "小计":
        return "subtotal"
    if "出国" in t:
        return "abroad"
    if "接待" in t:
        return "reception"
    if "用车" in t or "车辆" in t:
        if "购置" in t and "运行" in t:
            return "cars"
        if "购置" in t:
            return "buy"
        if "运行" in t or "维护" in t:
            return "run"
        return "cars"
    return None


@word_cache
def is_label_head(text: str) -> bool:
    """项目, 科目名称, “三公”经费项目 …: the header of a table's label column."""
    return bool(LABEL_HEAD.match(squash(text)))


@word_cache
def value_role(text: str) -> Optional[str]:
    """What a value column's header says it holds: budget, actual, change, rate or band (None: not a header)."""
    t = squash(text)
    if not t or len(t) > 20 or re.search(r"\d+(?:\.\d+)?(?:万元|元)?$", t) and not re.search(r"年", t):
        return None
    for role, pat in VALUE_WORDS:
        if pat.search(t):
            return role
    return None


def when_of(text: str) -> Optional[str]:
    """prev, cur, a year (「2015年度预算数」 → '2015') or None."""
    t = squash(text)
    for name, pat in _WHEN:
        if pat.search(t):
            return name
    m = re.search(r"(20\d\d)", t)
    return m.group(1) if m else None


@word_cache
def not_applicable(text: str) -> bool:
    """「单位不需填列」, 「不适用」: a value cell that holds no amount."""
    return bool(_NOT_APPLICABLE.search(squash(text)))


# indicator categories of the 项目支出绩效自评表 (一级 and 二级 指标 of the national template)
CATEGORY = lazy_compile(r"^(?:产出|效益|满意度|成本|数量|质量|时效|经济效益|社会效益|生态效益|环境效益|可持续影响|"
                      r"服务对象满意度|社会公众满意度|经济成本|社会成本|生态环境成本)指标$")
# rows of the 项目资金 block: 年度资金总额 and its sources
FUND_LABEL = lazy_compile(r"资金总额|财政拨款|当年|上年结转|其他资金|结转结余|^其中|合计|小计|自筹|上级")


def is_category(text: str) -> bool:
    """产出指标, 数量指标, 经济效益指标 …: an 一级 or 二级 indicator the template names."""
    return bool(CATEGORY.match(squash(text)))


# which block of the 项目支出绩效自评表 holds which, by the template's names: the indicator block
# (年度绩效目标 / 年度绩效指标) holds the 一级指标, each 一级指标 its 二级指标 (成本指标 is an 一级指标
# in the newer template, with 经济/社会/生态环境成本指标 under it, an 二级指标 of 产出指标 in the older)
INDICATOR_BLOCK = lazy_compile(r"(?:年度)?绩效(?:目标|指标)$")
BUDGET_BLOCK = lazy_compile(r"预算执行(?:情况|率)?$")
FIRST_LEVEL = {"产出指标", "效益指标", "满意度指标", "成本指标"}
SECOND_LEVEL = {"数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标",
                "经济效益指标": "效益指标", "社会效益指标": "效益指标", "生态效益指标": "效益指标",
                "环境效益指标": "效益指标", "可持续影响指标": "效益指标", "服务对象满意度指标": "满意度指标",
                "社会公众满意度指标": "满意度指标", "经济成本指标": "成本指标", "社会成本指标": "成本指标",
                "生态环境成本指标": "成本指标"}
