"""A score table the text stops inside, before its 总分 row (an excerpt, a page cut off), has lost rows:
its sections' 分值 are only checked for excess, and the text's restated total is not compared with the
scores that are left. Tables are written here by hand; the arithmetic is in each test."""
from __future__ import annotations

from budgetlint.config import Config
from budgetlint.document import Document
from budgetlint.engine import lint

HEAD = "此次自评得分为96分。\n\n| 一级指标 | 三级指标 | 分值 | 得分 |\n|---|---|---|---|\n"
# 部门决策（20分）: 10 + 10; 部门管理（20分）: 8 + 12; 部门绩效（60分）: 60; 总分 100, scores 96
ROWS = ["| 部门决策（20分） | 目标设置 | 10 | 10 |", "|  | 预算编制 | 10 | 9 |",
        "| 部门管理（20分） | 资金管理 | 8 | 8 |", "|  | 项目管理 | 12 | 11 |",
        "| 部门绩效（60分） | 产出与效益 | 60 | 58 |"]
TOTAL = "| 总分 |  | 100 | 96 |"


def loud(text: str) -> list[tuple[str, str]]:
    return [(f.code, text[f.span.start:f.span.end]) for f in lint(Document("t.md", text), Config(select=["BL5"])).findings
            if f.severity.value != "info"]


def test_the_whole_table_adds_up():
    assert loud(HEAD + "\n".join(ROWS + [TOTAL]) + "\n") == []


def test_a_table_cut_after_a_sections_first_row_is_not_reported():
    """Cut after 资金管理: 部门管理's parts so far make 8 of its 20, the scores so far 10 + 9 + 8 = 27 of
    the 96 the text states; neither is an error of the document."""
    assert loud(HEAD + "\n".join(ROWS[:3]) + "\n") == []


def test_parts_exceeding_their_section_are_still_reported_in_a_cut_table():
    """资金管理 mistyped 18: 10 + 18 = 28 > 部门管理's 20 whatever rows are lost."""
    rows = ROWS[:2] + ["| 部门管理（20分） | 资金管理 | 18 | 8 |", ROWS[3]]
    assert loud(HEAD + "\n".join(rows) + "\n") == [("BL502", "20")]


def test_a_complete_table_still_reports_a_short_section():
    """With its 总分 row the table is whole: 部门管理 8 + 2 = 10, not 20 (the sections' own 分值 still
    make 100); the scores 10 + 9 + 8 + 2 + 58 = 87, not the 96 stated in the 总分 row (BL503) and the text (BL504)."""
    rows = ROWS[:3] + ["|  | 项目管理 | 2 | 2 |", ROWS[4]]
    got = loud(HEAD + "\n".join(rows + [TOTAL]) + "\n")
    assert ("BL502", "20") in got and ("BL503", "96") in got and ("BL504", "96") in got
