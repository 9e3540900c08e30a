"""Column meanings from header words, and score items from a grid of cells.

Whatever the layout (tabs, pipes, one cell per line, pdftotext), a reader
hands over rows of cells. Header rows (one to three of them, repeated at page
breaks) name the columns: 分值 → weight, 得分 → score, 一级/二级/三级指标 →
indicator levels, 评分标准 → rubric … ``build_scores`` then walks the data
rows, keeping the open section of every level so that merged (empty) cells
inherit from the row above, and returns a ``ScoreTable``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..facts import Num, read_cell
from ..model import Span
from .scores import ScoreItem, ScoreTable, TextCell
from .vocabulary import MEANINGS, word_cache
from ..lazyre import lazy_compile

_NEUTRAL = lazy_compile(r"^(评价|指标|方式|属性|整体|样本|定性|定量|自评|绩效|完成|情况|和|/)+$")
_NUMBER = lazy_compile(r"[-−]?\d+(?:\.\d+)?")
_SPACES = lazy_compile(r"\s+")
_DIGIT = lazy_compile(r"\d")
SECTION_LABEL = lazy_compile(r"^(?P<name>.*?)\s*[（(]\s*(?P<num>\d+(?:\.\d+)?)\s*分\s*[)）]\s*$", re.S)
_AMOUNTS = {"weight", "score", "budget_initial", "budget", "executed", "rate"}
_MONEY = ("budget_initial", "budget", "executed")
# the columns a score row's text cells are read from, as (item field, column meaning), and its amount columns
_TEXT_FIELDS = (("rubric", "rubric"), ("note", "note"), ("note", "deviation"), ("target", "target"), ("actual", "actual"))
_AMOUNT_FIELDS = ("budget_initial", "budget", "executed", "rate")
BARE_SECTION = lazy_compile(r"^\s*[（(]\s*(?P<name>[^()（）\d]*?)\s*(?P<num>\d+(?:\.\d+)?)\s*分?\s*[)）]\s*$")
TOTAL_WORD = lazy_compile(r"^\s*(总\s*分|合\s*计|总\s*计|综合得分)")


@dataclass
class GridCell:
    """A cell of the grid the score builder reads. A table's own ``Cell`` (text and span too) is read as
    one: the text readers hand their rows over as they are."""

    text: str
    span: Span


@word_cache
def meaning(text: str) -> Optional[str]:
    t = _SPACES.sub("", text)
    for name, pat in MEANINGS:
        if pat.search(t):
            return name
    return None


@word_cache
def _column_word(text: str) -> Optional[str]:
    """What a header cell says: its column's meaning, "" for a neutral word (指标, 完成情况 …); None for a
    cell no header row holds (longer than 24 characters, or another word). Asked of every cell of every
    digit-free row: the answer is kept per text."""
    t = _SPACES.sub("", text)
    if len(t) > 24:
        return None
    return meaning(t) or ("" if _NEUTRAL.match(t) else None)


def is_header_row(cells: list[GridCell], after_header: bool = False) -> bool:
    """Short, digit-free cells naming columns (two meanings, or one right under another header row)."""
    if _DIGIT.search("".join([c.text for c in cells])):
        return False  # a data row (the cheap test first)
    words = []
    for c in cells:
        if c.text.strip():
            w = _column_word(c.text)
            if w is None:
                return False  # a label row (most rows without digits stop at their first cell)
            words.append(w)
    named = sum(1 for w in words if w not in ("", "name"))
    return bool(words) and (named >= 2 or (after_header and len(words) >= 2))


def clean_label(text: str) -> str:
    return _SPACES.sub("", text).strip("：:")


def num_in(text: str, start: int, unit: Optional[str] = None) -> Optional[Num]:
    """The cell's value as a ``Num`` when the cell holds one plain number (with %, 分 allowed)."""
    return Num.from_cell(text, start, unit)


def is_number(text: str) -> bool:
    """Whether ``num_in`` reads a number in the cell (asked without building it)."""
    return read_cell(text) is not None


def section_label(cell: GridCell, bare: bool = False) -> tuple[str, Optional[Num]]:
    """「投入（15分）」 → ("投入", 15 with its span); other labels keep no weight.

    With ``bare``, a label that is only a bracket also gives its weight:
    「(20)」, 「(特性指标70分)」 (section cells whose names the page dropped).
    """
    label, weight = _section_parts(cell.text, bare)
    if weight is None:
        return label, None
    digits, at = weight
    s = cell.span.start + at
    return label, Num.parse(digits, Span(start=s, end=s + len(digits)), "分")


@word_cache
def _section_parts(text: str, bare: bool) -> tuple[str, Optional[tuple[str, int]]]:
    """``section_label`` of a cell's text: the label, and the weight's digits and offset (asked of every
    label cell of every row)."""
    m = SECTION_LABEL.match(text) or (BARE_SECTION.match(text) if bare else None)
    if not m:
        return clean_label(text), None
    return clean_label(m.group("name")), (m.group("num"), m.start("num"))


@dataclass
class Column:
    meaning: Optional[str]
    level: Optional[int] = None


def columns_of(header_rows: list[list[GridCell]]) -> list[Column]:
    """Meaning of every column; a level word (一级指标 …) spans the empty cells to its right."""
    return list(_columns(tuple(tuple(c.text.strip() for c in r) for r in header_rows)))


@word_cache
def _columns(header: tuple[tuple[str, ...], ...]) -> tuple[Column, ...]:
    """``columns_of`` the stripped texts of header rows: kept per header, which page breaks repeat."""
    width = max(len(r) for r in header)
    grid = [[(r[c] if c < len(r) else "") for c in range(width)] for r in header]
    level_of: list[Optional[int]] = [None] * width
    for row in grid:
        last = None
        for c, t in enumerate(row):
            m = meaning(t) if t else None
            if m in ("name1", "name2", "name3"):
                last = int(m[-1])
            elif t:
                last = None
            if last is not None and (t or level_of[c] is None):
                level_of[c] = last
    cols = []
    for c in range(width):
        texts = [grid[r][c] for r in range(len(grid)) if grid[r][c]]
        m = next((meaning(t) for t in reversed(texts) if meaning(t)), None)
        if m and m.startswith("name"):
            lvl = int(m[-1]) if m[-1].isdigit() else level_of[c]
            cols.append(Column("name", lvl))
        elif m == "weight":
            cols.append(Column("weight", level_of[c]))
        else:
            cols.append(Column(m))
    return tuple(cols)


def is_score_table(cols: list[Column]) -> bool:
    have = {c.meaning for c in cols}
    return "weight" in have or "score" in have or {"budget", "executed"} <= have or {"target", "actual"} <= have


class _Builder:
    """Walks data rows, keeping the open section per level (merged cells inherit)."""

    def __init__(self, layout: str):
        self.table = ScoreTable(layout=layout)
        self.layout = layout
        self.open: dict[int, int] = {}
        self.cols: list[Column] = []
        self.at: dict[str, list[tuple[int, Optional[int]]]] = {}  # meaning -> (index, level) of its columns
        self.last: Optional[ScoreItem] = None

    def set_columns(self, cols: list[Column]) -> None:
        self.cols = cols
        self.at = {}
        for i, c in enumerate(cols):
            self.at.setdefault(c.meaning, []).append((i, c.level))
        self.open = {}
        names = [c.level for c in cols if c.meaning == "name"]
        levels = [lv for lv in names if lv]
        self.leaf_level = max(levels) if levels else 1
        self.leaf_weight = next((i for i, c in enumerate(cols) if c.meaning == "weight"
                                 and (c.level in (None, self.leaf_level))), None)
        self.name_at = [(i, c.level or self.leaf_level) for i, c in enumerate(cols) if c.meaning == "name"]
        self.has_money = any(m in self.at for m in _MONEY)
        # what every row asks of the columns, worked out once per header: the text and amount columns it has,
        # and (for ``_fit``) the name columns and the others
        self.text_fields = [(f, m) for f, m in _TEXT_FIELDS if m in self.at]
        self.amount_fields = [m for m in _AMOUNT_FIELDS if m in self.at]
        self.names = [i for i, c in enumerate(cols) if c.meaning == "name"]
        self.others = [i for i, c in enumerate(cols) if c.meaning != "name"]
        self.numeric = [i for i in self.others if cols[i].meaning in _AMOUNTS]

    def add(self, **kw) -> ScoreItem:
        it = ScoreItem(index=len(self.table.items), **kw)
        self.table.items.append(it)
        return it

    def _col(self, cells, meaning_, level=None) -> Optional[GridCell]:
        for i, lv in self.at.get(meaning_, ()):
            if (level is None or lv == level) and i < len(cells) and cells[i].text.strip():
                return cells[i]
        return None

    def _realign(self, cells: list[GridCell]) -> tuple[list[GridCell], bool]:
        """A row shifted right by an extra empty cell: the 分值 column holds text and the next one a number."""
        w = self.leaf_weight
        if w is None or w + 1 >= len(cells) or not cells[w].text.strip():
            return cells, False
        if is_number(cells[w].text) or not is_number(cells[w + 1].text):
            return cells, False
        for i in range(1, w):
            if not cells[i].text.strip() and cells[i - 1].text.strip():
                return cells[:i] + cells[i + 1:], True
        return cells, False

    def _fit(self, cells: list[GridCell]) -> list[GridCell]:
        """A row whose empty cells were dropped (pipe rows of web pages): names to the deepest
        name columns, numbers to the other columns in order. Only where that places every cell."""
        if self.layout != "pipe" or len(cells) >= len(self.cols):
            return cells
        names, others = self.names, self.others
        if not names:
            return cells
        filled = list(cells)
        while filled and not filled[-1].text.strip():
            filled.pop()
        texts = [c for c in filled if c.text.strip() and not is_number(c.text)]
        nums = [c for c in filled if is_number(c.text)]
        if len(texts) > len(names) or len(nums) > len(others):
            return cells
        at = filled[0].span.start if filled else 0
        out = [GridCell("", Span(start=at, end=at)) for _ in self.cols]
        for i, c in zip(names[len(names) - len(texts):], texts):
            out[i] = c
        numeric = self.numeric
        for i, c in zip(numeric if len(nums) <= len(numeric) else others, nums):
            out[i] = c  # few numbers go to the 分值/得分/amount columns, a full row's fill every column
        return out

    def row(self, cells: list[GridCell]) -> None:
        cells, shifted = self._realign(self._fit(cells))
        texts = [c.text.strip() for c in cells]
        if not any(texts):
            return
        name_cells = {level: cells[i] for i, level in self.name_at if i < len(cells) and texts[i]}
        score_c = self._col(cells, "score")
        if score_c is None and shifted:
            score_c = next((c for c in reversed(cells[(self.leaf_weight or 0) + 1:]) if is_number(c.text)), None)
        score = num_in(score_c.text, score_c.span.start, "分") if score_c else None
        lw = self.leaf_weight
        weight_c = cells[lw] if lw is not None and lw < len(cells) and texts[lw] else None
        weight = num_in(weight_c.text, weight_c.span.start, "分") if weight_c else None
        first = next((t for t in texts if t), "")
        if TOTAL_WORD.match(first) and (score or weight or any(_NUMBER.search(t) for t in texts[1:])):
            tw = weight or next((num_in(c.text, c.span.start, "分") for i, c in enumerate(cells)
                                 if i < len(self.cols) and self.cols[i].meaning == "weight" and is_number(c.text)), None)
            self.last = self.add(kind="total", label=clean_label(TOTAL_WORD.match(first).group(1)),
                                 label_span=cells[texts.index(first)].span, weight=tw, score=score)
            return
        money = self._money_cells(cells)
        if not name_cells and weight is None and score is None and not money:
            self._continue(cells)
            return
        for level in range(1, self.leaf_level):
            cell = name_cells.get(level)
            if cell is None:
                continue
            label, w = section_label(cell, bare=True)
            wc = self._col(cells, "weight", level)
            if wc is not None:
                w = num_in(wc.text, wc.span.start, "分") or w
            cur = self.open.get(level)
            if cur is not None and label and self.table.items[cur].label == label:
                continue  # the section repeated at a page break
            sec = self.add(kind="section", level=level, label=label, label_span=cell.span, weight=w,
                           parent=self._parent(level))
            self.open = {k: v for k, v in self.open.items() if k < level}
            self.open[level] = sec.index
        leaf = name_cells.get(self.leaf_level)
        label, own = section_label(leaf) if leaf else ("", None)
        if weight is None and weight_c is None:
            weight = own  # 「相关性(5分)」: the indicator's 分值 written with its name
        item = self.add(kind="budget" if money else "item", level=self.leaf_level,
                        label=label, label_span=leaf.span if leaf else None, weight=weight, score=score,
                        parent=self._parent(self.leaf_level))
        if weight is None and weight_c is None and score is not None and self.last is not None \
                and self.last.kind == "item" and self.last.parent == item.parent:
            prev = self.last  # 分值 cell merged over this row and the ones above
            item.weight_of = prev.weight_of if prev.weight_of is not None else prev.index
        for field_, m in self.text_fields:
            c = self._col(cells, m)
            if c is not None and getattr(item, field_) is None:
                setattr(item, field_, TextCell(text=c.text.strip(), span=c.span))
        for m in self.amount_fields:
            c = self._col(cells, m)
            if c is not None:
                setattr(item, m, num_in(c.text, c.span.start, "%" if m == "rate" else None))
        self.last = item

    def _money_cells(self, cells) -> bool:
        return self.has_money and any(c is not None and is_number(c.text) for c in (self._col(cells, m) for m in _MONEY))

    def _parent(self, level: int) -> Optional[int]:
        ups = [lv for lv in self.open if lv < level]
        return self.open[max(ups)] if ups else None

    def _continue(self, cells: list[GridCell]) -> None:
        """A row holding only text in rubric/description columns continues the row above."""
        if self.last is None:
            return
        c = self._col(cells, "rubric")
        if c is not None and self.last.rubric is not None:
            r = self.last.rubric
            self.last.rubric = TextCell(text=r.text + c.text.strip(), span=r.span.cover(c.span))


def build_with_columns(rows: list[list[GridCell]], cols: list[Column], layout: str) -> Optional[ScoreTable]:
    """Score items of rows whose column meanings the reader already knows (pdftotext layout)."""
    b = _Builder(layout)
    b.set_columns(cols)
    for r in rows:
        b.row(r)
    return b.table if any(it.weight or it.score for it in b.table.items) else None


def build_scores(rows: list[list[GridCell]], layout: str) -> Optional[ScoreTable]:
    """Score items of a grid whose header words name a 分值 or 得分 column; None for other tables."""
    b: Optional[_Builder] = None
    i = 0
    while i < len(rows):
        if is_header_row(rows[i]):
            j = i + 1
            while j < len(rows) and is_header_row(rows[j], after_header=True):
                j += 1
            cols = columns_of(rows[i:j])
            if is_score_table(cols):
                if b is None:
                    b = _Builder(layout)
                if [(c.meaning, c.level) for c in cols] != [(c.meaning, c.level) for c in b.cols]:
                    b.set_columns(cols)
            i = j
            continue
        if b is not None:
            b.row(rows[i])
        i += 1
    if b is None or not any(it.weight or it.score or (it.target and it.actual) for it in b.table.items):
        return None
    return b.table
