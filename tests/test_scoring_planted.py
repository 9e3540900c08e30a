"""Planted errors: change one 得分, one 分值, one stated total or one rate at a time, across all of them.

Each mutation adds 1 to the figure (keeping its decimals) in a copy of a
corpus document; the linter must report a finding that was not there
before. The recall is printed (``pytest -s``) and must stay at its measured
level; the cells it cannot catch are named in docs/scoring.md.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from budgetlint.config import Config
from budgetlint.document import Document
from budgetlint.engine import analyse, lint
from budgetlint.facts import Rate, ScoreClaim

CONFIG = Config(select=["BL3", "BL5"])
FILES = ["yueyang-port-office-2020-overall-self-evaluation.txt", "luzhou-port-logistics-2020-final-accounts.txt",
         "shenzhen-port-office-2021-overall-evaluation.txt"]


def _targets(doc: Document) -> list[tuple[str, object]]:
    """(what, Num) for every 分值 and 得分 cell, every score restated in prose and every named rate."""
    ctx = analyse(doc, CONFIG)
    out = []
    for t in ctx.tables:
        for it in (t.scores.items if t.scores else []):
            out += [(f"分值 {it.label}", it.weight)] if it.weight else []
            out += [(f"得分 {it.label}", it.score)] if it.score else []
    for c in ctx.facts.of(ScoreClaim):
        if c.claim != "grade":
            out += [(f"文中{c.claim} {c.label}", n) for n in (c.value, c.weight) if n is not None]
    out += [(f"比率 {f.key}", f.rate) for f in ctx.facts.of(Rate) if f.key]
    return out


def _findings(doc: Document) -> set[tuple]:
    return {(f.code, f.span.start, f.message_zh) for f in lint(doc, CONFIG).findings}


def _plant(text: str, n) -> str:
    """The figure plus one at its own precision (9.5 → 10.5, 23.53 → 24.53)."""
    new = n.value + 1
    written = f"{new:.{n.decimals}f}"
    original = text[n.span.start:n.span.end]
    if "," in original:  # thousands separators as written
        whole, _, frac = written.partition(".")
        written = f"{int(whole):,}" + (f".{frac}" if frac else "")
    return text[:n.span.start] + written + text[n.span.end:]


@pytest.mark.parametrize("name", FILES)
def test_planted_errors_are_found(corpus, name, capsys):
    text = (corpus / name).read_text(encoding="utf-8")
    doc = Document(str(corpus / name), text)
    base = _findings(doc)
    missed, targets = [], _targets(doc)
    for what, n in targets:
        planted = Document(doc.path, _plant(text, n))
        if not (_findings(planted) - base):
            missed.append(f"{what} {n.text} @{doc.locate(n.span).line}")
    recall = 1 - len(missed) / len(targets)
    with capsys.disabled():
        print(f"\n{name}: {len(targets)} planted errors, recall {recall:.1%}; missed: {missed}")
    assert len(targets) >= 30
    assert recall >= MIN_RECALL[name], missed


MIN_RECALL = {FILES[0]: Decimal("1"), FILES[1]: Decimal("1"), FILES[2]: Decimal("0.98")}
