"""The three real Shanghai 2024 决算 PDFs and the national template: tables identified,
identities checked, narrative compared. Cell values were read by hand from the PDF pages
(the tables on pages 5-16 of 社会工作部, 6-20 of 财政局, 7-19 of 规划和自然资源局)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from budgetlint.config import Config
from budgetlint.engine import analyse
from budgetlint.tables.three_public import from_final, keyed
from conftest import CORPUS, check_json


def three_public_cells(ft):
    t = from_final(ft)
    return keyed(t) if t else {}

pytest.importorskip("pdfplumber", reason="the PDF reader needs pdfplumber")
SW = "shanghai-putuo-social-work-2024-final-accounts.pdf"
FB = "shanghai-putuo-finance-bureau-2024-final-accounts.pdf"
PR = "shanghai-putuo-planning-resources-2024-final-accounts.pdf"
TEMPLATE = "final-accounts-template-2024.pdf"
NINE = ["summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic", "three_public",
        "gov_fund", "soe_capital"]


def _ctx(name: str):
    from budgetlint.ingest import read_document

    return analyse(read_document(str(CORPUS / "pdf" / name)), Config())


def _tables(name: str):
    return {t.kind: t for t in _ctx(name).final_tables}


def _cell(t, line: str, col: str | None = None, side: int | None = None) -> str:
    ln = t.find(line, side=side)
    cell = ln.cells[col] if col else next(iter(ln.cells.values()))
    return cell.text.strip()


@pytest.mark.parametrize("name", [SW, FB, PR, TEMPLATE])
def test_nine_tables_identified(name):
    assert sorted(_tables(name)) == sorted(NINE)


def test_social_work_cells():
    t = _tables(SW)
    assert _cell(t["summary"], "本年收入合计", side=0) == "307.82"
    assert _cell(t["expenditure"], "合计", "基本支出") == "105.58"
    assert _cell(t["expenditure"], "合计", "项目支出") == "202.24"
    assert _cell(t["gpb_expenditure"], "住房保障支出", "合计") == "29.42"
    assert _cell(t["gpb_basic"], "人员经费合计") == "95.36"
    assert _cell(t["gpb_basic"], "公用经费合计") == "10.23"
    assert three_public_cells(t["three_public"]) == {}  # 本年度没有“三公”经费支出: the table is empty


def test_finance_bureau_cells():
    t = _tables(FB)
    assert _cell(t["summary"], "本年收入合计", side=0) == "2,946.25"
    assert _cell(t["summary"], "年初结转和结余", side=0) == "49.14"
    assert _cell(t["fiscal_summary"], "总计", side=0) == "2,961.68"
    assert _cell(t["gpb_expenditure"], "社会保障和就业支出", "合计") == "326.72"
    assert _cell(t["fiscal_summary"], "社会保障和就业支出", "合计") == "326.71"
    assert _cell(t["gpb_basic"], "公用经费合计") == "184.65"
    tp = three_public_cells(t["three_public"])
    assert tp[("total", "budget")].text.strip() == "0.95"
    assert tp[("reception", "budget")].text.strip() == "0.95"


def test_planning_cells():
    t = _tables(PR)
    assert _cell(t["summary"], "年初结转和结余", side=0) == "112.88"
    assert _cell(t["summary"], "总计", side=1) == "9859.38"
    assert _cell(t["summary"], "城乡社区支出", side=1) == "3845.25"
    assert _cell(t["expenditure"], "城乡社区支出", "本年支出合计") == "3845.24"
    assert _cell(t["gpb_expenditure"], "合计", "基本支出") == "5364.75"
    assert _cell(t["gpb_basic"], "人员经费合计") == "4884.09"
    tp = three_public_cells(t["three_public"])
    assert (tp[("total", "budget")].text, tp[("total", "actual")].text) == ("2.85", "0.39")


def _found(name: str, *extra: str) -> list[dict]:
    return check_json("--select", "BL11,BL12,BL6,BL9", *extra, str(CORPUS / "pdf" / name))


def test_planning_narrative_against_tables():
    found = _found(PR)
    bl610 = {(f["statement"], f["page"], f["evidence"]["operands"][0]["value"], f["evidence"]["operands"][0]["page"])
             for f in found if f["code"] == "BL610"}
    # 一般公共预算财政拨款基本支出 5377.64 (p24) vs the table's 基本支出 合计 5364.75 (p15);
    # 人员经费 4896.98 (p24) vs 人员经费合计 4884.09 (p16)
    assert bl610 == {("5377.64", 24, "5364.75万元", 15), ("4896.98", 24, "4884.09万元", 16)}
    codes = {(f["code"], f["statement"]) for f in found}
    # 「占本年支出合计的 99.86%」: 9746.50 / 9759.38 = 99.868% → 99.87%
    assert ("BL612", "99.86") in codes
    assert ("BL915", "13.95") in codes  # 「增长 13.95。」
    assert ("BL911", "下降（增长）") in codes
    # the identities hold, within 0.01 tails: 卫生健康支出 236.63 in both 总表 vs 236.64 in 支出决算表 (p10)
    # and 一般公共预算表 (p14); 城乡社区支出 3845.25 in 收入支出决算总表 vs 3845.24 in 支出决算表 (p11)
    assert not [f for f in found if f["code"].startswith(("BL11", "BL12")) and f["severity"] != "info"]
    assert sorted((f["page"], f["statement"]) for f in found if f["code"] == "BL122") == [
        (10, "236.64"), (11, "3845.24"), (14, "236.64")]


def test_finance_bureau_fiscal_total_in_prose():
    found = _found(FB)
    (f,) = [f for f in found if f["code"] == "BL610"]
    # 「财政拨款收入支出总计 0.3 万元」 against 财政拨款收入支出决算总表 总计 2,961.68
    assert (f["statement"], f["page"], f["evidence"]["operands"][0]["value"]) == ("0.3", 21, "2,961.68万元")


def test_social_work_zero_initial_budget():
    found = _found(SW)
    (f,) = [f for f in found if f["code"] == "BL917"]
    assert f["statement"] == "95.89" and "307.82 / 321.02" in f["message"]
    assert [f["statement"] for f in found if f["code"] == "BL912"] == ["仍保留该表格式，并在本表下方作下述说明："] * 2
    assert not [f for f in found if f["code"] in ("BL610", "BL910", "BL915")]


def test_template_placeholders_can_be_switched_off():
    found = _found(TEMPLATE)
    assert sum(f["code"] == "BL910" for f in found) > 100
    assert not [f for f in _found(TEMPLATE, "--ignore", "BL910") if f["code"] == "BL910"]
    assert not [f for f in found if f["code"].startswith("BL6")]


def test_directory_with_pdf_and_its_tables_as_xlsx(tmp_path):
    """A 决算 PDF and its tables as .xlsx in one directory: each file is reported on its own."""
    from final_docs import to_xlsx

    os.symlink(CORPUS / "pdf" / PR, tmp_path / PR)
    text = (Path(__file__).parents[1] / "examples" / "final-accounts-demo.txt").read_text(encoding="utf-8")
    to_xlsx(text.replace("人员经费合计\t\t900.00", "人员经费合计\t\t990.00"), tmp_path / "tables.xlsx")
    found = check_json("--select", "BL1,BL6", str(tmp_path))
    by_file = {}
    for f in found:
        by_file.setdefault(Path(f["path"]).name, []).append(f)
    assert {f["statement"] for f in by_file[PR] if f["code"] == "BL610"} == {"5377.64", "4896.98"}
    xl = [(f["code"], f.get("sheet"), f.get("cell")) for f in by_file["tables.xlsx"]]
    # 人员经费合计 990.00 ≠ 工资福利支出 880.00 + 对个人和家庭的补助 20.00, and ≠ 基本支出 1000.00 − 公用经费 100.00
    assert ("BL116", "一般公共预算财政拨款基本支出决算表", "C12") in xl
