"""Output formats, --output, --statistics, --lang and the order of findings.

Documents are written here; expected positions and values are worked out by
hand from their text (columns count characters, 1-based).
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import run_cli

# line 1: 60 + 30 = 90, not 100 (BL101 at 「100」, column 5, end column 8)
BAD = "收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。\n"
GOOD = "收入合计90万元，其中：财政拨款收入60万元，其他收入30万元。\n"
# line 1: 150 + 40 = 190, not 200 (BL101 at 2:5 in TWO); line 2: 150 / 200 = 75%, not 80% (BL201 at 「80」)
TWO = ("收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。\n"
       "支出合计200万元，其中：基本支出150万元，项目支出40万元。\n"
       "基本支出150万元，占支出合计的80%。\n")
INFO = "指标1：集装箱 50.87万标箱\n"  # not understood: BL901 (info)


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def write(name: str, text: str) -> str:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
        return name

    return write


def test_text_format_groups_by_file_with_excerpt_marker_and_evidence(files):
    a, b = files("a.txt", BAD), files("b.txt", TWO)
    code, out, _ = run_cli("check", b, a)
    assert code == 1
    lines = out.splitlines()
    assert lines[:6] == [
        "a.txt:1:5: BL101 [错误] 收入合计：其中各项合计 90万元，与所述 100万元 相差 10万元",
        "  1 | 收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。",
        # 「收入合计」 is four double-width characters: the marker starts 8 columns in, 3 carets under 「100」
        "    | " + " " * 8 + "^^^",
        "    所述: 100万元 · 重算: 90万元 · 差额: 10 · 建议: 90万元",
        "    依据: 财政拨款收入 60万元 @1:20；其他收入 30万元 @1:29",
        "a.txt: 1 个问题（错误 1，警告 0，提示 0）",
    ]
    # the next file's findings come together, in line order, closed by the file's own count
    heads = [line.split(": ", 1)[0] for line in lines[7:] if line.startswith("b.txt:")]
    assert heads == ["b.txt:1:5", "b.txt:2:5", "b.txt:3:17", "b.txt"]
    assert lines[-1] == "共 2 个文件，4 个问题（错误 4，警告 0，提示 0）"
    # 「基本支出150万元，占支出合计的」: 4 + 3 + 2 + 1 + 1 + 4 + 1 = 16 characters, 13 of them double-width
    assert "    | " + " " * 29 + "^^" in lines


def test_text_format_cuts_long_lines_around_the_number(files):
    text = "说明" * 60 + "收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。" + "备注" * 60 + "\n"
    code, out, _ = run_cli("check", files("long.txt", text))
    excerpt, marker = out.splitlines()[1:3]
    # 40 characters are kept before 「100」: 「…」 + 36 of 「说明」 + 「收入合计」; 40 after 「100」
    assert excerpt == "  1 | …" + ("说明" * 18) + "收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。" + "备注" * 7 + "…"
    assert marker == "    | " + " " * (1 + 40 * 2) + "^^^"


def test_lang_en_translates_every_label(files):
    code, out, _ = run_cli("check", "--lang", "en", files("a.txt", BAD), files("b.txt", INFO))
    assert "a.txt:1:5: BL101 [error] 收入合计: the 2 items add up to 90 万元" in out
    assert "    stated: 100万元 · recomputed: 90万元 · difference: 10 · suggestion: 90万元" in out
    assert "    from: 财政拨款收入 60万元 @1:20; 其他收入 30万元 @1:29" in out
    assert "b.txt:1:1: BL901 [info]" in out
    assert "a.txt: 1 problem (1 error, 0 warnings, 0 info)" in out
    assert out.splitlines()[-1] == "2 problems (1 error, 0 warnings, 1 info) in 2 files"
    for zh in ("错误", "提示", "所述", "重算", "依据", "说明", "共", "个问题"):
        assert zh not in out


def test_concise_is_one_line_per_finding(files):
    code, out, _ = run_cli("check", "--format", "concise", "--lang", "en", files("two.txt", TWO))
    assert out.splitlines() == [
        "two.txt:1:5: BL101 [error] 收入合计: the 2 items add up to 90 万元, not the stated 100 万元 (difference 10)",
        "two.txt:2:5: BL101 [error] 支出合计: the 2 items add up to 190 万元, not the stated 200 万元 (difference 10)",
        "two.txt:3:17: BL201 [error] share 80% differs from 150 / 200 = 75.00%",
    ]


def test_json_lines_carry_the_json_contract_one_object_per_line(files):
    path = files("two.txt", TWO)
    _, js, _ = run_cli("check", "--format", "json", path)
    code, jl, _ = run_cli("check", "--format", "json-lines", path)
    assert code == 1
    rows = [json.loads(line) for line in jl.splitlines()]
    assert rows == json.loads(js)
    assert [(r["line"], r["column"], r["end_column"], r["code"]) for r in rows] == \
        [(1, 5, 8, "BL101"), (2, 5, 8, "BL101"), (3, 17, 19, "BL201")]  # the span is the number 「80」
    assert rows[0]["evidence"]["recomputed"] == "90万元" and rows[0]["statement"] == "100"


def test_github_annotations(files):
    code, out, _ = run_cli("check", "--format", "github", "--lang", "en", files("a.txt", BAD), files("i.txt", INFO))
    lines = out.splitlines()
    assert lines[0] == ("::error file=a.txt,line=1,col=5,endLine=1,endColumn=8,title=BL101 (1%3A5)::"
                        "收入合计: the 2 items add up to 90 万元, not the stated 100 万元 (difference 10)")
    assert lines[1].startswith("::notice file=i.txt,line=1,col=1,")  # info is a notice, not a warning
    assert len(lines) == 2


def test_github_escapes_newlines_and_property_separators():
    from budgetlint.report.machine import _gh_escape

    assert _gh_escape("a%b\nc") == "a%25b%0Ac"
    assert _gh_escape("dir,x/a:b.txt", prop=True) == "dir%2Cx/a%3Ab.txt"


def test_junit_one_suite_per_document_clean_ones_pass(files):
    code, out, _ = run_cli("check", "--format", "junit", files("bad.txt", TWO), files("good.txt", GOOD))
    root = ET.fromstring(out)
    assert (root.get("tests"), root.get("failures")) == ("4", "3")
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {"bad.txt", "good.txt"}
    assert [f.get("type") for f in suites["bad.txt"].iter("failure")] == ["BL101", "BL101", "BL201"]
    assert [c.get("name") for c in suites["bad.txt"].iter("testcase")] == ["BL101 1:5", "BL101 2:5", "BL201 3:17"]
    assert list(suites["good.txt"].iter("failure")) == [] and len(list(suites["good.txt"].iter("testcase"))) == 1


def test_output_file_takes_the_findings_and_exit_code_is_kept(files, tmp_path):
    code, out, _ = run_cli("check", "--format", "json", "--output", "report.json", files("a.txt", BAD))
    assert code == 1 and out == ""
    assert [d["code"] for d in json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))] == ["BL101"]


def test_statistics_counts_per_code_most_frequent_first(files):
    code, out, _ = run_cli("check", "--statistics", files("two.txt", TWO), files("a.txt", BAD))
    rows = [re.split(r"\s{2,}", line.strip()) for line in out.splitlines()]
    assert rows[0] == ["数量", "代码", "规则"]
    assert rows[2:] == [["3", "BL101", "breakdown-sum"], ["1", "BL201", "share-mismatch"]]
    _, out_en, _ = run_cli("check", "--statistics", "--lang", "en", files("a.txt", BAD))
    assert re.split(r"\s{2,}", out_en.splitlines()[0].strip()) == ["count", "code", "rule"]


def test_order_is_path_line_column_code_whatever_the_argument_order(files):
    paths = [files("z.txt", BAD), files("sub/b.txt", TWO), files("a.txt", TWO)]
    code, out, _ = run_cli("check", "--format", "json", *paths)
    got = [(d["path"], d["line"], d["column"], d["code"]) for d in json.loads(out)]
    assert got == sorted(got)
    assert [g[0] for g in got] == ["a.txt"] * 3 + ["sub/b.txt"] * 3 + ["z.txt"]


def test_info_findings_alone_exit_zero(files):
    code, out, _ = run_cli("check", "--format", "concise", files("i.txt", INFO))
    assert code == 0 and "BL901" in out


def test_output_file_that_cannot_be_written_is_one_line_exit_2(files):
    code, out, err = run_cli("check", "--lang", "en", "-o", "no/such/dir/r.json", files("a.txt", BAD))
    assert code == 2 and out == ""
    assert err.strip() == "budgetlint: no/such/dir/r.json: cannot write (No such file or directory)"


def test_cells_and_pages_are_named_in_every_human_format():
    """Spreadsheet cells, Word table cells and PDF pages: where a person finds the number in the original."""
    from budgetlint.config import Config
    from budgetlint.document import Document, Region
    from budgetlint.engine import lint
    from budgetlint.report import FORMATTERS, locate

    head = "封面\n"
    doc = Document(path="r.xlsx", text=head + BAD + BAD, kind="xlsx", regions=[
        Region(start=0, end=len(head), page=1, lines_relative=True),
        Region(start=len(head), end=len(head) + len(BAD), sheet="表3", cell="B4", lines_relative=True),
        Region(start=len(head) + len(BAD), end=len(head) + 2 * len(BAD), table="2", cell="R3C4", lines_relative=True)])
    items = locate(doc, lint(doc, Config()).findings)
    concise = FORMATTERS["concise"](items, "en").splitlines()
    assert [line.split(" [")[0] for line in concise] == ["r.xlsx:表3!B4:1:5: BL101", "r.xlsx:table2!R3C4:1:5: BL101"]
    text = FORMATTERS["text"](items, "en")
    assert "r.xlsx:表3!B4:1:5: BL101 [error]" in text and "from: 财政拨款收入 60万元 @表3!B4 1:20" in text
    pdf = Document(path="r.pdf", text=head + BAD, kind="pdf", regions=[
        Region(start=0, end=len(head), page=1, lines_relative=True),
        Region(start=len(head), end=len(head) + len(BAD), page=2, lines_relative=True)])
    [line] = FORMATTERS["concise"](locate(pdf, lint(pdf, Config()).findings), "en").splitlines()
    assert line.startswith("r.pdf:p2:1:5: BL101 [error]")
