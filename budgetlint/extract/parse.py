"""Parser driver: clauses → Lark parse trees → pieces → facts.

The grammar (grammars/statements.lark) recognises the pieces of one clause
(an amount, a share, a change, a completion rate …). ``Assembler`` then links
pieces across clauses, sentences and paragraphs into facts: a share to the
amount it follows and to its whole, a 其中 list to its total, a change to
the amount it describes. Only clauses holding a digit are parsed.
"""
from __future__ import annotations

import re
from copy import copy
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

try:  # the regex parser Lark uses too: named re._parser since Python 3.11
    import re._constants as sre_constants
    import re._parser as sre_parse
except ImportError:
    import sre_constants
    import sre_parse

import lark_cython
from lark import Lark, Token, Transformer, UnexpectedInput
from lark.parsers.lalr_analysis import IntParseTable, Reduce

from ..grammar_cache import CachedRegexes, cache_dir, cached_lark

from .. import vocabulary as V
from ..lazyre import lazy_compile

_KEYWORD_TERMINAL = re.compile(r"^[A-Z]+\.[35]: /(.*)/$", re.M)
# grammar placeholders filled with the words of budgetlint/vocabulary.py
VOCABULARY_TERMINALS = {
    "UNIT": V.UNITS,
    "DIR": V.UP_WORDS + V.DOWN_WORDS + V.NEUTRAL_CHANGE_WORDS,
    "CMP": tuple(V.COMPARISON),
    "NOCHANGE": V.NO_CHANGE_WORDS,
}


@lru_cache(maxsize=None)
def grammar(name: str) -> str:
    return resources.files("budgetlint.grammars").joinpath(name).read_text(encoding="utf-8")


# the token classes the transformer may be given: lark-cython's parser hands it its own tokens
_TOKENS = (Token, lark_cython.lark_cython.Token)


def clause_grammar() -> str:
    """statements.lark with the vocabulary's words, the keyword list and the keywords' first characters filled in."""
    text = grammar("statements.lark")
    for name, words in VOCABULARY_TERMINALS.items():
        text = text.replace(f"@{name}@", V.alternation(words))
    keywords = "|".join(f"(?:{k})" for k in _KEYWORD_TERMINAL.findall(text))
    return text.replace("@KEYWORDS@", keywords).replace("@FIRST@", first_characters(keywords))


def first_characters(pattern: str) -> str:
    """The characters a match of ``pattern`` can begin with, as the inside of a character class.

    Look-arounds and anchors consume nothing and are stepped over (the set may then hold a character
    that cannot begin a match: more than needed, never less). A construct whose first character is not
    a known set (``.``, a negated class) raises ``ValueError``."""
    chars, _ = _first(sre_parse.parse(pattern))
    return "".join(sorted(chars))


def _first(items) -> tuple[set[str], bool]:
    """(first characters, whether the sequence can match the empty string) of parsed regex items."""
    chars: set[str] = set()
    for op, arg in items:
        if op is sre_constants.LITERAL:
            return chars | {re.escape(chr(arg))}, False
        if op is sre_constants.IN:
            return chars | set(map(_class_item, arg)), False
        if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT, sre_constants.AT):
            continue  # zero width
        if op is sre_constants.SUBPATTERN:
            found, empty = _first(arg[-1])
        elif op is sre_constants.BRANCH:
            both = [_first(alternative) for alternative in arg[1]]
            found, empty = set().union(*(f for f, _ in both)), any(e for _, e in both)
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            found, empty = _first(arg[2])
            empty = empty or arg[0] == 0
        else:
            raise ValueError(f"no first characters known for {op} in a keyword")
        chars |= found
        if not empty:
            return chars, False
    return chars, True


def _class_item(item) -> str:
    op, arg = item
    if op is sre_constants.LITERAL:
        return re.escape(chr(arg))
    if op is sre_constants.RANGE:
        return f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}"
    if op is sre_constants.CATEGORY and arg is sre_constants.CATEGORY_DIGIT:
        return r"\d"
    raise ValueError(f"no first characters known for {op} {arg} in a keyword")


@lru_cache(maxsize=1)
def clause_parser() -> Lark:
    """The clause grammar, compiled once per machine (LALR, contextual lexer; see ``grammar_cache``),
    parsed by lark-cython: Lark's LALR parser and lexer compiled (the same tables and the same
    parses; ``tests/test_clause_parser.py`` compares them with Lark's own).

    ``_ToPieces`` runs inside the parser (each rule's pieces built as it is reduced), so a parse
    returns the clause's pieces with no tree built and walked a second time."""
    return cached_lark("statements", clause_grammar(), lexer="contextual", maybe_placeholders=False,
                       transformer=_ToPieces(), _plugins=lark_cython.plugins)


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class NumTok(Tok):
    unit: Optional[str] = None
    approx: bool = False


@dataclass(slots=True)
class Piece:
    kind: str
    start: int
    end: int
    subject: Optional[Tok] = None
    number: Optional[NumTok] = None
    word: str = ""
    word_pos: tuple[int, int] = (0, 0)
    other: Optional[Tok] = None


def _span_of(items) -> tuple[int, int]:
    """Where a rule's children (tokens, subjects, numbers: in text order, none empty) start and end."""
    first, last = items[0], items[-1]
    return (first.start_pos if isinstance(first, _TOKENS) else first.start,
            last.end_pos if isinstance(last, _TOKENS) else last.end)


_WORD_TERMINALS = frozenset(("DIR", "CMP", "WANCHENG", "ZHAN", "NOCHANGE", "BI", "YU", "JIAO"))  # a piece's word


class _ToPieces(Transformer):
    """Parse tree → list of ``Piece`` (positions relative to the clause)."""

    def subject(self, items):  # MARKED_SUBJECT? SUBJECT?
        first, last = items[0], items[-1]
        text = first.value if first is last else first.value + last.value
        if " " in text or "\t" in text:
            text = _BLANKS.sub("", text)
        return Tok(text, first.start_pos, last.end_pos)

    def number(self, items):
        num, unit, approx = items[0], None, False
        for t in items[1:]:  # APPROX? UNIT?
            if t.type == "UNIT":
                unit = t.value
            else:
                approx = True
        return NumTok(num.value, num.start_pos, num.end_pos, unit, approx)

    def _piece(self, kind, items):
        s, e = _span_of(items)
        p = Piece(kind, s, e)
        subs = []
        for it in items:  # subjects, numbers and the keyword tokens
            if type(it) is Tok:
                subs.append(it)
            elif type(it) is NumTok:
                p.number = it
            elif it.type in _WORD_TERMINALS:
                p.word, p.word_pos = it.value, (it.start_pos, it.end_pos)
        if subs:
            p.subject = subs[0]
            if len(subs) > 1:
                p.other = subs[1]
        if kind in ("share", "completion") and subs and items[0] is subs[0]:
            # 「A占B的x%」: A is the part (named, not stated here), B the whole;
            # 「项目支出预算完成率x%」: A names the rate, the words after 完成 its base
            p.other, p.subject = subs[0], (subs[1] if len(subs) > 1 else None)
            if not _WORDS.search(p.other.text):
                p.other = None  # 「（占比5.36%）」: only a bracket before 占
        return p

    def amount(self, items):
        return self._piece("amount", items)

    def share(self, items):
        return self._piece("share", items)

    def change(self, items):
        return self._piece("change", items)

    def completion(self, items):
        return self._piece("completion", items)

    def base(self, items):
        return self._piece("base", items)

    def compare(self, items):
        return self._piece("compare", items)

    def nochange(self, items):
        return self._piece("nochange", items)

    def lead(self, items):
        p = self._piece("lead", items)
        p.word = "其中" if any(isinstance(t, _TOKENS) and t.type == "QIZHONG" for t in items) else ":"
        return p

    def start(self, items):
        if items and type(items[-1]) is Tok:  # words after the last piece
            tail = items.pop()
            items.append(Piece("subject", tail.start, tail.end, subject=tail))
        return items


_WORDS = lazy_compile(r"[\u4e00-\u9fff]")
_BLANKS = re.compile(r"[ \t]+")  # between the pieces of a subject, as the grammar ignores them
HAS_DIGIT = re.compile(r"\d")
CMP_WORD = re.compile(V.alternation(tuple(V.COMPARISON) + V.NO_CHANGE_WORDS))
_DATES = re.compile(r"\d{4}年度?|\d{1,2}月\d{1,2}日|第\d+")  # dates and ordinals: no figures
# money or percent numbers; a bare 亿 is left out (「3.2亿吨」, 「111.14亿人次」 are no money). Only numbers
# with their unit match: a number without one is no start of a match inside it either, since its digits
# are followed by 「.」 or by no unit. (「\d\d*」, not 「\d+」: a pattern that starts with a character class
# lets ``re`` skip to the next digit instead of trying the whole pattern at every character.)
_CHECKABLE = re.compile(r"\d\d*(?:\.\d+)?(?:" + V.alternation(u for u in V.MONEY_UNITS if u != "亿") + "|%)")


def parse_clause(text: str) -> Optional[list[Piece]]:
    """Pieces of one clause, or None when the grammar does not understand it."""
    try:
        return _compiled_parse()(text)
    except UnexpectedInput:
        return None


@lru_cache(maxsize=1)
def _compiled_parse():
    """``clause_parser().parse``, calling lark-cython's parser and lexer directly: ``Lark.parse`` checks
    its arguments and picks a lexer thread anew at every call, a tenth of the time of a short clause.
    The parser is lark-cython's on the same tables, with the reductions of ``_direct_tables``; the lexer
    is the contextual lexer Lark builds, on ``CachedRegexes`` (the terminals were checked when Lark
    built its own)."""
    frontend = clause_parser().parser
    table = frontend.parser._parse_table
    parser = lark_cython.lark_cython._Parser(*_direct_tables(table, frontend.parser_conf.callbacks))
    conf = copy(frontend.lexer_conf)
    conf.re_module, conf.skip_validation = CachedRegexes(cache_dir()), True
    lexer = lark_cython.lark_cython.ContextualLexer(conf, {state: list(actions) for state, actions in table.states.items()})
    thread = lark_cython.lark_cython.LexerThread
    return lambda text: parser.parse(thread.from_text(lexer, text), "start")


class _Reduction:
    """A grammar rule as lark-cython's parser loop reads it (how many values it takes, what it makes),
    hashed and compared by identity. The loop looks each reduction's callback up by its rule and asserts
    that the rule is no state number; lark's ``Rule`` answers both in Python (its ``__hash__``, and an
    ``__eq__`` that an ``int`` reaches through ``!=``) at every reduction."""

    __slots__ = ("expansion", "origin")

    def __init__(self, rule):
        self.expansion, self.origin = rule.expansion, rule.origin


def _direct_tables(table: IntParseTable, callbacks: dict) -> tuple[IntParseTable, dict]:
    """The parse table with each rule replaced by its ``_Reduction``, and the callbacks keyed by them.

    Lark builds the anonymous rule of ``start``'s ``(...)*`` as a ``Tree`` (``Transformer.__default__``)
    that a child filter of the rule above splices in; here that rule's value is the list of its pieces,
    extended in place as each piece is reduced and handed to ``_ToPieces.start`` as it is."""
    reductions: dict = {}
    states = {state: {t: (action, reductions.setdefault(arg, _Reduction(arg)) if action is Reduce else arg)
                      for t, (action, arg) in actions.items()}
              for state, actions in table.states.items()}
    direct = {r: _direct_callback(rule, callbacks[rule]) for rule, r in reductions.items()}
    direct.update((k, f) for k, f in callbacks.items() if isinstance(k, str))  # terminals' callbacks, if any
    return IntParseTable(states, table.start_states, table.end_states), direct


def _direct_callback(rule, given):
    """``given`` (lark's callback of ``rule``), or the same done directly where an inlined rule is involved."""
    inlined = [i for i, sym in enumerate(rule.expansion) if _is_inlined(sym)]
    if not inlined and not _is_inlined(rule.origin):
        return given
    if inlined not in ([], [0]) or any(sym.is_term and sym.filter_out for sym in rule.expansion):
        raise ValueError(f"no direct callback for {rule}")  # only the left-recursive list of ``start`` is done here
    method = (lambda children: children) if _is_inlined(rule.origin) else given.node_builder
    if not inlined:
        return method

    def spliced(children):
        pieces = children[0]
        pieces += children[1:]
        return method(pieces)
    return spliced


def _is_inlined(symbol) -> bool:
    """A rule lark splices into its parent (a name starting with _, as the anonymous rules of ``*``)."""
    return not symbol.is_term and symbol.name.startswith("_")


def count_checkable_numbers(text: str) -> int:
    """Numbers that carry a money or percent unit, outside dates and ordinals (coverage denominator)."""
    if "年" in text or "月" in text or "第" in text:  # every date or ordinal holds one
        text = _DATES.sub("", text)
    return len(_CHECKABLE.findall(text))
