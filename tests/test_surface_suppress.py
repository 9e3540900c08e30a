"""Inline suppressions (Markdown comments, plain-text lines) and BL990 for those that suppress nothing."""
from __future__ import annotations

import json

import pytest

from conftest import run_cli

BAD = "收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。"  # BL101 at column 5
SHARE = "支出合计200万元，基本支出150万元，占支出合计的80%。"  # BL201 at column 27: 150 / 200 = 75%
GOOD = "收入合计90万元，其中：财政拨款收入60万元，其他收入30万元。"


@pytest.fixture
def lint(tmp_path, monkeypatch):
    """Lint one document written from lines; returns [(line, column, code)] and the exit code."""
    monkeypatch.chdir(tmp_path)

    def run(name: str, *lines: str, args=()):
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        code, out, err = run_cli("check", "--format", "json", *args, name)
        assert code in (0, 1), err
        return [(d["line"], d["column"], d["code"]) for d in json.loads(out)], code

    return run


def test_share_example_is_flagged_without_suppression(lint):
    assert lint("r.md", SHARE)[0] == [(1, 27, "BL201")]


def test_markdown_comment_on_the_same_line(lint):
    assert lint("r.md", BAD + " <!-- budgetlint: disable=BL101 -->") == ([], 0)
    # the comment does not hide the statement from the parser: another code leaves BL101 in place
    assert lint("r.md", BAD + " <!-- budgetlint: disable=BL2 -->")[0] == [(1, 5, "BL101"), (1, 60, "BL990")]  # 33 + 1 + 25 characters before 「BL2」


def test_markdown_comment_on_the_line_before_but_not_two_lines_before(lint):
    assert lint("r.md", "<!-- budgetlint: disable=BL101 -->", BAD, BAD)[0] == [(3, 5, "BL101")]
    found, _ = lint("r.md", "<!-- budgetlint: disable=BL101 -->", "", BAD)
    assert found == [(1, 26, "BL990"), (3, 5, "BL101")]


def test_prefix_and_list_of_codes(lint):
    assert [c for _, _, c in lint("r.md", BAD + SHARE)[0]] == ["BL101", "BL201"]
    found, _ = lint("r.md", "<!-- budgetlint: disable=BL1, BL2 -->", BAD + SHARE, "<!--budgetlint:disable=bl2-->", SHARE)
    assert found == []


def test_disable_without_codes_silences_everything_on_its_line_and_the_next(lint):
    assert lint("r.md", BAD, BAD + "<!-- budgetlint: disable -->", BAD)[0] == [(1, 5, "BL101")]


def test_disable_file_with_a_prefix(lint):
    found, _ = lint("r.md", BAD, SHARE, "", SHARE, "<!-- budgetlint: disable-file=BL2 -->")
    assert found == [(1, 5, "BL101")]


def test_plain_text_line_form(lint):
    assert lint("r.txt", "# budgetlint: disable=BL101", BAD, BAD)[0] == [(3, 5, "BL101")]
    assert lint("r.txt", "  #budgetlint: disable-file=BL1", SHARE, BAD)[0] == [(2, 27, "BL201")]
    # only a line of its own: text after a sentence is not a directive
    assert lint("r.txt", BAD + "# budgetlint: disable=BL101")[0] == [(1, 5, "BL101")]


def test_unused_suppression_is_reported_at_the_code(lint):
    found, code = lint("r.md", GOOD + "<!-- budgetlint: disable=BL101 -->")
    # 「收入合计90万元，其中：财政拨款收入60万元，其他收入30万元。」 is 32 characters, 「<!-- budgetlint: disable=」 25 more
    assert found == [(1, 58, "BL990")] and code == 1
    found, _ = lint("r.md", "<!-- budgetlint: disable=BL101,BL2 -->", BAD)
    assert found == [(1, 32, "BL990")]  # BL101 was used, BL2 was not
    found, _ = lint("r.md", "<!-- budgetlint: disable-file=BL2 -->", BAD)
    assert found == [(1, 31, "BL990"), (2, 5, "BL101")]


def test_unused_suppression_message_evidence_and_language(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.md").write_text("<!-- budgetlint: disable=BL101,BL2 -->\n" + BAD + "\n", encoding="utf-8")
    _, out, _ = run_cli("check", "--format", "json", "--lang", "en", "r.md")
    d = json.loads(out)[0]
    assert d["message"] == "unused suppression BL2: nothing to suppress on this line or the next; remove it"
    assert d["severity"] == "warning" and (d["column"], d["end_column"]) == (32, 35)
    assert d["evidence"] == {"stated": "<!-- budgetlint: disable=BL101,BL2 -->",
                             "suggestion": "<!-- budgetlint: disable=BL101 -->"}
    _, out, _ = run_cli("check", "--format", "json", "r.md")
    assert json.loads(out)[0]["message"] == "未使用的抑制注释 BL2：本行及下一行没有可抑制的问题，请删除"


def test_unused_suppression_only_for_rules_that_ran_and_can_be_ignored(lint):
    directive = "<!-- budgetlint: disable=BL101 -->"
    assert lint("r.md", GOOD + directive, args=("--select", "BL2")) == ([], 0)  # BL101 did not run
    assert lint("r.md", GOOD + directive, args=("--ignore", "BL990")) == ([], 0)
    assert lint("r.md", GOOD + directive, args=("--select", "BL2,BL990")) == ([], 0)


def test_directive_itself_is_not_a_statement_to_check(lint):
    found, _ = lint("r.md", "<!-- budgetlint: disable=BL901 -->", "指标1：集装箱 50.87万标箱")
    assert found == []


def test_rule_is_documented():
    code, out, _ = run_cli("rule", "BL990")
    assert code == 0 and out.startswith("BL990 unused-suppression (warning)")
    assert "disable-file" in out
