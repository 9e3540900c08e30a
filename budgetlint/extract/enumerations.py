"""Counts followed by the list of what they count: 「直属事业单位10个，即A、B、…、I。」.

The count is a whole number with a measure word (个, 家, 项, 所, 名, 人 …); the
list follows an introducer (即, 分别为, 分别是, 包括) and runs to the end of the
clause group (。 or ；). Items are separated by 、 (and the last by 和/及); an
item may itself contain 和, so both readings are kept. A list ending in 等
names only some of them.
"""
from __future__ import annotations

import re

from ..facts import Enumeration
from ..normalize import Mapped
from ..segment import Sentence

_ENUM = re.compile(r"(?P<n>\d{1,3})(?P<unit>个|家|项|所|名|人|位|类)(?!次)[^\d,，;；。:：、()（）]{0,10}?[,，]?\s*"
                   r"(?:即|分别为|分别是|(?<!不)包括)[:：]?(?P<list>[^\d;；。]+)")
_LAST = re.compile(r"(?:和|及|以及)")


def find_enumerations(norm: Mapped, sentences: list[Sentence]) -> list[Enumeration]:
    out = []
    for s in sentences:
        if "即" not in s.text and "分别" not in s.text and "包括" not in s.text:
            continue  # no introducer (即, 分别为/是, 包括), no list: the pattern is not tried at every digit
        for m in _ENUM.finditer(s.text):
            body = m.group("list").strip(" ,，")
            partial = body.endswith(("等", "等等")) or "等" in body[-4:]
            parts = [p for p in re.split(r"[、,，]", body.rstrip("等")) if p.strip()]
            if len(parts) < 2 or any(len(p) > 30 for p in parts) or (s.cut and m.end() >= len(s.text.rstrip("。"))):
                continue  # not a list of names, or cut off by the end of an excerpt
            joined = len(parts) + len(_LAST.findall(parts[-1]))
            start = s.start + m.start("n")
            out.append(Enumeration(span=norm.span(start, start + len(m.group("n")) + len(m.group("unit"))),
                                   sentence=s.index, text=m.group()[:80], count=int(m.group("n")),
                                   unit=m.group("unit"), items=[p.strip() for p in parts],
                                   at_least=len(parts), at_most=joined, partial=partial))
    return out
