"""The pre-commit hook, end to end: a report repository refuses a commit with an arithmetic error.

pre-commit installs the hook the way a user's repository would (``language:
python`` builds a virtualenv from this checkout at its current commit), so
this also proves that ``pip install`` of the project gives a working
``budgetlint`` command. The hook definition must be committed: pre-commit
clones the repository at ``rev``.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

BAD = "收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。\n"  # 60 + 30 = 90, not 100
GOOD = "收入合计90万元，其中：财政拨款收入60万元，其他收入30万元。\n"


def _git(*args, cwd, env=None):
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def precommit_home(tmp_path_factory):
    """One hook environment for the whole session (building it installs the project once)."""
    return tmp_path_factory.mktemp("pre-commit-home")


def test_commit_with_error_is_refused_and_fixed_report_passes(tmp_path, precommit_home):
    pytest.importorskip("pre_commit", reason="pre-commit is a test dependency: pip install -e .[test]")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    head = _git("rev-parse", "HEAD", cwd=ROOT)
    if head.returncode != 0:
        pytest.skip("not a git checkout: pre-commit installs hooks from a commit")
    rev = head.stdout.strip()
    assert _git("cat-file", "-e", f"{rev}:.pre-commit-hooks.yaml", cwd=ROOT).returncode == 0, \
        ".pre-commit-hooks.yaml must be committed for pre-commit to find the hook"

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GIT_DIR", "GIT_WORK_TREE")}
    env.update(PRE_COMMIT_HOME=str(precommit_home), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    repo = tmp_path / "reports"
    repo.mkdir()
    assert _git("init", "-q", cwd=repo, env=env).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: budgetlint\n", encoding="utf-8")
    install = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env,
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stdout + install.stderr

    report = repo / "2023年部门决算说明.txt"
    report.write_text(BAD, encoding="utf-8")
    _git("add", "-A", cwd=repo, env=env)
    refused = _git("commit", "-m", "report with an error", cwd=repo, env=env)
    assert refused.returncode != 0, refused.stdout + refused.stderr
    assert "BL101" in refused.stdout + refused.stderr
    assert _git("rev-parse", "--verify", "HEAD", cwd=repo, env=env).returncode != 0  # nothing was committed

    report.write_text(GOOD, encoding="utf-8")
    _git("add", "-A", cwd=repo, env=env)
    accepted = _git("commit", "-m", "fixed report", cwd=repo, env=env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "budgetlint" in accepted.stdout + accepted.stderr and "Passed" in accepted.stdout + accepted.stderr
    log = _git("log", "--format=%s", cwd=repo, env=env).stdout.split("\n")
    assert log[0] == "fixed report"
