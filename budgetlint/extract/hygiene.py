"""Hygiene matches and the report year: the plain patterns the BL91x rules judge.

Template leftovers (XX, 「增长（下降）」, 「（如持平作持平表述）」), years in
headings, 截至 dates and year-over-year comparisons, rates written without
their unit and doubled punctuation. Each is read here once, from prose lines
only (table rows with tabs and the dot leaders of a table of contents are
skipped), as a ``facts.Hygiene`` fact; the rules decide what is wrong.
"""
from __future__ import annotations

import re
from typing import Iterator, Optional

from .. import vocabulary as V
from ..facts import Hygiene
from ..model import Span

_CHANGE_WORDS = ("增加", "减少", "增长", "下降", "上升", "降低") + tuple(
    w for w, r in V.COMPARISON.items() if len(w) == 2 and r in "<>")
_ALTERNATIVE_WORDS = V.alternation(_CHANGE_WORDS)
_PUNCT = "。，、；：！？,;"
# Each pattern starts with one character or set, which re searches for quickly; one that starts with a
# look-behind, or with alternatives that do not each start with a plain character, is tried at every position.
# So a look-behind comes after the character it looks back from (「(?<!…)X」 written 「X(?<!….)」), and
# alternatives share their first character, each checking which one it was (「(?<=[Xx])」).
PATTERNS: dict[str, re.Pattern] = {
    "placeholder": re.compile(r"[Xx×✕*＊](?<![A-Za-z].)"  # XX, ××, *** not inside a word
                              r"(?:(?<=[Xx])[Xx]+|(?<=[×✕])[×✕]+|(?<=[*＊])[*＊]{2,})(?![A-Za-z])"),
    "alternative": re.compile(rf"({_ALTERNATIVE_WORDS})\s*[(（]\s*({_ALTERNATIVE_WORDS})\s*[)）]"),
    "instruction": re.compile(
        r"[(（【仍并](?:(?<=[(（【])[^()（）【】\n]{0,30}"
        r"(?:如持平|如无|如有|不涉及的?不列|请填|请根据|填写|此处|根据实际|按实际情况|可选(?!项)|删除)[^()（）【】\n]{0,30}[)）】]"
        r"|(?<=仍)保留该表格式[^。\n]*|(?<=并)在本表下方作下述说明)"),
    "heading_year": re.compile(r"(20\d\d)\s*年度?\s*(?:部门|单位)?\s*决算"),
    "until_year": re.compile(r"截[至止]\s*(20\d\d)\s*年\s*12\s*月\s*31\s*日"),
    "previous_year": re.compile(r"(?:与|较|比|同)\s*(?:上年度?|上一年度?)?\s*[(（]?\s*(20\d\d)\s*年度?\s*[)）]?\s*"
                                r"(?:相比|比较|对比|同期|决算|增|减|持平|[,，])"),
    "bare_rate": re.compile(r"(增长|下降|增加|减少|上升|降低|提高|占|完成[^，。；]{0,8}的)\s*(\d+\.\d+)\s*(?=[。，；,;])"),
    "doubled": re.compile(rf"([{_PUNCT}])(?<![{_PUNCT}].)\1(?![{_PUNCT}])"),
}
# One scan of the text finds where any pattern but 「doubled」 matches: the search stops only at a character
# one of them starts with (their first sets above, in order), and a look-ahead inside a one-character
# look-behind tries them all from there. 「doubled」 (a back-reference, which no look-behind may hold) and
# stopping at every mark of punctuation is scanned on its own.
_STARTS = "Xx×✕*＊" + "".join(w[0] for w in _CHANGE_WORDS) + "(（【仍并" + "2" + "截" + "与较比同" + "增下减上降提占完"
_ANY = re.compile(f"[{re.escape(_STARTS)}](?<=(?=" + "|".join(
    f"(?:{p.pattern})" for what, p in PATTERNS.items() if what != "doubled") + ")(?s:.))")
_ZERO = re.compile(r"\s*(?:为\s*)?[0０](?:[.．][0０]*)?(?![\d.．])")  # 「增加（减少）0万元」: both words are true
_TOC = re.compile(r"(?:\.{4,}|…{2,}|·{4,}|-{4,})\s*\d*\s*$")
_YEAR = re.compile(r"(20\d\d)年")


def _lines(text: str, starts: set[int]) -> Iterator[tuple[int, str]]:
    """(start offset, line) for every prose line starting at one of ``starts``, in order: table rows (tabs)
    and table-of-contents lines skipped."""
    for pos in sorted(starts):
        end = text.find("\n", pos)
        line = text[pos:end if end >= 0 else len(text)]
        if "\t" not in line.strip() and not _TOC.search(line):
            yield pos, line


def _quoted(text: str, at: int) -> bool:
    """Whether ``at`` lies inside 「“…”」 opened in its sentence (which PDF wrapping may have broken over lines)."""
    since = text[max(text.rfind("。", 0, at), text.rfind("\n\n", 0, at)) + 1:at]
    return since.count("“") > since.count("”")


def _is_heading(line: str) -> bool:
    """A short line of its own, not a sentence: a title or section heading (no comma in it: a line of
    running text that PDF wrapping cut short has one)."""
    line = line.strip()
    return len(line) <= 40 and not line.endswith(("。", "；")) and "，" not in line and "," not in line


def _touched(pattern: re.Pattern, text: str) -> set[int]:
    """The start offsets of the lines that ``pattern``'s matches over the whole text reach.

    No pattern needs a line's ends, so a match inside a line is a match of the whole text at the same
    place, or that place lies inside a match of the whole text: the lines reached are the only ones to
    read line by line (one scan of the text instead of one call per line and pattern). ``_ANY`` matches
    one character wherever one of its patterns matches the whole text, so it reaches those lines too.
    """
    out = set()
    for m in pattern.finditer(text):
        out.add(text.rfind("\n", 0, m.start()) + 1)
        nl = text.find("\n", m.start(), m.end())
        while nl != -1 and nl + 1 < m.end():
            out.add(nl + 1)
            nl = text.find("\n", nl + 1, m.end())
    return out


def find_hygiene(text: str) -> list[Hygiene]:
    """Every hygiene match of the source text, in line order."""
    out = []
    for start, line in _lines(text, _touched(_ANY, text) | _touched(PATTERNS["doubled"], text)):
        for what, pattern in PATTERNS.items():
            for m in pattern.finditer(line):
                before = line[:m.start()]
                if what == "placeholder" and _quoted(text, start + m.start()):
                    continue  # quoted: the text mentions the template's wording, as in 「未描述“完成年初预算的XX%”」
                if what == "alternative" and _ZERO.match(line, m.end()):
                    continue
                if what == "heading_year" and not _is_heading(line):
                    continue  # 「公开了2020年度决算信息」 in running text names another year on purpose
                key = m.lastindex and (2 if what == "bare_rate" else 1)
                own = _YEAR.findall(before)
                out.append(Hygiene(
                    span=Span(start=start + m.start(), end=start + m.end()), text=m.group(), what=what,
                    words=[g for g in m.groups() if g is not None],
                    part=Span(start=start + m.start(key), end=start + m.end(key)) if key else None,
                    own_year=int(own[-1]) if own else None))
    return out


def final_accounts_note(text: str) -> Optional[Span]:
    """The first 「决算」 of a text that is a 决算 情况说明 (names 决算 three times or more, and 情况说明)."""
    at = text.find("决算")
    if at < 0 or text.count("决算") < 3 or "情况说明" not in text:
        return None
    return Span(start=at, end=at + 2)
