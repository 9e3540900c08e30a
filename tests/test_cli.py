"""The command-line contract: exit codes, JSON fields, languages, rule docs, facts."""
from __future__ import annotations

import json

import pytest
from conftest import EXAMPLES, run_cli

BAD = "收入合计100.00万元，其中：财政拨款收入60.00万元，其他收入30.00万元。\n"
GOOD = "收入合计90.00万元，其中：财政拨款收入60.00万元，其他收入30.00万元。\n"


def test_exit_codes(tmp_path):
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_text(BAD, encoding="utf-8")
    good.write_text(GOOD, encoding="utf-8")
    assert run_cli("check", str(good))[0] == 0
    assert run_cli("check", str(bad))[0] == 1
    code, out, err = run_cli("check", str(good), str(tmp_path / "missing.txt"))
    assert code == 2 and err.strip().count("\n") == 0 and "missing.txt" in err


def test_json_contract(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("标题\n" + BAD, encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "json", str(bad))
    [f] = json.loads(out)
    assert {k: f[k] for k in ("path", "line", "column", "end_line", "end_column", "code", "severity")} == {
        "path": str(bad), "line": 2, "column": 5, "end_line": 2, "end_column": 11, "code": "BL101", "severity": "error"}
    assert f["evidence"]["recomputed"] == "90.00万元"
    assert f["evidence"]["suggestion"] == "90.00万元"
    assert [o["value"] for o in f["evidence"]["operands"]] == ["60.00万元", "30.00万元"]
    assert "相差 10.00万元" in f["message"]


def test_english_messages(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(BAD, encoding="utf-8")
    _, out, _ = run_cli("check", "--lang", "en", str(bad))
    assert "the 2 items add up to 90.00" in out and "recomputed: 90.00万元" in out


def test_text_format_has_location_and_evidence(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(BAD, encoding="utf-8")
    _, out, _ = run_cli("check", str(bad))
    first, *rest = out.splitlines()
    assert first.startswith(f"{bad}:1:5: BL101")
    assert any(line.strip().startswith("依据:") and "@1:" in line for line in rest)


def test_select_and_ignore(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text(BAD, encoding="utf-8")
    assert run_cli("check", "--ignore", "BL1", str(bad))[0] == 0
    assert run_cli("check", "--select", "BL2", str(bad))[0] == 0
    assert run_cli("check", "--select", "BL101", str(bad))[0] == 1


def test_rules_and_rule_docs():
    code, out, _ = run_cli("rules")
    codes = [line.split("\t")[0] for line in out.splitlines()]
    assert {"BL101", "BL201", "BL301", "BL401", "BL601", "BL701", "BL702", "BL801", "BL901"} <= set(codes)
    code, out, _ = run_cli("rule", "bl101")
    assert code == 0 and "其中" in out and "Fix" in out
    assert run_cli("rule", "BL000")[0] == 2


def test_directory_is_walked_and_facts_report_coverage():
    code, out, _ = run_cli("facts", str(EXAMPLES))
    docs = json.loads(out)
    assert {d["path"].rsplit("/", 1)[-1] for d in docs} >= {"final-accounts-notes.txt", "three-public-expenses.txt"}
    notes = next(d for d in docs if d["path"].endswith("final-accounts-notes.txt"))
    assert notes["coverage"] == 1.0
    amounts = [f for f in notes["facts"] if f["kind"] == "amount"]
    first = amounts[0]
    assert first["value"]["value"] == "1250.40" and first["location"]["line"] == 4


@pytest.mark.parametrize("argv", [["budgetlint", "rules"], ["budgetlint", "check", "x.txt"]])
def test_command_runs_with_the_collector_on(monkeypatch, argv):
    """The entry point turns the cyclic collector off only while the modules load (and, for ``check``,
    the rules and the parser): the command itself (a long batch, the web server) must run with it on,
    or cyclic garbage would never be freed."""
    import gc
    import sys

    import budgetlint.batch
    import budgetlint.cli
    from budgetlint.__main__ import run

    seen = []
    monkeypatch.setattr(sys, "argv", argv)
    monkeypatch.setattr(budgetlint.batch, "_warm", lambda: seen.append(("warm", gc.isenabled())))
    monkeypatch.setattr(budgetlint.cli, "main", lambda: seen.append(("main", gc.isenabled(), gc.get_freeze_count() > 0)))
    try:
        run()
    finally:
        gc.unfreeze()
    assert seen == ([("warm", False)] if argv[1] == "check" else []) + [("main", True, True)]
