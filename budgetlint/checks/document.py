"""BL9xx document: what the parser could not understand (coverage, at info level)."""
from __future__ import annotations

from ..facts import Unparsed, Unreadable
from ..model import Evidence, Severity
from . import rule


@rule("BL901", "not-checked", Severity.INFO)
def not_checked(ctx) -> None:
    """未能解析的数字表述 — a statement with figures that budgetlint could not parse, so it was not checked.

    What it checks: users must be able to tell "no error" from "not understood": every clause
    that holds a money amount or a percentage but matched no statement form of
    the grammar is listed at info level. ``budgetlint facts`` shows the share
    of such numbers per document.

    Why it matters: a document with no finding but many statements not understood was not really
    checked; the note keeps the two apart.

    Example: 「指标1：集装箱 50.87万标箱」: a figure in a wording the grammar does not know.

    Fix: nothing to fix in the document; rephrase only if you want it checked,
    or report the wording so the grammar can learn it.
    """
    for u in ctx.facts.of(Unparsed):
        ctx.report(u.span, zh=f"未能解析的数字表述（{u.numbers} 个数字未核对）",
                   en=f"statement not understood ({u.numbers} figures not checked)",
                   evidence=Evidence(note=u.text))


_WHY = {"mirror": ("带拼音注音的繁体镜像副本", "a mirror copy with pinyin glosses"),
        "gloss": ("带拼音注音的行", "lines with pinyin glosses"),
        "ocr": ("OCR 识别噪声（如「O76%」「100%22否」）", "OCR noise (such as 'O76%', '100%22否')"),
        "truncated": ("文本在句中截断", "the text stops mid-sentence")}


@rule("BL903", "not-readable", Severity.INFO)
def not_readable(ctx) -> None:
    """无法读取的内容，未检查 — part of the document is garbled or cut off, so it was not checked.

    What it checks: pages copied from the web come as mirror copies in traditional
    characters with pinyin glosses (「萬(wàn)元」), as OCR text whose cells run
    together (「O76%」, 「100%22否」), or cut at a fixed length in mid-sentence.
    Such lines are not read; one note says how much of the document that is.

    Why it matters: their figures are not the author's, and reading them gives
    false alarms; the note keeps "no error" from being mistaken for "checked".

    Example: 「“三公”經(jīng)費(fèi)支出合計(jì)35萬(wàn)元」 on two lines of three.

    Fix: lint the original document (the PDF or Word file), not the copy.
    """
    for u in ctx.facts.of(Unreadable):
        zh, en = _WHY[u.reason]
        if u.reason == "truncated":
            ctx.report(u.span, zh="文本在句中截断：最后一个分句未检查，该句中的列举视为不完整",
                       en="the text stops mid-sentence: its last clause is not checked, a list in it is taken as partial",
                       evidence=Evidence(note=u.text))
            continue
        cut = ("；文本在句中截断，最后一句的列举视为不完整", "; the text stops mid-sentence, its last list is taken as partial") \
            if u.truncated else ("", "")
        ctx.report(u.span, zh=f"{zh}：{u.lines} 行（{u.share:.0%} 的文字）未检查{cut[0]}",
                   en=f"{en}: {u.lines} lines ({u.share:.0%} of the text) not checked{cut[1]}",
                   evidence=Evidence(note=u.text))


@rule("BL902", "page-not-read", Severity.INFO)
def not_read(ctx) -> None:
    """未能读取的页面 — a page the reader could not read (a scanned image without a text layer), so nothing on it was checked.

    What it checks: every page the reader noted as unread (an image without a
    text layer) gets one info note. With the optional extra ``budgetlint[ocr]``
    such pages are read by OCR instead (and findings that rest on OCR'd
    figures are at most warnings).

    Why it matters: a scanned page passes every check because no number on it
    is seen; this note makes sure it never passes silently.

    Example: a 决算 PDF whose pages 5–7 are scanned tables gives 「第 5 页是扫描图像，没有文字层，其上内容未检查」.

    Fix: publish the document with its text layer (export from Word or WPS
    instead of scanning), or install ``budgetlint[ocr]``.
    """
    for note in ctx.doc.notes:
        ctx.report(note.span, zh=note.zh, en=note.en)
