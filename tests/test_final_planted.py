"""Planted errors in our own 决算 document, as text, Word and Excel.

examples/final-accounts-demo.txt is consistent: every table identity holds and
every amount of its 情况说明 equals the table (worked out by hand when it was
written: e.g. 支出 classes 900.00 + 150.00 + 60.00 + 140.00 = 1250.00 = 本年支出合计,
人员经费合计 900.00 + 公用经费合计 100.00 = 基本支出 1000.00). Changing any one
table cell, or any one narrative figure that a table also holds, must produce a
new finding; a narrative change must name the prose number and the table cell.
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from budgetlint.checks.narrative import _share_cells, comparisons
from budgetlint.facts import Share
from budgetlint.config import Config
from budgetlint.engine import analyse, lint
from budgetlint.ingest import read_document
from conftest import EXAMPLES, check_json
from final_docs import to_docx, to_xlsx

DEMO = EXAMPLES / "final-accounts-demo.txt"
TEXT = DEMO.read_text(encoding="utf-8")
CFG = Config(select=["BL1", "BL6"])
BUILD = {".txt": lambda text, p: (p.write_text(text, encoding="utf-8"), p)[1], ".docx": to_docx, ".xlsx": to_xlsx}


def _findings(text: str, ext: str, tmp: Path):
    doc = read_document(str(BUILD[ext](text, tmp / f"demo{ext}")))
    return doc, lint(doc, CFG).findings


def _bump(text: str, start: int, end: int) -> str:
    old = text[start:end]
    new = f"{Decimal(old.replace(',', '')) + 1:.2f}"
    return text[:start] + new + text[end:]


def _table_cells():
    """Offsets in the text of every number written in a table cell."""
    ctx = analyse(read_document(str(DEMO)), CFG)
    spans = []
    for t in ctx.final_tables:
        for ln in t.lines:
            for cell in ln.cells.values():
                if cell.number is not None:
                    spans.append((cell.span.start, cell.span.end))
    return sorted(set(spans))


def _narrative_numbers():
    ctx = analyse(read_document(str(DEMO)), CFG)
    return sorted({(a.value.span.start, a.value.span.end) for a, _, _ in comparisons(ctx)})


def _shares():
    """Offsets of every stated share whose part and whole are table cells."""
    ctx = analyse(read_document(str(DEMO)), CFG)
    found = {a.id: (w, c) for a, w, c in comparisons(ctx)}
    return sorted((s.value.span.start, s.value.span.end) for s in ctx.facts.of(Share)
                  if all(_share_cells(ctx, s, found)))


def test_demo_is_clean_in_every_format(tmp_path):
    for ext in BUILD:
        _, found = _findings(TEXT, ext, tmp_path)
        assert found == [], (ext, [f.message_zh for f in found])


def test_demo_tables_identified():
    ctx = analyse(read_document(str(DEMO)), CFG)
    kinds = [t.kind for t in ctx.final_tables]
    assert kinds == ["summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic",
                     "three_public", "gov_fund", "soe_capital"]
    # narrative amounts a table also holds: 29 (see the 情况说明 of the demo)
    assert len(_narrative_numbers()) >= 25


@pytest.mark.parametrize("ext", [".txt", ".docx", ".xlsx"])
def test_every_planted_table_cell_is_found(ext, tmp_path):
    cells = _table_cells()
    assert len(cells) > 100
    step = 1 if ext == ".txt" else 3  # the binary formats: every third cell keeps the run short
    tried = missed = 0
    for start, end in cells[::step]:
        _, found = _findings(_bump(TEXT, start, end), ext, tmp_path)
        tried += 1
        missed += not found
    print(f"{ext}: table-cell recall {tried - missed}/{tried}")
    assert missed == 0


@pytest.mark.parametrize("ext", [".txt", ".docx"])
def test_every_planted_narrative_figure_names_both_places(ext, tmp_path):
    numbers = _narrative_numbers()
    tried = hit = 0
    for start, end in numbers:
        stated = f"{Decimal(TEXT[start:end]) + 1:.2f}"
        doc, found = _findings(_bump(TEXT, start, end), ext, tmp_path)
        tried += 1
        bl610 = [f for f in found if f.code == "BL610" and f.evidence.stated.startswith(stated)]
        if bl610:
            f = bl610[0]
            assert doc.text[f.span.start:f.span.end] == stated
            (cell,) = f.related
            assert f.evidence.operands[0].span == cell
            assert re.fullmatch(r"[\d.,]+", doc.text[cell.start:cell.end])
            hit += 1
    print(f"{ext}: narrative recall {hit}/{tried}")
    assert hit == tried


def test_narrative_finding_in_json_names_the_table_cell(tmp_path):
    text = TEXT.replace("其中：人员经费900.00万元", "其中：人员经费910.00万元")
    p = tmp_path / "demo.txt"
    p.write_text(text, encoding="utf-8")
    (f,) = [f for f in check_json(str(p)) if f["code"] == "BL610"]
    line_no = next(i for i, ln in enumerate(text.split("\n"), 1) if "人员经费910.00" in ln)
    assert (f["line"], f["statement"]) == (line_no, "910.00")
    op = f["evidence"]["operands"][0]
    assert op["label"] == "一般公共预算财政拨款基本支出决算表·人员经费合计" and op["value"] == "900.00万元"
    cell_line = next(i for i, ln in enumerate(text.split("\n"), 1) if ln.startswith("人员经费合计\t"))
    assert op["line"] == cell_line


def test_every_planted_share_is_found(tmp_path):
    shares = _shares()
    assert len(shares) == 9  # 96.00 4.00 80.00 20.00 96.00 70.83 12.50 5.00 11.67
    missed = []
    for start, end in shares:
        doc, found = _findings(_bump(TEXT, start, end), ".txt", tmp_path)
        if not [f for f in found if f.code == "BL612" and f.span.start == start and len(f.related) == 2]:
            missed.append(TEXT[start:end])
    print(f"share recall {len(shares) - len(missed)}/{len(shares)}")
    assert missed == []


def test_a_subject_names_the_quantity_of_the_longest_phrase_it_ends_with():
    """「财政拨款收入支出总计」 also ends with 「收入支出总计」: it is the 财政拨款收入支出决算总表's 总计 (1200.00
    in the demo), not the 收入支出决算总表's (1280.00); a name no table holds resolves to nothing."""
    from budgetlint.checks.narrative import QUANTITIES, resolve_subject

    ctx = analyse(read_document(str(DEMO)), CFG)
    label, cell = resolve_subject(ctx, "2024年度财政拨款收入支出总计")
    assert label.startswith("财政拨款收入支出决算总表") and cell.text == "1200.00"
    label, cell = resolve_subject(ctx, "2024年度收入支出总计")
    assert label.startswith("收入支出决算总表") and cell.text == "1280.00"
    assert resolve_subject(ctx, "办公费") is None
    phrases = [p for p, _ in QUANTITIES]  # most specific first: none ends with a phrase listed before it
    assert not [(a, b) for i, a in enumerate(phrases) for b in phrases[i + 1:] if b.endswith(a)]
