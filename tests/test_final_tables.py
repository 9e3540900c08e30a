"""Table recognition details: unreadable cells, missing tables, rounding tails."""
from __future__ import annotations

from conftest import EXAMPLES, check_json

TEXT = (EXAMPLES / "final-accounts-demo.txt").read_text(encoding="utf-8")


def _run(tmp_path, text: str, select: str = "BL1,BL6") -> list[dict]:
    p = tmp_path / "d.txt"
    p.write_text(text, encoding="utf-8")
    return check_json("--select", select, str(p))


def test_unreadable_cell_is_not_checkable_not_an_error(tmp_path):
    found = _run(tmp_path, TEXT.replace("30102\t津贴补贴\t300.00", "30102\t津贴补贴\t3OO.00"))
    assert [(f["code"], f["severity"], f["statement"]) for f in found] == [("BL121", "info", "3OO.00")]


def test_missing_tables_listed_at_info(tmp_path):
    start = TEXT.index("财政拨款“三公”经费支出决算表")
    end = TEXT.index("政府性基金预算财政拨款收入支出决算表")
    found = _run(tmp_path, TEXT[:start] + TEXT[end:])
    assert [(f["code"], f["severity"]) for f in found] == [("BL110", "info")]
    assert "财政拨款“三公”经费支出决算表" in found[0]["message"]


def test_tail_difference_between_tables_is_not_an_error(tmp_path):
    # 财政拨款收入支出决算总表 卫生健康支出 60.01 vs 一般公共预算表 60.00: the 0.01 tail convention
    text = TEXT.replace("三、卫生健康支出\t60.00\t60.00", "三、卫生健康支出\t60.01\t60.01")
    found = _run(tmp_path, text)
    assert [(f["code"], f["statement"]) for f in found if f["code"] != "BL611"] == [("BL122", "60.00")]
    # 0.05 is beyond rounding and tail: the two tables disagree, and the 总表's own 合计 no longer adds up
    text = TEXT.replace("三、卫生健康支出\t60.00\t60.00", "三、卫生健康支出\t60.05\t60.05")
    codes = {f["code"] for f in _run(tmp_path, text)}
    assert {"BL120", "BL111"} <= codes


def test_blank_cells_count_as_zero(tmp_path):
    # 其他收入 of 行政运行 is blank in 收入决算表: 600.00 = 600.00 + (blank)
    assert "2010301\t行政运行\t600.00\t600.00\t\n" in TEXT
    assert _run(tmp_path, TEXT) == []
    found = _run(tmp_path, TEXT.replace("2010301\t行政运行\t600.00\t600.00\t\n", "2010301\t行政运行\t600.00\t600.00\t5.00\n"))
    assert "BL117" in {f["code"] for f in found}


def test_narrative_without_tables_says_not_compared(tmp_path):
    narrative = TEXT[TEXT.index("第二部分"):]
    found = _run(tmp_path, narrative)
    assert [(f["code"], f["severity"], f["statement"]) for f in found] == [("BL110", "info", "决算")]


def _in_yuan(text: str) -> str:
    """The demo with its tables in 元 (integers), the prose still in 万元."""
    import re
    from decimal import Decimal

    out = []
    for line in text.split("\n"):
        if "\t" in line:
            line = "\t".join(str(int(Decimal(c) * 10000)) if re.fullmatch(r"\d+\.\d\d", c) else c for c in line.split("\t"))
        out.append(line.replace("单位：万元", "单位：元"))
    return "\n".join(out)


def test_tables_in_yuan_against_prose_in_wanyuan(tmp_path):
    text = _in_yuan(TEXT)
    assert "人员经费合计\t\t9000000\t" in text
    assert _run(tmp_path, text) == []
    found = _run(tmp_path, text.replace("其中：人员经费900.00万元", "其中：人员经费901.00万元"))
    # the prose list no longer adds up either (901.00 + 100.00 ≠ 1000.00): both places are named
    assert [(f["code"], f["statement"], f["evidence"]["operands"][0]["value"]) for f in found] == [
        ("BL101", "1000.00", "901.00万元"), ("BL610", "901.00", "9000000元")]
    found = _run(tmp_path, text.replace("30102\t津贴补贴\t3000000", "30102\t津贴补贴\t3000100"))
    assert [(f["code"], f["statement"]) for f in found] == [("BL115", "8800000")]


def test_office_running_table_against_prose(tmp_path):
    text = TEXT + ("\n机关运行经费支出决算表\n单位：万元\n项目\t决算数\n办公费\t60.00\n差旅费\t40.00\n合计\t100.00\n\n"
                   "十一、其他重要事项的情况说明\n机关运行经费支出110.00万元。\n")
    found = _run(tmp_path, text)
    assert [(f["code"], f["statement"], f["evidence"]["operands"][0]["label"]) for f in found] == [
        ("BL610", "110.00", "机关运行经费支出决算表·合计")]
