"""The prose rules on a real PDF: page-located, and one finding per contradiction.

Planning bureau 2024, page 21 (read by hand): 「一般公共预算财政拨款支出 9746.50 万元，
占本年支出合计的 99.86%」 with 本年支出合计 9759.38 万元 (9746.50 ÷ 9759.38 = 99.868%),
and 「年初预算为 10210.34 万元，支出决算为 9746.50 万元，完成年初预算的 95.45%」
(9746.50 ÷ 10210.34 = 95.457%): both truncated instead of rounded.
"""
from __future__ import annotations

from conftest import check_json


def test_planning_bureau_page_21(corpus):
    pdf = corpus / "pdf" / "shanghai-putuo-planning-resources-2024-final-accounts.pdf"
    found = [f for f in check_json(str(pdf)) if f.get("page") == 21 and f["severity"] == "error"]
    share = [f for f in found if f["statement"] == "99.86"]
    assert [(f["code"], f["evidence"]["recomputed"]) for f in share] == [("BL201", "99.87%")]
    rate = [f for f in found if f["code"] == "BL301"]
    assert [(f["statement"], f["evidence"]["recomputed"]) for f in rate] == [("95.45", "95.46%")]
