"""SARIF 2.1.0 output, checked by Microsoft's official validator (npm package @microsoft/sarif-multitool)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import run_cli

BAD = "收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。\n"  # BL101 at 1:5-8, recomputed 90
TWO = ("支出合计200万元，其中：基本支出150万元，项目支出40万元。\n"   # BL101 at 1:5
       "基本支出150万元，占支出合计的80%。\n"                          # BL201 at 2:17
       "指标1：集装箱 50.87万标箱\n")                                 # BL901 (info) at 3:1


@pytest.fixture(scope="session")
def sarif_multitool() -> list[str]:
    """The validator, installed once into a cache folder with npm (skipped only when npm is missing)."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed: the SARIF validator comes from the npm package @microsoft/sarif-multitool")
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "budgetlint-tests" / "sarif-multitool"
    cache.mkdir(parents=True, exist_ok=True)
    pkg = cache / "node_modules" / "@microsoft" / "sarif-multitool"
    if not pkg.exists():
        done = subprocess.run([npm, "install", "--no-save", "--prefix", str(cache), "@microsoft/sarif-multitool"],
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
    # the wrapper script resolves the native binary for this platform; call the binary itself, made executable
    binary = subprocess.run(["node", "-p", "require(process.argv[1])", str(pkg)], capture_output=True, text=True)
    assert binary.returncode == 0, binary.stderr
    exe = binary.stdout.strip()
    os.chmod(exe, os.stat(exe).st_mode | 0o111)
    return [exe, "validate"]


def _validate(tool: list[str], path: Path) -> list[str]:
    done = subprocess.run([*tool, str(path)], capture_output=True, text=True, timeout=300)
    return (done.stdout + done.stderr).splitlines()


def _errors(lines: list[str]) -> list[str]:
    return [line for line in lines if re.search(r"\berror\b", line)]


@pytest.fixture
def sarif_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "年度 报告").mkdir()
    (tmp_path / "年度 报告" / "部门决算.txt").write_text(BAD, encoding="utf-8")  # space and CJK in the URI
    (tmp_path / "two.txt").write_text(TWO, encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "sarif", "年度 报告", "two.txt")
    assert code == 1
    path = tmp_path / "out.sarif"
    path.write_text(out, encoding="utf-8")
    return path


def test_sarif_passes_the_official_validator(sarif_file, sarif_multitool):
    lines = _validate(sarif_multitool, sarif_file)
    assert _errors(lines) == [], "\n".join(lines)
    assert any("1 files scanned" in line for line in lines), "\n".join(lines)


def test_validator_does_report_a_broken_log(sarif_file, sarif_multitool, tmp_path):
    """The check above has teeth: line 0 and an unknown property are schema errors."""
    log = json.loads(sarif_file.read_text(encoding="utf-8"))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    log["runs"][0]["tool"]["driver"]["bogus"] = 1
    broken = tmp_path / "broken.sarif"
    broken.write_text(json.dumps(log), encoding="utf-8")
    assert len(_errors(_validate(sarif_multitool, broken))) >= 2


def test_sarif_rules_locations_and_snippets(sarif_file):
    from budgetlint.checks import load_rules

    log = json.loads(sarif_file.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(load_rules())
    bl101 = rules[[r["id"] for r in rules].index("BL101")]
    assert bl101["help"]["text"] == load_rules()["BL101"].doc
    assert bl101["shortDescription"]["text"] == load_rules()["BL101"].summary
    assert bl101["defaultConfiguration"]["level"] == "error"

    results = run["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == \
        [("BL101", "error"), ("BL201", "error"), ("BL901", "note"), ("BL101", "error")]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    loc = results[3]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "%E5%B9%B4%E5%BA%A6%20%E6%8A%A5%E5%91%8A/"
                                              "%E9%83%A8%E9%97%A8%E5%86%B3%E7%AE%97.txt", "uriBaseId": "SRCROOT"}
    assert loc["region"] == {"startLine": 1, "startColumn": 5, "endLine": 1, "endColumn": 8, "snippet": {"text": "100"}}
    assert loc["contextRegion"]["snippet"]["text"] == BAD.strip()
    assert results[3]["properties"]["evidence"]["recomputed"] == "90万元"
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == sarif_file.parent.as_uri() + "/"


def test_pdf_pages_go_in_properties_and_logical_locations(tmp_path, sarif_multitool, monkeypatch):
    from budgetlint.config import Config
    from budgetlint.document import Document, Region
    from budgetlint.engine import lint
    from budgetlint.report import locate
    from budgetlint.report.sarif import format_sarif

    monkeypatch.chdir(tmp_path)
    page1, page2 = "封面\n", "说明\n" + BAD
    doc = Document(path="r.pdf", text=page1 + page2, kind="pdf", regions=[
        Region(start=0, end=len(page1), page=1, lines_relative=True),
        Region(start=len(page1), end=len(page1) + len(page2), page=2, lines_relative=True)])
    log = format_sarif(locate(doc, lint(doc, Config()).findings), "en")
    [loc] = json.loads(log)["runs"][0]["results"][0]["locations"]
    assert loc["properties"] == {"page": 2} and loc["logicalLocations"] == [{"name": "p2"}]
    assert loc["physicalLocation"]["region"]["startLine"] == 2  # line 2 of page 2
    (tmp_path / "pdf.sarif").write_text(log, encoding="utf-8")
    assert _errors(_validate(sarif_multitool, tmp_path / "pdf.sarif")) == []


def test_sarif_of_the_real_corpus_validates(corpus, sarif_multitool, tmp_path, monkeypatch):
    """Real extracted text (LaTeX fragments, tabs, long lines) in snippets must still be valid SARIF."""
    monkeypatch.chdir(tmp_path)  # the corpus is now inside the checkout: run from elsewhere
    code, out, _ = run_cli("check", "--format", "sarif", *sorted(str(p) for p in corpus.glob("*.txt")))
    assert code in (0, 1)
    results = json.loads(out)["runs"][0]["results"]
    assert results and all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("file:")
                           for r in results)  # outside the working directory: absolute file URIs
    path = tmp_path / "corpus.sarif"
    path.write_text(out, encoding="utf-8")
    assert _errors(_validate(sarif_multitool, path)) == []
