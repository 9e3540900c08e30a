"""``--format html``: the self-contained report (its markup; the browser tests click through it)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from budgetlint.batch import check_file
from budgetlint.cli import main
from budgetlint.config import Config
from budgetlint.report.html import format_html

HERE = Path(__file__).parent
PDF = HERE / "corpus" / "pdf" / "shanghai-putuo-social-work-2024-final-accounts.pdf"
# 60 + 30 = 90, not 100: BL101 on 「100」 (columns 11-13), operands at columns 26 and 35
SUM = "2023年度收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。"
INJECTED = '<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2">'


def _report(tmp_path, text: str, lang: str = "zh", name: str = "a.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return format_html([check_file(str(path), Config())], lang)


def test_statement_and_operands_are_marked_where_they_stand(tmp_path):
    html = _report(tmp_path, SUM + "\n")
    assert '<span class="hl sev-error" data-f="f0-0">100</span>' in html
    assert '<span class="op" data-o="o0-0-0">60</span>' in html
    assert '<span class="op" data-o="o0-0-1">30</span>' in html
    evidence = re.search(r'<template id="ev-f0-0">(.*?)</template>', html).group(1)
    assert "<dt>所述</dt><dd>100万元</dd>" in evidence
    assert "<dt>重算</dt><dd>90万元</dd>" in evidence
    assert "<dt>差额</dt><dd>10</dd>" in evidence
    assert "<blockquote>2023年度收入合计<mark>100</mark>万元，其中：" in evidence
    # each operand is a button that jumps to where it is written (line 1, column 26 / 35)
    assert 'data-jump="o0-0-0"' in evidence and "@1:26" in evidence
    assert 'data-jump="o0-0-1"' in evidence and "@1:35" in evidence


def test_everything_from_the_document_is_escaped(tmp_path):
    html = _report(tmp_path, SUM + INJECTED + "\n", name='x"><b>.txt')
    assert html.count("<script") == 1  # the report's own script, nothing else
    assert "<img src=x" not in html and "<b>" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=" in html
    assert "x&quot;&gt;&lt;b&gt;.txt" in html


def test_self_contained_and_only_its_own_script_may_run(tmp_path):
    html = _report(tmp_path, SUM + "\n")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+';", csp)
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_sheets_and_pages_are_marked_in_the_text():
    html = format_html([check_file(str(HERE.parent / "examples" / "final-accounts-demo.xlsx"), Config())], "zh")
    text = re.search(r'<pre class="text">(.*?)</pre>', html, re.S).group(1)
    # the demo workbook holds the nine 决算 tables, one sheet each
    assert re.findall(r'<span class="region">工作表 ([^<]+)</span>', text)[:2] == ["收入支出决算总表", "收入决算表"]
    assert len(re.findall(r'<span class="region">', text)) == 9


def test_summary_counts_and_english(tmp_path):
    html = _report(tmp_path, SUM + "\n", lang="en")
    assert '<html lang="en">' in html
    assert "<dt>stated</dt><dd>100万元</dd>" in html and "<dt>recomputed</dt><dd>90万元</dd>" in html
    summary = re.search(r'<table class="summary"><thead>(.*?)</thead><tbody>(.*?)</tbody>', html)
    headers = re.findall(r"<th>(.*?)</th>", summary.group(1))
    doc_row, total_row = re.findall(r"<tr>(.*?)</tr>", summary.group(2))
    row = dict(zip(headers, re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", doc_row)))
    assert row["file"] == '<a href="#doc-0">' + str(tmp_path / "a.txt") + "</a>"
    assert (row["errors"], row["warnings"], row["info"]) == ("1", "0", "0")  # the one BL101
    assert total_row.startswith("<th>total</th>")


def test_pdf_page_is_rendered_with_the_statement_box():
    """p18 of the PDF states 「完成年初预算的95.89%」 of a 年初预算 of 0 (BL917). The box is checked
    against where pdfplumber, an independent reader, finds 「95.89」 on that page."""
    import pdfplumber

    html = format_html([check_file(str(PDF), Config())], "zh")
    # findings on p15, p16 and p18: three pages rendered, each image written once (the panel borrows it)
    assert re.findall(r'<img alt="第 (\d+) 页" id="page-0-\1" src="data:image/png;base64,', html) == ["15", "16", "18"]
    assert html.count("data:image/png") == 3
    fig = re.search(r'<img alt="第 18 页" id="page-0-18"(.*?)</figure>', html).group(1)
    row = re.search(r'<tr id="row-(f0-\d+)"[^>]*data-code="BL917"', html)
    box = re.search(rf'<span class="box" data-f="{row.group(1)}" style="left:([\d.]+)%;top:([\d.]+)%;'
                    r'width:([\d.]+)%;height:([\d.]+)%"', fig)
    left, top, width, height = (float(v) for v in box.groups())
    with pdfplumber.open(PDF) as pdf:
        page = pdf.pages[17]
        (hit,) = page.search("95.89")
        w, h = float(page.width), float(page.height)
    assert abs(left / 100 * w - hit["x0"]) < 4 and abs((left + width) / 100 * w - hit["x1"]) < 4
    assert top / 100 * h < (hit["top"] + hit["bottom"]) / 2 < (top + height) / 100 * h


def test_cli_writes_the_report_and_names_unread_files(tmp_path):
    (tmp_path / "a.txt").write_text(SUM + "\n", encoding="utf-8")
    out = tmp_path / "r.html"
    res = CliRunner().invoke(main, ["check", "--format", "html", "-o", str(out), str(tmp_path / "a.txt"),
                                    str(tmp_path / "missing.txt")])
    assert res.exit_code == 2  # one input could not be read
    html = out.read_text(encoding="utf-8")
    assert 'data-code="BL101"' in html
    assert re.search(r'<ul class="not-read"><li>[^<]*missing\.txt: 文件不存在</li>', html)


def test_csv_format(tmp_path):
    (tmp_path / "a.txt").write_text(SUM + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", "--format", "csv", str(tmp_path / "a.txt")])
    header, row = res.output.splitlines()
    assert header == "path,line,column,page,cell,code,severity,message,stated,recomputed,difference,suggestion"
    assert row.split(",")[1:3] == ["1", "11"] and row.endswith(",100万元,90万元,10,90万元")


def test_cold_path_imports_nothing_heavy(tmp_path):
    """``budgetlint check`` of a text file loads neither the web stack, nor PDF code, nor the HTML report."""
    heavy = ["starlette", "uvicorn", "pypdfium2", "budgetlint.report.html", "budgetlint.web"]
    (tmp_path / "a.txt").write_text(SUM + "\n", encoding="utf-8")
    code = ("import sys, json\nfrom budgetlint.cli import main\n"
            f"try:\n    main(['check', {str(tmp_path / 'a.txt')!r}])\n"
            "except SystemExit:\n    pass\n"
            f"print(json.dumps([m for m in {heavy!r} if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out.splitlines()[-1]) == []


def test_a_number_from_another_document_is_shown_with_its_file_and_line():
    """The 2024 决算 implies a 2023 公务接待费 of 2.23 + 1.07 = 3.30万元; the 2023 决算 states 3.20万元
    on its line 8. The panel names that file and line and quotes it (it cannot jump: it is another text)."""
    from budgetlint.crossdoc import cross_check

    paths = [str(HERE.parent / "examples" / f"port-office-{n}-final-accounts.txt") for n in (2023, 2024)]
    results = [check_file(p, Config()) for p in paths]
    cross_check(results, {p: Config() for p in paths})
    html = format_html(results, "zh")
    evidence = next(m for m in re.findall(r"<template [^>]*>(.*?)</template>", html) if ">BL950<" in m)
    line8 = Path(paths[0]).read_text(encoding="utf-8").splitlines()[7]
    assert "公务接待费支出决算为3.20万元" in line8
    assert re.search(rf'<li>[^<]*3\.20万元<span class="at"> @{re.escape(paths[0])}:8:\d+</span>'
                     rf"<blockquote>{re.escape(line8)}</blockquote></li>", evidence)
