"""Rows rebuilt from what the cells say, for layouts that give one cell at a time.

Exports that write a table one cell per line (tab-indented, ending in " |",
between lines of pipes, bare, or as paragraphs) keep the order of the cells
but not where a row ends. The header words of the standard tables say how
many columns follow and what each holds (``header.meaning`` and
``vocabulary``), so the stream is cut into rows:

1. by the header's width, when every row then has numbers where the header
   says numbers go (empty cells were kept);
2. else by what the cells are: in a 项目资金 block or a table with one label
   column, a label and the values after it (merged cells on the right
   dropped); in an indicator block, the 一级/二级 categories the template
   names (or blanks, or 「部门决策(25分)」 sections), the indicator, then one
   cell per remaining column;
3. else the segment is marked doubtful: it is not guessed at.
"""
from __future__ import annotations

import re
from typing import Optional

from ..model import Span
from .header import GridCell, SECTION_LABEL, is_header_row, is_number, meaning
from .model import Cell, Row, row_span
from .vocabulary import FUND_LABEL, is_category, is_label_head, not_applicable, value_role, word_cache

_NUMERIC = {"weight", "score", "budget_initial", "budget", "executed", "rate", "change", "actual_amount"}
_DIGIT = re.compile(r"\d")
_NAMES = {"name", "name1", "name2", "name3", "label"}


def header_word(text: str) -> bool:
    t = text.strip()
    return bool(t) and len(t) <= 14 and not _DIGIT.search(t) and meaning(t) is not None


@word_cache
def is_header_cell(text: str) -> bool:
    """A cell naming a column (a score-table word, a label column word or a value column word)."""
    return header_word(text) or is_label_head(text) or value_role(text) is not None


def column_meaning(text: str) -> Optional[str]:
    """What a header cell says its column holds (score-table meanings first, then amount columns)."""
    if is_label_head(text):
        return "label"
    m = meaning(text)
    if m is not None:
        return m
    role = value_role(text)
    return {"budget": "budget", "actual": "actual_amount", "change": "change", "rate": "rate"}.get(role or "")


def header_run_ok(texts: list[str]) -> bool:
    """Cells that name the columns of one row: three or more header words, or a label column word and value words."""
    texts = [t for t in texts if t.strip()]
    if len(texts) >= 3 and is_header_row([GridCell(t, Span(start=0, end=0)) for t in texts]):
        return True
    return len(texts) >= 2 and is_label_head(texts[0]) and all(value_role(t) for t in texts[1:])


def join_fragments(cells: list[Cell]) -> list[Cell]:
    """Cells the export broke in two (「全年」「预算数」, 「经济效益」「指标」) joined again."""
    out: list[Cell] = []
    for c in cells:
        prev = out[-1] if out else None
        if prev is not None and prev.text and c.text and _broken(prev.text, c.text):
            out[-1] = Cell(text=prev.text + c.text, span=prev.span.cover(c.span), col=prev.col)
        else:
            out.append(c)
    return out


@word_cache
def _broken(first: str, second: str) -> bool:
    """Whether two cells are the two halves of one header word (the first is at most five characters); asked
    of every two cells in a row of every stream, the answer kept per pair of texts."""
    if not first or len(first) > 5 or is_header_cell(first):
        return False
    joined = first + second
    return not _DIGIT.search(joined) and ((len(first) <= 3 and header_word(joined) and is_header_cell(second))
                                          or (second == "指标" and is_category(joined)))


@word_cache
def _value(text: str) -> bool:
    """Whether a cell's text is a value: empty, a number, 「不需填列」 or a dash (asked of every cell cut into rows)."""
    t = text.strip()
    return not t or is_number(t) or is_number(text) or not_applicable(t) or t in ("-", "—", "－", "/")


def _fits(rows: list[list[Cell]], means: list[Optional[str]]) -> bool:
    """Every row as wide as the header and holding numbers (or nothing) where the header says numbers go."""
    for r in rows:
        if len(r) != len(means):
            return False
        if any(m in _NUMERIC and not _value(c.text) for c, m in zip(r, means)):
            return False
    return bool(rows)


def _blank(at: int) -> Cell:
    return Cell(text="", span=Span(start=at, end=at))


def _blanks(at: int, n: int) -> list[Cell]:
    """``n`` empty cells at ``at``: one cell, copied per column only in the rows kept (``_numbered``)."""
    return [_blank(at)] * n if n > 0 else []


def _label_led(cells: list[Cell], means: list[Optional[str]]) -> Optional[list[list[Cell]]]:
    """A label, then the values after it filling the value columns from the left."""
    width = len(means)
    fund = {"budget", "executed"} & set(means) and "name1" not in means
    rows: list[list[Cell]] = []
    for c in cells:
        if c.text and not _value(c.text):
            if fund and not FUND_LABEL.search(c.text):
                break
            rows.append([c])
        elif rows:
            rows[-1].append(c)
        elif c.text:
            return None
    out = []
    for r in rows:
        while len(r) > width and not r[-1].text:
            r.pop()
        if len(r) > width:
            return None
        out.append(r + _blanks(r[-1].span.end, width - len(r)))
    return out


def _category_led(cells: list[Cell], means: list[Optional[str]]) -> Optional[list[list[Cell]]]:
    """Indicator rows: up to two categories (or blanks, or 「部门决策(25分)」), the indicator, then the other columns."""
    names = [i for i, m in enumerate(means) if m in _NAMES]
    if len(names) < 2 or names != list(range(len(names))):
        return None
    tail = len(means) - len(names)
    rows: list[list[Cell]] = []
    k = 0
    while k < len(cells):
        prefix = []
        while k < len(cells) and len(prefix) < len(names) - 1 and (
                not cells[k].text or is_category(cells[k].text) or SECTION_LABEL.match(cells[k].text)):
            prefix.append(cells[k])
            k += 1
        if k >= len(cells):
            break
        leaf, rest = cells[k], cells[k + 1:k + 1 + tail]
        k += 1 + tail
        at = leaf.span.start
        row = _blanks(at, len(names) - 1 - len(prefix)) + prefix + [leaf] + rest
        rows.append(row + _blanks(at, len(means) - len(row)))
    return rows


def cut(cells: list[Cell], header: list[Cell]) -> tuple[list[list[Cell]], bool]:
    """The rows of ``cells`` under ``header``, and whether they fit (False: the segment is doubtful)."""
    filled = [h for h in header if h.text]
    last = next((i for i in reversed(range(len(cells))) if _DIGIT.search(cells[i].text)), -1)
    for head in (header, filled):
        means = [column_meaning(h.text) if h.text else None for h in head]
        width = len(head)
        body = cells[:last + 1 + (width - 1 - last % width if last >= 0 else 0)]
        rows = [cells[k:k + width] for k in range(0, len(body), width)]
        if rows and len(rows[-1]) < width:
            rows[-1] = rows[-1] + _blanks(rows[-1][-1].span.end, width - len(rows[-1]))
        if _fits(rows, means):
            return [head] + rows, True
    means = [column_meaning(h.text) for h in filled]
    label_col = sum(1 for m in means if m in _NAMES) <= 1
    head = filled if not label_col or (means and means[0] in _NAMES) else [_blank(filled[0].span.start)] + filled
    means = [column_meaning(h.text) if h.text else "label" for h in head]
    rows = _label_led(cells, means) if label_col else _category_led(cells, means)
    if rows is not None and _fits(rows, means):
        return [head] + rows, True
    width = len(header)
    return [header] + [cells[k:k + width] for k in range(0, len(cells), width)], False


def rebuild_rows(rows: list[Row]) -> tuple[list[Row], bool]:
    """Rows of a layout that writes one cell per line, and whether every segment was rebuilt with confidence.

    Rows that already hold several cells are kept. Cells before the first
    header, and streams without one, stay one cell per row (the 三公 reader
    reads those as a stream).
    """
    if sum(1 for r in rows if len(r.cells) > 1) * 5 > len(rows):
        return rows, True
    return rebuild_cells([c for r in rows for c in r.cells]) or (rows, True)


def rebuild_cells(cells: list[Cell]) -> Optional[tuple[list[Row], bool]]:
    """``rebuild_rows`` of a stream of cells; None when no run of header words cuts it into rows."""
    cells = join_fragments(cells)
    runs: list[tuple[int, int]] = []
    for i, c in enumerate(cells):
        if is_header_cell(c.text):
            if runs and (runs[-1][1] == i or (runs[-1][1] == i - 1 and not cells[i - 1].text)):
                runs[-1] = (runs[-1][0], i + 1)
            else:
                runs.append((i, i + 1))
    runs = [(a, b) for a, b in runs if header_run_ok([cells[k].text for k in range(a, b)])]
    if not runs:
        return None
    out: list[list[Cell]] = [[c] for c in cells[:runs[0][0]]]
    sure = True
    for n, (a, b) in enumerate(runs):
        end = runs[n + 1][0] if n + 1 < len(runs) else len(cells)
        body = cells[b:end]
        while body and not body[-1].text:
            body.pop()
        got, ok = cut(body, cells[a:b])
        out += got
        sure = sure and ok
    return [Row(cells=_numbered(r), span=row_span(r), index=n) for n, r in enumerate(out) if r], sure


def _numbered(cells: list[Cell]) -> list[Cell]:
    """The cells of a rebuilt row, numbered in place; a blank padding several columns is copied for each."""
    pad = None
    for j, c in enumerate(cells):
        if c is pad:
            cells[j] = Cell(c.text, c.span, j)  # a padding blank (``_blanks``): dataclasses.replace is slow
        else:
            c.col, pad = j, c
    return cells
