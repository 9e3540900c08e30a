"""The compiled clause parser (lark-cython) reads every clause as Lark's own Python parser does."""
import re
from pathlib import Path

import pytest
from lark import Lark, UnexpectedInput

from budgetlint.extract.parse import _ToPieces, clause_grammar, clause_parser, parse_clause
from budgetlint.normalize import normalize
from budgetlint.segment import segment

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(scope="module")
def python_parser() -> Lark:
    return Lark(clause_grammar(), parser="lalr", lexer="contextual", maybe_placeholders=False, transformer=_ToPieces())


def _pieces(parser: Lark, text: str):
    try:
        return parser.parse(text)
    except UnexpectedInput:
        return None


def test_the_compiled_parser_is_in_use():
    assert type(clause_parser().parser.parser).__module__.startswith("lark_cython")


def test_one_clause_read_by_both(python_parser):
    for parser in (clause_parser(), python_parser):
        (piece,) = parser.parse("其他收入30万元")
        assert (piece.kind, piece.subject.text, piece.number.text, piece.number.unit) == ("amount", "其他收入", "30", "万元")
        assert (piece.start, piece.end) == (0, 6)  # 其他收入30: the piece ends with its digits


def test_every_corpus_clause_read_alike(python_parser):
    paths = sorted(CORPUS.glob("*.txt")) + sorted((CORPUS / "wild").glob("*.txt")) + sorted((CORPUS / "crossdoc").glob("*.txt"))
    seen = set()
    for path in paths:
        norm = normalize(path.read_text(encoding="utf-8"))
        for s in segment(norm):
            seen.update(norm.text[a:b] for a, b in s.clauses)
    assert len(seen) > 3000
    understood = 0
    for text in sorted(seen):
        compiled = _pieces(clause_parser(), text)
        assert compiled == _pieces(python_parser, text), text
        assert parse_clause(text) == compiled, text  # lark-cython called directly
        understood += compiled is not None
    assert understood > len(seen) // 2


def test_first_characters_of_keywords():
    from budgetlint.extract.parse import first_characters

    # a look-behind consumes nothing, an optional character lets the next one begin, a class gives all its own
    first = re.compile("[" + first_characters(r"(?<![同对])比|所?占|[与\d]{1,2}相比") + "]")
    assert [c for c in "比所占与7同对相x" if first.match(c)] == ["比", "所", "占", "与", "7"]
    with pytest.raises(ValueError):
        first_characters(r"a|.b")  # any character may begin it: no set to skip by


@pytest.mark.parametrize("text", ["其他收入30万元", "其中基本支出20万元", "为民服务支出为5万元", "(1)项目支出完成率95%",
                                  "与上年相比增加3万元", "所占比例为10%"])
def test_text_skips_the_keyword_check_only_where_no_keyword_begins(text):
    """TEXT with its shortcut (a run of characters none of which begins a keyword) matches what the plain
    form (the keyword look-ahead at every character) matches, at every position."""
    grammar = clause_grammar()
    fast = re.compile(re.search(r"^TEXT: /(.*)/$", grammar, re.M).group(1))
    keywords = re.search(r"\(\?!(.*)\)\[\^\\s\\d,;:。%\]\)\+/$", grammar, re.M).group(1)
    plain = re.compile(rf"(?:(?!{keywords})[^\s\d,;:。%])+")
    for i in range(len(text)):
        a, b = fast.match(text, i), plain.match(text, i)
        assert (a and a.group()) == (b and b.group()), (text, i)


def test_a_subject_with_blanks_and_a_date_is_one_piece():
    # 「2023年 支出合计」 is the subject (the blank dropped from its text, kept in its span: 0–10); the
    # number 30 follows at 10–12 with its unit
    (piece,) = parse_clause("2023年 支出合计30万元")
    assert (piece.kind, piece.subject.text, piece.subject.start, piece.subject.end) == ("amount", "2023年支出合计", 0, 10)
    assert (piece.number.text, piece.number.start, piece.number.end, piece.number.unit) == ("30", 10, 12, "万元")


def test_checkable_numbers_are_money_and_percent_outside_dates():
    from budgetlint.extract.parse import count_checkable_numbers

    # 30万元 and 85.5% count; 2023年 is a date, 3个 a count, 第2 an ordinal, 12月31日 a date
    assert count_checkable_numbers("2023年支出30万元，占85.5%，共3个项目，第2批") == 2
    assert count_checkable_numbers("12月31日余额5元") == 1
    assert count_checkable_numbers("1.2.3万元") == 1  # 「1.2」 has no unit; 「3万元」 has
    assert count_checkable_numbers("增长3.2亿吨") == 0  # a bare 亿 is no money


def test_direct_tables_read_a_list_as_lark_does_and_refuse_other_inlined_rules():
    """``_direct_tables`` keeps the list of a ``(...)*`` as a plain list (Lark builds a Tree and splices it):
    the same values on a small grammar; a rule inlined elsewhere than first is refused, not misread."""
    import lark_cython
    from lark import Transformer

    from budgetlint.extract.parse import _direct_tables

    class Words(Transformer):
        def start(self, items):
            return [t.value for t in items]

    def direct(grammar: str):
        lark = Lark(grammar, parser="lalr", transformer=Words(), _plugins=lark_cython.plugins)
        frontend = lark.parser
        parser = lark_cython.lark_cython._Parser(*_direct_tables(frontend.parser._parse_table,
                                                                 frontend.parser_conf.callbacks))
        return lambda text: parser.parse(lark_cython.lark_cython.LexerThread.from_text(frontend.lexer, text), "start")

    listed = 'start: (A | B)* C?\nA: "a"\nB: "b"\nC: "c"'
    parse = direct(listed)
    assert parse("abbac") == ["a", "b", "b", "a", "c"] == Lark(listed, parser="lalr", transformer=Words()).parse("abbac")
    assert parse("") == [] and parse("c") == ["c"]
    with pytest.raises(ValueError):
        direct('start: A _rest\n_rest: B C\nA: "a"\nB: "b"\nC: "c"')
