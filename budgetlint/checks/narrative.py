"""BL610–BL639: the 情况说明 against the 决算 tables it restates.

Each amount the prose states about a quantity a standard table also holds
(收入支出总计, 本年收入合计, 财政拨款收入, 基本支出, 项目支出, each 类 and 项 of
一般公共预算财政拨款支出, 人员经费, 公用经费, the “三公” items, 机关运行经费,
政府采购 …) is compared with the table cell. The subject of an amount is read
from its fact (``Amount.entity``) and mapped to a table quantity by the
phrase it ends with; 「X（类）Y（款）Z（项）……支出决算为 N 万元」 items are mapped
to the matching 项 row.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Optional

from .. import vocabulary as V
from ..facts import Amount, Breakdown, ClassItem, Share
from ..model import Evidence, Operand, Severity
from ..numbers import corners, fmt, round_to
from ..tables.final_accounts import FinalTable, Line, is_blank, plain, squash
from ..tables.model import Cell
from . import rule
from ..tables.three_public import keyed
from ..tables.vocabulary import THREE_ZH
from ._cells import by_kind, cell_interval, label
from ._util import per_document, report_recomputed

Found = Optional[tuple[str, Cell]]
_YEAR = re.compile(r"(20\d\d)\s*年")


def _line_cell(ctx, kind: str, names: tuple[str, ...], column: Optional[str] = None, side: Optional[int] = None) -> Found:
    t = by_kind(ctx, kind)
    ln = t.find(*names, side=side) if t else None
    if ln is None:
        return None
    col, cell = (column, ln.cells.get(column)) if column else next(iter(ln.cells.items()), (None, None))
    return (label(t, ln, col or ""), cell) if cell is not None else None


def _total_cell(ctx, kind: str, column: str) -> Found:
    t = by_kind(ctx, kind)
    ln = t.total_line() if t else None
    if ln is None or column not in ln.cells:
        return None
    return label(t, ln, column), ln.cells[column]


def _first(*getters: Callable[[], Found]) -> Found:
    for g in getters:
        found = g()
        if found:
            return found
    return None


@per_document
def _keyed(ctx) -> list[tuple]:
    """(table, its cells by (item, role)) for every 三公 table."""
    return [(t, keyed(t)) for t in ctx.three_public]


def _three(item: str):
    def get(ctx, role: str) -> Found:
        keys = ["budget"] if role.startswith("budget") else ["actual"] if role else ["actual", "budget"]
        t, key, cells = next(((t, k, cells) for t, cells in _keyed(ctx) for k in keys if (item, k) in cells),
                             (None, "", None))
        if t is None:
            return None  # an amount naming no role takes the table's only amount column
        word = "预算数" if key == "budget" else "决算数"
        return f"{t.title}·{item_zh[item]}·{word}", cells[(item, key)]
    return get


item_zh = THREE_ZH


def _actual(f):
    return lambda ctx, role: None if role.startswith("budget") else f(ctx)


# (folded phrase the subject ends with, resolver(ctx, role) -> (label, cell)); the longest phrase a subject
# ends with names it (most specific first: no phrase ends with one listed before it)
QUANTITIES: list[tuple[str, Callable]] = [
    ("财政拨款收入支出总计", _actual(lambda c: _line_cell(c, "fiscal_summary", ("总计",), side=0))),
    ("收入支出总计", _actual(lambda c: _line_cell(c, "summary", ("总计",), side=0))),
    ("收入总计", _actual(lambda c: _line_cell(c, "summary", ("总计",), side=0))),
    ("支出总计", _actual(lambda c: _line_cell(c, "summary", ("总计",), side=1))),
    ("收入合计", _actual(lambda c: _first(lambda: _line_cell(c, "summary", ("本年收入合计",), side=0),
                                          lambda: _total_cell(c, "income", "本年收入合计")))),
    ("支出合计", _actual(lambda c: _first(lambda: _line_cell(c, "summary", ("本年支出合计",), side=1),
                                          lambda: _total_cell(c, "expenditure", "本年支出合计")))),
    ("一般公共预算财政拨款基本支出", _actual(lambda c: _total_cell(c, "gpb_expenditure", "基本支出"))),
    ("一般公共预算财政拨款项目支出", _actual(lambda c: _total_cell(c, "gpb_expenditure", "项目支出"))),
    ("一般公共预算财政拨款支出", _actual(lambda c: _total_cell(c, "gpb_expenditure", "合计"))),
    ("三公经费财政拨款支出", _three("total")),
    ("三公经费支出", _three("total")),
    ("三公经费", _three("total")),
    ("因公出国境费", _three("abroad")),
    ("公务用车购置及运行维护费", _three("cars")),
    ("公务用车购置及运行费", _three("cars")),
    ("公务用车购置费", _three("buy")),
    ("公务用车购置", _three("buy")),
    ("公务用车运行维护费", _three("run")),
    ("公务用车运行费", _three("run")),
    ("公务用车运行维护", _three("run")),
    ("公务用车运行", _three("run")),
    ("公务接待费", _three("reception")),
    ("人员经费", _actual(lambda c: _line_cell(c, "gpb_basic", ("人员经费合计", "人员经费")))),
    ("公用经费", _actual(lambda c: _line_cell(c, "gpb_basic", ("公用经费合计", "公用经费")))),
    ("机关运行经费", _actual(lambda c: _line_cell(c, "office_running", ("合计", "机关运行经费", "机关运行经费支出")))),
    ("政府采购金额", _actual(lambda c: _line_cell(c, "procurement", ("合计", "政府采购金额", "政府采购支出")))),
]
for _name in ("财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"):
    QUANTITIES.append((_name, _actual(lambda c, n=_name: _total_cell(c, "income", n))))
for _name in ("基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"):
    QUANTITIES.append((_name, _actual(lambda c, n=_name: _total_cell(c, "expenditure", n))))

_RESOLVERS = dict(QUANTITIES)
_QUANTITY = re.compile("(?:%s)\\Z" % "|".join(map(re.escape, _RESOLVERS)))  # the leftmost match: the longest
_ROLE_TAIL = re.compile(r"(?:支出决算数?|决算数?|实际支出|金额)$")
_SPENDING_TAIL = re.compile(r"支出$")
_CLASS = re.compile(r"[(（]类[)）]")
_KUAN_XIANG = re.compile(r"[(（][款项][)）]")
_YEARS = re.compile(r"\d{4}年度?")


_GENERIC = ("", "支出")


@per_document
def _by_sentence(ctx) -> dict[int, list[Amount]]:
    by_sentence: dict[int, list[Amount]] = {}
    for a in ctx.facts.of(Amount):
        by_sentence.setdefault(a.sentence, []).append(a)
    return by_sentence


def _subject(ctx, a: Amount) -> str:
    """The words naming the amount: its entity; for a bare 「支出决算为…」 the entity of the amount
    before it in the sentence; else the text just before the number."""
    if a.entity not in _GENERIC:
        return a.entity
    prev = [b for b in _by_sentence(ctx).get(a.sentence, []) if b.id < a.id and b.entity not in _GENERIC]
    if prev and a.role:
        return prev[-1].entity
    return a.lead


def _candidates(subject: str) -> list[str]:
    s = _YEARS.sub("", plain(subject))
    out = [s]
    t = _ROLE_TAIL.sub("", s)
    out += [t, _SPENDING_TAIL.sub("", t)]
    return list(dict.fromkeys(x for x in out if x))


def resolve(ctx, a: Amount) -> Found:
    """The table cell holding the quantity the amount's subject names, if any."""
    subject = a.subject if _CLASS.search(a.subject) else _subject(ctx, a)
    if _class_first(subject):
        subject = a.lead  # 「一般公共服务支出\n（类）2106.66」: the name sits on the line above
    return resolve_subject(ctx, subject, a.role)


def resolve_subject(ctx, subject: str, role: str = "") -> Found:
    named = _named(subject)
    if named is None:
        return None
    cells = _resolved(ctx)
    if (named, role) not in cells:
        what, name = named
        cells[(named, role)] = _class_cell(ctx, name) if what == "class" else _RESOLVERS[name](ctx, role)
    return cells[(named, role)]


def _class_cell(ctx, name: str) -> Found:
    """The 合计 cell of the 类 ``name`` in 一般公共预算财政拨款支出决算表."""
    t = by_kind(ctx, "gpb_expenditure")
    ln = next((x for x in t.classes() if x.name == name), None) if t else None
    return (label(t, ln, "合计"), ln.cells["合计"]) if ln and "合计" in ln.cells else None


@per_document
def _resolved(ctx) -> dict[tuple[tuple[str, str], str], Found]:
    """The cell of each (quantity, role) looked up: the prose states the same few quantities again and again."""
    return {}


@lru_cache(maxsize=4096)
def _named(subject: str) -> Optional[tuple[str, str]]:
    """What a subject names: ("class", the 类 folded) for 「X（类）」 without 款 or 项, ("quantity", the phrase
    of ``QUANTITIES`` it ends with), or None. Kept: documents repeat their subjects."""
    if _CLASS.search(subject) and not _KUAN_XIANG.search(subject):
        return "class", plain(_CLASS.split(subject)[0])
    for cand in _candidates(subject):
        m = _QUANTITY.search(cand)
        if m:
            return "quantity", m.group()
    return None


@lru_cache(maxsize=4096)
def _class_first(subject: str) -> bool:
    """Whether the subject opens with 「（类）」: its name was written on the line above."""
    return bool(_CLASS.match(squash(subject)))


def _item_row(t: FinalTable, names: list[str]) -> Optional[Line]:
    lei = next((x for x in t.classes() if x.name == names[0]), None)
    if lei is None:
        return None
    kuan = next((x for x in t.lines if len(x.code) == 5 and x.code.startswith(lei.code) and x.name == names[1]), None)
    if kuan is None:
        return None
    return next((x for x in t.lines if len(x.code) == 7 and x.code.startswith(kuan.code) and x.name == names[2]), None)


def resolve_item(ctx, a: Amount, items: list[ClassItem]) -> Found:
    """「……（项）。……支出决算为 N 万元」: the 项 row of 一般公共预算财政拨款支出决算表."""
    if a.entity not in _GENERIC or not (a.role == "actual" or re.search(r"决算数?为?$", a.lead)):
        return None  # 「支出决算为\n449.52万元」 lost its words to the line break: read them from the text
    before = [it for it in items if it.span.end <= a.value.span.start]
    if not before or a.value.span.start > before[-1].reach:
        return None
    t = by_kind(ctx, "gpb_expenditure")
    ln = _item_row(t, before[-1].names) if t else None
    return (label(t, ln, "合计"), ln.cells["合计"]) if ln and "合计" in ln.cells else None


def _other_year(a: Amount, year: Optional[int]) -> bool:
    return bool(year) and bool(_years(a.subject) - {year})


@lru_cache(maxsize=4096)
def _years(subject: str) -> frozenset[int]:
    """The years 「20XX年」 a subject names (kept: documents repeat their subjects)."""
    return frozenset(int(y) for y in _YEAR.findall(subject))


@per_document
def comparisons(ctx) -> list[tuple[Amount, str, Cell]]:
    """(amount, table label, table cell) for every prose amount a table also holds."""
    return list(_comparisons(ctx)) if ctx.final_tables or ctx.three_public else []


def _comparisons(ctx):
    year = ctx.facts.report_year
    items = ctx.facts.of(ClassItem)
    for a in ctx.facts.of(Amount):
        if not a.value.is_money or a.value.approx or _other_year(a, year):
            continue
        found = resolve_item(ctx, a, items) or resolve(ctx, a)
        if found and found[1] is not None:
            yield a, found[0], found[1]


def _prose_interval(ctx, a: Amount, unit: str):
    iv = ctx.interval(a.value)
    if a.value.unit != unit and unit in V.MONEY_UNITS:
        k = V.convert(Decimal(1), a.value.unit, unit)
        return iv.scale(k), a.value.value * k
    return iv, a.value.value


def _table_unit(ctx, cell: Cell) -> str:
    """The unit of the first table whose span holds the cell, else 万元."""
    return next((unit for span, unit in _table_spans(ctx) if span.start <= cell.span.start <= span.end), "万元")


@per_document
def _table_spans(ctx) -> list[tuple]:
    """(span, unit) of every 决算 and 三公 table (a 决算 table's span is worked out from its parts)."""
    return [(t.span, t.unit) for t in ctx.final_tables + ctx.three_public]


@rule("BL610", "narrative-vs-table", Severity.ERROR)
def narrative_vs_table(ctx) -> None:
    """情况说明中的金额与决算表不符 — the prose states a different figure than the table.

    What it checks: the 情况说明 restates the tables: 「本年收入合计 2946.25 万元」 must be the
    收入支出决算总表's 本年收入合计, 「一般公共预算财政拨款基本支出 5377.64 万元」
    the 基本支出 合计 of 一般公共预算财政拨款支出决算表, 「人员经费 4896.98 万元」 its
    人员经费合计, each 类 and 项 the matching row, the “三公” items the 三公 table.
    Rounding and the 0.01 tail are allowed; the finding names the prose number
    and the table cell.

    Why it matters: the 情况说明 explains the tables; a figure that differs from its table misinforms
    readers who read only the text.

    Example: 「人员经费 4896.98 万元」 while the 基本支出决算表 holds 人员经费合计 4884.09.

    Fix: correct the prose (or the table) so the two agree.
    """
    for a, where, cell in comparisons(ctx):
        unit = _table_unit(ctx, cell)
        t_iv = cell_interval(ctx, cell)
        if t_iv is None or _left_blank(cell):
            continue  # a blank cell is BL613's
        p_iv, p_val = _prose_interval(ctx, a, unit)
        value = cell.number if cell.number is not None else Decimal(0)
        if p_iv.overlaps(t_iv):
            continue
        d = max(cell.decimals, ctx.decimals(a.value))
        shown = cell.text.strip() or "0"
        ctx.report(
            a.value.span,
            zh=f"所述 {a.value.text}{a.value.unit} 与 {where} {shown}{unit} 不符，相差 {fmt(abs(p_val - value), d)}{unit}",
            en=f"the prose states {a.value.text} {a.value.unit}, but {where} holds {shown} {unit} (difference {fmt(abs(p_val - value), d)})",
            evidence=Evidence(stated=f"{a.value.text}{a.value.unit}", recomputed=f"{shown}{unit}",
                              operands=[Operand(label=where, value=f"{shown}{unit}", span=cell.span)],
                              difference=fmt(p_val - value, d), suggestion=f"{shown}{unit}"),
            related=[cell.span],
        )


@rule("BL611", "narrative-table-tail", Severity.INFO)
def narrative_table_tail(ctx) -> None:
    """情况说明与决算表仅差尾数 — the prose differs from the table by the 0.01 tail only.

    What it checks: 「社会保障和就业支出（类）326.72 万元」 where the table holds 326.71: the
    0.01 元→万元 tail convention explains it, so it is not an error; shown for
    readers who want the prose to copy the table exactly.

    Why it matters: a cent apart is explained by rounding, but readers who compare text and table
    will ask; the note tells them why.

    Example: 「社会保障和就业支出（类）326.72 万元」 where the table holds 326.71.

    Fix: copy the table's figure.
    """
    for a, where, cell in comparisons(ctx):
        unit = _table_unit(ctx, cell)
        t_iv = cell_interval(ctx, cell)
        if t_iv is None or cell.number is None:
            continue
        p_iv, p_val = _prose_interval(ctx, a, unit)
        d = max(cell.decimals, ctx.decimals(a.value))
        if p_iv.overlaps(t_iv) and round_to(p_val, d) != round_to(cell.number, d) and a.value.unit == unit:
            ctx.report(a.value.span,
                       zh=f"所述 {a.value.text}{a.value.unit} 与 {where} {cell.text.strip()}{unit} 仅差尾数",
                       en=f"the prose states {a.value.text} {a.value.unit}; {where} holds {cell.text.strip()} {unit} (tail difference only)",
                       evidence=Evidence(stated=f"{a.value.text}{a.value.unit}", recomputed=f"{cell.text.strip()}{unit}",
                                         operands=[Operand(label=where, value=cell.text.strip(), span=cell.span)]),
                       related=[cell.span])


def _share_cells(ctx, sh: Share, found: dict[int, tuple[str, Cell]]):
    """(part, whole) table cells of a share: its amounts' cells, or the cell its 「占X的」 names."""
    part = found.get(sh.part) if sh.part is not None else None
    whole = found.get(sh.whole) if sh.whole is not None else None
    if whole is None and sh.whole_subject:
        whole = resolve_subject(ctx, re.sub(r"的$", "", sh.whole_subject))
    return part, whole


def _same_figure(ctx, amount_id, cell: Cell) -> bool:
    """Whether the prose amount states exactly the figure of the table cell (same unit, same value)."""
    a = ctx.facts.get(amount_id)
    return a is not None and a.value.unit == _table_unit(ctx, cell) and cell.number == a.value.value


@rule("BL612", "share-vs-table", Severity.ERROR)
def share_vs_table(ctx) -> None:
    """情况说明中的占比与决算表不符 — a stated share is not part ÷ whole of the table values.

    What it checks: 「一般公共预算财政拨款支出 9746.50 万元，占本年支出合计的 99.86%」: the tables hold
    9746.50 and 9759.38, whose ratio is 99.87%. The share is recomputed from
    the table cells with their rounding intervals. When the prose itself
    states the table's figures, the share is BL201's (one finding for one
    contradiction), unless BL201 is not selected.

    Why it matters: a share that the table's figures do not give misstates a proportion readers rely
    on.

    Example: 「一般公共预算财政拨款支出 9746.50 万元，占本年支出合计的 99.86%」 where the tables hold 9746.50 and 9759.38
    (99.87%).

    Fix: write the share the table values give.
    """
    found = {a.id: (where, cell) for a, where, cell in comparisons(ctx)}
    if not found:
        return
    by_prose = ctx.config.enabled("BL201")
    for sh in ctx.facts.of(Share):
        part, whole = _share_cells(ctx, sh, found)
        if not part or not whole or not sh.value.is_percent:
            continue
        if by_prose and _same_figure(ctx, sh.part, part[1]) and _same_figure(ctx, sh.whole, whole[1]):
            continue  # the prose states the table's figures: BL201 recomputes the share from them
        p_iv, w_iv = cell_interval(ctx, part[1]), cell_interval(ctx, whole[1])
        if p_iv is None or w_iv is None or w_iv.hi <= 0:
            continue
        iv = corners(lambda x, y: x / y * 100, p_iv, w_iv)
        if iv is None or iv.overlaps(ctx.interval(sh.value)):
            continue
        d = sh.value.decimals
        value = part[1].number / whole[1].number * 100
        report_recomputed(
            ctx, sh.value, value,
            zh=f"占比 {sh.value.text}% 与决算表不符：{part[0]} {part[1].text.strip()} ÷ {whole[0]} {whole[1].text.strip()} = {fmt(value, d)}%",
            en=f"share {sh.value.text}% differs from the tables: {part[1].text.strip()} / {whole[1].text.strip()} = {fmt(value, d)}%",
            operands=[Operand(label=part[0], value=part[1].text.strip(), span=part[1].span),
                      Operand(label=whole[0], value=whole[1].text.strip(), span=whole[1].span)],
            decimals=d, unit="%",
        )


def _left_blank(cell: Cell) -> bool:
    """Empty, a dash or 「单位不需填列」 written in the cell itself (not a cell covered by a merge)."""
    return not cell.merged and is_blank(cell)


_PREVIOUS = re.compile(r"上年|上一年|去年|同期|上年度")


def _role(ctx, a: Amount) -> str:
    """The amount's role (budget/actual), else that of the breakdown listing it (「决算为…，其中：…」)."""
    if a.role:
        return "budget" if a.role.startswith("budget") else a.role
    bd = next((b for b in ctx.facts.of(Breakdown) if a.id in b.items and b.role), None)
    return ("budget" if bd.role.startswith("budget") else bd.role) if bd else ""


def _matches_column(ctx, a: Amount, cell: Cell) -> bool:
    """Whether the amount's role names the cell's column without doubt: a 决算 table cell holds an
    actual; a 三公 cell the column its role names, or the item's only amount column."""
    role = _role(ctx, a)
    for t, cells in _keyed(ctx):
        keys = [k for k, c in cells.items() if c is cell]
        if keys:
            if t.doubtful is not None or len(keys) > 1:
                return False  # rows dropped by the export, or one blank standing for two columns: not read with confidence
            (item, key), = keys
            both = (item, "budget") in cells and (item, "actual") in cells
            return role == key or (not role and not both)
    return role in ("", "actual")


@rule("BL613", "blank-cell-vs-narrative", Severity.WARNING)
def blank_cell_vs_narrative(ctx) -> None:
    """情况说明所述金额在表中为空 — the prose states an amount whose table cell is left blank.

    What it checks: an amount the 情况说明 states for an item (「公务接待费 0.95 万元」) whose cell in
    the 三公 or 决算 table is left empty, or holds a dash or 「/」. Only when the
    amount is not zero and its role (预算/决算) and year name that cell's row and
    column without doubt, and never in a table whose rows could not be rebuilt.
    The finding stands at the prose amount; its evidence names the blank cell.

    Why it matters: a blank or a dash reads as nothing spent; readers of the table and readers of the
    text are told two different things, and a table's sums silently leave the
    item out.

    Example: 「公务接待费 0.95 万元」 while the 三公 table's 公务接待费 决算数 cell is empty.

    Fix: fill the cell with the amount (or correct the prose if nothing was spent).
    """
    for a, where, cell in comparisons(ctx):
        if not _left_blank(cell) or a.value.value == 0 or _PREVIOUS.search(a.subject + a.lead):
            continue
        if not _matches_column(ctx, a, cell):
            continue
        shown = cell.text.strip()
        zh_cell, en_cell = (f"为「{shown}」", f"holds 「{shown}」") if shown else ("为空", "is blank")
        ctx.report(
            a.value.span,
            zh=f"所述 {a.value.text}{a.value.unit}，而 {where} {zh_cell}",
            en=f"the prose states {a.value.text} {a.value.unit}, but {where} {en_cell}",
            evidence=Evidence(stated=f"{a.value.text}{a.value.unit}", recomputed=shown or "（空）",
                              operands=[Operand(label=where, value=shown or "（空）", span=cell.span)],
                              suggestion=f"{a.value.text}{a.value.unit}"),
            related=[cell.span],
        )
