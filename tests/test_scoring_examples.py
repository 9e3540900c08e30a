"""Our own score-table examples with planted errors: exactly the expected findings of the scoring families."""
from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES, check_json

FAMILIES = ("BL31", "BL33", "BL5")
CASES = sorted(p.name for p in EXAMPLES.glob("*.expected.json")
               if p.name.startswith(("project-self-evaluation", "overall-self-evaluation-")))


@pytest.mark.parametrize("expected_file", CASES)
def test_example_findings(expected_file):
    expected = json.loads((EXAMPLES / expected_file).read_text(encoding="utf-8"))
    doc = next(p for p in EXAMPLES.iterdir() if p.name.startswith(expected_file.replace(".expected.json", "."))
               and not p.name.endswith(".json"))
    found = sorted((f["line"], f["code"]) for f in check_json(str(doc)) if f["code"].startswith(FAMILIES))
    assert found == sorted((e["line"], e["code"]) for e in expected)


def test_cell_per_line_form_is_read():
    """The Word export: 年度资金总额 row, eight indicator rows and 总分, each cell at its own line."""
    from budgetlint.ingest import read_document
    from budgetlint.tables.readers import read_tables

    doc = read_document(str(EXAMPLES / "project-self-evaluation-clean.txt"), 10 ** 6)
    scores = next(t.scores for t in read_tables(doc) if t.scores)
    budget = scores.items[0]
    assert (budget.label, budget.budget_initial.text, budget.budget.text, budget.executed.text,
            budget.weight.text, budget.rate.text, budget.score.text) == ("年度资金总额", "120", "150", "138", "10", "92", "9.2")
    leaves = [(it.label, it.target.text, it.actual.text, it.weight.text, it.score.text) for it in scores.leaves()]
    assert leaves[1] == ("新增站点数量", "≥5个", "6个", "10", "10")
    assert len(leaves) == 8
    assert (scores.total().weight.text, scores.total().score.text) == ("100", "98.2")
    assert doc.locate(scores.total().score.span).line == 129


def test_english_messages():
    from conftest import run_cli

    code, out, _ = run_cli("check", "--lang", "en", "--select", "BL501", str(EXAMPLES / "project-self-evaluation.txt"))
    assert code == 1 and "exceeds its weight 15" in out


def test_form_without_total_weight_must_make_100(tmp_path):
    """The 总分 row often states no 分值: budget execution 10 + indicators must still make 100."""
    lines = (EXAMPLES / "project-self-evaluation-clean.txt").read_text(encoding="utf-8").split("\n")
    total = lines.index("\t总分")
    lines[total + 5] = "\t"  # no 分值 on the 总分 row
    quiet = tmp_path / "quiet.txt"
    quiet.write_text("\n".join(lines), encoding="utf-8")
    assert [f for f in check_json("--select", "BL5", str(quiet))] == []
    lines[total - 3] = "\t15"  # 市民满意度 分值 10 → 15: 105 in all
    loud = tmp_path / "loud.txt"
    loud.write_text("\n".join(lines), encoding="utf-8")
    assert [(f["line"], f["code"]) for f in check_json("--select", "BL502", str(loud))] == [(total + 1, "BL502")]


def test_project_scores_in_prose_are_not_the_overall_total(tmp_path):
    text = (EXAMPLES / "overall-self-evaluation-layout.txt").read_text(encoding="utf-8")
    p = tmp_path / "doc.txt"
    p.write_text(text.replace("绩效自评综合\n\n得分 \n91分", "项目绩效自评得分 \n85分"), encoding="utf-8")
    assert [f["code"] for f in check_json("--select", "BL504", str(p))] == []
