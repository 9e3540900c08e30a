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
# a clause without the spaces before it and the spaces and end marks after it: from its first character that
# is not a space to its last that is neither (a clause of spaces and marks alone is none)
_CLAUSE = re.compile(r"(?:[^,;，； \t][^,;，；]*)?[^,;，； \t。!?！？]")
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
    return "\t" in line.strip("\t ") or ("  " in line and bool(_LAYOUT.search(line.strip())))  # a gap: 2 spaces


def segment(norm: Mapped) -> list[Sentence]:
    out: list[Sentence] = []
    text = norm.text
    tables = "\t" in text or _LAYOUT.search(text) is not None  # rows no table reader claimed: most texts have none
    for para, (pos, line) in enumerate(norm.lines):
        if line.strip() and not (tables and is_table_line(line)):
            for m in _SENT.finditer(text, pos, pos + len(line)):
                sentence = m.group()
                if sentence.strip():
                    clauses = [c.span() for c in _CLAUSE.finditer(text, m.start(), m.end())]
                    out.append(Sentence(len(out), para, m.start(), m.end(), sentence, clauses))
    return out
