"""pdftotext-style score tables: cells broken over lines, a row's numbers on one line.

In text extracted from PDF with ``pdftotext`` a score table loses its
columns: the indicator name wraps over two or three short lines, the rubric
follows as longer lines, and the row ends with its numbers together
(「3 2 有结余」: 分值, 得分, then the start of the 扣分原因 note). Section labels
「投  入 / （15 分）」 carry their own 分值. This reader rebuilds the grid
(一级, 二级, 三级指标, 评分标准, 分值, 得分, 说明) and hands it to the common
score builder, every cell keeping the exact span it was read from.

Which labels are 一级 and which 二级: two labels in a row are 一级 then 二级;
once the table has shown that pattern, a lone label is 二级 unless it
repeats an open 一级 (page-break repeats are recognised by their label).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Optional

from ..document import Document
from ..model import Span
from .header import Column, SECTION_LABEL, TOTAL_WORD, build_with_columns, meaning
from .model import Cell, Row, Table
from ..lazyre import lazy_compile

_HEADER_WORDS = r"一级指标|二级指标|三级指标|评分标准|计分标准|分值|自评|得分|扣分原因|其他说明|说明|备注|和|指标"
_HEADER_TOKEN = lazy_compile(_HEADER_WORDS)
# a line break and a line made of header words only: the lines ``_is_header_line`` accepts (no two words
# start alike), found in one pass over the text (a literal first character is searched for fast)
_HEADER_LINES = lazy_compile(rf"\n[^\S\n]*(?:{_HEADER_WORDS})(?:[^\S\n]*(?:{_HEADER_WORDS}))*[^\S\n]*(?![^\n])")
_NUM = r"\d+(?:\.\d+)?"
_ROW_NUMBERS = lazy_compile(rf"(?:^|\s)(?P<w>{_NUM})\s+(?P<s>{_NUM})(?:\s+(?P<note>[^\d\s]\S{{0,15}}))?\s*$")
_ONE_NUMBER = lazy_compile(rf"^\s*(?P<n>{_NUM})\s*$")
_NAME_SCORE = lazy_compile(rf"^\s*(?P<name>[^\d\s，。；：,;:]{{2,8}})\s+(?P<s>{_NUM})\s*$")
_LABEL_WEIGHT = lazy_compile(r"^\s*[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$")
_NOTE_LINE = lazy_compile(r"^备\s*注")  # the 备注 under the table ends it
_SHORT_WORD = lazy_compile(r"[“”\"\w]{1,8}")
_DIGIT = lazy_compile(r"\d")
_NAME_LINE = lazy_compile(r"^[^\d，。；：,;:%=≥≤≦≧<>①②③④⑤、（）()]{1,8}$")
COLUMNS = [Column("name", 1), Column("name", 2), Column("name", 3), Column("rubric"),
           Column("weight"), Column("score"), Column("note")]


@dataclass
class _Event:
    kind: str  # label | leaf | total
    name: Optional[tuple[int, int]] = None
    rubric: Optional[tuple[int, int]] = None
    weight: Optional[tuple[int, int]] = None
    score: Optional[tuple[int, int]] = None
    note: list[tuple[int, int]] = field(default_factory=list)
    level: int = 0


def _is_header_line(line: str) -> bool:
    rest = _HEADER_TOKEN.sub("", line)
    return not rest.strip() and bool(line.strip())


def _header_start(line: str) -> bool:
    words = line.split()
    return len(words) >= 3 and _is_header_line(line) and sum(1 for w in words if meaning(w) not in (None, "name")) >= 2


def read_layout(doc: Document, lines: list[tuple[int, str]]) -> list[Table]:
    """Score tables laid out by pdftotext (a header line such as 「一级指标 二级指标 三级指标 评分标准 分值」),
    among the (offset, line) of every line of ``doc``."""
    tables = []
    i = 0  # the first line not yet read: a header line inside a table read is part of it
    for pos in sorted(m.start() for m in _HEADER_LINES.finditer("\n" + doc.text)):  # the offsets of such lines
        j = bisect_left(lines, pos, lo=i, key=itemgetter(0))  # found among the lines, not walked to
        if j < len(lines) and lines[j][0] == pos and _header_start(lines[j][1]) and "\t" not in lines[j][1]:
            events, i = _scan(lines, j)
            t = _to_table(doc, events)
            if t is not None:
                tables.append(t)
    return tables


def _trim(pos: int, line: str) -> tuple[int, int]:
    lead = len(line) - len(line.lstrip())
    return pos + lead, pos + len(line.rstrip())


def _scan(lines, i: int) -> tuple[list[_Event], int]:
    """Events (section labels, rows, the total) from the header line at ``i`` to the total line."""
    events: list[_Event] = []
    names: list[tuple[int, int]] = []
    rubric: list[tuple[int, int]] = []
    pending_weight: Optional[tuple[int, int]] = None
    note_open, attached = False, False
    last_leaf: Optional[_Event] = None

    def cover(parts):
        return (parts[0][0], parts[-1][1]) if parts else None

    def leaf(weight, score, extra_rubric=None):
        nonlocal names, rubric, last_leaf
        r = rubric + ([extra_rubric] if extra_rubric else [])
        ev = _Event("leaf", name=cover(names), rubric=cover(r), weight=weight, score=score)
        events.append(ev)
        names, rubric, last_leaf = [], [], ev
        return ev

    while i < len(lines):
        pos, line = lines[i]
        i += 1
        text = line.strip()
        if not text:
            attached = False
            continue
        a, b = _trim(pos, line)
        if _is_header_line(text) and not names and not rubric:
            note_open = attached = False
            continue
        total = TOTAL_WORD.match(text)
        m = _ROW_NUMBERS.search(line)
        if total and m:
            events.append(_Event("total", name=(a, a + total.end()), weight=(pos + m.start("w"), pos + m.end("w")),
                                 score=(pos + m.start("s"), pos + m.end("s"))))
            return events, i
        if _NOTE_LINE.match(text):
            return events, i
        if _LABEL_WEIGHT.match(text) or (SECTION_LABEL.match(text) and len(text) <= 16):
            start = names[0][0] if names and _LABEL_WEIGHT.match(text) else a
            events.append(_Event("label", name=(start, b)))
            names, rubric, note_open = [], [], False
            continue
        one = _ONE_NUMBER.match(line)
        if one:
            span = (pos + one.start("n"), pos + one.end("n"))
            if pending_weight is None:
                pending_weight = span
            else:
                leaf(pending_weight, span)
                pending_weight, note_open, attached = None, False, True
            continue
        ns = _NAME_SCORE.match(line)
        if ns and not rubric and last_leaf is not None:
            names = [(pos + ns.start("name"), pos + ns.end("name"))]
            leaf(None, (pos + ns.start("s"), pos + ns.end("s")))
            note_open, attached = False, True
            continue
        if m and (m.start() == 0 or len(text) > 4 or names):
            pre = line[:m.start()].rstrip()
            extra = _trim(pos, pre) if pre.strip() else None
            if extra and not rubric and not names and _NAME_LINE.match(pre.strip().replace(" ", "")):
                names, extra = [extra], None
            ev = leaf((pos + m.start("w"), pos + m.end("w")), (pos + m.start("s"), pos + m.end("s")), extra)
            if m.group("note"):
                ev.note.append((pos + m.start("note"), pos + m.end("note")))
            note_open, attached = bool(m.group("note")), True
            continue
        short = text.replace(" ", "")
        if last_leaf is not None and (attached or (note_open and len(short) <= 2)) and not names and not rubric:
            last_leaf.note.append((a, b))
            note_open = True
            continue
        note_open, attached = False, False
        if not rubric and _NAME_LINE.match(short.strip("“”\"")) or (not rubric and _SHORT_WORD.fullmatch(short)
                                                                     and not _DIGIT.search(short)):
            names.append((a, b))
        else:
            rubric.append((a, b))
    return events, i


def _assign_levels(events: list[_Event], doc: Document) -> None:
    pairs_seen = False
    open_labels: dict[int, str] = {}
    for k, ev in enumerate(events):
        if ev.kind != "label":
            continue
        label = re.sub(r"\s+", "", SECTION_LABEL.sub(r"\g<name>", doc.text[ev.name[0]:ev.name[1]]))
        nxt = events[k + 1] if k + 1 < len(events) else None
        prv = events[k - 1] if k else None
        if label in open_labels.values():
            ev.level = next(lv for lv, lb in open_labels.items() if lb == label)
        elif nxt is not None and nxt.kind == "label":
            ev.level, pairs_seen = 1, True
        elif prv is not None and prv.kind == "label" and prv.level == 1:
            ev.level = 2
        else:
            ev.level = 2 if pairs_seen and 1 in open_labels else 1
        open_labels = {lv: lb for lv, lb in open_labels.items() if lv < ev.level}
        open_labels[ev.level] = label


def _cell(doc: Document, part: Optional[tuple[int, int]], at: int) -> Cell:
    if part is None:
        return Cell("", Span(at, at))
    return Cell(doc.text[part[0]:part[1]], Span(part[0], part[1]))


def _row(cells: list[Cell], index: int) -> Row:
    """A row of the grid, its cells numbered: from its first character (0 when it holds none) to its end."""
    for j, c in enumerate(cells):
        c.col = j
    starts = [c.span.start for c in cells if c.text]
    return Row(cells=cells, span=Span(min(starts) if starts else 0, max(c.span.end for c in cells)), index=index)


def _to_table(doc: Document, events: list[_Event]) -> Optional[Table]:
    if not any(e.kind == "leaf" for e in events):
        return None
    _assign_levels(events, doc)
    grid: list[list[Cell]] = []  # every cell in one row only: the builder reads them, the rows keep them
    labels: dict[int, Cell] = {}
    for ev in events:
        at = (ev.name or ev.weight or ev.score or (0, 0))[0]
        if ev.kind == "label":
            labels = {lv: c for lv, c in labels.items() if lv < ev.level}
            labels[ev.level] = _cell(doc, ev.name, at)
            continue
        note = None
        if ev.note:
            note = Cell(" ".join(doc.text[a:b] for a, b in ev.note), Span(ev.note[0][0], ev.note[-1][1]))
        row = [labels.get(1, _cell(doc, None, at)), labels.get(2, _cell(doc, None, at)), _cell(doc, ev.name, at),
               _cell(doc, ev.rubric, at), _cell(doc, ev.weight, at), _cell(doc, ev.score, at),
               note or _cell(doc, None, at)]
        labels = {}
        grid.append(row)
    scores = build_with_columns(grid, COLUMNS, "pdftotext")
    if scores is None:
        return None
    rows = [_row(r, n) for n, r in enumerate(grid)]
    t = Table(title="", rows=rows, columns=["name1", "name2", "name3", "rubric", "weight", "score", "note"],
              source="text", span=rows[0].span.cover(rows[-1].span), scores=scores)
    return t
