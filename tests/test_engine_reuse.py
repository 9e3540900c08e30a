"""What the engine works out once and hands to every rule: each answer must be the one asked for."""
from __future__ import annotations

from decimal import Decimal as D

from budgetlint.config import Config
from budgetlint.document import Document
from budgetlint.engine import analyse, lint
from budgetlint.facts import Amount, Num
from budgetlint.numbers import Interval

SUM_OFF = "支出合计100.10万元，其中：基本支出33.33万元，项目支出33.33万元，其他支出33.33万元。"


def _codes(text: str, cfg: Config) -> list[str]:
    return [f.code for f in lint(Document(path="t.txt", text=text), cfg).findings]


def test_each_selection_runs_its_own_rules_in_one_process():
    # 3 × 33.33 = 99.99 against 100.10: BL101 unless the selection leaves it out, whatever ran before
    assert "BL101" in _codes(SUM_OFF, Config())
    assert "BL101" not in _codes(SUM_OFF, Config(ignore=["BL101"]))
    assert "BL101" not in _codes(SUM_OFF, Config(select=["BL2"]))
    assert "BL101" in _codes(SUM_OFF, Config())


def test_intervals_of_money_counts_and_shortened_amounts():
    ctx = analyse(Document(path="t.txt", text="收入合计791.59万元，支出合计475.2万元，车辆5辆。"), Config())
    income, spending = ctx.facts.of(Amount)[:2]
    # 791.59 stands for [791.585, 791.595]; the 0.01 tail widens it by one unit of the last place
    assert ctx.interval(income.value, tail=False) == Interval(D("791.585"), D("791.595"))
    assert ctx.interval(income.value) == Interval(D("791.575"), D("791.605"))
    # 475.2 among amounts written to two places is 475.20: [475.195, 475.205], then the tail
    assert ctx.interval(spending.value) == Interval(D("475.185"), D("475.215"))
    # a count is exact; asked again, the same answer
    cars = Num.parse("5", income.span, unit="辆")
    assert ctx.interval(cars) == Interval(D(5), D(5)) == ctx.interval(cars)


def test_a_value_derived_from_the_document_is_made_once_per_document():
    made = []

    def count_amounts(ctx):
        made.append(ctx)
        return len(ctx.facts.of(Amount))

    first = analyse(Document(path="a.txt", text="收入合计791.59万元。"), Config())
    second = analyse(Document(path="b.txt", text="收入合计791.59万元，支出合计475.20万元。"), Config())
    assert [first.once(count_amounts), first.once(count_amounts), second.once(count_amounts)] == [1, 1, 2]
    assert made == [first, second]


def test_table_rows_are_blanked_with_every_offset_and_line_break_kept():
    from budgetlint.engine import _without
    from budgetlint.model import Span

    text = "ab\ncd\nef"  # a0 b1 \n2 c3 d4 \n5 e6 f7
    assert _without(text, [Span(1, 5)]) == "a \n  \nef"
    # overlapping and unordered spans: each character blanked once, the text keeps its length
    assert _without(text, [Span(3, 7), Span(1, 5)]) == "a \n  \n f"
    assert _without(text, []) is text
