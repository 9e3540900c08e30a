"""Score rows of a 项目支出绩效自评表 whose rows wrapped and whose empty cells were dropped.

Web pages pasted as pipe rows (and exports alike) drop the empty cells and
break a row wherever the page wrapped it: a line may end with the next row's
label, a header row may run on into the first data row, one indicator may
take three lines (「经济效益指标 | 减轻…负担 |」, 「有效 |」, 「有效 | 10 | 10 |」).
The columns cannot be counted, but the cells keep their order, so the table
is read as one stream of non-empty cells from its header words on:

- the 项目资金 block (a header naming 预算数/执行数 with 分值 and 得分): a label
  of the block (年度资金总额, 其中：当年财政拨款 …) and the values after it,
  which fill the value columns from the right, the cell left out being the
  first (年初预算数); a source row's amounts go to the columns where the
  总额 row has amounts, and the sources are kept only when they add up to it;
- the indicator block (a header naming 分值 and right after it 得分, only text
  columns such as 偏差原因 after them): each indicator ends with two plain
  numbers, its 分值 and 得分;
  before them its 实际完成值, before that its 年度指标值 (「≧ | 100 | %」, the
  指标性质/指标值/度量单位 cells), and the indicator's name;
- the 总分 row: its 分值 (the maximum) and its 得分.

A dropped 分值 or 得分 shifts every number after it, so the reading is kept
only when no number is left between two indicators and the reading is
consistent on a dimension no check looks at: the 分值 read (budget execution
and every indicator) add up exactly to the 总分 row's first number, its
maximum (to 100 when the table has no 总分 row). Then the table is a score table like
any other and the score rules check its 得分 (≤ 分值, adding up to 总分), its
执行率 and its targets; otherwise it stays unread (BL125 says so).
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from ..facts import Num
from .header import TOTAL_WORD, clean_label, is_number, num_in
from .model import Cell, Table
from .rebuild import column_meaning, is_header_cell
from .scores import ScoreItem, ScoreTable, TextCell
from .vocabulary import FUND_LABEL, not_applicable

_MONEY = ("budget_initial", "budget", "executed")
_VALUES = {*_MONEY, "rate", "weight", "score"}
_DASH = re.compile(r"^[-—－–/]+$")
_COMPARATOR = re.compile(r"^[≥≧≤≦=＝═<>＜＞]+$")
_UNIT = re.compile(r"^(?:%|％|[个家次项人件条份场天年月日户所处台辆套名位吨元万]{1,3}|人次|小时|公里|万元)$")
_MIN_INDICATORS = 3


def _plain(c: Cell) -> Optional[Num]:
    """A 分值/得分 cell: a number without %."""
    n = num_in(c.text, c.span.start, "分")
    return n if n is not None and n.unit != "%" else None


def _header_runs(cells: list[Cell]) -> list[tuple[int, int, list[str]]]:
    """(start, end, meanings) of every run of header words naming a 分值 and a 得分 column."""
    runs, k = [], 0
    while k < len(cells):
        if not is_header_cell(cells[k].text):
            k += 1
            continue
        j = k
        while j < len(cells) and is_header_cell(cells[j].text):
            j += 1
        means = [column_meaning(c.text) for c in cells[k:j]]
        if "weight" in means and "score" in means:
            runs.append((k, j, means))
        k = j
    return runs


def _fund(cells: list[Cell], means: list[str]) -> Optional[list[ScoreItem]]:
    """The 项目资金 rows after its header: label-led, values right-aligned to the value columns."""
    cols = [m for m in means if m in _VALUES]
    rows: list[tuple[Cell, list[Cell]]] = []
    for c in cells:
        if not (is_number(c.text) or _DASH.match(c.text) or not_applicable(c.text)):
            if not FUND_LABEL.search(c.text):
                break
            rows.append((c, []))
        elif rows:
            rows[-1][1].append(c)
        else:
            return None
    if not rows or not rows[0][1] or len(rows[0][1]) > len(cols):
        return None
    head, values = rows[0]
    placed = dict(zip(cols[len(cols) - len(values):], values))
    item = ScoreItem(kind="budget", label=clean_label(head.text), label_span=head.span)
    for m, c in placed.items():
        n = num_in(c.text, c.span.start, "分" if m in ("weight", "score") else None)
        if n is None and not _DASH.match(c.text):
            return None
        if n is not None and (m == "rate") != (n.unit == "%"):
            return None  # a percentage outside the 执行率 column, or a bare number in it
        setattr(item, m, n)
    return [item] + _sources(item, rows[1:])


def _sources(total: ScoreItem, rows: list[tuple[Cell, list[Cell]]]) -> list[ScoreItem]:
    """Source rows whose amounts fill the columns the 总额 row has amounts in, kept only when they add up to it."""
    money = [m for m in _MONEY if getattr(total, m) is not None]
    out = []
    for label, values in rows:
        nums = [num_in(c.text, c.span.start) for c in values]
        stated = [n for n in nums if n is not None]
        if len(stated) not in (0, len(money)) or any(n.unit == "%" for n in stated):
            return []
        out.append(ScoreItem(kind="budget", label=clean_label(label.text), label_span=label.span,
                             **dict(zip(money, stated))))
    for m in money:
        got = sum((getattr(s, m).value for s in out if getattr(s, m) is not None), Decimal(0))
        if got != getattr(total, m).value:
            return []
    return out


def _target_start(cells: list[Cell], end: int, floor: int) -> int:
    """Where the 年度指标值 before ``cells[end]`` begins: comparators, numbers and units, else the one cell."""
    k = end
    while k > floor and (_COMPARATOR.match(cells[k - 1].text) or is_number(cells[k - 1].text)
                         or _UNIT.match(cells[k - 1].text)):
        k -= 1
    return k if k < end else max(end - 1, floor)


def _indicator(cells: list[Cell], a: int, b: int) -> Optional[ScoreItem]:
    """The indicator in ``cells[a:b]``, whose last two cells are its 分值 and 得分."""
    actual = b - 3
    start = _target_start(cells, actual, a)
    if actual < a + 1 or start <= a or any(is_number(c.text) for c in cells[a:start - 1]):
        return None  # a number before the indicator's name: a row above lost its 分值 or 得分
    label, target = cells[start - 1], cells[start:actual]
    nums = [c for c in target if is_number(c.text)]
    span = nums[0].span if len(nums) == 1 else target[0].span.cover(target[-1].span)
    return ScoreItem(kind="item", level=1, label=clean_label(label.text), label_span=label.span,
                     weight=_plain(cells[b - 2]), score=_plain(cells[b - 1]),
                     target=TextCell(text="".join(c.text for c in target), span=span),
                     actual=TextCell(text=cells[actual].text, span=cells[actual].span))


def _indicators(cells: list[Cell]) -> Optional[tuple[list[ScoreItem], Optional[ScoreItem]]]:
    """Indicators up to the 总分 row, and that row; None when numbers are left over or misplaced."""
    items: list[ScoreItem] = []
    a = k = 0
    while k < len(cells):
        if TOTAL_WORD.match(cells[k].text):
            nums = []
            for c in cells[k + 1:k + 3]:
                if _plain(c) is None:
                    break
                nums.append(_plain(c))
            if any(is_number(c.text) for c in cells[a:k]) or not nums:
                return None
            total = ScoreItem(kind="total", label=clean_label(TOTAL_WORD.match(cells[k].text).group(1)),
                              label_span=cells[k].span, weight=nums[0], score=nums[1] if len(nums) > 1 else None)
            return items, total
        j = k
        while j < len(cells) and is_number(cells[j].text):
            j += 1
        if j - k >= 2:  # a run of numbers ends an indicator with its 分值 and 得分
            item = _indicator(cells, a, j)
            if item is None or item.weight is None or item.score is None:
                return None
            items.append(item)
            a = j
        k = max(j, k + 1)
    if any(is_number(c.text) for c in cells[a:]):
        return None
    return items, None


def _scored_last(means: list[Optional[str]]) -> bool:
    """An indicator header whose 分值 is followed by its 得分, and only text columns after them (偏差原因 …)."""
    i = means.index("weight")
    return i + 1 < len(means) and means[i + 1] == "score" and \
        not any(m in (*_VALUES, "target", "actual") for m in means[i + 2:])


def wrapped_scores(table: Table) -> Optional[ScoreTable]:
    """The score items of ``table`` read as a stream (module docstring), or None unless its 分值 add up.

    An indicator block goes with the 项目资金 block right above it, if any."""
    cells = [c for r in table.rows for c in r.cells if c.text.strip()]
    runs = _header_runs(cells)
    fund: list[ScoreItem] = []
    for n, (a, b, means) in enumerate(runs):
        end = runs[n + 1][0] if n + 1 < len(runs) else len(cells)
        if any(m in _MONEY for m in means):
            fund = _fund(cells[b:end], means) or []
            continue
        found = _indicators(cells[b:end]) if _scored_last(means) else None
        if found is not None and len(found[0]) >= _MIN_INDICATORS:
            items, total = found
            weights = [it.weight for it in fund + items if it.weight is not None]
            maximum = total.weight.value if total is not None else Decimal(100)
            if sum((w.value for w in weights), Decimal(0)) == maximum:
                out = fund + items + ([total] if total is not None else [])
                for i, it in enumerate(out):
                    it.index = i
                return ScoreTable(layout="wrapped", items=out)
        fund = []
    return None
