"""The same example document as .txt, .docx, .xlsx and .pdf: the same planted errors, each located
where a person finds it in that file (line:column, page, paragraph, sheet!cell).

example.txt (written for this project) plants two 其中 lists that do not add up:
  line 12: 本年支出合计1286.40 = 基本支出842.36 + 项目支出440.04 → 1282.40 (off by 4.00)
  line 14: 一般公共预算财政拨款支出1201.15 = 36.20 + 118.75 + 968.40 + 65.80 → 1189.15 (off by 12.00)
The .docx and .xlsx are built here from its lines; example.pdf was made from it by
make_example_pdf.py, with a page break before section 五.
"""
from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path


from conftest import check_json

FIX = Path(__file__).parent / "fixtures" / "formats"
LINES = (FIX / "example.txt").read_text(encoding="utf-8").splitlines()
PLANTED = {("BL101", "1286.40万元", "1282.40万元"), ("BL101", "1201.15万元", "1189.15万元")}


def planted(findings: list[dict]) -> set:
    return {(f["code"], f["evidence"]["stated"], f["evidence"]["recomputed"]) for f in findings if f["code"] == "BL101"}


def by_stated(findings: list[dict]) -> dict:
    return {f["evidence"]["stated"]: f for f in findings if f["code"] == "BL101"}


def build_docx(path: Path) -> Path:
    """Paragraphs for prose lines; the tab-separated lines become one Word table."""
    import docx

    d = docx.Document()
    rows = [ln.split("\t") for ln in LINES if "\t" in ln]
    for ln in LINES:
        if "\t" not in ln:
            d.add_paragraph(ln)
        elif ln.split("\t") == rows[0]:
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            for r, cells in enumerate(rows):
                for c, text in enumerate(cells):
                    t.cell(r, c).text = text
    d.save(path)
    return path


def build_xlsx(path: Path) -> Path:
    """Sheet 情况说明: one prose line per row in column A. Sheet 表1: a merged title row, then the
    table, numbers stored as floats with format 0.00, and 本年收入合计 a SUM formula whose cached
    value is 1286.4 (as Excel saves it)."""
    import openpyxl

    wb = openpyxl.Workbook()
    prose = wb.active
    prose.title = "情况说明"
    for ln in LINES:
        if "\t" not in ln:
            prose.append([ln])
    table = wb.create_sheet("表1")
    table.append(["收入支出决算总表"])
    table.merge_cells("A1:D1")
    for ln in LINES:
        if "\t" in ln:
            table.append([float(x) if re.fullmatch(r"[\d.]+", x) else x for x in ln.split("\t")])
    table["B5"] = "=SUM(B3:B4)"
    for row in table.iter_rows(min_row=3):
        for cell in row:
            if not isinstance(cell.value, str) or cell.value.startswith("="):
                cell.number_format = "0.00"
    wb.save(path)
    # openpyxl writes formulas without a cached value; add the one Excel would have saved
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    sheet = "xl/worksheets/sheet2.xml"
    xml = parts[sheet].decode()
    xml, n = re.subn(r"(<f>SUM\(B3:B4\)</f>)<v\s*/?>(?:</v>)?", r"\1<v>1286.4</v>", xml)
    assert n == 1, xml
    parts[sheet] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def test_txt_finds_the_planted_errors():
    f = by_stated(check_json(str(FIX / "example.txt")))
    assert planted(f.values()) == PLANTED
    assert (f["1286.40万元"]["line"], f["1286.40万元"]["column"]) == (12, 7)
    assert (f["1201.15万元"]["line"], f["1201.15万元"]["column"]) == (14, 13)


def test_pdf_finds_them_on_the_right_pages():
    f = by_stated(check_json(str(FIX / "example.pdf")))
    assert planted(f.values()) == PLANTED
    spent, gpb = f["1286.40万元"], f["1201.15万元"]
    # page 1: title, 一、, four wrapped lines of 职能, 二、, four table rows, 三、, its line, 四、 → line 15
    assert (spent["page"], spent["line"], spent["column"]) == (1, 15, 7)
    # page 2 starts with 五、; its statement is line 2, the total after 「一般公共预算财政拨款支出」 (12 chars)
    assert (gpb["page"], gpb["line"], gpb["column"]) == (2, 2, 13)
    # the operands are located on their pages as well
    assert {op["page"] for op in gpb["evidence"]["operands"]} == {2}


def test_pdf_ruled_table_cells():
    from budgetlint.ingest import read_document

    doc = read_document(str(FIX / "example.pdf"))
    [table] = doc.tables
    assert table.title == "二、收入支出决算总表"
    assert [r.texts() for r in table.rows] == [ln.split("\t") for ln in LINES if "\t" in ln]
    cell = table.rows[2].cells[3]
    assert doc.excerpt(cell.span) == "444.04"
    loc = doc.locate(cell.span)
    assert (loc.page, loc.line) == (1, 10)


def test_docx_same_errors_with_paragraph_numbers(tmp_path):
    path = build_docx(tmp_path / "example.docx")
    f = by_stated(check_json(str(path)))
    assert planted(f.values()) == PLANTED
    # the table sits between paragraphs 4 and 5; its four rows are lines 5–8 of the text
    assert (f["1286.40万元"]["paragraph"], f["1286.40万元"]["line"], f["1286.40万元"]["column"]) == (8, 12, 7)
    assert (f["1201.15万元"]["paragraph"], f["1201.15万元"]["line"]) == (10, 14)


def test_docx_table_cells(tmp_path):
    from budgetlint.ingest import read_document

    doc = read_document(str(build_docx(tmp_path / "example.docx")))
    [table] = doc.tables
    assert table.title == "二、收入支出决算总表"
    assert table.rows[3].texts() == ["本年收入合计", "1286.40", "本年支出合计", "1286.40"]
    loc = doc.locate(table.rows[1].cells[3].span)
    assert (loc.table, loc.cell, loc.line) == ("1", "R2C4", 6)


def test_xlsx_same_errors_at_sheet_cells(tmp_path):
    path = build_xlsx(tmp_path / "example.xlsx")
    f = by_stated(check_json(str(path)))
    assert planted(f.values()) == PLANTED
    # prose rows of 情况说明: 1 title, 2 一、, 3 职能, 4 二、, 5 三、, 6, 7 四、, 8 支出, 9 五、, 10 一般公共预算
    spent, gpb = f["1286.40万元"], f["1201.15万元"]
    assert (spent["sheet"], spent["cell"], spent["line"], spent["column"]) == ("情况说明", "A8", 1, 7)
    assert (gpb["sheet"], gpb["cell"], gpb["column"]) == ("情况说明", "A10", 13)
    assert {op["cell"] for op in spent["evidence"]["operands"]} == {"情况说明!A8"}


def test_xlsx_values_not_formulas_and_merged_cells(tmp_path):
    from budgetlint.ingest import read_document

    doc = read_document(str(build_xlsx(tmp_path / "example.xlsx")))
    sheet = {t.title: t for t in doc.tables}["表1"]
    title, header, *_, totals = sheet.rows
    assert [c.text for c in title.cells] == ["收入支出决算总表"] * 4  # A1:D1 merged
    assert [c.merged for c in title.cells] == [False, True, True, True]
    assert header.texts() == ["项目", "决算数", "项目", "决算数"]
    # B5 holds =SUM(B3:B4): its saved value, shown with the cell's 0.00 format
    assert totals.cells[1].text == "1286.40"
    loc = doc.locate(totals.cells[1].span)
    assert (loc.sheet, loc.cell) == ("表1", "B5")
    assert sheet.rows[2].cells[3].text == "842.36"


def test_reading_never_writes(tmp_path):
    paths = [FIX / "example.txt", FIX / "example.pdf", build_docx(tmp_path / "e.docx"), build_xlsx(tmp_path / "e.xlsx")]
    before = {p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest()) for p in paths}
    check_json(*map(str, paths))
    assert before == {p: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest()) for p in paths}
    assert sorted(q.name for q in tmp_path.iterdir()) == ["e.docx", "e.xlsx"]


def test_xlsx_text_output_names_sheet_and_cell(tmp_path):
    from conftest import run_cli

    path = build_xlsx(tmp_path / "example.xlsx")
    code, out, _ = run_cli("check", "--select", "BL101", str(path))
    assert code == 1
    assert f"{path}:情况说明!A8:1:7: BL101" in out
    assert f"{path}:情况说明!A10:1:13: BL101" in out


def test_docx_finding_inside_a_table_cell_and_merged_cells(tmp_path):
    """Word forms keep prose in table cells: a finding there names the table and the cell."""
    import docx

    from budgetlint.ingest import read_document
    from conftest import run_cli

    d = docx.Document()
    d.add_paragraph("项目支出绩效自评表")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 2)).text = "年度总体目标完成情况"
    for c, text in enumerate(["项目", "年初预算数", "全年执行数"]):
        t.cell(1, c).text = text
    t.cell(2, 0).merge(t.cell(2, 2)).text = "全年执行数96.50万元，其中：设备购置40.20万元，运行维护46.30万元。"
    path = tmp_path / "form.docx"
    d.save(path)
    [f] = [f for f in check_json(str(path)) if f["code"] == "BL101"]
    # 40.20 + 46.30 = 86.50, not 96.50: the total is in table 1, row 3, first cell (merged over three columns)
    assert (f["table"], f["cell"], f["evidence"]["recomputed"]) == ("1", "R3C1", "86.50万元")
    assert (f["line"], f["column"]) == (4, 6)  # line 1 the paragraph, lines 2–4 the rows; after 「全年执行数」
    code, out, _ = run_cli("check", str(path))
    assert f"{path}:table1!R3C1:4:6: BL101" in out
    [table] = read_document(str(path)).tables
    assert table.title == "项目支出绩效自评表"
    assert [c.merged for c in table.rows[0].cells] == [False, True, True]
    assert table.rows[0].texts() == ["年度总体目标完成情况"] * 3


def test_pdf_table_drawn_inside_a_form_xobject():
    """form_table.pdf draws its ruled table in a form XObject moved to (72, 740) on the page: the
    rules are placed where the page shows them, so the cells, title and note come out in order."""
    from budgetlint.ingest import read_document

    doc = read_document(str(FIX / "form_table.pdf"))
    [table] = doc.tables
    assert table.title == "表1 支出决算表"
    assert [r.texts() for r in table.rows] == [["项目", "预算数", "决算数"], ["基本支出", "120.00", "118.50"],
                                               ["项目支出", "80.00", "76.25"]]
    assert doc.text.splitlines()[0] == "表1 支出决算表" and doc.text.splitlines()[-1] == "注：本表为示例。"
    assert doc.locate(table.rows[2].cells[2].span).model_dump(include={"page", "line", "column"}) == {
        "page": 1, "line": 4, "column": 12}  # 「项目支出」, tab, 「80.00」, tab: 4 + 1 + 5 + 1 = 11 characters before it


def test_xlsx_numbers_as_excel_shows_them():
    from budgetlint.ingest.xlsx import display

    assert display(1286.4000000000001) == "1286.4"        # a float sum as Excel saves it, General format
    assert display(1286.4, "0.00") == "1286.40"
    assert display(0.125, "0.00") == "0.13"                # halves away from zero, as Excel
    assert display(0.343, "0.00%") == "34.30%"
    assert display(12345.6, "#,##0.00") == "12,345.60"
    assert display(5.0) == "5" and display(3, "0") == "3"
    assert display(1e-7) == "0.0000001"                    # never scientific notation


def test_pdf_page_box_not_at_the_origin(tmp_path):
    """A page cropped to the box (-40, 600)–(555, 800) around its content (the table sits at
    y 680–740, the note at y 640): the same text and table come out."""
    import pypdfium2 as pdfium

    from budgetlint.ingest import read_document

    pdf = pdfium.PdfDocument(str(FIX / "form_table.pdf"))
    page = pdf[0]
    page.set_mediabox(-40, 600, 555, 800)
    page.set_cropbox(-40, 600, 555, 800)
    pdf.save(str(tmp_path / "moved.pdf"))
    pdf.close()
    moved, original = read_document(str(tmp_path / "moved.pdf")), read_document(str(FIX / "form_table.pdf"))
    assert moved.text == original.text
    assert [r.texts() for r in moved.tables[0].rows] == [r.texts() for r in original.tables[0].rows]
