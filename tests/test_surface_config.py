"""Configuration files: discovery (nearest wins), every key, validation errors, CLI overrides, ``budgetlint config``."""
from __future__ import annotations

import json
import sys

import pytest

from conftest import run_cli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# BL101 at 1:5 (150 + 40 = 190, not 200), BL701 at 2:33 (120 > 100: 小于 is wrong), BL201 at 3:17 (75%, not 80%)
DOC = ("支出合计200万元，其中：基本支出150万元，项目支出40万元。\n"
       "年初预算为100万元，支出决算为120万元，决算数小于年初预算数。\n"
       "基本支出150万元，占支出合计的80%。\n")
INFO = "指标1：集装箱 50.87万标箱\n"  # BL901, info


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """Write files under a temporary folder (the working directory) and return their relative paths."""
    monkeypatch.chdir(tmp_path)

    def write(name: str, text: str = DOC) -> str:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        return name

    return write


def codes(*args) -> list[str]:
    code, out, err = run_cli("check", "--format", "json", *args)
    assert code in (0, 1), err
    return [d["code"] for d in json.loads(out)]


def test_without_config_every_rule_runs(tree):
    assert codes(tree("r.txt")) == ["BL101", "BL701", "BL201"]


def test_pyproject_tool_table(tree):
    tree("pyproject.toml", '[project]\nname = "reports"\n\n[tool.budgetlint]\nignore = ["BL7"]\n')
    assert codes(tree("r.txt")) == ["BL101", "BL201"]


def test_pyproject_without_table_is_skipped_and_the_search_goes_on(tree):
    tree("budgetlint.toml", 'ignore = ["BL1"]\n')
    tree("sub/pyproject.toml", '[project]\nname = "x"\n')
    assert codes(tree("sub/r.txt")) == ["BL701", "BL201"]


def test_nearest_config_wins_per_file(tree):
    tree("budgetlint.toml", 'ignore = ["BL2"]\n')
    tree("drafts/.budgetlint.toml", 'ignore = ["BL1", "BL7"]\n')
    top, draft = tree("r.txt"), tree("drafts/deep/r.txt")
    code, out, _ = run_cli("check", "--format", "json", top, draft)
    found = [(d["path"], d["code"]) for d in json.loads(out)]
    assert found == [("drafts/deep/r.txt", "BL201"), ("r.txt", "BL101"), ("r.txt", "BL701")]


def test_dot_file_beats_plain_name_in_the_same_folder(tree):
    tree(".budgetlint.toml", 'ignore = ["BL1"]\n')
    tree("budgetlint.toml", 'ignore = ["BL2"]\n')
    assert codes(tree("r.txt")) == ["BL701", "BL201"]


def test_config_option_forces_one_file(tree):
    tree("budgetlint.toml", 'ignore = ["BL2"]\n')
    tree("ci/strict.toml", 'select = ["BL7"]\n')
    assert codes("--config", "ci/strict.toml", tree("r.txt")) == ["BL701"]


def test_cli_flags_override_the_file(tree):
    tree("budgetlint.toml", 'ignore = ["BL7"]\nlang = "en"\n')
    path = tree("r.txt")
    assert codes("--select", "BL7", path) == ["BL701"]  # --select replaces the file's selection
    assert codes("--ignore", "BL1", path) == ["BL201"]  # --ignore adds to the file's ignore list
    code, out, _ = run_cli("check", "--format", "concise", "--lang", "zh", path)
    assert "[错误]" in out


def test_extend_select_adds_to_select(tree):
    tree("budgetlint.toml", 'select = ["BL1"]\nextend-select = ["BL7"]\n')
    assert codes(tree("r.txt")) == ["BL101", "BL701"]
    assert codes("--extend-select", "BL2", "r.txt") == ["BL101", "BL701", "BL201"]


def test_per_file_ignores_globs_relative_to_the_config(tree):
    tree("budgetlint.toml", '[per-file-ignores]\n"drafts/*.txt" = ["BL1"]\n"*说明.txt" = ["BL2", "BL7"]\n')
    code, out, _ = run_cli("check", "--format", "json", tree("drafts/a.txt"), tree("2023说明.txt"), tree("b.txt"))
    found = [(d["path"], d["code"]) for d in json.loads(out)]
    assert found == [("2023说明.txt", "BL101"), ("b.txt", "BL101"), ("b.txt", "BL701"), ("b.txt", "BL201"),
                     ("drafts/a.txt", "BL701"), ("drafts/a.txt", "BL201")]


def test_severity_overrides(tree):
    tree("budgetlint.toml", '[severity]\nBL701 = "warning"\nBL901 = "error"\n')
    code, out, _ = run_cli("check", "--format", "json", tree("r.txt"))
    assert [(d["code"], d["severity"]) for d in json.loads(out)] == \
        [("BL101", "error"), ("BL701", "warning"), ("BL201", "error")]
    code, out, _ = run_cli("check", "--format", "json", tree("i.txt", INFO))
    assert code == 1 and json.loads(out)[0]["severity"] == "error"  # info raised to error fails the run


def test_tail_digits_is_the_rounding_tolerance(tree):
    # items 60.00 + 30.00 = 90.00; the total 90.02 differs by 2 in the last digit. Rounding alone allows
    # the total to be at least 90.015 and the items to sum to at most 90.01: an error unless the 0.01
    # tail convention (tail-digits = 1, the default) widens the total to 90.005.
    path = tree("t.txt", "收入合计90.02万元，其中：财政拨款收入60.00万元，其他收入30.00万元。\n")
    assert codes(path) == []
    tree("budgetlint.toml", "tail-digits = 0\n")
    assert codes(path) == ["BL101"]


def test_lang_key(tree):
    tree("budgetlint.toml", 'lang = "en"\n')
    code, out, _ = run_cli("check", "--format", "concise", tree("r.txt"))
    assert "BL101 [error] 支出合计: the 2 items add up to 190 万元" in out


def test_max_file_size(tree):
    tree("budgetlint.toml", "max-file-size = 20\n")
    small = tree("small.txt", "收入合计90万元。\n")  # 7 CJK characters x 3 bytes + "90" + newline = 24 bytes
    tiny = tree("tiny.txt", "合计9万元\n")  # 4 x 3 + 2 = 14 bytes: read and linted
    code, out, err = run_cli("check", small, tiny)
    assert code == 2
    assert err.strip() == "budgetlint: small.txt: 文件过大（24 字节，上限 20）"


def test_include_and_exclude_globs_when_walking_folders(tree):
    tree("budgetlint.toml", 'exclude = ["drafts", "*.bak.md"]\ninclude = ["*.txt", "*.md"]\n')
    tree("reports/a.txt"), tree("reports/drafts/b.txt"), tree("reports/c.bak.md"), tree("reports/d.md")
    tree("reports/e.markdown")
    code, out, _ = run_cli("check", "--format", "json", "reports")
    assert sorted({d["path"] for d in json.loads(out)}) == ["reports/a.txt", "reports/d.md"]
    code, out, err = run_cli("check", "--lang", "en", "--format", "json", "reports/drafts")
    assert (code, json.loads(out)) == (0, []) and err.strip() == \
        "budgetlint: no files to check (every file was excluded by exclude/include)"
    # a file named on the command line is linted even if a glob would skip it (pre-commit passes names)
    assert codes("reports/drafts/b.txt") == ["BL101", "BL701", "BL201"]


def test_rubric_path_is_relative_to_the_config_file(tree, tmp_path):
    tree("cfg/budgetlint.toml", 'rubric = "rubrics/hunan.toml"\n')
    code, out, _ = run_cli("config", "cfg")
    assert code == 0
    assert tomllib.loads(out)["rubric"] == str(tmp_path / "cfg" / "rubrics" / "hunan.toml")


def test_config_command_prints_the_effective_configuration(tree, tmp_path):
    tree("budgetlint.toml", 'ignore = ["BL7"]\ntail-digits = 2\n[per-file-ignores]\n"*.md" = ["BL2"]\n')
    code, out, _ = run_cli("config", tree("r.md"))
    assert code == 0
    assert out.splitlines()[0] == f"# 来自 {tmp_path / 'budgetlint.toml'}"
    eff = tomllib.loads(out)
    assert eff["ignore"] == ["BL7", "BL2"]  # the per-file ignore of this file is included
    assert eff["tail-digits"] == 2 and eff["select"] == ["BL"] and eff["lang"] == "zh"
    assert eff["per-file-ignores"] == {"*.md": ["BL2"]}
    code, out, _ = run_cli("config", "--lang", "en", "--config", "budgetlint.toml", ".")
    assert out.splitlines()[0] == "# from budgetlint.toml"


def test_config_command_without_any_file_shows_defaults(tree):
    code, out, _ = run_cli("config", "--lang", "en", tree("r.txt"))
    assert out.splitlines()[0] == "# no config file found: defaults"
    assert tomllib.loads(out)["max-file-size"] == 50 * 1024 * 1024


@pytest.mark.parametrize("body, zh, en", [
    ('selct = ["BL1"]\n', "未知配置项“selct”", "unknown key 'selct'"),
    ('tail-digits = "one"\n', "配置项“tail-digits”应为整数，实际为 'one'",
     "key 'tail-digits': expected an integer, got 'one'"),
    ('tail-digits = -1\n', "配置项“tail-digits”应为不小于 0 的数，实际为 -1",
     "key 'tail-digits': expected a number >= 0, got -1"),
    ('lang = "fr"\n', "配置项“lang”应为以下之一：'zh'、'en'，实际为 'fr'",
     "key 'lang': expected one of 'zh' or 'en', got 'fr'"),
    ('ignore = "BL1"\n', "配置项“ignore”应为字符串数组，实际为 'BL1'",
     "key 'ignore': expected an array of strings, got 'BL1'"),
    ('[severity]\nBL101 = "fatal"\n', "配置项“severity.BL101”应为以下之一：'error'、'warning'、'info'，实际为 'fatal'",
     "key 'severity.BL101': expected one of 'error', 'warning' or 'info', got 'fatal'"),
    ('select = [\n', "不是有效的 TOML", "invalid TOML"),
    ('select = [1]\n', "配置项“select.0”应为字符串，实际为 1", "key 'select.0': expected a string, got 1"),
])
def test_bad_config_is_one_line_naming_file_key_and_expectation(tree, tmp_path, body, zh, en):
    tree("budgetlint.toml", body)
    path = tree("r.txt")
    cfg = tmp_path / "budgetlint.toml"
    code, out, err = run_cli("check", path)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"budgetlint: {cfg}: {zh}")
    code, out, err = run_cli("check", "--lang", "en", path)
    assert code == 2 and err.startswith(f"budgetlint: {cfg}: {en}")
    code, _, err = run_cli("config", "--lang", "en", path)
    assert code == 2 and en in err


def test_bad_forced_config_and_missing_table(tree):
    tree("pyproject.toml", "[project]\n")
    code, _, err = run_cli("check", "--lang", "en", "--config", "pyproject.toml", tree("r.txt"))
    assert code == 2 and err.strip() == "budgetlint: pyproject.toml: has no [tool.budgetlint] table"


def test_codes_in_config_are_case_insensitive(tree):
    tree("budgetlint.toml", 'ignore = ["bl7"]\n[severity]\nbl101 = "warning"\n')
    code, out, _ = run_cli("check", "--format", "json", tree("r.txt"))
    assert [(d["code"], d["severity"]) for d in json.loads(out)] == [("BL101", "warning"), ("BL201", "error")]
