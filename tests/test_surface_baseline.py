"""Baselines: --write-baseline records today's findings, --baseline reports only new ones.

Fingerprints use the code, the statement and the message, never line
numbers, so they must survive inserted lines, re-wrapped lines and page shifts.
"""
from __future__ import annotations

import json

import pytest

from conftest import run_cli

BAD = "收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。"           # BL101 (90, not 100)
BAD2 = "支出合计200万元，其中：基本支出150万元，项目支出40万元。"             # BL101 (190, not 200)
SAME_NUMBER = "结转合计100万元，其中：基本结转60万元，项目结转20万元。"       # BL101 on another 「100」


@pytest.fixture
def report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def write(*lines: str, name: str = "r.txt") -> str:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        return name

    return write


def check(*args) -> tuple[int, list[tuple[int, str]]]:
    code, out, err = run_cli("check", "--format", "json", *args)
    assert code in (0, 1), err
    return code, [(d["line"], d["code"]) for d in json.loads(out)]


def test_write_then_use_baseline(report, tmp_path):
    path = report(BAD, BAD2)
    code, out, err = run_cli("check", "--write-baseline", "baseline.json", path)
    assert code == 0 and out == "" and "baseline.json" in err and "2" in err
    data = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert [e["code"] for e in data["files"]["r.txt"]] == ["BL101", "BL101"]
    assert check("--baseline", "baseline.json", path) == (0, [])


def test_only_new_findings_are_reported(report):
    path = report(BAD)
    run_cli("check", "--write-baseline", "b.json", path)
    report(BAD, BAD2)
    assert check("--baseline", "b.json", path) == (1, [(2, "BL101")])


def test_inserted_lines_keep_old_findings_old(report):
    path = report(BAD, "", BAD2)
    run_cli("check", "--write-baseline", "b.json", path)
    report("前言。", "", "一、部门概况", BAD, "", "新增段落。", BAD2)
    assert check(path)[1] == [(4, "BL101"), (7, "BL101")]
    assert check("--baseline", "b.json", path) == (0, [])


def test_occurrences_of_the_same_finding_are_counted(report):
    path = report(BAD, BAD)
    run_cli("check", "--write-baseline", "b.json", path)
    report("说明。", BAD, BAD, BAD)
    assert check("--baseline", "b.json", path) == (1, [(4, "BL101")])


def test_same_number_in_another_clause_is_a_different_finding(report):
    path = report(BAD)
    run_cli("check", "--write-baseline", "b.json", path)
    report(SAME_NUMBER, BAD)  # the new 「100」 comes first: the old one must still be recognised
    assert check("--baseline", "b.json", path) == (1, [(1, "BL101")])


def test_baseline_paths_are_relative_to_the_baseline_file(report, tmp_path, monkeypatch):
    report(BAD, name="reports/r.txt")
    run_cli("check", "--write-baseline", "ci/baseline.json", "reports")
    assert list(json.loads((tmp_path / "ci/baseline.json").read_text(encoding="utf-8"))["files"]) == ["../reports/r.txt"]
    monkeypatch.chdir(tmp_path / "reports")
    assert check("--baseline", "../ci/baseline.json", "r.txt") == (0, [])


def test_a_file_not_in_the_baseline_reports_everything(report):
    run_cli("check", "--write-baseline", "b.json", report(BAD))
    assert check("--baseline", "b.json", report(BAD, name="other.txt")) == (1, [(1, "BL101")])


def test_invalid_baseline_is_one_line_exit_2(report, tmp_path):
    (tmp_path / "b.json").write_text('{"files": []}', encoding="utf-8")
    code, out, err = run_cli("check", "--lang", "en", "--baseline", "b.json", report(BAD))
    assert code == 2 and err.startswith("budgetlint: b.json: not a valid baseline file")


def test_fingerprints_survive_page_shifts():
    """A PDF re-paginated after an insertion: pages and page-relative lines change, fingerprints do not."""
    from budgetlint.baseline import fingerprints
    from budgetlint.config import Config
    from budgetlint.document import Document, Region
    from budgetlint.engine import lint

    def pdf(pages: list[str]) -> Document:
        text, regions = "", []
        for n, page in enumerate(pages, 1):
            regions.append(Region(start=len(text), end=len(text) + len(page), page=n, lines_relative=True))
            text += page + "\f\n"
        return Document(path="r.pdf", text=text, kind="pdf", regions=regions)

    before = pdf(["封面", "说明\n" + BAD + "\n" + BAD2 + "\n- 2 -"])
    after = pdf(["封面", "新增一页。", "说明\n新增段落。\n" + BAD + "\n- 3 -", BAD2 + "\n- 4 -"])
    fb, fa = lint(before, Config()).findings, lint(after, Config()).findings
    assert [before.locate(f.span).page for f in fb] == [2, 2]
    assert [after.locate(f.span).page for f in fa] == [3, 4]
    assert fingerprints(fb) == fingerprints(fa)
    assert len(set(fingerprints(fb))) == 2
