"""Acceptance on the prose of the real 决算 documents: every genuine inconsistency, nothing else.

Expected values were worked out by hand from the documents (see comments).
Only the prose families (BL1xx–BL8xx) are asserted here; table and hygiene
rules have their own tests.
"""
from __future__ import annotations

from conftest import check_json

PROSE = "--select=BL1,BL2,BL3,BL4,BL6,BL7,BL8"


def _findings(corpus, name):
    return [f for f in check_json(PROSE, str(corpus / name)) if f["severity"] != "info"]


def test_yueyang_2023_genuine_errors(corpus):
    found = _findings(corpus, "yueyang-port-office-2023-final-accounts.txt")
    assert sorted((f["line"], f["code"]) for f in found) == [(72, "BL101"), (88, "BL701")]
    # 年初预算 of the nine 类/款/项 items: 366.09+2.16+0+31.28+26.49+5.23+30.32+0+0 = 461.57 ≠ 463.48
    sums = next(f for f in found if f["code"] == "BL101")
    assert sums["evidence"]["recomputed"] == "461.57万元"
    assert sums["evidence"]["stated"] == "463.48万元"
    assert sums["evidence"]["difference"] == "1.91"  # stated − recomputed
    assert len(sums["evidence"]["operands"]) == 9
    assert sums["column"] == 19  # 「463.48」 in 「…年初预算数为463.48万元」
    # item 8: 年初预算 0, 决算 203.59, yet 「决算数小于年初预算数」
    cmp_ = next(f for f in found if f["code"] == "BL701")
    assert cmp_["evidence"]["suggestion"] == "大于"


def test_luzhou_2020_genuine_errors(corpus):
    found = _findings(corpus, "luzhou-port-logistics-2020-final-accounts.txt")
    assert sorted((f["line"], f["code"]) for f in found) == [(98, "BL801"), (694, "BL101")]
    # 进出口总额 90 亿元, 其中进口总额 44.5 万元、出口总额 45.3 万元: digits add up, units do not
    unit = next(f for f in found if f["code"] == "BL801")
    assert unit["statement"] == "90"
    # 已支出 50.88 万, 主要用于 19.38 + 7.83 + 3.25 + 23.44 = 53.90 万
    spent = next(f for f in found if f["code"] == "BL101")
    assert spent["evidence"]["recomputed"] == "53.90万"


def test_shenzhen_2021_written_average(corpus):
    found = _findings(corpus, "shenzhen-port-office-2021-overall-evaluation.txt")
    expr = [f for f in found if f["code"] == "BL702"]
    # Σ(85.07 + 102.83 + 80.56 + 80.56) ÷ 4 = 87.255 (the fourth quarter's 94.29 was typed as 80.56)
    assert [(f["line"], f["evidence"]["recomputed"]) for f in expr] == [(276, "87.26%")]


def test_statements_that_rounding_explains_are_not_reported(corpus):
    """luzhou's 12 项 items add up to 753.13 against 753.15: twelve rounded items explain 0.02."""
    found = _findings(corpus, "luzhou-port-logistics-2020-final-accounts.txt")
    assert not [f for f in found if 180 <= f["line"] <= 210]
