"""Targets and actual values: how each is read and whether the actual meets the target."""
from __future__ import annotations

import pytest

from budgetlint.extract.targets import judge


@pytest.mark.parametrize("target, actual, verdict", [
    ("≥5家", "30家", "met"),
    ("≥5家", "3家", "not met"),
    ("≤350万元", "350万", "met"),
    ("不超过57万", "实际支出54.82万", "met"),
    ("不超过1.2万元", "1.3万元", "not met"),
    ("≤1.2万元", "12000元", "met"),
    ("全省排名前7位", "第1位", "met"),
    ("全省排名前7位", "第9位", "not met"),
    ("压缩5%以上", "同比压缩超50%", "met"),
    ("力争达到95%以上", ">95%", "met"),
    ("=100%", "97%", "not met"),
    ("2年以上", "达到预期目标", "not comparable"),
    ("有效", "有效", "not comparable"),
    ("≥90%", "92个", "not comparable"),
    ("≥90%", "大于80%", "not comparable"),
    ("6 次", "开展统计人员培训 4 次,企业安全培训 2 次。", "not comparable"),
])
def test_judge(target, actual, verdict):
    assert judge(target, actual)[0] == verdict


def test_reading_is_described():
    _, target, _ = judge("全省排名前7位", "第9位")
    assert target.describe() == "排名 <= 7位"
