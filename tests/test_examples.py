"""The example documents in examples/ produce exactly the findings listed beside them."""
from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES, check_json

DOCS = sorted(p for p in EXAMPLES.glob("*.txt") if p.with_suffix(".expected.json").exists())


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_example_findings(doc):
    expected = json.loads(doc.with_suffix(".expected.json").read_text(encoding="utf-8"))
    found = check_json(str(doc))
    got = sorted((f["line"], f["code"]) for f in found if f["severity"] != "info")
    assert got == sorted((e["line"], e["code"]) for e in expected)


def test_there_are_three_example_documents():
    assert len(DOCS) >= 3
