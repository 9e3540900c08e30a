"""One row per document of the wild corpus: what was read, what was found, what planting finds.

For each file listed in ``tests/corpus/wild/manifest.json``: numbers seen in
checkable statements and table cells, facts, coverage, findings by severity, the manifest's
``errors_seen`` found (a verified error or warning on that line) or missed,
the errors and warnings not verified by hand (``tests/corpus/wild/verified.json``
lists the verified ones with their arithmetic), and planted-error
recall (each number that takes part in a check changed one at a time, see
``planted_recall.py``). Totals close the table.

Numbers in checkable statements (the coverage's denominator): in prose, money
and percentages outside dates, on lines that can be read (glossed mirror copies
and OCR noise are left out, BL903); in tables, every cell a recognised score,
三公 or 决算 table reads, and every other numeric cell that may be part of a
checkable statement, i.e. not an index column (行次: integers counting up),
a year or a date, a page number after a table of contents' leader dots, a
count in a row naming its unit (「团组数(个)」), an identifier (文号, 电话), nor a
cell of a glossed copy's table (``budgetlint/extract/coverage.py``). A cell of
a table that could not be rebuilt (BL125) counts, unread.

A planted error is a change of a number's leading digit that no rounding of
the stated figures can explain, decided by ``planted_recall.py``'s own
interval arithmetic, not by budgetlint's checks; a number no such change can
break is not planted.

    python scripts/wild.py [--no-plant] [--details]
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from tabulate import tabulate

from budgetlint.config import Config
from budgetlint.engine import lint
from budgetlint.ingest import read_document

sys.path.insert(0, str(Path(__file__).parent))
from planted_recall import recall  # noqa: E402

WILD = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "wild"


def loud(findings) -> list:
    return [f for f in findings if f.severity.value in ("error", "warning")]


def main(argv: list[str]) -> int:
    manifest = json.loads((WILD / "manifest.json").read_text(encoding="utf-8"))
    verified = json.loads((WILD / "verified.json").read_text(encoding="utf-8"))
    plant = "--no-plant" not in argv
    rows, details = [], []
    tot = Counter()
    for entry in manifest:
        doc = read_document(str(WILD / entry["file"]))
        res = lint(doc, Config())
        sev = Counter(f.severity.value for f in res.findings)
        lines = {(doc.locate(f.span).line, f.code) for f in loud(res.findings)}
        seen = [e["line"] for e in entry["errors_seen"]]
        ok = {(v["line"], v["code"]) for v in verified.get(entry["file"], [])}
        found = [ln for ln in seen if any(ln == fl and (fl, c) in ok for fl, c in lines)]
        extra = sorted((ln, c) for ln, c in lines if (ln, c) not in ok)
        fs = res.facts
        cov = fs.coverage  # prose numbers and table cells
        prose = fs.numbers_used / fs.numbers_seen if fs.numbers_seen else 1.0
        planted = caught = 0
        if plant:
            planted, misses = recall(doc)
            caught = planted - len(misses)
        rows.append([entry["file"][:3], fs.numbers_seen + fs.cells_seen, len(fs.facts), f"{cov:.0%}", f"{prose:.0%}",
                     sev["error"], sev["warning"], sev["info"], f"{len(found)}/{len(seen)}",
                     ",".join(str(ln) for ln in seen if ln not in found),
                     " ".join(f"{c}@{ln}" for ln, c in extra), f"{caught}/{planted}" if plant else ""])
        tot.update(seen=fs.numbers_seen + fs.cells_seen, used=fs.numbers_used + fs.cells_used,
                   prose_seen=fs.numbers_seen, prose_used=fs.numbers_used, facts=len(fs.facts), error=sev["error"],
                   warning=sev["warning"], info=sev["info"], errors_seen=len(seen), errors_found=len(found),
                   extra=len(extra), planted=planted, caught=caught)
        if planted >= 5 and caught / planted < 0.8:
            tot["docs_below_80"] += 1
        if "--details" in argv:
            details += [f"{entry['file'][:3]}:{doc.locate(f.span).line} {f.code} {f.message_en}"
                        for f in loud(res.findings)]
    rows.append(["all", tot["seen"], tot["facts"], f"{tot['used'] / max(tot['seen'], 1):.1%}",
                 f"{tot['prose_used'] / max(tot['prose_seen'], 1):.1%}", tot["error"],
                 tot["warning"], tot["info"], f"{tot['errors_found']}/{tot['errors_seen']}", "",
                 f"{tot['extra']} unverified", f"{tot['caught']}/{tot['planted']}" if plant else ""])
    print(tabulate(rows, headers=["doc", "numbers", "facts", "coverage", "prose", "error", "warning", "info",
                                  "errors_seen", "missed@line", "unverified error/warning", "planted"]))
    if plant:
        print(f"planted recall {tot['caught'] / max(tot['planted'], 1):.1%}; "
              f"documents with >= 5 planted below 80%: {tot['docs_below_80']}")
    print("\n".join(details))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
