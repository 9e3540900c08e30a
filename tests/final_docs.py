"""Build the .docx and .xlsx versions of a 决算 text document for the tests.

The text form (examples/final-accounts-demo.txt) holds prose lines and tables as
runs of tab-separated lines, each preceded by its title and 「单位：万元」 line.
Word: prose lines become paragraphs, each run of tab lines a Word table.
Excel: each table becomes a sheet named by its title (tables only: the 情况说明
stays in the PDF or Word file, as departments publish it).
"""
from __future__ import annotations

from pathlib import Path


def blocks(text: str):
    """('p', line) for prose lines and ('t', title, rows) for each table."""
    out, rows, title = [], [], ""
    for line in text.split("\n"):
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            out.append(("t", title, rows))
            rows = []
        if line.strip() and not line.startswith("单位"):
            title = line.strip()
        out.append(("p", line))
    if rows:
        out.append(("t", title, rows))
    return out


def to_docx(text: str, path: Path) -> Path:
    import docx

    d = docx.Document()
    for b in blocks(text):
        if b[0] == "p":
            if b[1].strip():
                d.add_paragraph(b[1])
            continue
        rows = b[2]
        table = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for i, r in enumerate(rows):
            for j, v in enumerate(r):
                table.cell(i, j).text = v
    d.save(path)
    return path


def to_xlsx(text: str, path: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for b in blocks(text):
        if b[0] != "t":
            continue
        ws = wb.create_sheet(b[1][:31])
        ws.append([b[1]])
        ws.append(["单位：万元"])
        for r in b[2]:
            ws.append([v if v else None for v in r])
    wb.save(path)
    return path
