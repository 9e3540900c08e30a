"""Formats for people: ``text`` (grouped by file, with the source line and a marker) and ``concise``."""
from __future__ import annotations

import unicodedata
from itertools import groupby
from typing import Sequence

from . import SEVERITY_LABELS, Located, cell_ref, where

EVIDENCE_LABELS = {
    "zh": {"stated": "所述", "recomputed": "重算", "difference": "差额", "suggestion": "建议", "note": "说明", "from": "依据"},
    "en": {"stated": "stated", "recomputed": "recomputed", "difference": "difference", "suggestion": "suggestion",
           "note": "note", "from": "from"},
}
_WINDOW = 40  # characters of a long line shown on each side of the finding


class _Blanks(dict):
    """Code point -> the blank as wide as that character: a tab, or one or two spaces (CJK and full-width
    forms take two terminal columns). Filled as characters are met, for ``str.translate``."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        blank = self[code] = "\t" if ch == "\t" else "  " if unicodedata.east_asian_width(ch) in ("W", "F") else " "
        return blank


_BLANKS = _Blanks()


def _pad(text: str) -> str:
    """Blank space as wide as ``text`` (tabs kept, so the marker lines up whatever the tab width)."""
    return text.translate(_BLANKS)


def excerpt(it: Located) -> tuple[str, str]:
    """The source line of a finding (long lines cut around it) and the ``^^^`` marker under its span."""
    doc, span = it.doc, it.finding.span
    line_start = doc.line_start(span)
    line = doc.line_text(span)
    a = span.start - line_start
    b = min(max(span.end, span.start + 1) - line_start, len(line))
    lo, hi = max(0, a - _WINDOW), min(len(line), b + _WINDOW)
    shown = ("…" if lo else "") + line[lo:hi] + ("…" if hi < len(line) else "")
    before = ("…" if lo else "") + line[lo:a]
    marker = _pad(before) + "^" * max(1, len(_pad(line[a:b])))  # a tab counts one column here
    return shown.rstrip(), marker


def _evidence_lines(it: Located, lang: str) -> list[str]:
    """``label: value`` per evidence item, then the operands with where each was written."""
    labels = EVIDENCE_LABELS[lang]
    ev = it.finding.evidence
    parts = [f"{labels[k]}: {getattr(ev, k)}" for k in ("stated", "recomputed", "difference", "suggestion")
             if getattr(ev, k)]
    out = [" · ".join(parts)] if parts else []
    if ev.note:
        out.append(f"{labels['note']}: {ev.note}")
    if ev.operands:
        ops = [f"{op.label} {op.value}" + (f" @{where(it.doc.locate(op.span))}" if op.span is not None else
                                           f" @{op.path}:{where(op.location)}" if op.location is not None else "")
               for op in ev.operands]
        out.append(f"{labels['from']}: " + ("；" if lang == "zh" else "; ").join(ops))
    for op in ev.operands:  # a number written in another document: show its line too
        if op.path and op.location is not None:
            out.append(f"{op.path}:")
            out.append(f"  {op.location.line} | {op.line_text or ''}")
    return out


def _counts(items: list[Located], lang: str) -> str:
    n = {s: sum(1 for it in items if it.finding.severity.value == s) for s in ("error", "warning", "info")}
    if lang == "en":
        return (f"{len(items)} problem{'s' * (len(items) != 1)} ({n['error']} error{'s' * (n['error'] != 1)}, "
                f"{n['warning']} warning{'s' * (n['warning'] != 1)}, {n['info']} info)")
    return f"{len(items)} 个问题（错误 {n['error']}，警告 {n['warning']}，提示 {n['info']}）"


def _header(it: Located, lang: str) -> str:
    """``path:line:col: CODE [severity] message`` (page or cell after the path): editors make it a link."""
    f, loc = it.finding, it.location
    page = f":p{loc.page}" if loc.page else ""
    cell = f":{cell_ref(loc)}" if loc.cell else ""
    return (f"{it.doc.path}{page}{cell}:{loc.line}:{loc.column}: {f.code} [{SEVERITY_LABELS[lang][f.severity.value]}] "
            f"{f.message(lang)}")


def text_block(items: list[Located], lang: str) -> str:
    """One file's part of ``text``: per finding its location line, the source line with ``^^^`` under the
    number and the evidence; then that file's count."""
    lang = "en" if lang == "en" else "zh"
    out: list[str] = []
    for it in items:
        out.append(_header(it, lang))
        line, marker = excerpt(it)
        num = str(it.location.line)
        out.append(f"  {num} | {line}")
        out.append(f"  {' ' * len(num)} | {marker}")
        out.extend(f"    {ev}" for ev in _evidence_lines(it, lang))
    out.append(f"{items[0].doc.path}: {_counts(items, lang)}")
    return "\n".join(out) + "\n"


def text_total(items: list[Located], files: int, lang: str) -> str:
    """The last line of ``text`` when findings came from more than one file ("" otherwise)."""
    if files <= 1:
        return ""
    total = _counts(items, "en" if lang == "en" else "zh")
    return f"\n{total} in {files} files\n" if lang == "en" else f"\n共 {files} 个文件，{total}\n"


def format_text(items: list[Located], lang: str, checked: Sequence[str] = ()) -> str:
    """Each file's findings together, ending with that file's count; the last line counts them all
    (blocks are written as each file is done by ``budgetlint check``, see ``text_block``)."""
    groups = [list(group) for _, group in groupby(items, key=lambda it: it.doc.path)]
    return "\n".join(text_block(g, lang) for g in groups) + text_total(items, len(groups), lang)


def format_concise(items: list[Located], lang: str, checked: Sequence[str] = ()) -> str:
    """One line per finding: ``path:line:col: CODE [severity] message``."""
    lang = "en" if lang == "en" else "zh"
    return "".join(_header(it, lang) + "\n" for it in items)
