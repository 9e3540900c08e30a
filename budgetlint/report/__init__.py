"""Output formats. Each formatter turns located findings into one string.

``FORMATTERS[name](items, lang, checked)``: ``items`` are the findings in
output order, ``checked`` the paths of every document linted (clean ones too,
for formats that list them, such as JUnit)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from ..document import Document
from ..model import Finding, Location


@dataclass
class Located:
    """A finding with its document, located for humans."""

    doc: Document
    finding: Finding
    location: Location

    def as_dict(self, lang: str) -> dict:
        f, loc = self.finding, self.location
        d = {"path": self.doc.path, "line": loc.line, "column": loc.column,
             "end_line": loc.end_line, "end_column": loc.end_column,
             "code": f.code, "severity": f.severity.value, "message": f.message(lang)}
        for key in ("page", "sheet", "cell", "paragraph", "table"):
            v = getattr(loc, key)
            if v is not None:
                d[key] = v
        ev = f.evidence.model_dump(exclude_none=True, exclude_defaults=True)
        for op, src in zip(ev.get("operands", []), f.evidence.operands):
            if src.span is not None or src.location is not None:
                l2 = src.location or self.doc.locate(src.span)
                op.pop("location", None)
                op["line"], op["column"] = l2.line, l2.column
                if l2.page is not None:
                    op["page"] = l2.page
                if l2.cell is not None:
                    op["cell"] = cell_ref(l2)
        d["evidence"] = ev
        d["statement"] = f.statement
        return d


def locate(doc: Document, findings: list[Finding]) -> list[Located]:
    return [Located(doc, f, doc.locate(f.span)) for f in findings]


SEVERITY_LABELS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


def cell_ref(loc: Location) -> str:
    """``表3!D12`` for a spreadsheet cell, ``table2!R3C4`` for a Word table cell."""
    owner = loc.sheet or (f"table{loc.table}" if loc.table is not None else "")
    return f"{owner}!{loc.cell}" if owner else str(loc.cell)


def where(loc: Location) -> str:
    """``12:5``, ``p3 12:5`` (PDF page) or ``Sheet1!B4 1:1`` (spreadsheet or Word table cell)."""
    prefix = f"p{loc.page} " if loc.page else (f"{cell_ref(loc)} " if loc.cell else "")
    return f"{prefix}{loc.line}:{loc.column}"


from . import machine, sarif, text  # noqa: E402 - the formatters use the helpers above

Formatter = Callable[[list[Located], str, Sequence[str]], str]
FORMATTERS: dict[str, Formatter] = {
    "text": text.format_text,
    "concise": text.format_concise,
    "json": machine.format_json,
    "json-lines": machine.format_json_lines,
    "csv": machine.format_csv,
    "sarif": sarif.format_sarif,
    "github": machine.format_github,
    "junit": machine.format_junit,
}
