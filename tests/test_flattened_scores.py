"""A score table flattened onto one line: the sections written with their 分值 (「产出指标 (50 分)」)
are checked against the block the template puts them in (BL502), whatever their order; only parts
that exceed their block are reported, since a flattened line may have lost cells."""
from __future__ import annotations

from budgetlint.config import Config
from budgetlint.document import Document
from budgetlint.engine import lint

# 预算执行情况 10 + 年度绩效指标 90 = 100; 产出 50 + 效益 30 + 满意度 10 = 90
LINE = ("项目支出绩效自评表 预算执行情况 (10 分) 预算数 执行数 执行率 得分 50 45 90% 9 {block} {first} "
        "数量指标 完成人数 100 100 20 质量指标 合格率 95% 98% 20 效益指标 (30 分) 社会效益指标 群众满意度 90% 95% 20 "
        "满意度指标 (10 分) 服务对象满意度指标 满意度 90% 95% 10 总分 100 95")


def loud(text: str) -> list[tuple[str, str, str]]:
    res = lint(Document(path="t.txt", text=text), Config())
    return [(f.code, text[f.span.start:f.span.end], f.evidence.recomputed) for f in res.findings
            if f.severity.value != "info"]


def test_sections_that_add_up_are_silent():
    assert loud(LINE.format(block="年度绩效指标 (90 分)", first="产出指标 (50 分)")) == []


def test_parts_exceeding_their_block_are_reported_at_the_block():
    # 60 + 30 + 10 = 100 > 90
    assert loud(LINE.format(block="年度绩效指标 (90 分)", first="产出指标 (60 分)")) == [("BL502", "90", "100分")]


def test_the_order_the_flattening_left_does_not_matter():
    # the block's label after its first 一级指标, its words split by the PDF's line breaks
    assert loud(LINE.format(block="", first="产出指标 (60 分) 年度 绩效 指标 (90 分)")) == [("BL502", "90", "100分")]


def test_parts_short_of_their_block_may_have_lost_a_cell():
    # 50 + 30 + 10 = 90 < 95: a 一级指标 may have been dropped by the flattening
    assert loud(LINE.format(block="年度绩效指标 (95 分)", first="产出指标 (50 分)")) == []


def test_a_name_twice_is_not_guessed():
    assert loud(LINE.format(block="年度绩效指标 (90 分)", first="产出指标 (60 分) 产出指标 (50 分)")) == []


def test_cost_indicator_is_placed_only_where_the_template_is_clear():
    # 成本指标 (10 分) with no 经济/社会/生态环境成本指标 named: an 一级 or an 二级 indicator? Left out, so
    # 数量 20 + 质量 20 under 产出指标 (40 分) and 产出 40 + 效益 30 + 满意度 10 = 80 < 90 are silent
    line = LINE.replace("数量指标 完成人数", "数量指标 (20 分) 完成人数").replace("质量指标 合格率", "质量指标 (20 分) 合格率")
    assert loud(line.format(block="年度绩效指标 (90 分)", first="产出指标 (40 分) 成本指标 (10 分)")) == []
    # named as an 一级指标 (经济成本指标 under it): 40 + 10 + 30 + 10 = 90
    both = line.format(block="年度绩效指标 (90 分)", first="产出指标 (40 分) 成本指标 (10 分) 经济成本指标")
    assert loud(both) == []
    assert loud(both.replace("成本指标 (10 分)", "成本指标 (20 分)")) == [("BL502", "90", "100分")]


def test_parts_short_of_their_block_are_not_reported_with_text_after_the_line():
    """The same short block (50 + 30 + 10 = 90 < 95) with the report's text going on after the table."""
    text = LINE.format(block="年度绩效指标 (95 分)", first="产出指标 (50 分)") + "\n\n二、绩效目标完成情况分析\n项目按期完成。\n"
    assert loud(text) == []
