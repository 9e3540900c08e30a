"""Web pages (.html, .htm): the page's content as prose, its data tables as tables (lxml).

The bytes are decoded as the page declares (``<meta charset>``; GB2312 and
GBK read as their superset GB18030), falling back to UTF-8 or GB18030 as for
text files. Scripts, styles, forms and navigation (``<nav>``, ``<header>``,
``<footer>``, ``<aside>``, ARIA navigation roles, and elements whose class
or id names a nav, menu, breadcrumb, footer or sidebar) are dropped; when the
page has one ``<main>`` or ``<article>``, only it is read. Every block
element (``<p>``, ``<div>``, ``<li>``, ``<h1>``…, ``<br>``) ends a line;
whitespace runs collapse to one space, or to nothing when the source wrapped
a line between Chinese characters. Suppression comments (``<!-- budgetlint:
disable=BL101 -->``) stay where they are, as in Markdown; other comments go.

A ``<table>`` holding another table, or with at most one filled cell per row,
is page layout: its content is read as prose. Every other table is a data
table: ``rowspan`` and ``colspan`` are resolved onto a grid (a covered
position reads the spanning cell's text, marked ``merged``), each row is one
tab-separated line, and each cell gets a region ``table=T, cell=RrCc``
(data tables numbered from 1 in page order). Its title is its ``<caption>``,
or else the short line just above it. Line numbers count lines of the
extracted text.

lxml was chosen over selectolax by measurement (``scripts/bench_html.py``;
docs/formats.md): lxml is already installed for python-docx.
"""
from __future__ import annotations

import re
from typing import Callable

from ..document import Document
from ..tables.model import Table
from . import InputError
from ._build import TextBuilder, join_cell_lines
from .text import decode

_DROP = {"script", "style", "noscript", "template", "head", "title", "nav", "header", "footer", "aside", "form",
         "button", "select", "textarea", "iframe", "object", "embed", "svg", "canvas", "map"}
_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl",
          "dt", "dd", "blockquote", "pre", "tr", "td", "th", "table", "tbody", "thead", "tfoot", "caption", "hr",
          "center", "address", "figure", "figcaption", "body", "html", "br"}
_NAV_NAME = re.compile(r"(?:^|[-_\s])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|sidebar)(?:$|[-_\s\d])", re.I)
_NAV_ROLE = {"navigation", "banner", "contentinfo", "menu", "menubar"}
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", re.I)
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "gb18030", "cp936"}
_SPACE = re.compile(r"[ \t\r\n\f\v\xa0]+")
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_SUPPRESSION = re.compile(r"\s*budgetlint:")  # an inline suppression comment (see suppress.py)
_MAX_SPAN = 1000  # a rowspan/colspan beyond this is a broken page, not a table


def _decode(data: bytes, path: str) -> str:
    m = _CHARSET.search(data[:4096])
    if m and not data.startswith(b"\xef\xbb\xbf"):
        name = m.group(1).decode("ascii").lower()
        try:
            return data.decode("gb18030" if name in _GB else name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect as for a text file
    return decode(data, path)


def _collapse(raw: str) -> str:
    """Whitespace as a browser shows it, except that a wrapped line between Chinese characters joins."""

    def repl(m: re.Match) -> str:
        s = m.string
        a = s[m.start() - 1] if m.start() else ""
        b = s[m.end()] if m.end() < len(s) else ""
        return "" if "\n" in m.group() and (_CJK.match(a or " ") or _CJK.match(b or " ")) else " "

    return _SPACE.sub(repl, raw).strip()


def _dropped(el) -> bool:
    if el.tag in _DROP:
        return True
    if (el.get("role") or "").lower() in _NAV_ROLE:
        return True
    return bool(_NAV_NAME.search(f"{el.get('class') or ''} {el.get('id') or ''}"))


class _Flow:
    """Text of inline content gathered until a block boundary ends the line."""

    def __init__(self, emit: Callable[[str], None]):
        self.emit, self.pieces = emit, []

    def add(self, s) -> None:
        if s:
            self.pieces.append(s)

    def flush(self) -> None:
        line = _collapse("".join(self.pieces))
        self.pieces = []
        if line:
            self.emit(line)


def _own_rows(table) -> list:
    return [tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]


class _HtmlReader:
    def __init__(self) -> None:
        self.b = TextBuilder()
        self.tables = 0
        self.last_line = ""
        self.flow = _Flow(self.line)

    def line(self, s: str) -> None:
        self.b.line(s)
        self.last_line = s

    def walk(self, el, flow: _Flow) -> None:
        if not isinstance(el.tag, str):  # comments, processing instructions
            if _SUPPRESSION.match(el.text or ""):
                flow.add(f"<!--{el.text}-->")  # kept where it stands, as in Markdown
            flow.add(el.tail)
            return
        if _dropped(el):
            flow.add(el.tail)
            return
        if el.tag == "table" and flow is self.flow and self.table(el):
            flow.add(el.tail)
            return
        block = el.tag in _BLOCK
        if block:
            flow.flush()
        flow.add(el.text)
        for child in el:
            self.walk(child, flow)
        if block:
            flow.flush()
        flow.add(el.tail)

    def cell_text(self, td) -> str:
        lines: list[str] = []
        flow = _Flow(lines.append)
        flow.add(td.text)
        for child in td:
            self.walk(child, flow)
        flow.flush()
        return join_cell_lines("\n".join(lines))

    def table(self, el) -> bool:
        """Write a data table and return True; False for a layout table (read as prose by the caller)."""
        if any(True for _ in el.iterdescendants("table")):
            return False
        grid: dict[tuple[int, int], object] = {}
        trs = _own_rows(el)
        for r, tr in enumerate(trs):
            c = 0
            for td in tr:
                if td.tag not in ("td", "th"):
                    continue
                while (r, c) in grid:
                    c += 1
                rowspan, colspan = (_span(td.get(a)) for a in ("rowspan", "colspan"))
                rowspan = len(trs) - r if rowspan == 0 else min(rowspan, len(trs) - r)
                grid[(r, c)] = self.cell_text(td)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        if dr or dc:
                            grid.setdefault((r + dr, c + dc), (r, c))
                c += colspan
        if not grid:
            return True
        width = max(c for _, c in grid) + 1
        rows = [[grid.get((r, c), "") for c in range(width)] for r in range(len(trs))]
        if all(sum(1 for v in row if isinstance(v, str) and v) <= 1 for row in rows):
            return False
        self.flow.flush()
        caption = el.find("caption")
        title = self.cell_text(caption) if caption is not None else self.last_line
        self.tables += 1
        label = str(self.tables)
        out = self.b.rows(rows, where=lambda r, c: {"table": label, "cell": f"R{r + 1}C{c + 1}"})
        self.b.tables.append(Table(title=title if len(title) <= 60 else "", rows=out, source="html",
                                   span=out[0].span.cover(out[-1].span)))
        self.last_line = ""
        return True


def _span(value) -> int:
    try:
        return max(0, min(int(str(value).strip() or 1), _MAX_SPAN))
    except ValueError:
        return 1


def read_html(path: str) -> Document:
    import lxml.etree
    import lxml.html

    with open(path, "rb") as f:
        data = f.read()
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", _decode(data, path))
    try:
        root = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as e:
        raise InputError(path, f"网页无法解析（{e}）", f"web page cannot be parsed ({e})") from None
    main = root.xpath("//main|//article")
    reader = _HtmlReader()
    reader.walk(main[0] if len(main) == 1 else root, reader.flow)
    reader.flow.flush()
    if not reader.b.pos:
        raise InputError(path, "网页中没有正文文字", "the web page holds no text")
    return reader.b.document(path, "html")
