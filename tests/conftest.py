"""Shared test helpers: where the real corpus lives, and running the CLI in-process."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"  # a copy of ../shared/corpus (public documents), so every test runs on a fresh clone
EXAMPLES = ROOT / "examples"


def run_cli(*args: str):
    """Run ``budgetlint`` in-process; returns (exit_code, stdout, stderr)."""
    from budgetlint.cli import main

    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def check_json(*args: str) -> list[dict]:
    code, out, _ = run_cli("check", "--format", "json", *args)
    assert code in (0, 1), out
    return json.loads(out)


@pytest.fixture
def corpus() -> Path:
    return CORPUS
