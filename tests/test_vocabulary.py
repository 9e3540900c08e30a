"""Every comparison and direction word of the vocabulary, against figures that contradict it.

The figures are chosen by hand so that the word is wrong whatever the
rounding: 120 against 100 is neither 少于 nor 等于 nor 未超过; a fall from 100
to 80 is no 增加. Each word must produce a finding on the word (or its
figure), and the same sentence with figures that agree with it none.
"""
from __future__ import annotations

import pytest

from budgetlint import vocabulary as V
from budgetlint.config import Config
from budgetlint.document import Document
from budgetlint.engine import lint


def findings(text: str) -> list[tuple[str, str]]:
    return [(f.code, text[f.span.start:f.span.end]) for f in lint(Document(path="t.txt", text=text), Config()).findings]


# (actual, budget) that contradict / agree with each relation
CONTRADICT = {">": ("100.00", "120.00"), ">=": ("100.00", "120.00"), "<": ("120.00", "100.00"),
              "<=": ("120.00", "100.00"), "=": ("120.00", "100.00")}
AGREE = {">": ("120.00", "100.00"), ">=": ("120.00", "100.00"), "<": ("100.00", "120.00"),
         "<=": ("100.00", "120.00"), "=": ("100.00", "100.00")}
COMPARE = "年初预算为{b}万元，支出决算为{a}万元。决算数{w}年初预算数的主要原因是项目调整。"


@pytest.mark.parametrize("word", sorted(V.COMPARISON))
def test_comparison_word_against_contradicting_figures(word):
    a, b = CONTRADICT[V.COMPARISON[word]]
    assert findings(COMPARE.format(a=a, b=b, w=word)) == [("BL701", word)]
    a, b = AGREE[V.COMPARISON[word]]
    assert findings(COMPARE.format(a=a, b=b, w=word)) == []


def test_issue_example_less_than_with_120_against_100():
    text = "年初预算为100万元，支出决算为120万元。决算数少于年初预算数的主要原因是项目增加。"
    assert findings(text) == [("BL701", "少于")]


# a rise from 80 to 100 (+20, +25%) and a fall from 100 to 80 (−20, −20%)
CHANGE = "本年支出{cur}万元，上年支出{prev}万元，{w}{x}。"


def _figure(word: str, up: bool) -> str:
    """The change the word states: a rate for 增长率/增幅 …, otherwise an amount."""
    rate = word.endswith(("率", "幅"))
    return ("25.00%" if up else "20.00%") if rate else "20.00万元"


@pytest.mark.parametrize("word", V.UP_WORDS)
def test_up_word_against_a_fall(word):
    got = findings(CHANGE.format(cur="80.00", prev="100.00", w=word, x=_figure(word, up=False)))
    assert [c for c, _ in got] == ["BL403"], got
    assert findings(CHANGE.format(cur="100.00", prev="80.00", w=word, x=_figure(word, up=True))) == []


@pytest.mark.parametrize("word", V.DOWN_WORDS)
def test_down_word_against_a_rise(word):
    got = findings(CHANGE.format(cur="100.00", prev="80.00", w=word, x=_figure(word, up=True)))
    assert [c for c, _ in got] == ["BL403"], got
    assert findings(CHANGE.format(cur="80.00", prev="100.00", w=word, x=_figure(word, up=False))) == []


def test_grammar_terminals_come_from_the_vocabulary():
    """A word added to the vocabulary is a terminal of the clause grammar (no second list to forget)."""
    from budgetlint.extract.parse import parse_clause

    for word in V.COMPARISON:
        pieces = parse_clause(f"决算数{word}预算数")
        assert pieces and pieces[0].kind == "compare" and pieces[0].word == word
    for word in V.UP_WORDS + V.DOWN_WORDS:
        pieces = parse_clause(f"比上年{word}5.00%")
        assert pieces and pieces[-1].kind == "change" and pieces[-1].word == word, word
    for unit in V.MONEY_UNITS:
        pieces = parse_clause(f"支出合计为12.5{unit}")
        assert pieces and pieces[0].number.unit == unit


@pytest.mark.parametrize("word", V.NO_CHANGE_WORDS)
def test_no_change_word_against_a_change(word):
    """「与上年持平」 beside two years that differ by 20.00 is wrong; beside equal ones it is not."""
    text = "本年支出{cur}万元，上年支出100.00万元，与上年相比{w}。"
    assert [c for c, _ in findings(text.format(cur="120.00", w=word))] == ["BL403"]
    assert findings(text.format(cur="100.00", w=word)) == []


def test_every_comparison_word_belongs_to_a_register():
    """The suggested correction keeps the author's register, so every word needs one."""
    assert {w for r in V.COMPARISON_REGISTERS for w in r} == set(V.COMPARISON)


@pytest.mark.parametrize("word, actual, expected", [
    ("少于", ">", "多于"), ("多于", "<", "少于"), ("低于", ">", "高于"), ("大于", "<", "小于"),
    ("未超过", ">", "超过"), ("超过", "<", "未超过"), ("不足", ">", "超过"), ("不低于", "<", "低于"),
])
def test_the_correction_keeps_the_register(word, actual, expected):
    """120 against 100 written with the wrong word: the suggestion is the right word of the same register."""
    assert V.correct_comparison(word, actual) == expected
    a, b = {">": ("120.00", "100.00"), "<": ("100.00", "120.00")}[actual]
    text = COMPARE.format(a=a, b=b, w=word)
    (f,) = lint(Document(path="t.txt", text=text), Config()).findings
    assert f.evidence.suggestion == expected
