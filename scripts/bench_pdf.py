"""Measure PDF text and table extraction on the corpus PDFs; prints the table in docs/formats.md.

    python scripts/bench_pdf.py [PDF_DIR]        (default tests/corpus/pdf)

For each library and file it reports:
- seconds: whole-document extraction, best of 3 runs (1 if over 2 s), imports excluded;
- sentences: how many of the hand-checked narrative sentences below appear intact
  (whitespace removed, NFKC) in the extracted text, i.e. in reading order and unbroken;
- rows: how many of the hand-checked 决算 table rows below come out as exactly those cells
  (libraries that only give text score "-").

The sentences and rows were copied by hand from the PDF pages as a reader sees them.
Libraries that are not installed are skipped; pdftotext (poppler-utils) is a reference only.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SENTENCES = {
    "shanghai-putuo-social-work-2024-final-accounts.pdf": [
        "本年支出合计307.82万元，其中：基本支出105.58万元，占34.30%；项目支出202.24万元，占65.70%。",
        "一般公共预算财政拨款支出年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%。",
        "一般公共服务支出（类）264.87万元，占86.05%；社会保障和就业支出（类）10.82万元，占3.52%；"
        "卫生健康支出（类）2.71万元，占0.88%；住房保障支出（类）29.42万元，占9.55%。",
    ],
    "shanghai-putuo-finance-bureau-2024-final-accounts.pdf": [
        "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%；",
        "委托中介机构开展各类审计及绩效评价工作。年初预算为450.52万元，支出决算为449.52万元。",
        "主要用于：在职人员的基本养老保险支出。年初预算为161.62万元，支出决算为160.75万元。",
        "编报绩效目标的2024年度项目4个，涉及预算金额598.42万元；绩效跟踪评价的2024年度项目4个，涉及预算金额598.42万元",
    ],
    "shanghai-putuo-planning-resources-2024-final-accounts.pdf": [
        "本年支出合计9759.38万元，其中：基本支出5377.64万元，占55.10%；项目支出4381.74万元，占44.90%。",
        "社会保障和就业支出（类）754.75万元，占7.74%；卫生健康支出（类）236.63万元，占2.43%；城乡社区支出（类）3832.36万元，"
        "占39.32%；自然资源海洋气象等支出（类）4461.67万元，占45.78%；住房保障支出（类）461.08万元，占4.73%。",
        "一般公共预算财政拨款支出年初预算为10210.34万元，支出决算为9746.50万元，完成年初预算的95.45%。",
    ],
    "final-accounts-template-2024.pdf": [
        "本年支出合计XXX万元，其中：基本支出XXX万元，占XX%；项目支出XXX万元，占XX%；经营支出XXX万元，占XX%……（不涉及的不列）。",
        "一般公共预算财政拨款支出年初预算为XXX万元，支出决算为XXX万元，完成年初预算的XX%。",
    ],
}

ROWS = {
    "shanghai-putuo-social-work-2024-final-accounts.pdf": [
        ["八、其他收入", "", "八、社会保障和就业支出", "10.82"],
        ["本年收入合计", "307.82", "本年支出合计", "307.82"],
        ["30311", "代缴社会保险费", "0.00", "30239", "其他交通费用", "2.43"],
        ["2080505", "机关事业单位基本养老保险缴费支出", "6.18", "6.18", "", "", "", "", ""],
    ],
    "shanghai-putuo-finance-bureau-2024-final-accounts.pdf": [
        ["八、其他收入", "6.20", "八、社会保障和就业支出", "326.71"],
        ["本年收入合计", "2,946.25", "本年支出合计", "2,940.05"],
        ["201", "06", "01", "行政运行", "1,511.90", "1,511.89", "", "", "", "", "0.01"],
    ],
    "shanghai-putuo-planning-resources-2024-final-accounts.pdf": [
        ["年初结转和结余", "112.88", "年末结转和结余", "100.00"],
        ["总计", "9859.38", "总计", "9859.38"],
    ],
    "final-accounts-template-2024.pdf": [
        ["项目", "决算数", "项目", "决算数"],
    ],
}


def squash(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s or "").split())


def pypdfium2_text(path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    pdf.close()
    return text, None


def pdfplumber_text(path):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages), None


def pdfplumber_tables(path):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        texts, rows = [], []
        for p in pdf.pages:
            texts.append(p.extract_text() or "")
            rows += [r for t in p.extract_tables() for r in t]
        return "\n".join(texts), rows


def pymupdf_text(path):
    import pymupdf

    with pymupdf.open(path) as doc:
        return "\n".join(p.get_text() for p in doc), None


def pymupdf_tables(path):
    import pymupdf

    with pymupdf.open(path) as doc:
        texts, rows = [], []
        for p in doc:
            texts.append(p.get_text())
            rows += [r for t in p.find_tables().tables for r in t.extract()]
        return "\n".join(texts), rows


def pdftotext(path):
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, check=True).stdout
    return out.decode("utf-8"), None


def budgetlint_reader(path):
    from budgetlint.ingest.pdf import read_pdf

    doc = read_pdf(path)
    return doc.text, [[c.text if not c.merged else None for c in r.cells] for t in doc.tables for r in t.rows]


EXTRACTORS = [
    ("pypdfium2 (text)", "pypdfium2", pypdfium2_text),
    ("pdfplumber (text)", "pdfplumber", pdfplumber_text),
    ("pdfplumber (text + tables)", "pdfplumber", pdfplumber_tables),
    ("PyMuPDF (text)", "pymupdf", pymupdf_text),
    ("PyMuPDF (text + find_tables)", "pymupdf", pymupdf_tables),
    ("pdftotext CLI (text)", None, pdftotext),
    ("budgetlint reader (pypdfium2 + ruling geometry)", "pypdfium2", budgetlint_reader),
]


def available(module: str | None, func) -> bool:
    if func is pdftotext:
        return shutil.which("pdftotext") is not None
    try:
        __import__(module)
        return True
    except ImportError:
        return False


def measure(func, path: Path) -> tuple[float, str, list | None]:
    """Best of 3 runs (of 1 when a run takes over 2 s: slow is slow)."""
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        text, rows = func(str(path))
        best = min(best, time.perf_counter() - t)
        if best > 2:
            break
    return best, text, rows


def main(pdf_dir: Path) -> None:
    files = [pdf_dir / name for name in SENTENCES if (pdf_dir / name).exists()]
    print("| extractor | " + " | ".join(f.name.replace("-2024", "").replace(".pdf", "").replace("-final-accounts", "").replace("shanghai-putuo-", "")
                                       for f in files) + " | total s | sentences | rows |")
    print("|---|" + "---|" * (len(files) + 3))
    for label, module, func in EXTRACTORS:
        if not available(module, func):
            continue
        func(str(files[0]))  # warm up imports
        cells, total, sent_ok, sent_all, rows_ok, rows_all = [], 0.0, 0, 0, 0, 0
        tables = True
        for f in files:
            secs, text, rows = measure(func, f)
            flat = squash(text)
            ok = sum(squash(s) in flat for s in SENTENCES[f.name])
            sent_ok, sent_all = sent_ok + ok, sent_all + len(SENTENCES[f.name])
            if rows is None:
                tables = False
            else:
                got = {tuple(squash(c) for c in r if c is not None) for r in rows}
                rows_ok += sum(tuple(squash(c) for c in r) in got for r in ROWS[f.name])
            rows_all += len(ROWS[f.name])
            total += secs
            cells.append(f"{secs:.2f}")
        rows_cell = f"{rows_ok}/{rows_all}" if tables else "-"
        print(f"| {label} | " + " | ".join(cells) + f" | {total:.2f} | {sent_ok}/{sent_all} | {rows_cell} |")


def agreement(pdf_dir: Path) -> None:
    """Every table row of budgetlint's reader against pdfplumber.Page.find_tables on the same files."""
    import pdfplumber

    from budgetlint.ingest._build import join_cell_lines
    from budgetlint.ingest.pdf import read_pdf

    same = total = 0
    for name in SENTENCES:
        if not (pdf_dir / name).exists():
            continue
        with pdfplumber.open(pdf_dir / name) as pdf:
            theirs = [[join_cell_lines(c or "") for c in row] for p in pdf.pages for t in p.find_tables()
                      for row in t.extract()]
        ours = [[c.text if not c.merged else "" for c in r.cells] for t in read_pdf(str(pdf_dir / name)).tables
                for r in t.rows]
        total += len(theirs)
        same += sum(a == b for a, b in zip(ours, theirs)) if len(ours) == len(theirs) else 0
    print(f"\nbudgetlint reader vs pdfplumber.find_tables: {same}/{total} table rows identical")


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "corpus" / "pdf"
    main(folder)
    agreement(folder)
