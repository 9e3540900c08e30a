"""Typed facts: what the parser understood. Checks read these, never raw text.

Facts refer to one another by ``id`` (an index into ``FactSet.facts``) so the
set serialises flat for ``budgetlint facts``.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Literal, Optional, Union

from pydantic import BaseModel, Field, PrivateAttr

from . import vocabulary as V
from .model import Compact, Span
from .numbers import Interval, half_unit

_CELL_NUMBER = re.compile(r"^\s*(?P<n>[-−]?\d[\d,，]*(?:\.\d+)?)\s*(?P<u>%|％|分)?\s*$")
_SEPARATORS = re.compile(r"[,，]")
_PLAIN = re.compile(r"[-−]?\d+(?:\.\d+)?")
# full-width digits, point and minus typed in a Word table, one character for one: offsets stay
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")


class Num(Compact):
    """A stated number with its precision: ``decimals`` digits after the point as written."""

    text: str
    value: Decimal
    decimals: int
    unit: Optional[str] = None
    span: Span
    approx: bool = False

    @property
    def is_money(self) -> bool:
        return self.unit in V.MONEY_UNITS

    @property
    def is_count(self) -> bool:
        return self.unit in V.COUNT_UNITS

    @property
    def is_percent(self) -> bool:
        return self.unit in V.PERCENT_UNITS

    def interval(self, decimals: Optional[int] = None, tail: Decimal = Decimal(0)) -> Interval:
        """Values the written number may stand for; ``decimals`` overrides the written precision."""
        d = self.decimals if decimals is None else max(decimals, self.decimals)
        w = half_unit(d) + tail
        return Interval(self.value - w, self.value + w)

    def in_unit(self, unit: str) -> Decimal:
        """Value converted to another money unit (万元 ↔ 亿元 …)."""
        return V.convert(self.value, self.unit, unit)

    @classmethod
    def parse(cls, text: str, span: Span, unit: Optional[str] = None, approx: bool = False) -> "Num":
        """The number written as ``text`` (digits, optional point, optional leading minus) at ``span``."""
        text = text.replace("−", "-")
        point = text.find(".")
        return cls.typed({"text": text, "value": Decimal(text), "decimals": len(text) - point - 1 if point >= 0 else 0,
                          "unit": unit, "span": span, "approx": approx})

    @classmethod
    def from_cell(cls, text: str, start: int = 0, unit: Optional[str] = None) -> Optional["Num"]:
        """The number a table cell holds when it holds one plain number, else None.

        Thousands separators are allowed; a trailing % (or ％) makes it a
        percentage; a trailing 分 is allowed (a score cell). ``start`` is the cell's offset in
        the document, so the span covers the digits as written.
        """
        read = read_cell(text)
        if read is None:
            return None
        at, end, digits, percent = read
        return cls.parse(digits, Span(start=start + at, end=start + end), unit="%" if percent else unit)

    @staticmethod
    @lru_cache(maxsize=8192)
    def cell_value(text: str) -> Optional[tuple[Decimal, int]]:
        """The value and decimals of ``from_cell(text)``, without building the number. A cell's ``number``
        and ``decimals`` ask it for every rule that reads the cell: the answers are kept, as ``read_cell``'s."""
        read = read_cell(text)
        if read is None:
            return None
        digits = read[2].replace("−", "-")
        return Decimal(digits), len(digits.split(".")[1]) if "." in digits else 0


@lru_cache(maxsize=8192)
def read_cell(text: str) -> Optional[tuple[int, int, str, bool]]:
    """Where a cell's one plain number is written in ``text`` (start, end), its digits without separators and
    whether it is a percentage; None when the cell holds no such number. Tables ask it of the same cell texts
    many times (each reader, the coverage, the checks): the answers are kept, a bounded number of them."""
    m = _CELL_NUMBER.match(text.translate(_FULL_WIDTH))
    if not m:
        return None
    digits = _SEPARATORS.sub("", m.group("n"))
    if not _PLAIN.fullmatch(digits):
        return None
    return m.start("n"), m.end("n"), digits, m.group("u") in ("%", "％")


class FactBase(Compact):
    id: int = -1
    span: Span
    sentence: int = 0
    text: str = ""


class Amount(FactBase):
    """「X 为 791.59 万元」: a quantity with its subject, split into entity and role (年初预算/决算 …)."""

    kind: Literal["amount"] = "amount"
    subject: str
    entity: str
    role: str = ""
    key: str
    value: Num
    lead: str = ""  # the words written just before the number, back to the previous punctuation


class Share(FactBase):
    """「占 X 的 85.87%」 attached to the amount ``part`` it follows."""

    kind: Literal["share"] = "share"
    value: Num
    part: Optional[int] = None
    whole_subject: str = ""
    whole: Optional[int] = None


class Breakdown(FactBase):
    """A total and the items that make it up (其中 / 主要用于 / numbered lists), per role."""

    kind: Literal["breakdown"] = "breakdown"
    total: Optional[int] = None
    items: list[int] = []
    role: str = ""
    label: str = ""
    headings: list[str] = []
    partial: bool = False  # 「其中主要有…」 or 「…等」: the items need not reach the total


class Change(FactBase):
    """Year-over-year (or vs budget) change: 增加/减少 X 万元, 增长/下降 Y%."""

    kind: Literal["change"] = "change"
    current: Optional[int] = None
    previous: Optional[int] = None
    base_label: str = ""
    direction: Literal["up", "down", "flat", "none"] = "none"  # flat: 「与上年持平」
    verb: str = ""
    rate_verb: str = ""  # the word before the rate when it is not ``verb`` (「减0.04万元，增0.01%」)
    amount: Optional[Num] = None
    rate: Optional[Num] = None


class ChangeBreakdown(FactBase):
    """A total change followed by the changes of its parts (「较上年增17.1万元…如下：1.工资福利支出…增18.67万元…」)."""

    kind: Literal["change_breakdown"] = "change_breakdown"
    total: int
    items: list[int] = []


class Enumeration(FactBase):
    """「直属事业单位10个，即A、B、…」: a count and the names that follow it."""

    kind: Literal["enumeration"] = "enumeration"
    count: int
    unit: str
    items: list[str] = []
    at_least: int  # items separated by 、
    at_most: int  # also splitting the last item at 和/及
    partial: bool = False  # 「…等」


class Rate(FactBase):
    """A stated rate and what it is computed from: one fact per stated rate.

    「完成年初预算的103.53%」, 「预算执行率为94.00%」 (the grammar: ``actual`` and
    ``budget`` are the amounts of its sentence) or a named rate such as
    「编外人员控制率为25.53%」 (``key`` names it; ``inputs`` are the figures its
    formula takes, found in the same paragraph: extract/rates.py). When the
    amounts of the sentence give the rate, they are its operands and
    ``inputs`` stays empty.
    """

    kind: Literal["rate"] = "rate"
    rate: Num
    base_label: str = ""
    actual: Optional[int] = None
    budget: Optional[int] = None
    key: str = ""  # the rate's name (三公经费控制率 …), "" for 完成预算的X% without one
    inputs: dict[str, Num] = {}
    quarter: Optional[int] = None
    listed: list[Num] = []  # 「分别为 a、b、c及d」 beside an average

    def by_amounts(self, facts: "FactSet") -> bool:
        """Whether the sentence's own amounts give the rate: actual ÷ budget, in one unit, budget not 0."""
        actual, budget = facts.get(self.actual), facts.get(self.budget)
        return actual is not None and budget is not None and actual.value.unit == budget.value.unit \
            and budget.value.value != 0


class ScoreClaim(FactBase):
    """A score restated in prose: the total (「自评得分93.78分（满分100分）」), a section's
    分值 and 得分 (「部门决策满分20分，得分19.9分」) or the 等次 (「评价等次 优」, with the
    score stated just before it)."""

    kind: Literal["score_claim"] = "score_claim"
    claim: Literal["total", "section", "grade"]
    value: Optional[Num] = None
    weight: Optional[Num] = None
    label: str = ""
    grade: str = ""
    context: str = ""  # the clause before the claim (「项目绩效自评得分」: about projects, not the whole)


class Comparison(FactBase):
    """决算数大于/小于/等于年初预算数: the wording against the two numbers."""

    kind: Literal["comparison"] = "comparison"
    relation: Literal[">", "<", "=", "<=", ">="]
    word: str
    left_label: str
    right_label: str
    left: Optional[int] = None
    right: Optional[int] = None
    word_span: Span


class Expression(FactBase):
    """A written calculation such as 「Σ(85.07% + 102.83%) ÷ 4 = 90.69%」."""

    kind: Literal["expression"] = "expression"
    source: str
    terms: list[Num]
    result: Num
    computed: Decimal
    computed_lo: Decimal
    computed_hi: Decimal


class Target(FactBase):
    """An indicator's 年度指标值 against its 实际完成值 (a row of a score table), read and judged
    by extract/targets.py: ``verdict`` is met, not met or not comparable. ``table`` and ``row``
    index the score table (``Context.score_tables``) and its item."""

    kind: Literal["target"] = "target"
    label: str
    target: str
    actual: str
    verdict: Literal["met", "not met", "not comparable"]
    target_reading: str = ""  # how the target was read: 「完成值 >= 5个」
    actual_reading: str = ""
    table: int
    row: int


class ClassItem(FactBase):
    """「X（类）Y（款）Z（项）」 named in prose (extract/items.py): the amounts stated after it,
    up to ``reach`` (an offset of the source), are that 项's."""

    kind: Literal["class_item"] = "class_item"
    names: list[str]  # 类, 款, 项, folded as table labels are
    reach: int


class Hygiene(FactBase):
    """A plain pattern of the text the hygiene rules judge (extract/hygiene.py): a template
    placeholder, alternative or instruction, a year in a heading, 截至 date or comparison,
    a rate without its unit, doubled punctuation."""

    kind: Literal["hygiene"] = "hygiene"
    what: Literal["placeholder", "alternative", "instruction", "heading_year", "until_year", "previous_year",
                  "bare_rate", "doubled"]
    words: list[str] = []  # the pattern's groups: the two alternatives, the year, the word and its number …
    part: Optional[Span] = None  # where the year or number of the match is written
    own_year: Optional[int] = None  # the last year written earlier on the same line


class Unparsed(FactBase):
    """A clause with numbers that no rule of the grammar understood (coverage)."""

    kind: Literal["unparsed"] = "unparsed"
    numbers: int = 0


class Unreadable(FactBase):
    """Lines that cannot be read (pinyin-glossed mirror copy, OCR noise) or a text cut off mid-sentence."""

    kind: Literal["unreadable"] = "unreadable"
    reason: Literal["mirror", "gloss", "ocr", "truncated"]
    lines: int = 0
    characters: int = 0
    share: float = 0.0  # of the document's non-blank characters
    truncated: bool = False


Fact = Union[Amount, Share, Breakdown, Change, ChangeBreakdown, Enumeration, Rate, Comparison, Expression, ScoreClaim,
             Target, ClassItem, Hygiene, Unparsed, Unreadable]


class _ByKind:
    """The first ``filed`` facts of a set, filed by class in order."""

    __slots__ = ("filed", "lists")

    def __init__(self) -> None:
        self.filed, self.lists = 0, {}

    def of(self, facts: list, kind: type) -> list:
        for f in facts[self.filed:]:
            self.lists.setdefault(type(f), []).append(f)
        self.filed = len(facts)
        found = [t for t in self.lists if issubclass(t, kind)]
        if len(found) > 1:  # a base class: the facts of several classes, in the set's order
            return [f for f in facts if isinstance(f, kind)]
        return list(self.lists[found[0]]) if found else []


class FactSet(BaseModel):
    """All facts of one document, addressable by id."""

    facts: list[Fact] = Field(default_factory=list)
    numbers_seen: int = 0  # numbers with a money or percent unit in checkable prose clauses
    numbers_used: int = 0  # … that became facts
    cells_seen: int = 0  # numeric cells of the document's tables
    cells_used: int = 0  # … that a recognised score or 决算 table reads

    @property
    def coverage(self) -> float:
        """Share of the numbers, prose and table cells together, that budgetlint understood."""
        seen = self.numbers_seen + self.cells_seen
        return (self.numbers_used + self.cells_used) / seen if seen else 1.0
    report_year: Optional[int] = None  # the most frequent 「20XX年度」 (else 「20XX年」): extract/hygiene.py
    final_accounts_note: Optional[Span] = None  # the first 「决算」 of a 决算 情况说明: extract/hygiene.py
    _by_kind: _ByKind = PrivateAttr(default_factory=_ByKind)

    def add(self, fact: Fact) -> Fact:
        fact.id = len(self.facts)
        self.facts.append(fact)
        return fact

    def replace(self, i: int, fact: Fact) -> None:
        """Put ``fact`` in the place of fact ``i`` (it takes that id)."""
        fact.id = i
        self.facts[i] = fact
        self._by_kind = _ByKind()

    def get(self, i: Optional[int]):
        return None if i is None else self.facts[i]

    def of(self, kind: type):
        """The facts of ``kind``, in order (a new list). Every rule asks for its kinds, and extraction asks
        between additions: facts are filed by class as they come (they change only through ``add`` and
        ``replace``), so a question costs the length of its answer, not a pass over every fact. The filing
        is read from pydantic's dict of private attributes: reading ``self._by_kind`` goes through
        ``BaseModel.__getattr__``, in Python, for every question."""
        return self.__pydantic_private__["_by_kind"].of(self.facts, kind)
