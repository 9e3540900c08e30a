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


def test_a_rule_registered_after_loading_is_listed_in_code_order_and_runs(monkeypatch):
    import pytest

    from budgetlint.model import Severity

    before = checks.load_rules()
    monkeypatch.setattr(checks, "RULES", dict(checks.RULES))

    @checks.rule("BL000", "first-of-all", Severity.WARNING)
    def first_of_all(ctx):
        ctx.report(ctx.facts.facts[0].span, zh="测试", en="test")

    rules = checks.load_rules()
    assert list(rules)[0] == "BL000" and len(rules) == len(before) + 1 and "BL000" not in before
    with pytest.raises(TypeError):
        rules["BL999"] = rules["BL000"]  # one registry, changed only by registering
    found = lint(Document(path="t.txt", text="会议费支出12.00万元。"), Config()).findings
    assert [f.code for f in found] == ["BL000"]
