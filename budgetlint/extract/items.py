"""「X（类）Y（款）Z（项）」: the functional-classification items the prose names.

「1、一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）：支出决算为
449.52万元」 names the 项 row of the 一般公共预算财政拨款支出决算表 an amount
after it belongs to. An item names the amounts that follow it until the
next numbered heading, within ``REACH`` characters.
"""
from __future__ import annotations

import re

from ..facts import ClassItem
from ..lazyre import lazy_compile
from ..normalize import Mapped
from ..tables.final_accounts import plain

REACH = 300
_NAME = r"(?:[^\s，。；：、,;:()（）]|[(（](?![类款项][)）])[^()（）\n]{1,4}[)）])+?"
_ITEM = lazy_compile(rf"({_NAME})\s*[(（]类[)）]\s*({_NAME})\s*[(（]款[)）]\s*({_NAME})\s*[(（]项[)）]")
_CLASS = re.compile(r"类(?<=[(（]类)[)）]")  # 「（类）」 from its 类 (a normalised text is full of brackets); starts after 「（」
_HEADING = re.compile(r"\n\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")


def _items(text: str):
    """``_ITEM.finditer(text)``, tried only where an item can start: every item holds a 「（类）」, and its
    first name runs back from it, on its line, never over another 「（类）」 (its brackets hold no 类).
    Scanning the whole text with the lazy names costs far more than these few tries."""
    pos = 0
    for c in _CLASS.finditer(text):
        at = c.start() - 1
        if at < pos:
            continue
        start = at
        while start > pos and text[start - 1].isspace():
            start -= 1
        start = max(pos, text.rfind("\n", 0, start) + 1)
        m = next(filter(None, (_ITEM.match(text, k) for k in range(start, at))), None)
        if m is not None:
            yield m
        pos = m.end() if m is not None else at + 1


def find_items(norm: Mapped, source: str) -> list[ClassItem]:
    """Every 「X（类）Y（款）Z（项）」 of the normalised text, with how far after it it applies in ``source``."""
    out = []
    for m in _items(norm.text):
        span = norm.span(m.start(), m.end())
        heading = _HEADING.search(source, span.end, span.end + REACH)
        out.append(ClassItem(span=span, text=m.group(), names=[plain(g) for g in m.groups()],
                             reach=heading.start() if heading else span.end + REACH))
    return out
