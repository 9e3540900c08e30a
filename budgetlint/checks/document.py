"""BL9xx document: what the parser could not understand (coverage, at info level)."""
from __future__ import annotations

from ..facts import Unparsed
from ..model import Evidence, Severity
from . import rule


@rule("BL901", "not-checked", Severity.INFO)
def not_checked(ctx) -> None:
    """未能解析的数字表述 — a statement with figures that budgetlint could not parse, so it was not checked.

    Users must be able to tell "no error" from "not understood": every clause
    that holds a money amount or a percentage but matched no statement form of
    the grammar is listed at info level. ``budgetlint facts`` shows the share
    of such numbers per document.

    Fix: nothing to fix in the document; rephrase only if you want it checked,
    or report the wording so the grammar can learn it.
    """
    for u in ctx.facts.of(Unparsed):
        ctx.report(u.span, zh=f"未能解析的数字表述（{u.numbers} 个数字未核对）",
                   en=f"statement not understood ({u.numbers} figures not checked)",
                   evidence=Evidence(note=u.text))


@rule("BL902", "page-not-read", Severity.INFO)
def not_read(ctx) -> None:
    """未能读取的页面 — a page the reader could not read (a scanned image without a text layer), so nothing on it was checked.

    A scanned page passes every check because no number on it is seen; this
    note makes sure it never passes silently. With the optional extra
    ``budgetlint[ocr]`` such pages are read by OCR instead (and findings that
    rest on OCR'd figures are at most warnings).

    Example: a 决算 PDF whose pages 5–7 are scanned tables gives 「第 5 页是扫描图像，没有文字层，其上内容未检查」.

    Fix: publish the document with its text layer (export from Word or WPS
    instead of scanning), or install ``budgetlint[ocr]``.
    """
    for note in ctx.doc.notes:
        ctx.report(note.span, zh=note.zh, en=note.en)
