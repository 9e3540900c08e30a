"""Typed facts: what the parser understood. Checks read these, never raw text.

Facts refer to one another by ``id`` (an index into ``FactSet.facts``) so the
set serialises flat for ``budgetlint facts``.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Literal, Optional, Union

from pydantic import BaseModel, Field

from .model import Span
from .numbers import Interval, half_unit

MONEY = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "万": Decimal(10000),
         "亿元": Decimal(10 ** 8), "亿": Decimal(10 ** 8)}
PERCENT = {"%", "个百分点"}
COUNT = {"人", "名", "个", "辆", "次", "家", "项", "台(套)", "台", "套", "批次", "批", "起", "件", "份", "人次"}


class Num(BaseModel):
    """A stated number with its precision: ``decimals`` digits after the point as written."""

    text: str
    value: Decimal
    decimals: int
    unit: Optional[str] = None
    span: Span
    approx: bool = False

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY

    @property
    def is_count(self) -> bool:
        return self.unit in COUNT

    @property
    def is_percent(self) -> bool:
        return self.unit in PERCENT

    def interval(self, decimals: Optional[int] = None, tail: Decimal = Decimal(0)) -> Interval:
        """Values the written number may stand for; ``decimals`` overrides the written precision."""
        d = self.decimals if decimals is None else max(decimals, self.decimals)
        return Interval.exact(self.value).widen(half_unit(d) + tail)

    def in_unit(self, unit: str) -> Decimal:
        """Value converted to another money unit (万元 ↔ 亿元 …)."""
        return self.value * MONEY[self.unit] / MONEY[unit]


class FactBase(BaseModel):
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
    direction: Literal["up", "down", "none"] = "none"
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


class Completion(FactBase):
    """完成(年初)预算的 X% / 执行率: actual over budget."""

    kind: Literal["completion"] = "completion"
    rate: Num
    base_label: str = ""
    actual: Optional[int] = None
    budget: Optional[int] = None


class Comparison(FactBase):
    """决算数大于/小于/等于年初预算数: the wording against the two numbers."""

    kind: Literal["comparison"] = "comparison"
    relation: Literal[">", "<", "="]
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


Fact = Union[Amount, Share, Breakdown, Change, ChangeBreakdown, Enumeration, Completion, Comparison, Expression, Unparsed, Unreadable]


class FactSet(BaseModel):
    """All facts of one document, addressable by id."""

    facts: list[Fact] = Field(default_factory=list)
    numbers_seen: int = 0
    numbers_used: int = 0

    def add(self, fact: Fact) -> Fact:
        fact.id = len(self.facts)
        self.facts.append(fact)
        return fact

    def get(self, i: Optional[int]):
        return None if i is None else self.facts[i]

    def of(self, kind: type):
        return [f for f in self.facts if isinstance(f, kind)]
