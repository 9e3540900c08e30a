"""The compiled clause parser (lark-cython) reads every clause as Lark's own Python parser does."""
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
