"""Rubric text → the score it allows for a figure; hand-computed expectations."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from budgetlint.numbers import Interval
from budgetlint.extract.rates import subjects
from budgetlint.rubric import deduction_score, parts, prepare, rubric_score, tier_score


def exact(v):
    return Interval.exact(D(v))


# as written in the shenzhen 共性指标体系框架 (LaTeX from the converter)
FIXED_ASSETS = prepare(r"$\text{固定资产利用率} = (\text{实际在用固定资产总额} / \text{所有固定资产总额}) \times 100\%$ "
                       r"1. 固定资产利用率 $\geq 90\%$ 的,得1分。 2. $90\% > \text{固定资产利用率} \geq 75\%$ 的,得0.7分。 "
                       r"3. $75\% > \text{固定资产利用率} \geq 60\%$ 的,得0.4分。 4. 固定资产利用率 $< 60\%$ 的,得0分。")


@pytest.mark.parametrize("value, points", [("97.84", {D("1")}), ("80", {D("0.7")}), ("60.5", {D("0.4")}),
                                           ("12", {D("0")}), ("75", {D("0.7")})])
def test_tier_table(value, points):
    assert tier_score(FIXED_ASSETS, exact(value)) == points


def test_tier_boundary_accepts_either_side_of_a_rounded_figure():
    # a stated 90% stands for 89.5–90.5%: both the 1-point and the 0.7-point tiers are possible
    assert tier_score(FIXED_ASSETS, Interval(D("89.5"), D("90.5"))) == {D("1"), D("0.7")}


def test_range_tiers_with_han_markers():
    text = "95%（含）以上计 5 分； 85%（含）-95%，计 3 分； 75%（含）-85%，计 1 分； 低于 75%计 0 分。"
    assert tier_score(text, exact("90")) == {D("3")}
    assert tier_score(text, exact("70")) == {D("0")}


def test_per_point_deduction_with_floor():
    text = "以 100%为标准。在职人员控制率≦100%，计 5 分；每超过一个百分点扣 0.5 分，扣完为止。"
    assert deduction_score(text, exact("100"), D(5)) == Interval(D(5), D(5))
    assert deduction_score(text, exact("103"), D(5)) == Interval(D("3.5"), D("3.5"))
    assert deduction_score(text, exact("130"), D(5)) == Interval(D(0), D(0))  # 扣完为止
    below = "每低于 100%一个百分点扣 0.1 分，扣完为止。"
    got = deduction_score(below, exact("97.5"), D(3))  # 2.5 points: 0.25 proportional, 0.2 per whole point
    assert got == Interval(D("2.75"), D("2.8"))


def test_numbered_parts_are_not_confused_with_decimals_or_lists():
    assert len(parts("1. 甲（1分）。 2. 乙（1分）。")) == 2
    assert parts("在6、9、11月应达到序时进度的80%、90%、90%") == ["在6、9、11月应达到序时进度的80%、90%、90%"]


def _lookup(values):
    def lookup(text, quarter):
        keys = subjects(text)
        v = values.get((keys[0], quarter)) if keys else None
        return Interval.exact(D(v)) if v else None
    return lookup


def test_linear_components_are_capped_and_summed():
    text = prepare("1. 一季度预算执行率得分=(一季度部门预算支出进度/序时进度 25%) × 1 分 "
                   "2. 二季度预算执行率得分=(二季度部门预算支出进度/序时进度 50%) × 1 分 "
                   "3. 全年平均支出进度得分=全年平均执行率 × 2 分")
    values = {("支出进度", 1): "20", ("支出进度", 2): "60", ("全年平均执行率", None): "90"}
    got, _ = rubric_score(text, "预算执行率", D(4), subjects, _lookup(values))
    # 20/25 = 0.8; 60/50 = 1.2 capped at 1; 90% × 2 = 1.8
    assert got == Interval(D("3.6"), D("3.6"))


def test_part_without_rule_may_give_zero_to_its_worth():
    text = prepare("1. 政府采购执行率得分=政府采购执行率 × 1 分 2. 政府采购政策功能的执行和落实情况（1 分），落实不到位的酌情扣分。")
    got, _ = rubric_score(text, "政府采购执行情况", D(2), subjects, _lookup({("政府采购执行率", None): "100"}))
    assert got == Interval(D(1), D(2))


def test_unknown_figure_gives_no_verdict():
    assert rubric_score(FIXED_ASSETS, "固定资产利用率", D(1), subjects, _lookup({})) is None
