"""Named control and execution rates stated in prose, with the inputs they are computed from.

「核定编制数为52人，年末实有在职人员共52人。财政供养人员控制率为100%」: the rate
and its inputs stand in one paragraph. Each ``RateSpec`` names a rate the
way documents write it, the phrases of its inputs, and its formula;
``find_rates`` returns one ``facts.Rate`` per stated rate with whichever inputs
the paragraph states, and ``add_rates`` merges them into the document's facts
(a rate the grammar already read gets its name there: one fact per rate). Checks recompute the rate from the inputs; rubric
checks look rates up by key (the rate a row of a score table is about).

Completion rates of the 「完成预算的X%」 form are the core grammar's business;
this module names them and covers the named rates it does not read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Optional

from ..facts import Amount, Breakdown, FactSet, Num, Rate
from ..normalize import Mapped
from ..numbers import Interval

N = r"(?P<n>\d+(?:\.\d+)?)"
WAN = N + r"万元"
PEOPLE = N + r"人"
PCT = N + r"%"
_IS = r"(?:为|是|达到|达|共|:|：)?"
QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER = re.compile(r"第?([一二三四1-4])季度")


def _ratio(p):
    return p["actual"] / p["base"]


def _outside_share(p):
    return p["outside"] / (p["inside"] + p["outside"])


@dataclass(frozen=True)
class RateSpec:
    """A rate: its key, how it is named, the phrases of its inputs, and its formula (on Intervals)."""

    key: str
    name: str
    inputs: dict[str, tuple[str, ...]]
    formula: Callable[[dict], Optional[Interval]] = _ratio
    formula_zh: str = ""
    scale: Decimal = Decimal(100)
    exact: tuple[str, ...] = ()  # inputs that are definitions, not rounded figures (序时进度 25%)


SPECS: tuple[RateSpec, ...] = (
    RateSpec("财政供养人员控制率", r"财政供养人员控制率",
             {"actual": (r"(?:实有|实际)(?:在职|在编)?人(?:员|数)?(?:共|数)?" + _IS + PEOPLE,),
              "base": (r"(?:核定)?编制(?:人)?数?" + _IS + PEOPLE,)},
             formula_zh="实有人数 ÷ 编制数"),
    RateSpec("编外人员控制率", r"编外人员控制率",
             {"inside": (r"在编人员(?:共|数)?" + _IS + PEOPLE,),
              "outside": (r"编外人员(?:共|数)?" + _IS + PEOPLE,)},
             formula=_outside_share, formula_zh="编外人数 ÷（在编人数 + 编外人数）"),
    RateSpec("三公经费控制率", r"[“\"]?三公[”\"]?经费控制率",
             {"actual": (r"三公[”\"]?经费(?:财政拨款)?实际支出(?:数)?" + _IS + WAN,),
              "base": (r"三公[”\"]?经费(?:财政拨款)?预算(?:安排|数)?" + _IS + WAN,)},
             formula_zh="“三公”经费实际支出 ÷ 预算数"),
    RateSpec("日常公用经费控制率", r"日常公用经费控制率",
             {"actual": (r"日常公用经费(?:决算数|实际支出|支出)" + _IS + WAN,),
              "base": (r"日常公用经费(?:调整)?预算数?" + _IS + WAN,)},
             formula_zh="日常公用经费决算数 ÷ 预算数"),
    RateSpec("政府采购执行率", r"政府采购执行率",
             {"actual": (r"实际采购(?:金额)?" + _IS + WAN,), "base": (r"采购计划(?:金额)?" + _IS + WAN,)},
             formula_zh="实际采购金额 ÷ 采购计划金额"),
    RateSpec("固定资产利用率", r"固定资产(?:总体)?(?:利用|使用)率",
             {"actual": (r"在用(?:状态|固定资产)?(?:总额)?" + _IS + WAN,),
              "base": (r"固定资产总额" + _IS + WAN,)},
             formula_zh="在用固定资产 ÷ 固定资产总额"),
    RateSpec("项目支出预算完成率", r"项目支出(?:预算)?(?:完成|执行)率",
             {"actual": (r"(?:全年)?共支出" + WAN, r"项目支出(?:决算数?|实际支出)" + _IS + WAN),
              "base": (r"项目支出预算" + _IS + WAN,)},
             formula_zh="项目支出 ÷ 项目支出预算"),
    RateSpec("支出进度", r"支出进度",
             {"actual": (r"累计支出" + _IS + WAN,), "base": (r"总预算" + _IS + WAN,)},
             formula_zh="累计支出 ÷ 总预算"),
    RateSpec("季度执行率", r"季度(?:预算)?执行率",
             {"actual": (r"支出进度" + _IS + PCT,), "base": (r"序时进度" + _IS + PCT,)},
             formula_zh="支出进度 ÷ 序时进度", exact=("base",)),
    RateSpec("预算执行率", r"(?<!季度)(?<!平均)(?<!采购)(?<!支出)(?:总|预算|整体)执行率",
             {"actual": (r"全年支出数?" + _IS + WAN, r"(?<!预算)执行数" + _IS + WAN),
              "base": (r"(?:全年)?预算总额" + _IS + WAN, r"全年预算数?" + _IS + WAN)},
             formula_zh="全年支出 ÷ 全年预算"),
)
ADJUST = RateSpec("预算调整率", r"预算调整(?:率|比例)",
                  {"change": (r"(?:增加|调增|减少|调减)了?" + WAN, r"调整(?:金额|额)" + _IS + WAN),
                   "initial": (r"年初预算(?:数)?" + _IS + WAN,),
                   "adjusted": (r"调整为" + WAN,)}, formula_zh="调整额 ÷ 预算")
AVERAGE_NAME = r"全年平均(?:预算)?执行率"
# figures stated without inputs: a survey result may be written in 分 or in %
STATED = (("满意度", r"满意度(?:得分|调查结果)?" + _IS + r"(?P<n>\d+(?:\.\d+)?)(?:%|分)(?!以上|以下|及以上)"),)
_LIST = re.compile(r"分别为\s*((?:\d+(?:\.\d+)?%\s*[、,，和及]?\s*){2,})")


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


def _num(norm: Mapped, m: re.Match, offset: int, group: str = "n", unit: Optional[str] = None) -> Num:
    raw = m.group(group)
    s, e = offset + m.start(group), offset + m.end(group)
    if unit is None:
        tail = norm.text[e:e + 2]
        unit = "万元" if tail.startswith("万元") else "%" if tail.startswith("%") else "人" if tail.startswith("人") else None
    return Num.parse(raw, norm.span(s, e), unit)


def _nearest(norm: Mapped, para: str, offset: int, patterns: tuple[str, ...], at: int) -> Optional[Num]:
    """The input phrase closest before the rate (else the first after it) in the paragraph."""
    best = None
    for p in patterns:
        for m in _compiled(p).finditer(para):
            dist = at - m.end() if m.end() <= at else 10_000 + m.start() - at
            if best is None or dist < best[0]:
                best = (dist, m)
    return _num(norm, best[1], offset) if best else None


def _paragraphs(norm: Mapped, skip: Callable[[int], bool]):
    """The prose lines that can state a rate: every rate is written with % (a survey result also with 分)."""
    for pos, line in norm.lines:
        if ("%" in line or "分" in line) and "\t" not in line.strip() and not skip(pos):
            yield pos, line


_VALUE = _IS + r"(?P<n>\d+(?:\.\d+)?)%"
_NAME_ENDS = ("率", "进度", "比例")  # every rate's name ends with one of these (the specs and the average)
_VALUED = tuple((spec, spec.name + _VALUE) for spec in SPECS + (ADJUST,))  # each rate's name with its value
_AVERAGE_VALUED = AVERAGE_NAME + _VALUE
_CLAUSE = re.compile(r"[^。；;]+")
# alternatives that each start with a plain character: re then searches for those characters only
_RULE_WORDS = re.compile(r"得\s*\d|计\s*\d|扣\s*\d|≤|≥|<|>|≦|≧|=|以内的|以上的|标准")


def add_rates(fs: FactSet, norm: Mapped, skip: Callable[[int], bool] = lambda _: False) -> None:
    """Name the rates of ``fs`` and add the named rates the grammar did not read: one fact per stated rate.

    A named rate whose number the grammar already read (「项目支出预算完成率为95.00%」
    with the amounts of its sentence) becomes that fact's name; its regex
    inputs are kept only when the sentence's amounts do not give the rate.
    A rate the grammar read as a plain amount (「支出进度为21.27%」, 「满意度为85%」)
    that no other fact refers to becomes the rate, in the amount's place.
    """
    by_start = {f.rate.span.start: f for f in fs.of(Rate)}
    amounts = {a.value.span.start: a for a in fs.of(Amount)}
    referred: Optional[set[int]] = None  # worked out only for a rate the grammar read as an amount
    for r in find_rates(norm, skip):
        known = by_start.get(r.rate.span.start)
        if known is None:
            a = amounts.get(r.rate.span.start)
            if a is not None and referred is None:
                referred = _referred(fs)
            if a is not None and a.id not in referred:
                r.sentence = a.sentence
                fs.replace(a.id, r)
            else:
                fs.add(r)
            continue
        known.key, known.quarter, known.listed, known.text = r.key, r.quarter, r.listed, r.text
        if not known.by_amounts(fs):
            known.inputs = r.inputs


def _referred(fs: FactSet) -> set[int]:
    """Ids of the facts another fact points at (list items and totals, parts, wholes, operands)."""
    out: set[int] = set()
    for f in fs.facts:
        if isinstance(f, Breakdown):
            out.update([f.total, *f.items])
        for name in _pointers(type(f)):
            i = getattr(f, name)
            if isinstance(i, int):
                out.add(i)
    return out


_POINTERS = frozenset(("part", "whole", "current", "previous", "left", "right", "actual", "budget"))


@lru_cache(maxsize=None)
def _pointers(kind: type) -> frozenset[str]:
    """The fields of a kind of fact that may hold another fact's id."""
    return _POINTERS.intersection(kind.model_fields)


def find_rates(norm: Mapped, skip: Callable[[int], bool] = lambda _: False) -> list[Rate]:
    """Every named rate stated with a value in prose, with its inputs from the same paragraph.

    Rubric text (「控制率≤100%的，得1分」) states thresholds, not values, and is skipped.
    """
    out: list[Rate] = []
    for offset, para in _paragraphs(norm, skip):
        for clause in _CLAUSE.finditer(para):
            text, base = clause.group(), clause.start()
            if "%" not in text and "分" not in text or _RULE_WORDS.search(text):
                continue
            named = any(w in text for w in _NAME_ENDS)
            for spec, valued in _VALUED if named else ():
                for m in _compiled(valued).finditer(text):
                    at = base + m.start()
                    fact = _rate(spec.key, _num(norm, m, offset + base, unit="%"), text)
                    for name, pats in spec.inputs.items():
                        n = _nearest(norm, para, offset, pats, at)
                        if n is not None:
                            fact.inputs[name] = n
                    q = [x for x in _QUARTER.finditer(para[:at])]
                    fact.quarter = QUARTERS[q[-1].group(1)] if q else None
                    out.append(fact)
            for key, pattern in STATED:
                for m in _compiled(pattern).finditer(text):
                    out.append(_rate(key, _num(norm, m, offset + base, unit="%"), text))
            for m in _compiled(_AVERAGE_VALUED).finditer(text) if named else ():
                fact = _rate("全年平均执行率", _num(norm, m, offset + base, unit="%"), text)
                at = offset + base + m.start()
                start = max(0, at - 400)
                lists = list(_LIST.finditer(norm.text, start, at))
                if lists:
                    lst = lists[-1]
                    fact.listed = [_num(norm, x, lst.start(1), unit="%")
                                   for x in re.finditer(r"(?P<n>\d+(?:\.\d+)?)%", lst.group(1))]
                out.append(fact)
    return out


def _rate(key: str, value: Num, sentence: str) -> Rate:
    return Rate(span=value.span, text=sentence, rate=value, key=key)


def recompute(spec: RateSpec, boxes: dict[str, Interval]) -> Optional[Interval]:
    try:
        iv = spec.formula(boxes)
    except (ArithmeticError, TypeError):
        return None
    return iv.scale(spec.scale) if iv is not None else None


SPEC_BY_KEY = {s.key: s for s in SPECS + (ADJUST,)}
_SUBJECT_NAMES = [(key, pattern.split("(?P<n>")[0]) for key, pattern in  # the names, without their values
                  [("全年平均执行率", AVERAGE_NAME), *STATED, *((s.key, s.name) for s in SPECS + (ADJUST,))]]


def subjects(text: str) -> list[str]:
    """Keys of the rates a text names, in order of first mention (「“三公”经费控制率<90%的」 → 三公经费控制率)."""
    return list(_subjects(text))


@lru_cache(maxsize=4096)
def _subjects(text: str) -> tuple[str, ...]:  # asked again for every figure of a rubric, and rubrics repeat
    hits = []
    for key, name in _SUBJECT_NAMES:
        m = _compiled(name).search(text)
        if m and all(not (h[1] <= m.start() < h[2]) for h in hits):
            hits.append((key, m.start(), m.end()))
    return tuple(k for k, _, _ in sorted(hits, key=lambda h: h[1]))
