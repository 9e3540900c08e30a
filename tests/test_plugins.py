"""Third-party rule packs register through the ``budgetlint.checks`` entry-point group."""
from __future__ import annotations

import importlib.metadata

import budgetlint.checks as checks
from budgetlint.config import Config
from budgetlint.document import Document
from budgetlint.engine import lint


def test_entry_point_rule_pack_is_loaded_and_runs(monkeypatch):
    pack = importlib.metadata.EntryPoint(name="province", value="plugin_pack.province", group="budgetlint.checks")
    real = importlib.metadata.entry_points

    def fake(**kw):
        return [pack] if kw.get("group") == "budgetlint.checks" else real(**kw)

    monkeypatch.setattr(importlib.metadata, "entry_points", fake)
    monkeypatch.setattr(checks, "_loaded", False)
    monkeypatch.setattr(checks, "RULES", dict(checks.RULES))
    rules = checks.load_rules()
    assert "BLX01" in rules and "BL101" in rules
    found = lint(Document(path="t.txt", text="会议费支出12.00万元。"), Config()).findings
    assert [(f.code, f.severity.value) for f in found] == [("BLX01", "warning")]
