"""``--progress``: a progress line and a closing summary on stderr, the findings on stdout unchanged."""
from __future__ import annotations

from conftest import run_cli

BAD = "收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。\n"  # BL101: 60 + 30 = 90, not 100
GOOD = "收入合计90万元，其中：财政拨款收入60万元，其他收入30万元。\n"


def test_progress_flag_adds_a_summary_on_stderr_only(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, text in {"a.txt": BAD, "b.txt": GOOD, "c.txt": BAD + BAD, "d.txt": GOOD, "e.txt": ""}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    plain = run_cli("check", "--format", "concise", "--lang", "en", "--jobs", "2", ".")
    code, out, err = run_cli("check", "--format", "concise", "--lang", "en", "--jobs", "2", "--progress", ".")
    assert (code, out) == plain[:2] and code == 2
    assert out.count("BL101") == 3
    assert "checking 5/5 (100%)" in err
    # five files, three findings in a.txt and c.txt, the empty e.txt not read
    assert "budgetlint: checked 5 files in " in err and ": 3 findings in 2 files, 1 not read" in err
    assert "e.txt: empty file" in err


def test_summary_comes_after_and_counts_the_cross_document_findings(tmp_path, monkeypatch):
    """The closing line is the whole run's: the 三公 statement's 公务接待费 2.32 against the table's 2.23 (BL952,
    found only once both files are read) is one of its findings."""
    import shutil

    from conftest import ROOT

    src = ROOT / "tests" / "corpus" / "crossdoc"
    for name in ("yueyang-2023-three-public-statement.txt", "yueyang-2023-three-public-table.txt"):
        shutil.copy(src / name, tmp_path / name)
    statement = tmp_path / "yueyang-2023-three-public-statement.txt"
    statement.write_text(statement.read_text(encoding="utf-8").replace("公务接待费支出决算为2.23万元",
                                                                        "公务接待费支出决算为2.32万元"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("check", "--format", "concise", "--lang", "en", "--progress", ".")
    assert out.count("BL952") == 1
    printed = out.count("\n")  # the BL952 and the info notes of the two files: every finding of the run
    assert err.rstrip().endswith(f": {printed} findings in 2 files, 0 not read")


def test_report_year_does_not_depend_on_the_process(tmp_path):
    """Equally frequent years: the report year is the first named, in every process (hash seeds differ between
    runs, worker processes and cluster workers, so set order must not decide)."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    doc = tmp_path / "d.txt"
    # 2022年度 and 2017年度 twice each; 2022 named first, so 2017 in the heading is the stray year
    doc.write_text("2022年度部门决算说明\n本部门2022年度收入合计10万元。\n二、2017年度部门决算情况\n"
                   "2017年度支出合计10万元。\n", encoding="utf-8")
    outs = set()
    for seed in ("0", "1", "2", "6640"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
        r = subprocess.run([sys.executable, "-m", "budgetlint", "check", "--select", "BL913", "--format", "concise",
                            str(doc)], capture_output=True, text=True, env=env)
        outs.add(r.stdout)
    assert len(outs) == 1
    assert "年份 2017 与报告年度 2022 不符" in outs.pop()
