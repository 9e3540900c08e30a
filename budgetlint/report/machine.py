"""Formats for other tools: JSON (the contract of DESIGN.md), JSON Lines, CSV, GitHub annotations, JUnit XML."""
from __future__ import annotations

import json
from itertools import groupby
from typing import Sequence

from . import Located, cell_ref, where


def format_json(items: list[Located], lang: str, checked: Sequence[str] = ()) -> str:
    return json.dumps([it.as_dict(lang) for it in items], ensure_ascii=False, indent=2) + "\n"


def format_json_lines(items: list[Located], lang: str, checked: Sequence[str] = ()) -> str:
    """One JSON object per line, the same objects as ``json`` (streams and ``grep`` well)."""
    return "".join(json.dumps(it.as_dict(lang), ensure_ascii=False) + "\n" for it in items)


CSV_COLUMNS = ["path", "line", "column", "page", "cell", "code", "severity", "message",
               "stated", "recomputed", "difference", "suggestion"]


def format_csv(items: list[Located], lang: str, checked: Sequence[str] = ()) -> str:
    """One row per finding (spreadsheets): place, code, severity, message and the evidence's figures."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for it in items:
        d = it.as_dict(lang)
        ev = d["evidence"]
        if "cell" in d:
            d["cell"] = cell_ref(it.location)
        writer.writerow([ev.get(k, "") if k in ("stated", "recomputed", "difference", "suggestion") else d.get(k, "")
                         for k in CSV_COLUMNS])
    return buf.getvalue()


_GH_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _gh_escape(text: str, prop: bool = False) -> str:
    """Workflow-command escaping; property values also escape ``:`` and ``,``."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def format_github(items: list[Located], lang: str, checked: Sequence[str] = ()) -> str:
    """``::error file=…,line=…::message`` lines, shown by GitHub Actions on the pull request diff."""
    out = []
    for it in items:
        f, loc = it.finding, it.location
        props = {"file": it.doc.path, "line": loc.line, "col": loc.column, "endLine": loc.end_line,
                 "endColumn": loc.end_column, "title": f"{f.code} ({where(loc)})"}
        prop = ",".join(f"{k}={_gh_escape(str(v), prop=True)}" for k, v in props.items())
        out.append(f"::{_GH_LEVEL[f.severity.value]} {prop}::{_gh_escape(f.message(lang))}")
    return "\n".join(out) + ("\n" if out else "")


def format_junit(items: list[Located], lang: str, checked: Sequence[str] = ()) -> str:
    """One test suite per document; each finding is a failed test case, a clean document one passing case."""
    import xml.etree.ElementTree as ET

    by_path = {path: list(group) for path, group in groupby(items, key=lambda it: it.doc.path)}
    paths = list(dict.fromkeys([*sorted(checked), *by_path]))
    root = ET.Element("testsuites", name="budgetlint", tests="0", failures="0")
    total = fails = 0
    for path in paths:
        found = by_path.get(path, [])
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(max(1, len(found))), failures=str(len(found)))
        if not found:
            ET.SubElement(suite, "testcase", classname=path, name="budgetlint")
        for it in found:
            f = it.finding
            case = ET.SubElement(suite, "testcase", classname=path, name=f"{f.code} {where(it.location)}")
            failure = ET.SubElement(case, "failure", type=f.code, message=f.message(lang))
            failure.text = json.dumps(it.as_dict(lang)["evidence"], ensure_ascii=False)
        total += max(1, len(found))
        fails += len(found)
    root.set("tests", str(total))
    root.set("failures", str(fails))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
