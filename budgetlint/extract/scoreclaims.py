"""Scores restated in prose: 「自评评分为93.78分，其中部门决策满分20分，得分19.9分」, 「评价等次 优」.

Prose around score tables restates the total, the 满分 and the scores of
sections, and names the 等次. pdftotext breaks such phrases over lines
(「绩效自评综合 / 得分 / 96分」), so they are read from a compact copy of the
normalised text with all whitespace removed, whose offset map still leads
back to the original characters. Text inside tables is left to the table
readers.
"""
from __future__ import annotations

import re
from typing import Callable

from ..facts import Num, ScoreClaim
from ..lazyre import lazy_compile
from ..model import Span
from ..normalize import Mapped, Squeezed

_N = r"(?P<{0}>\d+(?:\.\d+)?)"
TOTAL = re.compile(r"(?:自评评分|自评得分|自评分数|最终得分|综合得分|综合评分|总得分|评价得分|自评总分|自评结果|评分结果)"
                   r"(?:合计)?(?:为|是|:|：)?" + _N.format("s") + r"分")
FULL = re.compile(r"[,，(（]?满分(?:为)?" + _N.format("w") + r"分")
SECTION = lazy_compile(r"(?P<label>[\u4e00-\u9fff“”\"]{2,16}?)(?:满分|分值)(?:为)?" + _N.format("w") +
                     r"分[,，]?(?:自评)?得(?:分)?(?:为)?" + _N.format("s") + r"分")
GRADE = re.compile(r"(?:评价等次|绩效等次|等次|等级|评定级别|评价级别|级别|评价结果)(?:为|是|:|：)?[“\"「]?"
                   r"(?P<g>优秀|良好|不合格|合格|优|良|中|差)")
ANY_SCORE = re.compile(_N.format("s") + r"分")
_SECTION_WORD = re.compile(r"(?:满分|分值)(?=为?\d)")  # a section's 满分 or 分值, followed by its number


def _sections(text: str):
    """``SECTION.finditer(text)``, tried only where a match can start: 2 to 16 characters (its label) before a
    满分 or 分值 with its number. Scanning the whole text with the lazy label costs far more than these tries."""
    pos = 0
    for start in sorted({s for w in _SECTION_WORD.finditer(text) for s in range(w.start() - 16, w.start() - 1)}):
        if start >= pos:
            m = SECTION.match(text, start)
            if m:
                yield m
                pos = m.end()


def compact(norm: Mapped) -> Squeezed:
    return norm.without(" \t\r\n\u3000")


def _num(m: Squeezed, match: re.Match, group: str) -> Num:
    return Num.parse(match.group(group), m.span(match.start(group), match.end(group)), "分")


def find_claims(norm: Mapped, inside_table: Callable[[Span], bool]) -> list[ScoreClaim]:
    """Total, section and grade claims in prose; ``inside_table(span)`` filters out table text."""
    m = compact(norm)
    out: list[ScoreClaim] = []
    for t in TOTAL.finditer(m.text):
        start = max(m.text.rfind(p, 0, t.start()) for p in "，,。；;") + 1
        value = _num(m, t, "s")
        full = FULL.match(m.text, t.end())
        out.append(ScoreClaim(claim="total", span=value.span, value=value, context=m.text[start:t.end()],
                              weight=_num(m, full, "w") if full else None))
    for s in _sections(m.text):
        label = re.sub(r"^(其中|[,，;；])", "", s.group("label")).strip("“”\"")
        value = _num(m, s, "s")
        out.append(ScoreClaim(claim="section", span=value.span, value=value, weight=_num(m, s, "w"), label=label))
    for g in GRADE.finditer(m.text):
        sentence = max(m.text.rfind(p, 0, g.start()) for p in "。\n") + 1
        totals = [x for x in TOTAL.finditer(m.text, sentence, g.start())]
        near = [x for x in ANY_SCORE.finditer(m.text, max(sentence, g.start() - 40), g.start())]
        out.append(ScoreClaim(claim="grade", grade=g.group("g"), span=m.span(g.start("g"), g.end("g")),
                              value=_num(m, (totals or near)[-1], "s") if totals or near else None))
    return [c for c in out if not inside_table(c.span)]
