"""Across documents: identity, BL950–BL953 on planted errors, the screening table and the facts CSV.

The documents are one unit's: the real 2023 决算 of 岳阳市人民政府口岸管理办公室
(tests/corpus, unedited) and, in tests/corpus/crossdoc/, written for
these tests, its 2022 决算, 2023 预算, 2023 “三公” 说明 and 2023 “三公” table,
whose figures agree with what the 2023 决算 states or implies:

- 2023 收支总计 949.54, 与上年相比减少 367.99 → 2022 收支总计 1317.53;
- 财政拨款收支总计 / 财政拨款支出 791.59 + 139.92 → 931.51;
- “三公”经费 3.48 + 2.82 → 6.30; 公务接待费 2.23 + 1.07 → 3.30;
  公务用车运行维护费 1.25 + 1.75 → 3.00;
- 年初预算: 财政拨款支出 463.48, 会议费 0.5; 机关运行经费 72.09 − 6.85 = 65.24.

Each planted error changes one of those figures in one companion file.
"""
from __future__ import annotations

import csv
import json
import re
import shutil

import pytest
from hypothesis import given, settings, strategies as st

from conftest import ROOT, run_cli

SRC = ROOT / "tests" / "corpus" / "crossdoc"
REAL_2023 = ROOT / "tests" / "corpus" / "yueyang-port-office-2023-final-accounts.txt"  # the corpus document, unedited
Y22, Y23 = "yueyang-2022-final-accounts.txt", "yueyang-2023-final-accounts.txt"
BUDGET, STATEMENT, TABLE = "yueyang-2023-budget.txt", "yueyang-2023-three-public-statement.txt", "yueyang-2023-three-public-table.txt"
ALL = [Y22, Y23, BUDGET, STATEMENT, TABLE]
# a real PDF 决算 (上海市普陀区财政局 2024) with its 2023 决算 and 2024 预算 written to agree with it:
# 收入支出总计 2995.39 + 56.95 = 3052.34; 一般公共预算财政拨款支出 2940.05 + 63.14 = 3003.19;
# 机关运行经费支出 184.65 − 2.55 = 182.10; 年初预算 2993.92, “三公”经费 0.95
PDF = ROOT / "tests" / "corpus" / "pdf" / "shanghai-putuo-finance-bureau-2024-final-accounts.pdf"
P23, P24B, P24 = "putuo-finance-2023-final-accounts.txt", "putuo-finance-2024-budget.txt", PDF.name


@pytest.fixture
def docs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    for name in ALL + [P23, P24B]:
        src = REAL_2023 if name == Y23 else SRC / name
        shutil.copy(src, tmp_path / "d" / name)
    shutil.copy(PDF, tmp_path / "d" / P24)
    return tmp_path / "d"


def plant(folder, name, old, new):
    p = folder / name
    text = p.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    p.write_text(text.replace(old, new), encoding="utf-8")


def cross(files: list[str], *extra: str) -> list[dict]:
    code, out, _ = run_cli("check", "--select", "BL95", "--format", "json", *extra, *[f"d/{f}" for f in files])
    return json.loads(out)


# (file, old, new, files run together, code, file reported on, its line, other file, other line)
PLANTED = [
    (Y22, "收、支总计1317.53万元", "收、支总计1327.53万元", [Y22, Y23], "BL950", Y23, 59, Y22, 13),
    (Y22, "财政拨款收、支总计931.51万元", "财政拨款收、支总计913.51万元", [Y22, Y23], "BL950", Y23, 65, Y22, 19),
    (Y22, "2022年度财政拨款支出931.51万元", "2022年度财政拨款支出935.51万元", [Y22, Y23], "BL950", Y23, 68, Y22, 21),
    (Y22, "支出决算为6.3万元", "支出决算为6.5万元", [Y22, Y23], "BL950", Y23, 101, Y22, 23),
    (Y22, "公务接待费支出决算为3.3万元", "公务接待费支出决算为3.2万元", [Y22, Y23], "BL950", Y23, 103, Y22, 25),
    (Y22, "公务用车运行维护费支出决算为3万元", "公务用车运行维护费支出决算为2.8万元", [Y22, Y23], "BL950", Y23, 105, Y22, 27),
    (BUDGET, "财政拨款支出预算463.48万元", "财政拨款支出预算436.48万元", [BUDGET, Y23], "BL951", Y23, 72, BUDGET, 8),
    (BUDGET, "机关运行经费支出预算为65.24万元", "机关运行经费支出预算为62.54万元", [BUDGET, Y23], "BL951", Y23, 112, BUDGET, 10),
    (BUDGET, "会议费预算0.5万元", "会议费预算0.8万元", [BUDGET, Y23], "BL951", Y23, 114, BUDGET, 12),
    (STATEMENT, "公务接待费支出决算为2.23万元", "公务接待费支出决算为2.32万元", [STATEMENT, TABLE], "BL952", TABLE, 4, STATEMENT, 3),
    (TABLE, "\t2.23\t2.23\n", "\t2.23\t2.32\n", [Y23, TABLE], "BL952", TABLE, 4, Y23, 103),
    (STATEMENT, "支出决算为3.48万元", "支出决算为3.84万元", [Y23, STATEMENT], "BL953", STATEMENT, 3, Y23, 101),
    (P23, "收入支出总计3052.34万元", "收入支出总计3025.34万元", [P23, P24], "BL950", P24, (21, 5), P23, 9),
    (P23, "财政拨款支出3003.19万元", "财政拨款支出3030.19万元", [P23, P24], "BL950", P24, (21, 21), P23, 11),
    (P23, "机关运行经费支出182.10万元", "机关运行经费支出182.01万元", [P23, P24], "BL950", P24, (24, 1), P23, 13),
    (P24B, "财政拨款支出预算2993.92万元", "财政拨款支出预算2939.92万元", [P24B, P24], "BL951", P24, (21, 29), P24B, 4),
    (P24B, "支出预算0.95万元", "支出预算0.59万元", [P24B, P24], "BL951", P24, (23, 10), P24B, 6),
]


@pytest.mark.parametrize("name,old,new,files,code,on,line,other,other_line", PLANTED,
                         ids=[f"{p[4]}-{p[0][:6]}-{p[1]}" for p in PLANTED])
def test_planted_cross_document_error_is_found_with_both_places(docs, name, old, new, files, code, on, line, other,
                                                                 other_line):
    plant(docs, name, old, new)
    found = cross(files)
    page, line = line if isinstance(line, tuple) else (None, line)  # a PDF: page, line on that page
    assert [(f["code"], f["path"], f.get("page"), f["line"]) for f in found] == [(code, f"d/{on}", page, line)]
    elsewhere = [op for op in found[0]["evidence"]["operands"] if "path" in op]
    assert [(op["path"], op["line"]) for op in elsewhere] == [(f"d/{other}", other_line)]
    other_text = (docs / other).read_text(encoding="utf-8").splitlines()[other_line - 1].strip()
    assert elsewhere[0]["line_text"] == other_text
    _, text, _ = run_cli("check", "--select", "BL95", *[f"d/{f}" for f in files])
    shown = text.splitlines()
    assert any(s.strip().startswith(f"{line} | ") for s in shown)  # the finding's own line
    assert f"  {other_line} | {other_text}" in text  # and the other document's line


def test_planted_previous_year_error_reads_the_implied_figure(docs):
    plant(docs, Y22, "收、支总计1317.53万元", "收、支总计1327.53万元")
    (f,) = cross([Y22, Y23], "--lang", "en")
    # 949.54 + 367.99 = 1317.53, against the 1327.53 the 2022 document now states
    assert f["evidence"]["stated"] == "1317.53万元（949.54万元 + 367.99万元）"
    assert f["evidence"]["recomputed"] == "1327.53万元" and f["evidence"]["difference"] == "-10.00万元"
    assert "d/yueyang-2022-final-accounts.txt" in f["message"]


def test_an_inline_comment_suppresses_a_cross_document_finding(docs):
    plant(docs, Y22, "收、支总计1317.53万元", "收、支总计1327.53万元")
    plant(docs, Y23, "减少367.99万元，减少27.93%", "减少367.99万元，减少27.93% <!-- budgetlint: disable=BL950 -->")
    code, out, _ = run_cli("check", "--format", "concise", f"d/{Y22}", f"d/{Y23}")
    assert "BL950" not in out and "BL990" not in out


def test_consistent_documents_give_no_cross_document_finding(docs):
    assert cross(ALL) == []
    assert cross(ALL, "--jobs", "2") == []
    assert cross([P23, P24B, P24]) == []


def test_units_of_one_folder_are_kept_apart(docs):
    """Two units' documents in one run: each unit's planted error is found, nothing crosses between them."""
    plant(docs, Y22, "公务接待费支出决算为3.3万元", "公务接待费支出决算为3.2万元")
    plant(docs, P23, "机关运行经费支出182.10万元", "机关运行经费支出182.01万元")
    found = cross(ALL + [P23, P24B, P24])
    assert sorted((f["path"], f["code"]) for f in found) == [(f"d/{P24}", "BL950"), (f"d/{Y23}", "BL950")]
    for f in found:
        other = next(op["path"] for op in f["evidence"]["operands"] if "path" in op)
        assert other == (f"d/{Y22}" if f["path"] == f"d/{Y23}" else f"d/{P23}")


def test_jobs_do_not_change_cross_document_findings(docs):
    plant(docs, Y22, "公务接待费支出决算为3.3万元", "公务接待费支出决算为3.2万元")
    one = run_cli("check", "--jobs", "1", "d")
    assert one == run_cli("check", "--jobs", "3", "d")
    assert "BL950" in one[1]


def test_documents_of_different_units_are_never_compared(docs):
    plant(docs, Y22, "收、支总计1317.53万元", "收、支总计1327.53万元")
    p = docs / Y22
    p.write_text(p.read_text(encoding="utf-8").replace("岳阳市人民政府口岸管理办公室", "岳阳市商务局"), encoding="utf-8")
    assert cross([Y22, Y23]) == []
    _, out, _ = run_cli("facts", f"d/{Y22}")
    assert json.loads(out)[0]["unit"] == "岳阳市商务局"


def test_config_sets_the_identity_of_a_file_whose_title_says_nothing(docs):
    p = docs / Y22
    lines = p.read_text(encoding="utf-8").splitlines()
    body = [ln for ln in lines if "岳阳市人民政府口岸管理办公室" not in ln]  # no title, no 概况 heading
    p.write_text("\n".join(body).replace("收、支总计1317.53万元", "收、支总计1327.53万元") + "\n", encoding="utf-8")
    _, out, _ = run_cli("facts", f"d/{Y22}")
    assert json.loads(out)[0]["unit"] == ""
    assert cross([Y22, Y23]) == []  # unknown unit: never compared
    (docs / "budgetlint.toml").write_text(
        f'[documents."{Y22}"]\nunit = "岳阳市人民政府口岸管理办公室"\nyear = 2022\nkind = "决算"\n', encoding="utf-8")
    _, out, _ = run_cli("facts", f"d/{Y22}")
    doc = json.loads(out)[0]
    assert (doc["unit"], doc["year"], doc["kind"]) == ("岳阳市人民政府口岸管理办公室", 2022, "final_accounts")
    assert doc["identity_source"] == {"unit": "config", "year": "config", "kind": "config"}
    assert [f["code"] for f in cross([Y22, Y23])] == ["BL950"]


def test_a_bad_kind_in_the_config_is_one_line_and_exit_2(docs):
    (docs / "budgetlint.toml").write_text('[documents."x.txt"]\nkind = "报告"\n', encoding="utf-8")
    code, _, err = run_cli("check", "d")
    assert code == 2 and err.count("\n") == 1 and "documents.x.txt.kind" in err


@pytest.mark.parametrize("title,unit,year,kind", [
    ("岳阳市人民政府口岸管理办公室2023年部门预算\n", "岳阳市人民政府口岸管理办公室", 2023, "budget"),
    ("2020 年度\n泸州市口岸与物流办公室\n部门决算\n", "泸州市口岸与物流办公室", 2020, "final_accounts"),
    ("某区文化馆2024年度“三公”经费支出情况说明\n", "某区文化馆", 2024, "three_public"),
    ("寿县司法局2022年“三公”经费预算情况\n", "寿县司法局", 2022, "three_public"),
    ("2021 年度部门整体绩效评价报告\n部门名称（公章）：深圳市人民政府口岸办公室\n", "深圳市人民政府口岸办公室", 2021,
     "overall_evaluation"),
    ("2022年度项目支出绩效自评表 | 部门:临沧市永德县明朗中学 |\n", "临沧市永德县明朗中学", 2022, "project_evaluation"),
    ("防城港市公共资源交易中心2018年部门预算\n及“三公”经费预算编制说明\n", "防城港市公共资源交易中心", 2018, "budget"),
    ("2018年度本部门“三公”经费支出2.05万元。\n", "", 2018, "three_public"),  # 本部门 names no unit
])
def test_identity_from_titles(title, unit, year, kind):
    from budgetlint.identity import read_identity

    ident = read_identity(title)
    assert (ident.unit, ident.year, ident.kind) == (unit, year, kind)


def test_unit_names_with_and_without_their_region_are_one_unit():
    from budgetlint.identity import same_unit

    assert same_unit("重庆市铜梁区安居镇人民政府", "铜梁区安居镇人民政府")
    assert not same_unit("岳阳市商务局", "岳阳市人民政府口岸管理办公室")
    assert not same_unit("", "")
    assert not same_unit("平江县财政局", "岳阳县财政局")


def _ledgers(units):
    from budgetlint.crossdoc import Ledger
    from budgetlint.identity import Identity

    return [Ledger(path=f"d{i}.txt", identity=Identity(unit=u)) for i, u in enumerate(units)]


def test_documents_of_one_unit_are_paired_with_and_without_their_region():
    from budgetlint.crossdoc import CrossContext

    units = ["重庆市铜梁区安居镇人民政府", "铜梁区安居镇人民政府", "人民政府", "人民政府", "", "", "岳阳县财政局"]
    ctx = CrossContext(_ledgers(units), {})
    got = [(a.path, b.path) for a, b in ctx.pairs()]
    # d0/d1: one ends the other and has 10 characters; d2/d3: equal (4 characters end both d0 and d1,
    # too short to stand for them); no unit (d4, d5) pairs with nothing; d6 has no other document
    assert got == [("d0.txt", "d1.txt"), ("d1.txt", "d0.txt"), ("d2.txt", "d3.txt"), ("d3.txt", "d2.txt")]


def _figure(value: str, at: int, key: str = "支出合计", year: int = 2023, own: bool = True, how: str = "stated"):
    from decimal import Decimal

    from budgetlint.crossdoc import Quantity
    from budgetlint.model import Location, Span

    v = Decimal(value) * 10000  # 万元, in 元; ± half a cent of 万元 for two decimals
    return Quantity(key=key, year=year, basis="actual", lo=v - 50, hi=v + 50, text=f"{value}万元", label=key, how=how,
                    own=own, span=Span(start=at, end=at + 5),
                    location=Location(line=1, column=at + 1, end_line=1, end_column=at + 6))


def test_each_figure_is_compared_with_the_first_document_that_disagrees():
    """The evidence for a figure is the first other document of its unit, in the order given, whose value
    rounding cannot reconcile with it, among those the rule accepts."""
    from budgetlint.crossdoc import CrossContext

    docs = _ledgers(["岳阳县财政局"] * 4)
    for doc, value in zip(docs, ["100.00", "100.00", "120.00", "130.00"]):
        doc.quantities = [_figure(value, 0)]
    ctx = CrossContext(docs, {})
    first = ctx.disagreements(docs[0], docs[0].quantities, lambda other, q: True)
    assert [(j, q.text, oq.text) for j, _, q, oq in first] == [(2, "100.00万元", "120.00万元")]
    not_d2 = ctx.disagreements(docs[0], docs[0].quantities, lambda other, q: other.path != "d2.txt")
    assert [(j, oq.text) for j, _, _, oq in not_d2] == [(3, "130.00万元")]
    # 100.004万元 is within rounding of 100.00万元: d1 never disagrees with d0
    docs[1].quantities = [_figure("100.004", 0)]
    assert CrossContext(docs[:2], {}).disagreements(docs[1], docs[1].quantities, lambda other, q: True) == []


_UNITS = ["重庆市铜梁区安居镇人民政府", "铜梁区安居镇人民政府", "岳阳县财政局"]  # the first two are one unit
_KINDS = ["budget", "final_accounts", "three_public"]
# a figure: (key, year, value in 万元, own, how); 100.00 and 100.004 agree within rounding, 120.00 with neither
_FIGURES = st.tuples(st.sampled_from(["支出合计", "收入合计"]), st.sampled_from([2022, 2023]),
                     st.sampled_from(["100.00", "100.004", "120.00"]), st.booleans(), st.sampled_from(["stated", "table"]))
_DOCS = st.lists(st.tuples(st.sampled_from(_UNITS), st.sampled_from([2022, 2023]), st.sampled_from(_KINDS),
                           st.integers(0, 9), st.lists(_FIGURES, max_size=4)), min_size=2, max_size=10)


@settings(max_examples=300)
@given(_DOCS, st.sampled_from([True, False, None]), st.sampled_from([None, ("stated",), ("table",)]),
       st.sampled_from([None, 2022, 2023]), st.sampled_from([None, ("budget",), ("final_accounts", "three_public")]),
       st.booleans(), st.sets(st.integers(0, 9), max_size=4))
def test_disagreements_find_what_the_pair_by_pair_loop_finds(spec, own, how, year, kinds, earlier, refused):
    """Each figure's evidence is the first other document of its unit, in ledger order, whose value disagrees
    with it and that meets the rule's conditions (year, kind, before the document, ``accept``): what a loop
    over ``pairs()`` finds, however the values and conditions fall."""
    from budgetlint.crossdoc import CrossContext, disagree, order

    docs = _ledgers([unit for unit, *_ in spec])
    for i, (doc, (_, y, kind, name, figures)) in enumerate(zip(docs, spec)):
        doc.path = f"{name}-{i}.txt"  # ledger order is not ``order()``: paths sort otherwise
        doc.identity.year, doc.identity.kind = y, kind
        doc.quantities = [_figure(value, at, key=key, year=fy, own=own_, how=how_)
                          for at, (key, fy, value, own_, how_) in enumerate(figures)]
    ctx = CrossContext(docs, {})

    def accept(other, q):
        return docs.index(other) not in refused

    for doc in docs:
        expected = []
        for n, q in enumerate(doc.quantities):
            for a, other in ctx.pairs():
                oq = ctx.index(other, own, how).get((q.key, q.year, q.basis)) if a is doc else None
                if (oq is not None and disagree(q, oq) and year in (None, other.identity.year)
                        and (kinds is None or other.identity.kind in kinds)
                        and (not earlier or order(doc) > order(other)) and accept(other, q)):
                    expected.append((docs.index(other), n, id(q), id(oq)))
                    break
        got = ctx.disagreements(doc, doc.quantities, accept, own, how, year=year, kinds=kinds, earlier=earlier)
        assert [(j, n, id(q), id(oq)) for j, n, q, oq in got] == sorted(expected)


@given(st.lists(st.text(alphabet="市区镇局府", max_size=9), max_size=12))
def test_pairs_are_every_ordered_pair_of_one_unit(units):
    from budgetlint.crossdoc import CrossContext
    from budgetlint.identity import same_unit

    ledgers = _ledgers(units)
    expected = [(a.path, b.path) for a in ledgers for b in ledgers
                if a is not b and same_unit(a.identity.unit, b.identity.unit)]
    assert [(a.path, b.path) for a, b in CrossContext(ledgers, {}).pairs()] == expected


def _summary(docs, *args):
    plant(docs, Y22, "公务接待费支出决算为3.3万元", "公务接待费支出决算为3.2万元")
    return run_cli("check", *args, f"d/{Y22}", f"d/{Y23}", f"d/{BUDGET}")


def test_summary_table_cell_by_cell(docs):
    code, out, _ = _summary(docs, "--summary", "--lang", "en")
    assert code == 1
    rows = [re.split(r"\s{2,}", line.strip()) for line in out.splitlines()]
    assert rows[0] == ["file", "unit", "year", "kind", "pages", "errors", "warnings", "info", "facts", "not checked",
                       "numbers understood", "cross-document"]
    _, facts_out, _ = run_cli("facts", f"d/{Y23}", f"d/{Y22}", f"d/{BUDGET}")
    facts = {d["path"]: d for d in json.loads(facts_out)}

    def counted(path):
        d = facts[path]
        return [str(sum(f["kind"] != "unparsed" for f in d["facts"])), str(sum(f["kind"] == "unparsed" for f in d["facts"])),
                f"{100 * d['numbers_used'] / d['numbers_seen']:.1f}%"]

    unit = "岳阳市人民政府口岸管理办公室"
    # worst first: the 2023 决算 has BL101 (463.48 vs 461.57), BL701 (小于 for 203.59 > 0) and the planted BL950,
    # BL916 (，，) and BL110 (no tables); the 2022 决算 BL101 (its 三公 items now add up to 6.2, not 6.3) and BL110,
    # the 预算 nothing
    assert rows[2] == [f"d/{Y23}", unit, "2023", "final accounts", "-", "3", "1", "1", *counted(f"d/{Y23}"), "1"]
    assert rows[3] == [f"d/{Y22}", unit, "2022", "final accounts", "-", "1", "0", "1", *counted(f"d/{Y22}"), "0"]
    assert rows[4] == [f"d/{BUDGET}", unit, "2023", "budget", "-", "0", "0", "0", *counted(f"d/{BUDGET}"), "0"]
    seen = sum(d["numbers_seen"] for d in facts.values())
    used = sum(d["numbers_used"] for d in facts.values())
    total_facts = sum(int(counted(p)[0]) for p in facts)
    assert rows[5] == ["total", "-", "4", "1", "2", str(total_facts), "0", f"{100 * used / seen:.1f}%", "1"]
    assert len(rows) == 6


def test_summary_csv_cell_by_cell(docs):
    _summary(docs, "--format", "concise", "--summary-csv", "s.csv")
    rows = list(csv.reader((docs.parent / "s.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["文件", "单位", "年度", "类型", "页数", "错误", "警告", "提示", "事实", "未检查语句", "数字识别率", "跨文件问题"]
    assert [r[:8] + r[11:] for r in rows[1:]] == [
        [f"d/{Y23}", "岳阳市人民政府口岸管理办公室", "2023", "决算", "-", "3", "1", "1", "1"],
        [f"d/{Y22}", "岳阳市人民政府口岸管理办公室", "2022", "决算", "-", "1", "0", "1", "0"],
        [f"d/{BUDGET}", "岳阳市人民政府口岸管理办公室", "2023", "预算", "-", "0", "0", "0", "0"],
        ["合计", "", "", "", "-", "4", "1", "2", "1"],
    ]


def test_facts_csv_one_row_per_fact(docs):
    code, out, _ = run_cli("facts", "--format", "csv", f"d/{BUDGET}")
    rows = list(csv.reader(out.splitlines()))
    assert rows[0] == ["文件", "单位", "年度", "类型", "主题", "数值", "计量单位", "事实类型", "位置"]
    head = [f"d/{BUDGET}", "岳阳市人民政府口岸管理办公室", "2023", "预算"]
    assert rows[1:] == [
        head + ["2023年财政拨款支出预算", "463.48", "万元", "amount", "8:14"],
        head + ["2023年机关运行经费支出预算", "65.24", "万元", "amount", "10:17"],
        head + ["2023年会议费预算", "0.5", "万元", "amount", "12:11"],
        head + ["培训费预算", "0.5", "万元", "amount", "12:22"],
    ]
    _, out_en, _ = run_cli("facts", "--format", "csv", "--lang", "en", "-o", "f.csv", f"d/{Y22}")
    rows = list(csv.reader((docs.parent / "f.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][-2:] == ["fact kind", "location"]
    _, js, _ = run_cli("facts", f"d/{Y22}")
    assert len(rows) - 1 == len(json.loads(js)[0]["facts"])
    assert rows[1][:9] == [f"d/{Y22}", "岳阳市人民政府口岸管理办公室", "2022", "final accounts", "2022年度收、支总计", "1317.53",
                           "万元", "amount", "13:12"]


@pytest.mark.parametrize("code", ["BL950", "BL951", "BL952", "BL953"])
def test_cross_rules_are_documented(code):
    _, out, _ = run_cli("rule", code)
    assert "Example" in out and "Fix" in out and "Why" in out


def test_examples_pair_is_compared(tmp_path, monkeypatch):
    """The README's first command shows the cross-document findings of the example pair."""
    monkeypatch.chdir(ROOT)
    code, out, _ = run_cli("check", "--select", "BL95", "--format", "json", "examples/")
    got = sorted((f["code"], f["path"], f["line"]) for f in json.loads(out))
    assert ("BL950", "examples/port-office-2024-final-accounts.txt", 9) in got
    assert ("BL951", "examples/port-office-2024-final-accounts.txt", 12) in got
    # the planted copy of the demo 决算 (same unit and year) disagrees with the demo on 人员经费
    assert got == [("BL950", "examples/port-office-2024-final-accounts.txt", 9),
                   ("BL951", "examples/port-office-2024-final-accounts.txt", 12),
                   ("BL953", "examples/final-accounts-errors.txt", 136)]


def _pair(tmp_path, monkeypatch, last_year: str, this_year: str) -> list[dict]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-2023.txt").write_text("某县文化馆2023年度部门决算\n" + last_year + "\n", encoding="utf-8")
    (tmp_path / "b-2024.txt").write_text("某县文化馆2024年度部门决算\n" + this_year + "\n", encoding="utf-8")
    code, out, _ = run_cli("check", "--select", "BL95", "--format", "json", "a-2023.txt", "b-2024.txt")
    return json.loads(out)


RATE_ONLY = "2024年度支出合计900.00万元，比上年下降10.00%。"  # 900.00 ÷ (1 − 10.00%) = 1000.00


@pytest.mark.parametrize("stated,flagged", [
    ("1000.00", False),
    ("1000.05", False),  # 900.00 ÷ (1 − 0.1000±0.00005) reaches 1000.07, and 1000.05 may be 1000.035–1000.065
    ("1000.50", True),
    ("990.00", True),
])
def test_a_rate_alone_implies_last_years_figure(tmp_path, monkeypatch, stated, flagged):
    found = _pair(tmp_path, monkeypatch, f"2023年度支出合计{stated}万元。", RATE_ONLY)
    assert [(f["code"], f["line"], f["column"]) for f in found] == ([("BL950", 2, 25)] if flagged else [])


def test_a_stated_previous_year_figure_is_compared(tmp_path, monkeypatch):
    found = _pair(tmp_path, monkeypatch, "2023年度支出合计1010.00万元。", "上年支出合计为1000.00万元。")
    assert [(f["code"], f["line"], f["evidence"]["stated"], f["evidence"]["recomputed"]) for f in found] == [
        ("BL950", 2, "1000.00万元", "1010.00万元")]
    assert _pair(tmp_path, monkeypatch, "2023年度支出合计1000.00万元。", "上年支出合计为1000.00万元。") == []


def test_years_that_are_not_consecutive_are_not_compared(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("某县文化馆2022年度部门决算\n2022年度支出合计1010.00万元。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("某县文化馆2024年度部门决算\n" + RATE_ONLY + "\n", encoding="utf-8")
    _, out, _ = run_cli("check", "--select", "BL95", "--format", "json", "a.txt", "b.txt")
    assert json.loads(out) == []


def test_a_budget_compared_with_last_years_budget(tmp_path, monkeypatch):
    """「比上年预算增加」 in a 预算 implies last year's 预算, not this year's."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("某县文化馆2023年部门预算\n2023年财政拨款支出预算480.00万元。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("某县文化馆2024年部门预算\n2024年财政拨款支出预算500.00万元，比上年预算增加30.00万元。\n",
                                    encoding="utf-8")
    _, out, _ = run_cli("check", "--select", "BL95", "--format", "json", "a.txt", "b.txt")
    # 500.00 − 30.00 = 470.00, the 2023 预算 says 480.00
    assert [(f["code"], f["path"], f["line"], f["evidence"]["recomputed"]) for f in json.loads(out)] == [
        ("BL950", "b.txt", 2, "480.00万元")]


def test_summary_row_of_a_pdf_counts_its_pages(docs):
    plant(docs, P23, "机关运行经费支出182.10万元", "机关运行经费支出182.01万元")
    _, out, _ = run_cli("check", "--summary", "--lang", "en", f"d/{P23}", f"d/{P24B}", f"d/{P24}")
    rows = {r[0]: r for r in (re.split(r"\s{2,}", line.strip()) for line in out.splitlines()[2:])}
    pdf = rows[f"d/{P24}"]
    # the PDF has 25 pages; its one cross-document finding is the planted 机关运行经费 (184.65 − 2.55 ≠ 182.01)
    assert pdf[1:5] == ["上海市普陀区财政局", "2024", "final accounts", "25"] and pdf[-1] == "1"
    assert rows[f"d/{P23}"][4] == "-" and rows["total"][1] == "25"
