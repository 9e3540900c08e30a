"""The report and ``budgetlint serve`` in a real browser: Debian's Chromium driven by Playwright.

The screenshots in docs/screenshots/ are the ones these tests take: a test run writes them to a
temporary folder, and ``BUDGETLINT_SCREENSHOTS=docs/screenshots pytest tests/test_browser.py``
refreshes the committed ones (a test never changes the checkout unless asked).

What the documents hold, read on the pages themselves: the corpus PDF (上海市普陀区
社会工作部 2024 决算) keeps the template's instruction 「仍保留该表格式，并在本表下方作下述
说明：」 under two empty tables (p15, p16: BL912, warning) and says on p18 「年初预算为0万元
…完成年初预算的95.89%」 (BL917, error: a rate of a zero budget). The demo .docx is clean.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import expect, sync_playwright

from budgetlint.cli import main

HERE = Path(__file__).parent
PDF = HERE / "corpus" / "pdf" / "shanghai-putuo-social-work-2024-final-accounts.pdf"
DOCX = HERE.parent / "examples" / "final-accounts-demo.docx"
CHROMIUM = "/usr/bin/chromium"
SUM = "2023年度收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。"
INJECTED = '<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2">'
SLOW = 120_000  # ms: two cores shared with other jobs


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go: $BUDGETLINT_SCREENSHOTS when set, else a temporary folder."""
    return Path(os.environ.get("BUDGETLINT_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``budgetlint serve`` on a free port with a 1 MB upload limit; yields the address it printed."""
    cwd = tmp_path_factory.mktemp("serve")
    proc = subprocess.Popen([sys.executable, "-m", "budgetlint", "serve", "--port", "0", "--max-upload-mb", "1"],
                            cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        m = re.match(r"budgetlint serve: (http://127\.0\.0\.1:\d+/) ", line)
        assert m, line + proc.stderr.read() if proc.poll() is not None else line
        yield m.group(1)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(SLOW)
    yield pg
    context.close()


def test_upload_a_pdf_and_a_docx_then_click_a_finding(server, page, shots):
    page.goto(server)
    page.evaluate("""() => {  // every text the status line shows, in order
        window.seen = [];
        new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(n => seen.push(n.textContent))))
            .observe(document.getElementById("status"), {childList: true});
    }""")
    page.set_input_files("#files", [str(PDF), str(DOCX)])
    expect(page.locator("#status")).to_have_text("检查完成：2 个文件，错误 1，警告 2，提示 0")
    seen = page.evaluate("seen")
    assert seen[0].startswith("上传中")
    assert seen.index(f"检查中（1/2）：{PDF.name}") < seen.index(f"检查中（2/2）：{DOCX.name}") < len(seen) - 1
    report = page.frame_locator("#report")
    rows = report.locator("#findings-table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.locator("td:nth-child(3)")).to_have_text(["BL912", "BL912", "BL917"])
    report.locator('tr[data-code="BL917"]').click()
    mark = report.locator(".text .hl.active")
    expect(mark).to_be_visible()
    expect(mark).to_have_text("95.89")
    expect(report.locator("#panel .message")).to_contain_text("95.89% = 307.82 / 321.02")
    expect(report.locator("#panel figure.page .box.active")).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")  # the whole page in the picture: the frame keeps its own scroll
    page.screenshot(path=str(shots / "serve.png"))
    with page.expect_download() as dl:
        page.click('#downloads a[data-format="csv"]')
    assert dl.value.suggested_filename == "budgetlint.csv"
    rows = Path(dl.value.path()).read_text("utf-8-sig").splitlines()
    assert len(rows) == 4 and rows[3].startswith(f"{PDF.name},10,35,18,,BL917,error,")  # p18, line 10, column 35


def test_too_large_upload_is_refused_and_the_server_keeps_serving(server, page, tmp_path, shots):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 1_500_000)
    small = tmp_path / "small.txt"
    small.write_text(SUM + "\n", encoding="utf-8")
    page.goto(server)
    page.set_input_files("#files", str(big))
    refusal = page.locator("#refusal")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("超过上限 1.0 MB")
    page.screenshot(path=str(shots / "serve-refused.png"))
    page.set_input_files("#files", str(small))
    expect(page.locator("#status")).to_have_text("检查完成：1 个文件，错误 1，警告 0，提示 0")
    expect(refusal).to_be_hidden()


def test_report_offline_filters_sorts_jumps_and_runs_no_injected_script(browser, tmp_path, monkeypatch, shots):
    doc = tmp_path / "注入.txt"
    doc.write_text(SUM + INJECTED + "\n", encoding="utf-8")
    pdf = tmp_path / PDF.name  # beside the text, so that the PDF (「s…」) comes first in path order
    pdf.write_bytes(PDF.read_bytes())
    out = tmp_path / "report.html"
    monkeypatch.chdir(tmp_path)  # relative paths, as a user types them
    res = CliRunner().invoke(main, ["check", "--format", "html", "-o", str(out), pdf.name, doc.name])
    assert res.exit_code == 1, res.output
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, offline=True)
    requests = []
    context.route("**/*", lambda route: (requests.append(route.request.url), route.continue_()
                                         if route.request.url.startswith("file:") else route.abort()))
    page = context.new_page()
    page.goto(out.as_uri())
    expect(page.locator("h1")).to_have_text("budgetlint 检查报告")
    assert [u for u in requests if not u.startswith("file:")] == []
    assert page.evaluate("window.__pwned") is None
    expect(page.locator("#doc-1 pre.text")).to_contain_text(INJECTED)

    rows = page.locator("#findings-table tbody tr")
    codes = rows.locator("td:nth-child(3)")
    shown = page.locator("#findings-table tbody tr:visible td:nth-child(3)")
    expect(codes).to_have_text(["BL912", "BL912", "BL917", "BL101"])  # path order, then position
    page.uncheck('input[name="sev"][value="error"]')
    expect(shown).to_have_text(["BL912", "BL912"])
    expect(page.locator("#shown")).to_have_text("显示 2 / 4")
    page.check('input[name="sev"][value="error"]')
    page.select_option("#filter-rule", "BL101")
    expect(shown).to_have_text(["BL101"])
    page.select_option("#filter-rule", "")
    page.click('th[data-col="code"] button')
    expect(shown).to_have_text(["BL101", "BL912", "BL912", "BL917"])
    page.click('th[data-col="code"] button')
    expect(shown).to_have_text(["BL917", "BL912", "BL912", "BL101"])

    page.click('tr[data-code="BL101"]')
    expect(page.locator("#panel dd").first).to_have_text("100万元")
    page.click('#panel [data-jump]:has-text("财政拨款收入")')
    expect(page.locator(".text .op.flash")).to_have_text("60")
    expect(page.locator(".text .op.flash")).to_be_in_viewport()

    page.click('tr[data-code="BL917"]')
    expect(page.locator("#panel figure.page .box.active")).to_be_visible()
    page.screenshot(path=str(shots / "report.png"))
    assert page.evaluate("window.__pwned") is None
    context.close()
