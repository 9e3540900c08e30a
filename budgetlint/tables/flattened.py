"""Score sections of a score table flattened onto one line: labels written with their 分值.

A table flattened onto one line loses which value belongs to which row, but a
label written with its own 分值 in brackets keeps it (「产出指标 (60 分)」,
「年度 绩效 目标 (80 分)」, the spaces left by the PDF line breaks). The
template's names say which block holds which (``vocabulary.SECOND_LEVEL``):
the indicator block 年度绩效目标 holds the 一级指标, 产出指标 its 数量/质量/时效
指标 …, so the sections are rebuilt whatever order the flattening left them
in; labels the template does not name (an 整体评分表's 「部门决策(25分)」,
whose parent only a column would tell) are left out. Cells may have been
dropped on the way, so the table's layout is ``flattened`` and its sections
are only checked for parts that exceed them.
"""
from __future__ import annotations

from typing import Optional

from ..facts import Num
from ..lazyre import lazy_compile
from ..model import Span
from .scores import ScoreItem, ScoreTable
from .vocabulary import BUDGET_BLOCK, FIRST_LEVEL, INDICATOR_BLOCK, SECOND_LEVEL

# a run of CJK words (spaces inside, a 「(万元)」 unit bracket allowed), then 「(N 分)」
_LABELLED = lazy_compile(r"(?P<name>[\u4e00-\u9fff][\u4e00-\u9fff ]*(?:[（(]\s*万?元\s*[)）]\s*)?)"
                          r"[（(]\s*(?P<num>\d+(?:\.\d+)?)\s*分\s*[)）]")
_UNIT = lazy_compile(r"[（(]\s*万?元\s*[)）]\s*$")
_NAMES = lazy_compile("(?:" + "|".join(sorted({*FIRST_LEVEL, *SECOND_LEVEL}, key=len, reverse=True)) + ")$")


def _template_name(raw: str, start: int) -> tuple[Optional[str], str, Optional[Span]]:
    """The template name that ends the run of words before a bracketed 分值: its key, the name, its span."""
    raw = _UNIT.sub("", raw).rstrip()
    squashed = raw.replace(" ", "")
    m = BUDGET_BLOCK.search(squashed) or INDICATOR_BLOCK.search(squashed) or _NAMES.search(squashed)
    if m is None or not squashed:
        return None, "", None
    need, k = len(squashed) - m.start(), len(raw)  # walk back over as many non-space characters
    while need:
        k -= 1
        need -= raw[k] != " "
    name = m.group()
    key = "budget" if BUDGET_BLOCK.search(name) else "block" if INDICATOR_BLOCK.search(name) else name
    return key, name, Span(start=start + k, end=start + len(raw))


def _parent(key: str) -> Optional[str]:
    return "block" if key in FIRST_LEVEL else SECOND_LEVEL.get(key)


def flattened_sections(text: str, start: int) -> Optional[ScoreTable]:
    """The sections of a flattened score table (``text`` is its line, at ``start`` in the document):
    None unless some section holds another, or when a name comes twice (which is which is unclear)."""
    found: dict[str, ScoreItem] = {}
    # 成本指标 is an 一级指标 where 经济/社会/生态环境成本指标 are named, an 二级指标 of 产出指标 in the
    # older template: where the line names none of them, which it is is unclear and it is left out
    cost_first = any(k in text.replace(" ", "") for k, v in SECOND_LEVEL.items() if v == "成本指标")
    for m in _LABELLED.finditer(text):
        key, name, span = _template_name(m.group("name"), start + m.start("name"))
        if key is None or (key == "成本指标" and not cost_first):
            continue
        if key in found:
            return None
        s = start + m.start("num")
        found[key] = ScoreItem(index=len(found), kind="section", label=name, label_span=span,
                               weight=Num.parse(m.group("num"), Span(start=s, end=s + len(m.group("num"))), "分"))
    heads = {k: _parent(k) for k in found}
    if not any(p in found for p in heads.values()):
        return None
    for k, it in found.items():
        p = heads[k]
        it.parent = found[p].index if p in found else None
        it.level = 0 if p is None else 1 if p == "block" else 2
    return ScoreTable(layout="flattened", items=list(found.values()), partial=True)
