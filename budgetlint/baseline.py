"""Baselines: accept today's findings, report only new ones (for PDF and Word, which cannot hold comments).

A finding is identified without line numbers, so that inserting a paragraph
or re-paginating a PDF does not turn old findings into new ones:

    fingerprint = code + statement (the text at the finding's span)
                  + the English message, both with whitespace removed
                  + the occurrence index among equal (code, statement, message)

The message is included because a statement is often a single number
(「100」): alone, its occurrence index would shift whenever an earlier
finding on another 「100」 appears. Messages name the subject and the numbers
compared, never a line or page, so they are stable across layout changes
(rules must keep it so). Whitespace is dropped because PDF extraction breaks
lines at different places after a page shift.

The file maps each path (relative to the baseline file) to its fingerprints;
a fingerprint listed twice absorbs two findings.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path

from .document import Document
from .model import Finding

VERSION = 1


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def fingerprints(findings: list[Finding]) -> list[str]:
    """One fingerprint per finding, in the order given."""
    seen: Counter = Counter()
    out = []
    for f in findings:
        key = (f.code, _squash(f.statement), _squash(f.message_en))
        out.append(hashlib.sha1("\x1f".join(key + (str(seen[key]),)).encode("utf-8")).hexdigest()[:16])
        seen[key] += 1
    return out


def _key(path: str, base: Path) -> str:
    try:
        return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(os.path.abspath(path)).as_posix()


def write_baseline(file: str, results: list[tuple[Document, list[Finding]]]) -> int:
    """Record every finding of ``results``; returns how many were written."""
    base = Path(os.path.abspath(file)).parent
    entries: dict[str, list[dict]] = {}
    for doc, findings in results:
        if findings:
            entries[_key(doc.path, base)] = [
                {"code": f.code, "fingerprint": fp, "statement": f.statement}
                for f, fp in zip(findings, fingerprints(findings))]
    Path(file).parent.mkdir(parents=True, exist_ok=True)
    data = {"version": VERSION, "tool": "budgetlint", "files": dict(sorted(entries.items()))}
    Path(file).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return sum(len(v) for v in entries.values())


class Baseline:
    """Findings already accepted; ``new`` filters a document's findings down to the others."""

    def __init__(self, file: str):
        self.base = Path(os.path.abspath(file)).parent
        data = json.loads(Path(file).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("files"), dict):
            raise ValueError("not a budgetlint baseline (version 1)")
        self.files = {p: Counter(e["fingerprint"] for e in items) for p, items in data["files"].items()}

    def new(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        left = Counter(self.files.get(_key(doc.path, self.base), Counter()))
        out = []
        for f, fp in zip(findings, fingerprints(findings)):
            if left[fp] > 0:
                left[fp] -= 1
            else:
                out.append(f)
        return out
