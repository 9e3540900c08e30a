"""Formats for people: ``text`` (grouped by file, with the source line and a marker) and ``concise``."""
from __future__ import annotations

import unicodedata
from itertools import groupby
from typing import Sequence

from . import SEVERITY_LABELS, Located, where

EVIDENCE_LABELS = {
    "zh": {"stated": "所述", "recomputed": "重算", "difference": "差额", "suggestion": "建议", "note": "说明", "from": "依据"},
    "en": {"stated": "stated", "recomputed": "recomputed", "difference": "difference", "suggestion": "suggestion",
           "note": "note", "from": "from"},
}
_WINDOW = 40  # characters of a long line shown on each side of the finding


def _width(ch: str) -> int:
    """Terminal columns of one character: CJK and full-width forms take two."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _pad(text: str) -> str:
    """Blank space as wide as ``text`` (tabs kept, so the marker lines up whatever the tab width)."""
    return "".join("\t" if ch == "\t" else " " * _width(ch) for ch in text)


def excerpt(it: Located) -> tuple[str, str]:
    """The source line of a finding (long lines cut around it) and the ``^^^`` marker under its span."""
    doc, span = it.doc, it.finding.span
    line_start = doc.text.rfind("\n", 0, span.start) + 1
    line = doc.line_text(span)
    a = span.start - line_start
    b = min(max(span.end, span.start + 1) - line_start, len(line))
    lo, hi = max(0, a - _WINDOW), min(len(line), b + _WINDOW)
    shown = ("…" if lo else "") + line[lo:hi] + ("…" if hi < len(line) else "")
    before = ("…" if lo else "") + line[lo:a]
    marker = _pad(before) + "^" * max(1, sum(_width(ch) for ch in line[a:b]))
    return shown.rstrip(), marker


def _evidence_lines(it: Located, lang: str) -> list[str]:
    labels = EVIDENCE_LABELS[lang]
    ev = it.finding.evidence
    parts = [f"{labels[k]} {getattr(ev, k)}" for k in ("stated", "recomputed", "difference", "suggestion")
             if getattr(ev, k)]
    out = [" · ".join(parts)] if parts else []
    if ev.note:
        out.append(f"{labels['note']} {ev.note}")
    if ev.operands:
        ops = [f"{op.label} {op.value}" + (f" ({where(it.doc.locate(op.span))})" if op.span is not None else "")
               for op in ev.operands]
        out.append(f"{labels['from']} " + "；".join(ops) if lang == "zh" else f"{labels['from']} " + "; ".join(ops))
    return out


def _total(items: list[Located], files: int, lang: str) -> str:
    n = {s: sum(1 for it in items if it.finding.severity.value == s) for s in ("error", "warning", "info")}
    if lang == "en":
        return (f"{len(items)} problem{'s' * (len(items) != 1)} ({n['error']} error{'s' * (n['error'] != 1)}, "
                f"{n['warning']} warning{'s' * (n['warning'] != 1)}, {n['info']} info) in {files} "
                f"file{'s' * (files != 1)}")
    return f"共 {len(items)} 个问题（错误 {n['error']}，警告 {n['warning']}，提示 {n['info']}），涉及 {files} 个文件"


def format_text(items: list[Located], lang: str, checked: Sequence[str] = ()) -> str:
    """Findings grouped by file: where, severity, code, message; the line with ``^^^``; the evidence."""
    lang = "en" if lang == "en" else "zh"
    sev = SEVERITY_LABELS[lang]
    out: list[str] = []
    files = 0
    for path, group in groupby(items, key=lambda it: it.doc.path):
        files += 1
        out.append(path)
        for it in group:
            f, loc = it.finding, it.location
            out.append(f"  {where(loc)}  {sev[f.severity.value]}  {f.code}  {f.message(lang)}")
            line, marker = excerpt(it)
            num = str(loc.line)
            out.append(f"    {num} | {line}")
            out.append(f"    {' ' * len(num)} | {marker}")
            out.extend(f"    {' ' * len(num)} = {ev}" for ev in _evidence_lines(it, lang))
        out.append("")
    if items:
        out.append(_total(items, files, lang))
    return "\n".join(out) + ("\n" if out else "")


def format_concise(items: list[Located], lang: str, checked: Sequence[str] = ()) -> str:
    """One line per finding: ``path:line:col: CODE [severity] message`` (page or cell after the path)."""
    lang = "en" if lang == "en" else "zh"
    sev = SEVERITY_LABELS[lang]
    out = []
    for it in items:
        f, loc = it.finding, it.location
        page = f":p{loc.page}" if loc.page else ""
        cell = f":{loc.sheet + '!' if loc.sheet else ''}{loc.cell}" if loc.cell else ""
        out.append(f"{it.doc.path}{page}{cell}:{loc.line}:{loc.column}: {f.code} [{sev[f.severity.value]}] "
                   f"{f.message(lang)}")
    return "\n".join(out) + ("\n" if out else "")
