"""``budgetlint facts --format csv``: every fact of every document as one spreadsheet row.

Columns: file, unit, year, kind (of the document), subject, value, unit of
measure, fact kind, location. Rows are built from the same JSON objects that
``budgetlint facts`` prints, so the two formats never disagree.
"""
from __future__ import annotations

from .identity import Identity
from .model import Location

HEADERS = {
    "zh": ["文件", "单位", "年度", "类型", "主题", "数值", "计量单位", "事实类型", "位置"],
    "en": ["file", "unit", "year", "kind", "subject", "value", "unit of measure", "fact kind", "location"],
}


def _num(n) -> tuple[str, str]:
    return (n["text"], n.get("unit") or "") if n else ("", "")


def _subject_value(f: dict, by_id: dict) -> tuple[str, str, str]:
    """(subject, value, unit of measure) of one fact as ``budgetlint facts`` prints it."""
    def subject_of(i):
        other = by_id.get(i)
        return other.get("subject", "") if other else ""

    kind = f["kind"]
    if kind == "amount":
        return (f["subject"], *_num(f["value"]))
    if kind == "share":
        return (f["whole_subject"] or subject_of(f["part"]), *_num(f["value"]))
    if kind == "change":
        return (subject_of(f["current"]), *_num(f["amount"] or f["rate"]))
    if kind == "rate":
        return (f["key"] or subject_of(f["actual"]) or f["base_label"], *_num(f["rate"]))
    if kind == "score_claim":
        label = f["label"] or f["claim"]
        return (label, f["grade"], "") if f["claim"] == "grade" else (label, *_num(f["value"]))
    if kind == "target":
        return f["label"], f["actual"], ""
    if kind == "comparison":
        return f"{f['left_label']} / {f['right_label']}", f["word"], ""
    if kind == "expression":
        return (f["source"], *_num(f["result"]))
    if kind == "breakdown":
        return subject_of(f["total"]) or f["label"], "", ""
    return f.get("text", ""), "", ""


def _where(loc: dict) -> str:
    from .report import where

    return where(Location(**loc))


def fact_rows(doc: dict, lang: str) -> list[list]:
    """The rows of one document (an object of ``budgetlint facts`` JSON output)."""
    ident = Identity(unit=doc["unit"], year=doc["year"], kind=doc["kind"])
    by_id = {f["id"]: f for f in doc["facts"]}
    head = [doc["path"], ident.unit, ident.year if ident.year is not None else "", ident.label(lang)]
    return [head + [*_subject_value(f, by_id), f["kind"], _where(f["location"])] for f in doc["facts"]]
