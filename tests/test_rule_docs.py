"""Every rule is documented the same way, and the README's rule table is the registry's."""
from __future__ import annotations

import re

import pytest

from budgetlint.checks import SECTIONS, load_rules, rules_markdown

from conftest import ROOT, run_cli

BUILT_IN = {c: r for c, r in load_rules().items() if r.func.__module__.startswith("budgetlint.checks.")}


def test_the_registry_holds_the_built_in_rules():
    assert len(BUILT_IN) >= 50 and "BL101" in BUILT_IN and "BL990" in BUILT_IN


@pytest.mark.parametrize("code", sorted(BUILT_IN))
def test_rule_docstring_has_every_section_in_order(code):
    r = BUILT_IN[code]
    summary = r.doc.splitlines()[0]
    assert " — " in summary, "summary line: 中文名称 — English summary"
    labels = [p.split(":")[0] + ":" for p in r.doc.split("\n\n")[1:] if p.startswith(SECTIONS)]
    assert labels == list(SECTIONS), f"{code}: sections {labels}"
    assert all(len(text) >= 10 for text in r.sections().values()), r.sections()


def test_readme_rule_table_is_generated_from_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = re.search(r"^\| code \| default \| what it checks \|\n(?:\|.*\n)+", readme, re.M)
    assert table, "README has no rule table"
    assert table.group() == rules_markdown(BUILT_IN.values()), "run: budgetlint rules --markdown"


def test_rules_markdown_command_prints_the_table():
    code, out, _ = run_cli("rules", "--markdown")
    assert code == 0
    lines = out.splitlines()
    assert lines[:2] == ["| code | default | what it checks |", "|---|---|---|"]
    assert "| BL701 | error | 大于/小于/等于的表述与数字不符 — the comparison word contradicts the two amounts. |" in lines


RULE_MODULES = sorted(p for p in (ROOT / "budgetlint" / "checks").glob("*.py") if not p.name.startswith("_"))


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: p.name)
def test_rules_read_facts_never_the_text(path):
    """Extraction is one stage: no rule reads the document's text, its normalised form or its sentences."""
    import ast

    def dotted(n) -> str:
        return f"{dotted(n.value)}.{n.attr}" if isinstance(n, ast.Attribute) else getattr(n, "id", "?")

    tree = ast.parse(path.read_text(encoding="utf-8"))
    reads = [f"{dotted(n)} (line {n.lineno})" for n in ast.walk(tree) if isinstance(n, ast.Attribute)
             and dotted(n) in ("ctx.doc.text", "ctx.norm", "ctx.sentences")]
    assert reads == []


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: p.name)
def test_no_rule_module_imports_another(path):
    """Rule families are independent: shared helpers live in checks/_*.py, never in another family's module."""
    import ast

    families = {p.stem for p in RULE_MODULES}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.ImportFrom) and n.level == 1:  # from .x import … / from . import x
            imported |= {n.module} if n.module else {a.name for a in n.names}
        elif isinstance(n, ast.ImportFrom) and (n.module or "").startswith("budgetlint.checks."):
            imported.add(n.module.rsplit(".", 1)[1])
    assert imported & families == set()
