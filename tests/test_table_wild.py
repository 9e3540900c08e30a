"""Tables of published documents in the layouts pages and exports give them (tests/corpus/wild).

Expected cells and findings are read off the documents by hand (line numbers
count from 1); see tests/corpus/README.md, "Documents in the wild".
"""
from __future__ import annotations

from budgetlint.config import Config
from budgetlint.document import Document
from budgetlint.engine import analyse, lint
from budgetlint.ingest import read_document
from conftest import CORPUS, check_json

WILD = CORPUS / "wild"


def _file(prefix: str) -> str:
    return str(next(WILD.glob(f"{prefix}_*.txt")))


def _found(prefix: str) -> list[dict]:
    return [f for f in check_json("--lang", "en", _file(prefix)) if f["code"] != "BL901"]


def _three(prefix: str) -> dict[str, list[str]]:
    ctx = analyse(read_document(_file(prefix)), Config())
    (t,) = ctx.three_public
    return {item: [c.text if c else "" for c in row] for item, row in t.cells.items()}


def test_038_pipe_rows_subtotal_zero_is_the_one_breaking_cell():
    """公务用车费 0 with 其中 32.65 + 0 (line 7, both columns); the 合计 34.35 holds with the sub-items in its place."""
    found = _found("038")
    assert {(f["code"], f["line"], f["evidence"]["stated"], f["evidence"]["recomputed"]) for f in found} == {
        ("BL119", 7, "0", "32.65")}
    assert len(found) == 2  # 本年预算数 and 其中:公共预算财政拨款


def test_009_horizontal_cells_one_per_line_against_the_text():
    """Header cells 合计 | 出国 | 公务用车 (小计 | 购置费 | 运行费) | 接待 then 79 0 75 50 25 4; the text swaps 50 and 25."""
    assert _three("009") == {"total": ["79"], "abroad": ["0"], "cars": ["75"], "buy": ["50"], "run": ["25"],
                             "reception": ["4"]}
    found = _found("009")
    assert sorted((f["code"], f["line"], f["evidence"]["stated"], f["evidence"]["recomputed"]) for f in found) == [
        ("BL610", 23, "25万元", "50万元"), ("BL610", 23, "50万元", "25万元")]


def test_034_vertical_with_change_and_rate_columns_adds_up():
    """上年决算数 | 本年决算数 | 增减金额 | 增减幅度: 13.06 → 10.20 is −2.86, −21.9%; every row holds."""
    cells = _three("034")
    assert cells["abroad"] == ["13.06", "10.20", "-2.86", "-21.9%"]
    assert cells["total"] == ["2911.47", "2706.86", "-204.61", "-7.03%"]
    assert _found("034") == []


def test_050_space_separated_with_not_applicable_cells_and_rows_outside_the_total():
    """「单位不需填列」 holds no amount; 会议费 7.59 and 培训费 15.86 are not part of the 合计 21.63 = 14.83 + 6.8."""
    cells = _three("050")
    assert cells["total"] == ["21.63", "21.63"] and cells["run"] == ["6.8", "6.8"] and cells["buy"] == ["", ""]
    assert "other" not in cells
    assert _found("050") == []


def test_035_one_value_for_two_columns_is_not_guessed():
    """项目 | 2016-执行数 | 2017-预算数, then 「一、支出合计 250000」: which year? BL125, nothing else."""
    found = _found("035")
    assert [(f["code"], f["line"]) for f in found] == [("BL125", 7)]


def test_cells_between_lines_of_pipes_and_ending_in_a_pipe():
    """006 (「|」 lines between cells) and 044 (「x |」 lines, 「|」 for an empty cell): 合计 = 公务接待费, the rest empty."""
    for prefix, amount in (("006", "0.36"), ("044", "11.77")):
        cells = _three(prefix)
        assert cells["total"] == [amount] and cells["reception"] == [amount]
        assert cells["abroad"] == cells["cars"] == cells["buy"] == cells["run"] == [""]
        assert _found(prefix) == []


def test_022_pipe_rows_broken_across_lines_keep_their_hierarchy():
    """「| 部门决策(25分) | 目标任务(15分) | 相关性(5分) |」 then 「| 明确性(5分) |」: 25 = 15 + 10, 15 = 5 + 5 + 5."""
    ctx = analyse(read_document(_file("022")), Config())
    (table,) = ctx.score_tables
    by_label = {it.label: it for it in table.items}
    decision = by_label["部门决策"]
    assert [(it.label, it.weight.text) for it in table.children(decision.index)] == [("目标任务", "15"),
                                                                                      ("预算编制", "10")]
    assert [it.weight.text for it in table.children(by_label["目标任务"].index)] == ["5", "5", "5"]
    assert [f["code"] for f in _found("022") if f["code"].startswith("BL5")] == []


def test_036_word_cells_as_paragraphs():
    """年度资金总额 43.2 | 43.2 | 37.24 | 10 | 86% | 9 under 「年初」「预算数」 … header cells broken in two."""
    ctx = analyse(read_document(_file("036")), Config())
    (table,) = ctx.score_tables
    fund = table.items[0]
    assert (fund.label, fund.budget_initial.text, fund.budget.text, fund.executed.text, fund.weight.text,
            fund.rate.text, fund.score.text) == ("年度资金总额", "43.2", "43.2", "37.24", "10", "86", "9")
    first = next(it for it in table.leaves() if it.label == "指标1工程资金金额")
    assert (first.weight.text, first.score.text, table.items[first.parent].label) == ("10", "9", "数量指标")
    # 37.24 / 43.2 = 86.2% → 86%; 10 × 86% = 8.6 → 9 at the integer precision the 得分 is written with
    assert [f for f in _found("036") if f["severity"] != "info"] == []


def test_flattened_tables_are_noted_not_read_as_prose():
    """027 (收入支出决算总表 on one line) and 024 (项目自评表 on one line): BL125, and no sum of stray numbers."""
    for prefix, line in (("027", 3), ("024", 2)):
        found = _found(prefix)
        assert ("BL125", line) in {(f["code"], f["line"]) for f in found}
        assert [f for f in found if f["severity"] != "info" and f["code"] != "BL502"] == []


def test_024_flattened_score_sections_exceeding_their_block():
    """「年度 绩效 目标 (80 分) 产出指标 (60 分) … 效益指标 (40 分)」: 60 + 40 = 100 > 80 (the manifest's error);
    预算执行 情况(万元) (20 分) is a block of its own, beside them."""
    loud = [f for f in _found("024") if f["severity"] != "info"]
    assert [(f["code"], f["line"], f["evidence"]["stated"], f["evidence"]["recomputed"]) for f in loud] == [
        ("BL502", 2, "80分", "100分")]
    assert [o["value"] for o in loud[0]["evidence"]["operands"]] == ["60分", "40分"]


def test_a_row_starting_with_an_empty_cell_keeps_its_column():
    """Rows without outer pipes: 「| 二级 | 指标 | 3 | 2 |」 under 「一级指标 | 二级指标 | …」 starts with an empty cell."""
    text = ("一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |\n"
            "决策(10分) | 目标(6分) | 指标1 | 6 | 6 |\n"
            " | 预算(4分) | 指标2 | 4 | 3 |\n"
            "总分 |  |  | 10 | 9 |\n")
    ctx = analyse(Document("t.md", text), Config())
    (table,) = ctx.score_tables
    assert [(it.kind, it.label, it.weight.text) for it in table.items if it.kind == "section"] == [
        ("section", "决策", "10"), ("section", "目标", "6"), ("section", "预算", "4")]
    assert [f.code for f in lint(Document("t.md", text), Config()).findings] == []


def test_vertical_three_public_final_accounts_table_is_checked():
    """项目 | 预算数 | 决算数, one row per item: 合计 决算数 9.00 but 1.00 + 5.00 + 2.00 = 8.00."""
    text = ("2023年“三公”经费支出决算表\n单位：万元\n"
            "项目\t预算数\t决算数\n合计\t8.00\t9.00\n因公出国（境）费\t1.00\t1.00\n"
            "公务用车购置及运行维护费\t5.00\t5.00\n其中：公务用车购置费\t2.00\t2.00\n公务用车运行维护费\t3.00\t3.00\n"
            "公务接待费\t2.00\t2.00\n")
    found = [(f.code, f.evidence.stated, f.evidence.recomputed) for f in lint(Document("t.txt", text), Config()).findings
             if f.code == "BL119"]
    assert found == [("BL119", "9.00", "8.00")]
    indented = "2023年“三公”经费支出决算表\n单位：万元\n" + "".join(
        "\t" + cell + "\n" for line in text.split("\n")[2:] for cell in line.split("\t") if line)
    again = [(f.code, f.evidence.stated, f.evidence.recomputed)
             for f in lint(Document("t.txt", indented), Config()).findings if f.code == "BL119"]
    assert again == found


def test_facts_shows_the_three_public_cells_and_counts_table_cells():
    """`budgetlint facts` on 009: 公务用车购置费 50 is the 5th value (line 16), and all 6 number cells are read."""
    import json

    from conftest import run_cli

    code, out, _ = run_cli("facts", _file("009"))
    assert code == 0
    (doc,) = json.loads(out)
    buy = next(f for f in doc["three_public"] if f["item"] == "buy")
    assert (buy["value"], buy["role"], buy["location"]["line"]) == ("50", "budget", 16)
    assert (doc["cells_seen"], doc["cells_used"]) == (6, 6)


def test_an_excerpt_starting_inside_a_score_table_is_noted_not_misread(tmp_path):
    """An excerpt cut inside a 项目支出绩效自评表 written one cell per paragraph: the header left is
    「分值 / 执行率 / 得分」 but the fund rows still carry their 年初预算数, 全年预算数 and 全年执行数
    (43.2, 43.2, 37.24) before 分值 10, 执行率 86% and 得分 9. Cut by the header's three columns,
    86% would land under 得分 beside 分值 37.24; the rows do not fit, so nothing is scored, and
    one BL125 note says the table was not read."""
    cells = ["分值", "执行率", "得分", "年度资金总额", "43.2", "43.2", "37.24", "10", "86%", "9",
             "其中:当年财政拨款", "43.2", "43.2", "37.24", "上年结转资金", "其他资金"]
    p = tmp_path / "excerpt.txt"
    p.write_text("\n" + "\n\n".join(cells) + "\n", encoding="utf-8")
    assert [(f["code"], f["severity"], f["line"]) for f in check_json(str(p))] == [("BL125", "info", 2)]
