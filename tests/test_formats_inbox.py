"""Every format a finance bureau receives, read as the same document: web pages, .xls, .doc,
.wps, .et, OFD and scanned PDFs.

The files are made from example.txt (see test_formats_example.py): a web page written here,
.doc/.xls converted by LibreOffice from the .docx/.xlsx built there (.wps and .et are the
same binary formats under WPS's names), example.ofd made once by make_example_ofd.py, and an
image-only PDF rendered from page 17 of a corpus PDF
(tests/corpus/pdf/shanghai-putuo-social-work-2024-final-accounts.pdf).

The planted errors (worked out by hand in test_formats_example.py):
  本年支出合计1286.40 ≠ 842.36 + 440.04 = 1282.40;  一般公共预算财政拨款支出1201.15 ≠ 36.20 + 118.75 + 968.40 + 65.80 = 1189.15.
"""
from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS, check_json, run_cli
from test_formats_example import FIX, LINES, PLANTED, build_docx, build_xlsx, by_stated, planted


def soffice_convert(src: Path, target: str) -> Path:
    subprocess.run(["soffice", f"-env:UserInstallation={(src.parent / 'lo-profile').as_uri()}", "--headless",
                    "--convert-to", target, "--outdir", str(src.parent), str(src)], check=True, capture_output=True,
                   timeout=300)
    out = src.with_suffix("." + target)
    assert out.exists()
    return out


@pytest.fixture(scope="module")
def legacy(tmp_path_factory) -> dict[str, Path]:
    """example as .doc, .wps, .xls, .et, and the .docx saved as a web page: LibreOffice converts them once."""
    d = tmp_path_factory.mktemp("legacy")
    doc = soffice_convert(build_docx(d / "example.docx"), "doc")
    xls = soffice_convert(build_xlsx(d / "example.xlsx"), "xls")
    saved = soffice_convert(d / "example.docx", "html").rename(d / "saved-by-libreoffice.html")
    (d / "example.docx").unlink()
    (d / "example.xlsx").unlink()
    return {"doc": doc, "xls": xls, "wps": Path(shutil.copy(doc, d / "example.wps")),
            "et": Path(shutil.copy(xls, d / "example.et")), "html": saved}


def build_html(path: Path, encoding: str) -> Path:
    """A saved page: head, script, style, a navigation bar and a footer around the content, the page
    laid out by an outer table; the 总表 with a header row 收入|支出 spanning two columns each; each
    prose line a <p> wrapped in the source between Chinese characters; at the end a 附表 whose first
    column spans three rows."""
    body = []
    for ln in LINES:
        if "\t" in ln:
            if ln == next(x for x in LINES if "\t" in x):
                rows = [x.split("\t") for x in LINES if "\t" in x]
                body.append('<table border="1"><tr><th colspan="2">收入</th><th colspan="2">支出</th></tr>'
                            + "".join("<tr>" + "".join(f"<td><p><span>{c}</span></p></td>" for c in r) + "</tr>"
                                      for r in rows) + "</table>")
        else:
            cut = next((i for i in range(6, len(ln)) if ln[i - 1] > "\u4e00" and ln[i] > "\u4e00"), len(ln))
            body.append(f"<p>&nbsp;&nbsp;{ln[:cut]}\n   {ln[cut:]}</p>")  # the source wraps between two characters
    body.append('<p>附表：机关运行经费明细</p><table><tr><td rowspan="3">机关运行经费</td><td>办公费</td><td>21.30</td></tr>'
                '<tr><td>差旅费</td><td>9.12</td></tr><tr><td>物业管理费</td><td>28.20</td></tr></table>')
    charset = "gb2312" if encoding == "gbk" else encoding
    page = (f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            '<title>决算公开</title><style>p { text-indent: 2em }</style>'
            '<script>var total = "收入合计100万元，其中：50万元";</script></head><body>'
            '<table width="960"><tr><td><div class="top-nav"><a href="/">首页</a> | <a>信息公开</a> 合计99万元</div>'
            '</td></tr><tr><td><div id="zoom">' + "\n".join(body) + '</div></td></tr></table>'
            '<div class="footer">主办单位：示例市交通运输局 电话：0000-1234567</div></body></html>')
    path.write_bytes(page.encode(encoding))
    return path


def test_html_gbk_same_errors_at_extracted_lines(tmp_path):
    f = by_stated(check_json(str(build_html(tmp_path / "example.html", "gbk"))))
    assert planted(f.values()) == PLANTED
    # the table has one more row than example.txt (收入|支出), so later lines move down by one
    assert (f["1286.40万元"]["line"], f["1286.40万元"]["column"]) == (13, 7)
    assert (f["1201.15万元"]["line"], f["1201.15万元"]["column"]) == (15, 13)


def test_html_tables_prose_and_dropped_parts(tmp_path):
    from budgetlint.ingest import read_document

    doc = read_document(str(build_html(tmp_path / "example.htm", "utf-8")))
    # navigation, script, style, title and footer are gone; wrapped source lines are joined
    for gone in ("首页", "var total", "text-indent", "决算公开", "主办单位", "99万元"):
        assert gone not in doc.text
    assert doc.text.splitlines()[0] == LINES[0]
    total, detail = doc.tables
    assert total.title == "二、收入支出决算总表"
    assert [r.texts() for r in total.rows] == [["收入", "收入", "支出", "支出"]] + [
        ln.split("\t") for ln in LINES if "\t" in ln]
    assert [c.merged for c in total.rows[0].cells] == [False, True, False, True]
    assert detail.title == "附表：机关运行经费明细"
    assert [r.texts() for r in detail.rows] == [["机关运行经费", "办公费", "21.30"], ["机关运行经费", "差旅费", "9.12"],
                                                ["机关运行经费", "物业管理费", "28.20"]]
    assert [r.cells[0].merged for r in detail.rows] == [False, True, True]
    loc = doc.locate(detail.rows[1].cells[2].span)
    assert (loc.table, loc.cell) == ("2", "R2C3")
    loc = doc.locate(total.rows[3].cells[3].span)  # 444.04: row 4 of the page's table (after 收入|支出)
    assert (loc.table, loc.cell, doc.excerpt(total.rows[3].cells[3].span)) == ("1", "R4C4", "444.04")


def test_html_suppression_comment(tmp_path):
    """A page can hold comments: one before the 支出 paragraph silences its BL101, as in Markdown."""
    page = build_html(tmp_path / "example.html", "utf-8")
    html = page.read_text(encoding="utf-8")
    html = html.replace("<p>&nbsp;&nbsp;四、", "<!-- budgetlint: disable=BL101 --><p>&nbsp;&nbsp;四、", 1)
    html = html.replace("<p>&nbsp;&nbsp;本年支出合计", "<!-- budgetlint: disable=BL101 -->\n<p>&nbsp;&nbsp;本年支出合计", 1)
    page.write_text(html, encoding="utf-8")
    findings = check_json(str(page))
    assert planted(findings) == {("BL101", "1201.15万元", "1189.15万元")}
    # lines: 1–4 title to 二、, 5–9 the table (收入|支出 and four rows), 10 三、, 11 its statement, 12 the first
    # directive (a line of its own, above 四、 on 13), which suppressed nothing: BL990 there
    [stale] = [f for f in findings if f["code"] == "BL990"]
    assert stale["line"] == 12


def test_html_saved_by_an_office_suite(legacy):
    """A real exporter's page (LibreOffice's 'save as web page' of the .docx): same errors, same lines."""
    f = by_stated(check_json(str(legacy["html"])))
    assert planted(f.values()) == PLANTED
    assert (f["1286.40万元"]["line"], f["1286.40万元"]["column"]) == (12, 7)
    assert (f["1201.15万元"]["line"], f["1201.15万元"]["column"]) == (14, 13)


def test_doc_and_wps_same_errors_as_docx(legacy):
    for kind in ("doc", "wps"):
        f = by_stated(check_json(str(legacy[kind])))
        assert planted(f.values()) == PLANTED, kind
        # as in the .docx: paragraph 8 / line 12 and paragraph 10 / line 14
        assert (f["1286.40万元"]["paragraph"], f["1286.40万元"]["line"], f["1286.40万元"]["column"]) == (8, 12, 7)
        assert (f["1201.15万元"]["paragraph"], f["1201.15万元"]["line"]) == (10, 14)


def test_doc_table_cells(legacy):
    from budgetlint.ingest import read_document

    doc = read_document(str(legacy["doc"]))
    [table] = doc.tables
    assert table.rows[3].texts() == ["本年收入合计", "1286.40", "本年支出合计", "1286.40"]
    loc = doc.locate(table.rows[1].cells[3].span)
    assert (loc.table, loc.cell) == ("1", "R2C4")


def test_xls_and_et_same_errors_at_sheet_cells(legacy):
    for kind in ("xls", "et"):
        f = by_stated(check_json(str(legacy[kind])))
        assert planted(f.values()) == PLANTED, kind
        spent, gpb = f["1286.40万元"], f["1201.15万元"]
        assert (spent["sheet"], spent["cell"], spent["line"], spent["column"]) == ("情况说明", "A8", 1, 7)
        assert (gpb["sheet"], gpb["cell"], gpb["column"]) == ("情况说明", "A10", 13)


def test_xls_cells_as_displayed_and_merged(legacy):
    from budgetlint.ingest import read_document

    doc = read_document(str(legacy["xls"]))
    sheet = next(t for t in doc.tables if t.title == "表1")
    # row 1: the title merged over A1:D1; numbers stored as floats shown with their format 0.00
    assert sheet.rows[0].texts() == ["收入支出决算总表"] * 4
    assert [c.merged for c in sheet.rows[0].cells] == [False, True, True, True]
    assert sheet.rows[4].texts() == ["本年收入合计", "1286.40", "本年支出合计", "1286.40"]
    loc = doc.locate(sheet.rows[2].cells[1].span)
    assert (loc.sheet, loc.cell, doc.excerpt(sheet.rows[2].cells[1].span)) == ("表1", "B3", "1201.15")


def test_doc_without_libreoffice_is_one_line_and_exit_2(legacy, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))  # the venv's scripts: no soffice there
    good = tmp_path / "good.txt"
    good.write_text("收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。\n", encoding="utf-8")
    code, out, err = run_cli("check", "--format", "concise", str(legacy["doc"]), str(legacy["et"]), str(good))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert "读取 .doc 需要 LibreOffice" in lines[0] and "apt install libreoffice-writer-nogui" in lines[0]
    assert "读取 .et 需要 LibreOffice" in lines[1] and "libreoffice-calc-nogui" in lines[1]
    assert "good.txt:1:5: BL101" in out  # the other file is still linted
    code, _, err = run_cli("check", "--lang", "en", str(legacy["xls"]), str(legacy["wps"]))
    assert code == 2 and err.count("\n") == 1 and "reading .wps needs LibreOffice" in err  # .xls needs no LibreOffice


def test_ofd_same_errors_on_the_same_pages_as_pdf():
    f = by_stated(check_json(str(FIX / "example.ofd")))
    assert planted(f.values()) == PLANTED
    # laid out as example.pdf: page 1 line 15 and page 2 line 2
    assert (f["1286.40万元"]["page"], f["1286.40万元"]["line"], f["1286.40万元"]["column"]) == (1, 15, 7)
    assert (f["1201.15万元"]["page"], f["1201.15万元"]["line"], f["1201.15万元"]["column"]) == (2, 2, 13)
    assert {op["page"] for op in f["1201.15万元"]["evidence"]["operands"]} == {2}


def test_ofd_ruled_table_from_path_objects():
    from budgetlint.ingest import read_document

    doc = read_document(str(FIX / "example.ofd"))
    [table] = doc.tables
    assert table.title == "二、收入支出决算总表"
    assert [r.texts() for r in table.rows] == [ln.split("\t") for ln in LINES if "\t" in ln]
    loc = doc.locate(table.rows[2].cells[3].span)
    # page 1: title, 一、, four wrapped lines, 二、, then the rows: 其他收入 is the 3rd row → line 10
    assert (loc.page, loc.line, doc.excerpt(table.rows[2].cells[3].span)) == (1, 10, "444.04")


def test_ofd_runs_joined_in_reading_order_through_ctm(tmp_path):
    """Text objects written out of order: the heading above, last in the file; then one line of three
    objects: 本年支出合计 (4.2 mm characters), 1286.40 drawn at twice the size and scaled by a CTM of 0.5 (so
    2.1 mm digits on the same baseline, y = 354 mm: below an A4 page, on an A3 one), and the rest of the
    sentence. 1286.40 ≠ 842.36 + 440.04 = 1282.40."""
    import zipfile

    ns = "http://www.ofdspec.org/2016"

    def text(x, y, s, size="4.2", ctm="", dy="4", delta="4.2"):
        ctm = f' CTM="{ctm}"' if ctm else ""
        return (f'<ofd:TextObject ID="1" Boundary="{x} {y} 100 10" Size="{size}"{ctm}><ofd:TextCode X="0" Y="{dy}" '
                f'DeltaX="g {len(s) - 1} {delta}">{s}</ofd:TextCode></ofd:TextObject>')

    page = (f'<ofd:Page xmlns:ofd="{ns}"><ofd:Area><ofd:PhysicalBox>0 0 297 420</ofd:PhysicalBox></ofd:Area>'
            '<ofd:Content><ofd:Layer ID="2">'
            + text(59.9, 350, "万元，其中：基本支出842.36万元，项目支出440.04万元。") + text(20, 350, "本年支出合计")
            + text(45.2, 350, "1286.40", size="8.4", ctm="0.5 0 0 0.5 0 0", dy="8") + text(20, 340, "四、支出决算情况说明")
            + "</ofd:Layer></ofd:Content></ofd:Page>")
    path = tmp_path / "a3.ofd"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("OFD.xml", f'<ofd:OFD xmlns:ofd="{ns}"><ofd:DocBody><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot>'
                              '</ofd:DocBody></ofd:OFD>')
        z.writestr("Doc_0/Document.xml", f'<ofd:Document xmlns:ofd="{ns}"><ofd:Pages>'
                                         '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>')
        z.writestr("Doc_0/Pages/Page_0/Content.xml", page)
    from budgetlint.ingest import read_document

    assert read_document(str(path)).text.splitlines() == [
        "四、支出决算情况说明", "本年支出合计1286.40万元，其中：基本支出842.36万元，项目支出440.04万元。"]
    [f] = [f for f in check_json(str(path)) if f["code"] == "BL101"]
    assert (f["evidence"]["stated"], f["evidence"]["recomputed"]) == ("1286.40万元", "1282.40万元")
    assert (f["page"], f["line"], f["column"]) == (1, 2, 7)


SOCIAL_WORK = CORPUS / "pdf" / "shanghai-putuo-social-work-2024-final-accounts.pdf"
P17 = 16  # page 17 (0-based): 二、收入决算情况说明, 三、支出决算情况说明 with 基本支出 105.58


def image_pdf(src: Path, replace: tuple[str, str] = ("", ""), scale: float = 2.0, index: int = P17) -> bytes:
    """Page ``index`` of ``src`` as a scan: rendered to a grey image, ``replace[0]`` painted over with
    ``replace[1]`` (drawn in Pillow's own font), saved as an image-only PDF."""
    import pypdfium2 as pdfium
    from PIL import ImageDraw, ImageFont

    page = pdfium.PdfDocument(str(src))[index]
    image = page.render(scale=scale, grayscale=True).to_pil()
    old, new = replace
    if old:
        textpage = page.get_textpage()
        i = textpage.get_text_range().index(old)
        boxes = [textpage.get_charbox(j) for j in range(i, i + len(old))]
        h = page.get_height()
        x0, top = min(b[0] for b in boxes) * scale, (h - max(b[3] for b in boxes)) * scale
        x1, bottom = max(b[2] for b in boxes) * scale, (h - min(b[1] for b in boxes)) * scale
        draw = ImageDraw.Draw(image)
        draw.rectangle((x0, top, x1, bottom), fill=255)
        draw.text((x0, top - (bottom - top) * 0.2), new, fill=0, font=ImageFont.load_default(size=(bottom - top) * 1.3))
    out = io.BytesIO()
    image.save(out, "PDF", resolution=72 * scale)
    return out.getvalue()


@pytest.fixture
def no_ocr(monkeypatch):
    """As if the ocr extra were not installed: importing rapidocr_onnxruntime fails."""
    from budgetlint.ingest import ocr

    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    monkeypatch.setattr(ocr, "_ENGINE", [])


def mixed_pdf(path: Path) -> Path:
    """Page 1 of example.pdf (text layer, the 1286.40 error) followed by a scanned page on which a page
    number 「- 2 -」 was stamped as text (as scanning software does)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    scan = pdfium.PdfDocument(image_pdf(SOCIAL_WORK))
    pdf = pdfium.PdfDocument(str(FIX / "example.pdf"))
    out = pdfium.PdfDocument.new()
    out.import_pages(pdf, [0])
    out.import_pages(scan, [0])
    page = out[1]
    stamp = raw.FPDFPageObj_NewTextObj(out.raw, b"Helvetica", ctypes.c_float(10))
    text = ctypes.create_string_buffer("- 2 -\0".encode("utf-16-le"))
    raw.FPDFText_SetText(stamp, ctypes.cast(text, ctypes.POINTER(raw.FPDF_WCHAR)))
    raw.FPDFPageObj_Transform(stamp, 1, 0, 0, 1, 280, 30)
    raw.FPDFPage_InsertObject(page.raw, stamp)
    raw.FPDFPage_GenerateContent(page.raw)
    out.save(str(path))
    assert "- 2 -" in pdfium.PdfDocument(str(path))[1].get_textpage().get_text_range()
    return path


def test_scanned_page_without_ocr_is_noted(no_ocr, tmp_path):
    path = mixed_pdf(tmp_path / "mixed.pdf")
    code, out, _ = run_cli("check", "--format", "json", str(path))
    findings = json.loads(out)
    assert code == 1  # the error on page 1
    [note] = [f for f in findings if f["code"] == "BL902"]
    assert (note["severity"], note["page"], note["line"], note["column"]) == ("info", 2, 1, 1)
    assert "第 2 页是扫描图像" in note["message"] and "未检查" in note["message"]
    assert {f["evidence"]["stated"] for f in findings if f["code"] == "BL101"} == {"1286.40万元"}
    _, out, _ = run_cli("check", "--lang", "en", "--format", "concise", str(path))
    assert "mixed.pdf:p2:1:1: BL902 [info] page 2 is a scanned image with no text layer: nothing on it was checked" in out


def test_scanned_page_ocr_cannot_read_is_noted(tmp_path):
    """With OCR, a scanned page on which it reads nothing (a blank scan) still gets its note."""
    import pypdfium2 as pdfium
    from PIL import Image

    blank = io.BytesIO()
    Image.new("L", (600, 840), 255).save(blank, "PDF")
    out = pdfium.PdfDocument.new()
    out.import_pages(pdfium.PdfDocument(str(FIX / "example.pdf")), [0])
    out.import_pages(pdfium.PdfDocument(blank.getvalue()), [0])
    out.save(str(tmp_path / "blank.pdf"))
    [note] = [f for f in check_json(str(tmp_path / "blank.pdf")) if f["code"] == "BL902"]
    assert (note["page"], note["line"], note["severity"]) == (2, 1, "info")
    assert "OCR 未识别出文字" in note["message"]


def test_wholly_scanned_pdf_without_ocr_is_exit_2(no_ocr, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf(SOCIAL_WORK))
    code, out, err = run_cli("check", "--lang", "en", str(path))
    assert code == 2 and out == ""
    assert err.strip() == f"budgetlint: {path}: no text layer (scanned): install budgetlint[ocr] to read it by OCR"


def test_scanned_page_read_by_ocr_finds_the_same_errors_at_most_warnings(tmp_path):
    """Page 17 with 基本支出 105.58 changed to 101.58: 本年支出合计 307.82 ≠ 101.58 + 202.24 = 303.82, and
    34.30% ≠ 101.58 ÷ 307.82 = 33.00%. The text layer (changed the same way) gives these as errors; the
    scan read by OCR gives the same, as warnings saying the figures were read by OCR, on the same line."""
    import pypdfium2 as pdfium

    text = pdfium.PdfDocument(str(SOCIAL_WORK))[P17].get_textpage().get_text_range()
    txt = tmp_path / "p17.txt"
    txt.write_text(text.replace("\r\n", "\n").replace("105.58", "101.58"), encoding="utf-8")
    scan = tmp_path / "p17-scan.pdf"
    scan.write_bytes(image_pdf(SOCIAL_WORK, ("105.58", "101.58")))

    def key(f):
        return f["code"], f["evidence"]["stated"], f["evidence"]["recomputed"]

    from_text = {key(f): f for f in check_json(str(txt)) if f["severity"] != "info"}
    from_scan = {key(f): f for f in check_json(str(scan)) if f["severity"] != "info"}
    assert set(from_text) == set(from_scan) == {("BL101", "307.82万元", "303.82万元"), ("BL201", "34.30%", "33.00%")}
    for k, f in from_scan.items():
        assert f["severity"] == "warning" and from_text[k]["severity"] == "error"
        assert "OCR" in f["message"]
        assert (f["page"], f["line"]) == (1, from_text[k]["line"])


def test_ocr_lines_from_character_boxes():
    """RapidOCR's result: [box, text, score, character boxes, characters, …]. Boxes on one level make one
    line, left to right; a stray space inside a number is dropped; a gap wider than a character is a space."""
    from budgetlint.ingest.ocr import lines

    def item(chars, x, top, width=12, gap=0):
        boxes, xs = [], x
        for ch in chars:
            boxes.append([[xs, top], [xs + width, top], [xs + width, top + 36], [xs, top + 36]])
            xs += width + gap
        return [None, "".join(chars), 0.9, boxes, list(chars), [0.9] * len(chars)]

    results = [item("36.20", 330, 331), item("合计", 300, 330), item(list("1201. 15"), 300, 277),
               item("118.75", 800, 332)]
    assert lines(results) == ["1201.15", "合计36.20 118.75"]
    # a box without character boxes (older RapidOCR) shares its width among its characters
    assert lines([item("合计", 300, 330), [[[330, 331], [390, 331], [390, 367], [330, 367]], "36.20", 0.9]]) == [
        "合计36.20"]


def test_one_folder_of_every_format_same_findings(legacy, tmp_path):
    d = tmp_path / "inbox"
    d.mkdir()
    for src in [FIX / "example.txt", FIX / "example.pdf", FIX / "example.ofd",
                *(p for kind, p in legacy.items() if kind != "html")]:
        shutil.copy(src, d / src.name)
    shutil.copy(FIX / "example.txt", d / "example.md")
    build_docx(d / "example.docx")
    build_xlsx(d / "example.xlsx")
    build_html(d / "example.html", "gbk")
    build_html(d / "example.htm", "utf-8")
    code, out, err = run_cli("check", "--format", "json", str(d))
    assert code == 1 and err == ""
    by_file: dict[str, set] = {}
    for f in json.loads(out):
        by_file.setdefault(Path(f["path"]).suffix, set()).add(
            (f["code"], f["evidence"].get("stated"), f["evidence"].get("recomputed")))
    exts = {".txt", ".md", ".pdf", ".ofd", ".docx", ".xlsx", ".html", ".htm", ".doc", ".wps", ".xls", ".et"}
    assert set(by_file) == exts
    expected = by_file[".txt"]
    assert {k for k in expected if k[0] == "BL101"} == PLANTED
    assert all(found == expected for found in by_file.values()), by_file


def test_broken_files_of_every_new_format(tmp_path):
    import zipfile

    bad: dict[str, str] = {}

    def put(name: str, data: bytes, reason: str) -> None:
        (tmp_path / name).write_bytes(data)
        bad[name] = reason

    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    put("binary.html", bytes(range(256)) * 4, "binary data, not text")
    put("scripts.htm", b"<html><body><script>var a = 1;</script><nav>home</nav></body></html>", "web page holds no text")
    put("garbage.xls", ole + bytes(range(256)) * 8, "corrupt .xls file")
    put("text.xls", b"not a workbook at all", "not a valid .xls file")
    put("garbage.doc", ole + bytes(range(256)) * 8, "corrupt .doc file (no WordDocument stream inside)")
    put("garbage.wps", ole + bytes(range(256)) * 8, "corrupt .wps file (no WordDocument stream inside)")
    put("garbage.et", ole + bytes(range(256)) * 8, "corrupt .et file (no Workbook stream inside)")
    put("text.doc", b"plain words", "not a valid .doc file")
    put("text.ofd", b"not a zip", "not a valid .ofd file (not a zip archive")
    with zipfile.ZipFile(tmp_path / "empty.ofd", "w") as z:
        z.writestr("Doc_0/Document.xml", "<Document/>")
    bad["empty.ofd"] = "corrupt .ofd file (no OFD.xml)"
    with zipfile.ZipFile(tmp_path / "broken.ofd", "w") as z:
        z.writestr("OFD.xml", "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'><ofd:DocBody>")
    bad["broken.ofd"] = "corrupt .ofd file, cannot be parsed (OFD.xml:"
    good = tmp_path / "good.txt"
    good.write_text("收入合计100万元，其中：财政拨款收入60万元，其他收入30万元。\n", encoding="utf-8")
    code, out, err = run_cli("check", "--lang", "en", "--format", "concise", *(str(tmp_path / n) for n in bad), str(good))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == len(bad), err
    for name, reason in bad.items():
        [line] = [ln for ln in lines if f"{tmp_path / name}: " in ln]
        assert reason in line, line
    assert "good.txt:1:5: BL101" in out
