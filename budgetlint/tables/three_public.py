"""三公 tables in either orientation, rebuilt from the stream of their cells.

A 三公 table is written with its items down the rows (项目 | 预算数 | 决算数,
or 上年 | 本年 | 增减额 | 增减率) or across the columns (合计 | 因公出国（境）费 |
公务用车购置及运行费 (小计 | 购置费 | 运行费) | 公务接待费, a row of values per
预算数/决算数). Whatever the layout the text came in (pipes, tabs, one cell per
line, cells between lines of pipes), the cells arrive in reading order, so
the table is rebuilt from what they say rather than from where they stand:

- vertical: each item label is followed by one value per value column, the
  columns named by the header words before the first item;
- horizontal: the item labels come first (the 公务用车 group replaced by its
  小计, 购置费 and 运行费 sub-columns), then rows of one value per item, each
  row optionally led by its label (预算数, 2015年度决算数 …).

A row whose number of values does not fit the header (cells dropped by the
export) makes the table ``doubtful``: it is reported as not read instead of
being guessed at.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from .. import vocabulary as V
from ..facts import read_cell
from ..model import Span
from .model import Cell, Table
from .vocabulary import (THREE_ITEMS, is_label_head, not_applicable, squash, three_item, value_role, when_of,
                         word_cache)
from ..lazyre import lazy_compile

PARTS = {"total": ("abroad", "cars", "reception"), "cars": ("buy", "run")}


@dataclass
class Column:
    """A value column: its header text, what it holds (budget, actual, change, rate) and when (prev, cur, a year)."""

    label: str
    role: Optional[str]
    when: Optional[str] = None


@dataclass
class ThreePublic:
    """A rebuilt 三公 table: for each item, its value cell in each column."""

    title: str
    columns: list[Column]
    cells: dict[str, list[Optional[Cell]]] = field(default_factory=dict)
    labels: dict[str, Cell] = field(default_factory=dict)
    orientation: str = "vertical"
    unit: str = "万元"
    doubtful: Optional[Cell] = None  # where the rows could not be rebuilt with confidence
    span: Span = field(default_factory=lambda: Span(start=0, end=0))

    def cell(self, item: str, col: int) -> Optional[Cell]:
        row = self.cells.get(item)
        return row[col] if row is not None and col < len(row) else None

    def column(self, role: str, when: Optional[str] = None) -> Optional[int]:
        """The first column holding ``role`` (for budget/actual: not the previous year's)."""
        for j, c in enumerate(self.columns):
            if c.role == role and (when is None or c.when == when) and not (when is None and c.when == "prev"):
                return j
        return None

    def years(self) -> Optional[tuple[int, int]]:
        """(previous, current) columns of the same role, by 上年/本年 or by year."""
        for role in ("actual", "budget"):
            cols = [j for j, c in enumerate(self.columns) if c.role == role and c.when]
            prev = next((j for j in cols if self.columns[j].when == "prev"), None)
            cur = next((j for j in cols if self.columns[j].when == "cur"), None)
            if prev is None or cur is None:
                dated = sorted((self.columns[j].when, j) for j in cols if self.columns[j].when.isdigit())
                if len(dated) == 2 and dated[0][0] != dated[1][0]:
                    prev, cur = dated[0][1], dated[1][1]
            if prev is not None and cur is not None:
                return prev, cur
        return None


def _number(c: Cell) -> bool:
    return read_cell(c.text) is not None  # asked of every cell: whether it holds a number, none built


@word_cache
def _value(text: str) -> bool:
    """Whether a cell's text is a value: empty, a number, 「不需填列」 or a dash (asked of every cell, often twice)."""
    return not text or read_cell(text) is not None or not_applicable(text) or text in ("-", "—", "－", "/")


def three_public_items(texts: Iterable[str]) -> bool:
    """Three or more distinct 三公 items among ``texts``: the cells of a 三公 table."""
    found = {three_item(t) for t in texts}
    return len(found - {None, "other", "subtotal"}) >= 3


def _role_columns(header: list[Cell], default: Optional[str]) -> list[Column]:
    cols = [Column(c.text, value_role(c.text), when_of(c.text)) for c in header if value_role(c.text)]
    if any(c.role in ("change", "rate") for c in cols):
        cols = [c for c in cols if c.role != "band"]
    return [Column(c.label, c.role if c.role != "band" else None, c.when) for c in cols] or \
        [Column("", default, None)]


def _vertical(cells: list[Cell], start: int, title: str, default: Optional[str]) -> ThreePublic:
    head = max((i for i in range(start) if is_label_head(cells[i].text)), default=-1)
    header = [c for c in cells[head + 1:start] if c.text]
    cols = _role_columns(header, default)
    t = ThreePublic(title=title, columns=cols)
    rows: list[tuple[Cell, list[Cell]]] = []
    for c in cells[start:]:
        if c.text and not _value(c.text):
            if three_item(c.text) is None and rows and not rows[-1][1]:
                continue  # a second line of the label
            rows.append((c, []))
        elif rows:
            rows[-1][1].append(c)
    width = len(cols)
    for label, values in rows:
        item = three_item(label.text)
        if item is None:
            break  # the table has ended (a note, the next heading)
        while len(values) > width and not values[-1].text:
            values.pop()
        filled = [v for v in values if v.text]
        if len(values) != width and filled:
            t.doubtful = t.doubtful or label
            continue
        if item in ("other", "subtotal") or item in t.cells:
            continue
        t.labels[item] = label
        at = Span(start=label.span.end, end=label.span.end)
        t.cells[item] = (values + [Cell(text="", span=at)] * width)[:width]  # no value at all: every cell empty
    return t


def _horizontal(cells: list[Cell], title: str, default: Optional[str]) -> ThreePublic:
    heads: list[tuple[str, Cell]] = []
    k = 0
    while k < len(cells) and not _number(cells[k]):
        item = three_item(cells[k].text) if cells[k].text else None
        if item is not None:
            heads.append((item, cells[k]))
        elif cells[k].text and (value_role(cells[k].text) or when_of(cells[k].text)) and heads:
            break  # the first row's label
        k += 1
    leaves = [it for it, _ in heads]
    subs = [it for it in leaves[leaves.index("cars") + 1:] if it in ("subtotal", "buy", "run")] if "cars" in leaves else []
    if subs:
        at = leaves.index("cars")
        rest = [it for it in leaves[at + 1:] if it not in subs]
        leaves = leaves[:at] + ["cars" if it == "subtotal" else it for it in subs] + rest
        heads = [h for h in heads if h[0] != "subtotal"]
    roles = [value_role(c.text) for _, c in heads]
    if any(r in ("budget", "actual") for r in roles):
        return _combined(heads, roles, cells[k:], title)
    t = ThreePublic(title=title, columns=[], orientation="horizontal")
    t.labels = {it: c for it, c in heads if it in leaves}
    t.cells = {it: [] for it in leaves if it not in ("other", "subtotal")}
    rows: list[tuple[Optional[Cell], list[Cell]]] = [(None, [])]
    for c in cells[k:]:
        if c.text and not _value(c.text):
            if rows[-1][1] or rows[-1][0] is not None:
                rows.append((c, []))
            else:
                rows[-1] = (c, [])
        else:
            rows[-1][1].append(c)
    for label, values in rows:
        while len(values) > len(leaves) and not values[-1].text:
            values.pop()
        if not values or all(not v.text for v in values):
            continue
        if len(values) != len(leaves):
            t.doubtful = t.doubtful or label or values[0]
            break
        role = value_role(label.text) if label else None
        t.columns.append(Column(label.text if label else "", role or default, when_of(label.text) if label else None))
        for it, v in zip(leaves, values):
            if it in t.cells:
                t.cells[it].append(v)
    return t


def _combined(heads: list[tuple[str, Cell]], roles: list[Optional[str]], rest: list[Cell], title: str) -> ThreePublic:
    """Header cells naming item and column at once (「合计预算数」「合计决算数」「因公出国（境）费预算数」 …), one row of values."""
    t = ThreePublic(title=title, columns=[], orientation="horizontal")
    order = list(dict.fromkeys(r for r in roles if r))
    t.columns = [Column({"budget": "预算数", "actual": "决算数"}.get(r, r), r) for r in order]
    values = [c for c in rest if _value(c.text)]
    while len(values) > len(heads) and not values[-1].text:
        values.pop()
    if len(values) != len(heads) or None in roles:
        t.doubtful = values[0] if values else heads[0][1]
        return t
    for (item, label), role, v in zip(heads, roles, values):
        if item in THREE_ITEMS:
            t.labels.setdefault(item, label)
            t.cells.setdefault(item, [None] * len(order))[order.index(role)] = v
    return t


def rebuild(table: Table, title: str = "") -> Optional[ThreePublic]:
    """The 三公 table held by ``table``'s cells, or None when they do not name three 三公 items
    (under a title naming 三公, or as most of its labels)."""
    cells = [c for r in table.rows for c in r.cells]
    items = list(map(three_item, [c.text for c in cells]))  # the item each cell names, asked once
    first = next((i for i, it in enumerate(items[:-1]) if it not in (None, "other")
                  and (_value(cells[i + 1].text) or items[i + 1])), None)
    if first is None or len(set(items) - {None, "other", "subtotal"}) < 3:  # ``three_public_items``
        return None
    if not title:
        title = next((squash(c.text) for c in cells[:first] if "三公" in c.text and "表" in c.text), "")
    labels = [it for c, it in zip(cells, items)
              if c.text and not _value(c.text) and not value_role(c.text) and not is_label_head(c.text)]
    if "三公" not in title and sum(1 for it in labels if it in THREE_ITEMS) * 2 < len(labels):
        return None  # 公务接待费 among the rows of an economic classification is not a 三公 table
    default = "actual" if "决算" in title else "budget" if "预算" in title else None
    before_number = items[first:first + next((i for i, c in enumerate(cells[first:]) if _number(c)), len(cells) - first)]
    horizontal = len(set(before_number) - {None, "other"}) >= 3
    t = _horizontal(cells[first:], title, default) if horizontal else _vertical(cells, first, title, default)
    used = list(t.labels.values()) + [c for row in t.cells.values() for c in row if c is not None and c.text]
    if used:
        t.span = Span(min(c.span.start for c in used), max(c.span.end for c in used))
    return t if t.cells else None


_UNIT = lazy_compile(r"单位[:：]\s*(" + V.alternation(V.MONEY_UNITS) + ")")


_ABOVE = 300  # characters above a table where its title is looked for


def title_before(text: str, start: int) -> tuple[str, str]:
    """The line naming the 三公 table among the few lines above ``start`` (its 预算/决算 tells the
    default role), and the unit stated there."""
    lines = [ln for ln in text[max(0, start - _ABOVE):start].split("\n") if ln.strip()][-4:]
    unit = next((m.group(1) for m in map(_UNIT.search, reversed(lines)) if m), "")
    title = next((ln for ln in reversed(lines) if "三公" in ln and len(squash(ln)) <= 60), "")
    return squash(re.sub(r"^\s*[一二三四五六七八九十]+[、.．]", "", title)), unit


def three_public_tables(tables: list[Table], text: str) -> list[ThreePublic]:
    """Every 三公 table among the text tables of a document."""
    out = []
    for tb in tables:
        if tb.source != "text" or tb.span is None:
            continue
        above = text[max(0, tb.span.start - _ABOVE):tb.span.start]
        kept = tb._three_public  # a private attribute: pydantic looks it up the slow way, once here
        if kept is None or kept[0] != above:
            kept = tb._three_public = (above, _rebuilt(tb, above))
        if kept[1] is not None:
            out.append(kept[1])
    return out


def _rebuilt(tb: Table, above: str) -> Optional[ThreePublic]:
    """The 三公 table of a text table, under the title and with the unit the text ``above`` it names."""
    title, unit = title_before(above, len(above))
    t = rebuild(tb, title)
    if t is not None:
        head = " ".join(c.text for r in tb.rows[:4] for c in r.cells)
        t.unit = unit or next((m.group(1) for m in [_UNIT.search(head)] if m), "万元")
    return t


def document_three_public(tables: list[Table], finals: list, text: str) -> list[ThreePublic]:
    """The 三公 tables of a document: those of its PDF/Word/Excel 决算 tables, then those of its text layouts."""
    found = [t for t in (from_final(ft) for ft in finals if ft.kind == "three_public"
                         and not all(p.source == "text" for p in ft.parts)) if t]
    for t in three_public_tables(tables, text):
        if not any(o.span.start < t.span.end and t.span.start < o.span.end for o in found):
            found.append(t)
    return found


def from_final(ft) -> Optional[ThreePublic]:
    """The 三公 table of a recognised 决算 table set (PDF, Word, Excel): the national horizontal layout.

    Its value columns are named 「因公出国（境）费预算数」 … by the 决算 header
    reader; each is mapped to its item and to 预算数 or 决算数.
    """
    line = next((ln for ln in ft.lines if ln.cells), None)
    if line is None:
        return None
    t = ThreePublic(title=ft.name, columns=[Column("预算数", "budget"), Column("决算数", "actual")],
                    orientation="horizontal", span=ft.span)
    for col, cell in line.cells.items():
        role = 0 if col.endswith("预算数") else 1 if col.endswith("决算数") else None
        name = col.replace("购置及运行", "")
        item = "total" if "合计" in name else "cars" if "小计" in name else three_item(name)
        if role is None or item not in THREE_ITEMS:
            continue
        row = t.cells.setdefault(item, [None, None])
        if row[role] is None:
            row[role] = cell
    return t if t.cells else None


def keyed(t: ThreePublic) -> dict[tuple[str, str], Cell]:
    """Cells keyed by (item, 'budget'|'actual'): this year's 预算数 and 决算数 of each item."""
    out: dict[tuple[str, str], Cell] = {}
    for role in ("budget", "actual"):
        j = t.column(role)
        if j is None:
            continue
        for item in t.cells:
            c = t.cell(item, j)
            if c is not None:
                out[(item, role)] = c
    return out


def three_public_facts(doc, tables: list[ThreePublic]) -> list[dict]:
    """Every value cell of the 三公 tables as a flat fact with its location (for ``budgetlint facts``)."""
    out = []
    for n, t in enumerate(tables):
        for item, row in t.cells.items():
            for col, c in zip(t.columns, row):
                if c is not None:
                    out.append({"kind": "three-public", "table": n, "title": t.title, "item": item,
                                "column": col.label or col.role, "role": col.role, "value": c.text,
                                "location": doc.locate(c.span).model_dump(exclude_none=True)})
        if t.doubtful is not None:
            out.append({"kind": "three-public.not-rebuilt", "table": n, "row": t.doubtful.text,
                        "location": doc.locate(t.doubtful.span).model_dump(exclude_none=True)})
    return out
