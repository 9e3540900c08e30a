"""Split normalised text into paragraphs, sentences and clauses, keeping offsets.

Table rows (tab-separated or laid out with column gaps) are left to the table
readers; only prose lines become sentences. Only clauses holding a digit (or a
comparison word) are handed to the grammar.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalize import Mapped

_SENT = re.compile(r"[^。!?！？\n]+[。!?！？]*")
_CLAUSE = re.compile(r"[^,;，；]+")
_LAYOUT = re.compile(r"\S {2,}\S")


@dataclass(slots=True)  # one a sentence: no per-instance dict
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int
    text: str
    clauses: list[tuple[int, int]] = field(default_factory=list)  # absolute [start, end) in normalised text
    cut: bool = False  # the text stops inside this sentence (an excerpt cut at a fixed length)


def is_table_line(line: str) -> bool:
    return "\t" in line.strip("\t ") or bool(_LAYOUT.search(line.strip()))


def segment(norm: Mapped) -> list[Sentence]:
    out: list[Sentence] = []
    pos = 0
    for para, line in enumerate(norm.text.split("\n")):
        if line.strip() and not is_table_line(line):
            for m in _SENT.finditer(line):
                s, e = pos + m.start(), pos + m.end()
                text = m.group()
                if not text.strip():
                    continue
                clauses = []
                for c in _CLAUSE.finditer(text):
                    cs, ce = c.start(), c.end()
                    while cs < ce and text[cs] in " \t":
                        cs += 1
                    while ce > cs and text[ce - 1] in " \t。!?！？":
                        ce -= 1
                    if ce > cs:
                        clauses.append((s + cs, s + ce))
                out.append(Sentence(len(out), para, s, e, text, clauses))
        pos += len(line) + 1
    return out
