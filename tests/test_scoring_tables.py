"""The three score tables of the corpus, read into rows (values worked out by hand from the documents)."""
from __future__ import annotations

import json

import pytest

from conftest import run_cli

# (path of the row, 分值, 得分) in reading order; None where the cell is empty or merged.
YUEYANG = [
    ("投入", "15", None), ("投入/预算配置", "15", None),
    ("投入/预算配置/财政供养人员控制率", "5", "5"), ("投入/预算配置/“三公经费”变动率", "5", "5"),
    ("投入/预算配置/重点支出安排率", "5", "5"),
    ("过程", "40", None), ("过程/预算执行", "15", None),
    ("过程/预算执行/预算调整率", "3", "2"), ("过程/预算执行/支付进度", "3", "3"),
    ("过程/预算执行/资金结余", "3", "2"), ("过程/预算执行/“三公经费”控制率", "6", "6"),
    ("过程/预算管理", "15", None),
    ("过程/预算管理/管理制度健全性", "3", "3"), ("过程/预算管理/资金使用合规性", "3", "3"),
    ("过程/预算管理/预决算信息公开性和完善性", "3", "3"), ("过程/预算管理/政府采购执行率", "3", "3"),
    ("过程/预算管理/公务卡刷卡率", "3", "3"),
    ("过程/资产管理", "10", None),
    ("过程/资产管理/管理制度健全性", "3", "3"), ("过程/资产管理/资产管理安全性", "4", "4"),
    ("过程/资产管理/固定资产利用率", "3", "3"),
    ("产出", "25", None), ("产出/职责履行", "25", None),
    ("产出/职责履行/推进全面小康建设指标任务完成情况", "5", "5"),
    ("产出/职责履行/建设湖南新增极目标任务完成情况", "7", "7"),
    ("产出/职责履行/《政府工作报告》目标任务完成情况", "5", "5"),
    ("产出/职责履行/省市重点民生实事完成情况", "2", "2"),
    ("产出/职责履行/省市重点工程和重大项目建设完成情况", "2", "2"),
    ("产出/职责履行/其他工作实绩指标完成情况", "4", "4"),
    ("效果", "20", None), ("效果/履职效益", "20", None),
    ("效果/履职效益/经济效益", "15", "5"),  # 15 分 merged over 经济/社会/生态效益
    ("效果/履职效益/社会效益", None, "3"), ("效果/履职效益/生态效益", None, "5"),
    ("效果/履职效益/社会公众或服务对象满意度", "5", "5"),
    ("总分", "100", "96"),
]
LUZHOU = [
    ("部门预算管理", "80", None), ("部门预算管理/预算编制", "30", None),
    ("部门预算管理/预算编制/目标制定", "10", "9.5"), ("部门预算管理/预算编制/目标实现", "10", "9.5"),
    ("部门预算管理/预算编制/编制准确", "10", "10"),
    ("部门预算管理/预算执行", "30", None),
    ("部门预算管理/预算执行/支出控制", "10", "10"), ("部门预算管理/预算执行/动态调整", "10", "10"),
    ("部门预算管理/预算执行/执行进度", "10", "9"),
    ("部门预算管理/完成结果", "20", None),
    ("部门预算管理/完成结果/预算完成", "10", "9"), ("部门预算管理/完成结果/违规记录", "10", "10"),
    ("绩效结果应用", "10", None), ("绩效结果应用/信息公开", "2", None),
    ("绩效结果应用/信息公开/自评公开", "2", "2"),  # the row shifted one column to the right
    ("绩效结果应用/整改反馈", "8", None),
    ("绩效结果应用/整改反馈/结果整改", "4", "4"), ("绩效结果应用/整改反馈/应用反馈", "4", "4"),
    ("自评质量", "10", None), ("自评质量/自评质量", "10", None),
    ("自评质量/自评质量/自评准确", "10", None),  # not scored in self-evaluation
    ("合计", None, "87"),
]
SHENZHEN = [
    ("部门决策", "20", None), ("部门决策/预算编制", "10", None),
    ("部门决策/预算编制/预算编制合理性", "5", "4.9"), ("部门决策/预算编制/预算编制规范性", "5", "5"),
    ("部门决策/目标设置", "10", None),
    ("部门决策/目标设置/绩效目标完整性", "3", "3"), ("部门决策/目标设置/绩效指标明确性", "7", "7"),
    ("部门管理", "20", None), ("部门管理/资金管理", "8", None),
    ("部门管理/资金管理/政府采购执行情况", "2", "2"), ("部门管理/资金管理/财务合规性", "3", "2.9"),
    ("部门管理/资金管理/预决算信息公开", "3", "3"),
    ("部门管理/项目管理", "4", None),
    ("部门管理/项目管理/项目实施程序", "2", "2"), ("部门管理/项目管理/项目监管", "2", "2"),
    ("部门管理/资产管理", "3", None),
    ("部门管理/资产管理/资产管理安全性", "2", "2"), ("部门管理/资产管理/固定资产利用率", "1", "1"),
    ("部门管理/人员管理", "2", None),
    ("部门管理/人员管理/财政供养人员控制率", "1", "1"), ("部门管理/人员管理/编外人员控制率", "1", "0"),
    ("部门管理/制度管理", "3", None), ("部门管理/制度管理/管理制度健全性", "3", "3"),
    ("部门绩效", "60", None), ("部门绩效/经济性", "6", None),
    ("部门绩效/经济性/公用经费控制率", "6", "6"),
    ("部门绩效/效率性", "20", None),
    ("部门绩效/效率性/预算执行率", "6", "5.41"), ("部门绩效/效率性/重点工作完成情况", "8", "8"),
    ("部门绩效/效率性/项目完成及时性", "6", "5.57"),
    ("部门绩效/效果性", "25", None),
    ("部门绩效/效果性/社会效益、经济效益、生态效益及可持续影响等", "25", "25"),
    ("部门绩效/公平性", "9", None),
    ("部门绩效/公平性/群众信访办理情况", "3", "3"), ("部门绩效/公平性/公众或服务对象满意度", "6", "2"),
    ("总分", "100", "93.78"),
]


def _rows(path) -> tuple[list[tuple], list[dict]]:
    code, out, _ = run_cli("facts", str(path))
    assert code == 0
    facts = json.loads(out)[0]["scores"]
    rows: dict[str, list] = {}
    for f in facts:
        rows.setdefault(f["path"], [f["path"], None, None])[1 if f["kind"].endswith("weight") else 2] = f["value"]
    return [tuple(r) for r in rows.values()], facts


def _at(facts, path, what):
    return next(f["location"] for f in facts if f["path"] == path and f["kind"] == f"score-table.{what}")


@pytest.mark.parametrize("name, expected", [
    ("yueyang-port-office-2020-overall-self-evaluation.txt", YUEYANG),
    ("luzhou-port-logistics-2020-final-accounts.txt", LUZHOU),
    ("shenzhen-port-office-2021-overall-evaluation.txt", SHENZHEN),
])
def test_score_table_rows(corpus, name, expected):
    rows, _ = _rows(corpus / name)
    want = [r for r in expected if r[1] or r[2]]
    assert rows == want


def test_pdftotext_cells_keep_their_place(corpus):
    """「3 2 有结余」 on line 685: 分值 in column 1, 得分 in column 3; the section weight inside 「（40 分）」."""
    _, facts = _rows(corpus / "yueyang-port-office-2020-overall-self-evaluation.txt")
    assert _at(facts, "过程/预算执行/资金结余", "weight") == {"line": 685, "column": 1, "end_line": 685, "end_column": 2}
    assert _at(facts, "过程/预算执行/资金结余", "score") == {"line": 685, "column": 3, "end_line": 685, "end_column": 4}
    assert _at(facts, "过程", "weight") == {"line": 657, "column": 2, "end_line": 657, "end_column": 4}
    assert _at(facts, "总分", "score")["line"] == 876


def test_tab_cells_keep_their_place(corpus):
    _, facts = _rows(corpus / "luzhou-port-logistics-2020-final-accounts.txt")
    assert _at(facts, "绩效结果应用/信息公开/自评公开", "score")["line"] == 620
    _, facts = _rows(corpus / "shenzhen-port-office-2021-overall-evaluation.txt")
    loc = _at(facts, "部门绩效/效率性/预算执行率", "score")
    assert loc["line"] == 482

