"""Batch runs: folders, --jobs, the progress bar, --summary and --summary-csv."""
from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT, run_cli

BAD = "收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。\n"  # BL101 (error)
GOOD = "收入合计90万元，其中：财政拨款收入60万元，其他收入30万元。\n"
INFO = "指标1：集装箱 50.87万标箱\n"  # BL901 (info): one statement not checked


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A bureau's folder: 8 reports in nested folders, a hidden folder and a file of another type."""
    monkeypatch.chdir(tmp_path)
    docs = {
        "reports/a.txt": BAD,
        "reports/b.md": GOOD,
        "reports/county/c.txt": BAD + INFO,
        "reports/county/d.txt": GOOD * 3,
        "reports/county/town/e.txt": INFO,
        "reports/f.txt": BAD + BAD,
        "reports/g.txt": GOOD,
        "reports/h.txt": BAD,
        "reports/.git/x.txt": BAD,
        "reports/notes.csv": "a,b\n",
    }
    for name, text in docs.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_folders_are_walked_recursively_skipping_hidden_and_unknown_types(folder):
    code, out, _ = run_cli("check", "--format", "json", "reports")
    paths = [d["path"] for d in json.loads(out)]
    assert sorted(set(paths)) == ["reports/a.txt", "reports/county/c.txt", "reports/county/town/e.txt",
                                  "reports/f.txt", "reports/h.txt"]
    assert paths == sorted(paths)


@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
def test_jobs_do_not_change_the_output(folder, fmt):
    one = run_cli("check", "--format", fmt, "--jobs", "1", "reports")
    many = run_cli("check", "--format", fmt, "--jobs", "3", "reports")
    assert one == many and one[0] == 1 and one[1]


def test_unreadable_file_is_reported_and_the_others_still_linted_in_parallel(folder):
    (folder / "reports" / "empty.txt").write_bytes(b"")
    code, out, err = run_cli("check", "--format", "concise", "--lang", "en", "--jobs", "2", "reports")
    assert code == 2
    assert err.strip() == "budgetlint: reports/empty.txt: empty file"
    assert out.count("BL101") == 5


def test_summary_table_per_document(folder):
    code, out, _ = run_cli("check", "--summary", "--lang", "en", "reports")
    assert code == 1
    rows = [re.split(r"\s{2,}", line.strip()) for line in out.splitlines()]
    assert rows[0] == ["file", "unit", "year", "kind", "pages", "errors", "warnings", "info", "facts", "not checked",
                       "numbers understood", "cross-document"]
    by_path = {r[0]: r[5:] for r in rows[2:-1]}  # these one-line reports name no unit, year or kind: "-"
    assert all(r[1:5] == ["-", "-", "-", "-"] for r in rows[2:-1])
    assert len(by_path) == 8  # every document read, clean ones too
    # worst first: two errors; one error and a note; one error (by path); a note only; clean (by path)
    assert list(by_path) == ["reports/f.txt", "reports/county/c.txt", "reports/a.txt", "reports/h.txt",
                             "reports/county/town/e.txt", "reports/b.md", "reports/county/d.txt", "reports/g.txt"]
    assert by_path["reports/a.txt"][:3] == ["1", "0", "0"]
    assert by_path["reports/f.txt"][:3] == ["2", "0", "0"]
    assert by_path["reports/county/c.txt"][:3] == ["1", "0", "1"]
    assert by_path["reports/county/c.txt"][4] == "1"  # the 标箱 line could not be checked
    assert by_path["reports/b.md"][:3] + [by_path["reports/b.md"][4]] == ["0", "0", "0", "0"]
    # the facts column is what `budgetlint facts` extracts (minus statements not understood)
    _, facts_out, _ = run_cli("facts", "reports/county/d.txt")
    facts = [f for f in json.loads(facts_out)[0]["facts"] if f["kind"] != "unparsed"]
    assert by_path["reports/county/d.txt"][3] == str(len(facts)) and len(facts) >= 9  # 3 x (3 amounts + list)
    assert rows[-1][:5] == ["total", "-", "5", "0", "2"]  # 1 + 2 + 1 + 1 errors, 2 info notes
    assert "BL101" not in out  # the table replaces the findings on stdout


def test_summary_with_output_file_keeps_the_findings(folder):
    code, out, _ = run_cli("check", "--summary", "--format", "json", "-o", "findings.json", "reports")
    assert "文件" in out.splitlines()[0] and "未检查语句" in out.splitlines()[0]
    assert len(json.loads((folder / "findings.json").read_text(encoding="utf-8"))) == 7


def test_summary_csv(folder):
    code, out, _ = run_cli("check", "--format", "concise", "--summary-csv", "summary.csv", "reports")
    assert out.count("BL101") == 5  # findings still printed
    raw = (folder / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Chinese headers as UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["文件", "单位", "年度", "类型", "页数", "错误", "警告", "提示", "事实", "未检查语句", "数字识别率", "跨文件问题"]
    c = next(r for r in rows if r[0] == "reports/county/c.txt")
    assert c[:8] == ["reports/county/c.txt", "-", "-", "-", "-", "1", "0", "1"] and c[-1] == "0"
    assert len(rows) == 10 and rows[-1][0] == "合计"


def _run_with_stderr_on_terminal(args: list[str], cwd) -> tuple[str, str]:
    """Run the CLI with stderr on a pseudo-terminal (as a person at a shell); returns (stdout, terminal)."""
    import pty

    master, slave = pty.openpty()
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="100")
    proc = subprocess.Popen([sys.executable, "-m", "budgetlint", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    screen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        screen += chunk
    out = proc.stdout.read().decode("utf-8")
    proc.wait()
    os.close(master)
    return out, screen.decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_only_on_a_terminal_and_for_more_than_a_few_files(folder):
    out, screen = _run_with_stderr_on_terminal(["check", "--format", "json", "--jobs", "1", "reports"], folder)
    assert "检查中" in screen and "8/8" in screen
    assert len(json.loads(out)) == 7  # stdout holds only the findings
    out, screen = _run_with_stderr_on_terminal(["check", "--format", "json", "reports/a.txt", "reports/b.md",
                                                "reports/f.txt"], folder)
    assert screen == "" and len(json.loads(out)) == 3  # three files: no bar
    _, _, err = run_cli("check", "--format", "json", "reports")  # not a terminal: silent
    assert err == ""
