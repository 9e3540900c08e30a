"""The four real PDFs: narrative amounts and 决算 table cells come out of ``budgetlint facts`` with
their page numbers. Every expected value was read by hand from the PDF pages (pdftotext -layout
and a PDF viewer), not from budgetlint's output."""
from __future__ import annotations

import json

import pytest

from conftest import run_cli

SW = "shanghai-putuo-social-work-2024-final-accounts.pdf"
FB = "shanghai-putuo-finance-bureau-2024-final-accounts.pdf"
PR = "shanghai-putuo-planning-resources-2024-final-accounts.pdf"
TEMPLATE = "final-accounts-template-2024.pdf"


@pytest.fixture(scope="module")
def facts():
    from conftest import CORPUS

    code, out, err = run_cli("facts", *(str(CORPUS / "pdf" / n) for n in (SW, FB, PR, TEMPLATE)))
    assert code == 0, err
    return {d["path"].rsplit("/", 1)[-1]: d for d in json.loads(out)}


def numbers_on_page(doc: dict, page: int) -> set[str]:
    """Every stated number of the narrative facts found on ``page``."""
    found = set()

    def walk(node):
        if isinstance(node, dict):
            if "text" in node and "decimals" in node and "span" in node:
                found.add(node["text"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    for f in doc["facts"]:
        if f["location"].get("page") == page:
            walk(f)
    return found


def cell_right_of(doc: dict, title: str, label: str) -> tuple[str, int]:
    """(text, page) of the cell right of the cell reading ``label`` in the table titled ``title``."""
    for t in doc["tables"]:
        if t["title"] == title:
            for row in t["rows"]:
                for a, b in zip(row["cells"], row["cells"][1:]):
                    if a["text"] == label:
                        return b["text"], b["location"]["page"]
    raise AssertionError(f"{label} not in {title}")


@pytest.mark.parametrize("name, page, numbers", [
    (SW, 17, {"307.82", "105.58", "202.24", "34.30", "65.70"}),  # 三、支出决算情况说明
    (SW, 18, {"321.02", "95.89", "52.00", "51.32", "98.69"}),     # (三) 具体情况, item 1
    (SW, 22, {"21.07"}),                                           # 政府采购
    (FB, 21, {"2946.25", "2940.05", "2336.91", "603.14", "0.3", "2993.92", "98.20"}),
    (FB, 22, {"1560.05", "1511.89", "450.52", "449.52"}),
    (PR, 20, {"9859.38", "1062.85", "9746.50", "5377.64", "4381.74"}),
    (PR, 21, {"3832.36", "4461.67", "10210.34", "95.45"}),
])
def test_narrative_amounts_with_pages(facts, name, page, numbers):
    assert numbers <= numbers_on_page(facts[name], page)


@pytest.mark.parametrize("name, title, label, value, page", [
    (SW, "收入支出决算总表", "十九、住房保障支出", "29.42", 5),
    (SW, "收入支出决算总表", "本年收入合计", "307.82", 5),
    (SW, "一般公共预算财政拨款基本支出决算表", "其他交通费用", "2.43", 13),
    (SW, "收入决算表", "购房补贴", "11.72", 7),  # the table runs on over page 7
    (FB, "收入支出决算总表", "八、社会保障和就业支出", "326.71", 6),
    (FB, "收入支出决算总表", "八、其他收入", "6.20", 6),
    (FB, "收入支出决算总表", "本年收入合计", "2,946.25", 6),
    (PR, "收入支出决算总表", "十一、城乡社区支出", "3845.25", 7),
    (PR, "收入支出决算总表", "年初结转和结余", "112.88", 7),
])
def test_table_cells_with_pages(facts, name, title, label, value, page):
    assert cell_right_of(facts[name], title, label) == (value, page)


def test_template_tables_are_read_blank(facts):
    doc = facts[TEMPLATE]
    titles = [t["title"] for t in doc["tables"]]
    assert {"收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表"} <= set(titles)
    summary = doc["tables"][titles.index("收入支出决算总表")]
    assert [c["text"] for c in summary["rows"][1]["cells"]] == ["项目", "决算数", "项目", "决算数"]
    assert summary["rows"][1]["cells"][0]["location"]["page"] == 5
