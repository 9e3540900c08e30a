"""Document hygiene rules BL910-BL917 on short texts written for the tests."""
from __future__ import annotations

import pytest

from conftest import check_json

HEAD = "示例局2024年度部门决算情况说明\n本部门2024年度决算如下。\n"


def _run(tmp_path, body: str, *args: str) -> list[tuple[str, str]]:
    p = tmp_path / "d.txt"
    p.write_text(HEAD + body, encoding="utf-8")
    return [(f["code"], f["statement"]) for f in check_json("--select", "BL91", *args, str(p))]


@pytest.mark.parametrize("body, expected", [
    ("本年收入合计XXX万元，占XX%。\n", [("BL910", "XXX"), ("BL910", "XX")]),
    ("上海市××局本年支出合计。\n", [("BL910", "××")]),
    ("比2023年度减少0.15万元，下降（增长）27.78%。\n", [("BL911", "下降（增长）")]),
    ("收入支出总计减少（增加）3.00万元。\n", [("BL911", "减少（增加）")]),
    ("主要原因：人员减少。（如持平作持平表述）\n", [("BL912", "（如持平作持平表述）")]),
    ("2023年度部门决算情况说明\n", [("BL913", "2023")]),
    ("截至2023年12月31日，本部门共有车辆2辆。\n", [("BL913", "2023")]),
    ("与2022年度相比，收入支出总计增加3.00万元。\n", [("BL914", "2022")]),
    ("支出增加1193.20万元，增长 13.95。\n", [("BL915", "13.95")]),
    ("本年支出合计100.00万元。。\n", [("BL916", "。。")]),
    ("支出合计，，基本支出。\n", [("BL916", "，，")]),
    ("年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%。\n", [("BL917", "95.89")]),
])
def test_each_rule_fires(tmp_path, body, expected):
    assert _run(tmp_path, body) == expected


@pytest.mark.parametrize("body", [
    "与2023年度相比，收入支出总计增加3.00万元，增长13.95%。\n",  # previous year, unit present
    "截至2024年12月31日，本部门共有车辆2辆。\n",
    "年初预算为300.00万元，支出决算为285.00万元，完成年初预算的95.00%。\n",
    "一、收入支出决算总表……………………………………5\n二、收入决算表..........6\n",  # table of contents dot leaders
    "项目\t决算数\nXX\t1.00\n",  # table rows are not prose
    "部分科目由于预算数为0，故未描述“完成\n年初预算的XX%”。\n",  # the template's wording quoted over a line break
    # running text that PDF wrapping cut into short lines names last year's 决算 on purpose
    "我办已通过官网向社会公开了2024年度预\n算信息、2023年度决算信息、“三公经费”等资料,公开信息完整且内容\n清晰。\n",
])
def test_clean_text_is_quiet(tmp_path, body):
    assert _run(tmp_path, body) == []


def test_placeholder_rule_can_be_switched_off(tmp_path):
    assert _run(tmp_path, "收入XXX万元。\n", "--ignore", "BL910") == []


def test_zero_budget_message_names_the_real_base(tmp_path):
    p = tmp_path / "d.txt"
    p.write_text(HEAD + "年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%。\n", encoding="utf-8")
    (f,) = check_json("--select", "BL917", str(p))
    assert f["evidence"]["suggestion"] == "完成全年预算的95.89%"
    assert "307.82 / 321.02" in f["message"]


def test_mentions_are_not_leftovers(tmp_path):
    # quoting the template's wording, and naming last year's 决算 in running text, are deliberate
    body = ("（因年初预算为0，故未描述“完成年初预算的XX%”。）\n"
            "本部门按要求公开了2024年度预算信息、2023年度决算信息和“三公”经费信息。\n")
    assert _run(tmp_path, body) == []


@pytest.mark.parametrize("line, what, found", [
    ("本年合计xx万元", "placeholder", "xx"),
    ("金额＊＊＊元", "placeholder", "＊＊＊"),
    ("车辆✕✕辆", "placeholder", "✕✕"),
    ("支出高于（低于）预算", "alternative", "高于（低于）"),
    ("支出超过(不足)预算", "alternative", "超过(不足)"),
    ("【请填写具体原因】", "instruction", "【请填写具体原因】"),
    ("本表无数据，仍保留该表格式", "instruction", "仍保留该表格式"),
    ("本表为空表，并在本表下方作下述说明", "instruction", "并在本表下方作下述说明"),
    ("较2022年度减少5万元", "previous_year", "较2022年度减"),
    ("同2022年同期持平", "previous_year", "同2022年同期"),
    ("人数上升 3.50，", "bare_rate", "上升 3.50"),
    ("经费降低2.10。", "bare_rate", "降低2.10"),
    ("效率提高1.20；", "bare_rate", "提高1.20"),
    ("基本支出占80.25，", "bare_rate", "占80.25"),
    ("收入合计：：100万元", "doubled", "：："),
])
def test_every_pattern_found_by_its_first_character(line, what, found):
    """The one scan that picks the lines to read stops at every character a pattern starts with."""
    from budgetlint.extract.hygiene import find_hygiene

    assert [(h.what, h.text) for h in find_hygiene("说明如下。\n" + line + "\n")] == [(what, found)]
