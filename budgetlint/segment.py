"""Split normalised text into paragraphs, sentences and clauses, keeping offsets.

Table rows (tab-separated or laid out with column gaps) are left to the table
readers; only prose lines become sentences. Only clauses holding a digit (or a
comparison word) are handed to the grammar.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .normalize import Mapped

_SENT = re.compile(r"[^。!?！？\n]+[。!?！？]*")  # never crosses a line break: a line's sentences
# a clause without the spaces around it, within a line: a sentence's end marks end its last clause, so
# clauses are found in the whole text at once and handed to the sentences they lie in
_CLAUSE = re.compile(r"[^,;，；。!?！？ \t\n](?:[^,;，；。!?！？\n]*[^,;，；。!?！？ \t\n])?")
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
    """The sentences of the prose lines, with their clauses.

    Sentences and clauses are each found in one scan of the whole text (neither crosses a line break):
    a scan per line costs more in starting it than in matching, for lines of a sentence or two.
    """
    out: list[Sentence] = []
    text = norm.text
    tables = "\t" in text or _LAYOUT.search(text) is not None  # rows no table reader claimed: most texts have none
    clauses = [c.span() for c in _CLAUSE.finditer(text)]
    clause_starts = [start for start, _ in clauses]
    para, seen, row = 0, 0, None  # the line of the last sentence, where that sentence starts, whether a table row
    for m in _SENT.finditer(text):
        start, end = m.span()
        breaks = text.count("\n", seen, start)
        if breaks:
            para, row = para + breaks, None
        seen = start
        sentence = m.group()
        if not sentence.strip():
            continue
        if row is None:  # found for the lines with a sentence only, not for the blanked rows of tables
            row = tables and is_table_line(norm.lines[para][1])
        if row:
            continue
        first = bisect_left(clause_starts, start)  # past the clauses of table rows and blank sentences
        out.append(Sentence(len(out), para, start, end, sentence, clauses[first:bisect_left(clause_starts, end, first)]))
    return out
