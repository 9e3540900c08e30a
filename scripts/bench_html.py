"""Measure HTML parsing for the web-page reader: lxml against selectolax; prints the table in docs/formats.md.

    python scripts/bench_html.py [TXT_DIR]        (default tests/corpus/wild; needs soffice)

Real exporter output is used, not hand-written HTML: every corpus text becomes a
.docx (one paragraph per line, tab-separated lines as one Word table, as
tests/test_formats_example.py builds them), which LibreOffice saves as a web page.
For each parser it reports, over all pages (best of 3 runs, imports excluded):
- parse: seconds to build the tree from the decoded page;
- text: seconds to parse and take the page's whole text (selectolax ``body.text``,
  lxml ``text_content``), the cheapest extraction each offers;
- and for lxml the whole budgetlint reader (parse, drop, walk, tables).
It also checks that the reader's text holds every line of the source text.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def pages(src: Path, out: Path) -> list[Path]:
    import docx

    for txt in sorted(src.glob("*.txt")):
        d = docx.Document()
        lines = txt.read_text(encoding="utf-8").splitlines()
        rows = [ln.split("\t") for ln in lines if "\t" in ln]
        width = max((len(r) for r in rows), default=0)
        table = None
        for ln in lines:
            if "\t" not in ln:
                d.add_paragraph(ln)
                table = None
                continue
            if table is None:
                table = d.add_table(rows=0, cols=width)
            cells = table.add_row().cells
            for c, text in enumerate(ln.split("\t")):
                cells[c].text = text
        d.save(out / f"{txt.stem}.docx")
    subprocess.run(["soffice", f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless", "--convert-to",
                    "html", "--outdir", str(out), *map(str, sorted(out.glob("*.docx")))], check=True, capture_output=True)
    return sorted(out.glob("*.html"))


def best(f, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    import lxml.html
    from selectolax.lexbor import LexborHTMLParser

    from budgetlint.ingest.html import _decode, read_html

    src = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "corpus" / "wild"
    with tempfile.TemporaryDirectory() as tmp:
        files = pages(src, Path(tmp))
        texts = [_decode(p.read_bytes(), str(p)) for p in files]
        size = sum(len(t) for t in texts)
        rows = [
            ("lxml", "parse", best(lambda: [lxml.html.document_fromstring(t) for t in texts])),
            ("selectolax (lexbor)", "parse", best(lambda: [LexborHTMLParser(t) for t in texts])),
            ("lxml", "text", best(lambda: [lxml.html.document_fromstring(t).body.text_content() for t in texts])),
            ("selectolax (lexbor)", "text", best(lambda: [LexborHTMLParser(t).body.text() for t in texts])),
            ("budgetlint reader (lxml)", "whole page", best(lambda: [read_html(str(p)) for p in files])),
        ]
        missing = 0
        for p in files:
            doc = read_html(str(p))
            have = "".join(doc.text.split())
            source = (src / f"{p.stem}.txt").read_text(encoding="utf-8").splitlines()
            missing += sum(1 for ln in source if "".join(ln.split()) not in have)
    print(f"{len(files)} pages, {size / 1e6:.1f} M characters of HTML")
    print("| parser | work | seconds |\n|---|---|---|")
    for name, work, s in rows:
        print(f"| {name} | {work} | {s:.3f} |")
    print(f"source lines not found intact in the reader's text: {missing}")


if __name__ == "__main__":
    main()
