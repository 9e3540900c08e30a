"""BL613: the 情况说明 states an amount whose cell in the 三公 table is left blank (issue 10).

Documents are written here by hand; lines and columns count from 1.
"""
from __future__ import annotations

import pytest

from conftest import check_json

PROSE = ("某单位2023年度部门决算公开说明\n\n一、“三公”经费支出情况\n"
         "2023年度“三公”经费财政拨款支出决算为5.95万元，其中：因公出国（境）费0万元，"
         "公务用车购置及运行维护费5万元，公务接待费{reception}万元。\n\n"
         "2023年“三公”经费支出情况统计表\n单位：万元\n")
ROWS = [("项目", "预算数", "决算数"), ("合计", "6.00", "5.95"), ("因公出国（境）费", "0", "0"),
        ("公务用车购置及运行维护费", "5.00", "5.00"), ("公务接待费", "1.00", "{cell}")]


def _doc(tmp_path, layout: str, cell: str, reception: str = "0.95"):
    if layout == "tsv":
        table = "".join("\t".join(r) + "\n" for r in ROWS)
    else:
        lines = ["| " + " | ".join(r) + " |" for r in ROWS]
        table = "\n".join(lines[:1] + ["|---|---|---|"] + lines[1:]) + "\n"
    p = tmp_path / f"doc.{'txt' if layout == 'tsv' else 'md'}"
    p.write_text((PROSE + table).format(reception=reception, cell=cell), encoding="utf-8")
    return p


# line 4 is the prose; 「公务接待费0.95」: 0.95 begins after the 64 characters before it on that line
PROSE_LINE = 4
PROSE_COLUMN = PROSE.split("\n")[3].index("{reception}") + 1


@pytest.mark.parametrize("layout, cell_line", [("tsv", 12), ("pipe", 13)])
@pytest.mark.parametrize("cell", ["", " ", "-", "—", "/"])
def test_blank_cell_against_a_stated_amount_is_a_warning_at_the_prose(tmp_path, layout, cell_line, cell):
    if layout == "tsv" and cell == " ":
        cell = ""  # a line's trailing blanks are dropped with it: 「1.00\t」 is the TSV's blank cell
    found = check_json("--select", "BL61", str(_doc(tmp_path, layout, cell)))
    (f,) = found  # BL613 only: BL610 does not also read the blank as a 0 to correct the prose to
    assert (f["code"], f["severity"], f["line"], f["column"]) == ("BL613", "warning", PROSE_LINE, PROSE_COLUMN)
    assert f["evidence"]["stated"] == "0.95万元"
    (op,) = f["evidence"]["operands"]
    assert op["line"] == cell_line and "公务接待费" in op["label"] and "决算数" in op["label"]
    assert op["value"] == (cell.strip() or "（空）")


@pytest.mark.parametrize("layout", ["tsv", "pipe"])
def test_consistent_documents_give_no_finding(tmp_path, layout):
    """The cell filled with the prose's figure; and the prose saying 0 beside a blank cell."""
    assert check_json(str(_doc(tmp_path, layout, "0.95"))) == []
    zero = _doc(tmp_path, layout, "", reception="0")
    assert check_json("--select", "BL61", str(zero)) == []


def test_a_figure_that_differs_from_a_filled_cell_stays_bl610(tmp_path):
    (f,) = check_json("--select", "BL61", str(_doc(tmp_path, "tsv", "0.50")))
    assert (f["code"], f["line"], f["evidence"]["recomputed"]) == ("BL610", PROSE_LINE, "0.50万元")


def test_no_role_and_two_columns_is_not_guessed(tmp_path):
    """「公务接待费0.95万元」 standing alone, not under 「决算为…其中」: 预算数 or 决算数? No finding."""
    p = _doc(tmp_path, "tsv", "")
    text = p.read_text(encoding="utf-8").replace("2023年度“三公”经费财政拨款支出决算为5.95万元，其中：", "")
    p.write_text(text, encoding="utf-8")
    assert [f for f in check_json("--select", "BL613", str(p))] == []


def test_last_years_amount_is_not_this_years_cell(tmp_path):
    p = _doc(tmp_path, "tsv", "")
    text = p.read_text(encoding="utf-8").replace("。\n\n2023年“三公”", "。\n上年公务接待费决算为0.80万元。\n\n2023年“三公”")
    p.write_text(text, encoding="utf-8")
    assert [f["evidence"]["stated"] for f in check_json("--select", "BL613", str(p))] == ["0.95万元"]


def test_one_value_under_two_columns_is_not_read_as_either(tmp_path):
    """A row left blank in a table whose rows hold one figure under two columns (执行数, 预算数): the
    blank stands for both columns, so which one the prose's amount belongs to is not known. No finding,
    and no crash (this once raised an internal error)."""
    p = tmp_path / "doc.txt"
    p.write_text("某单位2017年度部门“三公”经费预算情况表\n单位:元\n项目 2016-执行数 2017-预算数\n"
                 "一、支出合计   250000\n1、因公出国(境)费用    \n2、公务接待费   150000\n3、公务用车费   100000\n\n"
                 "2017年因公出国（境）费预算20000元。\n", encoding="utf-8")
    assert check_json("--select", "BL613", str(p)) == []
