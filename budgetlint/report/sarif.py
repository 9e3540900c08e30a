"""SARIF 2.1.0: the static-analysis exchange format read by GitHub code scanning, VS Code and others.

Every rule is described in ``tool.driver.rules`` (its docstring is the help
text). Lines and columns count Unicode code points of the extracted text, as
``columnKind`` says; a PDF page or spreadsheet cell goes in the location's
property bag and logical location, since SARIF regions cannot name a page.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Sequence
from urllib.parse import quote

from . import Located, where

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://pypi.org/project/budgetlint/"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    """Relative URI under the working directory (base id SRCROOT), else an absolute ``file:`` URI."""
    p = Path(os.path.abspath(path))
    try:
        return quote(p.relative_to(Path.cwd()).as_posix())
    except ValueError:
        return p.as_uri()


def _rules() -> list[dict]:
    from ..checks import load_rules

    out = []
    for code, r in load_rules().items():
        out.append({
            "id": code,
            "name": "".join(w.capitalize() for w in r.name.replace("_", "-").split("-")),
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.doc or r.summary},
            "help": {"text": r.doc or r.summary},
            "defaultConfiguration": {"level": _LEVEL[r.severity.value]},
            "properties": {"tags": [code[:3] + "xx"]},
        })
    return out


def _result(it: Located, index: dict[str, int], lang: str) -> dict:
    f, loc = it.finding, it.location
    line_text = it.doc.line_text(f.span)
    region = {"startLine": loc.line, "startColumn": loc.column, "endLine": loc.end_line,
              "endColumn": loc.end_column, "snippet": {"text": f.statement or it.doc.excerpt(f.span)}}
    physical = {"artifactLocation": {"uri": _uri(it.doc.path)}, "region": region,
                "contextRegion": {"startLine": loc.line, "endLine": loc.line, "snippet": {"text": line_text}}}
    if not physical["artifactLocation"]["uri"].startswith("file:"):
        physical["artifactLocation"]["uriBaseId"] = "SRCROOT"
    location: dict = {"physicalLocation": physical}
    extra = {k: getattr(loc, k) for k in ("page", "sheet", "table", "cell") if getattr(loc, k) is not None}
    if extra:
        location["properties"] = extra
        location["logicalLocations"] = [{"name": where(loc).rsplit(" ", 1)[0]}]
    result = {"ruleId": f.code, "level": _LEVEL[f.severity.value], "message": {"text": f.message(lang)},
              "locations": [location], "properties": {"evidence": it.as_dict(lang)["evidence"]}}
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    return result


def format_sarif(items: list[Located], lang: str, checked: Sequence[str] = ()) -> str:
    from .. import __version__

    rules = _rules()
    index = {r["id"]: i for i, r in enumerate(rules)}
    run = {
        "tool": {"driver": {"name": "budgetlint", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFO_URI, "rules": rules}},
        "originalUriBaseIds": {"SRCROOT": {"uri": Path.cwd().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(it, index, lang) for it in items],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
