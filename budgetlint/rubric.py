"""The rubric file: grade tiers (等次) and rate thresholds, shipped and overridable.

``budgetlint/data/rubric.toml`` ships with the package; ``Config.rubric``
names a TOML file whose top-level tables replace the shipped ones.
"""
from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Optional

from . import vocabulary as V
from .numbers import Interval
from .lazyre import lazy_compile


@lru_cache(maxsize=8)
def load_rubric(path: Optional[str] = None) -> dict:
    data = tomllib.loads(resources.files("budgetlint").joinpath("data", "rubric.toml").read_text(encoding="utf-8"))
    if path:
        with open(path, "rb") as fh:
            data.update(tomllib.load(fh))
    return data


def grade_scheme(rubric: dict, word: str) -> Optional[tuple[str, list[tuple[str, Decimal]]]]:
    """(canonical grade, [(grade, floor) …]) of the scheme that knows ``word``; None if no scheme does."""
    for scheme in rubric.get("grades", []):
        canon = scheme.get("aliases", {}).get(word, word)
        if canon in scheme["names"]:
            return canon, [(n, Decimal(str(f))) for n, f in zip(scheme["names"], scheme["floors"])]
    return None


def expected_grade(tiers: list[tuple[str, Decimal]], score: Decimal) -> str:
    for name, floor in tiers:
        if score >= floor:
            return name
    return tiers[-1][0]


OPS = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}


# ---------------------------------------------------------------------------
# 评分标准 text → the score it gives for a stated figure
#
# A rubric is cut into its numbered parts (「1. … 2. …」); each part is a tier
# table (「≥90%的，得1分；75%–90%得0.7分」), a per-point deduction (「每超过一个
# 百分点扣0.5分，扣完为止」) or a linear formula (「得分=政府采购执行率×1分」), about
# the figure it names (or the row's own indicator). A part with no rule budgetlint
# understands but a stated worth (「（1分）」) may give anything from 0 to that
# worth. The rubric's score is then an interval: the stated 得分 must lie in it.

_CMP = {**V.COMPARISON_SYMBOLS, **V.COMPARISON}
_OP = rf"(?P<op>{V.alternation(_CMP)})"
_BOUND = V.alternation(s for s, r in V.COMPARISON_SYMBOLS.items() if r != "=")
_V = r"(?P<v>\d+(?:\.\d+)?)\s*%?"
POINTS = lazy_compile(r"(?:得|计)\s*(?P<p>\d+(?:\.\d+)?)\s*分|(?P<zero>不得分|不计分)")
DOUBLE = lazy_compile(rf"(?P<a>\d+(?:\.\d+)?)\s*%?\s*(?P<op1>{_BOUND})\s*[^\d≤≦<＜≥≧>＞，,；;。]{{0,16}}?\s*"
                    rf"(?P<op2>{_BOUND})\s*(?P<b>\d+(?:\.\d+)?)\s*%")
RANGE = lazy_compile(r"(?P<a>\d+(?:\.\d+)?)\s*%?\s*(?:[（(]含[)）])?\s*[-–—~至]\s*(?P<b>\d+(?:\.\d+)?)\s*%")
SINGLE = lazy_compile(_OP + r"\s*" + _V)
ABOVE = lazy_compile(r"(?P<v>\d+(?:\.\d+)?)\s*%\s*(?:[（(]含[)）])?\s*(?P<w>以上|以下)")
DEDUCT = lazy_compile(r"(?P<dir>超过|超出|高于|低于|减少|下降|降低)\s*(?:(?P<t>\d+(?:\.\d+)?)\s*%)?\s*一个百分点[，,]?\s*"
                    r"扣\s*(?P<k>\d+(?:\.\d+)?)\s*分")
STANDARD = lazy_compile(r"以\s*(?P<t>\d+(?:\.\d+)?)\s*%\s*为标准|(?:≤|≦|<=|等于|=|≥|≧|>=)\s*(?P<t2>\d+(?:\.\d+)?)\s*%")
LINEAR = lazy_compile(r"得分\s*=\s*[(（]?\s*(?P<a>[^=×*/()（）]+?)\s*(?:/\s*(?P<b>[^=×*()（）]+?))?\s*[)）]?\s*[×*]\s*"
                    r"(?P<k>\d+(?:\.\d+)?)\s*分")
WORTH = lazy_compile(r"[（(]\s*(?P<p>\d+(?:\.\d+)?)\s*分\s*[)）]")
_PART = lazy_compile(r"(?<![\d.．])(?P<n>[1-9])\s*[.．、](?!\d)")
_MARKER = lazy_compile(r"(?<![\d.．])([1-9])\s*[.．]\s+(?=\S)")
_HTML_TAG = lazy_compile(r"</?(?:p|br|span|div|b|i|strong|em)\b[^>]*>")


@lru_cache(maxsize=1024)
def prepare(text: str) -> str:
    """Rubric cell text as the parser reads it: LaTeX and full-width folded, HTML tags dropped.

    Numbered markers become 「1、」 first, so that 「2. 90% > 利用率」 does not
    fold into the number 2.90 when spaces are removed. Kept: documents of one template print
    the same rubrics, and normalising one costs a pass of every normalisation.
    """
    from .normalize import normalize

    text = _MARKER.sub(r"\1、", text)
    return _HTML_TAG.sub(" ", normalize(text, join_lines=False, mapped=False).text)


_CLAUSE = lazy_compile(r"[^；;。\n]+")


def parts(text: str) -> list[str]:
    """The numbered parts 「1. … 2. …」 of a rubric, in order (the whole text when unnumbered)."""
    marks, want = [], 1
    for m in _PART.finditer(text):
        if int(m.group("n")) == want:
            marks.append(m.start())
            want += 1
    if len(marks) < 2:
        return [text]
    return [text[a:b] for a, b in zip(marks, marks[1:] + [len(text)])]


def _holds(op: str, v: Interval, t: Decimal) -> bool:
    """Whether ``v op t`` may hold for some value of the interval (boundaries count both ways)."""
    return {"<": v.lo < t, "<=": v.lo <= t, ">": v.hi > t, ">=": v.hi >= t, "=": v.lo <= t <= v.hi}[op]


def _flip(op: str) -> str:
    return {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "="}[op]


def _condition(clause: str, v: Interval) -> Optional[bool]:
    """Whether the clause's condition may hold for ``v``; None when the clause states no condition."""
    m = DOUBLE.search(clause)
    if m:
        a, b = Decimal(m.group("a")), Decimal(m.group("b"))
        return _holds(_flip(_CMP[m.group("op1")]), v, a) and _holds(_CMP[m.group("op2")], v, b)
    m = RANGE.search(clause)
    if m:
        a, b = Decimal(m.group("a")), Decimal(m.group("b"))
        return v.hi >= a and v.lo <= b
    m = ABOVE.search(clause)
    if m:
        return _holds(">=" if m.group("w") == "以上" else "<=", v, Decimal(m.group("v")))
    m = SINGLE.search(clause)
    if m:
        return _holds(_CMP[m.group("op")], v, Decimal(m.group("v")))
    return None


def tier_score(text: str, v: Interval) -> Optional[set[Decimal]]:
    """Points of every tier whose condition ``v`` may meet; None if the text is not a tier table."""
    tiers = []
    for c in _CLAUSE.finditer(text):
        clause = c.group()
        p = POINTS.search(clause)
        if not p:
            continue
        cond = _condition(clause[:p.start()] or clause, v)
        if cond is None:
            continue
        tiers.append((cond, Decimal(0) if p.group("zero") else Decimal(p.group("p"))))
    if len(tiers) < 2:
        return None
    return {pts for ok, pts in tiers if ok}


def deduction_score(text: str, v: Interval, full: Decimal) -> Optional[Interval]:
    """「每超过一个百分点扣0.5分，扣完为止」 from ``full`` points: proportional or per whole point."""
    m = DEDUCT.search(text)
    if not m:
        return None
    t = m.group("t")
    if t is None:
        std = [s for s in STANDARD.finditer(text[:m.start()])]
        if not std:
            return None
        t = std[-1].group("t") or std[-1].group("t2")
    t, k = Decimal(t), Decimal(m.group("k"))
    pts = POINTS.search(text[:m.start()])
    top = Decimal(pts.group("p")) if pts and pts.group("p") else full
    up = m.group("dir") in ("超过", "超出", "高于")
    lo_excess = max(Decimal(0), (v.lo - t) if up else (t - v.hi))
    hi_excess = max(Decimal(0), (v.hi - t) if up else (t - v.lo))
    best = max(Decimal(0), top - k * lo_excess.__floor__())
    worst = max(Decimal(0), top - k * hi_excess)
    return Interval(worst, best)


_QUARTER_WORD = lazy_compile(r"第?([一二三四])季度")


def _figure(text: str, lookup) -> Optional[Interval]:
    """A figure named in a formula: a literal 「序时进度 25%」 or a rate the document states."""
    lit = re.search(r"(\d+(?:\.\d+)?)\s*%", text)
    if lit:
        return Interval.exact(Decimal(lit.group(1)))
    q = _QUARTER_WORD.search(text)
    return lookup(text, "一二三四".index(q.group(1)) + 1 if q else None)


def _linear(part: str, lookup) -> Optional[Interval]:
    m = LINEAR.search(part)
    if not m:
        return None
    a = _figure(m.group("a"), lookup)
    b = _figure(m.group("b"), lookup) if m.group("b") else Interval.exact(Decimal(100))
    if a is None or b is None or b.lo <= 0:
        return None
    k = Decimal(m.group("k"))
    iv = (a / b).scale(k)
    return Interval(min(iv.lo, k), min(iv.hi, k))  # a component never earns more than its points


def rubric_score(text: str, label: str, weight: Decimal, subjects, lookup) -> Optional[tuple[Interval, str]]:
    """The interval of scores the rubric allows, and how it was read; None when it cannot be computed.

    ``subjects(text)`` lists the rate keys a text names; ``lookup(text, quarter)``
    gives the stated figure of the rate a text names.
    """
    named = subjects(text)
    if len(named) >= 2 or LINEAR.search(text):
        total, how = Interval.exact(Decimal(0)), []
        for part in parts(text):
            got = _linear(part, lookup)
            if got is None:
                got = _single(part, label, weight, subjects, lookup)
                got = got[0] if got else None
            if got is None:
                worth = WORTH.search(part)
                if worth is None:
                    return None
                got = Interval(Decimal(0), Decimal(worth.group("p")))
            total, how = total + got, how + [_span_text(got)]
        return total, " + ".join(how)
    return _single(text, label, weight, subjects, lookup)


def _single(text: str, label: str, weight: Decimal, subjects, lookup) -> Optional[tuple[Interval, str]]:
    """A tier table or a per-point deduction about one figure (named in the text, else the row's own)."""
    named = subjects(text) or subjects(label)
    if len(named) != 1:
        return None
    v = lookup(named[0], None)
    if v is None:
        return None
    tiers = tier_score(text, v)
    if tiers:
        lo, hi = min(tiers), max(tiers)
        return Interval(lo, hi), f"{named[0]} {_pct(v)} → 档次得分 {'/'.join(str(t) for t in sorted(tiers))}"
    got = deduction_score(text, v, weight)
    if got is not None:
        return got, f"{named[0]} {_pct(v)} → 按每个百分点扣分"
    return None


def _pct(v: Interval) -> str:
    return f"{v.mid.quantize(Decimal('0.01')).normalize():f}%"


def _span_text(v: Interval) -> str:
    lo, hi = (x.quantize(Decimal("0.0001")).normalize() for x in (v.lo, v.hi))
    return f"{lo:f}" if lo == hi else f"{lo:f}–{hi:f}"
