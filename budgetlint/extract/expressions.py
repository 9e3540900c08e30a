"""Written calculations in prose: evaluate each side with interval arithmetic.

「全年平均执行率 = Σ(85.07% + 102.83% + 80.56% + 80.56%) ÷ 4 = 90.69%」 is split at
「=」; every side that is an expression is evaluated on the rounding intervals
of its numbers (whole numbers without % such as 「÷ 4」 are exact counts) and
compared with the stated result, the last number.
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from lark import Lark, Transformer, UnexpectedInput
from lark.exceptions import VisitError

from ..grammar_cache import cached_lark

from ..facts import Expression, Num
from ..normalize import Mapped
from ..numbers import Interval, half_unit
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
        text = str(items[0])
        dec = len(text.split(".")[1]) if "." in text else 0
        v = Decimal(text)
        exact_count = len(items) == 1 and dec == 0
        iv = Interval.exact(v) if exact_count else Interval.exact(v).widen(half_unit(dec))
        return v, iv

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
        dec = len(r_text.split(".")[1]) if "." in r_text else 0
        result = Num(text=r_text, value=Decimal(r_text), decimals=dec, unit=res.group(2) or None,
                     span=norm.span(r_start, r_start + len(r_text) + len(res.group(2))))
        side_at = start + m.start() + cand.index(exprs[-1])
        terms = [Num(text=t.group(1), value=Decimal(t.group(1)),
                     decimals=len(t.group(1).split(".")[1]) if "." in t.group(1) else 0,
                     unit=t.group(2) or None, span=norm.span(side_at + t.start(), side_at + t.end()))
                 for t in _TERM.finditer(exprs[-1])]
        out.append(Expression(span=norm.span(start + m.start(), start + m.end()), sentence=sentence,
                              text=cand.strip(), source=exprs[-1].strip(), terms=terms, result=result,
                              computed=value, computed_lo=iv.lo, computed_hi=iv.hi))
    return out
