"""Plant one error at a time in every checked number of a document and measure recall.

For each number that takes part in a recomputation (list totals and items,
shares, completion rates, changes, comparisons, written calculations), its
leading digit is changed (same length, so offsets stay put), the document is
linted again, and the plant counts as found when a new (or newly worded) finding sits on
that number or names it as evidence. Prints per-document recall; ``--misses``
lists what was not found.

    python scripts/planted_recall.py tests/corpus/yueyang-port-office-2023-final-accounts.txt
"""
from __future__ import annotations

import sys
from dataclasses import dataclass

from budgetlint.config import Config
from budgetlint.document import Document
from budgetlint.engine import lint
from budgetlint.facts import Breakdown, Change, Comparison, Rate, Expression, Share
from budgetlint.ingest import read_document
from budgetlint.model import Span


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
        elif isinstance(f, Rate) and f.actual is not None and f.budget is not None \
                and fs.get(f.budget).value.value != 0:
            add(f.rate)
        elif isinstance(f, Change) and f.current is not None and f.amount and f.rate and f.direction != "none":
            if fs.get(f.current).value.value != 0:  # 「减少X，下降100%」 down to 0 holds for any X
                add(f.amount)
            add(f.rate)
        elif isinstance(f, Comparison) and f.left is not None and f.right is not None:
            add(fs.get(f.left).value)
            add(fs.get(f.right).value)
        elif isinstance(f, Expression):
            add(f.result)
    return sorted(spans.values(), key=lambda s: s.start)


def plant(text: str, span: Span) -> Plant:
    """Change the number's first digit (0→1 … 9→0): far beyond any rounding, same length."""
    original = text[span.start:span.end]
    i = next(k for k, ch in enumerate(original) if ch.isdigit() or "０" <= ch <= "９")
    d = original[i]
    base = "0" if d.isdigit() else "０"
    new = chr(ord(base) + (ord(d) - ord(base) + 1) % 10)
    return Plant(span, original, original[:i] + new + original[i + 1:])


def found(plant_: Plant, before: set, after) -> bool:
    for f in after.findings:
        if (f.code, f.span.start, f.span.end, f.message_en) in before:
            continue
        spans = [f.span, *f.related]
        if any(s.start < plant_.span.end and plant_.span.start < s.end for s in spans):
            return True
    return False


def recall(doc: Document, config: Config | None = None) -> tuple[int, list[Plant]]:
    config = config or Config()
    base = lint(doc, config)
    before = {(f.code, f.span.start, f.span.end, f.message_en) for f in base.findings}
    misses, total = [], 0
    for span in checked_numbers(base):
        p = plant(doc.text, span)
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
