"""Rounding-aware arithmetic on stated numbers (DESIGN: interval arithmetic).

A stated ``791.59`` stands for every value in [791.585, 791.595]. A claim is
inconsistent only when no values inside the inputs' intervals reproduce the
stated result; on top of that a configurable tail (the documents' 0.01
元→万元 convention) widens every amount.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import product
from typing import Callable, Iterable, Optional

ZERO = Decimal(0)


@dataclass(frozen=True)
class Interval:
    lo: Decimal
    hi: Decimal

    @classmethod
    def exact(cls, v: Decimal) -> "Interval":
        return cls(v, v)

    def widen(self, d: Decimal) -> "Interval":
        return Interval(self.lo - d, self.hi + d)

    def __add__(self, o: "Interval") -> "Interval":
        return Interval(self.lo + o.lo, self.hi + o.hi)

    def __sub__(self, o: "Interval") -> "Interval":
        return Interval(self.lo - o.hi, self.hi - o.lo)

    def __mul__(self, o: "Interval") -> "Interval":
        c = [a * b for a in (self.lo, self.hi) for b in (o.lo, o.hi)]
        return Interval(min(c), max(c))

    def __truediv__(self, o: "Interval") -> Optional["Interval"]:
        if o.lo <= 0 <= o.hi:
            return None
        c = [a / b for a in (self.lo, self.hi) for b in (o.lo, o.hi)]
        return Interval(min(c), max(c))

    def scale(self, k: Decimal) -> "Interval":
        a, b = self.lo * k, self.hi * k
        return Interval(min(a, b), max(a, b))

    def overlaps(self, o: "Interval") -> bool:
        return self.lo <= o.hi and o.lo <= self.hi

    def distance(self, o: "Interval") -> Decimal:
        """How far apart two intervals are (0 when they overlap)."""
        if self.overlaps(o):
            return ZERO
        return o.lo - self.hi if o.lo > self.hi else self.lo - o.hi

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2


@lru_cache(maxsize=None)
def half_unit(decimals: int) -> Decimal:
    """Half a unit of the last written place: 0.005 for two decimals (a handful of values, asked for every
    stated number's interval)."""
    return Decimal(5).scaleb(-(decimals + 1))


def isum(intervals: Iterable[Interval]) -> Interval:
    ivs = list(intervals)
    return Interval(sum((i.lo for i in ivs), ZERO), sum((i.hi for i in ivs), ZERO))


def corners(f: Callable[..., Decimal], *boxes: Interval) -> Optional[Interval]:
    """Range of ``f`` over a box, for ``f`` monotone in each argument (ratios, differences)."""
    try:
        vals = [f(*pt) for pt in product(*[(b.lo, b.hi) for b in boxes])]
    except (ArithmeticError, ZeroDivisionError):
        return None
    return Interval(min(vals), max(vals))


@lru_cache(maxsize=None)
def place(decimals: int) -> Decimal:
    """One unit of the last place at a precision: 0.01 for two decimals."""
    return Decimal(1).scaleb(-decimals)


def fmt(v: Decimal, decimals: int = 2) -> str:
    """Format a recomputed value at the precision it is compared with."""
    s = str(v.quantize(place(decimals)))
    return "0" if s.strip("-0.") == "" else s


def round_to(v: Decimal, decimals: int) -> Decimal:
    return v.quantize(place(decimals))
