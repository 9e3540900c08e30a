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
