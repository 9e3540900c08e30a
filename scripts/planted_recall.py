"""Plant one error at a time in every checked number of a document and measure recall.

For each number that takes part in a recomputation (list totals and items,
shares, completion rates, changes, comparisons, written calculations), its
leading digit is changed (same length, so offsets stay put), the document is
linted again, and the plant counts as found when a new (or newly worded) finding sits on
that number or names it as evidence. Prints per-document recall; ``--misses``
lists what was not found.

Only changes that no rounding of the stated figures can explain are planted.
The script decides this itself, by interval arithmetic on the figures as
written, not by asking budgetlint's checks: each figure stands for the
interval its last digit allows (5.26% for [5.255%, 5.265%]; a bare 0 has the
precision of the finest figure of its kind in the statement; counts are exact),
an amount with decimals may also differ by one unit of its last digit (the
documents' 元→万元 convention), and the relation the statement states (total
= Σ items, or Σ items ≤ total for a partial list; share = part ÷ whole; rate =
actual ÷ budget; rate of change = change ÷ previous value, change = the two
years' difference; the comparison word) must fail for every value inside those
intervals. The leading digit is moved up by 1, else 2 … 9, until the relation
fails; a number no such change can break (「减少0万元，下降0%」: 0 ÷ 0 can be any
rate) is not planted. A 下降 6.26% for 5.26% after 「减少0.02万元」 to 0.36 万元
is no error: 0.015 ÷ 0.39 … 0.025 ÷ 0.37 is 3.8%–6.8%, so 7.26% is planted.
Written calculations are always planted (a leading digit is far beyond their
rounding).

    python scripts/planted_recall.py tests/corpus/yueyang-port-office-2023-final-accounts.txt
"""
from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Optional

from budgetlint.config import Config
from budgetlint.document import Document
from budgetlint.engine import lint
from budgetlint.facts import Breakdown, Change, Comparison, Rate, Expression, Share
from budgetlint.ingest import read_document
from budgetlint.model import Span
from budgetlint.vocabulary import COUNT_UNITS, MONEY_UNITS

Iv = tuple[Decimal, Decimal]
# the figures (Num) a statement ties together, whether some values inside their intervals satisfy it,
# and whether the 元→万元 tail applies (sums)
Relation = tuple[list, Callable[[list[Iv]], bool], bool]


@dataclass
class Plant:
    span: Span
    original: str
    planted: str


def checked_numbers(result) -> list[Span]:
    """Spans of the numbers that some check recomputes or compares."""
    fs = result.facts
    spans: dict[int, Span] = {}

    def add(n):
        if n is not None:
            spans[n.span.start] = n.span

    for f in fs.facts:
        if isinstance(f, Breakdown) and len(f.items) >= 2:
            for i in [f.total, *f.items]:
                add(fs.get(i).value)
        elif isinstance(f, Share) and f.part is not None and f.whole is not None and f.part != f.whole:
            add(f.value)
        elif isinstance(f, Rate) and f.actual is not None and f.budget is not None:
            add(f.rate)  # on a budget of 0 no change breaks it (``relations``): not planted
        elif isinstance(f, Change) and f.current is not None and f.amount and f.rate and f.direction != "none":
            add(f.amount)  # 「减少X，下降100%」 down to 0 holds for any X: not planted
            add(f.rate)
        elif isinstance(f, Comparison) and f.left is not None and f.right is not None:
            add(fs.get(f.left).value)
            add(fs.get(f.right).value)
        elif isinstance(f, Expression):
            add(f.result)
    return sorted(spans.values(), key=lambda s: s.start)


def _value(text: str) -> tuple[Decimal, int]:
    t = unicodedata.normalize("NFKC", text).replace("−", "-").replace(",", "")
    m = re.search(r"-?\d+(?:\.\d+)?", t)
    return Decimal(m.group()), len(m.group().split(".")[1]) if "." in m.group() else 0


def _interval(text: str, unit: Optional[str], tail: bool = False, zero_decimals: int = 0) -> Iv:
    """What the figure as written stands for, in 元 for money; with ``tail`` one unit of its last decimal more.
    Counts are exact; a bare 0 has the precision of the finest figure of its kind beside it."""
    v, d = _value(text)
    if v == 0 and "." not in text:
        d = zero_decimals
    h = Decimal(0) if unit in COUNT_UNITS else \
        Decimal(5).scaleb(-(d + 1)) + (Decimal(1).scaleb(-d) if tail and d else 0)
    scale = MONEY_UNITS.get(unit or "", Decimal(1))
    return (v - h) * scale, (v + h) * scale


def _ratio(a: Iv, b: Iv) -> Optional[Iv]:
    """a ÷ b in percent over the box. When b may be 0, a base is positive: a ÷ (0, b_hi] is at least
    a_lo ÷ b_hi, unbounded above; None (any ratio) when a may be 0 too."""
    if b[0] <= 0 <= b[1]:
        return None if a[0] <= 0 or b[1] <= 0 else (a[0] / b[1] * 100, Decimal("Infinity"))
    q = [x / y * 100 for x in a for y in b]
    return min(q), max(q)


def _meets(a: Optional[Iv], b: Iv) -> bool:
    return a is None or (a[0] <= b[1] and b[0] <= a[1])


def _sum_holds(ivs: list[Iv], partial: bool) -> bool:
    lo, hi = sum(p[0] for p in ivs[1:]), sum(p[1] for p in ivs[1:])
    return lo <= ivs[0][1] if partial else _meets((lo, hi), ivs[0])


def _change_holds(ivs: list[Iv], up: bool) -> bool:
    cur, amt, rate = ivs[0], (max(ivs[1][0], Decimal(0)), max(ivs[1][1], Decimal(0))), ivs[2]
    if len(ivs) > 3:  # the previous year's figure is stated: the change is the difference
        prev = ivs[3]
        diff = (cur[0] - prev[1], cur[1] - prev[0]) if up else (prev[0] - cur[1], prev[1] - cur[0])
        if not _meets(amt, diff):
            return False
    else:
        prev = (cur[0] - amt[1], cur[1] - amt[0]) if up else (cur[0] + amt[0], cur[1] + amt[1])
    return _meets(_ratio(amt, prev), rate)


_COMPARE = {">": lambda a, b: a[1] > b[0], "<": lambda a, b: a[0] < b[1], "=": _meets,
            ">=": lambda a, b: a[1] >= b[0], "<=": lambda a, b: a[0] <= b[1]}


def relations(result) -> list[Relation]:
    """Every statement a check recomputes: its figures and a test on their intervals."""
    fs = result.facts
    out: list[Relation] = []

    def num(i):
        return fs.get(i).value if i is not None else None

    for f in fs.facts:
        if isinstance(f, Breakdown) and len(f.items) >= 2:
            out.append(([num(f.total), *[num(i) for i in f.items]],
                        lambda ivs, partial=f.partial: _sum_holds(ivs, partial), True))
        elif isinstance(f, Share) and f.part is not None and f.whole is not None and f.part != f.whole:
            out.append(([f.value, num(f.part), num(f.whole)], lambda ivs: _meets(_ratio(ivs[1], ivs[2]), ivs[0]), False))
        elif isinstance(f, Rate) and f.actual is not None and f.budget is not None:
            out.append(([f.rate, num(f.actual), num(f.budget)], lambda ivs: _meets(_ratio(ivs[1], ivs[2]), ivs[0]), False))
        elif isinstance(f, Change) and f.current is not None and f.amount and f.rate and f.direction in ("up", "down"):
            out.append(([num(f.current), f.amount, f.rate] + ([num(f.previous)] if f.previous is not None else []),
                        lambda ivs, up=f.direction == "up": _change_holds(ivs, up), False))
        elif isinstance(f, Comparison) and f.left is not None and f.right is not None:
            out.append(([num(f.left), num(f.right)], lambda ivs, rel=f.relation: _COMPARE[rel](*ivs), False))
    return out


def _breaks(rels: list[Relation], span: Span, planted: str) -> bool:
    """Whether the planted text, in place of the figure at ``span``, breaks one of the relations ``rels``."""
    for nums, holds, tail in rels:
        texts = [planted if n.span.start == span.start else n.text for n in nums]
        finest = {n.is_money: max(_value(t)[1] for t, m in zip(texts, nums) if m.is_money == n.is_money)
                  for n in nums}
        ivs = [_interval(t, n.unit, tail, finest[n.is_money]) for t, n in zip(texts, nums)]
        if not holds(ivs):
            return True
    return False


def plant(text: str, span: Span, rels: Optional[list[Relation]] = None) -> Optional[Plant]:
    """Move the number's first digit up (0→1 … 9→0, same length) until one of the relations it takes
    part in (``rels``) no longer holds within rounding; None when no move breaks one. Without ``rels``
    (a written calculation), the first move."""
    original = text[span.start:span.end]
    i = next(k for k, ch in enumerate(original) if ch.isdigit() or "０" <= ch <= "９")
    d = original[i]
    base = "0" if d.isdigit() else "０"
    for step in range(1, 10):
        new = chr(ord(base) + (ord(d) - ord(base) + step) % 10)
        if new == base and i + 1 < len(original) and original[i + 1] not in ".．":
            continue  # 「10」 → 「00」 is no number as written
        planted = original[:i] + new + original[i + 1:]
        if rels is None or _breaks(rels, span, planted):
            return Plant(span, original, planted)
    return None


def found(plant_: Plant, before: set, after) -> bool:
    for f in after.findings:
        if (f.code, f.span.start, f.span.end, f.message_en) in before:
            continue
        spans = [f.span, *f.related]
        if any(s.start < plant_.span.end and plant_.span.start < s.end for s in spans):
            return True
    return False


def plants(base, text: str) -> list[tuple[Span, Optional[Plant]]]:
    """Each checked number of a linted document with the error planted in it (None: none can be)."""
    rels = relations(base)
    return [(s, plant(text, s, [r for r in rels if any(n.span.start == s.start for n in r[0])] or None))
            for s in checked_numbers(base)]


def recall(doc: Document, config: Config | None = None) -> tuple[int, list[Plant]]:
    config = config or Config()
    base = lint(doc, config)
    before = {(f.code, f.span.start, f.span.end, f.message_en) for f in base.findings}
    misses, total = [], 0
    for span, p in plants(base, doc.text):
        if p is None:
            continue  # no change of its first digit is beyond the rounding of the figures around it
        text = doc.text[:span.start] + p.planted + doc.text[span.end:]
        total += 1
        if not found(p, before, lint(Document(path=doc.path, text=text), config)):
            misses.append(p)
    return total, misses


def main(paths: list[str]) -> None:
    show = "--misses" in paths
    for path in [p for p in paths if not p.startswith("--")]:
        doc = read_document(path)
        total, misses = recall(doc)
        print(f"{path}: {total - len(misses)}/{total} planted errors found (recall {(total - len(misses)) / max(total, 1):.1%})")
        if show:
            for m in misses:
                loc = doc.locate(m.span)
                print(f"  missed {loc.line}:{loc.column} {m.original} -> {m.planted}")


if __name__ == "__main__":
    main(sys.argv[1:])
