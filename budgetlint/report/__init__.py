"""Output formats. Each formatter turns located findings into one string."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

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
            if src.span is not None:
                l2 = self.doc.locate(src.span)
                op["line"], op["column"] = l2.line, l2.column
                if l2.page is not None:
                    op["page"] = l2.page
                if l2.cell is not None:
                    op["cell"] = f"{l2.sheet}!{l2.cell}" if l2.sheet else l2.cell
        d["evidence"] = ev
        d["statement"] = f.statement
        return d


def locate(doc: Document, findings: list[Finding]) -> list[Located]:
    return [Located(doc, f, doc.locate(f.span)) for f in findings]


_EV_LABELS = {
    "zh": {"stated": "所述", "recomputed": "重算", "difference": "差额", "suggestion": "建议", "note": "说明", "from": "依据"},
    "en": {"stated": "stated", "recomputed": "recomputed", "difference": "difference", "suggestion": "suggestion", "note": "note", "from": "from"},
}


def _cell_ref(loc: Location) -> str:
    """``表3!D12`` for a spreadsheet cell, ``table2!R3C4`` for a Word table cell."""
    return f"{loc.sheet or f'table{loc.table}'}!{loc.cell}"


def _where(loc: Location) -> str:
    extra = f" (page {loc.page})" if loc.page else (f" ({_cell_ref(loc)})" if loc.cell else "")
    return f"{loc.line}:{loc.column}{extra}"


def format_text(items: list[Located], lang: str) -> str:
    """``path:line:col: CODE message`` then the evidence, indented."""
    labels = _EV_LABELS["en" if lang == "en" else "zh"]
    out = []
    for it in items:
        f, loc = it.finding, it.location
        page = f":p{loc.page}" if loc.page else ""
        cell = f":{_cell_ref(loc)}" if loc.cell else ""
        out.append(f"{it.doc.path}{page}{cell}:{loc.line}:{loc.column}: {f.code} [{f.severity.value}] {f.message(lang)}")
        ev = f.evidence
        for key in ("stated", "recomputed", "difference", "suggestion", "note"):
            v = getattr(ev, key)
            if v:
                out.append(f"    {labels[key]}: {v}")
        if ev.operands:
            parts = []
            for op in ev.operands:
                where = f" @{_where(it.doc.locate(op.span))}" if op.span is not None else ""
                parts.append(f"{op.label} {op.value}{where}")
            out.append(f"    {labels['from']}: " + "; ".join(parts))
    return "\n".join(out) + ("\n" if out else "")


def format_json(items: list[Located], lang: str) -> str:
    return json.dumps([it.as_dict(lang) for it in items], ensure_ascii=False, indent=2) + "\n"


FORMATTERS: dict[str, Callable[[list[Located], str], str]] = {
    "text": format_text,
    "json": format_json,
}
