"""Written calculations in prose: evaluate each side with interval arithmetic.

「全年平均执行率 = Σ(85.07% + 102.83% + 80.56% + 80.56%) ÷ 4 = 90.69%」 is split at
「=」; every side that is an expression is evaluated on the rounding intervals
of its numbers (whole numbers without % such as 「÷ 4」 are exact counts) and
compared with the stated result, the last number.
"""
from __future__ import annotations

import re
from functools import lru_cache
from lark import Lark, Transformer, UnexpectedInput
from lark.exceptions import VisitError

from ..grammar_cache import cached_lark

from ..facts import Expression, Num
from ..normalize import Mapped
from ..model import Span
from ..numbers import Interval
from .parse import grammar

_CANDIDATE = re.compile(r"[Σ(\d][\d.%\s+\-−×÷*/()Σ=]*=\s*\d+(?:\.\d+)?%?")
_OPERATOR = re.compile(r"[+\-−×÷*/]")
_TERM = re.compile(r"(\d+(?:\.\d+)?)(%?)")
_RESULT = re.compile(r"(\d+(?:\.\d+)?)(%?)\s*$")


@lru_cache(maxsize=1)
def expression_parser() -> Lark:
    return cached_lark("expression", grammar("expression.lark"))


class _Eval(Transformer):
    """Tree → (exact value, interval); percent terms stay in percent points."""

    def num(self, items):
        n = Num.parse(str(items[0]), Span(start=0, end=0))  # a term's place is taken from the text, below
        exact_count = len(items) == 1 and n.decimals == 0
        return n.value, Interval.exact(n.value) if exact_count else n.interval()

    def add(self, items):
        (a, ai), (b, bi) = items
        return a + b, ai + bi

    def sub(self, items):
        (a, ai), (b, bi) = items
        return a - b, ai - bi

    def mul(self, items):
        (a, ai), (b, bi) = items
        return a * b, ai * bi

    def div(self, items):
        (a, ai), (b, bi) = items
        q = ai / bi
        if q is None or b == 0:
            raise ZeroDivisionError
        return a / b, q

    def sum(self, items):
        return items[0]

    def atom(self, items):
        return items[-1]


def find_expressions(norm: Mapped, start: int, text: str, sentence: int) -> list[Expression]:
    out = []
    if "=" not in text:
        return out  # every calculation is written with its 「=」
    for m in _CANDIDATE.finditer(text):
        cand = m.group()
        sides = cand.split("=")
        res = _RESULT.search(sides[-1])
        if not res or not any(_OPERATOR.search(s) for s in sides[:-1]):
            continue
        exprs = [s for s in sides[:-1] if _OPERATOR.search(s)]
        try:
            value, iv = _Eval().transform(expression_parser().parse(exprs[-1].strip()))
        except (UnexpectedInput, VisitError):  # VisitError wraps a division by 0 inside the transformer
            continue
        r_text = res.group(1)
        r_start = start + m.start() + len(cand) - len(sides[-1]) + res.start(1)
        result = Num.parse(r_text, norm.span(r_start, r_start + len(r_text) + len(res.group(2))), res.group(2) or None)
        side_at = start + m.start() + cand.index(exprs[-1])
        terms = [Num.parse(t.group(1), norm.span(side_at + t.start(), side_at + t.end()), t.group(2) or None)
                 for t in _TERM.finditer(exprs[-1])]
        out.append(Expression(span=norm.span(start + m.start(), start + m.end()), sentence=sentence,
                              text=cand.strip(), source=exprs[-1].strip(), terms=terms, result=result,
                              computed=value, computed_lo=iv.lo, computed_hi=iv.hi))
    return out
