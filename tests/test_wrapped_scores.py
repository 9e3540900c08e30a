"""A 项目支出绩效自评表 pasted as pipe rows that wrapped and lost their empty cells (tables/wrapped.py).

The table is read as a stream of cells, and the reading is kept only when the 分值 read add up to
the 总分 row's maximum; the score rules then check it like any other score table. A dropped
分值 or 得分 breaks that sum, and the table stays unread (BL125, info) rather than guessed at.
"""
from __future__ import annotations

from budgetlint.config import Config
from budgetlint.document import Document
from budgetlint.engine import lint
from budgetlint.tables.readers import read_tables
from budgetlint.tables.wrapped import wrapped_scores

# 分值: 预算执行 10 + 养护里程 20 + 养护合格率 20 + 按时完成率 10 + 通行条件改善 20 + 群众满意度 20 = 100.
# 执行率 48 ÷ 50 = 96%, its 得分 96% × 10 = 9.6; 当年财政拨款 50 / 48 is the whole of the funds.
TABLE = """项目支出绩效自评表 | 单位:某县公路养护站 |
| 项目名称 | 乡村道路养护 | 主管部门 | 某县交通运输局 | 项目资金 (万元) |
| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 年度资金总额 |
| 50 | 48 | 10 | 96% | 9.6 | 其中:当年财政 拨款 |
| 50 | 48 | — |
| — | 上年结转 资金 |
| — | 其他资金 | — | — |
| — | 年度 总体 目标 | 预期目标 | 实际完成情况 | 完成道路养护 | 已完成 | 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 产出指标 | 数量指标 | 养护里程 | ≥ | 120 | 公里 | {mileage} | 20 | 20 |
| 质量指标 | 养护合格率 | ≥ | 95 | % | 97% | 20 | {quality} |
| 时效指标 | 按时完成率 | ＝ | 100 | % | 100% | 10 | {timely} |
| 效益指标 | 社会效益 指标 | 通行条件改善 |
| 明显改善 |
| 明显改善 | 20 | 20 |
| 满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥ | 90 | % | 92% | 20 | 19 |
| 其他需要说明事项 | 无 | 总分 | 100 | {total} | 优 |
"""


def findings(text: str, loud: bool = True) -> list[tuple[str, str, str]]:
    res = lint(Document(path="t.txt", text=text), Config())
    return [(f.code, text[f.span.start:f.span.end], f.evidence.recomputed if f.evidence else None)
            for f in res.findings if (f.severity.value != "info") == loud]


def test_a_consistent_wrapped_table_is_read_and_silent():
    # 得分: 9.6 + 20 + 18 + 10 + 20 + 19 = 96.6
    text = TABLE.format(mileage="125", quality="18 |", timely="10", total="96.6")
    [table] = [t for t in read_tables(Document(path="t.txt", text=text)) if t.scores is not None]
    items = table.scores.items
    fund = items[0]
    assert (fund.label, fund.budget.text, fund.executed.text, fund.weight.text, fund.rate.text, fund.score.text) \
        == ("年度资金总额", "50", "48", "10", "96", "9.6")
    assert [(it.label, it.target.text, it.actual.text, it.weight.text, it.score.text) for it in items if it.kind == "item"] \
        == [("养护里程", "≥120公里", "125", "20", "20"), ("养护合格率", "≥95%", "97%", "20", "18"),
            ("按时完成率", "＝100%", "100%", "10", "10"), ("通行条件改善", "明显改善", "明显改善", "20", "20"),
            ("群众满意度", "≥90%", "92%", "20", "19")]
    assert (items[-1].kind, items[-1].weight.text, items[-1].score.text) == ("total", "100", "96.6")
    assert findings(text) == []
    assert not any(code == "BL125" for code, _, _ in findings(text, loud=False))


def test_score_above_weight_wrong_total_and_missed_target_are_reported():
    # 按时完成率 12 > 10; 养护里程 115 公里 misses ≥ 120 yet keeps its full 20;
    # 得分 9.6 + 20 + 18 + 12 + 20 + 19 = 98.6, not the stated 90
    text = TABLE.format(mileage="115", quality="18 |", timely="12", total="90")
    got = findings(text)
    assert ("BL501", "12", "≤ 10分") in got
    assert ("BL503", "90", "98.6分") in got
    assert ("BL550", "20", "< 20分") in got
    assert len(got) == 3


def test_a_dropped_score_cell_breaks_the_self_check_and_leaves_only_the_note():
    # 养护合格率 lost its 得分: its 分值 20 and 97% would be read as a pair, so the row is not read;
    # even with 按时完成率 12 > 10 and a wrong 总分 nothing is guessed
    text = TABLE.format(mileage="125", quality="", timely="12", total="90")
    assert findings(text) == []
    assert [code for code, _, _ in findings(text, loud=False)].count("BL125") == 1


def test_a_dropped_score_of_a_qualitative_row_leaves_its_weight_unplaced():
    # 通行条件改善 written 「明显改善 | 20 |」: its lone 20 is no 分值/得分 pair, the row runs into the next one
    # and the 分值 read add up to 10 + 20 + 20 + 10 + 20 = 80, not 100
    text = TABLE.format(mileage="125", quality="18 |", timely="10", total="96.6").replace("明显改善 | 20 | 20", "明显改善 | 20")
    assert findings(text) == []
    assert "BL125" in [code for code, _, _ in findings(text, loud=False)]


def test_the_funds_block_is_checked_too():
    # 执行率 stated 90%, but 48 ÷ 50 = 96%; its 得分 9 = 90% × 10 follows the stated rate;
    # 得分 9 + 20 + 18 + 10 + 20 + 19 = 96
    text = TABLE.format(mileage="125", quality="18 |", timely="10", total="96").replace(
        "| 50 | 48 | 10 | 96% | 9.6 |", "| 50 | 48 | 10 | 90% | 9 |")
    assert findings(text) == [("BL520", "90", "96.00%")]


def test_sources_that_do_not_add_up_are_left_out_and_the_rest_is_read():
    # 当年财政拨款 50 / 45 against 年度资金总额 50 / 48: which cell went where is unsure, the sources are not
    # read (no BL522), the indicators are: 按时完成率 12 > 10
    text = TABLE.format(mileage="125", quality="18 |", timely="12", total="98.6").replace("| 50 | 48 | — |", "| 50 | 45 | — |")
    [table] = [t for t in read_tables(Document(path="t.txt", text=text)) if t.scores is not None]
    assert [it.label for it in table.scores.items if it.kind == "budget"] == ["年度资金总额"]
    assert findings(text) == [("BL501", "12", "≤ 10分")]


def test_a_dropped_score_after_a_plain_actual_fails_on_the_sum_of_weights():
    # 养护里程 lost its 得分: 125 (its 实际完成值) and 20 are read as 分值 and 得分, and the 分值 add up to
    # 10 + 125 + 20 + 10 + 20 + 20 = 205, not 100: nothing is checked, although 12 > 10 below
    text = TABLE.format(mileage="125", quality="18 |", timely="12", total="90").replace("| 125 | 20 | 20 |", "| 125 | 20 |")
    assert findings(text) == []
    assert "BL125" in [code for code, _, _ in findings(text, loud=False)]


def test_a_header_with_the_weight_before_the_targets_is_not_read_as_a_stream():
    # 分值 | 年度指标值 | 实际完成值 | 得分: an indicator's last two numbers are its 实际完成值 and 得分, so the
    # stream reading does not apply, even where the actuals happen to add up to 100
    text = """项目绩效自评表 | 单位:某县农业农村局 |
| 三级指标 | 分值 | 年度指标值 | 实际完成值 | 得分 | 偏差原因分析 |
| 完成户数 | 40 | ≥ | 35 | 户 | 40 | 38 |
| 合格率 | 30 | ≥ | 90 | % | 30 | 30 |
| 满意度 | 30 | ≥ | 90 | % | 30 | 28 |
| 总分 | 100 | 96 |
"""
    [table] = read_tables(Document(path="t.txt", text=text))
    assert wrapped_scores(table) is None
