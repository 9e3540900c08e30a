"""``budgetlint check --scheduler`` on a Dask cluster prints exactly what a local run prints.

A ``distributed.LocalCluster`` on the loopback interface stands in for a
bureau's cluster; ``lint_path`` is the function mapped over it.
"""
from __future__ import annotations

import pickle

import pytest

from conftest import run_cli

BAD = "收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。\n"  # BL101: 60 + 30 = 90, not 100
SHARE = "本年支出合计200万元，其中：基本支出150万元，占80%；项目支出50万元，占25%。\n"  # 150/200 = 75%; 80 + 25 = 105%
GOOD = "收入合计90万元，其中：财政拨款收入60万元，其他收入30万元。\n"


@pytest.fixture
def reports(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    docs = {"reports/a.txt": BAD, "reports/b.txt": GOOD, "reports/county/c.txt": GOOD + SHARE,
            "reports/d.txt": BAD + SHARE, "reports/empty.txt": ""}
    for name, text in docs.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture(scope="module")
def scheduler():
    distributed = pytest.importorskip("distributed")  # the test extra installs it
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp://", host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_cluster_run_prints_what_a_local_run_prints(reports, scheduler, fmt):
    local = run_cli("check", "--format", fmt, "--jobs", "1", "reports")
    remote = run_cli("check", "--format", fmt, "--scheduler", scheduler, "reports")
    assert remote == local
    code, out, err = remote
    assert code == 2  # findings, and one file that could not be read
    assert "reports/empty.txt" in err
    assert "reports/a.txt" in out and "reports/d.txt" in out and "reports/county/c.txt" in out


def test_lint_path_is_pure_and_its_result_pickles(reports):
    from budgetlint import lint_path

    before = (reports / "reports/d.txt").read_bytes()
    result = pickle.loads(pickle.dumps(lint_path("reports/d.txt")))
    assert (reports / "reports/d.txt").read_bytes() == before
    assert [f.code for f in result.findings] == ["BL101", "BL201", "BL202"]
    assert [it.location.line for it in result.located()] == [1, 2, 2]
    assert result.findings[1].evidence.recomputed == "75.00%"


def test_unreachable_scheduler_is_one_line_and_exit_2(reports):
    code, out, err = run_cli("check", "--scheduler", "tcp://127.0.0.1:9", "reports")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "tcp://127.0.0.1:9" in err
