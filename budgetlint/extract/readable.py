"""What cannot be read: glossed mirror copies, OCR noise and text cut off mid-sentence.

Lines that are a page's furniture (an address, an attached file's name,
「发布时间：」) are not the document and are left out silently; a clause holding
an address (「…c=show&id=12」) is not read (``has_address``, used by the assembler).
Documents copied from the web come as mirror copies in traditional characters
with pinyin glosses (「萬(wàn)元」), as OCR text whose cells run together
(「O76%」, 「100%22否」, 「1.561.56120」), or as excerpts cut at a fixed length.
None of that can be checked: reading it anyway produces subjects such as
「預(yù)算數(shù)」 and figures that are not the author's. Lines that look so are
kept out of extraction and counted in one ``Unreadable`` fact, which BL903
reports at info level. A glossed copy is unreadable as a whole (its plain
lines are the same machine's output), and the last clause of a text that
stops inside a number is not read either (「其他收入3.」); a list in a sentence
that the text stops in is taken as partial.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Optional

from ..facts import Unreadable
from ..normalize import Mapped
from ..segment import Sentence
from ..lazyre import lazy_compile

GLOSS = lazy_compile(r"[\u3400-\u9fff]\((?=[a-zü\u00e0-\u01dc]*[\u00e0-\u01dc])[a-zü\u00e0-\u01dc]{1,7}\)"
                    r"|[\u3400-\u9fff]\([a-z]{2,6}\)(?=[\u3400-\u9fff])")
# a gloss opens a bracket on a (lower-case, possibly accented) letter: a text without one holds no gloss
_GLOSS_SIGN = re.compile(r"\([a-zü\u00e0-\u01dc]")
# 「O76%」 (a letter O for a 0, not inside a word: looked behind after the letter, so re searches for it
# instead of trying the look-behind at every position), 「100%22」, 「1.561.56120」 (two points in one number).
# Three patterns, each searched for by its first character, not one alternation tried at every position.
_OCR = (re.compile(r"[OoIl](?<![A-Za-z][OoIl])\d+(?:\.\d+)?%"), re.compile(r"%\d"), re.compile(r"\.(?<=\d\.)\d+\.\d\d"))
# a page's own furniture, not the document: addresses, attached file names, publishing metadata
_META = re.compile(r"^\s*(?:https?://|www\.)\S*\s*$|^\s*(?:附件|相关附件)?[:：]?\s*\S{0,60}\.(?:xlsx?|docx?|pdf|wps|et)\s*$"
                   r"|^\s*(?:发布时间|发布日期|来源|浏览次数|阅读次数|点击数|访问次数|字号|信息来源|索引号)[:：]", re.I)
URL = re.compile(r"(?:https?://|www\.)[\w./?=&%#:;~+-]+|[\w.-]+\?[\w=&%.-]*=[\w=&%.-]*|[\w]+=[\w]+&[\w=&]+")


def has_address(text: str) -> bool:
    """Whether ``text`` holds a web address. Every form of ``URL`` holds 「://」, 「www.」, 「?」 or 「=」: a text
    with none of them is not searched (its names run from every character of a CJK text)."""
    return ("://" in text or "www." in text or "?" in text or "=" in text) and URL.search(text) is not None


_CUT = re.compile(r"(?:\ufffd|[,，、]|[\u4e00-\u9fff][\d.,]*\d\.?)\s*$")
_IN_NUMBER = lazy_compile(r"[\u4e00-\u9fff][\d.,]*\d\.?\s*$")


def _lines_holding(patterns, text: str, lines: list[tuple[int, str]]) -> set[int]:
    """The numbers of the lines holding a match of one of ``patterns``, none of which runs over a line break
    or needs a line's ends: the lines their matches in the whole text lie on (one scan of the text each, not
    one search a line)."""
    found = [m.start() for p in patterns for m in p.finditer(text)]
    starts = [pos for pos, _ in lines] if found else []
    return {bisect_right(starts, at) - 1 for at in found}


def unreadable(norm: Mapped, sentences: list[Sentence]) -> tuple[list[Sentence], Optional[Unreadable]]:
    """The sentences that can be read, and the fact that says how much could not be."""
    lines = norm.lines
    filled = [i for i, (_, ln) in enumerate(lines) if ln and not ln.isspace()]
    # every line of furniture holds a 「.」 or a colon (an address, a file's name, 「发布时间：」)
    meta = {i for i in filled if len(lines[i][1]) <= 60 and ("." in lines[i][1] or ":" in lines[i][1]
                                                             or "：" in lines[i][1]) and _META.match(lines[i][1])}
    filled = [i for i in filled if i not in meta] if meta else filled
    # no pattern needs a line's ends: a pattern the whole text does not hold, no line holds
    glossed = [i for i in filled if GLOSS.search(lines[i][1])] if _GLOSS_SIGN.search(norm.text) else []
    ocr = _lines_holding(_OCR, norm.text, lines)
    noisy = [i for i in filled if i in ocr] if ocr else []
    if len(glossed) >= 2 and 4 * len(glossed) >= len(filled):
        skip, reason = set(filled), "mirror"
    else:
        skip, reason = set(glossed) | set(noisy), ("ocr" if noisy else "gloss")
    tail = None
    left_out = skip | meta
    prose = [s for s in sentences if s.paragraph not in left_out] if left_out else sentences
    if prose and not norm.text[prose[-1].end:].strip():
        last = prose[-1]
        line = norm.text[norm.text.rfind("\n", 0, last.start) + 1:last.end]
        if _CUT.search(line) or (len(line.strip()) >= 40 and re.search(r"[\u4e00-\u9fff]\s*$", line)):
            tail = last  # a short unpunctuated last line is a heading or a list entry, not a cut
    dropped = False
    if tail is not None:
        tail.cut = True  # its lists are partial
        if _IN_NUMBER.search(tail.text):
            tail.clauses = tail.clauses[:-1]  # its last figure is cut short: not read, and said so
            dropped = True
    if not skip and not dropped:
        return prose, None
    chars = sum(len(lines[i][1].strip()) for i in skip)
    total = sum(len(lines[i][1].strip()) for i in filled) or 1
    first = min(skip) if skip else tail.paragraph
    start = lines[first][0]
    fact = Unreadable(span=norm.span(start, start + len(lines[first][1])), reason=reason if skip else "truncated",
                      lines=len(skip), characters=chars, share=round(chars / total, 3), truncated=dropped,
                      text=lines[first][1][:40])
    return prose, fact
