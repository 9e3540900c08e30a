"""Named control and execution rates in prose, recomputed from the inputs beside them."""
from __future__ import annotations

import pytest

from conftest import check_json


def lint(tmp_path, text: str, select: str = "BL31") -> list[tuple[int, str]]:
    p = tmp_path / "doc.txt"
    p.write_text(text, encoding="utf-8")
    return sorted((f["line"], f["code"]) for f in check_json("--select", select, str(p)))


@pytest.mark.parametrize("sentence", [
    "截止2023年12月31日，我局核定编制数为52人，年末实有在职人员共52人。财政供养人员控制率为100%。",
    "2023年末，我局实际在编人员52人，实际编外人员16人，编外人员控制率为23.53%，未达到自评要求。",
    "“三公”经费预算安排 8.89 万元，“三公”经费实际支出 7.56 万元，“三公”经费控制率为 85.04%。",
    "日常公用经费调整预算数 231.52 万元，日常公用经费决算数为 187.02 万元，日常公用经费控制率为 80.78%。",
    "申报的采购计划金额为 485.43 万元，实际采购金额为 485.43 万元，政府采购执行率为 100%。",
    "固定资产总额4,478.54万元，其中在用状态4,381.90万元，固定资产总体使用率达到97.84%。",
    "全年预算总额 64,689.48 万元，全年支出数为 60,994.53 万元，总执行率为 94.29%。",
    "第一季度累计支出 13,757.79 万元，总预算 64,689.48 万元，支出进度为 21.27%，季度序时进度 25%，季度预算执行率为 85.07%。",
    "共安排项目支出预算 61,219.51 万元，全年共支出 57,878.3 万元，项目支出预算完成率 94.54%。",
])
def test_consistent_rates_are_quiet(tmp_path, sentence):
    # 21.27 / 25 = 85.08%, but 21.27 stands for 21.265–21.275, so 85.07% is within rounding
    assert [c for c in lint(tmp_path, sentence) if c[1] == "BL310"] == []


@pytest.mark.parametrize("sentence, rate", [
    ("我局实际在编人员52人，实际编外人员16人，编外人员控制率为30.77%。", "16/68 = 23.53%, 16/52 is the wrong base"),
    ("“三公”经费预算安排 8.89 万元，“三公”经费实际支出 7.56 万元，“三公”经费控制率为 86.04%。", "85.04%"),
    ("固定资产总额4,478.54万元，其中在用状态4,381.90万元，固定资产利用率达到97.44%。", "97.84%"),
    ("第三季度累计支出 39,086.96 万元，总预算 64,689.48 万元，支出进度为 60.42%，季度序时进度 75%，季度预算执行率为 81.56%。",
     "60.42/75 = 80.56%"),
])
def test_wrong_rate_is_reported_at_the_rate(tmp_path, sentence, rate):
    assert lint(tmp_path, sentence) == [(1, "BL310")], rate


def test_adjustment_rate_base(tmp_path):
    base = ("年初预算数为 57,373.02 万元，整体支出预算总规模调整为 64,689.48 万元，较年初预算数增加了 7,316.46 万元。"
            "当年度预算调整比例为 {}%。")
    assert lint(tmp_path, base.format("12.75"), "BL311,BL312") == []  # 7,316.46 / 57,373.02
    assert lint(tmp_path, base.format("11.31"), "BL311,BL312") == [(1, "BL312")]  # on the adjusted base: info
    assert lint(tmp_path, base.format("13.31"), "BL311,BL312") == [(1, "BL311")]


def test_average_of_quarterly_rates(tmp_path):
    text = "四季度分季预算执行率分别为 85.07%、102.83%、80.56%及94.29%，全年平均预算执行率为{}%。"
    assert lint(tmp_path, text.format("90.69"), "BL313") == []  # 362.75 / 4 = 90.6875
    assert lint(tmp_path, text.format("87.26"), "BL313") == [(1, "BL313")]


def test_threshold_is_context_unless_claimed_met(tmp_path):
    miss = "实际在编人员52人，实际编外人员16人，编外人员控制率为23.53%，未达到自评要求。"
    claim = "实际在编人员52人，实际编外人员16人，编外人员控制率为23.53%，符合要求。"
    assert lint(tmp_path, miss, "BL33") == [(1, "BL330")]
    assert lint(tmp_path, claim, "BL33") == [(1, "BL331")]


def test_same_rate_stated_twice_differently(tmp_path):
    text = "公众满意度得分为 86.34 分。\n\n调查结果显示，满意度为85.34%。\n"
    assert lint(tmp_path, text, "BL314") == [(3, "BL314")]
