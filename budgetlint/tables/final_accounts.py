"""The standard 部门决算公开表格: recognise each table and name its quantities.

A 部门决算 disclosure carries up to nine national tables (plus 机关运行经费 and
政府采购 tables in some regions). Whatever the reader (PDF, Word, Excel,
tab-separated text), a table arrives as rows of cells; this module

- finds its title (``Table.title``, the lines just above it, or its own first
  rows) and maps it to a ``kind`` such as ``summary`` (收入支出决算总表);
- reads the header rows to name every value column (本年收入合计, 基本支出, …)
  and finds the code and label columns, split into sides when the table is
  laid out as two ledgers side by side (收入 | 支出);
- turns every data row into ``Line`` objects (code, label, value cells), so
  the checks in ``budgetlint.checks.final_accounts`` and ``narrative`` can
  address 「支出决算表 · 合计 · 基本支出」 by name and report the cell's span.

Continuation pages (a table split over pages, without its header) are
appended to the table before them when their column count matches.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from .. import vocabulary as V
from ..model import Span
from .model import Cell, Table
from .vocabulary import KINDS, NAMES, not_applicable
from ..lazyre import lazy_compile

_SQUASH = lazy_compile(r"[\s“”\"'‘’「」]")
_BLANK = {"", "-", "—", "－", "--", "——", "/", "／"}
_NUMBERED = lazy_compile(r"^[一二三四五六七八九十]+[、.．]")
_BRACKETS = lazy_compile(r"[()（）\[\]【】]")
_ELLIPSIS = lazy_compile(r"[…⋯.·]+")
_CODE = lazy_compile(r"\d{2,7}")
_HEADER_WORDS = ("项目", "科目", "编码", "决算数", "预算数", "合计", "小计", "收入", "支出", "类", "款", "项")
_NOT_CODE = ("类", "款", "项", "合计", "总计")
_UNIT = lazy_compile(r"单位[:：]\s*(" + V.alternation(V.MONEY_UNITS) + ")")


def squash(text: str) -> str:
    """Text without whitespace and quotes: 「一般公共服务\\n支出」 → 「一般公共服务支出」."""
    return _SQUASH.sub("", text or "")


def plain(text: str) -> str:
    """A label folded for comparison: numbering, brackets and quotes removed (因公出国（境）费 → 因公出国境费)."""
    s = _NUMBERED.sub("", squash(text))
    return _BRACKETS.sub("", s)


def is_blank(cell: Optional[Cell]) -> bool:
    """Empty, a dash, the template's ellipsis (…) or 「单位不需填列」: the cell holds no value."""
    if cell is None or getattr(cell, "merged", False):
        return True
    t = squash(cell.text)
    return t in _BLANK or bool(_ELLIPSIS.fullmatch(t)) or not_applicable(t)


def value_of(cell: Optional[Cell]) -> Optional[Decimal]:
    """A value cell's number; blank counts as 0 (the tables' convention); None if unreadable."""
    if is_blank(cell):
        return Decimal(0)
    return cell.number


def _is_code(text: str) -> bool:
    return bool(_CODE.fullmatch(squash(text)))


@dataclass
class Line:
    """One labelled line of one side of a table: its code, label and value cells by column name."""

    label: str
    code: str = ""
    cells: dict[str, Cell] = field(default_factory=dict)
    side: int = 0

    @property
    def name(self) -> str:
        return plain(self.label)

    @property
    def numbered(self) -> bool:
        return bool(_NUMBERED.match(squash(self.label)))

    @property
    def level(self) -> int:
        """1 类, 2 款, 3 项 for classification codes; 0 otherwise."""
        return {3: 1, 5: 2, 7: 3}.get(len(self.code), 0)


@dataclass
class FinalTable:
    """A recognised standard table: its kind, title, value columns and lines."""

    kind: str
    title: str
    parts: list[Table]
    columns: list[list[str]] = field(default_factory=list)  # per side: value column names in order
    lines: list[Line] = field(default_factory=list)
    unit: str = "万元"

    @property
    def name(self) -> str:
        return NAMES.get(self.kind, self.title)

    @property
    def span(self) -> Span:
        spans = [p.span for p in self.parts if p.span is not None]
        return Span(start=min(s.start for s in spans), end=max(s.end for s in spans)) if spans else Span(start=0, end=0)

    def side_lines(self, side: int) -> list[Line]:
        return [ln for ln in self.lines if ln.side == side]

    def find(self, *names: str, side: Optional[int] = None) -> Optional[Line]:
        """The first line whose folded label equals one of ``names`` (folded too)."""
        wanted = {plain(n) for n in names}
        for ln in self.lines:
            if (side is None or ln.side == side) and ln.name in wanted:
                return ln
        return None

    def total_line(self) -> Optional[Line]:
        """The 合计 line of a classification table."""
        return self.find("合计", "总计")

    def classes(self) -> list[Line]:
        return [ln for ln in self.lines if ln.level == 1]


# ---------------------------------------------------------------------------
# recognition

def kind_of(title: str) -> Optional[tuple[str, str]]:
    """(kind, matched title) for a title or heading text, most specific first."""
    if "表" not in title and "费" not in title:
        return None  # every title names a 表, or the 机关运行经费 (the cheap test first: most lines are prose)
    s = squash(title)
    for kind, name in KINDS:
        if name in s:
            return kind, name
    return None


def _title_above(text: str, start: int) -> tuple[Optional[tuple[str, str]], str]:
    """The nearest table title among the few lines just above ``start``, and the unit stated there."""
    window = text[max(0, start - 400):start]
    lines = [ln for ln in window.split("\n") if ln.strip()][-6:]
    unit = ""
    for ln in reversed(lines):
        m = _UNIT.search(ln)
        if m and not unit:
            unit = m.group(1)
        if "\t" in ln.strip():
            continue
        k = kind_of(ln)
        if k and len(squash(ln)) <= len(k[1]) + 40:
            return k, unit
    return None, unit


def _title_inside(table: Table) -> tuple[Optional[tuple[str, str]], str, int]:
    """Title written in the table's own first rows (spreadsheets): (kind, unit, rows to skip)."""
    unit = ""
    for i, row in enumerate(table.rows[:4]):
        joined = "".join(c.text for c in row.cells if not getattr(c, "merged", False))
        m = _UNIT.search(joined)
        if m:
            unit = m.group(1)
        k = kind_of(joined)
        if k and len(squash(joined)) <= len(k[1]) + 40:
            skip = i + 1
            if i + 1 < len(table.rows):
                nxt = "".join(c.text for c in table.rows[i + 1].cells)
                m2 = _UNIT.search(nxt)
                if m2 and len(squash(nxt)) < 20:
                    unit, skip = m2.group(1), i + 2
            return k, unit, skip
    return None, unit, 0


def _data_start(rows) -> int:
    """Index of the first data row: one holding a decimal number, a code or a 合计/总计 label."""
    for i, row in enumerate(rows):
        texts = [squash(c.text) for c in row.cells if not getattr(c, "merged", False)]
        if any(re.fullmatch(r"[-−]?[\d,]+\.\d+", t) for t in texts):
            return i
        if texts and (_is_code(texts[0]) and len(texts) > 1 and any(t and not _is_code(t) for t in texts[1:])):
            return i
        filled = [t for t in texts if t]
        if filled and filled[0] in ("合计", "总计") and all(c.number is not None or squash(c.text) in ("", "类", "款", "项")
                                                         for c in row.cells if squash(c.text) != filled[0]):
            return i
        if any(_NUMBERED.match(t) for t in texts):
            return i
        if filled and all(c.number is not None for c in row.cells if squash(c.text)):
            return i  # a row of numbers only (the “三公” table in 元)
    return len(rows)


def _column_texts(rows, ncols: int) -> list[str]:
    out = []
    for j in range(ncols):
        parts = []
        for row in rows:
            if j < len(row.cells):
                t = squash(row.cells[j].text)
                if t and (not parts or parts[-1] != t):
                    parts.append(t)
        if len(parts) > 1 and parts[0] in ("收入", "支出"):
            parts = parts[1:]  # the 收入 | 支出 band above a ledger side (merged across its columns)
        out.append("".join(parts))
    return out


def _codes_mostly(texts: list[str]) -> bool:
    """A code column: its texts are classification codes, except a few labels (合计, 人员经费合计)."""
    codes = sum(1 for t in texts if _is_code(t))
    return codes > 0 and codes * 5 >= len(texts) * 4 and all(_is_code(t) or not re.search(r"\d", t) for t in texts)


def _roles(head: list[str], data_rows, ncols: int) -> list[str]:
    """Each column's role: 'code', 'label' or 'value'."""
    roles = []
    for j in range(ncols):
        cells = [r.cells[j] for r in data_rows
                 if j < len(r.cells) and not is_blank(r.cells[j]) and squash(r.cells[j].text) not in _NOT_CODE]
        texts = [squash(c.text) for c in cells]
        h = head[j]
        code_head = "编码" in h or h in ("类", "款", "项")
        if texts and code_head and _codes_mostly(texts):
            roles.append("code")
        elif texts and sum(1 for c in cells if c.number is None) * 2 > len(texts):
            roles.append("label")
        elif not texts and code_head:
            roles.append("code")
        elif not texts and re.search(r"项目|科目名称|名称$", h) and not h.endswith(("支出", "收入")):
            roles.append("label")
        else:
            roles.append("value")
    # a column of integers directly left of a code or label column holds codes (类 | 款 | 项 split)
    for j in reversed(range(ncols - 1)):
        if roles[j] == "value" and roles[j + 1] in ("code", "label") and (not head[j] or head[j] in ("类", "款", "项")):
            texts = [squash(r.cells[j].text) for r in data_rows
                     if j < len(r.cells) and not is_blank(r.cells[j]) and squash(r.cells[j].text) not in _NOT_CODE]
            if texts and all(_is_code(t) for t in texts):
                roles[j] = "code"
    return roles


def _value_name(head: str, prev: str) -> str:
    """A value column's name from its header text; a bare 预算数/决算数 inherits its left neighbour's group."""
    h = head
    for junk in ("收入支出", "收入", "支出", "项目", "科目编码", "科目名称", "功能分类", "经济分类", "类款项"):
        if h == junk:
            h = ""
    if h in ("预算数", "决算数") and prev:
        base = re.sub(r"(预算数|决算数)$", "", prev)
        return base + h
    return h


def _build(kind: str, title: str, parts: list[Table], unit: str, skip: int) -> FinalTable:
    rows = [r for p in parts for r in p.rows]
    ncols = max((len(r.cells) for r in rows), default=0)
    first = parts[0].rows[skip:]
    start = _data_start(first)
    header = first[:start]
    data = first[start:] + [r for p in parts[1:] for r in p.rows]
    head = _column_texts(header, ncols)
    roles = _roles(head, data, ncols)
    ft = FinalTable(kind=kind, title=title, parts=parts, unit=unit or "万元")
    # sides: a new side begins at a code/label column that follows a value column
    sides: list[list[int]] = []
    for j, role in enumerate(roles):
        if not sides or (role in ("code", "label") and roles[j - 1] == "value"):
            sides.append([])
        sides[-1].append(j)
    names: dict[int, str] = {}
    for cols in sides:
        prev = ""
        side_names = []
        for j in cols:
            if roles[j] == "value":
                nm = _value_name(head[j], prev) or f"列{j + 1}"
                names[j] = nm
                side_names.append(nm)
                prev = nm
        ft.columns.append(side_names)
    for row in data:
        for si, cols in enumerate(sides):
            code = "".join(squash(row.cells[j].text) for j in cols
                           if roles[j] == "code" and j < len(row.cells) and _is_code(row.cells[j].text))
            label_cells = [row.cells[j] for j in cols if j < len(row.cells) and not is_blank(row.cells[j]) and (
                roles[j] == "label" or roles[j] == "code" and not _is_code(row.cells[j].text))]
            values = {names[j]: row.cells[j] for j in cols if roles[j] == "value" and j < len(row.cells)}
            label = "".join(squash(c.text) for c in label_cells)
            if re.fullmatch(r"[类款项]*合计", label):
                label = "合计"
            if not label and not code and all(is_blank(c) for c in values.values()):
                continue
            ft.lines.append(Line(label=label, code=code, cells=values, side=si))
    return ft


def identify(tables: list[Table], text: str) -> list[FinalTable]:
    """Recognise the standard 决算 tables among ``tables`` (in document order)."""
    found: list[FinalTable] = []
    pending: list[tuple[tuple[str, str], str, int, list[Table]]] = []
    seen: list[Span] = []
    for t in sorted(tables, key=lambda t: t.span.start if t.span else 0):
        if t.span is not None and any(s.start < t.span.end and t.span.start < s.end for s in seen):
            continue  # the same table read twice (binary reader and text reader)
        if t.span is not None:
            seen.append(t.span)
        k, unit, skip = _title_inside(t)
        if not k and t.title:
            k, unit = kind_of(t.title), ""
        if not k and t.span is not None:
            k, unit = _title_above(text, t.span.start)
        ncols = max((len(r.cells) for r in t.rows), default=0)
        if k:
            pending.append((k, unit, skip, [t]))
        elif pending and _continues(pending[-1][3][-1], t, ncols):
            pending[-1][3].append(t)
    for (kind, title), unit, skip, parts in pending:
        found.append(_build(kind, title, parts, unit, skip))
    return found


def _continues(prev: Table, t: Table, ncols: int) -> bool:
    """A header-less table with the previous table's column count continues it (page break)."""
    prev_cols = max((len(r.cells) for r in prev.rows), default=0)
    rows = [r for r in t.rows if not all(is_blank(c) for c in r.cells)]
    return ncols == prev_cols and ncols > 1 and bool(rows) and _data_start(rows) == 0
