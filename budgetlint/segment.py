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
# a clause without the spaces around it: a sentence's end marks end its last clause, so clauses are found in a
# whole line at once and handed to the sentences they lie in
_CLAUSE = re.compile(r"[^,;，；。!?！？ \t](?:[^,;，；。!?！？]*[^,;，；。!?！？ \t])?")
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
            clauses = [c.span() for c in _CLAUSE.finditer(text, pos, pos + len(line))]
            k = 0
            for m in _SENT.finditer(text, pos, pos + len(line)):
                first = k
                while k < len(clauses) and clauses[k][0] < m.end():
                    k += 1
                sentence = m.group()
                if sentence.strip():
                    out.append(Sentence(len(out), para, m.start(), m.end(), sentence, clauses[first:k]))
    return out
