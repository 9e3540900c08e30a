"""Indicator targets (年度指标值) and actual values (实际完成值): read, compare, decide.

A target is read as a comparison with a number and a unit: 「≥5家」,
「≤350万元」, 「不超过57万」, 「压缩5%以上」, 「力争达到95%以上」, 「=100%」,
「2年以上」, 「全省排名前7位」 (a rank: smaller is better). An actual is a number
with its unit, possibly a bound: 「30家」, 「350万」, 「第1位」, 「同比压缩超50%」,
「>95%」, 「5次及以上」. Qualitative targets (有效, 达到预期) are not comparable.
``judge`` says met / not met / not comparable, and how the target was read.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, Optional

from .. import vocabulary as V
from ..facts import Target
from ..lazyre import lazy_compile

_NUM = r"(?P<n>\d+(?:\.\d+)?)"
_UNIT = r"(?P<u>%|" + V.alternation(V.MONEY_UNITS) + r"|[个家次项人件条份场天年月日户所处台辆套名位小时分钟公里吨]+)?"
OPS = {**V.COMPARISON, **V.COMPARISON_SYMBOLS, **V.TARGET_WORDS}

RANK = lazy_compile(r"(?:排名)?前\s*" + _NUM + r"\s*(?:位|名)|第\s*" + _NUM.replace("n>", "r>") + r"\s*(?:位|名)")
PREFIX = lazy_compile(rf"(?P<op>{V.alternation(OPS)})\s*{_NUM}\s*{_UNIT}")
SUFFIX = lazy_compile(rf"{_NUM}\s*{_UNIT}\s*(?P<w>及以上|以上|以内|以下|及以下|内)")
PLAIN = lazy_compile(rf"{_NUM}\s*{_UNIT}")
_DATE = lazy_compile(r"\d{4}年|\d+月\d+日")
_FIGURE = lazy_compile(r"\d+(?:\.\d+)?")


@dataclass
class Reading:
    """A comparison ``value op number unit``; ``rank`` when smaller is better (第1位 beats 前7位)."""

    op: str  # >=, >, <=, <, =
    number: Decimal
    unit: str
    text: str
    rank: bool = False

    def describe(self) -> str:
        return f"{'排名' if self.rank else '完成值'} {self.op} {self.number.normalize():f}{self.unit}"


def read(text: str, actual: bool = False) -> Optional[Reading]:
    """The comparison a target (or, with ``actual``, the value or bound an actual) states.

    None when qualitative (有效, 达到预期) or when it holds several figures
    (「培训4次，安全培训2次」).
    """
    t = text.replace(" ", "").replace(",", "")
    if len(_FIGURE.findall(_DATE.sub("", t))) > 1:
        return None  # several figures (「推广率达到67%;应用率达到60%」): which one is meant is unclear
    m = RANK.search(t)
    if m:
        if m.group("n"):
            return Reading("<=", Decimal(m.group("n")), "位", text, rank=True)
        return Reading("=", Decimal(m.group("r")), "位", text, rank=True)
    m = PREFIX.search(t)
    if m:
        op = OPS[m.group("op")]
        if actual and op in ("<=", "<") and m.group("op") in ("控制在",):
            op = "="
        return Reading(op, Decimal(m.group("n")), m.group("u") or "", text)
    m = SUFFIX.search(t)
    if m:
        op = ">=" if "上" in m.group("w") else "<="
        return Reading(op, Decimal(m.group("n")), m.group("u") or "", text)
    m = PLAIN.search(t)
    if m and not _DATE.search(t):
        unit = m.group("u") or ""
        if actual:
            return Reading("=", Decimal(m.group("n")), unit, text)
        return Reading("<=" if unit in V.MONEY_UNITS else ">=", Decimal(m.group("n")), unit, text)
    return None


def _scale(r: Reading, other: Reading) -> Optional[Decimal]:
    """``r.number`` in ``other``'s unit, or None when the units cannot be compared."""
    if r.unit == other.unit or not r.unit or not other.unit:
        return r.number if (r.unit == other.unit or r.unit not in V.MONEY_UNITS and other.unit not in V.MONEY_UNITS) else None
    if r.unit in V.MONEY_UNITS and other.unit in V.MONEY_UNITS:
        return V.convert(r.number, r.unit, other.unit)
    return None


Verdict = Literal["met", "not met", "not comparable"]


def find_targets(score_tables) -> list[Target]:
    """Every indicator row with both a 年度指标值 and a 实际完成值, judged (the fact the BL55x rules read)."""
    out = []
    for n, table in enumerate(score_tables):
        for it in table.leaves():
            if it.target is None or it.actual is None:
                continue
            verdict, target, actual = judge(it.target.text, it.actual.text)
            out.append(Target(span=it.actual.span, text=it.actual.text, label=it.label, target=it.target.text,
                              actual=it.actual.text, verdict=verdict, table=n, row=it.index,
                              target_reading=target.describe() if target else "",
                              actual_reading=actual.describe() if actual else ""))
    return out


def judge(target_text: str, actual_text: str) -> tuple[Verdict, Optional[Reading], Optional[Reading]]:
    """Whether the actual meets the target (a bound actual meets it when every value it allows does)."""
    target, actual = read(target_text), read(actual_text, actual=True)
    if target is None or actual is None or target.rank != actual.rank:
        return "not comparable", target, actual
    value = _scale(actual, target)
    if value is None:
        return "not comparable", target, actual
    t = target.number
    lo_ok = {">=": value >= t, ">": value > t, "=": value == t, "<=": value <= t, "<": value < t}
    if actual.op == "=":
        return ("met" if lo_ok[target.op] else "not met"), target, actual
    # the actual is itself a bound (「超50%」, 「>95%」, 「5次及以上」)
    if actual.op in (">=", ">") and target.op in (">=", ">"):
        ok = value > t or (value == t and (actual.op == ">" or target.op == ">="))
        return ("met" if ok else "not comparable"), target, actual
    if actual.op in ("<=", "<") and target.op in ("<=", "<"):
        ok = value < t or (value == t and (actual.op == "<" or target.op == "<="))
        return ("met" if ok else "not comparable"), target, actual
    return "not comparable", target, actual
