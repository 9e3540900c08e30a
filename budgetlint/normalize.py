"""Normalisation with an offset map back to the original characters.

Each pass rewrites the text and keeps, for every output character, the range of
original characters it stands for, so a span found in the normalised copy is
reported on the characters the author wrote (DESIGN: spans refer to the file).
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, chain

from .lazyre import lazy_compile
from .model import Span

_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0xFE6A: 0x25})
_FULLWIDTH_CHAR = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FULLWIDTH)) + "]")

_LATEX = [
    (re.compile(r"\\(?:text|mathrm|textrm|mbox)\s*\{([^{}]*)\}"), None),
    (re.compile(r"\\%"), "%"),
    (re.compile(r"\\div\b"), "÷"),
    (re.compile(r"\\(?:times|cdot)\b"), "×"),
    (re.compile(r"\\(?:leq|le|leqslant)\b"), "≤"),
    (re.compile(r"\\(?:geq|ge|geqslant)\b"), "≥"),
    (re.compile(r"\\(?:Sigma|sum)\b"), "Σ"),
    # 「\left」, 「\,」 and the delimiters 「$」 「{」 「}」, dropped. No match of the first holds a delimiter, so
    # dropping them after it drops what one alternation would; each is searched for as a literal, which re
    # does far quicker than a set of first characters
    (re.compile(r"\\(?:(?:left|right|displaystyle)\b|[,;! ])"), ""),
    (re.compile(r"\$"), ""), (re.compile(r"\{"), ""), (re.compile(r"\}"), ""),
]
_LATEX_SIGNS = "\\${}"  # every pattern above holds one of these: a text without them skips them all
# Both patterns start with the character they match and look behind it afterwards (「(?<!a)b」 written
# 「b(?<!ab)」): re then searches for that character instead of trying the look-behind at every position.
_THOUSANDS = re.compile(r"\d(?<![\d.,]\d)\d{0,2}(?:,\d{3})+(?![\d,])")  # 1,234,567 not after a digit . or ,
_GROUPED = re.compile(r",(?<=\d,)\d{3}")  # every number _THOUSANDS reads holds a digit, a comma and three digits
CJK = "\u4e00-\u9fff"
_CJK_PUNCT = "，。、；：（）“”‘’《》【】,;:()"
_SPACE = re.compile(  # a space between CJK (or punctuation) and CJK, a digit or punctuation; after a number;
    # any spaces between a number and its % or 元 (「下降 4.03  %」, 「80  万元」 as PDFs give them). Each is the
    # first of its run: one test of the character before puts aside the rest of a run (blanked table rows) at once
    rf" (?<=[^ ] )(?:(?<=[{CJK}{_CJK_PUNCT}] )(?=[{CJK}\d{_CJK_PUNCT}])|(?<=[\d%.] )(?=[{CJK}{_CJK_PUNCT}])|(?<=\d ) *(?=%|[万亿千]?元))"
)
_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d)|第[一二三四五六七八九十]+部分|[-•])")
_SENTENCE_END = "。！？；：!?;:"
_CR = re.compile(r"\r")
_GAP = re.compile(r"\S {2,}\S")
_COMMA = re.compile("[，。,]")
# the line-joining tests: compiled on first use (a one-line text never joins lines, and each CJK class
# costs re a loop over 20,000 characters to compile)
_WRAPS_AFTER = lazy_compile(rf"[{CJK}\d.%、（(，,]")
_SEMICOLON = lazy_compile("[；;]")
_GOES_ON = lazy_compile(rf"[{CJK}%\d，,、；;）)]")  # no line of its own starts with 「，」: a wrapped one goes on
_ITEM_BRACKET = lazy_compile(r"\((?:类|款|项)\)")
_HAN = lazy_compile(f"[{CJK}]")
_CLAUSE_MARK = lazy_compile("[，。,;；:：]")


_COUNTING = array("I")  # 0, 1, 2 … up to the longest text seen: an identity map is two copies of memory from it


@dataclass
class Mapped:
    """A string with, for each character, the [start, end) range it covers in the source.

    The ranges are machine-integer arrays (4 bytes a character each, not a
    Python int object), so memory stays a small multiple of the text.
    """

    text: str
    starts: array
    ends: array

    @classmethod
    def identity(cls, text: str, offset: int = 0) -> "Mapped":
        stop = offset + len(text)
        if len(_COUNTING) <= stop:
            _COUNTING.extend(range(len(_COUNTING), stop + 1))
        return cls(text, _COUNTING[offset:stop], _COUNTING[offset + 1:stop + 1])

    def sub(self, pattern: re.Pattern, repl) -> "Mapped":
        """Replace matches; ``repl`` is a string, or None to keep group 1 with its own offsets."""
        if repl:
            return self._replace([m.span() for m in pattern.finditer(self.text) if m.start() != m.end()], repl)
        if repl is None:  # what stands around group 1 is dropped
            return self.delete([cut for m in pattern.finditer(self.text) if m.start() != m.end()
                                for cut in ((m.start(), m.start(1)), (m.end(1), m.end()))])
        return self.delete([m.span() for m in pattern.finditer(self.text) if m.start() != m.end()])

    def delete(self, stretches: list[tuple[int, int]]) -> "Mapped":
        """Drop the [start, end) ``stretches`` (in order, not overlapping).

        Most passes drop nothing: no copy of the text and its maps. Otherwise the stretches kept are
        copied whole, the maps' through memory views (no array made for each), each in one comprehension:
        a pass that drops the spaces of a text drops hundreds of stretches.
        """
        if not stretches:
            return self
        kept = _between(stretches, len(self.text))
        starts, ends = memoryview(self.starts), memoryview(self.ends)
        return Mapped("".join([self.text[a:b] for a, b in kept]), array("I", b"".join([starts[a:b] for a, b in kept])),
                      array("I", b"".join([ends[a:b] for a, b in kept])))

    def _replace(self, found: list[tuple[int, int]], repl: str) -> "Mapped":
        """Each [start, end) of ``found`` (in order, not overlapping) replaced by ``repl``, whose characters each stand for
        the whole stretch replaced."""
        if not found:
            return self
        text, starts, ends = self.text, memoryview(self.starts), memoryview(self.ends)
        out, new_starts, new_ends, pos = [], [], [], 0
        for start, end in found:
            out += [text[pos:start], repl]
            new_starts += [starts[pos:start], array("I", [starts[start]]) * len(repl)]
            new_ends += [ends[pos:start], array("I", [ends[end - 1]]) * len(repl)]
            pos = end
        out.append(text[pos:])
        new_starts.append(starts[pos:])
        new_ends.append(ends[pos:])
        return Mapped("".join(out), array("I", b"".join(new_starts)), array("I", b"".join(new_ends)))

    def without(self, chars: str) -> "Squeezed":
        """This text with every occurrence of ``chars`` dropped, mapped back through this one.

        No offsets are copied: the squeezed text keeps one entry per stretch of
        characters it kept, and finds a span by bisecting over them. A document
        with 100,000 spaces costs a list of the stretches between them, not
        arrays as long as its text.
        """
        # kept, dropped, kept, … kept (perhaps empty). A run written 「[c][c]*」, not 「[c]+」: re searches for a
        # pattern's first set when it starts with one, and tries a repeat at every position
        one = f"[{re.escape(chars)}]"
        parts = re.split(f"({one}{one}*)", self.text)
        kept = parts[::2]
        base_at = list(accumulate(map(len, parts), initial=0))[::2]  # where each kept stretch starts
        return Squeezed("".join(kept), self, list(accumulate(map(len, kept), initial=0))[:-1], base_at)

    @cached_property
    def lines(self) -> list[tuple[int, str]]:
        """(offset, text) of every line: split once for the readers that go through the text line by line."""
        out, pos = [], 0
        for line in self.text.split("\n"):
            out.append((pos, line))
            pos += len(line) + 1
        return out

    def drop_lines(self) -> None:
        """Free ``lines`` once the readers that go line by line are done: on a large document the list
        (a tuple and a string a line) is megabytes that the rest of the pipeline would hold at its peak."""
        self.__dict__.pop("lines", None)

    def span(self, start: int, end: int) -> Span:
        """Source span of normalised range [start, end)."""
        if end <= start:
            s = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return Span(start=s, end=s)
        return Span(start=self.starts[start], end=self.ends[end - 1])


class _Unmapped(Mapped):
    """A text normalised without offset maps, for text that is read but never reported on (rubric cells):
    the same passes, none of them copying offsets."""

    @classmethod
    def identity(cls, text: str, offset: int = 0) -> "_Unmapped":
        return cls(text, None, None)

    def sub(self, pattern: re.Pattern, repl) -> "_Unmapped":
        return _Unmapped(pattern.sub(_kept if repl is None else lambda m: repl, self.text), None, None)

    def delete(self, stretches: list[tuple[int, int]]) -> "_Unmapped":
        return _Unmapped("".join([self.text[a:b] for a, b in _between(stretches, len(self.text))]), None, None)


def _kept(m: re.Match) -> str:
    return m.group(1)


def _between(stretches: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The [start, end) stretches of a text of ``length`` between ``stretches`` (in order, not overlapping)."""
    bounds = [0, *chain.from_iterable(stretches), length]  # kept, dropped, kept, …: each kept one an even pair
    return list(zip(bounds[::2], bounds[1::2]))


@dataclass
class Squeezed:
    """A ``Mapped`` text with characters dropped (``Mapped.without``): its kept stretches, where each
    starts here (``at``) and in the text it was squeezed from (``base_at``). An empty stretch starts where
    the next one does, and bisecting finds the last stretch starting at or before a character."""

    text: str
    base: Mapped
    at: list[int]
    base_at: list[int]

    def _base_index(self, i: int) -> int:
        k = bisect_right(self.at, i) - 1
        return self.base_at[k] + i - self.at[k]

    def span(self, start: int, end: int) -> Span:
        """Source span of the squeezed range [start, end), which is not empty."""
        return self.base.span(self._base_index(start), self._base_index(end - 1) + 1)


def _halfwidth(text: str) -> str:
    """Full-width forms and wide spaces as their plain twins, one for one.

    ``str.translate`` of a Chinese text looks every character up in the table
    (about 1 ms for 45 KB). A text holds a few distinct ones: each is replaced
    text-wide where it is first found, and the search goes on from there (the
    text before holds none any more): about a tenth of that.
    """
    at = _FULLWIDTH_CHAR.search(text)
    while at:
        text = text.replace(at.group(), chr(_FULLWIDTH[ord(at.group())]))
        at = _FULLWIDTH_CHAR.search(text, at.start())
    return text


def _thousands(m: Mapped) -> Mapped:
    """The text without the commas that group the digits of its numbers.

    Numbers are looked for only on the lines holding a comma with three digits after it, as every number
    read holds one (no number runs over a line): searching for a comma is far quicker than trying every
    digit of the text. A number 1,234,567 has a comma after its first group of digits and after every
    three digits since.
    """
    text, commas, done = m.text, [], 0
    for grouped in _GROUPED.finditer(text):
        if grouped.start() >= done:
            start, done = text.rfind("\n", 0, grouped.start()) + 1, text.find("\n", grouped.end())
            done = len(text) if done < 0 else done
            commas += [(i, i + 1) for mt in _THOUSANDS.finditer(text, start, done)
                       for i in range(text.index(",", mt.start()), mt.end(), 4)]
    return m.delete(commas)


def _is_table_line(line: str) -> bool:
    return "\t" in line or ("  " in line and bool(_GAP.search(line.strip())))  # a gap holds two spaces


def _may_wrap(line: str) -> bool:
    """Whether a stripped line is long (a full text line) and ends where PDF lines wrap: mid-word, after a
    comma, or after the ； between two items of a list that fills several lines."""
    return len(line) >= 20 and bool(_WRAPS_AFTER.match(line[-1])
                                    or (line[-1] in "；;" and len(line) >= 30 and _SEMICOLON.search(line[:-1])))


def _is_heading(line: str) -> bool:
    return bool(_MARKER.match(line)) and not _COMMA.search(line)


def _join_broken_lines(m: Mapped) -> Mapped:
    """Rejoin paragraphs that PDF extraction broke mid-word or mid-number.

    A line is continued when it is long (a full text line), does not end a
    sentence (a ； that ends a full line of ；-separated items does not), and the next non-blank line (at most two blank lines later)
    starts with a CJK character or digit and is not a new list item. Short
    lines and headings are left alone; table rows are never joined.
    """
    lines = m.text.split("\n")
    stripped = [ln.strip() for ln in lines]
    before = list(accumulate(map(len, lines), initial=0))  # the characters of the lines before, without breaks
    drop: list[tuple[int, int]] = []
    joined_to = 0  # a line joined to the one before is tested as the next one's start, never as a middle
    for i in [i for i, cur in enumerate(stripped[:-1]) if len(cur) >= 20]:  # most lines are short or blank
        cur = stripped[i]
        if i < joined_to or not _may_wrap(cur):
            continue
        j = i + 1
        while j < len(lines) and j - i <= 3 and not stripped[j]:
            j += 1
        if j >= len(lines) or j - i > 3:
            continue
        nxt = lines[j].lstrip()
        ok = (
            nxt
            and not _is_table_line(lines[i]) and not _is_table_line(lines[j])
            and not _MARKER.match(nxt)
            and (_GOES_ON.match(nxt[0]) or _ITEM_BRACKET.match(nxt))  # 「…服务支出\n（类）」
            and not (_is_heading(cur) and (not _HAN.match(nxt[0]) or lines[i].endswith(" ")))  # a heading ends its line
            and not (nxt[0].isdigit() and not _CLAUSE_MARK.search(cur))  # a title over a paragraph
        )
        if ok:
            end_cur = before[i] + i + len(lines[i].rstrip())
            start_next = before[j] + j + (len(lines[j]) - len(nxt))
            drop.append((end_cur, start_next))
            joined_to = j
    return m.delete(drop)


def normalize(text: str, offset: int = 0, join_lines: bool = True, mapped: bool = True) -> Mapped:
    """Return the normalised copy of ``text`` with its offset map (offsets start at ``offset``; no map when
    not ``mapped``)."""
    m = (Mapped if mapped else _Unmapped).identity(text, offset)
    m = _thousands(m)
    m = type(m)(_halfwidth(m.text), m.starts, m.ends)
    m = m.sub(_CR, "")
    if any(c in m.text for c in _LATEX_SIGNS):  # a search per character: each is quicker than one for a set
        for pattern, repl in _LATEX:
            m = m.sub(pattern, repl)
    m = m.sub(_SPACE, "")
    if join_lines:
        m = _join_broken_lines(m)
    return m
