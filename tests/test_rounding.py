"""Rounding-aware arithmetic: flag only what the stated precision cannot explain."""
from __future__ import annotations

from budgetlint.config import Config
from budgetlint.document import Document
from budgetlint.engine import lint


def codes(text: str, **cfg) -> list[str]:
    return [f.code for f in lint(Document(path="t.txt", text=text), Config(**cfg)).findings if f.severity.value != "info"]


def test_sum_within_rounding_is_not_flagged():
    # 3 items rounded to 0.01 can be off by 0.015 in total, plus the 0.01 tail: 100.02 is fine
    assert codes("支出合计100.02万元，其中：基本支出33.33万元，项目支出33.33万元，其他支出33.33万元。") == []


def test_sum_beyond_rounding_is_flagged():
    assert codes("支出合计100.10万元，其中：基本支出33.33万元，项目支出33.33万元，其他支出33.33万元。") == ["BL101"]


def test_tail_convention_is_configurable():
    text = "支出合计100.03万元，其中：基本支出50.00万元，项目支出50.00万元。"
    # |100.00 − 100.03| = 0.03 > 2×0.005 + 0.005 + 1 tail digit (0.01)
    assert codes(text) == ["BL101"]
    assert codes(text, **{"tail-digits": 3}) == []
    # 100.02: items reach at most 100.01, the total goes down to 100.015, or 100.005 with the tail
    assert codes("支出合计100.02万元，其中：基本支出50.00万元，项目支出50.00万元。") == []
    assert codes("支出合计100.02万元，其中：基本支出50.00万元，项目支出50.00万元。", **{"tail-digits": 0}) == ["BL101"]


def test_share_rounded_to_its_own_precision():
    # 100.00 ÷ 300.00 lies in [99.995 ÷ 300.005, 100.005 ÷ 299.995] = [33.331%, 33.336%]:
    # 33.3% and 33.33% are right, 33.4% is not
    assert codes("支出合计300.00万元，其中：基本支出100.00万元，占33.3%；项目支出200.00万元，占66.7%。") == []
    assert codes("支出合计300.00万元，其中：基本支出100.00万元，占33.33%；项目支出200.00万元，占66.67%。") == []
    assert codes("支出合计300.00万元，其中：基本支出100.00万元，占33.4%；项目支出200.00万元，占66.6%。") == ["BL201", "BL201"]
    # small amounts carry wide intervals: 1.00 ÷ 3.00 may be anything in [33.11%, 33.56%]
    assert codes("支出合计3.00万元，其中：基本支出1.00万元，占33.4%；项目支出2.00万元，占66.6%。") == []


def test_shares_nudged_to_total_100_are_not_errors():
    # 1/3 each would round to 33.33% three times (99.99%); authors nudge one share to reach 100%
    text = "支出合计3.00万元，其中：甲支出1.00万元，占33.33%；乙支出1.00万元，占33.33%；丙支出1.00万元，占33.34%。"
    assert codes(text) == []


def test_counts_are_exact():
    assert codes("共有车辆3辆，其中：执法执勤用车1辆、应急保障用车1辆。") == ["BL101"]


def test_unit_slip_between_wan_and_yi():
    assert codes("进出口总额90亿元，其中进口总额44.5万元，出口总额45.5万元。") == ["BL801"]
    assert codes("进出口总额0.9亿元，其中进口总额4450万元，出口总额4550万元。") == []


def test_change_rate_recomputed_from_current_and_change():
    assert codes("2023年度收、支总计949.54万元。与上年相比，减少367.99万元，减少27.93%。") == []
    assert codes("2023年度收、支总计949.54万元。与上年相比，减少367.99万元，减少25.93%。") == ["BL401"]


def test_decrease_over_100_percent_is_impossible():
    assert codes("会议费支出0.5万元，比上年减少1.0万元，下降200%。") == ["BL401", "BL402"]
