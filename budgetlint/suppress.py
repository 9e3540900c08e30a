"""Inline suppressions written in the document, and the report of those that suppress nothing.

Two spellings, accepted in any text a reader returns:

- Markdown / HTML comment, anywhere on a line:
  ``<!-- budgetlint: disable=BL101,BL2 -->`` covers findings on its own line
  and on the next line; ``<!-- budgetlint: disable-file=BL2 -->`` covers the
  whole document.
- Plain text (.txt cannot hide comments), a line of its own:
  ``# budgetlint: disable=BL101`` / ``# budgetlint: disable-file=BL2``.

Codes are codes or prefixes, as in ``--select``. A code that suppressed
nothing is reported as BL990 (like ruff's RUF100), so stale suppressions do
not pile up once the numbers are fixed. BL990 is only reported for codes whose
rules actually ran, since a rule that was not run cannot have been silenced.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from .document import Document
from .model import Evidence, Finding, Severity, Span

UNUSED = "BL990"

_CODES = r"(?:=\s*(?P<{g}>[A-Za-z0-9_]+(?:\s*,\s*[A-Za-z0-9_]+)*))?"
_DIRECTIVE = re.compile(
    r"<!--\s*budgetlint:\s*(?P<kind1>disable-file|disable)\s*" + _CODES.format(g="codes1") + r"\s*-->"
    r"|^[ \t]*#\s*budgetlint:\s*(?P<kind2>disable-file|disable)\s*" + _CODES.format(g="codes2") + r"[ \t]*$",
    re.MULTILINE,
)
_ALL = "*"


@dataclass
class Directive:
    """One suppression comment: which codes (with their spans), whole file or lines ``line``/``line + 1``."""

    line: int
    file_wide: bool
    codes: dict[str, Span]  # code or prefix ("*" for all) -> where it is written
    span: Span
    codes_text: str = ""
    used: set[str] = field(default_factory=set)

    def matching(self, code: str) -> list[str]:
        return [c for c in self.codes if c == _ALL or code.startswith(c)]


def directives(doc: Document) -> list[Directive]:
    if "budgetlint" not in doc.text:
        return []  # every directive names budgetlint: most documents hold none
    found = []
    for m in _DIRECTIVE.finditer(doc.text):
        g = "1" if m.group("kind1") else "2"
        kind, codes_group = m.group("kind" + g), "codes" + g
        codes: dict[str, Span] = {}
        if m.group(codes_group):
            base = m.start(codes_group)
            for c in re.finditer(r"[A-Za-z0-9_]+", m.group(codes_group)):
                codes[c.group().upper()] = Span(start=base + c.start(), end=base + c.end())
        else:
            codes[_ALL] = Span(start=m.start(), end=m.end())
        found.append(Directive(line=doc.line_index(m.start()), file_wide=kind == "disable-file",
                               codes=codes, span=Span(start=m.start(), end=m.end()),
                               codes_text=m.group(codes_group) or ""))
    return found


def suppressing(doc: Document, spans: list[Span]) -> dict[tuple[int, int], tuple[str, ...]]:
    """For each span, the codes or prefixes (``*``: all) that suppression comments apply there
    (what ``apply_suppressions`` would honour for a finding at that span)."""
    found = directives(doc)
    if not found:
        return {}
    out = {}
    for s in spans:
        line = doc.line_index(s.start)
        codes = tuple(c for d in found if d.file_wide or line in (d.line, d.line + 1) for c in d.codes)
        if codes:
            out[s.start, s.end] = codes
    return out


def apply_suppressions(doc: Document, findings: list[Finding], enabled: Callable[[str], bool],
                       severity: dict[str, str]) -> list[Finding]:
    """Drop suppressed findings; add a BL990 finding for each code that suppressed nothing."""
    found = directives(doc)
    if not found:
        return findings
    by_line: dict[int, list[Directive]] = {}
    for d in found:
        if not d.file_wide:
            by_line.setdefault(d.line, []).append(d)
            by_line.setdefault(d.line + 1, []).append(d)
    file_wide = [d for d in found if d.file_wide]
    kept = []
    for f in findings:
        near = by_line.get(doc.line_index(f.span.start), [])
        hits = [(d, c) for d in file_wide + near for c in d.matching(f.code)]
        for d, c in hits:
            d.used.add(c)
        if not hits:
            kept.append(f)
    if enabled(UNUSED):
        kept.extend(_unused(doc, found, enabled, severity))
    return kept


def _unused(doc: Document, found: list[Directive], enabled, severity: dict[str, str]) -> list[Finding]:
    from .checks import load_rules

    rules = load_rules()
    sev = Severity(severity.get(UNUSED, rules[UNUSED].severity.value))
    out = []
    for d in found:
        text = doc.text[d.span.start:d.span.end].strip()
        unused = [c for c in d.codes if c not in d.used and
                  any(enabled(r) and (c == _ALL or r.startswith(c)) for r in rules if r != UNUSED)]
        for code in unused:
            shown = "" if code == _ALL else f" {code}"
            where_zh, where_en = ("全文", "in this document") if d.file_wide else ("本行及下一行", "on this line or the next")
            keep = [c for c in d.codes if c not in unused]
            out.append(Finding(
                code=UNUSED, severity=sev, span=d.codes[code], statement=text,
                message_zh=f"未使用的抑制注释{shown}：{where_zh}没有可抑制的问题，请删除",
                message_en=f"unused suppression{shown}: nothing to suppress {where_en}; remove it",
                evidence=Evidence(stated=text, suggestion=text.replace(d.codes_text, ",".join(keep)) if keep else None),
            ))
    return out
