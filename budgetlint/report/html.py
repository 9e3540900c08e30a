"""``--format html``: one self-contained page a reviewer can mail to an author.

The page holds a summary per document, a table of every finding (filter by
severity, rule and document; sort by any column), each document's text with
the findings' statements highlighted where they stand, and a side panel with
the evidence of the finding clicked (stated, recomputed, difference,
suggestion, operands: clicking an operand jumps to where it is written). A
PDF's pages that carry findings are rendered as images with the statements'
boxes drawn on them.

Everything that comes from a document (text, paths, messages, evidence) is
HTML-escaped; the styles and the one script are inline, and a
Content-Security-Policy allows no network request and no script but that one
(by its hash), so the page opens offline and a ``<script>`` written in a
document stays text.
"""
from __future__ import annotations

import base64
import hashlib
from html import escape
from importlib import resources
from typing import Iterable, Mapping, Optional, Sequence

from ..batch import SUMMARY_HEADERS, FileResult, summary_rows
from ..ingest import InputError
from . import SEVERITY_LABELS, Located, locate, where
from .text import EVIDENCE_LABELS

STRINGS = {
    "zh": {"title": "budgetlint 检查报告", "summary": "概览", "findings": "问题列表", "severity": "级别",
           "rule": "规则", "document": "文件", "all": "全部", "place": "位置", "message": "说明",
           "not_read": "未能读取的文件", "text": "原文", "pages": "有问题的页面", "page": "第 {n} 页",
           "none": "未发现问题", "hint": "点击问题列表中的一行或原文中的高亮处，查看依据。", "shown": "显示",
           "evidence": "依据", "statement": "语句", "jump": "跳到此处", "lang": "zh-CN", "sheet": "工作表",
           "clean": "无问题"},
    "en": {"title": "budgetlint report", "summary": "Summary", "findings": "Findings", "severity": "severity",
           "rule": "rule", "document": "file", "all": "all", "place": "place", "message": "message",
           "not_read": "Files that could not be read", "text": "Text", "pages": "Pages with findings",
           "page": "page {n}", "none": "No findings", "hint": "Click a row of the table or a highlight in the "
           "text to see its evidence.", "shown": "shown", "evidence": "evidence", "statement": "statement",
           "jump": "jump to it", "lang": "en", "sheet": "sheet", "clean": "clean"},
}
_SEV_ORDER = {"error": 0, "warning": 1, "info": 2}


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


SCRIPT = _asset("report.js")


def csp_hash(script: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def format_html(results: Sequence[FileResult], lang: str, errors: Iterable[InputError] = (),
                title: Optional[str] = None, files: Optional[Mapping[str, str]] = None) -> str:
    """The report of ``results`` (documents read, in order) and ``errors`` (inputs that could not be read).

    ``files`` says where a document's file is when its path is only the name shown (the server's uploads):
    a PDF's pages are rendered from it."""
    lang = "en" if lang == "en" else "zh"
    files = files or {}

    s = STRINGS[lang]
    done = [r for r in results if r.doc is not None]
    docs = [locate(r.doc, r.findings) for r in done]
    csp = (f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src {csp_hash(SCRIPT)}; "
           "base-uri 'none'; form-action 'none'")
    out = [f'<!DOCTYPE html>\n<html lang="{s["lang"]}"><head><meta charset="utf-8">',
           f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{escape(title or s['title'])}</title><style>{_asset('report.css')}</style></head>",
           '<body><div class="layout"><main>', f"<h1>{escape(title or s['title'])}</h1>",
           _summary(done, errors, lang), _table(docs, lang)]
    for d, items in enumerate(docs):
        out.append(_document(d, done[d], items, lang, files.get(done[d].doc.path, done[d].doc.path)))
    out.append(f'</main><aside id="panel" aria-live="polite"><p class="hint">{escape(s["hint"])}</p></aside></div>')
    out.append(f"<script>{SCRIPT}</script></body></html>\n")
    return "".join(out)


def _summary(done: Sequence[FileResult], errors: Iterable[InputError], lang: str) -> str:
    """``batch.summary_rows`` as a table (worst document first, then the total); each name links to its text."""
    s = STRINGS[lang]
    head = "".join(f"<th>{escape(h)}</th>" for h in SUMMARY_HEADERS[lang])
    sev_at = {SUMMARY_HEADERS["en"].index(h): k for h, k in (("errors", "error"), ("warnings", "warning"),
                                                             ("info", "info"))}
    index = {r.path: d for d, r in enumerate(done)}
    rows = []
    for row in summary_rows(list(done), lang) if done else []:
        d = index.get(row[0])
        name = escape(str(row[0]))
        cells = [f'<td><a href="#doc-{d}">{name}</a></td>' if d is not None else f"<th>{name}</th>"]
        for k, v in enumerate(row[1:], 1):
            sev = f" sev-{sev_at[k]}" if k in sev_at and v else ""
            cells.append(f'<td class="num{sev}">{escape(str(v))}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    out = [f'<section id="summary"><h2>{escape(s["summary"])}</h2><table class="summary"><thead><tr>{head}</tr>'
           f"</thead><tbody>{''.join(rows)}</tbody></table>"]
    errors = list(errors)
    if errors:
        out.append(f'<h3>{escape(s["not_read"])}</h3><ul class="not-read">')
        out += [f"<li>{escape(e.message(lang))}</li>" for e in errors]
        out.append("</ul>")
    out.append("</section>")
    return "".join(out)


def _fid(d: int, i: int) -> str:
    return f"f{d}-{i}"


def _table(docs: list[list[Located]], lang: str) -> str:
    s, sev_labels = STRINGS[lang], SEVERITY_LABELS[lang]
    items = [(d, i, it) for d, group in enumerate(docs) for i, it in enumerate(group)]
    codes = sorted({it.finding.code for _, _, it in items})
    paths = [(d, group[0].doc.path) for d, group in enumerate(docs) if group]
    sev_boxes = "".join(f'<label class="sev-{k}"><input type="checkbox" name="sev" value="{k}" checked> '
                        f"{escape(v)}</label>" for k, v in sev_labels.items())
    rule_opts = "".join(f'<option value="{escape(c)}">{escape(c)}</option>' for c in codes)
    doc_opts = "".join(f'<option value="{d}">{escape(p)}</option>' for d, p in paths)
    filters = (f'<div class="filters"><fieldset><legend>{escape(s["severity"])}</legend>{sev_boxes}</fieldset>'
               f'<label>{escape(s["rule"])} <select id="filter-rule"><option value="">{escape(s["all"])}</option>'
               f'{rule_opts}</select></label><label>{escape(s["document"])} <select id="filter-doc">'
               f'<option value="">{escape(s["all"])}</option>{doc_opts}</select></label>'
               f'<span id="shown" data-label="{escape(s["shown"])}">{escape(s["shown"])} {len(items)} / {len(items)}'
               "</span></div>")
    heads = [("doc", s["document"]), ("place", s["place"]), ("code", s["rule"]), ("sev", s["severity"]),
             ("message", s["message"])]
    head = "".join(f'<th data-col="{k}" aria-sort="none"><button type="button">{escape(v)}</button></th>'
                   for k, v in heads)
    rows = []
    for d, i, it in items:
        f, sev = it.finding, it.finding.severity.value
        path, code = escape(it.doc.path), escape(it.finding.code)  # a rule pack names its own codes
        place = f"{d:05d}{it.finding.span.start:010d}"
        rows.append(
            f'<tr id="row-{_fid(d, i)}" data-f="{_fid(d, i)}" data-sev="{sev}" data-code="{code}" data-doc="{d}" '
            f'tabindex="0"><td data-key="{path}">{path}</td>'
            f'<td data-key="{place}">{escape(where(it.location))}</td><td data-key="{code}">{code}</td>'
            f'<td data-key="{_SEV_ORDER[sev]}" class="sev-{sev}">{escape(sev_labels[sev])}</td>'
            f'<td data-key="{escape(f.message(lang))}">{escape(f.message(lang))}</td></tr>')
    body = "".join(rows) or f'<tr><td colspan="5">{escape(s["none"])}</td></tr>'
    return (f'<section id="findings"><h2>{escape(s["findings"])}</h2>{filters}<div class="table-wrap">'
            f'<table id="findings-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></section>')


def _document(d: int, r: FileResult, items: list[Located], lang: str, file: str) -> str:
    s = STRINGS[lang]
    doc = r.doc
    pages = _pages(d, doc, items, file) if doc.kind == "pdf" and items else {}
    out = [f'<section class="doc" id="doc-{d}"><h2>{escape(doc.path)} '
           f'<small>{escape(s["clean"]) if not items else ""}</small></h2>',
           f'<h3>{escape(s["text"])}</h3><pre class="text">{_marked_text(d, doc, items, lang)}</pre>']
    for i, it in enumerate(items):
        out.append(_evidence(d, i, it, pages, lang))
    if pages:
        out.append(f'<h3>{escape(s["pages"])}</h3><div class="pages">')
        for n, img in pages.items():
            out.append(_figure(d, n, img, lang))
        out.append("</div>")
    out.append("</section>")
    return "".join(out)


def _marked_text(d: int, doc, items: list[Located], lang: str) -> str:
    """The document's text, escaped, cut at every finding and operand boundary; each piece a ``<span>`` naming
    the findings (``data-f``) and operands (``data-o``) it belongs to; a marker where a page or sheet starts."""
    events: dict[int, list] = {}

    def add(start: int, end: int, kind: str, key: str, sev: str = "") -> None:
        end = max(end, start + 1)
        events.setdefault(start, []).append((1, kind, key, sev))
        events.setdefault(end, []).append((-1, kind, key, sev))

    for i, it in enumerate(items):
        f = it.finding
        add(f.span.start, f.span.end, "f", _fid(d, i), f.severity.value)
        for k, op in enumerate(f.evidence.operands):
            if op.span is not None:
                add(op.span.start, op.span.end, "o", f"o{d}-{i}-{k}")
    marks, last = {}, None
    for region in doc.regions:
        label = (STRINGS[lang]["page"].format(n=region.page) if region.page else
                 f'{STRINGS[lang]["sheet"]} {region.sheet}' if region.sheet else None)
        if label and label != last:
            marks[region.start] = f'<span class="region">{escape(label)}</span>'
        last = label
    cuts = sorted({0, len(doc.text), *events, *marks})
    active: dict[tuple, int] = {}
    out = []
    for a, b in zip(cuts, cuts[1:] + [None]):
        out.append(marks.get(a, ""))
        for sign, *mark in events.get(a, ()):
            n = active.get(tuple(mark), 0) + sign
            if n:
                active[tuple(mark)] = n
            else:
                del active[tuple(mark)]  # only what covers this piece stays: the walk is linear in the text
        if b is None:
            break
        piece = escape(doc.text[a:b])
        on = list(active)
        if not on:
            out.append(piece)
            continue
        fs = [k for k in on if k[0] == "f"]
        ops = [k[1] for k in on if k[0] == "o"]
        cls = ["hl", "sev-" + min((k[2] for k in fs), key=_SEV_ORDER.get)] if fs else []
        cls += ["op"] if ops else []
        attrs = f' data-f="{" ".join(k[1] for k in fs)}"' if fs else ""
        attrs += f' data-o="{" ".join(ops)}"' if ops else ""
        out.append(f'<span class="{" ".join(cls)}"{attrs}>{piece}</span>')
    return "".join(out)


def _evidence(d: int, i: int, it: Located, pages: dict, lang: str) -> str:
    """The panel's content for one finding, kept in a ``<template>`` until it is clicked."""
    s, labels = STRINGS[lang], EVIDENCE_LABELS[lang]
    f, loc = it.finding, it.location
    sev, code = f.severity.value, escape(f.code)
    ev = f.evidence
    rows = "".join(f"<dt>{escape(labels[k])}</dt><dd>{escape(getattr(ev, k))}</dd>"
                   for k in ("stated", "recomputed", "difference", "suggestion", "note") if getattr(ev, k))
    ops = []
    for k, op in enumerate(ev.operands):
        text = f"{op.label} {op.value}"
        if op.span is None:  # a number from another document (cross-document rules) has its path and place
            place = f" @{op.path}:{where(op.location)}" if op.path and op.location else ""
            line = f"<blockquote>{escape(op.line_text)}</blockquote>" if op.line_text else ""
            ops.append(f'<li>{escape(text)}<span class="at">{escape(place)}</span>{line}</li>')
            continue
        place = where(it.doc.locate(op.span))
        ops.append(f'<li><button type="button" class="jump" data-jump="o{d}-{i}-{k}" title="{escape(s["jump"])}">'
                   f'{escape(text)} <span class="at">@{escape(place)}</span></button></li>')
    op_list = f'<h4>{escape(labels["from"])}</h4><ul class="operands">{"".join(ops)}</ul>' if ops else ""
    page = ""
    if loc.page in pages:
        page = _figure(d, loc.page, pages[loc.page], lang, only=_fid(d, i))
    return (f'<template id="ev-{_fid(d, i)}"><div class="evidence" data-f="{_fid(d, i)}">'
            f'<p class="head"><span class="code">{code}</span> <span class="badge sev-{sev}">'
            f'{escape(SEVERITY_LABELS[lang][sev])}</span> <span class="path">{escape(it.doc.path)}</span> '
            f'<span class="at">{escape(where(loc))}</span></p><p class="message">{escape(f.message(lang))}</p>'
            f'<h4>{escape(s["statement"])}</h4><blockquote>{_line(it)}</blockquote>'
            f'<dl>{rows}</dl>{op_list}{page}</div></template>')


def _line(it: Located) -> str:
    """The finding's source line, escaped, with its span marked."""
    doc, span = it.doc, it.finding.span
    start = doc.text.rfind("\n", 0, span.start) + 1
    line = doc.line_text(span)
    a, b = span.start - start, min(max(span.end, span.start + 1) - start, len(line))
    return f"{escape(line[:a])}<mark>{escape(line[a:b])}</mark>{escape(line[b:])}"


def _figure(d: int, n: int, img, lang: str, only: Optional[str] = None) -> str:
    """A rendered page with its boxes. With ``only`` (the panel's copy for one finding), just that finding's box,
    and the image is not repeated: the script takes it from the page's figure under the text."""
    boxes = []
    for key, rects in img.boxes.items():
        if only and key != only:
            continue
        for x, y, w, h in rects:
            boxes.append(f'<span class="box" data-f="{key}" style="left:{x:.2f}%;top:{y:.2f}%;width:{w:.2f}%;'
                         f'height:{h:.2f}%"></span>')
    label = escape(STRINGS[lang]["page"].format(n=n))
    source = f'data-image="page-{d}-{n}"' if only else f'id="page-{d}-{n}" src="{img.src}"'
    return (f'<figure class="page" data-page="{n}"><div class="sheet"><img alt="{label}" {source} '
            f'width="{img.width}" height="{img.height}">{"".join(boxes)}</div><figcaption>{label}</figcaption></figure>')


def _pages(d: int, doc, items: list[Located], file: str) -> dict:
    """Rendered images of the pages that carry findings, with each statement's box."""
    from .pdfpages import Wanted, render_pages

    wanted: dict[int, list] = {}
    for i, it in enumerate(items):
        page = it.location.page
        region = doc.region_at(it.finding.span.start)
        if page is None or region is None:
            continue
        text = doc.text[it.finding.span.start:it.finding.span.end].strip()
        before = doc.text[region.start:it.finding.span.start].count(text) if text else 0
        wanted.setdefault(page, []).append(Wanted(_fid(d, i), text, before))
    return render_pages(file, wanted)
