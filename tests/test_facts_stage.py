"""Extraction is one stage: ``budgetlint facts`` shows what the rules will read, one fact per statement.

The expected rates are read by hand from the corpus documents (line and
page as a reader finds them); the arithmetic in the comments is done by hand.
"""
from __future__ import annotations

import json

import pytest

from budgetlint.config import Config
from budgetlint.document import Document
from budgetlint.engine import analyse, lint
from budgetlint.facts import Rate

from conftest import CORPUS, run_cli


def _facts(path) -> dict:
    code, out, _ = run_cli("facts", str(path))
    assert code == 0
    (doc,) = json.loads(out)
    return doc


def _rates(doc: dict) -> list[tuple[str, str, int, int | None]]:
    return [(f["key"], f["rate"]["text"], f["location"]["line"], f["location"].get("page"))
            for f in doc["facts"] if f["kind"] == "rate"]


@pytest.mark.parametrize("name, key, value, line, page", [
    # 「实际在编人员52人，实际编外人员16人，编外人员控制率为23.53%」: 16 ÷ 68 = 23.53%
    ("shenzhen-port-office-2021-overall-evaluation.txt", "编外人员控制率", "23.53", 171, None),
    # 「年初预算为366.09万元，支出决算为379.03万元，完成年初预算的103.53%」: 379.03 ÷ 366.09 = 103.53%
    ("yueyang-port-office-2023-final-accounts.txt", "", "103.53", 74, None),
    ("yueyang-port-office-2020-overall-self-evaluation.txt", "", "95", 252, None),  # 无纸化通关率达95%
    ("luzhou-port-logistics-2020-final-accounts.txt", "", "78", 108, None),  # 冷藏设施利用率达 78%
    ("pdf/shanghai-putuo-social-work-2024-final-accounts.pdf", "", "95.89", 10, 18),
    ("pdf/shanghai-putuo-planning-resources-2024-final-accounts.pdf", "", "95.45", 15, 21),
    ("pdf/shanghai-putuo-finance-bureau-2024-final-accounts.pdf", "", "98.20", 29, 21),
])
def test_facts_shows_the_rates_of_each_corpus_document(name, key, value, line, page):
    assert (key, value, line, page) in _rates(_facts(CORPUS / name))


def test_the_blank_template_states_no_rate():
    assert _rates(_facts(CORPUS / "pdf" / "final-accounts-template-2024.pdf")) == []


def test_facts_counts_table_cells():
    doc = _facts(CORPUS / "pdf" / "shanghai-putuo-social-work-2024-final-accounts.pdf")
    assert doc["cells_seen"] > 0 and 0 < doc["cells_used"] <= doc["cells_seen"]
    seen, used = doc["numbers_seen"] + doc["cells_seen"], doc["numbers_used"] + doc["cells_used"]
    assert doc["coverage"] == round(used / seen, 4)


def _analyse(text: str):
    return analyse(Document(path="t.txt", text=text), Config())


def _findings(text: str) -> list[tuple[str, str]]:
    return [(f.code, text[f.span.start:f.span.end]) for f in lint(Document(path="t.txt", text=text), Config()).findings]


SENTENCE = "项目支出预算为200.00万元，项目支出决算为190.00万元，项目支出预算完成率为{r}%。"


def test_a_rate_read_by_the_grammar_and_by_name_is_one_fact():
    text = SENTENCE.format(r="95.00")  # 190 ÷ 200 = 95.00%
    ctx = _analyse(text)
    at = text.index("95.00")
    on_it = [f for f in ctx.facts.facts if f.span.start <= at < f.span.end]
    assert len(on_it) == 1
    (rate,) = on_it
    assert isinstance(rate, Rate) and rate.key == "项目支出预算完成率"
    assert ctx.facts.get(rate.actual).value.text == "190.00" and ctx.facts.get(rate.budget).value.text == "200.00"
    assert rate.inputs == {}  # the sentence's amounts give it: nothing read twice
    assert _findings(text) == []
    assert _findings(SENTENCE.format(r="96.00")) == [("BL301", "96.00")]  # one contradiction, one finding


def test_a_named_rate_whose_inputs_stand_in_other_sentences_is_recomputed_from_them():
    text = "项目支出预算为200.00万元。全年共支出190.00万元。项目支出预算完成率为{r}%。"
    (rate,) = [f for f in _analyse(text.format(r="96.00")).facts.of(Rate)]
    assert rate.key == "项目支出预算完成率" and set(rate.inputs) == {"actual", "base"}
    assert _findings(text.format(r="95.00")) == []
    assert _findings(text.format(r="96.00")) == [("BL310", "96.00")]


def test_facts_shows_the_recognised_final_tables():
    doc = _facts(CORPUS / "pdf" / "shanghai-putuo-planning-resources-2024-final-accounts.pdf")
    summary = next(t for t in doc["final_tables"] if t["kind"] == "summary")
    # 收入支出决算总表: 年初结转和结余 112.88 on the income side, as printed in the PDF
    line = next(ln for ln in summary["lines"] if "年初结转和结余" in ln["label"] and ln["side"] == 0)
    assert "112.88" in line["cells"].values()


@pytest.mark.parametrize("text, number, key", [
    ("截至第一季度末，累计支出212.70万元，总预算1000.00万元，支出进度为21.27%。", "21.27", "支出进度"),
    ("服务对象满意度为85%。", "85", "满意度"),
])
def test_a_named_rate_the_grammar_read_as_an_amount_is_one_rate(text, number, key):
    at = text.index(number)
    on_it = [f for f in _analyse(text).facts.facts if f.span.start <= at < f.span.end]
    assert [(f.kind, getattr(f, "key", None)) for f in on_it] == [("rate", key)]
